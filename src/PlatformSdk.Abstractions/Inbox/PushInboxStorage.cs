using System.Security.Cryptography;

namespace PlatformSdk.Inbox;

/// <summary>What a receiver's attempt to keep a push came to: stored (new or a redelivery), or not stored.</summary>
/// <param name="Result">The store's result when the push is kept; <see langword="default"/> otherwise.</param>
/// <param name="Failure">Why it is not kept (the store failed); <see langword="null"/> when it is.</param>
public readonly record struct PushStoreAttempt(InboxStoreResult Result, Exception? Failure)
{
    /// <summary>Whether the push is kept, so the platform may be told so.</summary>
    public bool IsStored => Failure is null;
}

/// <summary>
/// The one rule every push receiver follows when it keeps a push: whatever the store throws (caller cancellation aside), the
/// push is not kept, so the receiver must answer the platform with a failure that asks for redelivery, never success. A
/// receiver calls these instead of catching around <see cref="IPushInbox.StoreAsync"/> itself.
/// </summary>
public static class PushInboxStorage
{
    /// <summary>Stores a push, turning any store failure into a not-stored attempt.</summary>
    /// <param name="inbox">The inbox.</param>
    /// <param name="push">The push.</param>
    /// <param name="cancellationToken">Cancels the call; a cancellation by the caller is thrown, not reported as a failure.</param>
    /// <returns>The attempt.</returns>
    public static async ValueTask<PushStoreAttempt> TryStoreAsync(this IPushInbox inbox, InboxPush push, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(push);
        try
        {
            return new PushStoreAttempt(await inbox.StoreAsync(push, cancellationToken).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever the store throws, the answer is the same: not stored, deliver again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new PushStoreAttempt(default, ex);
        }
    }

    /// <summary>Keeps an authentic push that cannot be handled among the dead letters, turning any store failure into a not-stored attempt.</summary>
    /// <param name="inbox">The inbox.</param>
    /// <param name="push">The push (see <see cref="DeadLetterKey"/> for its deduplication key).</param>
    /// <param name="reason">Why it cannot be handled (no secrets).</param>
    /// <param name="cancellationToken">Cancels the call; a cancellation by the caller is thrown, not reported as a failure.</param>
    /// <returns>The attempt.</returns>
    public static async ValueTask<PushStoreAttempt> TryDeadLetterAsync(this IPushInbox inbox, InboxPush push, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(push);
        ArgumentNullException.ThrowIfNull(reason);
        try
        {
            return new PushStoreAttempt(await inbox.DeadLetterAsync(push, reason, cancellationToken).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Not kept: ask for redelivery, as for a failed store.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new PushStoreAttempt(default, ex);
        }
    }

    /// <summary>
    /// The deduplication key of a dead letter: its kind and the SHA-256 of the bytes that cannot be handled, so a redelivery of
    /// the same bytes is kept once however often it comes.
    /// </summary>
    /// <param name="kind">What the push claims to be (a method name, a message type).</param>
    /// <param name="content">The bytes that cannot be handled.</param>
    /// <returns>The key.</returns>
    public static string DeadLetterKey(string kind, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return "dead|" + kind + "|" + Convert.ToHexString(SHA256.HashData(content));
    }
}
