using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Inbox;
using PlatformSdk.Inbox.Sqlite;
using PlatformSdk.Jushuitan.Push;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Jushuitan.Tests.Push;

/// <summary>An inbox that fails the next <see cref="FailNextStores"/> stores, over a real SQLite inbox.</summary>
internal sealed class FlakyInbox(IPushInbox inner) : IPushInbox
{
    public int FailNextStores { get; set; }

    public int StoreCalls { get; private set; }

    public ValueTask<InboxStoreResult> StoreAsync(InboxPush push, CancellationToken cancellationToken = default)
    {
        StoreCalls++;
        if (FailNextStores > 0)
        {
            FailNextStores--;
            throw new IOException("disk full (test)");
        }

        return inner.StoreAsync(push, cancellationToken);
    }

    public ValueTask<IReadOnlyList<InboxMessage>> LeaseAsync(int maxMessages, TimeSpan leaseDuration, CancellationToken cancellationToken = default) => inner.LeaseAsync(maxMessages, leaseDuration, cancellationToken);

    public ValueTask<bool> CompleteAsync(InboxMessage message, CancellationToken cancellationToken = default) => inner.CompleteAsync(message, cancellationToken);

    public ValueTask<bool> AbandonAsync(InboxMessage message, string reason, CancellationToken cancellationToken = default) => inner.AbandonAsync(message, reason, cancellationToken);

    public ValueTask<InboxStoreResult> DeadLetterAsync(InboxPush push, string reason, CancellationToken cancellationToken = default) => inner.DeadLetterAsync(push, reason, cancellationToken);

    public ValueTask<IReadOnlyList<InboxMessage>> ListDeadLettersAsync(int maxMessages, CancellationToken cancellationToken = default) => inner.ListDeadLettersAsync(maxMessages, cancellationToken);

    public ValueTask<bool> ReplayAsync(string messageId, CancellationToken cancellationToken = default) => inner.ReplayAsync(messageId, cancellationToken);

    public ValueTask<int> PurgeCompletedAsync(DateTimeOffset completedBefore, int maxMessages, CancellationToken cancellationToken = default) => inner.PurgeCompletedAsync(completedBefore, maxMessages, cancellationToken);
}

/// <summary>A real Kestrel app on a loopback port: the minimal-API mapping of docs/jushuitan.md over a SQLite inbox and a fake clock.</summary>
internal sealed class PushReceiverHost : IAsyncDisposable
{
    public const string AppKey = "jst-app";
    public const string Secret = "jst-push-secret";
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly SqlitePushInbox _sqlite;
    private readonly string _directory;

    private PushReceiverHost(WebApplication app, Uri url, SqlitePushInbox sqlite, FlakyInbox inbox, FakeTimeProvider time, string directory)
    {
        _app = app;
        Url = url;
        _sqlite = sqlite;
        Inbox = inbox;
        Time = time;
        _directory = directory;
    }

    public Uri Url { get; }

    public FlakyInbox Inbox { get; }

    public FakeTimeProvider Time { get; }

    public JushuitanPushHandler Handler => _app.Services.GetRequiredService<JushuitanPushHandler>();

    public static async Task<PushReceiverHost> StartAsync(Action<JushuitanPushReceiverOptions>? configure = null)
    {
        var time = new FakeTimeProvider(Start);
        var directory = Path.Combine(Path.GetTempPath(), "jst-push-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var sqlite = new SqlitePushInbox(new SqlitePushInboxOptions { Path = Path.Combine(directory, "inbox.db"), TimeProvider = time });
        var inbox = new FlakyInbox(sqlite);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IPushInbox>(inbox);
        builder.Services.AddPlatformSdk().UseTimeProvider(time).AddJushuitanPushReceiver(o =>
        {
            o.AppKey = AppKey;
            o.AppSecret = Secret;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.MapPost("/jst/push", async (HttpContext context, JushuitanPushHandler handler) =>
        {
            var http = context.Request;
            var reply = await handler.HandleAsync(new JushuitanPushRequest
            {
                HttpMethod = http.Method,
                QueryString = http.QueryString.Value,
                Body = await ReadCappedAsync(http.Body, 1024 * 1024 + 1, context.RequestAborted),
                ContentType = http.ContentType,
            }, context.RequestAborted);
            context.Response.StatusCode = reply.StatusCode;
            context.Response.ContentType = reply.ContentType;
            await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
        });
        await app.StartAsync();
        return new PushReceiverHost(app, new Uri(new Uri(app.Urls.Single()), "/jst/push"), sqlite, inbox, time, directory);
    }

    // Reads at most limit bytes: the handler refuses anything longer than its limit, so reading more would only cost memory.
    private static async Task<byte[]> ReadCappedAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public FakeJushuitanPusher Pusher(Action<FakeJushuitanPusherOptions>? configure = null)
    {
        var options = new FakeJushuitanPusherOptions { ReceiverUrl = Url, AppKey = AppKey, AppSecret = Secret, TimeProvider = Time };
        configure?.Invoke(options);
        return new FakeJushuitanPusher(options);
    }

    public async Task<IReadOnlyList<InboxMessage>> DrainAsync()
    {
        var all = new List<InboxMessage>();
        while (await _sqlite.LeaseAsync(50, TimeSpan.FromMinutes(5)) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                await _sqlite.CompleteAsync(message);
            }

            all.AddRange(batch);
        }

        return all;
    }

    public ValueTask<IReadOnlyList<InboxMessage>> DeadLettersAsync() => _sqlite.ListDeadLettersAsync(100);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _sqlite.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is left in the temp folder; it does not affect other tests.
        }
    }
}
