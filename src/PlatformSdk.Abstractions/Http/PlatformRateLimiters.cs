using System.Threading.RateLimiting;

namespace PlatformSdk.Http;

/// <summary>
/// Holds one token bucket per platform and tenant, so one busy shop cannot use up another's quota. Registered as a singleton:
/// limiter state outlives the HTTP handlers, which the factory recycles. The buckets are an <see cref="IPlatformRateLimiter"/>:
/// by default <see cref="InProcessPlatformRateLimiter"/>, which runs on the injected <see cref="TimeProvider"/>, so a test's
/// fake clock controls the rate limit as it controls every other wait of the SDK; the one registered in the container
/// (PlatformSdk.Redis: several processes share one limit) when there is one.
/// </summary>
public sealed class PlatformRateLimiters : IDisposable
{
    private readonly IPlatformRateLimiter _limiter;
    private readonly InProcessPlatformRateLimiter? _owned;

    /// <summary>Creates in-process limiters.</summary>
    /// <param name="timeProvider">The clock that refills the buckets; <see cref="TimeProvider.System"/> when omitted.</param>
    public PlatformRateLimiters(TimeProvider? timeProvider = null) => _limiter = _owned = new InProcessPlatformRateLimiter(timeProvider);

    /// <summary>Creates limiters that take their permits from <paramref name="limiter"/> (not disposed here: its owner disposes it).</summary>
    /// <param name="limiter">The buckets, for example a limiter shared across processes.</param>
    public PlatformRateLimiters(IPlatformRateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        _limiter = limiter;
    }

    /// <summary>The buckets permits come from.</summary>
    public IPlatformRateLimiter Limiter => _limiter;

    /// <summary>Waits for a permit for one call.</summary>
    /// <param name="context">The call.</param>
    /// <param name="options">The platform's settings; no limit when <see cref="PlatformResilienceOptions.PermitsPerSecond"/> is 0.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The lease, to dispose when the attempt ends.</returns>
    /// <exception cref="PlatformRateLimitRejectedException">The tenant's queue is full.</exception>
    public async ValueTask<RateLimitLease?> AcquireAsync(PlatformRequestContext context, PlatformResilienceOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        if (options.PermitsPerSecond <= 0)
        {
            return null;
        }

        var lease = await _limiter.AcquireAsync(context.Operation.Platform, context.Tenant, options, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            var rejectedFor = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
            lease.Dispose();
            throw new PlatformRateLimitRejectedException(
                $"More than {options.QueueLimit} {context.Operation.Platform} calls are waiting for tenant '{context.Tenant}' (limit {options.PermitsPerSecond}/s).", rejectedFor);
        }

        return lease;
    }

    /// <summary>
    /// Pauses the call's platform and tenant for <paramref name="duration"/>: the platform answered that it is throttling
    /// this app and said how long to stay away. Nothing happens without a limit (<see cref="PlatformResilienceOptions.PermitsPerSecond"/> 0).
    /// </summary>
    /// <param name="context">The call that got the throttled reply.</param>
    /// <param name="options">The platform's settings.</param>
    /// <param name="duration">The platform's retry-after.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>A task that completes when the pause is in force.</returns>
    public ValueTask PauseAsync(PlatformRequestContext context, PlatformResilienceOptions options, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        return options.PermitsPerSecond <= 0 || duration <= TimeSpan.Zero
            ? ValueTask.CompletedTask
            : _limiter.PauseAsync(context.Operation.Platform, context.Tenant, options, duration, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _owned?.Dispose();
}

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>: System.Threading.RateLimiting's buckets measure elapsed time with the
/// system stopwatch even when replenished by hand, so they cannot follow a fake clock. Callers are served first come, first
/// served; at most <see cref="PlatformResilienceOptions.QueueLimit"/> wait.
/// </summary>
internal sealed class ClockedTokenBucket : IDisposable
{
    // Floating-point refill can leave a bucket a hair below one token at the exact moment it is due; that counts as a token,
    // so a fake clock advanced by exactly the period always releases the waiter.
    private const double Epsilon = 1e-9;

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly double _permitsPerSecond;
    private readonly double _capacity;
    private readonly int _queueLimit;
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private readonly ITimer _timer;
    private double _tokens;
    private long _refilledAt;
    private long _pausedUntil;
    private bool _disposed;

    public ClockedTokenBucket(PlatformResilienceOptions options, TimeProvider time)
    {
        _time = time;
        _permitsPerSecond = options.PermitsPerSecond;
        _capacity = Math.Max(1, options.Burst);
        _queueLimit = Math.Max(0, options.QueueLimit);
        _tokens = _capacity;
        _refilledAt = time.GetTimestamp();
        _timer = time.CreateTimer(static state => ((ClockedTokenBucket)state!).ServeWaiters(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Takes a permit, waiting in line for one if needed.</summary>
    /// <returns><see langword="null"/> when granted; otherwise the line was full and this is how long until a permit is free.</returns>
    public async ValueTask<TimeSpan?> AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Refill();
            if (_waiters.Count == 0 && !Paused() && _tokens >= 1 - Epsilon)
            {
                _tokens = Math.Max(0, _tokens - 1);
                return null;
            }

            if (_waiters.Count >= _queueLimit)
            {
                return Until(_waiters.Count + 1);
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
            if (_waiters.Count == 1)
            {
                _timer.Change(Until(1), Timeout.InfiniteTimeSpan);
            }
        }

        using (cancellationToken.UnsafeRegister(static (state, token) => ((ClockedTokenBucket)((object[])state!)[0]).Abandon((LinkedListNode<TaskCompletionSource>)((object[])state!)[1], token), new object[] { this, node }))
        {
            await waiter.Task.ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>Grants nothing for <paramref name="duration"/> (a longer pause in force is kept); at most one token is left for when it ends.</summary>
    public void Pause(TimeSpan duration)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Refill();
            var until = _refilledAt + (long)Math.Min(duration.TotalSeconds * _time.TimestampFrequency, TimeSpan.FromDays(1).TotalSeconds * _time.TimestampFrequency);
            _pausedUntil = Math.Max(_pausedUntil, until);
            _tokens = Math.Min(_tokens, 1);
            if (_waiters.Count > 0)
            {
                _timer.Change(Until(1), Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var waiter in _waiters)
            {
                waiter.TrySetException(new ObjectDisposedException(nameof(PlatformRateLimiters)));
            }

            _waiters.Clear();
        }

        _timer.Dispose();
    }

    private void Abandon(LinkedListNode<TaskCompletionSource> node, CancellationToken token)
    {
        lock (_gate)
        {
            if (node.List is not null)
            {
                _waiters.Remove(node);
            }
        }

        node.Value.TrySetCanceled(token);
    }

    private void ServeWaiters()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Refill();
            while (_waiters.First is { } first && !Paused() && _tokens >= 1 - Epsilon)
            {
                _waiters.RemoveFirst();
                if (first.Value.TrySetResult())
                {
                    _tokens = Math.Max(0, _tokens - 1);
                }
            }

            if (_waiters.Count > 0)
            {
                _timer.Change(Until(1), Timeout.InfiniteTimeSpan);
            }
        }
    }

    // Nothing accrues while paused: the bucket refills from the end of the pause.
    private void Refill()
    {
        var now = _time.GetTimestamp();
        var from = Math.Max(_refilledAt, _pausedUntil);
        if (now > from)
        {
            _tokens = Math.Min(_capacity, _tokens + (_time.GetElapsedTime(from, now).TotalSeconds * _permitsPerSecond));
        }

        _refilledAt = now;
    }

    // Called after Refill, so _refilledAt is now.
    private bool Paused() => _refilledAt < _pausedUntil;

    // How long until `count` tokens are in the bucket: at least one tick, so the timer always fires later, never now; at most a
    // day, within what a timer accepts (a waiter woken early simply waits again).
    private TimeSpan Until(int count)
    {
        var paused = Paused() ? _time.GetElapsedTime(_refilledAt, _pausedUntil).Ticks : 0;
        var ticks = paused + Math.Ceiling(Math.Max(0, count - _tokens) / _permitsPerSecond * TimeSpan.TicksPerSecond);
        return TimeSpan.FromTicks((long)Math.Clamp(ticks, 1d, TimeSpan.TicksPerDay));
    }
}
