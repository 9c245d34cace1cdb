using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Inbox.Sqlite;

namespace PlatformSdk.Inbox.Tests;

/// <summary>The two ways to drain an inbox (an async stream with explicit complete/abandon, and a handler), on a real SQLite file.</summary>
public sealed class PushInboxReaderTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "platformsdk-reader-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));
    private readonly SqlitePushInbox _inbox;

    public PushInboxReaderTests()
    {
        _inbox = new SqlitePushInbox(new SqlitePushInboxOptions { Path = _path, TimeProvider = _time, MaxDeliveries = 3 });
    }

    public void Dispose()
    {
        _inbox.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    private PushInboxReadOptions Drain(int batchSize = 16) => new()
    {
        BatchSize = batchSize,
        LeaseDuration = Lease,
        StopWhenEmpty = true,
        TimeProvider = _time,
    };

    private async Task<string[]> StoreAsync(int count)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = (await _inbox.StoreAsync(new InboxPush
            {
                Source = "TmallGlobalDirect",
                Kind = "qimen.alibaba.ascp.uop.consignorder.notify",
                DeduplicationKey = "order-" + i,
                Body = Encoding.UTF8.GetBytes("<request><bizOrderCode>order-" + i + "</bizOrderCode></request>"),
                ReceivedAt = _time.GetUtcNow(),
            })).MessageId;
        }

        return ids;
    }

    [Fact]
    public async Task ProcessAsync_hands_every_message_to_the_handler_once_and_completes_it()
    {
        var ids = await StoreAsync(40);
        var seen = new List<string>();

        var result = await _inbox.ProcessAsync((message, _) =>
        {
            seen.Add(message.MessageId);
            return ValueTask.CompletedTask;
        }, Drain(batchSize: 7));

        Assert.Equal(new PushInboxProcessResult(40, 0, 0), result);
        Assert.Equal(ids, seen);
        Assert.Empty(await _inbox.LeaseAsync(100, Lease));
    }

    [Fact]
    public async Task ProcessAsync_gives_a_failed_message_back_with_the_reason_and_dead_letters_it_after_MaxDeliveries()
    {
        var ids = await StoreAsync(2);
        var deliveries = new List<(string Id, int Count, string? LastError)>();

        var result = await _inbox.ProcessAsync((message, _) =>
        {
            deliveries.Add((message.MessageId, message.DeliveryCount, message.LastError));
            return message.MessageId == ids[0]
                ? throw new InvalidOperationException("warehouse system is down")
                : ValueTask.CompletedTask;
        }, Drain());

        Assert.Equal(new PushInboxProcessResult(Completed: 1, Abandoned: 3, LeasesLost: 0), result);
        var failing = deliveries.Where(d => d.Id == ids[0]).ToArray();
        Assert.Equal([1, 2, 3], failing.Select(d => d.Count));
        Assert.Equal("InvalidOperationException: warehouse system is down", failing[^1].LastError);
        var dead = Assert.Single(await _inbox.ListDeadLettersAsync(10));
        Assert.Equal(ids[0], dead.MessageId);
    }

    [Fact]
    public async Task ReadAllAsync_leaves_completion_to_the_caller_and_what_it_did_not_complete_comes_back_after_the_lease()
    {
        var ids = await StoreAsync(3);
        var first = new List<InboxMessage>();
        await foreach (var message in _inbox.ReadAllAsync(Drain()))
        {
            first.Add(message);
            if (message.MessageId != ids[1])
            {
                Assert.True(await _inbox.CompleteAsync(message));
            }
        }

        Assert.Equal(ids, first.Select(m => m.MessageId));
        Assert.Empty(await _inbox.LeaseAsync(10, Lease));

        _time.Advance(Lease);
        var again = Assert.Single(await _inbox.LeaseAsync(10, Lease));
        Assert.Equal(ids[1], again.MessageId);
        Assert.Equal(2, again.DeliveryCount);
    }

    [Fact]
    public async Task ReadAllAsync_stopped_early_gives_the_leased_messages_it_never_handed_out_back_at_once()
    {
        var ids = await StoreAsync(5);
        await foreach (var message in _inbox.ReadAllAsync(Drain(batchSize: 5)))
        {
            Assert.True(await _inbox.CompleteAsync(message));
            break;
        }

        // No clock advance: the four unseen messages are ready now, not after the five-minute lease.
        var ready = await _inbox.LeaseAsync(10, Lease);
        Assert.Equal(ids[1..], ready.Select(m => m.MessageId));
    }

    [Fact]
    public async Task ReadAllAsync_skips_a_message_whose_lease_ended_before_its_turn_and_hands_it_out_again_under_a_new_lease()
    {
        var ids = await StoreAsync(2);
        var handed = new List<InboxMessage>();
        await foreach (var message in _inbox.ReadAllAsync(Drain(batchSize: 2)))
        {
            handed.Add(message);
            if (handed.Count == 1)
            {
                // The caller was slow: the whole batch's lease has ended before it asks for the next message.
                _time.Advance(Lease);
                continue;
            }

            Assert.True(await _inbox.CompleteAsync(message));
        }

        Assert.Equal([(ids[0], 1), (ids[0], 2), (ids[1], 2)], handed.Select(m => (m.MessageId, m.DeliveryCount)));
        Assert.False(await _inbox.CompleteAsync(handed[0]), "The first lease's token is stale.");
    }

    [Fact]
    public async Task ProcessAsync_cancelled_while_handling_throws_and_gives_the_message_back()
    {
        var ids = await StoreAsync(1);
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _inbox.ProcessAsync((_, token) =>
        {
            cancellation.Cancel();
            token.ThrowIfCancellationRequested();
            return ValueTask.CompletedTask;
        }, Drain(), cancellation.Token));

        var back = Assert.Single(await _inbox.LeaseAsync(10, Lease));
        Assert.Equal(ids[0], back.MessageId);
        Assert.Equal("Handling was cancelled.", back.LastError);
    }

    [Fact]
    public async Task Without_StopWhenEmpty_the_reader_waits_on_the_injected_clock_and_picks_up_a_push_stored_later()
    {
        var counting = new LeaseCountingInbox(_inbox);
        using var cancellation = new CancellationTokenSource();
        var options = Drain();
        options.StopWhenEmpty = false;
        options.PollInterval = TimeSpan.FromSeconds(2);
        var handled = new TaskCompletionSource<InboxMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processing = counting.ProcessAsync((message, _) =>
        {
            handled.TrySetResult(message);
            return ValueTask.CompletedTask;
        }, options, cancellation.Token);

        await counting.FirstEmptyLease.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var ids = await StoreAsync(1);
        Assert.False(handled.Task.IsCompleted, "Nothing is read before the poll interval passes on the injected clock.");

        // The poll wait may register just after the first lease returns: advance until the reader has asked again.
        for (var step = 0; step < 600 && !handled.Task.IsCompleted; step++)
        {
            _time.Advance(options.PollInterval);
            await Task.WhenAny(handled.Task, Task.Delay(50));
        }

        Assert.Equal(ids[0], (await handled.Task.WaitAsync(TimeSpan.FromSeconds(1))).MessageId);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => processing);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1001, 60)]
    [InlineData(1, 0)]
    public async Task Out_of_range_read_options_are_refused_before_any_lease(int batchSize, int leaseSeconds)
    {
        var counting = new LeaseCountingInbox(_inbox);
        var options = new PushInboxReadOptions { BatchSize = batchSize, LeaseDuration = TimeSpan.FromSeconds(leaseSeconds), StopWhenEmpty = true };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => counting.ProcessAsync((_, _) => ValueTask.CompletedTask, options));
        Assert.Equal(0, counting.Leases);
    }

    private sealed class LeaseCountingInbox(IPushInbox inner) : IPushInbox
    {
        private int _leases;

        public int Leases => Volatile.Read(ref _leases);

        public TaskCompletionSource FirstEmptyLease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<IReadOnlyList<InboxMessage>> LeaseAsync(int maxMessages, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _leases);
            var batch = await inner.LeaseAsync(maxMessages, leaseDuration, cancellationToken);
            if (batch.Count == 0)
            {
                FirstEmptyLease.TrySetResult();
            }

            return batch;
        }

        public ValueTask<InboxStoreResult> StoreAsync(InboxPush push, CancellationToken cancellationToken = default) => inner.StoreAsync(push, cancellationToken);

        public ValueTask<bool> CompleteAsync(InboxMessage message, CancellationToken cancellationToken = default) => inner.CompleteAsync(message, cancellationToken);

        public ValueTask<bool> AbandonAsync(InboxMessage message, string reason, CancellationToken cancellationToken = default) => inner.AbandonAsync(message, reason, cancellationToken);

        public ValueTask<InboxStoreResult> DeadLetterAsync(InboxPush push, string reason, CancellationToken cancellationToken = default) => inner.DeadLetterAsync(push, reason, cancellationToken);

        public ValueTask<IReadOnlyList<InboxMessage>> ListDeadLettersAsync(int maxMessages, CancellationToken cancellationToken = default) => inner.ListDeadLettersAsync(maxMessages, cancellationToken);

        public ValueTask<bool> ReplayAsync(string messageId, CancellationToken cancellationToken = default) => inner.ReplayAsync(messageId, cancellationToken);

        public ValueTask<int> PurgeCompletedAsync(DateTimeOffset completedBefore, int maxMessages, CancellationToken cancellationToken = default) => inner.PurgeCompletedAsync(completedBefore, maxMessages, cancellationToken);
    }
}
