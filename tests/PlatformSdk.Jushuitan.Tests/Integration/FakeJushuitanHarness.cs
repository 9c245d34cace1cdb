using PlatformSdk.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Jushuitan.Tests.Integration;

/// <summary>
/// The bundled FakeJushuitanServer plus a client wired exactly as users wire it (AddPlatformSdk().AddJushuitan(...)), with only
/// EndpointsOverride pointing at the fake. One fake clock drives both, so token expiry and 7-day windows are deterministic.
/// </summary>
internal sealed class FakeJushuitanHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private FakeJushuitanHarness(FakeTimeProvider time, FakeJushuitanServer fake, ServiceProvider provider, CapturingLoggerProvider logs)
    {
        Time = time;
        Fake = fake;
        Provider = provider;
        Logs = logs;
    }

    public FakeTimeProvider Time { get; }

    public FakeJushuitanServer Fake { get; }

    public ServiceProvider Provider { get; }

    public CapturingLoggerProvider Logs { get; }

    public JushuitanClient Client => Provider.GetRequiredService<JushuitanClient>();

    public static JushuitanEndpoints EndpointsOf(FakeJushuitanServer fake) => new(fake.LegacyUrl, fake.OpenApiUrl, new Uri(fake.Url + "/auth"));

    public static void UseFakeCredentials(JushuitanOptions o, FakeJushuitanServer fake, JushuitanProtocol protocol)
    {
        o.Protocol = protocol;
        o.EndpointsOverride = EndpointsOf(fake);
        o.Legacy.PartnerId = fake.PartnerId;
        o.Legacy.PartnerKey = fake.PartnerKey;
        o.Legacy.Token = fake.LegacyToken;
        o.OpenApi.AppKey = fake.AppKey;
        o.OpenApi.AppSecret = fake.AppSecret;
        o.OpenApi.AccessToken = fake.AccessToken;
        o.OpenApi.RefreshToken = fake.RefreshToken;
    }

    /// <summary>Fast, wall-clock-free resilience: no token bucket, no backoff (delays run on the fake clock anyway).</summary>
    public static void FastResilience(PlatformResilienceOptions o)
    {
        o.PermitsPerSecond = 0;
        o.BaseDelay = TimeSpan.Zero;
        o.MaxRetries = 3;
    }

    public static FakeJushuitanHarness Create(
        JushuitanProtocol protocol,
        Action<JushuitanOptions>? tweak = null,
        FakeJushuitanOptions? fakeOptions = null,
        Action<PlatformResilienceOptions>? resilience = null)
    {
        var time = new FakeTimeProvider(Start);
        var fake = new FakeJushuitanServer(fakeOptions, time);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddPlatformSdk().UseTimeProvider(time).AddJushuitan(o =>
        {
            UseFakeCredentials(o, fake, protocol);
            tweak?.Invoke(o);
        });
        services.Configure<PlatformResilienceOptions>("Jushuitan", o =>
        {
            FastResilience(o);
            resilience?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new FakeJushuitanHarness(time, fake, provider, logs);
    }

    public void Dispose()
    {
        Provider.Dispose();
        Fake.Dispose();
    }

    /// <summary>A valid order: two lines, a gift line at 0 (RJST-18) and freight; paid orders carry a pay node equal to pay_amount (RJST-19/20).</summary>
    public static JushuitanOrderUpload Order(string soId, bool paid, long shopId = FakeJushuitanSeed.OwnMallShopId, DateTimeOffset? orderDate = null) => new()
    {
        ShopId = shopId,
        SoId = soId,
        OrderDate = orderDate ?? Start,
        ShopStatus = paid ? JushuitanShopStatus.WaitSellerSendGoods : JushuitanShopStatus.WaitBuyerPay,
        PayAmount = 118.00m,
        Freight = 10.00m,
        ReceiverName = "张三",
        ReceiverMobile = "13800000000",
        ReceiverState = "浙江省",
        ReceiverCity = "杭州市",
        ReceiverDistrict = "西湖区",
        ReceiverAddress = "文三路 1 号",
        Items =
        [
            new JushuitanUploadItem { SkuId = "SKU-A", Name = "Tea", Price = 39.00m, Amount = 78.00m, Qty = 2, OuterOiId = soId + "-1" },
            new JushuitanUploadItem { SkuId = "SKU-B", Name = "Cup", Price = 30.00m, Amount = 30.00m, Qty = 1, OuterOiId = soId + "-2" },
            new JushuitanUploadItem { SkuId = "GIFT-1", Name = "Gift", Price = 0m, Amount = 0m, Qty = 1, IsGift = true, OuterOiId = soId + "-3" },
        ],
        Pay = paid ? new JushuitanUploadPay { OuterPayId = "PAY-" + soId, PayDate = Start, Payment = "支付宝", Amount = 118.00m } : null,
    };
}
