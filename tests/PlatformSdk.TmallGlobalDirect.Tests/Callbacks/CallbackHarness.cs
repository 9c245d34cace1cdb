using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;
using PlatformSdk.Inbox;
using PlatformSdk.Testing.Top;
using PlatformSdk.TmallGlobalDirect.Callbacks;
using PlatformSdk.Top;

namespace PlatformSdk.TmallGlobalDirect.Tests.Callbacks;

/// <summary>FakeTopServer + the direct-supply client wired through DI the way users do; one per test.</summary>
internal sealed class CallbackHarness : IAsyncDisposable
{
    public const string Supplier = "2200001234";
    public const string Store = "STORE_HZ_01";
    public static readonly string Shop = FakeTopSeed.MainSeller.Nick;

    private CallbackHarness(FakeTimeProvider time, FakeTopServer fake, ServiceProvider provider)
    {
        Time = time;
        Fake = fake;
        Provider = provider;
        Client = provider.GetRequiredService<TmallGlobalDirectClient>();
    }

    public FakeTimeProvider Time { get; }

    public FakeTopServer Fake { get; }

    public FakeTmallGlobalDirectModule Platform => Fake.TmallGlobalDirect;

    public ServiceProvider Provider { get; }

    public TmallGlobalDirectClient Client { get; }

    public static CallbackHarness Start()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));
        var fake = new FakeTopServer(new FakeTopOptions(), time);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IPushInbox>(new InMemoryPushInbox());
        services.AddPlatformSdk().UseTimeProvider(time).AddTmallGlobalDirect(o =>
        {
            o.AppKey = fake.AppKey;
            o.AppSecret = fake.AppSecret;
            o.SupplierId = Supplier;
            o.Shop = Shop;
        }, top =>
        {
            top.AppKey = fake.AppKey;
            top.AppSecret = fake.AppSecret;
            top.EndpointsOverride = new TopEndpoints(fake.RouterUrl, new Uri(fake.Url + "/router/qimen/service"));
            top.Sellers[Shop] = new TopSellerOptions { Session = FakeTopSeed.MainSeller.Session };
        });
        services.Configure<PlatformResilienceOptions>("Top", o =>
        {
            o.BaseDelay = TimeSpan.Zero;
            o.PermitsPerSecond = 0;
        });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new CallbackHarness(time, fake, provider);
    }

    /// <summary>An order of two lines (2 + 1 units) the fake knows, and its push as the inbox would hold it.</summary>
    public Push.ConsignOrderNotify AddOrder(string code)
    {
        Platform.AddOrder(code, [new("L1", "SC-1", 2), new("L2", "SC-2", 1)]);
        return new Push.ConsignOrderNotify
        {
            Method = Push.TmallGlobalDirectPushMethods.ConsignOrderNotify,
            BizOrderCode = code,
            SupplierId = Supplier,
            StoreCode = Store,
            Items = [new Push.ConsignOrderItem { SubOrderCode = "L1", ScItemId = "SC-1", Quantity = 2 }, new Push.ConsignOrderItem { SubOrderCode = "L2", ScItemId = "SC-2", Quantity = 1 }],
        };
    }

    public static ConsignOrderShipRequest WholeShipment(string code, Push.ConsignOrderNotify? order = null, string outBizId = "SHIP-0001") => new()
    {
        BizOrderCode = code,
        OutBizId = outBizId,
        StoreCode = Store,
        Order = order,
        Lines = [new() { SubOrderCode = "L1", ScItemId = "SC-1", Quantity = 2 }, new() { SubOrderCode = "L2", ScItemId = "SC-2", Quantity = 1 }],
        Packages =
        [
            new() { WaybillNumber = "SF1000001", CarrierCode = "SF", Lines = [new() { SubOrderCode = "L1", ScItemId = "SC-1", Quantity = 2 }] },
            new() { WaybillNumber = "SF1000002", CarrierCode = "SF", Lines = [new() { SubOrderCode = "L2", ScItemId = "SC-2", Quantity = 1 }] },
        ],
    };

    public int CallsTo(string method) => Fake.CallsTo(method).Count;

    public int AllCalls => FakeTmallGlobalDirectMethods.All.Sum(CallsTo);

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
