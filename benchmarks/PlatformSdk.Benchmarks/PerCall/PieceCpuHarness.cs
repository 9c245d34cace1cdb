using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace PlatformSdk.Benchmarks.PerCall;

/// <summary>
/// <c>percall-pieces [--ops N] [--rounds N] [--only REGEX|=NAME]</c>: runs every <see cref="PerCallPieceBenchmarks"/> method in this
/// process and reports process CPU time and allocated bytes per operation (median of interleaved rounds). On a shared, busy
/// machine BenchmarkDotNet's wall-clock means of sub-microsecond to tens-of-microseconds pieces swing by 2–5×; CPU time does not
/// count the time the thread waits for a core, so it is the steadier figure there. The pieces run on one thread, in-memory.
/// </summary>
internal static class PieceCpuHarness
{
    public static int Run(string[] args)
    {
        var ops = CpuHarness.Option(args, "--ops", 4000);
        var rounds = CpuHarness.Option(args, "--rounds", 7);
        var only = CpuHarness.OptionText(args, "--only");
        return RunAsync(ops, rounds, only).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int ops, int rounds, string? only)
    {
        var bench = new PerCallPieceBenchmarks();
        bench.Setup();
        try
        {
            var pieces = typeof(PerCallPieceBenchmarks).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
                .Where(m => only is null || (only.StartsWith('=') ? m.Name == only[1..] : System.Text.RegularExpressions.Regex.IsMatch(m.Name, only, System.Text.RegularExpressions.RegexOptions.IgnoreCase)))
                .Select(m => (Method: m, Category: m.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories.FirstOrDefault() ?? "", Run: Compile(bench, m)))
                .ToList();
            var samples = pieces.ToDictionary(p => p.Method.Name, _ => new List<(double Ns, double Bytes)>());
            foreach (var piece in pieces)
            {
                await piece.Run(Math.Max(200, ops / 4)).ConfigureAwait(false);
            }

            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < pieces.Count; i++)
                {
                    var piece = pieces[(i + round) % pieces.Count];
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var cpu = Environment.CpuUsage.TotalTime;
                    await piece.Run(ops).ConfigureAwait(false);
                    var ns = (Environment.CpuUsage.TotalTime - cpu).TotalNanoseconds / ops;
                    var bytes = (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / ops;
                    samples[piece.Method.Name].Add((ns, bytes));
                }
            }

            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"percall-pieces: median of {rounds} rounds of {ops} operations, process CPU time per operation"));
            Console.WriteLine("| category | piece | CPU ns/op | bytes/op |");
            Console.WriteLine("|---|---|---:|---:|");
            foreach (var piece in pieces)
            {
                var s = samples[piece.Method.Name];
                var ns = s.Select(x => x.Ns).Order().ElementAt(s.Count / 2);
                var bytes = s.Select(x => x.Bytes).Order().ElementAt(s.Count / 2);
                Console.WriteLine(string.Create(inv, $"| {piece.Category} | {piece.Method.Name} | {ns:#,0} | {bytes:#,0} |"));
            }
        }
        finally
        {
            bench.Cleanup();
        }

        return 0;
    }

    private static Func<int, Task> Compile(PerCallPieceBenchmarks bench, MethodInfo method)
    {
        var type = method.ReturnType;
        string helper;
        Type[] arguments;
        if (type == typeof(Task))
        {
            helper = nameof(LoopTask);
            arguments = [];
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            helper = nameof(LoopTaskOf);
            arguments = [type.GetGenericArguments()[0]];
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            helper = nameof(LoopValueTaskOf);
            arguments = [type.GetGenericArguments()[0]];
        }
        else
        {
            helper = nameof(LoopSync);
            arguments = [type];
        }

        var generic = typeof(PieceCpuHarness).GetMethod(helper, BindingFlags.NonPublic | BindingFlags.Static)!;
        var loop = arguments.Length == 0 ? generic : generic.MakeGenericMethod(arguments);
        var delegateType = loop.GetParameters()[0].ParameterType;
        var call = method.CreateDelegate(delegateType, bench);
        return n => (Task)loop.Invoke(null, [call, n])!;
    }

    private static async Task LoopTask(Func<Task> call, int n)
    {
        for (var i = 0; i < n; i++)
        {
            await call().ConfigureAwait(false);
        }
    }

    private static async Task LoopTaskOf<T>(Func<Task<T>> call, int n)
    {
        for (var i = 0; i < n; i++)
        {
            _ = await call().ConfigureAwait(false);
        }
    }

    private static async Task LoopValueTaskOf<T>(Func<ValueTask<T>> call, int n)
    {
        for (var i = 0; i < n; i++)
        {
            _ = await call().ConfigureAwait(false);
        }
    }

    private static Task LoopSync<T>(Func<T> call, int n)
    {
        T last = default!;
        for (var i = 0; i < n; i++)
        {
            last = call();
        }

        GC.KeepAlive(last);
        return Task.CompletedTask;
    }
}
