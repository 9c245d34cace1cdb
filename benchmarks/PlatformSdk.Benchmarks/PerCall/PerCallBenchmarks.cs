using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace PlatformSdk.Benchmarks.PerCall;

/// <summary>
/// Cost per call (issue 'One shape in code' §7): the SDK call against the same call written by hand, over HTTP/1.1 to a Kestrel
/// server on loopback in a child process. Every invocation issues <see cref="CallsPerInvoke"/> calls, one after another
/// (<see cref="Callers"/> = 1) or all at once (32, with <c>Task.WhenAll</c>), so the figures are per call. Wall time includes the
/// server's work on the same cores; the client's CPU alone is measured by the <c>percall-cpu</c> mode (see docs/performance.md).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
#pragma warning disable CA1001 // disposed in [GlobalCleanup], as BenchmarkDotNet expects
public class PerCallBenchmarks
#pragma warning restore CA1001
{
    public const int CallsPerInvoke = 32;

    private ServerHandle _server = null!;
    private SdkCallers _sdk = null!;
    private HandCallers _hand = null!;
    private Func<Task> _sdkJushuitan = null!;
    private Func<Task> _handJushuitan = null!;
    private Func<Task> _sdkTop = null!;
    private Func<Task> _handTop = null!;
    private Task[] _tasks = null!;

    [Params(1, 32)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = BenchServer.Acquire();
        _sdk = new SdkCallers(_server.Url);
        _hand = new HandCallers(_server.Url);
        _sdkJushuitan = _sdk.JushuitanShopsAsync;
        _handJushuitan = () => _hand.JushuitanShopsAsync();
        _sdkTop = _sdk.TopItemAsync;
        _handTop = () => _hand.TopItemAsync();
        _tasks = new Task[CallsPerInvoke];
        PerCallCheck.VerifyAsync(_sdk, _hand).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _hand.Dispose();
        _sdk.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server.Dispose();
    }

    [BenchmarkCategory("Jushuitan"), Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvoke)]
    public Task Jushuitan_Hand() => RunAsync(_handJushuitan);

    [BenchmarkCategory("Jushuitan"), Benchmark(OperationsPerInvoke = CallsPerInvoke)]
    public Task Jushuitan_Sdk() => RunAsync(_sdkJushuitan);

    [BenchmarkCategory("Top"), Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvoke)]
    public Task Top_Hand() => RunAsync(_handTop);

    [BenchmarkCategory("Top"), Benchmark(OperationsPerInvoke = CallsPerInvoke)]
    public Task Top_Sdk() => RunAsync(_sdkTop);

    private Task RunAsync(Func<Task> call) => PerCallCheck.RunAsync(call, CallsPerInvoke, Callers, _tasks);
}

/// <summary>Shared by the BenchmarkDotNet class and the CPU harness.</summary>
internal static class PerCallCheck
{
    /// <summary>Runs <paramref name="calls"/> calls, one at a time or <paramref name="callers"/> at once.</summary>
    public static async Task RunAsync(Func<Task> call, int calls, int callers, Task[] tasks)
    {
        if (callers <= 1)
        {
            for (var i = 0; i < calls; i++)
            {
                await call().ConfigureAwait(false);
            }

            return;
        }

        for (var done = 0; done < calls; done += callers)
        {
            var wave = Math.Min(callers, calls - done);
            for (var i = 0; i < wave; i++)
            {
                tasks[i] = call();
            }

            await Task.WhenAll(tasks.AsSpan(0, wave)).ConfigureAwait(false);
        }
    }

    public static async Task<int> OnceAsync(string url)
    {
        await using var sdk = new SdkCallers(url);
        using var hand = new HandCallers(url);
        Console.WriteLine((await sdk.JushuitanShopsAsync().ConfigureAwait(false)).Count);
        Console.WriteLine((await hand.JushuitanShopsAsync().ConfigureAwait(false)).Count);
        Console.WriteLine((await sdk.TopItemAsync().ConfigureAwait(false)).Item?.NumIid);
        Console.WriteLine((await hand.TopItemAsync().ConfigureAwait(false)).Item?.NumIid);
        return 0;
    }

    /// <summary>Both clients get the same answers from the server (and the server accepted both signatures).</summary>
    public static async Task VerifyAsync(SdkCallers sdk, HandCallers hand)
    {
        var sdkShops = await sdk.JushuitanShopsAsync().ConfigureAwait(false);
        var handShops = await hand.JushuitanShopsAsync().ConfigureAwait(false);
        if (sdkShops.Count != 20 || !sdkShops.SequenceEqual(handShops))
        {
            throw new InvalidOperationException($"The shop lists differ: SDK {sdkShops.Count}, hand {handShops.Count}.");
        }

        var sdkItem = await sdk.TopItemAsync().ConfigureAwait(false);
        var handItem = await hand.TopItemAsync().ConfigureAwait(false);
        if (sdkItem.Item?.NumIid != 520000000001 || handItem.Item?.NumIid != sdkItem.Item.NumIid
            || sdkItem.Item.Skus?.Sku?.Count != 4 || handItem.Item.Skus?.Sku?.Count != 4 || sdkItem.Item.Title != handItem.Item.Title)
        {
            throw new InvalidOperationException("The TOP items differ.");
        }
    }
}
