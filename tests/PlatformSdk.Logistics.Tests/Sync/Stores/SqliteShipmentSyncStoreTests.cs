using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Logistics.Sync.Stores;

namespace PlatformSdk.Logistics.Tests.Sync.Stores;

/// <summary>What the SQLite store adds to the contract: its file settings, the schema version, and unreadable records.</summary>
public sealed class SqliteShipmentSyncStoreTests : IDisposable
{
    private readonly string _path = SqliteShipmentSyncStoreContractTests.TempFile();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => SqliteShipmentSyncStoreContractTests.DeleteFiles(_path);

    private SqliteShipmentSyncStore Open() => new(new SqliteShipmentSyncStoreOptions { Path = _path, TimeProvider = _time });

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long ReadNumber(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private string? ReadText(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    [Fact]
    public void The_file_is_in_WAL_mode_with_synchronous_FULL_and_schema_version_1()
    {
        using var store = Open();

        Assert.Equal("wal", store.ReadPragma("journal_mode"));
        Assert.Equal("2", store.ReadPragma("synchronous"));
        Assert.Equal(SqliteShipmentSyncStore.SchemaVersion, ReadNumber("PRAGMA user_version;"));
        Assert.Equal(1, SqliteShipmentSyncStore.SchemaVersion);
    }

    [Fact]
    public async Task A_change_is_committed_to_the_file_before_the_call_returns()
    {
        using var store = Open();
        await store.AddAsync(ShipmentSyncStoreContractTests.NewShipment("s-1"));
        var claim = await store.TryClaimAsync("s-1", TimeSpan.FromMinutes(5));

        await store.BeginSendAsync(claim!);

        Assert.Equal(1, ReadNumber("SELECT sends_started FROM shipment_sync WHERE shipment_id = 's-1';"));
        Assert.Equal(1, ReadNumber("SELECT state FROM shipment_sync WHERE shipment_id = 's-1';"));
    }

    [Fact]
    public void A_file_made_by_a_newer_schema_is_refused_as_configuration()
    {
        Execute("PRAGMA user_version = 2;");

        var refused = Assert.Throws<PlatformException>(() => { using var store = Open(); });

        Assert.Equal(ShipmentSyncErrorCodes.SchemaTooNew, refused.Error.Code);
        Assert.Equal(ErrorCategory.Configuration, refused.Error.Category);
        Assert.Contains("schema version 2", refused.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shipment", "{not json")]
    [InlineData("shipment", "{\"ShipmentId\":\"s-1\"}")]
    [InlineData("shipment", "null")]
    [InlineData("outcome", "{\"Status\":\"NoSuchStatus\"}")]
    [InlineData("outcome", "[1,2]")]
    public async Task A_stored_record_whose_JSON_is_damaged_is_a_PlatformException_never_a_raw_exception(string column, string json)
    {
        using var store = Open();
        await store.AddAsync(ShipmentSyncStoreContractTests.NewShipment("s-1"));
        Execute($"UPDATE shipment_sync SET {column} = '{json}' WHERE shipment_id = 's-1';");

        var onGet = await Assert.ThrowsAsync<PlatformException>(async () => await store.GetAsync("s-1"));
        var onList = await Assert.ThrowsAsync<PlatformException>(async () => await store.ListResumableAsync(10));
        var onClaim = await Assert.ThrowsAsync<PlatformException>(async () => await store.TryClaimAsync("s-1", TimeSpan.FromMinutes(5)));

        Assert.Equal(ShipmentSyncErrorCodes.CorruptRecord, onGet.Error.Code);
        Assert.Equal(ShipmentSyncErrorCodes.CorruptRecord, onList.Error.Code);
        Assert.Equal(ShipmentSyncErrorCodes.CorruptRecord, onClaim.Error.Code);
        Assert.Contains("s-1", onGet.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_changes_share_one_commit_and_none_returns_before_it()
    {
        await using var store = Open();
        await store.AddAsync(ShipmentSyncStoreContractTests.NewShipment("warm-up"));
        var commitsBefore = store.Commits;
        Task<ShipmentSyncRecord>[] adds;
        using (var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString()))
        {
            blocker.Open();
            // Another connection holds the write lock: the writer waits in BEGIN IMMEDIATE while the calls queue up.
            using var hold = blocker.BeginTransaction(deferred: false);
            adds = Enumerable.Range(0, 200).Select(i => store.AddAsync(ShipmentSyncStoreContractTests.NewShipment("s-" + i)).AsTask()).ToArray();
            Assert.DoesNotContain(adds, a => a.IsCompleted);
            hold.Rollback();
        }

        var records = await Task.WhenAll(adds);

        Assert.All(records, r => Assert.Equal(ShipmentSyncState.Pending, r.State));
        Assert.Equal(201, ReadNumber("SELECT count(*) FROM shipment_sync;"));
        // At most the batch the writer had already taken, then everything queued behind it.
        Assert.InRange(store.Commits - commitsBefore, 1, 2);
    }

    [Fact]
    public async Task A_change_refused_for_a_damaged_record_fails_alone_and_the_rest_of_its_batch_commits()
    {
        await using var store = Open();
        await store.AddAsync(ShipmentSyncStoreContractTests.NewShipment("s-1"));
        await store.AddAsync(ShipmentSyncStoreContractTests.NewShipment("s-2"));
        Execute("UPDATE shipment_sync SET shipment = '{not json' WHERE shipment_id = 's-1';");
        Task<ShipmentClaim?> damaged, healthy;
        using (var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString()))
        {
            blocker.Open();
            using var hold = blocker.BeginTransaction(deferred: false);
            damaged = store.TryClaimAsync("s-1", TimeSpan.FromMinutes(5)).AsTask();
            healthy = store.TryClaimAsync("s-2", TimeSpan.FromMinutes(5)).AsTask();
            hold.Rollback();
        }

        var refused = await Assert.ThrowsAsync<PlatformException>(() => damaged);
        var claim = await healthy;

        Assert.Equal(ShipmentSyncErrorCodes.CorruptRecord, refused.Error.Code);
        Assert.NotNull(claim);
        Assert.Equal(claim.Token, ReadText("SELECT lease_token FROM shipment_sync WHERE shipment_id = 's-2';"));
        Assert.Null(ReadText("SELECT lease_token FROM shipment_sync WHERE shipment_id = 's-1';"));
    }

    [Fact]
    public async Task A_change_that_fails_after_writing_is_rolled_back_so_a_refused_begin_leaves_no_send_recorded()
    {
        await using var store = Open();
        await store.AddAsync(ShipmentSyncStoreContractTests.NewShipment("s-1"));
        var claim = await store.TryClaimAsync("s-1", TimeSpan.FromMinutes(5));
        // BeginSend updates the row, then reads it back: the damaged record fails the read after the write.
        Execute("UPDATE shipment_sync SET shipment = '{not json' WHERE shipment_id = 's-1';");

        var refused = await Assert.ThrowsAsync<PlatformException>(async () => await store.BeginSendAsync(claim!));

        Assert.Equal(ShipmentSyncErrorCodes.CorruptRecord, refused.Error.Code);
        Assert.Equal(0, ReadNumber("SELECT sends_started FROM shipment_sync WHERE shipment_id = 's-1';"));
        Assert.Equal(0, ReadNumber("SELECT state FROM shipment_sync WHERE shipment_id = 's-1';"));
    }

    [Fact]
    public void A_blank_path_is_refused_before_any_file_is_touched()
    {
        var refused = Assert.Throws<PlatformValidationException>(() => new SqliteShipmentSyncStore(new SqliteShipmentSyncStoreOptions { Path = " " }));

        Assert.Equal("Path", refused.Field);
    }

    [Fact]
    public async Task AddSqliteShipmentSyncStore_registers_one_store_on_the_file_with_the_container_clock()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddPlatformSdk().AddSqliteShipmentSyncStore(o => o.Path = _path);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IShipmentSyncStore>();

        Assert.IsType<SqliteShipmentSyncStore>(store);
        Assert.Same(store, provider.GetRequiredService<IShipmentSyncStore>());
        await store.AddAsync(ShipmentSyncStoreContractTests.NewShipment("s-1"));
        var claim = await store.TryClaimAsync("s-1", TimeSpan.FromMinutes(5));
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(5), claim!.Until);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_SQLite_store_replaces_the_in_memory_fallback_whether_registered_before_or_after_AddLogistics(bool storeFirst)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        var sdk = services.AddPlatformSdk();
        if (storeFirst)
        {
            sdk.AddSqliteShipmentSyncStore(o => o.Path = _path).AddLogistics(_ => { });
        }
        else
        {
            sdk.AddLogistics(_ => { }).AddSqliteShipmentSyncStore(o => o.Path = _path);
        }

        await using var provider = services.BuildServiceProvider();

        Assert.IsType<SqliteShipmentSyncStore>(provider.GetRequiredService<IShipmentSyncStore>());
        Assert.Single(services, d => d.ServiceType == typeof(IShipmentSyncStore));
        Assert.NotNull(provider.GetRequiredService<ShipmentSyncEngine>());
        Assert.True(File.Exists(_path));
    }

    [Fact]
    public void A_second_durable_store_is_refused_at_registration_instead_of_one_silently_winning()
    {
        var services = new ServiceCollection();
        var sdk = services.AddPlatformSdk().AddLogistics(_ => { }).AddSqliteShipmentSyncStore(o => o.Path = _path);

        var refused = Assert.Throws<InvalidOperationException>(() => sdk.AddRedisShipmentSyncStore(_ => { }));

        Assert.Contains("already registered", refused.Message, StringComparison.Ordinal);
    }
}
