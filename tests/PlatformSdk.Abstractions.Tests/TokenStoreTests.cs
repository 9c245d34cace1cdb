using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Abstractions.Tests.Infrastructure;
using PlatformSdk.Tests.Shared.Redis;
using PlatformSdk.Tokens;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PlatformSdk.Abstractions.Tests;

public class TokenStoreTests
{
    internal static readonly DateTimeOffset Start = new(2030, 1, 1, 8, 0, 0, TimeSpan.Zero);

    internal static AccessToken FullToken() => new("tok-value-1", Start.AddHours(2))
    {
        ObtainedAt = Start,
        RefreshToken = "refresh-value-1",
        RefreshTokenExpiresAt = Start.AddDays(30),
        PreviousValue = "tok-value-0",
        ActivatesAt = Start.AddMinutes(5),
    };

    [Fact]
    public async Task InMemory_store_round_trips_and_removes()
    {
        var store = new InMemoryAccessTokenStore();
        var key = new TokenKey("Jushuitan", "shop-1");
        var token = FullToken();

        Assert.Null(await store.GetAsync(key, CancellationToken.None));
        await store.SetAsync(key, token, CancellationToken.None);
        Assert.Same(token, await store.GetAsync(key, CancellationToken.None));
        await store.RemoveAsync(key, CancellationToken.None);
        Assert.Null(await store.GetAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task DistributedCache_store_round_trips_every_field()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var store = new DistributedCacheAccessTokenStore(cache);
        var key = new TokenKey("Jushuitan", "shop-1");
        var token = FullToken();

        await store.SetAsync(key, token, CancellationToken.None);
        var read = await store.GetAsync(key, CancellationToken.None);

        Assert.Equal(token, read); // record equality: every property survived JSON
        Assert.NotNull(await cache.GetAsync("platformsdk:token:Jushuitan:shop-1"));
        Assert.Null(await store.GetAsync(key with { Tenant = "shop-2" }, CancellationToken.None));
        await store.RemoveAsync(key, CancellationToken.None);
        Assert.Null(await store.GetAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task DistributedCache_store_uses_the_key_prefix_omits_nulls_and_treats_garbage_as_absent()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var store = new DistributedCacheAccessTokenStore(cache, "erp1:");
        var key = new TokenKey("Taobao", "shop-9");

        await cache.SetAsync("erp1:Taobao:shop-9", "{not json"u8.ToArray());
        Assert.Null(await store.GetAsync(key, CancellationToken.None));

        await store.SetAsync(key, new AccessToken("abc-123456", Start.AddHours(1)), CancellationToken.None);
        var json = System.Text.Encoding.UTF8.GetString((await cache.GetAsync("erp1:Taobao:shop-9"))!);
        Assert.Contains("\"value\":\"abc-123456\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("refreshToken", json, StringComparison.Ordinal); // nulls are not written
    }
}

/// <summary>
/// The distributed store against a real Redis-compatible server (REDIS_URL, else redis-server from PATH, else embedded
/// Garnet): what a multi-process ERP deployment runs.
/// </summary>
public class RedisTokenStoreTests : IClassFixture<RedisTestServerFixture>
{
    private readonly RedisTestServerFixture _redis;

    public RedisTokenStoreTests(RedisTestServerFixture redis, ITestOutputHelper output)
    {
        _redis = redis;
        output.WriteLine(redis.Announcement);
    }

    [Fact]
    public async Task Redis_store_round_trips_every_field()
    {
        using var cache = Connect($"roundtrip-{Guid.NewGuid():N}:");
        var store = new DistributedCacheAccessTokenStore(cache);
        var key = new TokenKey("Jushuitan", "shop-1");

        await store.SetAsync(key, TokenStoreTests.FullToken(), CancellationToken.None);

        Assert.Equal(TokenStoreTests.FullToken(), await store.GetAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Redis_store_gives_the_entry_a_lifetime_and_removes_it()
    {
        var instance = $"lifetime-{Guid.NewGuid():N}:";
        using var cache = Connect(instance);
        var store = new DistributedCacheAccessTokenStore(cache);
        var key = new TokenKey("Jushuitan", "shop-1");
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var redisKey = $"{instance}platformsdk:token:Jushuitan:shop-1";

        await store.SetAsync(key, TokenStoreTests.FullToken(), CancellationToken.None);
        var ttl = await connection.GetDatabase().KeyTimeToLiveAsync(redisKey);
        Assert.NotNull(ttl); // kept until a day past the refresh token's expiry, then dropped by the server
        Assert.True(ttl > TimeSpan.FromDays(1), $"TTL {ttl}");

        await store.RemoveAsync(key, CancellationToken.None);
        Assert.False(await connection.GetDatabase().KeyExistsAsync(redisKey));
        Assert.Null(await store.GetAsync(key, CancellationToken.None));
    }

    [Fact]
    [Rule("RJST-02")]
    public async Task RJST02_two_processes_share_one_token_through_Redis_and_only_one_refreshes()
    {
        var time = new FakeTimeProvider(TokenStoreTests.Start);
        var key = new TokenKey("Jushuitan", "shop-1");
        var instance = $"shared-{Guid.NewGuid():N}:";
        using var cacheA = Connect(instance);
        using var cacheB = Connect(instance);
        var providerA = new AccessTokenProvider(new DistributedCacheAccessTokenStore(cacheA), time);
        var providerB = new AccessTokenProvider(new DistributedCacheAccessTokenStore(cacheB), time);
        var sourceA = new CountingTokenSource(time);
        var sourceB = new CountingTokenSource(time);

        // Process A obtains the first token; process B finds it without asking its own source.
        var first = await providerA.GetTokenAsync(key, sourceA, CancellationToken.None);
        var seenByB = await providerB.GetTokenAsync(key, sourceB, CancellationToken.None);
        Assert.Equal(first.Value, seenByB.Value);

        // The platform rejects the token in both processes; A refreshes first, B picks up A's token.
        var refreshedByA = await providerA.RefreshRejectedAsync(key, first, sourceA, CancellationToken.None);
        var refreshedForB = await providerB.RefreshRejectedAsync(key, seenByB, sourceB, CancellationToken.None);

        Assert.NotEqual(first.Value, refreshedByA.Value);
        Assert.Equal(refreshedByA.Value, refreshedForB.Value);
        Assert.Equal(1, sourceA.Acquired);
        Assert.Equal(1, sourceA.Refreshed);
        Assert.Equal(0, sourceB.Acquired);
        Assert.Equal(0, sourceB.Refreshed);
    }

    private RedisCache Connect(string instance)
        => new(Options.Create(new RedisCacheOptions { Configuration = _redis.Configuration, InstanceName = instance }));
}
