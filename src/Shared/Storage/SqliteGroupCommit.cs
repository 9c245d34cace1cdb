// Shared source, compiled into each package that keeps durable state (PlatformSdk.Inbox, PlatformSdk.Logistics) as internal
// code: group commit, the one way the SDK's SQLite stores reach thousands of durable changes a second on one disk.
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using PlatformSdk.Errors;

namespace PlatformSdk.Storage;

/// <summary>
/// One writer per store: every change is queued, and the writer runs whatever is queued (up to a batch size) in one
/// <c>BEGIN IMMEDIATE</c> transaction with one fsynced commit. A caller learns its result only after that commit, so "the call
/// returned" still means "the change survives a crash", while concurrent callers share the cost of the fsync.
/// </summary>
/// <typeparam name="TSession">The store's prepared statements on the writer's connection.</typeparam>
/// <remarks>
/// A change that throws a <see cref="PlatformException"/> (a record that cannot be read, a refused state) fails alone: it runs
/// inside its own savepoint, which is rolled back, and the others in its batch still commit. Any other failure (the
/// file, the disk, SQLite) fails the whole batch with the store's "unavailable" error, and the next batch opens a fresh
/// connection.
/// </remarks>
internal sealed class SqliteGroupCommit<TSession> : IDisposable, IAsyncDisposable
    where TSession : class, IDisposable
{
    private readonly object _owner;
    private readonly Func<SqliteConnection> _open;
    private readonly Func<SqliteConnection, TSession> _createSession;
    private readonly Action<TSession, SqliteTransaction> _enlist;
    private readonly Func<Exception, PlatformException> _unavailable;
    private readonly int _maxBatchSize;
    private readonly Channel<Operation> _queue = Channel.CreateUnbounded<Operation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private int _disposed;
    private long _commits;

    /// <summary>Starts the writer on an already opened connection (opening it in the store's constructor reports a bad file there); <paramref name="owner"/> is the store named when a call comes after disposal.</summary>
    public SqliteGroupCommit(object owner, SqliteConnection connection, Func<SqliteConnection> open, Func<SqliteConnection, TSession> createSession,
        Action<TSession, SqliteTransaction> enlist, Func<Exception, PlatformException> unavailable, int maxBatchSize)
    {
        _owner = owner;
        _open = open;
        _createSession = createSession;
        _enlist = enlist;
        _unavailable = unavailable;
        _maxBatchSize = maxBatchSize;
        _writer = Task.Run(() => RunAsync(connection));
    }

    /// <summary>How many transactions the writer committed (tests check that concurrent changes share them).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Queues a change; the task completes after the transaction holding it committed.</summary>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public ValueTask<T> Enqueue<T>(Func<TSession, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        var operation = new Operation<T>(work, cancellationToken);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0 || !_queue.Writer.TryWrite(operation), _owner);

        // A caller that stops waiting does not withdraw its change: once queued it may still commit, which the stores' remarks say.
        return new ValueTask<T>(cancellationToken.CanBeCanceled ? operation.Task.WaitAsync(cancellationToken) : operation.Task);
    }

    /// <summary>Finishes what is queued, then closes the connection.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
        }

        // The writer runs on the thread pool and never waits for a caller, so blocking here cannot deadlock.
        _writer.GetAwaiter().GetResult();
    }

    /// <summary>Finishes what is queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
        }

        await _writer.ConfigureAwait(false);
    }

    private async Task RunAsync(SqliteConnection? connection)
    {
        var batch = new List<Operation>(Math.Min(_maxBatchSize, 1024));
        TSession? session = null;
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _maxBatchSize && reader.TryRead(out var next))
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
                    connection ??= _open();
                    session ??= _createSession(connection);
                    using (var transaction = connection.BeginTransaction(deferred: false))
                    {
                        _enlist(session, transaction);
                        foreach (var operation in batch)
                        {
                            operation.Run(session, transaction);
                        }

                        transaction.Commit();
                    }

                    Interlocked.Increment(ref _commits);
                }
#pragma warning disable CA1031 // Whatever broke the transaction, every call in it must get an answer, and the writer must live on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    var error = ex as PlatformException ?? _unavailable(ex);
                    foreach (var operation in batch)
                    {
                        operation.Fail(error);
                    }

                    // The connection may be unusable (I/O error); the next batch opens a fresh one.
                    session?.Dispose();
                    session = null;
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
            session?.Dispose();
            connection?.Dispose();
        }
    }

    private abstract class Operation(CancellationToken cancellationToken)
    {
        protected const string Savepoint = "change";

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract void Run(TSession session, SqliteTransaction transaction);

        public abstract void Publish();

        public abstract void Fail(Exception error);

        public abstract void Cancel();
    }

    private sealed class Operation<T>(Func<TSession, T> work, CancellationToken cancellationToken) : Operation(cancellationToken)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private PlatformException? _refused;

        public Task<T> Task => _completion.Task;

        public override void Run(TSession session, SqliteTransaction transaction)
        {
            transaction.Save(Savepoint);
            try
            {
                _result = work(session);
            }
            catch (PlatformException ex)
            {
                // Its own failure (a check, a record that cannot be read): undo what it wrote; the batch's other changes still commit.
                transaction.Rollback(Savepoint);
                _refused = ex;
            }

            transaction.Release(Savepoint);
        }

        public override void Publish()
        {
            if (_refused is not null)
            {
                _completion.TrySetException(_refused);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception error) => _completion.TrySetException(error);

        public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
    }
}

/// <summary>Prepared-statement helpers of the stores' statement sets.</summary>
internal static class SqliteStatement
{
    /// <summary>A command on a connection, reused for every call (its parameters are bound anew each time).</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Binds a parameter, adding it at first use; null is SQL NULL.</summary>
    public static void Bind(SqliteCommand command, string name, object? value)
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
}
