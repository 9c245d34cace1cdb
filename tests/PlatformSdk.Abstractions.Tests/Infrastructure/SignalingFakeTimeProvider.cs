using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace PlatformSdk.Abstractions.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created, so a test advances the clock only
/// after the code under test has started waiting (advancing earlier would leave the wait pending forever).
/// </summary>
internal sealed class SignalingFakeTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _created = new();
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Signal)> _waiters = [];

    public IReadOnlyCollection<TimeSpan> CreatedTimers => _created;

    /// <summary>Completes when a timer with exactly <paramref name="dueTime"/> is (or was) created.</summary>
    public Task TimerCreated(TimeSpan dueTime)
    {
        lock (_waiters)
        {
            if (_created.Contains(dueTime))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, signal));
            return signal.Task;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_waiters)
        {
            _created.Enqueue(dueTime);
            foreach (var waiter in _waiters.Where(w => w.DueTime == dueTime).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return timer;
    }
}
