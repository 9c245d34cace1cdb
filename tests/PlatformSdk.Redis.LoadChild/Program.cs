// One worker process of the shared-rate-limit tests: calls the loopback Jushuitan stub the test runs, through the SDK, with
// the Redis rate limit on, then reports what it did and what the shared call meter says.
// Arguments (name=value): redis, url, prefix, tenant-token (this child's access token: the stub's journal tells the children
// apart by it), calls, concurrency, rate, burst. One warm-up call goes first, as tenant "warmup" with token "warmup-token".
// Lines on stdout: "ready" (connected, waiting for "go" on stdin), "done ok=N failed=N usage=N", "problem <text>".
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan;
using StackExchange.Redis;

var settings = args.Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);
string Setting(string name) => settings.TryGetValue(name, out var value) ? value : throw new ArgumentException($"missing argument {name}=");
int Number(string name) => int.Parse(Setting(name), CultureInfo.InvariantCulture);

using var redis = await ConnectionMultiplexer.ConnectAsync(Setting("redis"));
var url = Setting("url");
var services = new ServiceCollection();
services.AddSingleton<IConnectionMultiplexer>(redis);
services.AddPlatformSdk()
    .UseRedisRateLimits(o => o.KeyPrefix = Setting("prefix"))
    .AddJushuitan(o => Configure(o, Setting("tenant-token")))
    // A tenant of its own (own bucket, own count) for one call before "ready": the first call of a cold process is slow
    // (JIT, connection), and the test's timing should measure the limiter, not that.
    .AddJushuitan("warmup", o => Configure(o, "warmup-token"));
services.Configure<PlatformResilienceOptions>("Jushuitan", o =>
{
    o.PermitsPerSecond = double.Parse(Setting("rate"), CultureInfo.InvariantCulture);
    o.Burst = Number("burst");
    o.MaxRetries = 3;
    o.BaseDelay = TimeSpan.FromMilliseconds(50);
    o.MaxDelay = TimeSpan.FromSeconds(10);
    o.AttemptTimeout = TimeSpan.FromSeconds(20);
    o.TotalTimeout = TimeSpan.FromSeconds(60);
});
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<JushuitanClient>();

await provider.GetRequiredService<IJushuitanClientFactory>().CreateClient("warmup").Shops.ListAsync();
Console.WriteLine("ready");
if (Console.ReadLine() != "go")
{
    return 2;
}

var remaining = Number("calls");
var ok = 0;
var failed = 0;
var loops = Enumerable.Range(0, Number("concurrency")).Select(async _ =>
{
    while (Interlocked.Decrement(ref remaining) >= 0)
    {
        try
        {
            await client.Shops.ListAsync();
            Interlocked.Increment(ref ok);
        }
        catch (PlatformException ex)
        {
            Interlocked.Increment(ref failed);
            Console.WriteLine($"problem {ex.ErrorCode}: {ex.Message}");
        }
    }
});
await Task.WhenAll(loops);

// A read on the same connection comes after this process's fire-and-forget increments: the count includes them.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done ok={ok} failed={failed} usage={client.GetUsage().Calls}"));
await redis.CloseAsync(allowCommandsToComplete: true);
return 0;

void Configure(JushuitanOptions o, string accessToken)
{
    o.Protocol = JushuitanProtocol.OpenApi;
    o.EndpointsOverride = new JushuitanEndpoints(new Uri(url + "/api/open/query.aspx"), new Uri(url), new Uri(url + "/auth"));
    o.OpenApi.AppKey = "load-app-key";
    o.OpenApi.AppSecret = "load-app-secret";
    o.OpenApi.AccessToken = accessToken;
    o.OpenApi.RefreshToken = "load-refresh-token";
}
