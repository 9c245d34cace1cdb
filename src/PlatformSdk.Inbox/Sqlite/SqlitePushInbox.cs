using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PlatformSdk.Errors;
using PlatformSdk.Storage;
using PlatformSdk.Validation;

namespace PlatformSdk.Inbox.Sqlite;

/// <summary>
/// An <see cref="IPushInbox"/> in one SQLite file (WAL, <c>synchronous=FULL</c>): a push is on disk, fsynced, before
/// <see cref="StoreAsync"/> returns. Every call goes through one writer per instance, which commits whatever calls are queued
/// in one transaction (group commit) and only then completes them; several instances and processes on one machine can share
/// the file (SQLite's write lock, waited for up to <see cref="SqlitePushInboxOptions.BusyTimeout"/>).
/// </summary>
/// <remarks>
/// Failures of the store are <see cref="PlatformException"/>s with category <see cref="ErrorCategory.Transient"/>, code
/// <see cref="InboxErrorCodes.Unavailable"/> and <see cref="PlatformException.MayHaveBeenProcessed"/> set: the call's
/// transaction may or may not have committed. A receiver whose <see cref="StoreAsync"/> throws answers the platform with a
/// failure so that it pushes again; the redelivery is then stored, or recognised as already stored.
/// Completed messages are kept (their dedup keys recognise late redeliveries).
/// </remarks>
public sealed class SqlitePushInbox : IPushInbox, IDisposable, IAsyncDisposable
{
    internal const int SchemaVersion = 2;

    private const int StateReady = 0;
    private const int StateLeased = 1;
    private const int StateDead = 3;

    private const string Columns = "seq, message_id, source, kind, dedup_key, body, content_type, received_at, attributes, state, delivery_count, last_error";

    private static readonly ValidationGuard Guard = new(InboxErrorCodes.Platform);

    private readonly SqlitePushInboxOptions _options;
    private readonly TimeProvider _time;
    private readonly string _connectionString;
    private readonly SqliteGroupCommit<Writer> _writer;

    /// <summary>Opens (and at first use creates) the inbox file.</summary>
    /// <param name="options">The settings; <see cref="SqlitePushInboxOptions.Path"/> is required.</param>
    /// <exception cref="PlatformValidationException">A setting is out of range.</exception>
    /// <exception cref="PlatformException">The file cannot be opened, or was made by a newer schema.</exception>
    public SqlitePushInbox(SqlitePushInboxOptions options)
    {
        Validate(options);
        _options = options;
        _time = options.TimeProvider ?? TimeProvider.System;
        _connectionString = SqliteDurableFile.ConnectionString(options.Path, options.BusyTimeout);

        _writer = new SqliteGroupCommit<Writer>(this, Open(), Open, connection => new Writer(connection, _time, options.MaxDeliveries),
            static (writer, transaction) => writer.Enlist(transaction), Unavailable, options.MaxBatchSize);
    }

    /// <summary>Refuses settings out of range; the one check both the constructor and the start-up validation run.</summary>
    internal static void Validate(SqlitePushInboxOptions options)
    {
        Guard.NotNull("options", options);
        Guard.Required("Path", options.Path);
        Guard.InRange("MaxDeliveries", options.MaxDeliveries, 1, int.MaxValue);
        Guard.InRange("MaxBatchSize", options.MaxBatchSize, 1, 100_000);
        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromHours(1))
        {
            Guard.Fail("BusyTimeout", options.BusyTimeout.ToString("c", CultureInfo.InvariantCulture), null, "between 0 and 1 hour.");
        }
    }

    /// <summary>How many transactions the writer committed (tests check that concurrent stores share them).</summary>
    internal long Commits => _writer.Commits;

    /// <inheritdoc />
    /// <exception cref="PlatformException">The store failed; the push may or may not be stored (see the class remarks).</exception>
    public ValueTask<InboxStoreResult> StoreAsync(InboxPush push, CancellationToken cancellationToken = default)
    {
        var row = NewRow(push);
        return Enqueue(w => w.Insert(row, StateReady, null), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<InboxStoreResult> DeadLetterAsync(InboxPush push, string reason, CancellationToken cancellationToken = default)
    {
        var row = NewRow(push);
        Guard.NotNull("reason", reason);
        return Enqueue(w => w.Insert(row, StateDead, reason), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InboxMessage>> LeaseAsync(int maxMessages, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        Guard.InRange("maxMessages", maxMessages, 1, 10_000);
        if (leaseDuration <= TimeSpan.Zero || leaseDuration > TimeSpan.FromDays(7))
        {
            Guard.Fail("leaseDuration", leaseDuration.ToString("c", CultureInfo.InvariantCulture), null, "more than 0 and at most 7 days.");
        }

        return Enqueue<IReadOnlyList<InboxMessage>>(w => w.Lease(maxMessages, leaseDuration), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>A lease that ended but was not yet handed to anyone else still completes: the work is done, so it is not repeated.</remarks>
    public ValueTask<bool> CompleteAsync(InboxMessage message, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("message", message);
        return Enqueue(w => w.Complete(message.MessageId, message.LeaseToken), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> AbandonAsync(InboxMessage message, string reason, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("message", message);
        Guard.NotNull("reason", reason);
        return Enqueue(w => w.Abandon(message.MessageId, message.LeaseToken, reason), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InboxMessage>> ListDeadLettersAsync(int maxMessages, CancellationToken cancellationToken = default)
    {
        Guard.InRange("maxMessages", maxMessages, 1, 10_000);
        return Enqueue<IReadOnlyList<InboxMessage>>(w => w.ListDead(maxMessages), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> ReplayAsync(string messageId, CancellationToken cancellationToken = default)
    {
        Guard.Required("messageId", messageId);
        return Enqueue(w => w.Replay(messageId), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeCompletedAsync(DateTimeOffset completedBefore, int maxMessages, CancellationToken cancellationToken = default)
    {
        Guard.InRange("maxMessages", maxMessages, 1, 10_000);
        return Enqueue(w => w.Purge(completedBefore, maxMessages), cancellationToken);
    }

    /// <summary>Finishes what is queued, then closes the file.</summary>
    public void Dispose() => _writer.Dispose();

    /// <summary>Finishes what is queued, then closes the file.</summary>
    /// <returns>A task that completes when the file is closed.</returns>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private static NewMessage NewRow(InboxPush push)
    {
        Guard.NotNull("push", push);
        Guard.Required("push.Source", push.Source);
        Guard.Required("push.Kind", push.Kind);
        Guard.Required("push.DeduplicationKey", push.DeduplicationKey);
        string? attributes = null;
        if (push.Attributes is { Count: > 0 } pairs)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                foreach (var pair in pairs)
                {
                    Guard.NotNull("push.Attributes[" + pair.Key + "]", pair.Value);
                    json.WriteString(pair.Key, pair.Value);
                }

                json.WriteEndObject();
            }

            attributes = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        // Copied now: a caller that stops waiting (cancellation) may reuse its buffer while the writer still has the push queued.
        return new NewMessage(push, push.Body.ToArray(), attributes);
    }

    private ValueTask<T> Enqueue<T>(Func<Writer, T> work, CancellationToken cancellationToken) => _writer.Enqueue(work, cancellationToken);

    private SqliteConnection Open() => SqliteDurableFile.Open(_connectionString, _options.BusyTimeout, EnsureSchema, Unavailable);

    private static void EnsureSchema(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var version = SqliteDurableFile.SchemaVersion(command, SchemaVersion, InboxErrorCodes.Platform, InboxErrorCodes.SchemaTooNew, "inbox");

        if (version < 1)
        {
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS inbox_messages (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    message_id TEXT NOT NULL UNIQUE,
                    source TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    dedup_key TEXT NOT NULL,
                    body BLOB NOT NULL,
                    content_type TEXT,
                    received_at TEXT NOT NULL,
                    attributes TEXT,
                    stored_at INTEGER NOT NULL,
                    state INTEGER NOT NULL,
                    delivery_count INTEGER NOT NULL DEFAULT 0,
                    lease_token TEXT,
                    leased_until INTEGER,
                    last_error TEXT,
                    completed_at INTEGER
                );
                CREATE UNIQUE INDEX IF NOT EXISTS ux_inbox_messages_dedup ON inbox_messages (source, dedup_key);
                CREATE INDEX IF NOT EXISTS ix_inbox_messages_pending ON inbox_messages (seq) WHERE state IN (0, 1);
                CREATE INDEX IF NOT EXISTS ix_inbox_messages_dead ON inbox_messages (seq) WHERE state = 3;
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        if (version < 2)
        {
            // Version 2: purging completed messages by completion time reads this index instead of the whole table.
            command.CommandText = """
                CREATE INDEX IF NOT EXISTS ix_inbox_messages_completed ON inbox_messages (completed_at, seq) WHERE state = 2;
                PRAGMA user_version = 2;
                """;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }


    private static PlatformException Unavailable(Exception cause) => DurableStoreFailure.Unavailable(
        InboxErrorCodes.Platform, InboxErrorCodes.Unavailable, "inbox store",
        "Answer the platform with a failure so that it pushes again (the redelivery is deduplicated); check the disk and other processes holding the file.", cause);

    private sealed record NewMessage(InboxPush Push, byte[] Body, string? Attributes);

    /// <summary>The writer's prepared statements on its connection; used only by the writer loop, inside its transaction.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly TimeProvider _time;
        private readonly int _maxDeliveries;
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _findByKey;
        private readonly SqliteCommand _selectReady;
        private readonly SqliteCommand _markLeased;
        private readonly SqliteCommand _markDeadAfterLease;
        private readonly SqliteCommand _complete;
        private readonly SqliteCommand _abandon;
        private readonly SqliteCommand _listDead;
        private readonly SqliteCommand _replay;
        private readonly SqliteCommand _purge;
        private readonly SqliteCommand[] _all;

        public Writer(SqliteConnection connection, TimeProvider time, int maxDeliveries)
        {
            _time = time;
            _maxDeliveries = maxDeliveries;
            _insert = SqliteStatement.Prepare(connection, """
                INSERT INTO inbox_messages (message_id, source, kind, dedup_key, body, content_type, received_at, attributes, stored_at, state, delivery_count, last_error)
                VALUES ($id, $source, $kind, $key, $body, $contentType, $receivedAt, $attributes, $now, $state, 0, $error)
                ON CONFLICT (source, dedup_key) DO NOTHING;
                """);
            _findByKey = SqliteStatement.Prepare(connection, "SELECT message_id FROM inbox_messages WHERE source = $source AND dedup_key = $key;");
            _selectReady = SqliteStatement.Prepare(connection, $"""
                SELECT {Columns} FROM inbox_messages
                WHERE state IN (0, 1) AND (state = 0 OR leased_until <= $now)
                ORDER BY seq LIMIT $limit;
                """);
            _markLeased = SqliteStatement.Prepare(connection,
                "UPDATE inbox_messages SET state = 1, delivery_count = $count, lease_token = $token, leased_until = $until WHERE seq = $seq;");
            _markDeadAfterLease = SqliteStatement.Prepare(connection,
                "UPDATE inbox_messages SET state = 3, lease_token = NULL, leased_until = NULL, last_error = $error WHERE seq = $seq;");
            _complete = SqliteStatement.Prepare(connection, """
                UPDATE inbox_messages SET state = 2, lease_token = NULL, leased_until = NULL, completed_at = $now
                WHERE message_id = $id AND state = 1 AND lease_token = $token;
                """);
            _abandon = SqliteStatement.Prepare(connection, """
                UPDATE inbox_messages SET state = CASE WHEN delivery_count >= $max THEN 3 ELSE 0 END,
                    lease_token = NULL, leased_until = NULL, last_error = $error
                WHERE message_id = $id AND state = 1 AND lease_token = $token;
                """);
            _listDead = SqliteStatement.Prepare(connection, $"SELECT {Columns} FROM inbox_messages WHERE state = 3 ORDER BY seq LIMIT $limit;");
            _replay = SqliteStatement.Prepare(connection, """
                UPDATE inbox_messages SET state = 0, delivery_count = 0, lease_token = NULL, leased_until = NULL
                WHERE message_id = $id AND state = 3;
                """);
            _purge = SqliteStatement.Prepare(connection, """
                DELETE FROM inbox_messages WHERE seq IN (
                    SELECT seq FROM inbox_messages WHERE state = 2 AND completed_at < $before ORDER BY completed_at, seq LIMIT $limit);
                """);
            _all = [_insert, _findByKey, _selectReady, _markLeased, _markDeadAfterLease, _complete, _abandon, _listDead, _replay, _purge];
        }

        public void Enlist(SqliteTransaction transaction)
        {
            foreach (var command in _all)
            {
                command.Transaction = transaction;
            }
        }

        public InboxStoreResult Insert(NewMessage row, int state, string? error)
        {
            var push = row.Push;
            var id = NewId();
            SqliteStatement.Bind(_insert, "$id", id);
            SqliteStatement.Bind(_insert, "$source", push.Source);
            SqliteStatement.Bind(_insert, "$kind", push.Kind);
            SqliteStatement.Bind(_insert, "$key", push.DeduplicationKey);
            SqliteStatement.Bind(_insert, "$body", row.Body);
            SqliteStatement.Bind(_insert, "$contentType", push.ContentType);
            SqliteStatement.Bind(_insert, "$receivedAt", push.ReceivedAt.ToString("O", CultureInfo.InvariantCulture));
            SqliteStatement.Bind(_insert, "$attributes", row.Attributes);
            SqliteStatement.Bind(_insert, "$now", Now());
            SqliteStatement.Bind(_insert, "$state", state);
            SqliteStatement.Bind(_insert, "$error", error);
            if (_insert.ExecuteNonQuery() == 1)
            {
                return new InboxStoreResult(id, IsDuplicate: false);
            }

            SqliteStatement.Bind(_findByKey, "$source", push.Source);
            SqliteStatement.Bind(_findByKey, "$key", push.DeduplicationKey);
            var existing = (string)_findByKey.ExecuteScalar()!;
            return new InboxStoreResult(existing, IsDuplicate: true);
        }

        public List<InboxMessage> Lease(int maxMessages, TimeSpan leaseDuration)
        {
            var now = Now();
            var until = now + (long)leaseDuration.TotalMilliseconds;
            var leased = new List<InboxMessage>();
            while (leased.Count < maxMessages)
            {
                var wanted = maxMessages - leased.Count;
                var candidates = Read(_selectReady, ("$now", now), ("$limit", wanted));
                foreach (var row in candidates)
                {
                    if (row.State == StateLeased && row.DeliveryCount >= _maxDeliveries)
                    {
                        // Its handler never came back (a crash on this very message, most likely): a poison message too.
                        SqliteStatement.Bind(_markDeadAfterLease, "$seq", row.Seq);
                        SqliteStatement.Bind(_markDeadAfterLease, "$error", string.Create(CultureInfo.InvariantCulture,
                            $"The lease ended without completion after {row.DeliveryCount} deliveries (MaxDeliveries {_maxDeliveries})."));
                        _markDeadAfterLease.ExecuteNonQuery();
                        continue;
                    }

                    var token = Guid.NewGuid().ToString("N");
                    var count = row.DeliveryCount + 1;
                    SqliteStatement.Bind(_markLeased, "$seq", row.Seq);
                    SqliteStatement.Bind(_markLeased, "$count", count);
                    SqliteStatement.Bind(_markLeased, "$token", token);
                    SqliteStatement.Bind(_markLeased, "$until", until);
                    _markLeased.ExecuteNonQuery();
                    leased.Add(row.ToMessage(count, token, DateTimeOffset.FromUnixTimeMilliseconds(until)));
                }

                if (candidates.Count < wanted)
                {
                    break;
                }
            }

            return leased;
        }

        public bool Complete(string messageId, string leaseToken)
        {
            SqliteStatement.Bind(_complete, "$id", messageId);
            SqliteStatement.Bind(_complete, "$token", leaseToken);
            SqliteStatement.Bind(_complete, "$now", Now());
            return _complete.ExecuteNonQuery() == 1;
        }

        public bool Abandon(string messageId, string leaseToken, string reason)
        {
            SqliteStatement.Bind(_abandon, "$id", messageId);
            SqliteStatement.Bind(_abandon, "$token", leaseToken);
            SqliteStatement.Bind(_abandon, "$max", _maxDeliveries);
            SqliteStatement.Bind(_abandon, "$error", reason);
            return _abandon.ExecuteNonQuery() == 1;
        }

        public List<InboxMessage> ListDead(int maxMessages)
        {
            var rows = Read(_listDead, ("$limit", maxMessages));
            var list = new List<InboxMessage>(rows.Count);
            foreach (var row in rows)
            {
                list.Add(row.ToMessage(row.DeliveryCount, string.Empty, null));
            }

            return list;
        }

        public int Purge(DateTimeOffset before, int maxMessages)
        {
            SqliteStatement.Bind(_purge, "$before", before.ToUnixTimeMilliseconds());
            SqliteStatement.Bind(_purge, "$limit", maxMessages);
            return _purge.ExecuteNonQuery();
        }

        public bool Replay(string messageId)
        {
            SqliteStatement.Bind(_replay, "$id", messageId);
            return _replay.ExecuteNonQuery() == 1;
        }

        public void Dispose()
        {
            foreach (var command in _all)
            {
                command.Dispose();
            }
        }

        private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

        private string NewId()
        {
            // Time-ordered for people reading logs, random for uniqueness across processes; assigned once, at first store.
            Span<byte> random = stackalloc byte[10];
            System.Security.Cryptography.RandomNumberGenerator.Fill(random);
            return string.Create(CultureInfo.InvariantCulture, $"{Now():x12}{Convert.ToHexString(random).ToLowerInvariant()}");
        }

        private static List<Row> Read(SqliteCommand command, params (string Name, object Value)[] parameters)
        {
            foreach (var (name, value) in parameters)
            {
                SqliteStatement.Bind(command, name, value);
            }

            var rows = new List<Row>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new Row(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.IsDBNull(5) ? [] : reader.GetFieldValue<byte[]>(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.GetInt32(9),
                    reader.GetInt32(10),
                    reader.IsDBNull(11) ? null : reader.GetString(11)));
            }

            return rows;
        }
    }

    private sealed record Row(
        long Seq, string MessageId, string Source, string Kind, string DedupKey, byte[] Body, string? ContentType,
        string ReceivedAt, string? Attributes, int State, int DeliveryCount, string? LastError)
    {
        public InboxMessage ToMessage(int deliveryCount, string leaseToken, DateTimeOffset? leasedUntil) => new()
        {
            MessageId = MessageId,
            DeliveryCount = deliveryCount,
            LeaseToken = leaseToken,
            LeasedUntil = leasedUntil,
            LastError = LastError,
            Push = new InboxPush
            {
                Source = Source,
                Kind = Kind,
                DeduplicationKey = DedupKey,
                Body = Body,
                ContentType = ContentType,
                ReceivedAt = DateTimeOffset.ParseExact(ReceivedAt, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                Attributes = ParseAttributes(Attributes),
            },
        };

        private static Dictionary<string, string>? ParseAttributes(string? json)
        {
            if (json is null)
            {
                return null;
            }

            using var document = JsonDocument.Parse(json);
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                attributes[property.Name] = property.Value.GetString() ?? string.Empty;
            }

            return attributes;
        }
    }
}
