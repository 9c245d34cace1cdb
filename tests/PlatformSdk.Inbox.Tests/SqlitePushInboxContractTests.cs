using Microsoft.Data.Sqlite;
using PlatformSdk.Inbox.Sqlite;

namespace PlatformSdk.Inbox.Tests;

/// <summary>The inbox contract on a SQLite file of the test's own, deleted afterwards.</summary>
public sealed class SqlitePushInboxContractTests : PushInboxContractTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "platformsdk-inbox-" + Guid.NewGuid().ToString("N") + ".db");

    protected override IPushInbox OpenStore(TimeProvider time, int maxDeliveries)
        => new SqlitePushInbox(new SqlitePushInboxOptions { Path = _path, MaxDeliveries = maxDeliveries, TimeProvider = time });

    protected override Task DeleteStorageAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(_path + suffix);
        }

        return Task.CompletedTask;
    }
}
