namespace PlatformSdk.Testing;

/// <summary>
/// Waiters for a growing count (journal entries, stub requests). Not thread-safe: the owner calls it under its own lock and
/// completes the returned signals after releasing the lock.
/// </summary>
internal sealed class CountWaiters
{
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>A task that completes once the count reaches <paramref name="count"/>; already complete when it has.</summary>
    public Task WaitFor(int current, int count, CancellationToken cancellationToken)
    {
        if (current >= count)
        {
            return Task.CompletedTask;
        }

        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((count, signal));
        return signal.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Removes and returns the waiters the new count satisfies, or <see langword="null"/> when none.</summary>
    public List<TaskCompletionSource>? Reached(int current)
    {
        List<TaskCompletionSource>? ready = null;
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (current >= _waiters[i].Count)
            {
                (ready ??= []).Add(_waiters[i].Signal);
                _waiters.RemoveAt(i);
            }
        }

        return ready;
    }

    /// <summary>Completes signals returned by <see cref="Reached"/>; call outside the owner's lock.</summary>
    public static void Release(List<TaskCompletionSource>? ready) => ready?.ForEach(signal => signal.TrySetResult());
}
