using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace PlatformSdk.Benchmarks.PerCall;

/// <summary>
/// <c>percall-cpu</c>: the client's CPU time and allocated bytes per call, SDK against hand-written. The server runs in a child
/// process, so this process's CPU time (<see cref="Environment.CpuUsage"/>: user + kernel, every thread, GC and JIT included) is
/// the client's alone. Variants run in interleaved rounds (each round rotates the order) so drift from other load on the machine
/// hits all of them alike; the table shows the median round.
/// </summary>
/// <remarks>
/// Options: <c>--rounds N</c> (default 9), <c>--calls N</c> per variant per round (default 1600), <c>--warmup N</c> calls per
/// variant before measuring (default 4000), <c>--only REGEX</c> (matched against the variant names, e.g. <c>jushuitan-sdk-1</c>, to
/// profile one variant under dotnet-trace).
/// </remarks>
internal static class CpuHarness
{
    private sealed record Variant(string Platform, string Impl, int Callers, Func<Task> Call)
    {
        public string Name => $"{Platform.ToLowerInvariant()}-{Impl.ToLowerInvariant()}-{Callers}";

        public List<Sample> Samples { get; } = [];
    }

    private readonly record struct Sample(double CpuUs, double WallUs, double Bytes, double ServerCpuUs, double Gen0Per1000);

    public static int Run(string[] args)
    {
        var rounds = Option(args, "--rounds", 9);
        var calls = Option(args, "--calls", 1600);
        var warmup = Option(args, "--warmup", 4000);
        var only = OptionText(args, "--only");
        var extra = args.Contains("--extra");
        return RunAsync(rounds, calls, warmup, only, extra).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int rounds, int calls, int warmup, string? only, bool extra)
    {
        using var server = BenchServer.StartChild();
        await using var sdk = new SdkCallers(server.Url);
        using var hand = new HandCallers(server.Url);
        await PerCallCheck.VerifyAsync(sdk, hand).ConfigureAwait(false);
        // --extra: the SDK with one thing changed, to price candidate fixes over real sockets.
        var tweaked = new List<(string Name, SdkCallers Sdk)>();
        if (extra)
        {
            tweaked.Add(("SDK-plain-handler", new SdkCallers(server.Url, services =>
            {
                foreach (var name in new[] { "PlatformSdk.Jushuitan", "PlatformSdk.Top" })
                {
                    services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler
                    {
                        AllowAutoRedirect = false,
                        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    });
                }
            })));
            tweaked.Add(("SDK-no-http-loggers", new SdkCallers(server.Url, services =>
            {
                services.AddHttpClient("PlatformSdk.Jushuitan").RemoveAllLoggers();
                services.AddHttpClient("PlatformSdk.Top").RemoveAllLoggers();
            })));
            tweaked.Add(("SDK-no-retry", new SdkCallers(server.Url, services =>
            {
                services.Configure<PlatformSdk.Http.PlatformResilienceOptions>("Jushuitan", o => o.MaxRetries = 0);
                services.Configure<PlatformSdk.Http.PlatformResilienceOptions>("Top", o => o.MaxRetries = 0);
            })));
        }

        var variants = new List<Variant>();
        foreach (var callers in new[] { 1, 32 })
        {
            variants.Add(new("Jushuitan", "SDK", callers, sdk.JushuitanShopsAsync));
            variants.Add(new("Jushuitan", "Hand", callers, () => hand.JushuitanShopsAsync()));
            variants.Add(new("TOP", "SDK", callers, sdk.TopItemAsync));
            variants.Add(new("TOP", "Hand", callers, () => hand.TopItemAsync()));
            foreach (var (name, tweak) in tweaked)
            {
                variants.Add(new("Jushuitan", name, callers, tweak.JushuitanShopsAsync));
                variants.Add(new("TOP", name, callers, tweak.TopItemAsync));
            }
        }

        if (only is not null)
        {
            variants = variants.Where(v => System.Text.RegularExpressions.Regex.IsMatch(v.Name, only, System.Text.RegularExpressions.RegexOptions.IgnoreCase)).ToList();
        }

        var tasks = new Task[32];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"percall-cpu: {variants.Count} variants, warm-up {warmup} calls each, {rounds} rounds of {calls} calls each; server pid {server.Process?.Id}, {server.Url}"));
        foreach (var variant in variants)
        {
            await PerCallCheck.RunAsync(variant.Call, warmup, variant.Callers, tasks).ConfigureAwait(false);
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < variants.Count; i++)
            {
                var variant = variants[(i + round) % variants.Count];
                // No induced GC between batches: a forced gen2 makes the finalizer trim the array pools during the next batch.
                var gen0 = GC.CollectionCount(0);
                var serverCpu = server.ServerCpu ?? TimeSpan.Zero;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var cpu = Environment.CpuUsage.TotalTime;
                var wall = Stopwatch.GetTimestamp();
                await PerCallCheck.RunAsync(variant.Call, calls, variant.Callers, tasks).ConfigureAwait(false);
                var wallUs = Stopwatch.GetElapsedTime(wall).TotalMicroseconds;
                var cpuUs = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds;
                var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                var serverUs = ((server.ServerCpu ?? TimeSpan.Zero) - serverCpu).TotalMicroseconds;
                variant.Samples.Add(new Sample(cpuUs / calls, wallUs / calls, (double)bytes / calls, serverUs / calls, (GC.CollectionCount(0) - gen0) * 1000.0 / calls));
            }

            Console.Write(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}/{rounds}:"));
            foreach (var v in variants)
            {
                Console.Write(string.Create(CultureInfo.InvariantCulture, $" {v.Name} {v.Samples[^1].CpuUs:0.0}µs"));
            }

            Console.WriteLine();
        }

        Console.WriteLine();
        Console.WriteLine(Report(variants, calls, rounds));
        return 0;
    }

    private static string Report(List<Variant> variants, int calls, int rounds)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Per variant (median of {rounds} rounds of {calls} calls; min–max of the CPU column in brackets):");
        text.AppendLine("| variant | client CPU µs/call | wall µs/call | bytes/call | gen0 GCs per 1000 calls | server CPU µs/call |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var v in variants)
        {
            text.AppendLine(inv,
                $"| {v.Name} | {Median(v, s => s.CpuUs):0.0} ({v.Samples.Min(s => s.CpuUs):0.0}–{v.Samples.Max(s => s.CpuUs):0.0}) | {Median(v, s => s.WallUs):0.0} | {Median(v, s => s.Bytes):0} | {Median(v, s => s.Gen0Per1000):0.0} | {Median(v, s => s.ServerCpuUs):0.0} |");
        }

        text.AppendLine();
        text.AppendLine("CPU ratio: median of the medians; in brackets the median of the per-round ratios (SDK and hand measured minutes apart are");
        text.AppendLine("compared within the same round, so load that changes between rounds cancels out).");
        text.AppendLine();
        text.AppendLine("| Platform | Callers | SDK µs/call (CPU) | hand µs/call (CPU) | ratio | SDK bytes/call | hand bytes/call | ratio |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in variants.GroupBy(v => (v.Platform, v.Callers)))
        {
            var sdk = group.FirstOrDefault(v => v.Impl == "SDK");
            var hand = group.FirstOrDefault(v => v.Impl == "Hand");
            if (sdk is null || hand is null)
            {
                continue;
            }

            double sdkCpu = Median(sdk, s => s.CpuUs), handCpu = Median(hand, s => s.CpuUs);
            double sdkBytes = Median(sdk, s => s.Bytes), handBytes = Median(hand, s => s.Bytes);
            var paired = sdk.Samples.Zip(hand.Samples, (a, b) => a.CpuUs / b.CpuUs).Order().ToArray();
            var pairedMedian = paired.Length == 0 ? double.NaN : paired[paired.Length / 2];
            text.AppendLine(inv,
                $"| {group.Key.Platform} | {group.Key.Callers} | {sdkCpu:0.0} | {handCpu:0.0} | {sdkCpu / handCpu:0.00}× ({pairedMedian:0.00}×) | {sdkBytes:#,0} | {handBytes:#,0} | {sdkBytes / handBytes:0.00}× |");
        }

        return text.ToString();
    }

    private static double Median(Variant v, Func<Sample, double> value)
    {
        var sorted = v.Samples.Select(value).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    internal static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
