using Microsoft.Data.Sqlite;
using PlatformSdk.Inbox.Redis;
using PlatformSdk.Inbox.Sqlite;
using PlatformSdk.Tests.Shared.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PlatformSdk.Inbox.CrashTests;

/// <summary>
/// RTGD-01 under crashes: a receiver process (a child the test starts) is hard-killed at random moments while the fake
/// platform streams pushes at it and redelivers what was not acknowledged. After the restarts and a final drain, every push
/// the platform saw acknowledged is in the inbox exactly once, none is lost, and the ERP handler saw each at least once, with
/// duplicates only for messages in flight at a kill. One store per test; the two run one after the other (one class).
/// </summary>
public sealed class PushInboxCrashTests(ITestOutputHelper output)
{
    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_SqliteInbox_HardKilledReceiver_LosesNoAcknowledgedPushAndStoresEachOnce()
    {
        var path = Path.Combine(Path.GetTempPath(), $"platformsdk-crash-{Guid.NewGuid():N}.db");
        try
        {
            var store = new CrashStore("SQLite", "a temporary file (WAL, synchronous=FULL), the same file across restarts", ["--sqlite", path],
                () => new SqlitePushInbox(new SqlitePushInboxOptions { Path = path }));
            var report = await PushInboxCrashRun.RunAsync(store, PushInboxCrashRun.Seed(20260901), output);
            Assert.Equal(PushInboxCrashRun.Kills, report.Kills.Count);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_RedisInbox_HardKilledReceiver_LosesNoAcknowledgedPushAndStoresEachOnce()
    {
        using var server = RedisTestServer.Start(new RedisTestServerOptions { Persistence = RedisTestPersistence.AppendOnlyFsyncAlways, Log = output.WriteLine });
        // Only a redis-server started here with appendfsync always can prove it to the inbox's CONFIG GET check; Garnet does not
        // report appendfsync, and an external server (REDIS_URL) is as its owner configured it.
        var provable = server.Kind == RedisTestServerKind.RedisServer && server.Persistence == RedisTestPersistence.AppendOnlyFsyncAlways;
        var note = provable
            ? "redis-server with --appendonly yes --appendfsync always (RequireAppendFsyncAlways=true)"
            : $"{server.Kind}, which cannot prove appendfsync always: RequireAppendFsyncAlways=false for this test (the crash is the receiver's, not the server's)";
        var prefix = "{crash-" + Guid.NewGuid().ToString("N")[..12] + "}:";
        using var connection = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var store = new CrashStore("Redis", note + "; " + server.Description,
            ["--redis", server.Configuration, "--prefix", prefix, "--require-append-fsync-always", provable ? "true" : "false"],
            () => new RedisPushInbox(connection, new RedisPushInboxOptions { KeyPrefix = prefix, RequireAppendFsyncAlways = provable }));
        var report = await PushInboxCrashRun.RunAsync(store, PushInboxCrashRun.Seed(20260902), output);
        Assert.Equal(PushInboxCrashRun.Kills, report.Kills.Count);
    }
}
