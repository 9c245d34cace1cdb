using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlatformSdk.Logistics.Sync;
using static PlatformSdk.Logistics.Tests.Sync.SyncKit;

namespace PlatformSdk.Logistics.Tests.Sync;

public sealed class SyncRegistrationTests
{
    [Fact]
    public async Task AddLogistics_registers_the_engine_over_the_registered_senders_with_the_in_memory_store_by_default()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var services = new ServiceCollection();
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sync:Mode"] = "Manual",
            ["Sync:MaxAttempts"] = "5",
        }).Build();
        services.AddPlatformSdk().AddLogistics(section, o => o.ConfigureCarriers(b => b.AddCarrier(Carrier, "测试快递").Map(Carrier, ShipmentPlatforms.Douyin, "ceshi")))
            .AddShipmentSender(_ => sender);
        await using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<ShipmentSyncEngine>();

        Assert.IsType<InMemoryShipmentSyncStore>(provider.GetRequiredService<IShipmentSyncStore>());
        Assert.Equal((ShipmentSyncMode.Manual, 5), (engine.Options.Mode, engine.Options.MaxAttempts));
        Assert.Equal([ShipmentPlatforms.Douyin], engine.Platforms);
        Assert.Equal(ShipmentSyncStatus.WaitingForManualSync, (await engine.SubmitAsync(Ship("DI-1"))).Status);
    }

    [Fact]
    public void A_store_registered_by_the_user_is_the_one_the_engine_uses()
    {
        var store = new InMemoryShipmentSyncStore();
        var services = new ServiceCollection();
        services.AddSingleton<IShipmentSyncStore>(store);
        services.AddPlatformSdk().AddLogistics(_ => { });
        using var provider = services.BuildServiceProvider();

        Assert.Same(store, provider.GetRequiredService<IShipmentSyncStore>());
        Assert.NotNull(provider.GetRequiredService<ShipmentSyncEngine>());
    }

    [Fact]
    public void Two_senders_for_one_platform_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ShipmentSyncEngine(
            [new FaultInjectingSender("PDD", Pdd), new FaultInjectingSender(ShipmentPlatforms.Pinduoduo, Pdd)], new InMemoryShipmentSyncStore(), SyncKit.Carriers, new ShipmentSyncOptions()));

        Assert.Contains("Pinduoduo", ex.Message, StringComparison.Ordinal);
    }
}
