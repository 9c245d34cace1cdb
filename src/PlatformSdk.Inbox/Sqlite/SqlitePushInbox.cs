using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
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
    private readonly Channel<Operation> _queue = Channel.CreateUnbounded<Operation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private int _disposed;
    private long _commits;

    /// <summary>Opens (and at first use creates) the inbox file.</summary>
    /// <param name="options">The settings; <see cref="SqlitePushInboxOptions.Path"/> is required.</param>
    /// <exception cref="PlatformValidationException">A setting is out of range.</exception>
    /// <exception cref="PlatformException">The file cannot be opened, or was made by a newer schema.</exception>
    public SqlitePushInbox(SqlitePushInboxOptions options)
    {
        Validate(options);
        _options = options;
        _time = options.TimeProvider ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // The writer holds its connection for the inbox's lifetime; pooling would only keep the file open after Dispose.
            Pooling = false,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY for this many seconds, and forever at 0: never 0.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();

        var connection = Open();
        _writer = Task.Run(() => RunWriterAsync(connection));
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
    internal long Commits => Interlocked.Read(ref _commits);

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
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
        }

        // The writer runs on the thread pool and never waits for the caller, so blocking here cannot deadlock.
        _writer.GetAwaiter().GetResult();
    }

    /// <summary>Finishes what is queued, then closes the file.</summary>
    /// <returns>A task that completes when the file is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
        }

        await _writer.ConfigureAwait(false);
    }

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

    private ValueTask<T> Enqueue<T>(Func<Writer, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        var operation = new Operation<T>(work, cancellationToken);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0 || !_queue.Writer.TryWrite(operation), this);

        return new ValueTask<T>(cancellationToken.CanBeCanceled ? operation.Task.WaitAsync(cancellationToken) : operation.Task);
    }

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


    private async Task RunWriterAsync(SqliteConnection? connection)
    {
        var batch = new List<Operation>(Math.Min(_options.MaxBatchSize, 1024));
        Writer? writer = null;
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var next))
                {
                    if (next.CancellationToken.IsCancellationRequested)
                    {
                        next.Cancel();
                    }
                    else
                    {
                        batch.Add(next);
                    }
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                try
                {
                    connection ??= Open();
                    writer ??= new Writer(connection, _time, _options.MaxDeliveries);
                    using (var transaction = connection.BeginTransaction(deferred: false))
                    {
                        writer.Enlist(transaction);
                        foreach (var operation in batch)
                        {
                            operation.Run(writer);
                        }

                        transaction.Commit();
                    }

                    Interlocked.Increment(ref _commits);
                }
#pragma warning disable CA1031 // Whatever broke the transaction, every call in it must get an answer, and the writer must live on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    var error = ex as PlatformException ?? Unavailable(ex);
                    foreach (var operation in batch)
                    {
                        operation.Fail(error);
                    }

                    // The connection may be unusable (I/O error); the next batch opens a fresh one.
                    writer?.Dispose();
                    writer = null;
                    connection?.Dispose();
                    connection = null;
                    continue;
                }

                // Only now, after the commit, does any caller learn its result.
                foreach (var operation in batch)
                {
                    operation.Publish();
                }
            }
        }
        finally
        {
            writer?.Dispose();
            connection?.Dispose();
        }
    }

    private static PlatformException Unavailable(Exception cause)
    {
        var detail = cause is SqliteException sqlite
            ? $"SQLite error {sqlite.SqliteErrorCode.ToString(CultureInfo.InvariantCulture)}: {sqlite.Message}"
            : cause.GetType().Name + ": " + cause.Message;
        return new PlatformException(
            new PlatformError(
                InboxErrorCodes.Platform,
                InboxErrorCodes.Unavailable,
                "The inbox store failed (" + detail + ").",
                ErrorCategory.Transient,
                "Answer the platform with a failure so that it pushes again (the redelivery is deduplicated); check the disk and other processes holding the file.")
            { Delivery = RequestDelivery.OutcomeUnknown },
            cause)
        { MayHaveBeenProcessed = true };
    }

    private sealed record NewMessage(InboxPush Push, byte[] Body, string? Attributes);

    private abstract class Operation(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract void Run(Writer writer);

        public abstract void Publish();

        public abstract void Fail(Exception error);

        public abstract void Cancel();
    }

    private sealed class Operation<T>(Func<Writer, T> work, CancellationToken cancellationToken) : Operation(cancellationToken)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Run(Writer writer) => _result = work(writer);

        public override void Publish() => _completion.TrySetResult(_result!);

        public override void Fail(Exception error) => _completion.TrySetException(error);

        public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
    }

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
            _insert = Command(connection, """
                INSERT INTO inbox_messages (message_id, source, kind, dedup_key, body, content_type, received_at, attributes, stored_at, state, delivery_count, last_error)
                VALUES ($id, $source, $kind, $key, $body, $contentType, $receivedAt, $attributes, $now, $state, 0, $error)
                ON CONFLICT (source, dedup_key) DO NOTHING;
                """);
            _findByKey = Command(connection, "SELECT message_id FROM inbox_messages WHERE source = $source AND dedup_key = $key;");
            _selectReady = Command(connection, $"""
                SELECT {Columns} FROM inbox_messages
                WHERE state IN (0, 1) AND (state = 0 OR leased_until <= $now)
                ORDER BY seq LIMIT $limit;
                """);
            _markLeased = Command(connection,
                "UPDATE inbox_messages SET state = 1, delivery_count = $count, lease_token = $token, leased_until = $until WHERE seq = $seq;");
            _markDeadAfterLease = Command(connection,
                "UPDATE inbox_messages SET state = 3, lease_token = NULL, leased_until = NULL, last_error = $error WHERE seq = $seq;");
            _complete = Command(connection, """
                UPDATE inbox_messages SET state = 2, lease_token = NULL, leased_until = NULL, completed_at = $now
                WHERE message_id = $id AND state = 1 AND lease_token = $token;
                """);
            _abandon = Command(connection, """
                UPDATE inbox_messages SET state = CASE WHEN delivery_count >= $max THEN 3 ELSE 0 END,
                    lease_token = NULL, leased_until = NULL, last_error = $error
                WHERE message_id = $id AND state = 1 AND lease_token = $token;
                """);
            _listDead = Command(connection, $"SELECT {Columns} FROM inbox_messages WHERE state = 3 ORDER BY seq LIMIT $limit;");
            _replay = Command(connection, """
                UPDATE inbox_messages SET state = 0, delivery_count = 0, lease_token = NULL, leased_until = NULL
                WHERE message_id = $id AND state = 3;
                """);
            _purge = Command(connection, """
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
            Set(_insert, "$id", id);
            Set(_insert, "$source", push.Source);
            Set(_insert, "$kind", push.Kind);
            Set(_insert, "$key", push.DeduplicationKey);
            Set(_insert, "$body", row.Body);
            Set(_insert, "$contentType", push.ContentType);
            Set(_insert, "$receivedAt", push.ReceivedAt.ToString("O", CultureInfo.InvariantCulture));
            Set(_insert, "$attributes", row.Attributes);
            Set(_insert, "$now", Now());
            Set(_insert, "$state", state);
            Set(_insert, "$error", error);
            if (_insert.ExecuteNonQuery() == 1)
            {
                return new InboxStoreResult(id, IsDuplicate: false);
            }

            Set(_findByKey, "$source", push.Source);
            Set(_findByKey, "$key", push.DeduplicationKey);
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
                        Set(_markDeadAfterLease, "$seq", row.Seq);
                        Set(_markDeadAfterLease, "$error", string.Create(CultureInfo.InvariantCulture,
                            $"The lease ended without completion after {row.DeliveryCount} deliveries (MaxDeliveries {_maxDeliveries})."));
                        _markDeadAfterLease.ExecuteNonQuery();
                        continue;
                    }

                    var token = Guid.NewGuid().ToString("N");
                    var count = row.DeliveryCount + 1;
                    Set(_markLeased, "$seq", row.Seq);
                    Set(_markLeased, "$count", count);
                    Set(_markLeased, "$token", token);
                    Set(_markLeased, "$until", until);
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
            Set(_complete, "$id", messageId);
            Set(_complete, "$token", leaseToken);
            Set(_complete, "$now", Now());
            return _complete.ExecuteNonQuery() == 1;
        }

        public bool Abandon(string messageId, string leaseToken, string reason)
        {
            Set(_abandon, "$id", messageId);
            Set(_abandon, "$token", leaseToken);
            Set(_abandon, "$max", _maxDeliveries);
            Set(_abandon, "$error", reason);
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
            Set(_purge, "$before", before.ToUnixTimeMilliseconds());
            Set(_purge, "$limit", maxMessages);
            return _purge.ExecuteNonQuery();
        }

        public bool Replay(string messageId)
        {
            Set(_replay, "$id", messageId);
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

        private static SqliteCommand Command(SqliteConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        private static void Set(SqliteCommand command, string name, object? value)
        {
            var parameters = command.Parameters;
            var index = parameters.IndexOf(name);
            if (index < 0)
            {
                parameters.AddWithValue(name, value ?? DBNull.Value);
            }
            else
            {
                parameters[index].Value = value ?? DBNull.Value;
            }
        }

        private static List<Row> Read(SqliteCommand command, params (string Name, object Value)[] parameters)
        {
            foreach (var (name, value) in parameters)
            {
                Set(command, name, value);
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
