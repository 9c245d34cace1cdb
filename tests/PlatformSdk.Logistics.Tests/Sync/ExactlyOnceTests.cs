using System.Globalization;
using PlatformSdk.Errors;
using PlatformSdk.Logistics.Sync;
using static PlatformSdk.Logistics.Tests.Sync.SyncKit;

namespace PlatformSdk.Logistics.Tests.Sync;

public sealed class ExactlyOnceTests
{
    private const int Seed = 20261202;

    private static readonly Fault[] Faults =
        [Fault.AppliedThenTimeout, Fault.AppliedThenConnectionDrop, Fault.BackendTimeoutAfterApplying, Fault.BackendTimeoutWithoutApplying, Fault.Throttled, Fault.Transient];

    public static TheoryData<string, bool, bool> Platforms => new()
    {
        { ShipmentPlatforms.Douyin, true, false },      // queryable: unknown outcomes are reconciled
        { ShipmentPlatforms.Pinduoduo, false, true },   // not queryable, refuses repeats (RLOG-07)
        { ShipmentPlatforms.Alibaba1688, false, false }, // neither: unknown outcomes must stay unknown
    };

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Thousands_of_randomized_faulty_sends_apply_each_shipment_at_most_once_and_end_synced_or_unknown(string platform, bool queryable, bool refusesRepeats)
    {
        const int count = 3000;
        var seed = Seed + platform.Length;
        var random = new Random(seed);
        // One fault script per shipment, drawn up front so the run does not depend on the order concurrent sends happen in.
        var scripts = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, 12).Select(_ => random.NextDouble() < 0.55 ? Fault.None : Faults[random.Next(Faults.Length)]).ToArray()).ToArray();
        var sender = new FaultInjectingSender(platform, queryable ? QueryCaps : Pdd) { RefusesRepeats = refusesRepeats };
        sender.Plan = r => scripts[int.Parse(r.Shipment.ShipmentId.AsSpan(2), CultureInfo.InvariantCulture)][Math.Min(sender.Calls(r.Shipment.ShipmentId) - 1, 11)];
        var (engine, store, time) = Engine(NoWaits(o => o.MaxConcurrency = 8), sender);
        var order = platform == ShipmentPlatforms.Alibaba1688 ? "3712001234567890001" : "100200300";
        var shipments = Enumerable.Range(0, count).Select(i => Ship($"S-{i}", platform, order: order)).ToArray();

        var outcomes = (await engine.SyncAsync(shipments)).ToDictionary(o => o.ShipmentId);
        for (var round = 0; round < 20 && outcomes.Values.Any(o => o.Status == ShipmentSyncStatus.RetryLater); round++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            foreach (var resumed in await engine.ResumeAsync())
            {
                outcomes[resumed.ShipmentId] = resumed;
            }
        }

        var problems = new List<string>();
        foreach (var shipment in shipments)
        {
            var id = shipment.ShipmentId;
            var outcome = outcomes[id];
            var applied = sender.Applied(id);
            var record = (await store.GetAsync(id))!;
            var ok = outcome.Status switch
            {
                ShipmentSyncStatus.Synced or ShipmentSyncStatus.AlreadySynced => applied == 1,
                ShipmentSyncStatus.OutcomeUnknown => outcome.MayHaveBeenProcessed && applied <= 1 && !queryable,
                _ => false,
            };
            if (!ok || applied > 1 || record.State != ShipmentSyncState.Done)
            {
                problems.Add($"{id}: {outcome.Status} ({outcome.RuleId}), applied {applied}, calls {sender.Calls(id)}, record {record.State}, script [{string.Join(",", scripts[int.Parse(id.AsSpan(2), CultureInfo.InvariantCulture)].Take(sender.Calls(id)))}]");
            }
        }

        Assert.True(problems.Count == 0, $"seed {seed}, {platform}: {problems.Count} violation(s):\n" + string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public async Task A_crash_after_the_platform_applied_is_resumed_as_AlreadySynced_without_a_second_send()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var (engine, store, time) = Engine(NoWaits(), sender);
        using var crash = new CancellationTokenSource();
        sender.AfterApply = async (_, token) =>
        {
            await crash.CancelAsync();
            token.ThrowIfCancellationRequested();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.SubmitAsync(Ship("C-1"), crash.Token));
        Assert.Equal(ShipmentSyncState.Sending, (await store.GetAsync("C-1"))!.State);

        // A new process: a new engine over the same store, once the dead worker's lease has run out.
        sender.AfterApply = null;
        var restarted = new ShipmentSyncEngine([sender], store, SyncKit.Carriers, NoWaits(), time);
        Assert.Empty(await restarted.ResumeAsync());
        time.Advance(restarted.Options.Lease);
        var resumed = Assert.Single(await restarted.ResumeAsync());

        Assert.Equal(ShipmentSyncStatus.AlreadySynced, resumed.Status);
        Assert.Equal((1, 1), (sender.Applied("C-1"), sender.Calls("C-1")));
        Assert.Equal(ShipmentSyncState.Done, (await store.GetAsync("C-1"))!.State);
        Assert.Same(resumed, await restarted.SubmitAsync(Ship("C-1")));
        Assert.Equal(1, sender.Calls("C-1"));
    }

    [Fact]
    public async Task A_crash_before_the_platform_applied_is_resumed_by_reconciling_then_sending_once()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var (engine, store, time) = Engine(NoWaits(), sender);
        using var crash = new CancellationTokenSource();
        sender.BeforeApply = async (_, token) =>
        {
            await crash.CancelAsync();
            token.ThrowIfCancellationRequested();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.SubmitAsync(Ship("C-2"), crash.Token));
        sender.BeforeApply = null;
        time.Advance(TimeSpan.FromMinutes(5));
        var resumed = Assert.Single(await new ShipmentSyncEngine([sender], store, SyncKit.Carriers, NoWaits(), time).ResumeAsync());

        Assert.Equal(ShipmentSyncStatus.Synced, resumed.Status);
        Assert.Equal(1, sender.Applied("C-2"));
        Assert.Equal(1, sender.StatusQueries);
        Assert.Equal(2, (await store.GetAsync("C-2"))!.SendsStarted);
    }

    [Fact]
    public async Task A_crash_on_a_platform_that_cannot_be_asked_resumes_as_OutcomeUnknown_and_sends_nothing()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Pinduoduo, Pdd);
        var (engine, store, time) = Engine(NoWaits(), sender);
        using var crash = new CancellationTokenSource();
        sender.AfterApply = async (_, token) =>
        {
            await crash.CancelAsync();
            token.ThrowIfCancellationRequested();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.SubmitAsync(Ship("C-3", ShipmentPlatforms.Pinduoduo), crash.Token));
        sender.AfterApply = null;
        time.Advance(TimeSpan.FromMinutes(5));
        var resumed = Assert.Single(await new ShipmentSyncEngine([sender], store, SyncKit.Carriers, NoWaits(), time).ResumeAsync());

        Assert.Equal((ShipmentSyncStatus.OutcomeUnknown, true), (resumed.Status, resumed.MayHaveBeenProcessed));
        Assert.Equal(1, sender.Calls("C-3"));
    }

    [Fact]
    public async Task Randomized_crashes_mid_send_never_double_send_after_resume()
    {
        var random = new Random(Seed);
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var (engine, store, time) = Engine(NoWaits(), sender);
        var crashes = new Dictionary<string, bool?>(); // true: after applying, false: before, null: no crash
        for (var i = 0; i < 300; i++)
        {
            var id = $"R-{i}";
            crashes[id] = random.Next(3) switch { 0 => true, 1 => false, _ => null };
            using var crash = new CancellationTokenSource();
            var when = crashes[id];
            sender.BeforeApply = when == false ? async (_, t) => { await crash.CancelAsync(); t.ThrowIfCancellationRequested(); } : null;
            sender.AfterApply = when == true ? async (_, t) => { await crash.CancelAsync(); t.ThrowIfCancellationRequested(); } : null;
            try
            {
                await engine.SubmitAsync(Ship(id), crash.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        sender.BeforeApply = sender.AfterApply = null;
        time.Advance(TimeSpan.FromMinutes(5));
        await new ShipmentSyncEngine([sender], store, SyncKit.Carriers, NoWaits(), time).ResumeAsync();

        foreach (var (id, when) in crashes)
        {
            var record = (await store.GetAsync(id))!;
            Assert.True(sender.Applied(id) == 1 && record.State == ShipmentSyncState.Done
                && record.Outcome!.Status is ShipmentSyncStatus.Synced or ShipmentSyncStatus.AlreadySynced,
                $"seed {Seed}: {id} crash {when?.ToString() ?? "none"}: applied {sender.Applied(id)}, {record.State} {record.Outcome?.Status}");
        }
    }

    [Fact]
    public async Task Transient_failures_retry_with_backoff_on_the_injected_clock_within_the_budget()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps) { Plan = r => r.Attempt < 3 ? Fault.Transient : Fault.None };
        var (engine, store, time) = Engine(new ShipmentSyncOptions { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(30), MaxAttempts = 3 }, sender);

        var sync = engine.SubmitAsync(Ship("B-1"));
        Assert.True(SpinWait.SpinUntil(() => sender.Calls("B-1") == 1, 5000));
        // The first failure recorded: from then on its 2 s pause runs on the fake clock.
        Assert.True(SpinWait.SpinUntil(() => store.GetAsync("B-1").AsTask().Result?.Outcome?.Status == ShipmentSyncStatus.RetryLater, 5000));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, sender.Calls("B-1"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(SpinWait.SpinUntil(() => sender.Calls("B-1") == 2, 5000));
        // The second failure recorded: its 4 s pause is running on the fake clock from then on.
        Assert.True(SpinWait.SpinUntil(() => store.GetAsync("B-1").AsTask().Result?.Outcome?.Attempts == 2, 5000));
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(2, sender.Calls("B-1"));
        time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await sync;

        Assert.Equal((ShipmentSyncStatus.Synced, 3), (outcome.Status, outcome.Attempts));
    }

    [Fact]
    public async Task A_spent_budget_or_a_long_RetryAfter_ends_RetryLater_with_a_not_before_time_and_nothing_applied()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Pinduoduo, Pdd) { Plan = _ => Fault.Throttled };
        var (engine, store, time) = Engine(NoWaits(o => o.MaxAttempts = 2), sender);

        var spent = await engine.SubmitAsync(Ship("L-1", ShipmentPlatforms.Pinduoduo));
        Assert.Equal((ShipmentSyncStatus.RetryLater, 2, 0), (spent.Status, spent.Attempts, sender.Applied("L-1")));
        Assert.Equal(ShipmentSyncState.Pending, (await store.GetAsync("L-1"))!.State);

        var pdd120 = new FaultInjectingSender(ShipmentPlatforms.Pinduoduo, Pdd);
        pdd120.BeforeApply = (_, _) => throw new PlatformException(new PlatformError(ShipmentPlatforms.Pinduoduo, "E", "网络超时异常,请120秒后重试", ErrorCategory.Unknown, ""));
        var (engine2, store2, time2) = Engine(new ShipmentSyncOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) }, pdd120);

        var later = await engine2.SubmitAsync(Ship("L-2", ShipmentPlatforms.Pinduoduo));

        Assert.Equal((ShipmentSyncStatus.RetryLater, "RLOG-49", 1), (later.Status, later.RuleId, later.Attempts));
        Assert.Equal(time2.GetUtcNow() + TimeSpan.FromSeconds(120), (await store2.GetAsync("L-2"))!.NotBefore);
        Assert.Empty(await engine2.ResumeAsync());
        _ = time;
    }

    [Fact]
    public async Task Manual_mode_records_waiting_shipments_and_sends_only_on_SyncNow()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var (engine, store, _) = Engine(NoWaits(o => o.Mode = ShipmentSyncMode.Manual), sender);

        var waiting = await engine.SubmitAsync(Ship("W-1"));
        Assert.Equal(ShipmentSyncStatus.WaitingForManualSync, waiting.Status);
        Assert.Empty(await engine.ResumeAsync());
        Assert.Equal(0, sender.TotalCalls);

        var synced = await engine.SyncNowAsync("W-1");
        Assert.Equal(ShipmentSyncStatus.Synced, synced.Status);
        Assert.Same(synced, await engine.SyncNowAsync("W-1"));
        Assert.Equal(1, sender.Calls("W-1"));
        await Assert.ThrowsAsync<PlatformValidationException>(() => engine.SyncNowAsync("nope"));

        // Switched to automatic: a resume syncs what was waiting.
        await engine.SubmitAsync(Ship("W-2"));
        var automatic = new ShipmentSyncEngine([sender], store, SyncKit.Carriers, NoWaits(), TimeProvider.System);
        Assert.Equal(ShipmentSyncStatus.Synced, Assert.Single(await automatic.ResumeAsync()).Status);
    }

    [Fact]
    public async Task Automatic_mode_syncs_on_submit()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var (engine, _, _) = Engine(NoWaits(), sender);

        Assert.Equal(ShipmentSyncStatus.Synced, (await engine.SubmitAsync(Ship("A-1"))).Status);
        Assert.Equal(1, sender.Calls("A-1"));
    }

    [Fact]
    public async Task Batch_progress_reports_every_shipment_and_the_final_counts()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        sender.Plan = r => r.Shipment.ShipmentId.EndsWith('7') ? Fault.Throttled : Fault.None;
        var (engine, _, _) = Engine(NoWaits(o => o.MaxAttempts = 1), sender);
        var reports = new List<ShipmentSyncProgress>();
        var progress = new SynchronousProgress(reports);
        var batch = Enumerable.Range(0, 50).Select(i => Ship($"G-{i}")).Append(Ship("G-0")).Append(Ship("G-x", numbers: ["bad number"])).ToList();

        var outcomes = await engine.SyncAsync(batch, progress);

        Assert.Equal(52, outcomes.Count);
        Assert.Same(outcomes[0], outcomes[50]);
        Assert.Equal(52, reports.Count);
        var last = reports.MaxBy(r => r.Completed)!;
        Assert.Equal((52, 52, 46, 5, 1), (last.Total, last.Completed, last.Succeeded, last.Pending, last.Failed));
        Assert.Equal(50, sender.TotalCalls);
    }

    private sealed class SynchronousProgress(List<ShipmentSyncProgress> reports) : IProgress<ShipmentSyncProgress>
    {
        public void Report(ShipmentSyncProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
