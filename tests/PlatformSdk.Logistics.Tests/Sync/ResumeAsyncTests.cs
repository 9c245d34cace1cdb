using PlatformSdk.Logistics.Sync;
using static PlatformSdk.Logistics.Tests.Sync.SyncKit;

namespace PlatformSdk.Logistics.Tests.Sync;

public sealed class ResumeAsyncTests
{
    [Fact]
    public async Task A_send_left_unfinished_behind_more_waiting_records_than_one_page_is_still_reconciled()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var (engine, store, time) = Engine(NoWaits(o => { o.Mode = ShipmentSyncMode.Manual; o.ResumeBatchSize = 3; }), sender);
        for (var i = 1; i <= 7; i++)
        {
            Assert.Equal(ShipmentSyncStatus.WaitingForManualSync, (await engine.SubmitAsync(Ship($"S-{i}"))).Status);
        }

        // S-8: a worker began its send, the platform applied it, and the worker died before recording the outcome.
        var crashed = Ship("S-8");
        await store.AddAsync(crashed);
        var claim = await store.BeginSendAsync((await store.TryClaimAsync("S-8", engine.Options.Lease))!);
        await sender.SendAsync(new ShipmentSendRequest(crashed, "ceshi", claim!.Record.SendsStarted));
        time.Advance(engine.Options.Lease);

        var outcomes = await engine.ResumeAsync();

        var resumed = Assert.Single(outcomes);
        Assert.Equal("S-8", resumed.ShipmentId);
        Assert.Equal(ShipmentSyncStatus.AlreadySynced, resumed.Status);
        Assert.Equal(1, sender.Applied("S-8"));
        Assert.All(Enumerable.Range(1, 7), i => Assert.Equal(0, sender.Calls($"S-{i}")));
    }

    [Fact]
    public async Task One_resume_works_on_at_most_MaxResumeRecords_and_the_next_call_continues_with_the_rest()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var (engine, store, _) = Engine(NoWaits(o => { o.MaxResumeRecords = 4; o.ResumeBatchSize = 3; }), sender);
        for (var i = 1; i <= 10; i++)
        {
            await store.AddAsync(Ship($"S-{i:D2}"));
        }

        var rounds = new List<IReadOnlyList<ShipmentSyncOutcome>>();
        for (var round = 0; round < 5; round++)
        {
            rounds.Add(await engine.ResumeAsync());
        }

        Assert.Equal([4, 4, 2, 0, 0], rounds.Select(r => r.Count));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"S-{i:D2}"), rounds.SelectMany(r => r).Select(o => o.ShipmentId));
        Assert.All(rounds.SelectMany(r => r), o => Assert.Equal(ShipmentSyncStatus.Synced, o.Status));
        Assert.All(Enumerable.Range(1, 10), i => Assert.Equal(1, sender.Applied($"S-{i:D2}")));
    }

    [Fact]
    public async Task A_store_whose_cursor_moves_without_bringing_anything_new_still_ends_the_resume_within_its_budget()
    {
        var inner = new InMemoryShipmentSyncStore(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start));
        await inner.AddAsync(Ship("S-1"));
        var store = new EndlessCursorStore(inner);
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var engine = new ShipmentSyncEngine([sender], store, SyncKit.Carriers, NoWaits(o => { o.MaxResumeRecords = 50; o.ResumeBatchSize = 10; }));

        var outcomes = await engine.ResumeAsync();

        Assert.Equal(["S-1"], outcomes.Select(o => o.ShipmentId));
        Assert.InRange(store.Pages, 2, 50);
    }

    /// <summary>Hands out the same first page forever, each time with a new cursor: a misbehaving third-party store.</summary>
    private sealed class EndlessCursorStore(InMemoryShipmentSyncStore inner) : IShipmentSyncStore
    {
        private int _pages;

        public int Pages => _pages;

        public ValueTask<ShipmentSyncRecord> AddAsync(Shipment shipment, CancellationToken cancellationToken = default) => inner.AddAsync(shipment, cancellationToken);

        public ValueTask<ShipmentClaim?> TryClaimAsync(string shipmentId, TimeSpan lease, CancellationToken cancellationToken = default) => inner.TryClaimAsync(shipmentId, lease, cancellationToken);

        public ValueTask<ShipmentClaim?> BeginSendAsync(ShipmentClaim claim, CancellationToken cancellationToken = default) => inner.BeginSendAsync(claim, cancellationToken);

        public ValueTask<bool> CompleteAsync(ShipmentClaim claim, ShipmentSyncOutcome outcome, bool final, DateTimeOffset? notBefore = null, CancellationToken cancellationToken = default)
            => inner.CompleteAsync(claim, outcome, final, notBefore, cancellationToken);

        public ValueTask<ShipmentSyncRecord?> GetAsync(string shipmentId, CancellationToken cancellationToken = default) => inner.GetAsync(shipmentId, cancellationToken);

        public async ValueTask<ShipmentSyncPage> ListResumableAsync(int maxRecords, string? continuationToken = null, CancellationToken cancellationToken = default)
        {
            var page = Interlocked.Increment(ref _pages);
            var first = (await inner.GetAsync("S-1", cancellationToken))!;
            return new ShipmentSyncPage { Records = [first], ContinuationToken = "page-" + page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }
    }
}
