using PlatformSdk.Inbox;

namespace PlatformSdk.TmallGlobalDirect.Tests;

/// <summary>A test double with the contract's semantics that matter here: dedup by (source, key), dead letters kept, a switch to fail.</summary>
internal sealed class InMemoryPushInbox : IPushInbox
{
    private readonly Dictionary<(string, string), string> _ids = [];

    public List<InboxPush> Stored { get; } = [];

    public List<(InboxPush Push, string Reason)> DeadLetters { get; } = [];

    public bool FailStores { get; set; }

    public ValueTask<InboxStoreResult> StoreAsync(InboxPush push, CancellationToken cancellationToken = default)
    {
        if (FailStores)
        {
            throw new IOException("disk full");
        }

        if (_ids.TryGetValue((push.Source, push.DeduplicationKey), out var id))
        {
            return ValueTask.FromResult(new InboxStoreResult(id, true));
        }

        id = "m-" + (_ids.Count + 1);
        _ids[(push.Source, push.DeduplicationKey)] = id;
        Stored.Add(push);
        return ValueTask.FromResult(new InboxStoreResult(id, false));
    }

    public ValueTask<InboxStoreResult> DeadLetterAsync(InboxPush push, string reason, CancellationToken cancellationToken = default)
    {
        if (FailStores)
        {
            throw new IOException("disk full");
        }

        if (_ids.TryGetValue((push.Source, push.DeduplicationKey), out var id))
        {
            return ValueTask.FromResult(new InboxStoreResult(id, true));
        }

        id = "d-" + (_ids.Count + 1);
        _ids[(push.Source, push.DeduplicationKey)] = id;
        DeadLetters.Add((push, reason));
        return ValueTask.FromResult(new InboxStoreResult(id, false));
    }

    public ValueTask<IReadOnlyList<InboxMessage>> LeaseAsync(int maxMessages, TimeSpan leaseDuration, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<bool> CompleteAsync(InboxMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<bool> AbandonAsync(InboxMessage message, string reason, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<IReadOnlyList<InboxMessage>> ListDeadLettersAsync(int maxMessages, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<bool> ReplayAsync(string messageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<int> PurgeCompletedAsync(DateTimeOffset completedBefore, int maxMessages, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
