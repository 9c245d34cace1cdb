using System.Globalization;
using Microsoft.Data.Sqlite;
using PlatformSdk.Errors;
using PlatformSdk.Storage;
using PlatformSdk.Validation;

namespace PlatformSdk.Logistics.Sync.Stores;

/// <summary>
/// An <see cref="IShipmentSyncStore"/> in one SQLite file (WAL, <c>synchronous=FULL</c>): every change is committed and
/// fsynced before its call returns, so a restart resumes from exactly what was recorded, and a send begun before a crash is
/// known as <see cref="ShipmentSyncState.Sending"/>. Changes of concurrent callers are committed together (group commit, up to
/// <see cref="SqliteShipmentSyncStoreOptions.MaxBatchSize"/> per fsync), each batch in one <c>BEGIN IMMEDIATE</c> transaction,
/// so several instances and processes on one machine can share the file: the write lock (waited for up to
/// <see cref="SqliteShipmentSyncStoreOptions.BusyTimeout"/>) makes each claim's check and write one step.
/// </summary>
/// <remarks>
/// Failures of the file are <see cref="PlatformException"/>s with category <see cref="ErrorCategory.Transient"/>, code
/// <see cref="ShipmentSyncErrorCodes.Unavailable"/> and <see cref="PlatformException.MayHaveBeenProcessed"/> set. A record that
/// cannot be read is a <see cref="PlatformException"/> with code <see cref="ShipmentSyncErrorCodes.CorruptRecord"/>. A caller
/// that cancels while its change is queued may still see it committed: read the record again rather than assume either way.
/// </remarks>
public sealed class SqliteShipmentSyncStore : IShipmentSyncStore, IDisposable, IAsyncDisposable
{
    internal const int SchemaVersion = 1;

    private const int StatePending = 0;
    private const int StateSending = 1;
    private const int StateDone = 2;

    private const string Columns = "shipment_id, state, sends_started, outcome, shipment, not_before, version, lease_token, leased_until, seq";

    private static readonly ValidationGuard Guard = new(ShipmentSyncErrorCodes.Platform);

    private readonly SqliteShipmentSyncStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly string _connectionString;
    private readonly SqliteGroupCommit<Statements> _writer;

    // Reads use a connection of their own: in WAL mode they never wait for the writer's fsync, and they see every committed change.
    private readonly object _readGate = new();
    private Statements? _reader;
    private bool _disposed;

    /// <summary>Opens (and at first use creates) the store file.</summary>
    /// <param name="options">The settings; <see cref="SqliteShipmentSyncStoreOptions.Path"/> is required.</param>
    /// <exception cref="PlatformValidationException">A setting is out of range.</exception>
    /// <exception cref="PlatformException">The file cannot be opened, or was made by a newer schema.</exception>
    public SqliteShipmentSyncStore(SqliteShipmentSyncStoreOptions options)
    {
        Validate(options);
        _options = options;
        _time = options.TimeProvider ?? TimeProvider.System;
        _connectionString = SqliteDurableFile.ConnectionString(options.Path, options.BusyTimeout);
        _writer = new SqliteGroupCommit<Statements>(this, Open(), Open, static connection => new Statements(connection),
            static (statements, transaction) => statements.Enlist(transaction), Unavailable, options.MaxBatchSize);
    }

    /// <summary>Refuses settings out of range; the one check both the constructor and the start-up validation run.</summary>
    internal static void Validate(SqliteShipmentSyncStoreOptions options)
    {
        Guard.NotNull("options", options);
        Guard.Required("Path", options.Path);
        Guard.InRange("MaxBatchSize", options.MaxBatchSize, 1, 100_000);
        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromHours(1))
        {
            Guard.Fail("BusyTimeout", options.BusyTimeout.ToString("c", CultureInfo.InvariantCulture), null, "between 0 and 1 hour.");
        }
    }

    /// <summary>How many transactions the writer committed (tests check that concurrent changes share them).</summary>
    internal long Commits => _writer.Commits;

    /// <summary>A pragma's value on the reading connection (tests check journal mode and synchronous level).</summary>
    internal string ReadPragma(string name) => Read(reader =>
    {
        using var command = reader.Connection.CreateCommand();
        command.CommandText = "PRAGMA " + name + ";";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    });

    /// <inheritdoc />
    /// <exception cref="PlatformException">The store failed; the shipment may or may not be added.</exception>
    public ValueTask<ShipmentSyncRecord> AddAsync(Shipment shipment, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("shipment", shipment);
        Guard.Required("shipment.ShipmentId", shipment.ShipmentId);
        var json = ShipmentSyncJson.WriteShipment(shipment);
        var now = Now();
        return _writer.Enqueue(w => w.Add(shipment.ShipmentId, json, now), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ShipmentClaim?> TryClaimAsync(string shipmentId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        Guard.Required("shipmentId", shipmentId);
        CheckLease(lease);
        return _writer.Enqueue(w =>
        {
            // The clock is read inside the batch: a change queued behind a slow fsync is judged at the time it is made.
            var now = Now();
            var row = w.Find(shipmentId);
            if (row is null || row.Record.State == ShipmentSyncState.Done || (row.Token is not null && row.Until > now))
            {
                return null;
            }

            var token = Guid.NewGuid().ToString("N");
            var until = now + (long)lease.TotalMilliseconds;
            w.Lease(shipmentId, token, until);
            return new ShipmentClaim(shipmentId, token, DateTimeOffset.FromUnixTimeMilliseconds(until), row.Record);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ShipmentClaim?> BeginSendAsync(ShipmentClaim claim, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("claim", claim);
        return _writer.Enqueue(w => w.BeginSend(claim.ShipmentId, claim.Token, Now()) && w.Find(claim.ShipmentId) is { } row
            ? claim with { Record = row.Record }
            : null, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteAsync(ShipmentClaim claim, ShipmentSyncOutcome outcome, bool final, DateTimeOffset? notBefore = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("claim", claim);
        Guard.NotNull("outcome", outcome);
        var json = ShipmentSyncJson.WriteOutcome(outcome);
        long? retryAt = final || notBefore is null ? null : notBefore.Value.ToUnixTimeMilliseconds();
        return _writer.Enqueue(w => w.Complete(claim.ShipmentId, claim.Token, Now(), final ? StateDone : StatePending, json, retryAt), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ShipmentSyncRecord?> GetAsync(string shipmentId, CancellationToken cancellationToken = default)
    {
        Guard.Required("shipmentId", shipmentId);
        return cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<ShipmentSyncRecord?>(cancellationToken)
            : ValueTask.FromResult(Read(reader => reader.Find(shipmentId)?.Record));
    }

    /// <inheritdoc />
    public ValueTask<ShipmentSyncPage> ListResumableAsync(int maxRecords, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        Guard.InRange("maxRecords", maxRecords, 1, 10_000);
        var after = ShipmentSyncPage.After(continuationToken, Guard);
        return cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<ShipmentSyncPage>(cancellationToken)
            : ValueTask.FromResult(Read(reader => reader.ListResumable(after, Now(), maxRecords)));
    }

    /// <summary>Finishes the changes queued, then closes the file.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        CloseReader();
    }

    /// <summary>Finishes the changes queued, then closes the file.</summary>
    /// <returns>A task that completes when the file is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        CloseReader();
    }

    private void CloseReader()
    {
        lock (_readGate)
        {
            _disposed = true;
            _reader?.Connection.Dispose();
            _reader?.Dispose();
            _reader = null;
        }
    }

    private static void CheckLease(TimeSpan lease)
    {
        if (lease <= TimeSpan.Zero || lease > TimeSpan.FromDays(7))
        {
            Guard.Fail("lease", lease.ToString("c", CultureInfo.InvariantCulture), null, "more than 0 and at most 7 days.");
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private T Read<T>(Func<Statements, T> work)
    {
        lock (_readGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                _reader ??= new Statements(Open());
                return work(_reader);
            }
            catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
            {
                // The connection may be unusable (I/O error); the next call opens a fresh one.
                _reader?.Connection.Dispose();
                _reader?.Dispose();
                _reader = null;
                throw Unavailable(ex);
            }
        }
    }

    private SqliteConnection Open() => SqliteDurableFile.Open(_connectionString, _options.BusyTimeout, EnsureSchema, Unavailable);

    private static void EnsureSchema(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var version = SqliteDurableFile.SchemaVersion(command, SchemaVersion, ShipmentSyncErrorCodes.Platform, ShipmentSyncErrorCodes.SchemaTooNew, "shipment sync");

        if (version < 1)
        {
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS shipment_sync (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    shipment_id TEXT NOT NULL UNIQUE,
                    state INTEGER NOT NULL,
                    sends_started INTEGER NOT NULL,
                    outcome TEXT,
                    shipment TEXT NOT NULL,
                    not_before INTEGER,
                    version INTEGER NOT NULL,
                    lease_token TEXT,
                    leased_until INTEGER,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX IF NOT EXISTS ix_shipment_sync_open ON shipment_sync (seq) WHERE state <> 2;
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }


    private static PlatformException Unavailable(Exception cause) => DurableStoreFailure.Unavailable(
        ShipmentSyncErrorCodes.Platform, ShipmentSyncErrorCodes.Unavailable, "shipment sync store",
        "Do not send: read the record again once the store answers; check the disk and other processes holding the file.", cause);

    private sealed record Row(ShipmentSyncRecord Record, string? Token, long Until, long Position);

    /// <summary>The store's prepared statements on one connection; the writer's run inside its batch transaction.</summary>
    private sealed class Statements : IDisposable
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _find;
        private readonly SqliteCommand _lease;
        private readonly SqliteCommand _begin;
        private readonly SqliteCommand _complete;
        private readonly SqliteCommand _listResumable;
        private readonly SqliteCommand[] _all;

        public Statements(SqliteConnection connection)
        {
            Connection = connection;
            _insert = SqliteStatement.Prepare(connection, """
                INSERT INTO shipment_sync (shipment_id, state, sends_started, shipment, version, created_at)
                VALUES ($id, 0, 0, $shipment, 1, $now) ON CONFLICT (shipment_id) DO NOTHING;
                """);
            _find = SqliteStatement.Prepare(connection, $"SELECT {Columns} FROM shipment_sync WHERE shipment_id = $id;");
            _lease = SqliteStatement.Prepare(connection, "UPDATE shipment_sync SET lease_token = $token, leased_until = $until WHERE shipment_id = $id;");
            _begin = SqliteStatement.Prepare(connection, """
                UPDATE shipment_sync SET state = 1, sends_started = sends_started + 1, not_before = NULL, version = version + 1
                WHERE shipment_id = $id AND lease_token = $token AND leased_until > $now AND state <> 2;
                """);
            _complete = SqliteStatement.Prepare(connection, """
                UPDATE shipment_sync SET state = $state, outcome = $outcome, not_before = $notBefore, version = version + 1,
                    lease_token = NULL, leased_until = NULL
                WHERE shipment_id = $id AND lease_token = $token AND leased_until > $now AND state <> 2;
                """);
            _listResumable = SqliteStatement.Prepare(connection, $"""
                SELECT {Columns} FROM shipment_sync
                WHERE seq > $after AND state <> 2 AND (lease_token IS NULL OR leased_until <= $now) AND (not_before IS NULL OR not_before <= $now)
                ORDER BY seq LIMIT $limit;
                """);
            _all = [_insert, _find, _lease, _begin, _complete, _listResumable];
        }

        public SqliteConnection Connection { get; }

        public void Enlist(SqliteTransaction transaction)
        {
            foreach (var command in _all)
            {
                command.Transaction = transaction;
            }
        }

        public ShipmentSyncRecord Add(string shipmentId, string json, long now)
        {
            SqliteStatement.Bind(_insert, "$id", shipmentId);
            SqliteStatement.Bind(_insert, "$shipment", json);
            SqliteStatement.Bind(_insert, "$now", now);
            _insert.ExecuteNonQuery();
            return Find(shipmentId)!.Record;
        }

        public Row? Find(string shipmentId)
        {
            SqliteStatement.Bind(_find, "$id", shipmentId);
            using var reader = _find.ExecuteReader();
            return reader.Read() ? ToRow(reader) : null;
        }

        public void Lease(string shipmentId, string token, long until)
        {
            SqliteStatement.Bind(_lease, "$id", shipmentId);
            SqliteStatement.Bind(_lease, "$token", token);
            SqliteStatement.Bind(_lease, "$until", until);
            _lease.ExecuteNonQuery();
        }

        public bool BeginSend(string shipmentId, string token, long now)
        {
            SqliteStatement.Bind(_begin, "$id", shipmentId);
            SqliteStatement.Bind(_begin, "$token", token);
            SqliteStatement.Bind(_begin, "$now", now);
            return _begin.ExecuteNonQuery() == 1;
        }

        public bool Complete(string shipmentId, string token, long now, int state, string outcome, long? notBefore)
        {
            SqliteStatement.Bind(_complete, "$id", shipmentId);
            SqliteStatement.Bind(_complete, "$token", token);
            SqliteStatement.Bind(_complete, "$now", now);
            SqliteStatement.Bind(_complete, "$state", state);
            SqliteStatement.Bind(_complete, "$outcome", outcome);
            SqliteStatement.Bind(_complete, "$notBefore", notBefore);
            return _complete.ExecuteNonQuery() == 1;
        }

        public ShipmentSyncPage ListResumable(long after, long now, int limit)
        {
            SqliteStatement.Bind(_listResumable, "$after", after);
            SqliteStatement.Bind(_listResumable, "$now", now);
            SqliteStatement.Bind(_listResumable, "$limit", limit);
            var records = new List<ShipmentSyncRecord>();
            long last = after;
            using (var reader = _listResumable.ExecuteReader())
            {
                while (reader.Read())
                {
                    var row = ToRow(reader);
                    records.Add(row.Record);
                    last = row.Position;
                }
            }

            return new ShipmentSyncPage { Records = records, ContinuationToken = records.Count == limit ? ShipmentSyncPage.Token(last) : null };
        }

        public void Dispose()
        {
            foreach (var command in _all)
            {
                command.Dispose();
            }
        }

        private static Row ToRow(SqliteDataReader reader)
        {
            var id = reader.GetString(0);
            var state = reader.GetInt32(1) switch
            {
                StatePending => ShipmentSyncState.Pending,
                StateSending => ShipmentSyncState.Sending,
                StateDone => ShipmentSyncState.Done,
                _ => throw ShipmentSyncJson.Corrupt(id, "state", null),
            };
            var record = new ShipmentSyncRecord
            {
                ShipmentId = id,
                State = state,
                SendsStarted = reader.GetInt32(2),
                Outcome = ShipmentSyncJson.ReadOutcome(id, reader.IsDBNull(3) ? null : reader.GetString(3)),
                Shipment = ShipmentSyncJson.ReadShipment(id, reader.GetString(4)),
                NotBefore = reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                Version = reader.GetInt64(6),
            };
            return new Row(record, reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? 0 : reader.GetInt64(8), reader.GetInt64(9));
        }
    }
}
