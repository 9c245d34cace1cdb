namespace PlatformSdk.Inbox;

/// <summary>
/// Where a receiver puts every push before it answers the platform: once <see cref="StoreAsync"/> returns, the push is durable
/// (it survives a crash of this process and, for shared stores, of the store's server as configured), so acknowledging it
/// cannot lose it. A redelivery of the same push (same <see cref="InboxPush.DeduplicationKey"/>) is recognised and not stored
/// twice. The ERP drains the inbox at its own pace with leases; what it took but did not complete is handed out again after
/// the lease ends, with the same <see cref="InboxMessage.MessageId"/> and a higher <see cref="InboxMessage.DeliveryCount"/>.
/// </summary>
public interface IPushInbox
{
    /// <summary>Stores a push durably, or recognises it as one already stored.</summary>
    /// <param name="push">The push.</param>
    /// <param name="cancellationToken">Cancels the call; a cancelled call may still have stored the push (redelivery then finds it).</param>
    /// <returns>Whether it was new, and its message id either way.</returns>
    ValueTask<InboxStoreResult> StoreAsync(InboxPush push, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="maxMessages"/> messages that are ready (new, abandoned, or whose lease ended), oldest first,
    /// and leases them for <paramref name="leaseDuration"/>: no other caller gets them until the lease ends.
    /// </summary>
    /// <param name="maxMessages">At most this many; at least 1.</param>
    /// <param name="leaseDuration">How long the caller has to complete them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The leased messages; empty when none is ready.</returns>
    ValueTask<IReadOnlyList<InboxMessage>> LeaseAsync(int maxMessages, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Marks a leased message handled: it is never handed out again.</summary>
    /// <param name="message">A message from <see cref="LeaseAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the lease had already ended and the message went to someone else (or was completed).</returns>
    ValueTask<bool> CompleteAsync(InboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives a leased message back because handling it failed: it is ready again at once, or moves to the dead letters once it
    /// has been delivered <c>MaxDeliveries</c> times.
    /// </summary>
    /// <param name="message">A message from <see cref="LeaseAsync"/>.</param>
    /// <param name="reason">Why handling failed (kept with the message; no secrets).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the lease had already ended.</returns>
    ValueTask<bool> AbandonAsync(InboxMessage message, string reason, CancellationToken cancellationToken = default);

    /// <summary>Stores a push that cannot be handled (unknown method, unparseable body) straight into the dead letters, so it is kept, not dropped.</summary>
    /// <param name="push">The push as received.</param>
    /// <param name="reason">Why it cannot be handled.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was new, and its message id either way.</returns>
    ValueTask<InboxStoreResult> DeadLetterAsync(InboxPush push, string reason, CancellationToken cancellationToken = default);

    /// <summary>Lists dead letters, oldest first.</summary>
    /// <param name="maxMessages">At most this many.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letters.</returns>
    ValueTask<IReadOnlyList<InboxMessage>> ListDeadLettersAsync(int maxMessages, CancellationToken cancellationToken = default);

    /// <summary>Makes a dead letter ready again (after the cause was fixed), with its delivery count reset.</summary>
    /// <param name="messageId">The dead letter's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when no dead letter has that id.</returns>
    ValueTask<bool> ReplayAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes up to <paramref name="maxMessages"/> messages completed before <paramref name="completedBefore"/>, oldest first,
    /// with their deduplication entries, so the store does not grow without end. A redelivery of a purged push is stored again
    /// as new: purge only what is older than the longest time the platform may still redeliver (days, not minutes). Ready,
    /// leased and dead-lettered messages are never purged.
    /// </summary>
    /// <param name="completedBefore">Only messages completed before this instant.</param>
    /// <param name="maxMessages">At most this many in one call (1 to 10,000); call again while it returns that many.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were deleted.</returns>
    ValueTask<int> PurgeCompletedAsync(DateTimeOffset completedBefore, int maxMessages, CancellationToken cancellationToken = default);
}

/// <summary>One push as received, to store.</summary>
public sealed class InboxPush
{
    /// <summary>The platform that pushed it, for example <c>TmallGlobalDirect</c> or <c>Jushuitan</c>.</summary>
    public required string Source { get; init; }

    /// <summary>What it is, for example the Qimen <c>method</c> (<c>qimen.alibaba.ascp.uop.consignorder.notify</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>
    /// What makes a redelivery the same push, for example <c>method + bizOrderCode</c> or the platform's own message id. Two
    /// pushes with one key from one <see cref="Source"/> are one message.
    /// </summary>
    public required string DeduplicationKey { get; init; }

    /// <summary>The raw body bytes, exactly as received (the signature covers them).</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The body's content type, if known (for example <c>text/xml; charset=utf-8</c>).</summary>
    public string? ContentType { get; init; }

    /// <summary>When the receiver got it.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Small named values the receiver keeps with the push (query parameters such as <c>customerId</c>); no secrets.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>What <see cref="IPushInbox.StoreAsync"/> did.</summary>
/// <param name="MessageId">The stable id of the message, the same for every redelivery of the push.</param>
/// <param name="IsDuplicate"><see langword="true"/> when the push was already stored (a redelivery): nothing new was written.</param>
public readonly record struct InboxStoreResult(string MessageId, bool IsDuplicate);

/// <summary>A stored push, as handed out by <see cref="IPushInbox.LeaseAsync"/> or listed among the dead letters.</summary>
public sealed class InboxMessage
{
    /// <summary>The stable id: the same on every delivery, so the ERP's handler can be idempotent on it.</summary>
    public required string MessageId { get; init; }

    /// <summary>The push as stored.</summary>
    public required InboxPush Push { get; init; }

    /// <summary>How many times it has been handed out, this time included (1 on the first delivery).</summary>
    public required int DeliveryCount { get; init; }

    /// <summary>Until when the caller holds it (for a leased message).</summary>
    public DateTimeOffset? LeasedUntil { get; init; }

    /// <summary>Why it was last abandoned or dead-lettered, if it was.</summary>
    public string? LastError { get; init; }

    /// <summary>The lease's token: completing or abandoning with a stale token (after the lease ended and it was handed out again) does nothing.</summary>
    public required string LeaseToken { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"InboxMessage({MessageId}, {Push.Source} {Push.Kind}, delivery {DeliveryCount})";
}
