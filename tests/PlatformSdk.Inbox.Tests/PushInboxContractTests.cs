using System.Text;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;

namespace PlatformSdk.Inbox.Tests;

/// <summary>
/// What every <see cref="IPushInbox"/> store must do. A store's test class inherits this and says how to open an instance on
/// the test's own storage; <see cref="Open"/> called twice opens a second instance on the same storage (a restart, or a second
/// process).
/// </summary>
public abstract class PushInboxContractTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly List<IPushInbox> _opened = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Opens an instance on this test's storage.</summary>
    protected abstract IPushInbox OpenStore(TimeProvider time, int maxDeliveries);

    /// <summary>Removes this test's storage once every instance is closed.</summary>
    protected abstract Task DeleteStorageAsync();

    protected IPushInbox Open(int maxDeliveries = 10)
    {
        var inbox = OpenStore(Time, maxDeliveries);
        _opened.Add(inbox);
        return inbox;
    }

    protected static async Task CloseAsync(IPushInbox inbox)
    {
        switch (inbox)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var inbox in _opened)
        {
            await CloseAsync(inbox);
        }

        await DeleteStorageAsync();
    }

    protected InboxPush Push(string key, string source = "TmallGlobalDirect", string? body = null) => new()
    {
        Source = source,
        Kind = "qimen.alibaba.ascp.uop.consignorder.notify",
        DeduplicationKey = key,
        Body = Encoding.UTF8.GetBytes(body ?? $"<request><bizOrderCode>{key}</bizOrderCode></request>"),
        ContentType = "text/xml; charset=utf-8",
        ReceivedAt = Time.GetUtcNow(),
    };

    [Fact]
    public async Task A_stored_push_is_leased_with_its_id_body_and_first_delivery()
    {
        var inbox = Open();
        var stored = await inbox.StoreAsync(Push("order-1"));

        var leased = Assert.Single(await inbox.LeaseAsync(10, Lease));

        Assert.False(stored.IsDuplicate);
        Assert.Equal(stored.MessageId, leased.MessageId);
        Assert.Equal(1, leased.DeliveryCount);
        Assert.Equal("order-1", leased.Push.DeduplicationKey);
        Assert.Equal("TmallGlobalDirect", leased.Push.Source);
        Assert.Equal("qimen.alibaba.ascp.uop.consignorder.notify", leased.Push.Kind);
        Assert.Equal("text/xml; charset=utf-8", leased.Push.ContentType);
        Assert.Equal(Time.GetUtcNow(), leased.Push.ReceivedAt);
        Assert.Equal(Time.GetUtcNow() + Lease, leased.LeasedUntil);
        Assert.False(string.IsNullOrEmpty(leased.LeaseToken));
        Assert.True(await inbox.CompleteAsync(leased));
        Assert.Empty(await inbox.LeaseAsync(10, Lease));
    }

    [Fact]
    public async Task Messages_are_leased_oldest_first_and_at_most_the_number_asked()
    {
        var inbox = Open();
        for (var i = 0; i < 5; i++)
        {
            await inbox.StoreAsync(Push("order-" + i));
        }

        var first = await inbox.LeaseAsync(3, Lease);
        var rest = await inbox.LeaseAsync(10, Lease);

        Assert.Equal(["order-0", "order-1", "order-2"], first.Select(m => m.Push.DeduplicationKey));
        Assert.Equal(["order-3", "order-4"], rest.Select(m => m.Push.DeduplicationKey));
    }

    [Fact]
    public async Task A_redelivered_push_is_a_duplicate_with_the_same_id_and_no_second_message()
    {
        var inbox = Open();
        var first = await inbox.StoreAsync(Push("order-1"));
        var again = await inbox.StoreAsync(Push("order-1", body: "<request>redelivered</request>"));

        Assert.True(again.IsDuplicate);
        Assert.Equal(first.MessageId, again.MessageId);
        var leased = Assert.Single(await inbox.LeaseAsync(10, Lease));
        Assert.Equal("<request><bizOrderCode>order-1</bizOrderCode></request>", Encoding.UTF8.GetString(leased.Push.Body.Span));
    }

    [Fact]
    public async Task A_redelivery_after_completion_is_still_a_duplicate_and_not_handed_out_again()
    {
        var inbox = Open();
        var first = await inbox.StoreAsync(Push("order-1"));
        Assert.True(await inbox.CompleteAsync(Assert.Single(await inbox.LeaseAsync(1, Lease))));

        var again = await inbox.StoreAsync(Push("order-1"));

        Assert.Equal(new InboxStoreResult(first.MessageId, IsDuplicate: true), again);
        Assert.Empty(await inbox.LeaseAsync(10, Lease));
    }

    [Fact]
    public async Task The_same_key_from_another_source_is_another_message()
    {
        var inbox = Open();
        var tmall = await inbox.StoreAsync(Push("42", source: "TmallGlobalDirect"));
        var jushuitan = await inbox.StoreAsync(Push("42", source: "Jushuitan"));

        Assert.False(jushuitan.IsDuplicate);
        Assert.NotEqual(tmall.MessageId, jushuitan.MessageId);
        Assert.Equal(2, (await inbox.LeaseAsync(10, Lease)).Count);
    }

    [Fact]
    public async Task A_leased_message_is_not_leased_again_while_its_lease_lasts()
    {
        var inbox = Open();
        await inbox.StoreAsync(Push("order-1"));
        await inbox.StoreAsync(Push("order-2"));
        var first = Assert.Single(await inbox.LeaseAsync(1, Lease));

        Time.Advance(Lease - TimeSpan.FromSeconds(1));
        var second = Assert.Single(await inbox.LeaseAsync(10, Lease));

        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.Empty(await inbox.LeaseAsync(10, Lease));
    }

    [Fact]
    public async Task An_expired_lease_hands_the_message_out_again_with_the_same_id_and_delivery_count_two()
    {
        var inbox = Open();
        var stored = await inbox.StoreAsync(Push("order-1"));
        var first = Assert.Single(await inbox.LeaseAsync(1, Lease));

        Time.Advance(Lease);
        var second = Assert.Single(await inbox.LeaseAsync(1, Lease));

        Assert.Equal(stored.MessageId, second.MessageId);
        Assert.Equal(2, second.DeliveryCount);
        Assert.NotEqual(first.LeaseToken, second.LeaseToken);
    }

    [Fact]
    public async Task A_stale_lease_token_can_neither_complete_nor_abandon()
    {
        var inbox = Open();
        await inbox.StoreAsync(Push("order-1"));
        var first = Assert.Single(await inbox.LeaseAsync(1, Lease));
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var second = Assert.Single(await inbox.LeaseAsync(1, Lease));

        Assert.False(await inbox.CompleteAsync(first));
        Assert.False(await inbox.AbandonAsync(first, "late"));
        Assert.True(await inbox.CompleteAsync(second));
        Assert.False(await inbox.CompleteAsync(second));
        Time.Advance(Lease * 2);
        Assert.Empty(await inbox.LeaseAsync(10, Lease));
    }

    [Fact]
    public async Task An_abandoned_message_is_ready_again_at_once_with_its_reason()
    {
        var inbox = Open();
        await inbox.StoreAsync(Push("order-1"));
        var first = Assert.Single(await inbox.LeaseAsync(1, Lease));

        Assert.True(await inbox.AbandonAsync(first, "ERP offline"));
        var again = Assert.Single(await inbox.LeaseAsync(1, Lease));

        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(2, again.DeliveryCount);
        Assert.Equal("ERP offline", again.LastError);
    }

    [Fact]
    public async Task A_message_abandoned_MaxDeliveries_times_is_a_dead_letter_and_replay_makes_it_ready_with_the_count_reset()
    {
        var inbox = Open(maxDeliveries: 3);
        var stored = await inbox.StoreAsync(Push("poison"));
        await inbox.StoreAsync(Push("fine"));

        for (var delivery = 1; delivery <= 3; delivery++)
        {
            var message = (await inbox.LeaseAsync(10, Lease)).Single(m => m.MessageId == stored.MessageId);
            Assert.Equal(delivery, message.DeliveryCount);
            Assert.True(await inbox.AbandonAsync(message, "handler failed " + delivery));
        }

        Assert.Empty(await inbox.LeaseAsync(10, Lease));
        var dead = Assert.Single(await inbox.ListDeadLettersAsync(10));
        Assert.Equal(stored.MessageId, dead.MessageId);
        Assert.Equal(3, dead.DeliveryCount);
        Assert.Equal("handler failed 3", dead.LastError);
        Assert.Equal("poison", dead.Push.DeduplicationKey);

        Assert.True(await inbox.ReplayAsync(stored.MessageId));
        Assert.Empty(await inbox.ListDeadLettersAsync(10));
        var replayed = Assert.Single(await inbox.LeaseAsync(10, Lease));
        Assert.Equal(stored.MessageId, replayed.MessageId);
        Assert.Equal(1, replayed.DeliveryCount);
        Assert.False(await inbox.ReplayAsync(stored.MessageId));
        Assert.False(await inbox.ReplayAsync("no-such-message"));
    }

    [Fact]
    public async Task A_message_whose_lease_ends_MaxDeliveries_times_is_a_dead_letter()
    {
        var inbox = Open(maxDeliveries: 2);
        var stored = await inbox.StoreAsync(Push("crashes-the-handler"));
        Assert.Single(await inbox.LeaseAsync(1, Lease));
        Time.Advance(Lease);
        Assert.Equal(2, Assert.Single(await inbox.LeaseAsync(1, Lease)).DeliveryCount);
        Time.Advance(Lease);

        Assert.Empty(await inbox.LeaseAsync(1, Lease));
        Assert.Equal(stored.MessageId, Assert.Single(await inbox.ListDeadLettersAsync(10)).MessageId);
    }

    [Fact]
    public async Task DeadLetterAsync_stores_straight_into_the_dead_letters_and_deduplicates()
    {
        var inbox = Open();
        var stored = await inbox.DeadLetterAsync(Push("unknown-method"), "unknown method");
        var again = await inbox.DeadLetterAsync(Push("unknown-method"), "unknown method");
        var asPush = await inbox.StoreAsync(Push("unknown-method"));

        Assert.False(stored.IsDuplicate);
        Assert.Equal(new InboxStoreResult(stored.MessageId, IsDuplicate: true), again);
        Assert.Equal(new InboxStoreResult(stored.MessageId, IsDuplicate: true), asPush);
        Assert.Empty(await inbox.LeaseAsync(10, Lease));
        var dead = Assert.Single(await inbox.ListDeadLettersAsync(10));
        Assert.Equal("unknown method", dead.LastError);
        Assert.True(await inbox.ReplayAsync(stored.MessageId));
        Assert.Equal(stored.MessageId, Assert.Single(await inbox.LeaseAsync(10, Lease)).MessageId);
    }

    [Fact]
    public async Task Dead_letters_are_listed_oldest_first_and_at_most_the_number_asked()
    {
        var inbox = Open();
        for (var i = 0; i < 4; i++)
        {
            await inbox.DeadLetterAsync(Push("bad-" + i), "unparseable");
        }

        Assert.Equal(["bad-0", "bad-1"], (await inbox.ListDeadLettersAsync(2)).Select(m => m.Push.DeduplicationKey));
    }

    [Fact]
    public async Task A_restarted_store_keeps_every_message_and_hands_out_uncompleted_leases_after_they_end()
    {
        var before = Open();
        var done = await before.StoreAsync(Push("done"));
        var inFlight = await before.StoreAsync(Push("in-flight"));
        var waiting = await before.StoreAsync(Push("waiting"));
        var dead = await before.DeadLetterAsync(Push("dead"), "unparseable");
        var leased = await before.LeaseAsync(2, Lease);
        Assert.True(await before.CompleteAsync(leased.Single(m => m.MessageId == done.MessageId)));
        await CloseAsync(before);

        var after = Open();
        Assert.True((await after.StoreAsync(Push("done"))).IsDuplicate);
        var next = Assert.Single(await after.LeaseAsync(10, Lease));
        Assert.Equal(waiting.MessageId, next.MessageId);
        Assert.True(await after.CompleteAsync(next));
        Time.Advance(Lease);
        var redelivered = Assert.Single(await after.LeaseAsync(10, Lease));
        Assert.Equal(inFlight.MessageId, redelivered.MessageId);
        Assert.Equal(2, redelivered.DeliveryCount);
        Assert.Equal(dead.MessageId, Assert.Single(await after.ListDeadLettersAsync(10)).MessageId);
    }

    [Fact]
    public async Task Concurrent_stores_with_redeliveries_keep_each_push_exactly_once()
    {
        var inbox = Open();
        var pushes = Enumerable.Range(0, 180).Select(i => Push("order-" + i)).ToList();
        pushes.AddRange(Enumerable.Range(0, 20).Select(i => Push("order-" + (i * 9))));

        var results = await Task.WhenAll(pushes.Select(p => Task.Run(async () => await inbox.StoreAsync(p))));

        Assert.Equal(20, results.Count(r => r.IsDuplicate));
        var idsByKey = pushes.Zip(results).GroupBy(x => x.First.DeduplicationKey).ToList();
        Assert.Equal(180, idsByKey.Count);
        Assert.All(idsByKey, g => Assert.Single(g.Select(x => x.Second.MessageId).Distinct()));
        var leased = await inbox.LeaseAsync(1000, Lease);
        Assert.Equal(180, leased.Count);
        Assert.Equal(180, leased.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(
            idsByKey.Select(g => g.Key).Order(StringComparer.Ordinal),
            leased.Select(m => m.Push.DeduplicationKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Two_instances_on_one_storage_never_hold_the_same_message_at_once()
    {
        var one = Open();
        var two = Open();
        for (var i = 0; i < 20; i++)
        {
            await (i % 2 == 0 ? one : two).StoreAsync(Push("order-" + i));
        }

        var leases = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(async () => await (i % 2 == 0 ? one : two).LeaseAsync(3, Lease))));

        var ids = leases.SelectMany(l => l).Select(m => m.MessageId).ToList();
        Assert.Equal(20, ids.Count);
        Assert.Equal(20, ids.Distinct().Count());
        Assert.Empty(await one.LeaseAsync(10, Lease));
        Assert.Empty(await two.LeaseAsync(10, Lease));
        Assert.True((await two.StoreAsync(Push("order-0"))).IsDuplicate);
    }

    [Fact]
    public async Task Body_bytes_round_trip_exactly_including_bytes_that_are_not_UTF8()
    {
        var inbox = Open();
        byte[] body = [0x00, 0xFF, 0xFE, 0xC3, 0x28, 0x80, 0x3C, 0x61, 0x3E, 0xE4, 0xB8, 0xAD, 0x00];
        var gb18030 = new byte[256];
        for (var i = 0; i < gb18030.Length; i++)
        {
            gb18030[i] = (byte)i;
        }

        var slice = new ReadOnlyMemory<byte>(gb18030, 7, 100);
        await inbox.StoreAsync(new InboxPush { Source = "S", Kind = "k", DeduplicationKey = "raw", Body = body, ReceivedAt = Time.GetUtcNow() });
        await inbox.StoreAsync(new InboxPush { Source = "S", Kind = "k", DeduplicationKey = "slice", Body = slice, ReceivedAt = Time.GetUtcNow() });
        await inbox.StoreAsync(new InboxPush { Source = "S", Kind = "k", DeduplicationKey = "empty", Body = ReadOnlyMemory<byte>.Empty, ReceivedAt = Time.GetUtcNow() });

        var leased = (await inbox.LeaseAsync(10, Lease)).ToDictionary(m => m.Push.DeduplicationKey);

        Assert.Equal(body, leased["raw"].Push.Body.ToArray());
        Assert.Equal(slice.ToArray(), leased["slice"].Push.Body.ToArray());
        Assert.Empty(leased["empty"].Push.Body.ToArray());
        Assert.Null(leased["raw"].Push.ContentType);
    }

    [Fact]
    public async Task Attributes_and_the_received_time_offset_round_trip()
    {
        var inbox = Open();
        var receivedAt = new DateTimeOffset(2026, 11, 11, 8, 0, 0, 123, TimeSpan.FromHours(8)).AddTicks(4567);
        var attributes = new Dictionary<string, string>
        {
            ["customerId"] = "c-1",
            ["app_key"] = "12345",
            ["备注"] = "中文 \"quoted\" \n line",
            ["empty"] = string.Empty,
        };
        await inbox.StoreAsync(new InboxPush
        {
            Source = "TmallGlobalDirect",
            Kind = "k",
            DeduplicationKey = "with-attributes",
            Body = Encoding.UTF8.GetBytes("x"),
            ReceivedAt = receivedAt,
            Attributes = attributes,
        });
        await inbox.StoreAsync(Push("without-attributes"));

        var leased = (await inbox.LeaseAsync(10, Lease)).ToDictionary(m => m.Push.DeduplicationKey);

        Assert.Equal(attributes, leased["with-attributes"].Push.Attributes);
        Assert.Equal(receivedAt, leased["with-attributes"].Push.ReceivedAt);
        Assert.Equal(receivedAt.Offset, leased["with-attributes"].Push.ReceivedAt.Offset);
        Assert.True(leased["without-attributes"].Push.Attributes is null or { Count: 0 });
    }

    [Fact]
    public async Task Bad_arguments_are_refused_with_a_validation_exception_naming_the_field()
    {
        var inbox = Open();

        var blankKey = await Assert.ThrowsAsync<PlatformValidationException>(async () => await inbox.StoreAsync(Push(" ")));
        var noMessages = await Assert.ThrowsAsync<PlatformValidationException>(async () => await inbox.LeaseAsync(0, Lease));
        var noLease = await Assert.ThrowsAsync<PlatformValidationException>(async () => await inbox.LeaseAsync(1, TimeSpan.Zero));

        Assert.Equal("push.DeduplicationKey", blankKey.Field);
        Assert.Equal("maxMessages", noMessages.Field);
        Assert.Equal("leaseDuration", noLease.Field);
    }

    [Fact]
    public async Task Purging_deletes_only_messages_completed_before_the_cutoff_and_frees_their_deduplication()
    {
        var inbox = Open();
        foreach (var key in new[] { "old-1", "old-2", "recent", "ready", "leased" })
        {
            await inbox.StoreAsync(Push(key));
        }

        await inbox.DeadLetterAsync(Push("dead"), "poison");
        var all = (await inbox.LeaseAsync(10, Lease)).ToDictionary(m => m.Push.DeduplicationKey);
        Assert.True(await inbox.CompleteAsync(all["old-1"]));
        Assert.True(await inbox.CompleteAsync(all["old-2"]));
        Assert.True(await inbox.AbandonAsync(all["ready"], "try again"));
        Time.Advance(TimeSpan.FromDays(8));
        Assert.True(await inbox.CompleteAsync(all["recent"]));
        var cutoff = Time.GetUtcNow() - TimeSpan.FromDays(7);

        Assert.Equal(1, await inbox.PurgeCompletedAsync(cutoff, 1));
        Assert.Equal(1, await inbox.PurgeCompletedAsync(cutoff, 100));
        Assert.Equal(0, await inbox.PurgeCompletedAsync(cutoff, 100));

        // Purged: a redelivery is new again. Completed later: still a duplicate. Ready, leased and dead: untouched.
        Assert.False((await inbox.StoreAsync(Push("old-1"))).IsDuplicate);
        Assert.True((await inbox.StoreAsync(Push("recent"))).IsDuplicate);
        Assert.True((await inbox.StoreAsync(Push("ready"))).IsDuplicate);
        Assert.True((await inbox.StoreAsync(Push("leased"))).IsDuplicate);
        Assert.Equal("dead", Assert.Single(await inbox.ListDeadLettersAsync(10)).Push.DeduplicationKey);
        Assert.True(await inbox.CompleteAsync(all["leased"]), "a purge never touches a leased message");
    }

    [Fact]
    public async Task A_purge_with_an_out_of_range_batch_is_refused_naming_the_field()
    {
        var inbox = Open();

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(async () => await inbox.PurgeCompletedAsync(Time.GetUtcNow(), 0));

        Assert.Equal("maxMessages", ex.Field);
    }
}
