using System.Globalization;
using PlatformSdk.Testing;
using PlatformSdk.Tests.Shared.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PlatformSdk.Redis.Tests;

/// <summary>
/// Several worker processes (tests/PlatformSdk.Redis.LoadChild, started with <c>dotnet &lt;dll&gt;</c>) on one Redis and one
/// app key call a loopback Jushuitan stub in this process through the SDK with <c>UseRedisRateLimits</c>. What the stub's
/// journal recorded (arrival times by this machine's clock, the caller told apart by its access token) is the evidence. Real
/// time, a few seconds per test; the test itself never sleeps, it waits for the children to exit.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class SharedRateLimitProcessTests : IDisposable
{
    private const string Shops = "{\"code\":0,\"msg\":\"执行成功\",\"data\":{\"datas\":[{\"shop_id\":1,\"shop_name\":\"A\"}],\"has_next\":false}}";

    // How long after its permit a request may be stamped by the stub: the stub stamps a request when it reads it, and on a
    // busy machine (two shared cores) the test process stalls now and then for most of a second, then stamps the requests
    // that queued meanwhile all at once. The window check allows for that much more rate; the pause check for that much
    // lateness of calls granted before the pause.
    private static readonly TimeSpan ArrivalJitter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(90);

    private readonly string _prefix = "platformsdk-ratelimit-test:" + Guid.NewGuid().ToString("N") + ":";
    private readonly string _configuration;
    private readonly ITestOutputHelper _output;
    private readonly List<LoadChildProcess> _children = [];

    public SharedRateLimitProcessTests(RedisTestServerFixture redis, ITestOutputHelper output)
    {
        output.WriteLine(redis.Announcement);
        _configuration = redis.Configuration;
        _output = output;
    }

    [Fact]
    public async Task Children_on_one_app_key_stay_within_one_shared_limit_together()
    {
        const double rate = 8;
        const int burst = 4;
        const int children = 3;
        const int callsEach = 10;
        using var stub = new LoopbackStubServer(_ => StubReply.Json(Shops));

        await RunChildrenAsync(stub, children, callsEach, rate, burst);

        var arrivals = Arrivals(stub);
        Assert.Equal(children * callsEach, arrivals.Count);
        Assert.Equal(children, Calls(stub).Select(Caller).Distinct(StringComparer.Ordinal).Count());
        AssertWithinLimit(arrivals, rate, burst);
        // Each child alone may send its 10 calls in (10 - 4) / 8 = 0.75 s; sharing one bucket, the 30 take (30 - 4) / 8 = 3.25 s.
        // A late stamp of the first calls may make the measured span that much shorter.
        var span = arrivals[^1] - arrivals[0];
        Assert.True(span >= TimeSpan.FromSeconds(((children * callsEach) - burst) / rate) - ArrivalJitter,
            $"{arrivals.Count} calls took {span.TotalSeconds:0.000} s: faster than one bucket allows, so the children did not share it.");
    }

    [Fact]
    public async Task A_throttled_reply_seen_by_one_child_pauses_every_child_for_its_retry_after()
    {
        const double rate = 10;
        const int burst = 2;
        var pause = TimeSpan.FromSeconds(3);
        var requests = 0;
        using var stub = new LoopbackStubServer(request => !IsWarmUp(request) && Interlocked.Increment(ref requests) == 8
            ? StubReply.Json("{}", 429).WithHeader("Retry-After", ((int)pause.TotalSeconds).ToString(CultureInfo.InvariantCulture))
            : StubReply.Json(Shops));

        await RunChildrenAsync(stub, children: 2, callsEach: 12, rate, burst);

        var entries = Calls(stub);
        var ban = Assert.Single(entries, e => e.ResponseStatus == 429);
        var banned = Caller(ban);
        var other = entries.Select(Caller).Distinct(StringComparer.Ordinal).Single(c => c != banned);
        // Calls already granted when the reply came may still arrive just after it; from then until the pause ends, none.
        var quietFrom = ban.Timestamp + ArrivalJitter;
        var quietUntil = ban.Timestamp + pause;
        var during = entries.Where(e => e.Timestamp > quietFrom && e.Timestamp < quietUntil).ToArray();
        Assert.True(during.Length == 0,
            $"{during.Length} call(s) arrived during the pause {quietFrom:HH:mm:ss.fff}–{quietUntil:HH:mm:ss.fff}: {string.Join(", ", during.Select(e => $"{Caller(e)} at {e.Timestamp:HH:mm:ss.fff}"))}");
        Assert.Contains(entries, e => Caller(e) == other && e.Timestamp < ban.Timestamp);
        Assert.Contains(entries, e => Caller(e) == other && e.Timestamp >= quietUntil);
        Assert.Equal((2 * 12) + 1, entries.Length); // the throttled call was retried after the pause
        AssertWithinLimit(Arrivals(stub), rate, burst);
    }

    [Fact]
    [Rule("RJST-03")]
    public async Task RJST03_the_shared_meter_counts_exactly_the_calls_the_platform_received_from_all_children()
    {
        var requests = 0;
        using var stub = new LoopbackStubServer(request => !IsWarmUp(request) && Interlocked.Increment(ref requests) == 5
            ? StubReply.Json("{}", 429).WithHeader("Retry-After", "1")
            : StubReply.Json(Shops));

        await RunChildrenAsync(stub, children: 2, callsEach: 12, rate: 50, burst: 10);

        using var connection = await ConnectionMultiplexer.ConnectAsync(_configuration);
        var counter = new RedisPlatformCallCounter(connection, new RedisRateLimitOptions { KeyPrefix = _prefix });
        var received = Calls(stub).Length;
        Assert.Equal(25, received); // 24 calls, one of them twice (the retry after the throttled reply): attempts are billed
        Assert.Equal(received, counter.Get("Jushuitan", "default"));
        Assert.All(_children, child => Assert.InRange(child.Result.Usage, child.Result.Ok, received));
    }

    public void Dispose()
    {
        foreach (var child in _children)
        {
            child.Dispose();
        }

        using var cleanup = ConnectionMultiplexer.Connect(_configuration);
        foreach (var key in cleanup.GetServers()[0].Keys(pattern: _prefix + "*"))
        {
            cleanup.GetDatabase().KeyDelete(key);
        }
    }

    private const string WarmUpToken = "warmup-token";

    private static string Caller(FakeJournalEntry entry) => entry.Form["access_token"] ?? "(none)";

    // The calls under test: each child's warm-up call (its own tenant, before "go") is left out.
    private static FakeJournalEntry[] Calls(LoopbackStubServer stub) => [.. stub.Journal.Entries.Where(e => Caller(e) != WarmUpToken).OrderBy(e => e.Timestamp)];

    private static List<DateTimeOffset> Arrivals(LoopbackStubServer stub) => [.. Calls(stub).Select(e => e.Timestamp)];

    private static bool IsWarmUp(FakeRequest request) => request.Form["access_token"] == WarmUpToken;

    // Every window between two arrivals holds no more calls than the bucket can grant in it: the burst, plus the rate over
    // the window widened by the arrival jitter, plus the one token that may fall due at its edge.
    private static void AssertWithinLimit(List<DateTimeOffset> arrivals, double rate, int burst)
    {
        for (var i = 0; i < arrivals.Count; i++)
        {
            for (var j = i + 1; j < arrivals.Count; j++)
            {
                var calls = j - i + 1;
                var allowed = burst + (rate * (arrivals[j] - arrivals[i] + ArrivalJitter).TotalSeconds) + 1;
                Assert.True(calls <= allowed,
                    $"{calls} calls arrived within {(arrivals[j] - arrivals[i]).TotalMilliseconds:0} ms ({arrivals[i]:HH:mm:ss.fff}–{arrivals[j]:HH:mm:ss.fff}); the shared limit allows {allowed:0.#}.");
            }
        }
    }

    private async Task RunChildrenAsync(LoopbackStubServer stub, int children, int callsEach, double rate, int burst)
    {
        for (var i = 0; i < children; i++)
        {
            _children.Add(LoadChildProcess.Start($"child-{i}", new Dictionary<string, string>
            {
                ["redis"] = _configuration,
                ["url"] = stub.Url,
                ["prefix"] = _prefix,
                ["tenant-token"] = $"child-{i}-token",
                ["calls"] = callsEach.ToString(CultureInfo.InvariantCulture),
                ["concurrency"] = "3",
                ["rate"] = rate.ToString(CultureInfo.InvariantCulture),
                ["burst"] = burst.ToString(CultureInfo.InvariantCulture),
            }));
        }

        await Task.WhenAll(_children.Select(c => c.WaitReadyAsync(ChildTimeout)));
        await Task.WhenAll(_children.Select(c => c.GoAsync()));
        await Task.WhenAll(_children.Select(c => c.WaitDoneAsync(ChildTimeout)));
        foreach (var child in _children)
        {
            _output.WriteLine($"{child.Name}: ok {child.Result.Ok}, failed {child.Result.Failed}, shared meter {child.Result.Usage}; problems: {string.Join("; ", child.Problems)}");
            Assert.Equal((callsEach, 0), (child.Result.Ok, child.Result.Failed));
        }

        var arrivals = Arrivals(stub);
        _output.WriteLine($"{arrivals.Count} requests from {arrivals[0]:HH:mm:ss.fff} to {arrivals[^1]:HH:mm:ss.fff}: "
            + string.Join(", ", Calls(stub).Select(e => $"{e.Timestamp:ss.fff} {Caller(e)[..7]} {e.ResponseStatus}")));
    }
}
