using PlatformSdk.Validation;

namespace PlatformSdk.Logistics.Sync;

/// <summary>Where a shipment stands in the store.</summary>
public enum ShipmentSyncState
{
    /// <summary>Known, not sent yet (new, held, waiting for a manual sync, or a retry later).</summary>
    Pending,

    /// <summary>
    /// A send was started and its end is not recorded: written durably BEFORE each send, so after a crash the engine knows a
    /// send may have happened and reconciles instead of sending again.
    /// </summary>
    Sending,

    /// <summary>Finished: synced, already synced, skipped, failed, or outcome unknown (see the record's outcome).</summary>
    Done,
}

/// <summary>A shipment's durable sync record.</summary>
public sealed class ShipmentSyncRecord
{
    /// <summary>The shipment's id.</summary>
    public required string ShipmentId { get; init; }

    /// <summary>Where it stands.</summary>
    public required ShipmentSyncState State { get; init; }

    /// <summary>How many sends were started for it, over its whole life.</summary>
    public required int SendsStarted { get; init; }

    /// <summary>The last outcome recorded (the final one once <see cref="State"/> is <see cref="ShipmentSyncState.Done"/>).</summary>
    public ShipmentSyncOutcome? Outcome { get; init; }

    /// <summary>The shipment as last submitted (so a restart can resume it).</summary>
    public required Shipment Shipment { get; init; }

    /// <summary>When it may be tried again (a retry later); null when now.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The store's version of the record: every change increments it (optimistic concurrency, fencing).</summary>
    public required long Version { get; init; }
}

/// <summary>One page of <see cref="IShipmentSyncStore.ListResumableAsync"/>.</summary>
public sealed class ShipmentSyncPage
{
    /// <summary>The records, oldest first.</summary>
    public required IReadOnlyList<ShipmentSyncRecord> Records { get; init; }

    /// <summary>The position to continue from; <see langword="null"/> when the store holds nothing further along.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Reads the position a store wrote into a token (the stores' one format: the decimal position of the last record scanned).</summary>
    internal static long After(string? continuationToken, ValidationGuard guard)
    {
        if (continuationToken is null)
        {
            return 0;
        }

        if (!long.TryParse(continuationToken, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position))
        {
            throw guard.Fail("continuationToken", continuationToken, null, "pass a ContinuationToken this store returned, or null for the first page.");
        }

        return position;
    }

    /// <summary>The token for a position.</summary>
    internal static string Token(long position) => position.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A worker's exclusive hold on one shipment: only its holder may start a send, until the lease ends.</summary>
/// <param name="ShipmentId">The shipment.</param>
/// <param name="Token">The lease's token; changes with every claim, so a holder whose lease ended and was taken over cannot write.</param>
/// <param name="Until">When the lease ends.</param>
/// <param name="Record">The record as it was when claimed.</param>
public sealed record ShipmentClaim(string ShipmentId, string Token, DateTimeOffset Until, ShipmentSyncRecord Record);

/// <summary>
/// The durable state of shipment syncs. Every change is durable when the call returns (for SQLite: committed with
/// <c>synchronous=FULL</c>; for Redis: on a server with <c>appendfsync always</c>, as the push inbox requires). Two workers on
/// one store never hold the same shipment at once, and a write with a claim whose lease was taken over fails. All stores pass
/// the same contract tests.
/// </summary>
public interface IShipmentSyncStore
{
    /// <summary>Adds a shipment as <see cref="ShipmentSyncState.Pending"/> if its id is new; returns the existing record otherwise (a resubmission never resets it).</summary>
    /// <param name="shipment">The shipment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record (new or existing).</returns>
    ValueTask<ShipmentSyncRecord> AddAsync(Shipment shipment, CancellationToken cancellationToken = default);

    /// <summary>Takes the exclusive hold on a shipment that is not <see cref="ShipmentSyncState.Done"/> and not held by a live lease.</summary>
    /// <param name="shipmentId">The shipment.</param>
    /// <param name="lease">How long the hold lasts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claim, or <see langword="null"/> when it is done, unknown, or held by someone else.</returns>
    ValueTask<ShipmentClaim?> TryClaimAsync(string shipmentId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Records, durably, that a send starts (state <see cref="ShipmentSyncState.Sending"/>, <see cref="ShipmentSyncRecord.SendsStarted"/> + 1). Call it before every send.</summary>
    /// <param name="claim">The holder's claim.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated claim, or <see langword="null"/> when the claim is no longer valid (do not send).</returns>
    ValueTask<ShipmentClaim?> BeginSendAsync(ShipmentClaim claim, CancellationToken cancellationToken = default);

    /// <summary>Records an outcome: <see cref="ShipmentSyncState.Done"/> for a final one, else <see cref="ShipmentSyncState.Pending"/> (held, manual, retry later from <paramref name="notBefore"/>); releases the claim.</summary>
    /// <param name="claim">The holder's claim.</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="final">Whether the shipment is finished.</param>
    /// <param name="notBefore">For a pending outcome: when it may be tried again.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the claim is no longer valid (nothing was written).</returns>
    ValueTask<bool> CompleteAsync(ShipmentClaim claim, ShipmentSyncOutcome outcome, bool final, DateTimeOffset? notBefore = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a record.</summary>
    /// <param name="shipmentId">The shipment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    ValueTask<ShipmentSyncRecord?> GetAsync(string shipmentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists up to <paramref name="maxRecords"/> records that are not done and may be worked on now (pending with
    /// <see cref="ShipmentSyncRecord.NotBefore"/> passed, or sending with no live lease: a crash), oldest first, starting after
    /// the position <paramref name="continuationToken"/> names. Read every page by passing each page's
    /// <see cref="ShipmentSyncPage.ContinuationToken"/> to the next call until it is <see langword="null"/>: records worked on
    /// (and still pending, such as held ones) are then never listed again in that pass, so none behind them is missed.
    /// </summary>
    /// <param name="maxRecords">At most this many; 1 to 10,000.</param>
    /// <param name="continuationToken">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; it may be empty and still carry a token when the store bounds how much one call scans.</returns>
    /// <exception cref="PlatformSdk.Errors.PlatformValidationException">The token was not made by this store.</exception>
    ValueTask<ShipmentSyncPage> ListResumableAsync(int maxRecords, string? continuationToken = null, CancellationToken cancellationToken = default);
}
