using Microsoft.Data.Sqlite;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Logistics.Sync.Stores;

namespace PlatformSdk.Logistics.Tests.Sync.Stores;

/// <summary>The contract on a SQLite file of the test's own, deleted afterwards; each instance has a connection of its own.</summary>
public sealed class SqliteShipmentSyncStoreContractTests : ShipmentSyncStoreContractTests
{
    private readonly string _path = TempFile();

    internal static string TempFile() => Path.Combine(Path.GetTempPath(), "platformsdk-shipment-sync-" + Guid.NewGuid().ToString("N") + ".db");

    internal static void DeleteFiles(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }

    protected override IShipmentSyncStore OpenStore(TimeProvider time)
        => new SqliteShipmentSyncStore(new SqliteShipmentSyncStoreOptions { Path = _path, TimeProvider = time });

    protected override Task DeleteStorageAsync()
    {
        DeleteFiles(_path);
        return Task.CompletedTask;
    }
}
