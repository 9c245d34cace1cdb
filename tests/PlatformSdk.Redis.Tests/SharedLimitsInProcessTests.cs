using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan;
using PlatformSdk.Testing;
using PlatformSdk.Tests.Shared.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PlatformSdk.Redis.Tests;

/// <summary>
/// The shared limiter and counter wired into the SDK (<c>UseRedisRateLimits</c>), in one test process: several service
/// providers on separate connections stand for several processes; the Jushuitan client calls a loopback stub.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class SharedLimitsInProcessTests : IDisposable
{
    private const string Shops = "{\"code\":0,\"msg\":\"执行成功\",\"data\":{\"datas\":[{\"shop_id\":1,\"shop_name\":\"A\"}],\"has_next\":false}}";

    private readonly string _prefix = "platformsdk-ratelimit-test:" + Guid.NewGuid().ToString("N") + ":";
    private readonly string _configuration;
    private readonly List<IDisposable> _owned = [];
    private readonly SignallingClock _clock = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public SharedLimitsInProcessTests(RedisTestServerFixture redis, ITestOutputHelper output)
    {
        output.WriteLine(redis.Announcement);
        _configuration = redis.Configuration;
    }

    [Fact]
    public void UseRedisRateLimits_puts_the_shared_limiter_and_call_counter_behind_the_sdk()
    {
        var provider = Provider(new LoopbackStubServer(_ => StubReply.Json(Shops)), useRedis: true);

        Assert.IsType<RedisPlatformRateLimiter>(provider.GetRequiredService<PlatformRateLimiters>().Limiter);
        Assert.IsType<RedisPlatformCallCounter>(provider.GetRequiredService<IPlatformCallCounter>());
    }

    [Fact]
    public void Without_UseRedisRateLimits_the_limits_stay_in_process()
    {
        var provider = Provider(new LoopbackStubServer(_ => StubReply.Json(Shops)), useRedis: false);

        Assert.IsType<InProcessPlatformRateLimiter>(provider.GetRequiredService<PlatformRateLimiters>().Limiter);
        Assert.Null(provider.GetService<IPlatformCallCounter>());
    }

    [Fact]
    public async Task A_throttled_reply_with_a_retry_after_pauses_the_shared_bucket_for_every_process()
    {
        // PDD-style: "retry after 120 s". The reply reaches one process; another process's limiter on the same key refuses.
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{}", 429).WithHeader("Retry-After", "120"));
        var client = Provider(stub, useRedis: true).GetRequiredService<JushuitanClient>();

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.Shops.ListAsync());

        Assert.Equal(ErrorCategory.Throttled, ex.Category);
        using var other = OtherProcessBucket();
        using var lease = other.AttemptAcquire();
        Assert.False(lease.IsAcquired);
        Assert.True(lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(120), retryAfter);
        _clock.Advance(TimeSpan.FromSeconds(120));
        using var after = other.AttemptAcquire();
        Assert.True(after.IsAcquired);
    }

    [Fact]
    public async Task A_throttled_reply_with_a_retry_after_pauses_the_in_process_bucket_too()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{}", 429).WithHeader("Retry-After", "2"));
        var provider = Provider(stub, useRedis: false);
        var client = provider.GetRequiredService<JushuitanClient>();
        await Assert.ThrowsAsync<PlatformException>(() => client.Shops.ListAsync());
        var limiters = provider.GetRequiredService<PlatformRateLimiters>();
        var context = new PlatformRequestContext(new PlatformOperation("Jushuitan", "probe", OperationIdempotency.Read), JushuitanOptions.DefaultTenant, null);
        var options = new PlatformResilienceOptions { PermitsPerSecond = 10, Burst = 5 };

        // The in-process bucket arms its timer before AcquireAsync returns, and the fake clock fires it inside Advance.
        var waiting = limiters.AcquireAsync(context, options, CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(lease!.IsAcquired);
    }

    [Fact]
    public async Task An_error_that_is_not_throttling_pauses_nothing_even_with_a_retry_after()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Text("unavailable", 503).WithHeader("Retry-After", "120"));
        var client = Provider(stub, useRedis: true).GetRequiredService<JushuitanClient>();

        await Assert.ThrowsAsync<PlatformException>(() => client.Shops.ListAsync());

        using var other = OtherProcessBucket();
        using var lease = other.AttemptAcquire();
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    [Rule("RJST-03")]
    public async Task RJST03_calls_of_several_processes_add_up_in_one_usage()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json(Shops));
        var first = Provider(stub, useRedis: true).GetRequiredService<JushuitanClient>();
        var second = Provider(stub, useRedis: true).GetRequiredService<JushuitanClient>();

        await first.Shops.ListAsync();
        await first.Shops.ListAsync();
        for (var i = 0; i < 3; i++)
        {
            await second.Shops.ListAsync();
        }

        // Increments are fire-and-forget: a process's own read comes after them on its connection, so the last caller reads first.
        Assert.Equal(5, stub.Journal.Count);
        Assert.Equal(5, second.GetUsage().Calls);
        Assert.Equal(5, first.GetUsage().Calls);
    }

    [Fact]
    [Rule("RJST-03")]
    public void RJST03_a_reset_ends_the_billing_period_for_every_process_at_once()
    {
        var first = new RedisPlatformCallCounter(Connect(), new RedisRateLimitOptions { KeyPrefix = _prefix });
        var second = new RedisPlatformCallCounter(Connect(), new RedisRateLimitOptions { KeyPrefix = _prefix });
        for (var i = 0; i < 3; i++)
        {
            first.Increment("Jushuitan", "shop-a");
        }

        second.Increment("Jushuitan", "shop-a");
        second.Increment("Jushuitan", "shop-b");

        // Increments are fire-and-forget: a process's own read comes after them on its connection, so the last writer reads first.
        Assert.Equal(new Dictionary<string, long> { ["shop-a"] = 4, ["shop-b"] = 1 }, second.Snapshot("Jushuitan"));
        Assert.Equal(4, first.Get("Jushuitan", "shop-a"));
        Assert.Equal(4, second.Reset("Jushuitan", "shop-a"));
        Assert.Equal(0, first.Get("Jushuitan", "shop-a"));
        first.Increment("Jushuitan", "shop-a");
        Assert.Equal(1, first.Get("Jushuitan", "shop-a"));
        Assert.Equal(1, second.Get("Jushuitan", "shop-a"));
        Assert.Equal(1, second.Get("Jushuitan", "shop-b"));
    }

    public void Dispose()
    {
        using (var cleanup = ConnectionMultiplexer.Connect(_configuration))
        {
            foreach (var key in cleanup.GetServers()[0].Keys(pattern: _prefix + "*"))
            {
                cleanup.GetDatabase().KeyDelete(key);
            }
        }

        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }

    private ConnectionMultiplexer Connect()
    {
        var connection = ConnectionMultiplexer.Connect(_configuration);
        _owned.Add(connection);
        return connection;
    }

    // The bucket a second process on the same app key uses, by the same fake clock.
    private RedisTokenBucketRateLimiter OtherProcessBucket()
    {
        var limiter = new RedisPlatformRateLimiter(Connect(), new RedisRateLimitOptions { KeyPrefix = _prefix });
        return new RedisTokenBucketRateLimiter(Connect().GetDatabase(), limiter.KeyFor("Jushuitan", JushuitanOptions.DefaultTenant),
            new System.Threading.RateLimiting.TokenBucketRateLimiterOptions { TokenLimit = 5, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMilliseconds(100), QueueLimit = 10 },
            _clock, () => _clock.Microseconds);
    }

    private ServiceProvider Provider(LoopbackStubServer stub, bool useRedis)
    {
        var services = new ServiceCollection();
        var sdk = services.AddPlatformSdk().UseTimeProvider(_clock);
        if (useRedis)
        {
            services.AddSingleton<IConnectionMultiplexer>(Connect());
            sdk.UseRedisRateLimits(o =>
            {
                o.KeyPrefix = _prefix;
                o.ScriptClock = () => _clock.Microseconds;
            });
        }

        sdk.AddJushuitan(o =>
        {
            o.Protocol = JushuitanProtocol.OpenApi;
            o.EndpointsOverride = new JushuitanEndpoints(new Uri(stub.Url + "/api/open/query.aspx"), new Uri(stub.Url), new Uri(stub.Url + "/auth"));
            o.OpenApi.AppKey = "test-app-key";
            o.OpenApi.AppSecret = "test-app-secret";
            o.OpenApi.AccessToken = "test-access-token";
            o.OpenApi.RefreshToken = "test-refresh-token";
        });
        services.Configure<PlatformResilienceOptions>("Jushuitan", o =>
        {
            o.PermitsPerSecond = 10;
            o.Burst = 5;
            o.MaxRetries = 0;
        });
        var provider = services.BuildServiceProvider();
        _owned.Add(provider);
        return provider;
    }
}
