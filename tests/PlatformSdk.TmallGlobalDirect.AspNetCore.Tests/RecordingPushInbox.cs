using PlatformSdk.Inbox;

namespace PlatformSdk.TmallGlobalDirect.AspNetCore.Tests;

/// <summary>A thread-safe test double of the inbox: dedup by (source, key), dead letters kept, and the first N stores made to fail.</summary>
internal sealed class RecordingPushInbox : IPushInbox
{
    private readonly object _gate = new();
    private readonly Dictionary<(string, string), string> _ids = [];
    private readonly List<InboxPush> _stored = [];
    private readonly List<InboxPush> _deadLetters = [];
    private int _failuresLeft;

    /// <summary>How many of the next stores (and dead-letter calls) throw, as a store that is down would.</summary>
    public int FailNextStores
    {
        set
        {
            lock (_gate)
            {
                _failuresLeft = value;
            }
        }
    }

    public int StoreCalls { get; private set; }

    public IReadOnlyList<InboxPush> Stored
    {
        get
        {
            lock (_gate)
            {
                return [.. _stored];
            }
        }
    }

    public IReadOnlyList<InboxPush> DeadLetters
    {
        get
        {
            lock (_gate)
            {
                return [.. _deadLetters];
            }
        }
    }

    public ValueTask<InboxStoreResult> StoreAsync(InboxPush push, CancellationToken cancellationToken = default) => Keep(push, _stored, "m-");

    public ValueTask<InboxStoreResult> DeadLetterAsync(InboxPush push, string reason, CancellationToken cancellationToken = default) => Keep(push, _deadLetters, "d-");

    private ValueTask<InboxStoreResult> Keep(InboxPush push, List<InboxPush> into, string prefix)
    {
        lock (_gate)
        {
            StoreCalls++;
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                throw new IOException("the store is down");
            }

            if (_ids.TryGetValue((push.Source, push.DeduplicationKey), out var id))
            {
                return ValueTask.FromResult(new InboxStoreResult(id, true));
            }

            id = prefix + (_ids.Count + 1);
            _ids[(push.Source, push.DeduplicationKey)] = id;
            into.Add(push);
            return ValueTask.FromResult(new InboxStoreResult(id, false));
        }
    }

    public ValueTask<IReadOnlyList<InboxMessage>> LeaseAsync(int maxMessages, TimeSpan leaseDuration, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<bool> CompleteAsync(InboxMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<bool> AbandonAsync(InboxMessage message, string reason, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<IReadOnlyList<InboxMessage>> ListDeadLettersAsync(int maxMessages, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<bool> ReplayAsync(string messageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<int> PurgeCompletedAsync(DateTimeOffset completedBefore, int maxMessages, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
