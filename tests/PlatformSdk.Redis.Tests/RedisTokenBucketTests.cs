using System.Threading.RateLimiting;
using PlatformSdk.Tests.Shared.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PlatformSdk.Redis.Tests;

/// <summary>
/// The Lua bucket on one process against the Redis test server. The script reads the test's fake clock instead of the
/// server's TIME (the internal script-clock hook), and the waits run on the same fake clock, so every refill and wait is
/// exact; one test runs on the server's clock to show that skewed process clocks do not matter.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisTokenBucketTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string _prefix = "platformsdk-ratelimit-test:" + Guid.NewGuid().ToString("N") + ":";
    private readonly List<ConnectionMultiplexer> _connections = [];
    private readonly string _configuration;
    private readonly SignallingClock _clock = new(Start);

    public RedisTokenBucketTests(RedisTestServerFixture redis, ITestOutputHelper output)
    {
        output.WriteLine(redis.Announcement);
        _configuration = redis.Configuration;
    }

    [Fact]
    public void Burst_is_granted_at_once_and_the_next_permit_is_due_one_period_later()
    {
        using var limiter = Bucket("burst", permitsPerSecond: 10, burst: 3);

        for (var i = 0; i < 3; i++)
        {
            using var lease = limiter.AttemptAcquire();
            Assert.True(lease.IsAcquired, $"permit {i + 1} of the burst");
        }

        Assert.Equal(TimeSpan.FromMilliseconds(100), RefusedFor(limiter));
        _clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(TimeSpan.FromMilliseconds(1), RefusedFor(limiter));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        using (var due = limiter.AttemptAcquire())
        {
            Assert.True(due.IsAcquired);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(100), RefusedFor(limiter));
    }

    [Fact]
    public void A_bucket_idle_for_long_holds_no_more_than_its_burst()
    {
        using var limiter = Bucket("idle", permitsPerSecond: 10, burst: 2);
        Drain(limiter, 2);
        _clock.Advance(TimeSpan.FromMinutes(10));

        Drain(limiter, 2);
        Assert.Equal(TimeSpan.FromMilliseconds(100), RefusedFor(limiter));
    }

    [Fact]
    public async Task A_waiting_caller_is_released_when_the_fake_clock_reaches_its_token()
    {
        using var limiter = Bucket("wait", permitsPerSecond: 10, burst: 1);
        Drain(limiter, 1);

        var waiting = limiter.AcquireAsync(1).AsTask();
        await _clock.TimerCreatedAsync();
        _clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(lease.IsAcquired);
        Assert.Equal(TimeSpan.FromMilliseconds(100), RefusedFor(limiter));
    }

    [Fact]
    public async Task A_pause_grants_nothing_until_it_ends_and_then_leaves_one_token_not_a_full_bucket()
    {
        using var limiter = Bucket("pause", permitsPerSecond: 10, burst: 5);

        await limiter.PauseAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(2), RefusedFor(limiter));
        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(TimeSpan.FromMilliseconds(1), RefusedFor(limiter));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Drain(limiter, 1);
        Assert.Equal(TimeSpan.FromMilliseconds(100), RefusedFor(limiter));
    }

    [Fact]
    public async Task A_shorter_pause_does_not_cut_a_longer_one_short()
    {
        using var limiter = Bucket("pauses", permitsPerSecond: 10, burst: 1);

        await limiter.PauseAsync(TimeSpan.FromSeconds(120));
        await limiter.PauseAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(120), RefusedFor(limiter));
    }

    [Fact]
    public async Task A_caller_waiting_through_a_pause_gets_its_permit_when_the_pause_ends()
    {
        using var limiter = Bucket("pause-wait", permitsPerSecond: 10, burst: 3);
        await limiter.PauseAsync(TimeSpan.FromSeconds(2));

        var waiting = limiter.AcquireAsync(1).AsTask();
        await _clock.TimerCreatedAsync();
        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public void Limiters_on_separate_connections_and_one_key_share_one_bucket()
    {
        using var first = Bucket("shared", permitsPerSecond: 10, burst: 4);
        using var second = Bucket("shared", permitsPerSecond: 10, burst: 4);

        Drain(first, 2);
        Drain(second, 2);

        Assert.Equal(TimeSpan.FromMilliseconds(100), RefusedFor(first));
        Assert.Equal(TimeSpan.FromMilliseconds(100), RefusedFor(second));
    }

    [Fact]
    public void The_server_clock_refills_the_bucket_so_processes_with_skewed_clocks_get_no_extra_tokens()
    {
        // Two "processes" whose clocks are ten years apart; the script is left on the Redis server's TIME (no script clock).
        // Had it refilled by the callers' clocks, the one ten years ahead would have found the bucket full again.
        var behind = new SignallingClock(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ahead = new SignallingClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var first = Bucket("skew", permitsPerSecond: 1, burst: 2, behind, serverTime: true);
        using var second = Bucket("skew", permitsPerSecond: 1, burst: 2, ahead, serverTime: true);

        Drain(first, 1);
        Drain(second, 1);

        var wait = RefusedFor(second);
        // A token every second by the server's clock: the next is at most 1 s away (less the real time the test took).
        Assert.InRange(wait, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
        Assert.InRange(RefusedFor(first), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Callers_beyond_the_queue_limit_are_refused_with_a_retry_after()
    {
        using var limiter = Bucket("queue", permitsPerSecond: 10, burst: 1, queueLimit: 1);
        Drain(limiter, 1);

        var waiting = limiter.AcquireAsync(1).AsTask();
        await _clock.TimerCreatedAsync();
        using var refused = await limiter.AcquireAsync(1);

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.True(retryAfter > TimeSpan.Zero);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        using var granted = await waiting.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(granted.IsAcquired);
    }

    [Fact]
    public async Task A_cancelled_wait_takes_no_token()
    {
        using var limiter = Bucket("cancel", permitsPerSecond: 10, burst: 1);
        Drain(limiter, 1);
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(1, cancel.Token).AsTask();
        await _clock.TimerCreatedAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(15)));
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Drain(limiter, 1);
        Assert.Equal(TimeSpan.FromMilliseconds(100), RefusedFor(limiter));
    }

    [Fact]
    public void Idle_buckets_expire_from_redis()
    {
        using var limiter = Bucket("ttl", permitsPerSecond: 10, burst: 5);
        Drain(limiter, 1);

        var ttl = _connections[^1].GetDatabase().KeyTimeToLive(limiter.Key);

        // A full refill takes 0.5 s; the key lives that long plus a second, then the bucket is simply full.
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
    }

    public void Dispose()
    {
        foreach (var connection in _connections)
        {
            var server = connection.GetServers()[0];
            foreach (var key in server.Keys(pattern: _prefix + "*"))
            {
                connection.GetDatabase().KeyDelete(key);
            }

            connection.Dispose();
        }
    }

    private static void Drain(RateLimiter limiter, int permits)
    {
        for (var i = 0; i < permits; i++)
        {
            using var lease = limiter.AttemptAcquire();
            Assert.True(lease.IsAcquired, $"permit {i + 1} of {permits}");
        }
    }

    private static TimeSpan RefusedFor(RateLimiter limiter)
    {
        using var lease = limiter.AttemptAcquire();
        Assert.False(lease.IsAcquired, "the bucket should be empty");
        Assert.True(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        return retryAfter;
    }

    private RedisTokenBucketRateLimiter Bucket(string name, double permitsPerSecond, int burst, SignallingClock? clock = null, bool serverTime = false, int queueLimit = 100)
    {
        clock ??= _clock;
        var connection = ConnectionMultiplexer.Connect(_configuration);
        _connections.Add(connection);
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond / permitsPerSecond)),
            QueueLimit = queueLimit,
        };
        return new RedisTokenBucketRateLimiter(connection.GetDatabase(), _prefix + name, options, clock, serverTime ? null : () => clock.Microseconds);
    }
}
