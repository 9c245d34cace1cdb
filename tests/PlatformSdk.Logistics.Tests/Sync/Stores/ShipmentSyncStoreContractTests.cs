using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Logistics.Sync;

namespace PlatformSdk.Logistics.Tests.Sync.Stores;

/// <summary>
/// What every <see cref="IShipmentSyncStore"/> must do. A store's test class inherits this and says how to open an instance on
/// the test's own storage; <see cref="Open"/> called twice opens a second instance on the same storage (a restart, or a second
/// worker process).
/// </summary>
public abstract class ShipmentSyncStoreContractTests : IAsyncLifetime
{
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly List<IShipmentSyncStore> _opened = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Opens an instance on this test's storage.</summary>
    protected abstract IShipmentSyncStore OpenStore(TimeProvider time);

    /// <summary>Removes this test's storage once every instance is closed.</summary>
    protected abstract Task DeleteStorageAsync();

    protected IShipmentSyncStore Open()
    {
        var store = OpenStore(Time);
        _opened.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened.Distinct())
        {
            (store as IDisposable)?.Dispose();
        }

        await DeleteStorageAsync();
    }

    internal static Shipment NewShipment(string id, string orderId = "3921876543210") => new()
    {
        ShipmentId = id,
        Platform = ShipmentPlatforms.Taobao,
        Shop = "shop-1",
        OrderId = orderId,
        SubOrderIds = ["sub-1", "sub-2"],
        CarrierId = "YTO",
        Packages = [new ShipmentPackage("YT7512345678901", ["sub-1"]), new ShipmentPackage("YT7512345678902")],
        MergedOrderIds = ["3921876543211"],
        ReceiverAddress = "浙江省杭州市余杭区文一西路969号",
        ShippedAt = new DateTimeOffset(2026, 11, 10, 18, 30, 0, TimeSpan.FromHours(8)),
    };

    internal static ShipmentSyncOutcome Outcome(string id, ShipmentSyncStatus status, PlatformError? error = null) => new()
    {
        ShipmentId = id,
        Status = status,
        RuleId = error is null ? null : "RLOG-07",
        Remedy = status == ShipmentSyncStatus.Synced ? null : "Check the order on the platform.",
        Error = error,
        Attempts = 1,
        MayHaveBeenProcessed = status == ShipmentSyncStatus.OutcomeUnknown,
    };

    [Fact]
    public async Task Add_stores_a_pending_record_at_version_1_whose_shipment_reads_back_whole()
    {
        var store = Open();

        var added = await store.AddAsync(NewShipment("s-1"));

        Assert.Equal(ShipmentSyncState.Pending, added.State);
        Assert.Equal(0, added.SendsStarted);
        Assert.Equal(1, added.Version);
        Assert.Null(added.Outcome);
        Assert.Null(added.NotBefore);
        var read = await store.GetAsync("s-1");
        Assert.NotNull(read);
        AssertSameShipment(NewShipment("s-1"), read.Shipment);
    }

    [Fact]
    public async Task Adding_an_existing_id_again_returns_the_existing_record_and_never_resets_it()
    {
        var store = Open();
        await store.AddAsync(NewShipment("s-1"));
        var claim = await store.TryClaimAsync("s-1", Lease);
        Assert.NotNull(await store.BeginSendAsync(claim!));

        var again = await Open().AddAsync(NewShipment("s-1", orderId: "999"));

        Assert.Equal(ShipmentSyncState.Sending, again.State);
        Assert.Equal(1, again.SendsStarted);
        Assert.Equal(2, again.Version);
        Assert.Equal("3921876543210", again.Shipment.OrderId);
    }

    [Fact]
    public async Task A_shipment_under_a_live_lease_cannot_be_claimed_by_any_instance()
    {
        var store = Open();
        await store.AddAsync(NewShipment("s-1"));

        var first = await store.TryClaimAsync("s-1", Lease);
        Time.Advance(Lease - TimeSpan.FromMilliseconds(1));

        Assert.NotNull(first);
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromMilliseconds(1), first.Until);
        Assert.Null(await store.TryClaimAsync("s-1", Lease));
        Assert.Null(await Open().TryClaimAsync("s-1", Lease));
    }

    [Fact]
    public async Task An_unknown_shipment_cannot_be_claimed()
        => Assert.Null(await Open().TryClaimAsync("nobody", Lease));

    [Fact]
    public async Task When_the_lease_ends_on_the_injected_clock_another_worker_can_claim_with_a_new_token()
    {
        var store = Open();
        await store.AddAsync(NewShipment("s-1"));
        var first = await store.TryClaimAsync("s-1", Lease);

        Time.Advance(Lease);
        var second = await Open().TryClaimAsync("s-1", Lease);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first.Token, second.Token);
    }

    [Fact]
    public async Task A_stale_claim_cannot_begin_a_send_or_complete_after_another_worker_took_over()
    {
        var workerA = Open();
        var workerB = Open();
        await workerA.AddAsync(NewShipment("s-1"));
        var stale = await workerA.TryClaimAsync("s-1", Lease);
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var current = await workerB.TryClaimAsync("s-1", Lease);
        Assert.NotNull(current);

        Assert.Null(await workerA.BeginSendAsync(stale!));
        Assert.False(await workerA.CompleteAsync(stale!, Outcome("s-1", ShipmentSyncStatus.Synced), final: true));

        var record = await workerB.GetAsync("s-1");
        Assert.Equal(ShipmentSyncState.Pending, record!.State);
        Assert.Equal(0, record.SendsStarted);
        Assert.Equal(1, record.Version);
        Assert.NotNull(await workerB.BeginSendAsync(current));
    }

    [Fact]
    public async Task A_claim_whose_lease_ended_cannot_begin_a_send_even_before_anyone_took_over()
    {
        var store = Open();
        await store.AddAsync(NewShipment("s-1"));
        var claim = await store.TryClaimAsync("s-1", Lease);

        Time.Advance(Lease);

        Assert.Null(await store.BeginSendAsync(claim!));
        Assert.Equal(0, (await store.GetAsync("s-1"))!.SendsStarted);
    }

    [Fact]
    public async Task BeginSend_records_sending_and_counts_the_send_durably_before_it_returns()
    {
        var store = Open();
        await store.AddAsync(NewShipment("s-1"));
        var claim = await store.TryClaimAsync("s-1", Lease);

        var begun = await store.BeginSendAsync(claim!);

        Assert.NotNull(begun);
        Assert.Equal(claim!.Token, begun.Token);
        Assert.Equal(ShipmentSyncState.Sending, begun.Record.State);
        Assert.Equal(1, begun.Record.SendsStarted);
        Assert.Equal(2, begun.Record.Version);
        var afterRestart = await Open().GetAsync("s-1");
        Assert.Equal(ShipmentSyncState.Sending, afterRestart!.State);
        Assert.Equal(1, afterRestart.SendsStarted);
    }

    [Fact]
    public async Task A_final_outcome_makes_the_shipment_done_and_never_claimable_or_resumable_again()
    {
        var store = Open();
        await store.AddAsync(NewShipment("s-1"));
        var claim = await store.BeginSendAsync((await store.TryClaimAsync("s-1", Lease))!);
        var error = new PlatformError("Taobao", "isv.logistics-online-service-error:B04", "订单已发货", ErrorCategory.AlreadyDone, "Nothing to do.")
        {
            SubCode = "B04", RuleId = "RLOG-07", RequestId = "req-1", HttpStatus = 200, RetryAfter = TimeSpan.FromSeconds(3), Delivery = RequestDelivery.Answered,
        };

        Assert.True(await store.CompleteAsync(claim!, Outcome("s-1", ShipmentSyncStatus.AlreadySynced, error), final: true, notBefore: Time.GetUtcNow().AddHours(1)));

        var record = await Open().GetAsync("s-1");
        Assert.Equal(ShipmentSyncState.Done, record!.State);
        Assert.Null(record.NotBefore);
        Assert.Equal(ShipmentSyncStatus.AlreadySynced, record.Outcome!.Status);
        Assert.Equal("RLOG-07", record.Outcome.RuleId);
        Assert.Equal(1, record.Outcome.Attempts);
        Assert.Equal(error, record.Outcome.Error);
        Assert.Null(await store.TryClaimAsync("s-1", Lease));
        Time.Advance(TimeSpan.FromDays(1));
        Assert.Null(await store.TryClaimAsync("s-1", Lease));
        Assert.Empty((await store.ListResumableAsync(10)).Records);
        Assert.False(await store.CompleteAsync(claim!, Outcome("s-1", ShipmentSyncStatus.Synced), final: true));
    }

    [Fact]
    public async Task A_pending_outcome_with_NotBefore_is_not_resumable_before_that_time()
    {
        var store = Open();
        await store.AddAsync(NewShipment("s-1"));
        var claim = await store.BeginSendAsync((await store.TryClaimAsync("s-1", Lease))!);
        var retryAt = Time.GetUtcNow().AddMinutes(10);

        Assert.True(await store.CompleteAsync(claim!, Outcome("s-1", ShipmentSyncStatus.RetryLater), final: false, notBefore: retryAt));

        var record = await store.GetAsync("s-1");
        Assert.Equal(ShipmentSyncState.Pending, record!.State);
        Assert.Equal(retryAt, record.NotBefore);
        Assert.Equal(ShipmentSyncStatus.RetryLater, record.Outcome!.Status);
        Assert.Empty((await store.ListResumableAsync(10)).Records);
        Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        Assert.Empty((await Open().ListResumableAsync(10)).Records);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["s-1"], (await Open().ListResumableAsync(10)).Records.Select(r => r.ShipmentId));
    }

    [Fact]
    public async Task ListResumable_returns_pending_and_crashed_sending_records_once_no_lease_lives_oldest_first_and_bounded()
    {
        var store = Open();
        foreach (var id in new[] { "s-1", "s-2", "s-3", "s-4", "s-5" })
        {
            await store.AddAsync(NewShipment(id));
        }

        // s-2: a worker began its send and crashed; s-3: claimed by a worker still alive; s-4: finished.
        Assert.NotNull(await store.BeginSendAsync((await store.TryClaimAsync("s-2", Lease))!));
        Assert.NotNull(await store.TryClaimAsync("s-3", Lease));
        var done = await store.TryClaimAsync("s-4", Lease);
        Assert.True(await store.CompleteAsync(done!, Outcome("s-4", ShipmentSyncStatus.Synced), final: true));

        Assert.Equal(["s-1", "s-5"], (await store.ListResumableAsync(10)).Records.Select(r => r.ShipmentId));

        Time.Advance(Lease);
        var resumable = (await Open().ListResumableAsync(10)).Records;
        Assert.Equal(["s-1", "s-2", "s-3", "s-5"], resumable.Select(r => r.ShipmentId));
        Assert.Equal(ShipmentSyncState.Sending, resumable[1].State);
        Assert.Equal(1, resumable[1].SendsStarted);
        Assert.Equal(["s-1", "s-2"], (await store.ListResumableAsync(2)).Records.Select(r => r.ShipmentId));
    }

    [Fact]
    public async Task Version_increments_on_every_change_and_not_on_reads_or_claims()
    {
        var store = Open();
        Assert.Equal(1, (await store.AddAsync(NewShipment("s-1"))).Version);
        var claim = await store.TryClaimAsync("s-1", Lease);
        Assert.Equal(1, claim!.Record.Version);
        Assert.Equal(2, (await store.BeginSendAsync(claim))!.Record.Version);
        Assert.True(await store.CompleteAsync(claim, Outcome("s-1", ShipmentSyncStatus.Held), final: false));
        Assert.Equal(3, (await store.GetAsync("s-1"))!.Version);
        var again = await store.TryClaimAsync("s-1", Lease);
        Assert.Equal(3, again!.Record.Version);
        Assert.Equal(4, (await store.BeginSendAsync(again))!.Record.Version);
        Assert.True(await store.CompleteAsync(again, Outcome("s-1", ShipmentSyncStatus.Synced), final: true));
        Assert.Equal(5, (await store.GetAsync("s-1"))!.Version);
        Assert.Equal(5, (await store.AddAsync(NewShipment("s-1"))).Version);
    }

    [Fact]
    public async Task A_second_instance_on_the_same_storage_sees_every_record_as_written()
    {
        var store = Open();
        await store.AddAsync(NewShipment("s-1"));
        await store.AddAsync(NewShipment("s-2"));
        var claim = await store.BeginSendAsync((await store.TryClaimAsync("s-1", Lease))!);
        Assert.True(await store.CompleteAsync(claim!, Outcome("s-1", ShipmentSyncStatus.WaitingForManualSync), final: false));

        var reopened = Open();

        var first = await reopened.GetAsync("s-1");
        Assert.Equal(ShipmentSyncState.Pending, first!.State);
        Assert.Equal(1, first.SendsStarted);
        Assert.Equal(3, first.Version);
        Assert.Equal(ShipmentSyncStatus.WaitingForManualSync, first.Outcome!.Status);
        Assert.Null(first.Outcome.Error);
        AssertSameShipment(NewShipment("s-1"), first.Shipment);
        Assert.Equal(1, (await reopened.GetAsync("s-2"))!.Version);
        Assert.Null(await reopened.GetAsync("s-3"));
        Assert.Equal(["s-1", "s-2"], (await reopened.ListResumableAsync(10)).Records.Select(r => r.ShipmentId));
    }

    [Fact]
    public async Task Two_workers_on_one_store_never_start_two_sends_for_one_shipment()
    {
        const int Seed = 20261111;
        const int Count = 120;
        var ids = Enumerable.Range(1, Count).Select(i => "s-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var setup = Open();
        foreach (var id in ids)
        {
            await setup.AddAsync(NewShipment(id));
        }

        var sends = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var random = new Random(Seed);
        var orders = new[] { ids.OrderBy(_ => random.Next()).ToArray(), ids.OrderBy(_ => random.Next()).ToArray() };
        var workers = new[] { Open(), Open() };

        async Task RunAsync(IShipmentSyncStore store, string[] order)
        {
            foreach (var id in order)
            {
                var claim = await store.TryClaimAsync(id, Lease);
                if (claim is null)
                {
                    continue;
                }

                var begun = await store.BeginSendAsync(claim);
                if (begun is null)
                {
                    continue;
                }

                // The send itself: applied once per BeginSend that the store allowed.
                sends.AddOrUpdate(id, 1, (_, n) => n + 1);
                Assert.True(await store.CompleteAsync(begun, Outcome(id, ShipmentSyncStatus.Synced), final: true), $"seed {Seed}: complete of {id} refused");
            }
        }

        await Task.WhenAll(Task.Run(() => RunAsync(workers[0], orders[0])), Task.Run(() => RunAsync(workers[1], orders[1])));

        var doubled = sends.Where(p => p.Value != 1).Select(p => p.Key + "=" + p.Value).ToList();
        Assert.True(doubled.Count == 0, $"seed {Seed}: shipments sent other than once: {string.Join(", ", doubled)}");
        foreach (var id in ids)
        {
            var record = await setup.GetAsync(id);
            Assert.True(sends.ContainsKey(id), $"seed {Seed}: {id} never sent");
            Assert.True(record!.State == ShipmentSyncState.Done && record.SendsStarted == 1, $"seed {Seed}: {id} is {record.State} with {record.SendsStarted} sends");
        }
    }

    [Fact]
    public async Task Two_workers_whose_leases_end_mid_send_never_send_a_shipment_twice_when_a_begun_send_is_reconciled()
    {
        const int Seed = 7301;
        const int Count = 60;
        var shortLease = TimeSpan.FromSeconds(1);
        var ids = Enumerable.Range(1, Count).Select(i => "s-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var setup = Open();
        foreach (var id in ids)
        {
            await setup.AddAsync(NewShipment(id));
        }

        var sends = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var takeovers = 0;
        var shuffle = new Random(Seed);
        var orders = new[] { ids.OrderBy(_ => shuffle.Next()).ToArray(), ids.OrderBy(_ => shuffle.Next()).ToArray() };
        var workers = new[] { Open(), Open() };

        async Task RunAsync(IShipmentSyncStore store, string[] order, Random random)
        {
            for (var round = 0; round < 1000; round++)
            {
                var open = 0;
                foreach (var id in order)
                {
                    if ((await store.GetAsync(id))!.State == ShipmentSyncState.Done)
                    {
                        continue;
                    }

                    open++;
                    var claim = await store.TryClaimAsync(id, shortLease);
                    if (claim is null)
                    {
                        continue;
                    }

                    if (claim.Record.SendsStarted > 0)
                    {
                        // A send was begun by a worker whose lease ended: ask the platform instead of sending again.
                        Interlocked.Increment(ref takeovers);
                        await store.CompleteAsync(claim, Outcome(id, ShipmentSyncStatus.AlreadySynced), final: true);
                        continue;
                    }

                    var begun = await store.BeginSendAsync(claim);
                    if (begun is null)
                    {
                        continue;
                    }

                    sends.AddOrUpdate(id, 1, (_, n) => n + 1);
                    // Time passes during the send: sometimes past the lease, so the other worker may take the shipment over.
                    Time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 1500)));
                    await store.CompleteAsync(begun, Outcome(id, ShipmentSyncStatus.Synced), final: true);
                }

                if (open == 0)
                {
                    return;
                }

                Time.Advance(shortLease);
            }

            Assert.Fail($"seed {Seed}: the workers did not finish");
        }

        await Task.WhenAll(
            Task.Run(() => RunAsync(workers[0], orders[0], new Random(Seed + 1))),
            Task.Run(() => RunAsync(workers[1], orders[1], new Random(Seed + 2))));

        var wrong = ids.Where(id => sends.GetValueOrDefault(id) != 1).Select(id => id + "=" + sends.GetValueOrDefault(id)).ToList();
        Assert.True(takeovers > 0, $"seed {Seed}: no lease ended mid-send, so the takeover path was not exercised");
        Assert.True(wrong.Count == 0, $"seed {Seed} ({takeovers} takeovers): shipments sent other than once: {string.Join(", ", wrong)}");
        foreach (var id in ids)
        {
            var record = await setup.GetAsync(id);
            Assert.True(record!.State == ShipmentSyncState.Done && record.SendsStarted == 1, $"seed {Seed}: {id} is {record.State} with {record.SendsStarted} sends");
        }
    }

    [Fact]
    public async Task Listing_page_by_page_with_the_cursor_returns_every_resumable_record_once_in_order_and_then_no_cursor()
    {
        var store = Open();
        for (var i = 1; i <= 25; i++)
        {
            await store.AddAsync(NewShipment($"s-{i:D2}"));
        }

        // Pending records stay listable after a page is read: only the cursor moves a reader past them.
        var pages = new List<ShipmentSyncPage>();
        string? cursor = null;
        do
        {
            var page = await store.ListResumableAsync(10, cursor);
            pages.Add(page);
            cursor = page.ContinuationToken;
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Equal([10, 10, 5], pages.Select(p => p.Records.Count));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"s-{i:D2}"), pages.SelectMany(p => p.Records).Select(r => r.ShipmentId));
        Assert.Equal(["s-01", "s-02"], (await store.ListResumableAsync(2)).Records.Select(r => r.ShipmentId));
    }

    [Fact]
    public async Task The_cursor_skips_unworkable_records_and_a_later_page_reaches_the_records_behind_them()
    {
        var store = Open();
        for (var i = 1; i <= 6; i++)
        {
            await store.AddAsync(NewShipment($"s-{i}"));
        }

        // s-2..s-4 are held by a live worker: not listed, and not in the way of s-5 and s-6.
        foreach (var id in new[] { "s-2", "s-3", "s-4" })
        {
            Assert.NotNull(await store.TryClaimAsync(id, Lease));
        }

        var first = await store.ListResumableAsync(1);
        var second = await store.ListResumableAsync(1, first.ContinuationToken);
        var rest = await Open().ListResumableAsync(10, second.ContinuationToken);

        Assert.Equal(["s-1"], first.Records.Select(r => r.ShipmentId));
        Assert.Equal(["s-5"], second.Records.Select(r => r.ShipmentId));
        Assert.Equal(["s-6"], rest.Records.Select(r => r.ShipmentId));
        Assert.Null(rest.ContinuationToken);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("-5")]
    [InlineData("")]
    public async Task A_cursor_the_store_did_not_make_is_refused_naming_the_continuation_token(string token)
    {
        var store = Open();

        var refused = await Assert.ThrowsAsync<PlatformValidationException>(async () => await store.ListResumableAsync(10, token));

        Assert.Equal("continuationToken", refused.Field);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_with_a_validation_exception_naming_the_field()
    {
        var store = Open();

        var blankId = await Assert.ThrowsAsync<PlatformSdk.Errors.PlatformValidationException>(async () => await store.AddAsync(NewShipment(" ")));
        var noLease = await Assert.ThrowsAsync<PlatformSdk.Errors.PlatformValidationException>(async () => await store.TryClaimAsync("s-1", TimeSpan.Zero));
        var noRecords = await Assert.ThrowsAsync<PlatformSdk.Errors.PlatformValidationException>(async () => await store.ListResumableAsync(0));

        Assert.Equal("shipment.ShipmentId", blankId.Field);
        Assert.Equal("lease", noLease.Field);
        Assert.Equal("maxRecords", noRecords.Field);
    }

    private static void AssertSameShipment(Shipment expected, Shipment actual)
    {
        Assert.Equal(expected.ShipmentId, actual.ShipmentId);
        Assert.Equal(expected.Platform, actual.Platform);
        Assert.Equal(expected.Shop, actual.Shop);
        Assert.Equal(expected.OrderId, actual.OrderId);
        Assert.Equal(expected.SubOrderIds, actual.SubOrderIds);
        Assert.Equal(expected.CarrierId, actual.CarrierId);
        Assert.Equal(expected.Packages.Select(p => p.TrackingNumber), actual.Packages.Select(p => p.TrackingNumber));
        Assert.Equal(expected.Packages.Select(p => p.SubOrderIds ?? []), actual.Packages.Select(p => p.SubOrderIds ?? []));
        Assert.Equal(expected.MergedOrderIds, actual.MergedOrderIds);
        Assert.Equal(expected.ReceiverAddress, actual.ReceiverAddress);
        Assert.Equal(expected.ShippedAt, actual.ShippedAt);
        Assert.Equal(expected.ShippedAt?.Offset, actual.ShippedAt?.Offset);
    }
}
