using System.Text;

namespace PlatformSdk.Inbox.Tests;

/// <summary>The receivers' one rule for keeping a push: a store failure is "not stored", a caller's cancellation is thrown.</summary>
public sealed class PushInboxStorageTests
{
    private static InboxPush Push(string key) => new()
    {
        Source = "Jushuitan", Kind = "logistics", DeduplicationKey = key, Body = Encoding.UTF8.GetBytes("{}"), ReceivedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task A_store_that_throws_anything_is_reported_as_not_stored_with_the_failure()
    {
        var failing = new FailingInbox(new TimeoutException("disk stalled"));

        var stored = await failing.TryStoreAsync(Push("a"));
        var dead = await failing.TryDeadLetterAsync(Push("b"), "unknown kind");

        Assert.False(stored.IsStored);
        Assert.IsType<TimeoutException>(stored.Failure);
        Assert.False(dead.IsStored);
    }

    [Fact]
    public async Task A_cancellation_by_the_caller_is_thrown_not_reported_as_a_store_failure()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var inbox = new FailingInbox(new OperationCanceledException(cancelled.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inbox.TryStoreAsync(Push("a"), cancelled.Token).AsTask());
        // A cancellation the caller did not ask for (the store's own timeout) is a store failure like any other.
        Assert.False((await inbox.TryStoreAsync(Push("a"))).IsStored);
    }

    [Fact]
    public void The_dead_letter_key_is_the_kind_and_the_hash_of_the_bytes()
    {
        var key = PushInboxStorage.DeadLetterKey("qimen.x", "abc"u8);

        Assert.Equal("dead|qimen.x|BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", key);
        Assert.NotEqual(key, PushInboxStorage.DeadLetterKey("qimen.y", "abc"u8));
    }

    private sealed class FailingInbox(Exception failure) : IPushInbox
    {
        public ValueTask<InboxStoreResult> StoreAsync(InboxPush push, CancellationToken cancellationToken = default) => throw failure;

        public ValueTask<InboxStoreResult> DeadLetterAsync(InboxPush push, string reason, CancellationToken cancellationToken = default) => throw failure;

        public ValueTask<IReadOnlyList<InboxMessage>> LeaseAsync(int maxMessages, TimeSpan leaseDuration, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> CompleteAsync(InboxMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> AbandonAsync(InboxMessage message, string reason, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<InboxMessage>> ListDeadLettersAsync(int maxMessages, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> ReplayAsync(string messageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<int> PurgeCompletedAsync(DateTimeOffset completedBefore, int maxMessages, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
