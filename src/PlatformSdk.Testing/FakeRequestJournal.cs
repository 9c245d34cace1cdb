namespace PlatformSdk.Testing;

/// <summary>The thread-safe, append-only log of the requests a fake platform server (or a <see cref="LoopbackStubServer"/>) received.</summary>
public sealed class FakeRequestJournal
{
    private readonly object _gate = new();
    private readonly List<FakeJournalEntry> _entries = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private long _sequence;

    internal FakeRequestJournal()
    {
    }

    /// <summary>The number of entries.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>A snapshot of all entries, oldest first.</summary>
    public IReadOnlyList<FakeJournalEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>The entries of one route, oldest first.</summary>
    /// <param name="route">The route name.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<FakeJournalEntry> CallsTo(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        lock (_gate)
        {
            return _entries.Where(entry => string.Equals(entry.Route, route, StringComparison.Ordinal)).ToArray();
        }
    }

    /// <summary>
    /// Completes once the journal holds at least <paramref name="count"/> entries. An entry is written before any injected delay
    /// starts, so a test can wait for it and then advance its <c>FakeTimeProvider</c>.
    /// </summary>
    /// <param name="count">The entry count to wait for.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the count is reached.</returns>
    public Task WaitForCountAsync(int count, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (_entries.Count >= count)
            {
                return Task.CompletedTask;
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
        }

        return signal.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void Add(FakeJournalEntry entry)
    {
        List<TaskCompletionSource>? ready = null;
        lock (_gate)
        {
            _entries.Add(entry);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_entries.Count >= _waiters[i].Count)
                {
                    (ready ??= []).Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        ready?.ForEach(signal => signal.TrySetResult());
    }
}
