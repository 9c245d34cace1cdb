using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace PlatformSdk.Benchmarks.PerCall;

/// <summary>
/// <c>percall-alloc [jushuitan|top] [sdk|hand] [--calls N]</c>: which types one variant allocates, from the runtime's sampled
/// allocation events (GCAllocationTick: one event per ~100 KB allocated, naming the type of the object that crossed the mark), so
/// a type's share of the events is its share of the bytes. Run sequentially (1 caller) against the child-process server.
/// </summary>
internal static class AllocationProfile
{
    public static int Run(string[] args)
    {
        var platform = args.Length > 0 ? args[0] : "jushuitan";
        var impl = args.Length > 1 ? args[1] : "sdk";
        var calls = CpuHarness.Option(args, "--calls", 20_000);
        return RunAsync(platform, impl, calls).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string platform, string impl, int calls)
    {
        using var server = BenchServer.StartChild();
        await using var sdk = new SdkCallers(server.Url);
        using var hand = new HandCallers(server.Url);
        await PerCallCheck.VerifyAsync(sdk, hand).ConfigureAwait(false);
        Func<Task> call = (platform.ToLowerInvariant(), impl.ToLowerInvariant()) switch
        {
            ("jushuitan", "sdk") => sdk.JushuitanShopsAsync,
            ("jushuitan", "hand") => () => hand.JushuitanShopsAsync(),
            ("top", "sdk") => sdk.TopItemAsync,
            ("top", "hand") => () => hand.TopItemAsync(),
            _ => throw new ArgumentException("percall-alloc [jushuitan|top] [sdk|hand] [--calls N]"),
        };

        var tasks = new Task[1];
        await PerCallCheck.RunAsync(call, 3000, 1, tasks).ConfigureAwait(false);
        using var listener = new AllocationListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        listener.Recording = true;
        await PerCallCheck.RunAsync(call, calls, 1, tasks).ConfigureAwait(false);
        listener.Recording = false;
        var total = GC.GetTotalAllocatedBytes(precise: true) - before;
        var perCall = (double)total / calls;
        var samples = listener.Samples.ToArray();
        var events = samples.Sum(s => s.Value);
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"{platform} {impl}: {calls} calls, {perCall:0} bytes/call, {events} allocation samples");
        text.AppendLine("| type | share | ≈ bytes/call |");
        text.AppendLine("|---|---:|---:|");
        foreach (var (type, count) in samples.OrderByDescending(s => s.Value).Take(30))
        {
            var share = (double)count / Math.Max(1, events);
            text.AppendLine(inv, $"| `{Shorten(type)}` | {share:P1} | {share * perCall:0} |");
        }

        Console.WriteLine(text);
        return 0;
    }

    // Async state machine boxes of generic code have names of kilobytes: keep the outer type and the state machine's name.
    private static string Shorten(string type)
    {
        var name = System.Text.RegularExpressions.Regex.Replace(type, @"\b[A-Za-z_][A-Za-z0-9_]*\.", string.Empty);
        if (name.Length <= 110)
        {
            return name;
        }

        var machine = System.Text.RegularExpressions.Regex.Match(type, @"[+.](<[^>]+>[a-z]__[0-9A-Za-z_`]+)");
        return name[..Math.Min(60, name.Length)] + "…" + (machine.Success ? " " + machine.Groups[1].Value : string.Empty);
    }

    private sealed class AllocationListener : EventListener
    {
        private const int AllocationTickEventId = 10;

        public ConcurrentDictionary<string, long> Samples { get; } = new(StringComparer.Ordinal);

        public volatile bool Recording;

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1 /* GC */);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (!Recording || eventData.EventId != AllocationTickEventId || eventData.PayloadNames is null)
            {
                return;
            }

            var index = eventData.PayloadNames.IndexOf("TypeName");
            var type = index >= 0 ? eventData.Payload?[index] as string ?? "?" : "?";
            Samples.AddOrUpdate(type, 1, static (_, n) => n + 1);
        }
    }
}
