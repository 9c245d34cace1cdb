using PlatformSdk.Tests.Shared.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PlatformSdk.Abstractions.Tests;

/// <summary>
/// The same assertions on whichever server the fixture chose (REDIS_URL, redis-server, embedded Garnet): it says which
/// one it uses, and every command the SDK's Redis-backed stores rely on works there. A store that needs a command not
/// listed here adds it here first, so a Garnet run shows whether Garnet has it (it has no Streams and no WAIT).
/// </summary>
public class RedisTestServerContractTests : IClassFixture<RedisTestServerFixture>
{
    private readonly RedisTestServerFixture _redis;
    private readonly ITestOutputHelper _output;

    public RedisTestServerContractTests(RedisTestServerFixture redis, ITestOutputHelper output)
    {
        _redis = redis;
        _output = output;
        output.WriteLine(redis.Announcement);
    }

    [Fact]
    public void The_server_is_chosen_in_order_REDIS_URL_then_redis_server_on_PATH_then_Garnet()
    {
        var forced = Environment.GetEnvironmentVariable(RedisTestServer.KindVariable);
        RedisTestServerKind? expected = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RedisTestServer.UrlVariable)) ? RedisTestServerKind.External
            : !string.IsNullOrWhiteSpace(forced) ? null // forced by REDIS_TEST_SERVER: any local kind
            : RedisTestServer.FindOnPath("redis-server") is not null ? RedisTestServerKind.RedisServer
            : RedisTestServerKind.Garnet;

        if (expected is { } kind)
        {
            Assert.Equal(kind, _redis.Kind);
        }
        else
        {
            Assert.NotEqual(RedisTestServerKind.External, _redis.Kind);
        }

        if (_redis.Kind != RedisTestServerKind.External)
        {
            Assert.Equal("127.0.0.1", _redis.Server.Host);
            Assert.StartsWith($"127.0.0.1:{_redis.Server.Port},", _redis.Configuration, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Starting_a_server_prints_which_one_it_is_and_disposing_it_stops_a_started_one()
    {
        var printed = new List<string>();
        var server = RedisTestServer.Start(new RedisTestServerOptions { Log = printed.Add });
        try
        {
            var line = Assert.Single(printed);
            _output.WriteLine(line);
            Assert.Equal(server.Announcement, line);
            Assert.StartsWith($"Redis tests use {server.Kind}: ", line, StringComparison.Ordinal);
            Assert.Equal(_redis.Kind, server.Kind);
            Assert.Contains(server.Kind switch
            {
                RedisTestServerKind.External => RedisTestServer.UrlVariable,
                RedisTestServerKind.RedisServer => "redis-server",
                _ => "Garnet",
            }, line, StringComparison.Ordinal);
            if (server.Kind != RedisTestServerKind.External)
            {
                Assert.Contains($"127.0.0.1:{server.Port}", line, StringComparison.Ordinal);
            }

            await using var connection = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
            Assert.Equal("PONG", (await connection.GetDatabase().ExecuteAsync("PING")).ToString());
        }
        finally
        {
            server.Dispose();
        }

        if (server.Kind != RedisTestServerKind.External)
        {
            // Nothing answers on its port once it is stopped.
            Assert.ThrowsAny<Exception>(() => RespProbe.Call(server.Host, server.Port, TimeSpan.FromSeconds(2), "PING"));
        }
    }

    [Fact]
    public async Task Shared_is_one_running_server_for_the_whole_test_process()
    {
        var shared = RedisTestServer.Shared;
        _output.WriteLine(shared.Announcement);

        Assert.Same(shared, RedisTestServer.Shared);
        Assert.Equal(_redis.Kind, shared.Kind);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(shared.Configuration);
        Assert.Equal("PONG", (await connection.GetDatabase().ExecuteAsync("PING")).ToString());
    }

    [Fact]
    public async Task The_commands_the_SDK_stores_use_work_on_this_server()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var db = connection.GetDatabase();
        var prefix = $"platformsdk-contract:{Guid.NewGuid():N}:";
        var hash = prefix + "hash";
        var zset = prefix + "zset";
        var lockKey = prefix + "lock";
        try
        {
            // HSET with several fields, HMSET (what the distributed cache sends), HGET, HMGET (what it reads with).
            Assert.Equal(2L, (long)await db.ExecuteAsync("HSET", hash, "data", "payload", "absexp", "638000000000000000"));
            Assert.Equal("OK", (string?)await db.ExecuteAsync("HMSET", hash, "sldexp", "-1", "data", "payload"));
            Assert.Equal("payload", (string?)await db.ExecuteAsync("HGET", hash, "data"));
            var fields = (RedisResult[])(await db.ExecuteAsync("HMGET", hash, "absexp", "sldexp", "missing", "data"))!;
            Assert.Equal(["638000000000000000", "-1", null, "payload"], fields.Select(f => (string?)f));

            // HSETNX: the push inbox's deduplication (the first writer of a key wins, the answer says who).
            Assert.Equal(1L, (long)await db.ExecuteAsync("HSETNX", hash, "dedup", "first"));
            Assert.Equal(0L, (long)await db.ExecuteAsync("HSETNX", hash, "dedup", "second"));
            Assert.Equal("first", (string?)await db.ExecuteAsync("HGET", hash, "dedup"));

            // EXPIRE / TTL: entry lifetimes.
            Assert.Equal(1L, (long)await db.ExecuteAsync("EXPIRE", hash, 120));
            var ttl = (long)await db.ExecuteAsync("TTL", hash);
            Assert.InRange(ttl, 1, 120);

            // MULTI/EXEC: the cache writes HSET + EXPIRE as one transaction.
            var transaction = db.CreateTransaction();
            var set = transaction.HashSetAsync(hash, [new HashEntry("data", "second"), new HashEntry("sldexp", "-1")]);
            var expire = transaction.KeyExpireAsync(hash, TimeSpan.FromMinutes(5));
            Assert.True(await transaction.ExecuteAsync());
            await set;
            Assert.True(await expire);
            Assert.Equal("second", (string?)await db.HashGetAsync(hash, "data"));

            // EVAL (and EVALSHA, which the client uses for a script it has sent before): atomic read-modify-write.
            const string script = "redis.call('HSET', KEYS[1], 'count', ARGV[1]); return redis.call('HINCRBY', KEYS[1], 'count', 1)";
            Assert.Equal(42L, (long)await db.ExecuteAsync("EVAL", script, 1, hash, 41));
            Assert.Equal(8L, (long)await db.ScriptEvaluateAsync(script, [hash], [7]));
            Assert.Equal(8L, (long)await db.ScriptEvaluateAsync(script, [hash], [7]));

            // ZADD / ZRANGEBYSCORE (with LIMIT) / ZREM: due-time queues.
            Assert.Equal(3L, (long)await db.ExecuteAsync("ZADD", zset, 30, "c", 10, "a", 20, "b"));
            var due = (RedisResult[])(await db.ExecuteAsync("ZRANGEBYSCORE", zset, "-inf", 25, "LIMIT", 0, 10))!;
            Assert.Equal(["a", "b"], due.Select(m => (string?)m));
            var withScores = (RedisResult[])(await db.ExecuteAsync("ZRANGEBYSCORE", zset, "(10", "+inf", "WITHSCORES"))!;
            Assert.Equal(["b", "20", "c", "30"], withScores.Select(m => (string?)m));
            Assert.Equal(1L, (long)await db.ExecuteAsync("ZREM", zset, "a"));

            // SET NX PX: a lease only one process gets.
            Assert.Equal("OK", (string?)await db.ExecuteAsync("SET", lockKey, "owner-1", "NX", "PX", 30000));
            Assert.True((await db.ExecuteAsync("SET", lockKey, "owner-2", "NX", "PX", 30000)).IsNull);

            // DEL and UNLINK: the client sends either for a delete, depending on the server version it sees.
            Assert.Equal(1L, (long)await db.ExecuteAsync("DEL", lockKey));
            Assert.Equal(1L, (long)await db.ExecuteAsync("UNLINK", zset));
            Assert.Equal(0L, (long)await db.ExecuteAsync("EXISTS", lockKey, zset));

            // CONFIG GET appendonly: how a store checks the server's persistence.
            var appendOnly = ConfigValue((RedisResult[])(await db.ExecuteAsync("CONFIG", "GET", "appendonly"))!, "appendonly");
            _output.WriteLine($"CONFIG GET appendonly: {appendOnly}");
            Assert.Contains(appendOnly, new[] { "yes", "no" });
            if (_redis.Server.Persistence == RedisTestPersistence.None)
            {
                Assert.Equal("no", appendOnly);
            }
        }
        finally
        {
            await db.KeyDeleteAsync([hash, zset, lockKey]);
        }
    }

    [Fact]
    public async Task A_server_started_with_an_fsync_always_append_only_file_says_so()
    {
        if (_redis.Kind == RedisTestServerKind.External)
        {
            _output.WriteLine("External server: its persistence is whatever it is configured with; nothing is started here.");
            return;
        }

        using var server = RedisTestServer.Start(new RedisTestServerOptions { Persistence = RedisTestPersistence.AppendOnlyFsyncAlways, Log = _output.WriteLine });
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var db = connection.GetDatabase();

        Assert.True(await db.StringSetAsync("durable", "yes"));
        Assert.Equal("yes", (string?)await db.StringGetAsync("durable"));
        Assert.Equal("yes", ConfigValue((RedisResult[])(await db.ExecuteAsync("CONFIG", "GET", "appendonly"))!, "appendonly"));

        var fsync = ConfigValue((RedisResult[])(await db.ExecuteAsync("CONFIG", "GET", "appendfsync"))!, "appendfsync");
        _output.WriteLine($"CONFIG GET appendfsync: {fsync ?? "(not reported)"}");
        if (server.Kind == RedisTestServerKind.RedisServer)
        {
            Assert.Equal("always", fsync);
        }
        else
        {
            // Garnet does not report appendfsync; its AOF here commits each write before answering.
            Assert.True(fsync is null or "always", $"Garnet reported appendfsync={fsync}");
        }
    }

    /// <summary>CONFIG GET answers a flat [name, value, …] array; null when the server does not report the name.</summary>
    private static string? ConfigValue(RedisResult[] reply, string name)
    {
        for (var i = 0; i + 1 < reply.Length; i += 2)
        {
            if (string.Equals((string?)reply[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return (string?)reply[i + 1];
            }
        }

        return null;
    }
}
