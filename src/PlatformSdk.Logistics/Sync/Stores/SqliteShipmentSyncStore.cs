using System.Globalization;
using Microsoft.Data.Sqlite;
using PlatformSdk.Errors;
using PlatformSdk.Storage;
using PlatformSdk.Validation;

namespace PlatformSdk.Logistics.Sync.Stores;

/// <summary>
/// An <see cref="IShipmentSyncStore"/> in one SQLite file (WAL, <c>synchronous=FULL</c>): every change is committed and
/// fsynced before its call returns, so a restart resumes from exactly what was recorded, and a send begun before a crash is
/// known as <see cref="ShipmentSyncState.Sending"/>. Every change runs in a <c>BEGIN IMMEDIATE</c> transaction, so several
/// instances and processes on one machine can share the file: the write lock (waited for up to
/// <see cref="SqliteShipmentSyncStoreOptions.BusyTimeout"/>) makes each claim's check and write one step.
/// </summary>
/// <remarks>
/// Failures of the file are <see cref="PlatformException"/>s with category <see cref="ErrorCategory.Transient"/>, code
/// <see cref="ShipmentSyncErrorCodes.Unavailable"/> and <see cref="PlatformException.MayHaveBeenProcessed"/> set. A record that
/// cannot be read is a <see cref="PlatformException"/> with code <see cref="ShipmentSyncErrorCodes.CorruptRecord"/>.
/// </remarks>
public sealed class SqliteShipmentSyncStore : IShipmentSyncStore, IDisposable
{
    internal const int SchemaVersion = 1;

    private const int StatePending = 0;
    private const int StateSending = 1;
    private const int StateDone = 2;

    private const string Columns = "shipment_id, state, sends_started, outcome, shipment, not_before, version";

    private static readonly ValidationGuard Guard = new(ShipmentSyncErrorCodes.Platform);

    private readonly SqliteShipmentSyncStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly string _connectionString;

    // One connection per instance, used by one call at a time; other instances and processes are kept apart by SQLite's lock.
    private readonly object _gate = new();
    private SqliteConnection? _connection;
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
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // The store holds its connection for its lifetime; pooling would only keep the file open after Dispose.
            Pooling = false,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY for this many seconds, and forever at 0: never 0.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
        _connection = Open();
    }

    /// <summary>Refuses settings out of range; the one check both the constructor and the start-up validation run.</summary>
    internal static void Validate(SqliteShipmentSyncStoreOptions options)
    {
        Guard.NotNull("options", options);
        Guard.Required("Path", options.Path);
        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromHours(1))
        {
            Guard.Fail("BusyTimeout", options.BusyTimeout.ToString("c", CultureInfo.InvariantCulture), null, "between 0 and 1 hour.");
        }
    }

    /// <summary>A pragma's value on this instance's connection (tests check journal mode and synchronous level).</summary>
    internal string ReadPragma(string name) => InLock(write: false, connection =>
    {
        using var command = Command(connection, "PRAGMA " + name + ";");
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    });

    /// <inheritdoc />
    /// <exception cref="PlatformException">The store failed; the shipment may or may not be added.</exception>
    public ValueTask<ShipmentSyncRecord> AddAsync(Shipment shipment, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("shipment", shipment);
        Guard.Required("shipment.ShipmentId", shipment.ShipmentId);
        var json = ShipmentSyncJson.WriteShipment(shipment);
        return Run(write: true, connection =>
        {
            using var insert = Command(connection, """
                INSERT INTO shipment_sync (shipment_id, state, sends_started, shipment, version, created_at)
                VALUES ($id, 0, 0, $shipment, 1, $now) ON CONFLICT (shipment_id) DO NOTHING;
                """, ("$id", shipment.ShipmentId), ("$shipment", json), ("$now", Now()));
            insert.ExecuteNonQuery();
            return Read(connection, shipment.ShipmentId)!.Record;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ShipmentClaim?> TryClaimAsync(string shipmentId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        Guard.Required("shipmentId", shipmentId);
        CheckLease(lease);
        return Run(write: true, connection =>
        {
            var row = Read(connection, shipmentId);
            var now = Now();
            if (row is null || row.Record.State == ShipmentSyncState.Done || (row.Token is not null && row.Until > now))
            {
                return null;
            }

            var token = Guid.NewGuid().ToString("N");
            var until = now + (long)lease.TotalMilliseconds;
            using var update = Command(connection, "UPDATE shipment_sync SET lease_token = $token, leased_until = $until WHERE shipment_id = $id;",
                ("$id", shipmentId), ("$token", token), ("$until", until));
            update.ExecuteNonQuery();
            return new ShipmentClaim(shipmentId, token, DateTimeOffset.FromUnixTimeMilliseconds(until), row.Record);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ShipmentClaim?> BeginSendAsync(ShipmentClaim claim, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("claim", claim);
        return Run(write: true, connection =>
        {
            using var update = Command(connection, """
                UPDATE shipment_sync SET state = 1, sends_started = sends_started + 1, not_before = NULL, version = version + 1
                WHERE shipment_id = $id AND lease_token = $token AND leased_until > $now AND state <> 2;
                """, ("$id", claim.ShipmentId), ("$token", claim.Token), ("$now", Now()));
            return update.ExecuteNonQuery() == 1 ? claim with { Record = Read(connection, claim.ShipmentId)!.Record } : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteAsync(ShipmentClaim claim, ShipmentSyncOutcome outcome, bool final, DateTimeOffset? notBefore = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("claim", claim);
        Guard.NotNull("outcome", outcome);
        var json = ShipmentSyncJson.WriteOutcome(outcome);
        return Run(write: true, connection =>
        {
            using var update = Command(connection, """
                UPDATE shipment_sync SET state = $state, outcome = $outcome, not_before = $notBefore, version = version + 1,
                    lease_token = NULL, leased_until = NULL
                WHERE shipment_id = $id AND lease_token = $token AND leased_until > $now AND state <> 2;
                """,
                ("$id", claim.ShipmentId), ("$token", claim.Token), ("$now", Now()), ("$state", final ? StateDone : StatePending),
                ("$outcome", json), ("$notBefore", final || notBefore is null ? null : notBefore.Value.ToUnixTimeMilliseconds()));
            return update.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ShipmentSyncRecord?> GetAsync(string shipmentId, CancellationToken cancellationToken = default)
    {
        Guard.Required("shipmentId", shipmentId);
        return Run(write: false, connection => Read(connection, shipmentId)?.Record, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ShipmentSyncRecord>> ListResumableAsync(int maxRecords, CancellationToken cancellationToken = default)
    {
        Guard.InRange("maxRecords", maxRecords, 1, 10_000);
        return Run<IReadOnlyList<ShipmentSyncRecord>>(write: false, connection =>
        {
            using var select = Command(connection, $"""
                SELECT {Columns}, lease_token, leased_until FROM shipment_sync
                WHERE state <> 2 AND (lease_token IS NULL OR leased_until <= $now) AND (not_before IS NULL OR not_before <= $now)
                ORDER BY seq LIMIT $limit;
                """, ("$now", Now()), ("$limit", maxRecords));
            var list = new List<ShipmentSyncRecord>();
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                list.Add(ToRow(reader).Record);
            }

            return list;
        }, cancellationToken);
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _connection?.Dispose();
            _connection = null;
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

    private ValueTask<T> Run<T>(bool write, Func<SqliteConnection, T> work, CancellationToken cancellationToken)
        => cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<T>(cancellationToken) : ValueTask.FromResult(InLock(write, work));

    private T InLock<T>(bool write, Func<SqliteConnection, T> work)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                _connection ??= Open();
                if (!write)
                {
                    return work(_connection);
                }

                // BEGIN IMMEDIATE: the write lock is taken before the record is read, so no other process can claim between the
                // check and the write. The commit (fsynced, synchronous=FULL) happens before the caller learns the result.
                using var transaction = _connection.BeginTransaction(deferred: false);
                var result = work(_connection);
                transaction.Commit();
                return result;
            }
            catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
            {
                // The connection may be unusable (I/O error); the next call opens a fresh one.
                _connection?.Dispose();
                _connection = null;
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


    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static Row? Read(SqliteConnection connection, string shipmentId)
    {
        using var select = Command(connection, $"SELECT {Columns}, lease_token, leased_until FROM shipment_sync WHERE shipment_id = $id;", ("$id", shipmentId));
        using var reader = select.ExecuteReader();
        return reader.Read() ? ToRow(reader) : null;
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
        return new Row(record, reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? 0 : reader.GetInt64(8));
    }

    private static PlatformException Unavailable(Exception cause)
    {
        var detail = cause is SqliteException sqlite
            ? $"SQLite error {sqlite.SqliteErrorCode.ToString(CultureInfo.InvariantCulture)}: {sqlite.Message}"
            : cause.GetType().Name + ": " + cause.Message;
        return new PlatformException(
            new PlatformError(
                ShipmentSyncErrorCodes.Platform,
                ShipmentSyncErrorCodes.Unavailable,
                "The shipment sync store failed (" + detail + ").",
                ErrorCategory.Transient,
                "Do not send: read the record again once the store answers; check the disk and other processes holding the file.")
            { Delivery = RequestDelivery.OutcomeUnknown },
            cause)
        { MayHaveBeenProcessed = true };
    }

    private sealed record Row(ShipmentSyncRecord Record, string? Token, long Until);
}
