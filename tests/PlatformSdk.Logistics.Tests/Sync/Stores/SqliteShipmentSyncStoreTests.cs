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
}
