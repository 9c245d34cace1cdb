using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using PlatformSdk.Logistics;
using PlatformSdk.Logistics.Carriers;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Logistics.Sync.Stores;

namespace PlatformSdk.Benchmarks.ShipmentSync;

/// <summary>
/// Engine throughput end to end (issue #10 target: at least 5,000 shipments a second on the 2-core machine with every state
/// change durable): one batch of new shipments through <see cref="ShipmentSyncEngine.SyncAsync"/> over a SQLite store with
/// <c>synchronous=FULL</c> (each shipment: add, claim, begin-send and outcome committed and fsynced before the call returns)
/// and an in-process sender that applies the send at once, so what is measured is the engine and its durable state.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class ShipmentSyncBenchmarks
{
    private const int BatchSize = 5_000;

    private Shipment[] _shipments = [];
    private string _path = string.Empty;
    private SqliteShipmentSyncStore? _store;
    private ShipmentSyncEngine? _engine;
    private int _round;

    /// <summary>How many shipments the engine syncs at once.</summary>
    [Params(64, 256)]
    public int Concurrency { get; set; }

    /// <summary>A fresh store file and a fresh batch for every iteration: the store never holds the batch's ids already.</summary>
    [IterationSetup]
    public void NewStore()
    {
        _round++;
        _path = Path.Combine(Path.GetTempPath(), $"shipsync-bench-{Environment.ProcessId}-{_round}.db");
        (_store, _engine) = ShipmentSyncLoad.Create(_path, Concurrency);
        _shipments = ShipmentSyncLoad.Batch(BatchSize, _round);
    }

    /// <summary>Removes the iteration's file.</summary>
    [IterationCleanup]
    public void DeleteStore()
    {
        _store?.Dispose();
        ShipmentSyncLoad.Delete(_path);
    }

    /// <summary>One batch; reported per shipment.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public async Task<int> SyncBatchDurably()
    {
        var outcomes = await _engine!.SyncAsync(_shipments);
        return outcomes.Count;
    }
}

/// <summary>The benchmark's pieces, shared with the one-shot run (<c>shipsync-once</c>), which also proves durability.</summary>
public static class ShipmentSyncLoad
{
    private static readonly CarrierRegistry Carriers = new CarrierRegistryBuilder(includeShippedCarriers: false)
        .AddCarrier("BENCHEX", "基准快递")
        .Map("BENCHEX", ShipmentPlatforms.Douyin, "benchex")
        .Build();

    /// <summary>An engine over a new SQLite store at <paramref name="path"/> with an in-process sender.</summary>
    public static (SqliteShipmentSyncStore Store, ShipmentSyncEngine Engine) Create(string path, int concurrency)
    {
        Delete(path);
        var store = new SqliteShipmentSyncStore(new SqliteShipmentSyncStoreOptions { Path = path });
        var engine = new ShipmentSyncEngine([new InstantSender()], store, Carriers, new ShipmentSyncOptions { MaxConcurrency = concurrency });
        return (store, engine);
    }

    /// <summary>A batch of new shipments, distinct per round.</summary>
    public static Shipment[] Batch(int count, int round) => [.. Enumerable.Range(0, count).Select(i => new Shipment
    {
        ShipmentId = string.Create(CultureInfo.InvariantCulture, $"R{round}-S{i}"),
        Platform = ShipmentPlatforms.Douyin,
        Shop = "shop-1",
        OrderId = string.Create(CultureInfo.InvariantCulture, $"{4_700_000_000_000_000L + (round * 1_000_000L) + i}"),
        CarrierId = "BENCHEX",
        Packages = [new ShipmentPackage(string.Create(CultureInfo.InvariantCulture, $"BX{round:D4}{i:D8}"))],
    })];

    /// <summary>Deletes a store file and its WAL.</summary>
    public static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Syncs <paramref name="count"/> shipments once, prints the rate, then closes the store, reopens the file and checks every
    /// shipment is recorded synced there (what "durable" means here).
    /// </summary>
    public static async Task<int> RunOnceAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 256;
        var path = Path.Combine(Path.GetTempPath(), $"shipsync-once-{Environment.ProcessId}.db");
        try
        {
            var (store, engine) = Create(path, concurrency);
            var shipments = Batch(count, 1);
            // A warm-up batch of another round: JIT and the file's first pages are not what is measured.
            await engine.SyncAsync(Batch(500, 0));
            var clock = Stopwatch.StartNew();
            var outcomes = await engine.SyncAsync(shipments);
            clock.Stop();
            var commits = store.GetType().GetProperty("Commits", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)?.GetValue(store);
            store.Dispose();

            var notSynced = outcomes.Count(o => o.Status != ShipmentSyncStatus.Synced);
            using var reopened = new SqliteShipmentSyncStore(new SqliteShipmentSyncStoreOptions { Path = path });
            var missing = 0;
            foreach (var shipment in shipments)
            {
                if (await reopened.GetAsync(shipment.ShipmentId) is not { State: ShipmentSyncState.Done, Outcome.Status: ShipmentSyncStatus.Synced })
                {
                    missing++;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count} shipments, concurrency {concurrency}: {clock.Elapsed.TotalSeconds:F2} s = {count / clock.Elapsed.TotalSeconds:F0} shipments/s; commits {commits}; not synced {notSynced}; not durable after reopening {missing}"));
            return notSynced == 0 && missing == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Delete(path);
        }
    }

    /// <summary>A platform that applies every send at once (the engine and its store are what is measured).</summary>
    private sealed class InstantSender : ShipmentSender
    {
        public override string Platform => ShipmentPlatforms.Douyin;

        public override ShipmentSenderCapabilities Capabilities { get; } = new() { SupportsMultipleTrackingNumbers = true, SupportsSplitBySubOrder = true, CanQueryStatus = true };

        public override Task SendAsync(ShipmentSendRequest request, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public override Task<ShipmentPlatformState> QueryStatusAsync(Shipment shipment, CancellationToken cancellationToken = default)
            => Task.FromResult(ShipmentPlatformState.Shipped);
    }
}
