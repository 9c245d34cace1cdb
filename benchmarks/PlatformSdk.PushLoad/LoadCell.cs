using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlatformSdk.Inbox;

namespace PlatformSdk.PushLoad;

internal sealed record CellResult(
    string Store, int Pushers, double AckedPerSecond, int AckedMeasured, double P50Ms, double P99Ms, double MaxMs, int Failures,
    IReadOnlyList<string> FailureExamples, bool RanOut, double LoadDuring, string StoreFacts, DurabilityReport Durability)
{
    public const string TableHeader = "| store | pushers | acked/s | p50 ms | p99 ms | max ms | failures | load (1 min) |\n|---|---:|---:|---:|---:|---:|---:|---:|";

    public string TableRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Store} | {Pushers} | {AckedPerSecond:N0}{(RanOut ? " (ran out of pre-built pushes)" : string.Empty)} | {P50Ms:0.00} | {P99Ms:0.00} | {MaxMs:0.0} | {Failures} | {LoadDuring:0.0} |");

    public string Line()
    {
        var examples = FailureExamples.Count > 0 ? " [" + string.Join("; ", FailureExamples) + "]" : string.Empty;
        var facts = StoreFacts.Length > 0 ? "; " + StoreFacts : string.Empty;
        var durable = Durability.AllAcknowledgedFound ? "; durable ✓" : "; NOT DURABLE ✗";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Store,-6} {Pushers,3} pushers: {AckedPerSecond,8:N0} acked/s ({AckedMeasured:N0} in the measured window), p50 {P50Ms:0.00} ms, p99 {P99Ms:0.00} ms, max {MaxMs:0.0} ms, {Failures} failures{examples}; load {LoadDuring:0.0}{facts}{durable}");
    }
}

internal static class LoadCell
{
    private const string AppKey = "23000001";
    private const string Secret = "pushload-app-secret-0123456789";
    private const string Supplier = "2200001234";
    private static readonly byte[] Success = "<success>true</success>"u8.ToArray();

    public static async Task<CellResult> RunAsync(StoreBackend backend, int pushers, LoadOptions options)
    {
        var cell = string.Create(CultureInfo.InvariantCulture, $"{backend.Name}{pushers}x{Random.Shared.Next(100_000):D5}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // The package makes its callbacks through the TOP app, so TOP is configured too (as in samples/TmallGlobalDirectReceiver).
        builder.Services.AddPlatformSdk()
            .AddTop(o =>
            {
                o.AppKey = AppKey;
                o.AppSecret = Secret;
            })
            .AddTmallGlobalDirectPushEndpoint(o =>
            {
                o.AppKey = AppKey;
                o.AppSecret = Secret;
                o.SupplierId = Supplier;
            });
        backend.Register(builder.Services, cell);
        var app = builder.Build();
        app.MapTmallGlobalDirectPush("/qimen");
        await app.StartAsync();
        var receiver = new Uri(new Uri(app.Urls.Single()), "/qimen");

        // Enough for the cell at the pre-build rate; a single pusher cannot go faster than one round trip at a time.
        var budget = (int)Math.Min((long)options.MaxRate, pushers * 5_000L) * (options.WarmupSeconds + options.Seconds);
        var pushes = new PushFactory(receiver, AppKey, Secret, Supplier, options.Lines).Build(cell, budget);
        var acknowledged = new bool[pushes.Length];

        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = pushers,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        { Timeout = TimeSpan.FromSeconds(30) };

        var next = -1;
        var failures = 0;
        var failureExamples = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var ranOut = false;
        var latencies = new List<long>[pushers];
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(options.WarmupSeconds * (double)Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(options.Seconds * (double)Stopwatch.Frequency);

        // Process CPU (client and receiver together: they share the process) over the measured window, per acknowledged push.
        var cpuAtStart = TimeSpan.Zero;
        var cpuAtEnd = TimeSpan.Zero;
        var cpuTimer = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
            cpuAtStart = Environment.CpuUsage.TotalTime;
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            cpuAtEnd = Environment.CpuUsage.TotalTime;
        });

        async Task PushLoopAsync(int pusher)
        {
            var mine = latencies[pusher] = new List<long>(capacity: 4096);
            while (true)
            {
                var begin = Stopwatch.GetTimestamp();
                if (begin >= measureTo)
                {
                    return;
                }

                var index = Interlocked.Increment(ref next);
                if (index >= pushes.Length)
                {
                    ranOut = true;
                    return;
                }

                var push = pushes[index];
                string? failure = null;
                try
                {
                    using var content = new ByteArrayContent(push.Body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
                    using var response = await http.PostAsync(push.Uri, content);
                    var reply = await response.Content.ReadAsByteArrayAsync();
                    var end = Stopwatch.GetTimestamp();
                    if (response.StatusCode == HttpStatusCode.OK && reply.AsSpan().IndexOf(Success) >= 0)
                    {
                        acknowledged[index] = true;
                        if (begin >= measureFrom)
                        {
                            mine.Add(end - begin);
                        }
                    }
                    else
                    {
                        failure = $"HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(reply)}";
                    }
                }
                catch (HttpRequestException ex)
                {
                    failure = "transport: " + ex.Message;
                }
                catch (TaskCanceledException)
                {
                    failure = "timeout";
                }

                if (failure is not null)
                {
                    Interlocked.Increment(ref failures);
                    if (failureExamples.Count < 3)
                    {
                        failureExamples.TryAdd(failure.Length > 200 ? failure[..200] : failure, 0);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, pushers).Select(p => Task.Run(() => PushLoopAsync(p))));
        var finished = Stopwatch.GetTimestamp();
        await cpuTimer;
        var load = MachineFacts.LoadAverage1();

        // The window is the measured seconds, or less when the pre-built pushes ran out before its end.
        var window = (Math.Min(finished, measureTo) - measureFrom) / (double)Stopwatch.Frequency;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Percentile(double p) => all.Length == 0 ? double.NaN : Ms(all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)]);

        var ackedKeys = new List<string>();
        for (var i = 0; i < pushes.Length; i++)
        {
            if (acknowledged[i])
            {
                ackedKeys.Add(pushes[i].DeduplicationKey);
            }
        }

        var facts = backend.Facts(app.Services.GetRequiredService<IPushInbox>(), ackedKeys.Count);
        var cpuPerPush = all.Length == 0 ? double.NaN : (cpuAtEnd - cpuAtStart).TotalMicroseconds / all.Length;
        facts = string.Create(CultureInfo.InvariantCulture, $"process CPU {cpuPerPush:N0} µs/push") + (facts.Length > 0 ? ", " + facts : string.Empty);
        await app.StopAsync();
        await app.DisposeAsync();
        var durability = await backend.VerifyAsync(cell, ackedKeys);
        return new CellResult(backend.Name, pushers, all.Length / window, all.Length, Percentile(0.50), Percentile(0.99),
            all.Length == 0 ? double.NaN : Ms(all[^1]), failures, [.. failureExamples.Keys], ranOut, load, facts, durability);
    }
}
