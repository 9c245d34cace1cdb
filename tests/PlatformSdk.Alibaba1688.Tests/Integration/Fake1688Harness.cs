using PlatformSdk.Testing.Logging;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Alibaba1688.Models.Auth;
using PlatformSdk.Alibaba1688.Models.PreOrders;
using PlatformSdk.Http;
using PlatformSdk.Testing;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Tokens;

namespace PlatformSdk.Alibaba1688.Tests.Integration;

/// <summary>
/// The bundled Fake1688Server plus a client wired as users wire it (AddPlatformSdk().UseTimeProvider().AddAlibaba1688(...)), with
/// only EndpointsOverride pointing at the fake. One fake clock drives both, so token lifetimes are deterministic.
/// </summary>
internal sealed class Fake1688Harness : IDisposable
{
    public const string MainShop = "main";
    public const string NoMarketShop = "nomarket";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    public static readonly Uri Callback = new("https://erp.example.com/1688/callback");

    private readonly bool _ownsFake;

    private Fake1688Harness(FakeTimeProvider time, Fake1688Server fake, ServiceProvider provider, CapturingLoggerProvider logs, bool ownsFake)
    {
        _ownsFake = ownsFake;
        Time = time;
        Fake = fake;
        Provider = provider;
        Logs = logs;
    }

    public FakeTimeProvider Time { get; }

    public Fake1688Server Fake { get; }

    public ServiceProvider Provider { get; }

    public CapturingLoggerProvider Logs { get; }

    public Alibaba1688Client Client => Provider.GetRequiredService<Alibaba1688Client>();

    public IAccessTokenStore Store => Provider.GetRequiredService<IAccessTokenStore>();

    public static Alibaba1688Endpoints EndpointsOf(Fake1688Server fake) => new(new Uri(fake.GatewayUrl, "openapi"), fake.AuthorizeUrl);

    public static Fake1688Harness Create(Action<Alibaba1688Options>? tweak = null, Fake1688Options? fakeOptions = null,
        IAccessTokenStore? sharedStore = null, Fake1688Server? sharedFake = null, FakeTimeProvider? sharedTime = null)
    {
        var time = sharedTime ?? new FakeTimeProvider(Start);
        var fake = sharedFake ?? new Fake1688Server(fakeOptions, time);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (sharedStore is not null)
        {
            services.AddSingleton(sharedStore);
        }

        services.AddPlatformSdk().UseTimeProvider(time).AddAlibaba1688(o =>
        {
            o.AppKey = fake.AppKey;
            o.AppSecret = fake.AppSecret;
            o.RedirectUri = Callback;
            o.EndpointsOverride = EndpointsOf(fake);
            // Market for pre-orders (R1688-04); the no-market shop deliberately has none configured locally either.
            o.Shops[MainShop] = new Alibaba1688ShopOptions { Market = "其他" };
            tweak?.Invoke(o);
        });
        services.Configure<PlatformResilienceOptions>("Alibaba1688", o =>
        {
            o.PermitsPerSecond = 0;
            o.BaseDelay = TimeSpan.Zero;
        });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new Fake1688Harness(time, fake, provider, logs, sharedFake is null);
    }

    public void Dispose()
    {
        Provider.Dispose();
        if (_ownsFake)
        {
            Fake.Dispose();
        }
    }

    /// <summary>
    /// The browser leg of OAuth: open the authorization URL as the shop's signed-in main account, read code and state from the 302
    /// to the callback (not followed: the callback is the ERP), then exchange the code as the ERP's callback handler would.
    /// </summary>
    public async Task<Alibaba1688TokenGrant> AuthorizeAsync(string shopName, string fakeShop)
    {
        Fake.SignIn(fakeShop);
        var state = "state-" + shopName;
        var (code, returnedState) = await OpenAuthorizePageAsync(Client.Auth.BuildAuthorizationUrl(state));
        Assert.Equal(state, returnedState);
        return await Client.Auth.ExchangeCodeAsync(shopName, code);
    }

    public static async Task<(string Code, string State)> OpenAuthorizePageAsync(Uri authorizationUrl)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(authorizationUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(Callback.AbsoluteUri, location.AbsoluteUri, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        return (query["code"]!, query["state"]!);
    }

    public static async Task<HttpStatusCode> ScanAsync(string payUrl)
    {
        using var phone = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await phone.GetAsync(new Uri(payUrl));
        return response.StatusCode;
    }

    /// <summary>The refresh-token grants in the journal (the initial code exchange is not a refresh).</summary>
    public IReadOnlyList<FakeJournalEntry> Refreshes()
        => Fake.CallsTo(Fake1688Routes.GetToken).Where(e => e.Form.TryGetValue("grant_type", out var g) && g == "refresh_token").ToArray();

    public static Alibaba1688Receiver Receiver() => new()
    {
        FullName = "张三",
        Mobile = "13800000000",
        Province = "浙江省",
        City = "杭州市",
        Area = "西湖区",
        Address = "文三路 1 号",
    };

    public static Alibaba1688PreOrderLine Line(long offerId, string? specId = null, int quantity = 1, decimal unitPrice = 25m, decimal listPrice = 25m) => new()
    {
        OfferId = offerId,
        SpecId = specId,
        Quantity = quantity,
        UnitPrice = unitPrice,
        ListPrice = listPrice,
    };

    public static Alibaba1688PreOrderRequest PreOrder(string salesOrderId, decimal freight, params Alibaba1688PreOrderLine[] lines) => new()
    {
        SalesOrderId = salesOrderId,
        Lines = lines,
        Freight = freight,
        Receiver = Receiver(),
    };
}
