using System.Threading.RateLimiting;
using PlatformSdk.Http;
using StackExchange.Redis;

namespace PlatformSdk.Redis;

/// <summary>
/// A token bucket kept in Redis, so every process that names the same key shares it: a <see cref="RateLimiter"/> like
/// System.Threading.RateLimiting's <see cref="TokenBucketRateLimiter"/>, configured with the same
/// <see cref="TokenBucketRateLimiterOptions"/> (steady rate = <see cref="TokenBucketRateLimiterOptions.TokensPerPeriod"/> per
/// <see cref="TokenBucketRateLimiterOptions.ReplenishmentPeriod"/>, burst = <see cref="TokenBucketRateLimiterOptions.TokenLimit"/>).
/// Refill, take and pause run in one Lua script on the server's clock (see the package README). Waiting happens in this
/// process, on the injected <see cref="TimeProvider"/>: one caller per process at a time asks Redis and sleeps until the
/// script says a token is due, the others line up behind it, oldest first, at most
/// <see cref="TokenBucketRateLimiterOptions.QueueLimit"/> of them. A cancelled wait leaves the bucket as it was.
/// </summary>
public sealed class RedisTokenBucketRateLimiter : RateLimiter
{
    private readonly IDatabase _database;
    private readonly RedisKey _key;
    private readonly TimeProvider _time;
    private readonly Func<long>? _scriptClock;
    private readonly double _permitsPerSecond;
    private readonly int _capacity;
    private readonly int _queueLimit;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private long _waiting;
    private long _successful;
    private long _failed;
    private long _lastTokens;
    private long _idleSince;

    /// <summary>Creates a limiter on one key.</summary>
    /// <param name="database">The Redis database.</param>
    /// <param name="key">The bucket's key; every process using this key shares the bucket.</param>
    /// <param name="options">Rate, burst and queue limit (<see cref="TokenBucketRateLimiterOptions.AutoReplenishment"/> is implied: the script refills on every call).</param>
    /// <param name="timeProvider">The clock the waits run on; <see cref="TimeProvider.System"/> when omitted.</param>
    public RedisTokenBucketRateLimiter(IDatabase database, RedisKey key, TokenBucketRateLimiterOptions options, TimeProvider? timeProvider = null)
        : this(database, key, options, timeProvider, scriptClock: null)
    {
    }

    // scriptClock: tests pass their fake clock's time (µs) instead of the server's TIME, so the bucket follows it.
    internal RedisTokenBucketRateLimiter(IDatabase database, RedisKey key, TokenBucketRateLimiterOptions options, TimeProvider? timeProvider, Func<long>? scriptClock)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        if ((string?)key is null or "")
        {
            throw new ArgumentException("The bucket needs a key.", nameof(key));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.TokenLimit, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TokensPerPeriod, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.QueueLimit, nameof(options));
        if (options.ReplenishmentPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ReplenishmentPeriod, "The replenishment period must be positive.");
        }

        _database = database;
        _key = key;
        _time = timeProvider ?? TimeProvider.System;
        _scriptClock = scriptClock;
        _permitsPerSecond = options.TokensPerPeriod / options.ReplenishmentPeriod.TotalSeconds;
        _capacity = options.TokenLimit;
        _queueLimit = options.QueueLimit;
        _idleSince = _time.GetTimestamp();
    }

    /// <summary>The bucket's key.</summary>
    public RedisKey Key => _key;

    /// <inheritdoc />
    public override TimeSpan? IdleDuration
        => _gate.CurrentCount == 0 ? null : _time.GetElapsedTime(Interlocked.Read(ref _idleSince));

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics() => new()
    {
        CurrentAvailablePermits = Interlocked.Read(ref _lastTokens),
        CurrentQueuedCount = Interlocked.Read(ref _waiting),
        TotalFailedLeases = Interlocked.Read(ref _failed),
        TotalSuccessfulLeases = Interlocked.Read(ref _successful),
    };

    /// <summary>
    /// Grants no permit of this bucket, in any process, for <paramref name="duration"/> by the server's clock (a longer pause
    /// in force is kept). At most one token is left, so when the pause ends one call goes and the rest follow at the steady rate.
    /// </summary>
    /// <param name="duration">How long.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>A task that completes when Redis has the pause.</returns>
    public async Task PauseAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        await EvaluateAsync(0, duration, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckCount(permitCount);
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        // Never ahead of the callers already in line.
        if (!_gate.Wait(0))
        {
            return Rejected(Estimate(permitCount));
        }

        try
        {
            var result = Taken(RedisTokenBucketScript.Read(_database.ScriptEvaluate(RedisTokenBucketScript.Source, [_key], Arguments(permitCount, TimeSpan.Zero))));
            return result.Granted ? Granted() : Rejected(result.Wait);
        }
        finally
        {
            Release();
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckCount(permitCount);
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var token = linked.Token;
        var waiting = false;
        try
        {
            if (!_gate.Wait(0, CancellationToken.None))
            {
                if (!JoinLine())
                {
                    return Rejected(Estimate(permitCount));
                }

                waiting = true;
                await Wait(_gate.WaitAsync(token)).ConfigureAwait(false);
            }

            try
            {
                while (true)
                {
                    var result = await EvaluateAsync(permitCount, TimeSpan.Zero, token).ConfigureAwait(false);
                    if (result.Granted)
                    {
                        return Granted();
                    }

                    if (!waiting)
                    {
                        if (!JoinLine())
                        {
                            return Rejected(result.Wait);
                        }

                        waiting = true;
                    }

                    // The wait is this process's: the injected clock decides when to ask again (a fake clock in tests);
                    // the server's clock decides whether a token is due.
                    await Wait(Task.Delay(result.Wait, _time, token)).ConfigureAwait(false);
                }
            }
            finally
            {
                Release();
            }
        }
        finally
        {
            if (waiting)
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        async Task Wait(Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_disposed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(RedisTokenBucketRateLimiter));
            }
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
        }

        base.Dispose(disposing);
    }

    private async Task<RedisTokenBucketScript.Result> EvaluateAsync(int permitCount, TimeSpan pause, CancellationToken cancellationToken)
    {
        var reply = await _database.ScriptEvaluateAsync(RedisTokenBucketScript.Source, [_key], Arguments(permitCount, pause)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return Taken(RedisTokenBucketScript.Read(reply));
    }

    private RedisValue[] Arguments(int permitCount, TimeSpan pause)
        => RedisTokenBucketScript.Arguments(_permitsPerSecond, _capacity, permitCount, pause, _scriptClock?.Invoke());

    private RedisTokenBucketScript.Result Taken(RedisTokenBucketScript.Result result)
    {
        Interlocked.Exchange(ref _lastTokens, (long)Math.Floor(result.Tokens));
        return result;
    }

    private bool JoinLine()
    {
        if (Interlocked.Increment(ref _waiting) > _queueLimit)
        {
            Interlocked.Decrement(ref _waiting);
            return false;
        }

        return true;
    }

    private void Release()
    {
        Interlocked.Exchange(ref _idleSince, _time.GetTimestamp());
        _gate.Release();
    }

    private void CheckCount(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _capacity);
    }

    private TimeSpan Estimate(int permitCount)
        => TimeSpan.FromSeconds((Interlocked.Read(ref _waiting) + Math.Max(1, permitCount)) / _permitsPerSecond);

    private PlatformLease Granted()
    {
        Interlocked.Increment(ref _successful);
        return PlatformLease.Granted;
    }

    private PlatformLease Rejected(TimeSpan retryAfter)
    {
        Interlocked.Increment(ref _failed);
        return PlatformLease.Rejected(retryAfter);
    }
}
