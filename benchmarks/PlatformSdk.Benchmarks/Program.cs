using BenchmarkDotNet.Running;
using PlatformSdk.Benchmarks.PerCall;

namespace PlatformSdk.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "serve":
                // The loopback platform server (a child process of the per-call benchmarks).
                return BenchServer.ServeAsync().GetAwaiter().GetResult();
            case "percall-cpu":
                // Client CPU time and bytes per call, SDK vs hand-written, with the server in a child process.
                return CpuHarness.Run(args[1..]);
            case "percall-pieces":
                // CPU time and bytes per operation of the pieces of a call (PerCallPieceBenchmarks), in this process.
                return PieceCpuHarness.Run(args[1..]);
            case "percall-once":
                // One SDK and one hand-written call of each platform against a given server (to look at the wire).
                return PerCallCheck.OnceAsync(args[1]).GetAwaiter().GetResult();
            case "shipsync-once":
                // One large batch through the sync engine over a durable SQLite store: the rate, then every record checked after reopening.
                return ShipmentSync.ShipmentSyncLoad.RunOnceAsync(args[1..]).GetAwaiter().GetResult();
            case "percall-alloc":
                // Which types the SDK allocates per call (sampled GC allocation events).
                return AllocationProfile.Run(args[1..]);
            default:
                // One server for every per-call benchmark process BenchmarkDotNet starts (they inherit the variable); without
                // it (it could not start) each per-call benchmark process starts its own.
                using (var server = TryStartServer())
                {
                    if (server is not null)
                    {
                        Environment.SetEnvironmentVariable(BenchServer.UrlVariable, server.Url);
                    }

                    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                }

                return 0;
        }
    }

    private static ServerHandle? TryStartServer()
    {
        try
        {
            return BenchServer.StartChild();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine("The loopback server for the per-call benchmarks did not start: " + ex.Message);
            return null;
        }
    }
}
