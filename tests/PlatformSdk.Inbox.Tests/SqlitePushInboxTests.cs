using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Inbox.Sqlite;

namespace PlatformSdk.Inbox.Tests;

/// <summary>What the SQLite store does beyond the contract: its file settings, group commit and its errors.</summary>
public sealed class SqlitePushInboxTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "platformsdk-inbox-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(_path + suffix);
        }
    }

    private SqlitePushInbox Open(TimeSpan? busyTimeout = null) => new(new SqlitePushInboxOptions
    {
        Path = _path,
        TimeProvider = _time,
        BusyTimeout = busyTimeout ?? TimeSpan.FromSeconds(30),
    });

    private SqliteConnection Inspect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private InboxPush Push(string key) => new()
    {
        Source = "Jushuitan",
        Kind = "logistics",
        DeduplicationKey = key,
        Body = Encoding.UTF8.GetBytes("{\"o_id\":1}"),
        ReceivedAt = _time.GetUtcNow(),
    };

    [Fact]
    public async Task The_file_is_created_in_WAL_mode_with_the_current_schema_version()
    {
        await using (var inbox = Open())
        {
            await inbox.StoreAsync(Push("a"));
        }

        using var connection = Inspect();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal((long)SqlitePushInbox.SchemaVersion, Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal(1L, Scalar(connection, "SELECT count(*) FROM inbox_messages;"));
    }

    [Fact]
    public async Task Concurrent_stores_share_transactions_and_none_returns_before_its_commit()
    {
        await using var inbox = Open();
        await inbox.StoreAsync(Push("warm-up"));
        var commitsBefore = inbox.Commits;
        Task<InboxStoreResult>[] stores;
        using (var blocker = Inspect())
        {
            // Another connection holds the write lock: the writer waits in BEGIN IMMEDIATE while the calls queue up.
            using var hold = blocker.BeginTransaction(deferred: false);
            stores = Enumerable.Range(0, 200).Select(i => inbox.StoreAsync(Push("order-" + i)).AsTask()).ToArray();
            Assert.DoesNotContain(stores, s => s.IsCompleted);
            hold.Rollback();
        }

        var results = await Task.WhenAll(stores);

        Assert.All(results, r => Assert.False(r.IsDuplicate));
        // At most the batch the writer had already taken, then everything queued behind it.
        Assert.InRange(inbox.Commits - commitsBefore, 1, 2);
    }

    [Fact]
    public async Task A_store_that_cannot_get_the_write_lock_fails_as_transient_and_may_have_been_processed()
    {
        await using var inbox = Open(busyTimeout: TimeSpan.FromMilliseconds(1));
        await inbox.StoreAsync(Push("warm-up"));
        using var blocker = Inspect();
        using var hold = blocker.BeginTransaction(deferred: false);

        var error = await Assert.ThrowsAsync<PlatformException>(async () => await inbox.StoreAsync(Push("order-1")));

        Assert.Equal(ErrorCategory.Transient, error.Category);
        Assert.Equal(InboxErrorCodes.Unavailable, error.ErrorCode);
        Assert.True(error.MayHaveBeenProcessed);
        hold.Rollback();
        Assert.False((await inbox.StoreAsync(Push("order-1"))).IsDuplicate);
    }

    [Fact]
    public async Task A_version_one_file_is_upgraded_in_place_with_its_messages_kept()
    {
        await using (var inbox = Open())
        {
            await inbox.StoreAsync(Push("from-version-one"));
        }

        using (var connection = Inspect())
        {
            Scalar(connection, "DROP INDEX ix_inbox_messages_completed;");
            Scalar(connection, "PRAGMA user_version = 1;");
            Assert.Equal(1L, Scalar(connection, "PRAGMA user_version;"));
            Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_inbox_messages_completed';"));
        }

        await using (var reopened = Open())
        {
            Assert.Equal("from-version-one", Assert.Single(await reopened.LeaseAsync(10, TimeSpan.FromMinutes(1))).Push.DeduplicationKey);
        }

        using var check = Inspect();
        Assert.Equal(2L, Scalar(check, "PRAGMA user_version;"));
        Assert.Equal(1L, Scalar(check, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_inbox_messages_completed';"));
    }

    [Fact]
    public async Task A_file_of_a_newer_schema_is_refused_as_configuration()
    {
        using (var connection = Inspect())
        {
            Scalar(connection, "PRAGMA user_version = 99;");
        }

        var error = Assert.Throws<PlatformException>(() => Open());

        Assert.Equal(ErrorCategory.Configuration, error.Category);
        Assert.Equal(InboxErrorCodes.SchemaTooNew, error.ErrorCode);
    }

    [Fact]
    public void Options_out_of_range_are_refused_naming_the_setting()
    {
        var noPath = Assert.Throws<PlatformValidationException>(() => new SqlitePushInbox(new SqlitePushInboxOptions()));
        var noDeliveries = Assert.Throws<PlatformValidationException>(() =>
            new SqlitePushInbox(new SqlitePushInboxOptions { Path = _path, MaxDeliveries = 0 }));

        Assert.Equal("Path", noPath.Field);
        Assert.Equal("MaxDeliveries", noDeliveries.Field);
    }

    [Fact]
    public async Task Calls_after_dispose_are_refused_and_queued_calls_finish_first()
    {
        var inbox = Open();
        var pending = inbox.StoreAsync(Push("queued")).AsTask();
        await inbox.DisposeAsync();

        Assert.False((await pending).IsDuplicate);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await inbox.StoreAsync(Push("late")));
    }
}
