using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;
using PlatformSdk.Top;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace PlatformSdk.TaobaoVoucher.Tests.Client;

/// <summary>A loopback TOP router: records every form and answers with the test's reply (status, body) per call.</summary>
internal sealed class VoucherStub : IDisposable
{
    private readonly WireMockServer _server;

    public VoucherStub(Func<IReadOnlyDictionary<string, string>, (int Status, string Body)> reply)
    {
        _server = WireMockServer.Start();
        Url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_server.Port}");
        _server.Given(Request.Create().UsingAnyMethod().WithPath(static _ => true)).RespondWith(Response.Create().WithCallback(message =>
        {
            var form = Parse(message.Body);
            Requests.Enqueue(form);
            var (status, body) = reply(form);
            return new ResponseMessage
            {
                StatusCode = status,
                BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = new UTF8Encoding(false) },
            };
        }));
    }

    public string Url { get; }

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Requests { get; } = new();

    public IReadOnlyDictionary<string, string>[] CallsTo(string method) => Requests.Where(r => r.GetValueOrDefault("method") == method).ToArray();

    public static (int, string) Ok(string method, string inner) => (200, $"{{\"{method.Replace('.', '_')}_response\":{inner}}}");

    public void Dispose() => _server.Stop();

    private static Dictionary<string, string> Parse(string? encoded)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (encoded ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            fields[Uri.UnescapeDataString(parts[0].Replace('+', ' '))] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : string.Empty;
        }

        return fields;
    }
}

/// <summary>Builds the client over DI against a stub, on a fake clock.</summary>
internal sealed class VoucherHost : IDisposable
{
    public const string Seller = "shop-a";

    public VoucherHost(VoucherStub stub, Action<TaobaoVoucherOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(Time).AddTop(o =>
        {
            o.AppKey = "12345678";
            o.AppSecret = "voucher-test-secret";
            o.EndpointsOverride = new TopEndpoints(new Uri(stub.Url + "/router/rest"), new Uri(stub.Url + "/router/qimen/service"));
            o.Sellers[Seller] = new TopSellerOptions { Session = "6100-session" };
        }).AddTaobaoVoucher(o =>
        {
            o.Seller = Seller;
            o.CodeMerchantId = 9001;
            o.BizType = 1;
            configure?.Invoke(o);
        });
        services.Configure<PlatformResilienceOptions>("Top", o =>
        {
            o.BaseDelay = TimeSpan.Zero;
            o.PermitsPerSecond = 0;
        });
        Provider = services.BuildServiceProvider();
        Provider.GetRequiredService<IStartupValidator>().Validate();
        Client = Provider.GetRequiredService<TaobaoVoucherClient>();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 6, 1, 2, 0, 0, TimeSpan.Zero));

    public ServiceProvider Provider { get; }

    public TaobaoVoucherClient Client { get; }

    public void Dispose() => Provider.Dispose();
}
