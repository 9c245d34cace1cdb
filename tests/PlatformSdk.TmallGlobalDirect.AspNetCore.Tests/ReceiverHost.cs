using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Inbox;
using PlatformSdk.Testing.TmallGlobalDirect;

namespace PlatformSdk.TmallGlobalDirect.AspNetCore.Tests;

/// <summary>A real Kestrel app on a loopback port with the endpoint mapped at <c>/qimen</c>, an inbox double and a fake clock.</summary>
internal sealed class ReceiverHost : IAsyncDisposable
{
    public const string Secret = "erp-app-secret";
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private ReceiverHost(WebApplication app, Uri url, RecordingPushInbox inbox, FakeTimeProvider time)
    {
        _app = app;
        Url = url;
        Inbox = inbox;
        Time = time;
    }

    public Uri Url { get; }

    public RecordingPushInbox Inbox { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<ReceiverHost> StartAsync(Action<TmallGlobalDirectOptions>? configure = null, long? serverBodyLimit = null)
    {
        var inbox = new RecordingPushInbox();
        var time = new FakeTimeProvider(Start);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (serverBodyLimit is { } serverLimit)
        {
            builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = serverLimit);
        }

        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IPushInbox>(inbox);
        builder.Services.AddSingleton<TimeProvider>(time);
        // The package always makes its callbacks through the TOP app, so TOP is configured too (the same app receives the pushes).
        builder.Services.AddPlatformSdk().AddTop(o =>
        {
            o.AppKey = "23000001";
            o.AppSecret = Secret;
        }).AddTmallGlobalDirectPushEndpoint(o =>
        {
            o.AppKey = "23000001";
            o.AppSecret = Secret;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.MapTmallGlobalDirectPush("/qimen");
        await app.StartAsync();
        var address = new Uri(app.Urls.Single());
        return new ReceiverHost(app, new Uri(address, "/qimen"), inbox, time);
    }

    public FakeTmallGlobalDirectPlatform Platform(int seed = 1, Action<FakeTmallGlobalDirectPlatformOptions>? configure = null)
    {
        var options = new FakeTmallGlobalDirectPlatformOptions { ReceiverUrl = Url, AppSecret = Secret, TimeProvider = Time, Seed = seed };
        configure?.Invoke(options);
        return new FakeTmallGlobalDirectPlatform(options);
    }

    /// <summary>The query string of a push signed now over <paramref name="body"/> (the fake's signer).</summary>
    public string SignedQuery(string method, string body, string secret = Secret)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("method", method),
            new("timestamp", Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
            new("format", "xml"),
            new("app_key", "23000001"),
            new("v", "2.0"),
            new("sign_method", "md5"),
            new("customerId", "fake-customer"),
        };
        query.Add(new("sign", FakeTmallGlobalDirectPlatform.Sign(secret, query, body)));
        return string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }

    /// <summary>
    /// Writes a raw HTTP/1.1 request head (and whatever body bytes are given, possibly fewer than announced) and reads the reply
    /// without closing the request: a reply proves the server answered without waiting for the rest of the body.
    /// </summary>
    public async Task<(int Status, string Body)> RawAsync(string head, byte[] bodyPart, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Url.Host, Url.Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
        await stream.WriteAsync(bodyPart, cancellationToken);
        await stream.FlushAsync(cancellationToken);

        var received = new List<byte>();
        var buffer = new byte[8192];
        while (true)
        {
            var text = Encoding.UTF8.GetString(received.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var headers = text[..end];
                var length = int.Parse(headers.Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))["Content-Length:".Length..].Trim(),
                    System.Globalization.CultureInfo.InvariantCulture);
                var bodyBytes = received.Skip(Encoding.UTF8.GetByteCount(text[..(end + 4)])).ToArray();
                if (bodyBytes.Length >= length)
                {
                    var status = int.Parse(headers.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                    return (status, Encoding.UTF8.GetString(bodyBytes, 0, length));
                }
            }

            var count = await stream.ReadAsync(buffer, cancellationToken);
            if (count == 0)
            {
                throw new IOException("The server closed the connection before a full reply: " + text);
            }

            received.AddRange(buffer.AsSpan(0, count).ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
