using PlatformSdk.Logistics.Sync;

namespace PlatformSdk.Logistics.Tests.Sync.Stores;

/// <summary>The contract on the reference in-memory store; its "second instance on the same storage" is the same object.</summary>
public sealed class InMemoryShipmentSyncStoreContractTests : ShipmentSyncStoreContractTests
{
    private InMemoryShipmentSyncStore? _store;

    protected override IShipmentSyncStore OpenStore(TimeProvider time) => _store ??= new InMemoryShipmentSyncStore(time);

    protected override Task DeleteStorageAsync() => Task.CompletedTask;
}
