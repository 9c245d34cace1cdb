using System.Diagnostics;
using System.Globalization;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Logistics.Sync.Stores;
using PlatformSdk.Logistics.Tests.Sync.Stores;
using PlatformSdk.Tests.Shared;
using Xunit.Abstractions;

namespace PlatformSdk.Logistics.Tests.Sync.EndToEnd;

/// <summary>
/// Exactly once end to end: one engine with the real 1688, Tmall Global direct and Taobao/Tmall senders, over HTTP to the bundled
/// fakes, on a durable SQLite store, with seeded faults on every send and random engine crashes. The verdict comes from each fake's
/// own state (what it applied, and every send it received for something it already had), never from the engine's word.
/// </summary>
/// <remarks>
/// Mutation check (tried, then reverted): the engine's failed-send path made to skip reconciling an unknown outcome and retry it
/// like a transient failure (<c>if (failure.OutcomeUnknown)</c> never taken in ShipmentSyncEngine's send loop). The test failed on
/// seed 20261202 with 852 violations, e.g. <c>E2E-17 Alibaba1688 … AlreadySynced (RLOG-13), applied 1, sends after applied 1</c>.
/// Every one had "applied 1": the fakes refuse a repeat, so only their count of sends received after applying catches a resend.
/// </remarks>
public sealed class FakePlatformsExactlyOnceTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20261202;
    private const int PerPlatform = 1000;
    private const int BatchSize = 100;

    // The store syncs every write to disk (synchronous FULL): thousands of fsyncs took 24 to 48 s of a loaded machine's disk. A
    // RAM-backed directory, where the OS has one, keeps the run near 16 s; the file is still closed and reopened at every crash,
    // which is the durability this test is about (a process dying, not the power).
    private readonly string _path = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "e2e-sync-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose() => SqliteShipmentSyncStoreContractTests.DeleteFiles(_path);

    [Fact]
    [Rule("RLOG-07")]
    public async Task RLOG07_thousands_of_randomized_faulty_sends_over_the_fakes_apply_each_shipment_once_and_never_resend_an_applied_one()
    {
        var watch = Stopwatch.StartNew();
        output.WriteLine($"seed {Seed}");
        await using var platforms = await FakePlatforms.StartAsync();
        CancellationTokenSource? batchCrash = null;
        var senders = platforms.RealSenders.Select(s => new WireFaultSender(s, platforms, Seed, () => batchCrash)).ToArray();
        var options = new ShipmentSyncOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, MaxAttempts = 3, MaxConcurrency = 1 };
        SqliteShipmentSyncStore Open() => new(new SqliteShipmentSyncStoreOptions { Path = _path, TimeProvider = platforms.Time });
        var store = Open();
        ShipmentSyncEngine NewEngine() => new(senders, store, FakePlatforms.Carriers, options, platforms.Time);
        var engine = NewEngine();

        // 1,000 shipments per sender (Taobao's split between Taobao offline and Tmall online), shuffled; 3 % doomed on the platform.
        var random = new Random(Seed);
        string[] kinds = [ShipmentPlatforms.Alibaba1688, ShipmentPlatforms.TmallGlobalDirect, ShipmentPlatforms.Taobao, ShipmentPlatforms.Tmall];
        var plan = Enumerable.Range(0, PerPlatform * 3)
            .Select(i => (i / PerPlatform) switch { 0 => kinds[0], 1 => kinds[1], _ => kinds[2 + (i % 2)] })
            .OrderBy(_ => random.Next()).ToArray();
        var doomed = new HashSet<string>(StringComparer.Ordinal);
        var shipments = new List<Shipment>();
        for (var i = 0; i < plan.Length; i++)
        {
            var fail = random.NextDouble() < 0.03;
            var shipment = platforms.AddOrder(plan[i], i, fail);
            shipments.Add(shipment);
            if (fail)
            {
                doomed.Add(shipment.ShipmentId);
            }
        }

        var crashes = 0;
        foreach (var batch in shipments.Chunk(BatchSize))
        {
            while (true)
            {
                using var cts = new CancellationTokenSource();
                batchCrash = cts;
                try
                {
                    await engine.SyncAsync(batch, cancellationToken: cts.Token);
                    break;
                }
                catch (OperationCanceledException)
                {
                    // The process died mid-batch: a new engine over a new store on the same file, once the dead lease ran out.
                    crashes++;
                    batchCrash = null;
                    store.Dispose();
                    store = Open();
                    engine = NewEngine();
                    platforms.Time.Advance(options.Lease + TimeSpan.FromSeconds(1));
                    await engine.ResumeAsync();
                }
            }
        }

        batchCrash = null;
        for (var round = 0; round < 30; round++)
        {
            platforms.Time.Advance(TimeSpan.FromMinutes(3));
            if ((await engine.ResumeAsync()).Count == 0)
            {
                break;
            }
        }

        var problems = new List<string>();
        var unknown = new List<string>();
        var statuses = new Dictionary<ShipmentSyncStatus, int>();
        foreach (var shipment in shipments)
        {
            var id = shipment.ShipmentId;
            var record = (await store.GetAsync(id))!;
            var outcome = record.Outcome;
            var applied = platforms.Applied(shipment);
            var resent = platforms.SendsAfterApplied(shipment);
            var status = outcome?.Status;
            if (status is { } s)
            {
                statuses[s] = statuses.GetValueOrDefault(s) + 1;
            }

            var ok = record.State == ShipmentSyncState.Done && resent == 0 && applied <= 1 && status switch
            {
                ShipmentSyncStatus.Synced or ShipmentSyncStatus.AlreadySynced => applied == 1,
                ShipmentSyncStatus.OutcomeUnknown => outcome!.MayHaveBeenProcessed,
                ShipmentSyncStatus.Failed => applied == 0 && doomed.Contains(id),
                _ => false,
            };
            if (!ok || status == ShipmentSyncStatus.OutcomeUnknown)
            {
                var sender = senders.Single(x => x.Platform == shipment.Platform);
                (ok ? unknown : problems).Add($"{id} {shipment.Platform} order {shipment.OrderId}{(doomed.Contains(id) ? " (doomed)" : string.Empty)}: "
                    + $"{record.State} {status} ({outcome?.RuleId}, may {outcome?.MayHaveBeenProcessed}), applied {applied}, sends after applied {resent}, "
                    + $"sends {sender.Calls(id)} [{string.Join(",", sender.Script(id))}]");
            }
        }

        var injected = senders.SelectMany(s => s.Injected).GroupBy(p => p.Key).OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Sum(p => p.Value)}");
        output.WriteLine($"{shipments.Count} shipments ({doomed.Count} doomed), {crashes} engine crashes, {watch.Elapsed.TotalSeconds:F1} s");
        output.WriteLine("sends by fault: " + string.Join(", ", injected));
        output.WriteLine("outcomes: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        unknown.ForEach(output.WriteLine);
        store.Dispose();

        Assert.True(problems.Count == 0, $"seed {Seed}: {problems.Count} violation(s) of exactly once:\n" + string.Join("\n", problems.Take(25)));
        Assert.True(crashes > 0 && statuses.GetValueOrDefault(ShipmentSyncStatus.AlreadySynced) > 0, $"seed {Seed}: the run covered no crash or no reconcile");
    }
}
