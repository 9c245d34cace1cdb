using PlatformSdk.Errors;

namespace PlatformSdk.Logistics.Sync;

/// <summary>
/// One shipment the ERP made and must sync to the sales platform the order came from: which order (and which sub-orders),
/// with which carrier, under which tracking numbers.
/// </summary>
public sealed class Shipment
{
    /// <summary>
    /// The ERP's own id of this shipment: the key of exactly-once. Syncing the same id twice never sends twice; a different
    /// shipment of the same order (a second parcel, a later split) needs its own id.
    /// </summary>
    public required string ShipmentId { get; init; }

    /// <summary>The sales platform (a <see cref="ShipmentPlatforms"/> name).</summary>
    public required string Platform { get; init; }

    /// <summary>The shop on that platform (the tenant the sender calls with).</summary>
    public required string Shop { get; init; }

    /// <summary>The platform's order id (Taobao <c>tid</c>, PDD <c>order_sn</c>, 1688 order id, …).</summary>
    public required string OrderId { get; init; }

    /// <summary>The sub-orders this shipment covers; empty for the whole order.</summary>
    public IReadOnlyList<string> SubOrderIds { get; init; } = [];

    /// <summary>The ERP's carrier id (see <c>CarrierRegistry</c>), mapped to the platform's code before sending.</summary>
    public required string CarrierId { get; init; }

    /// <summary>The parcels, each with its tracking number; at least one.</summary>
    public required IReadOnlyList<ShipmentPackage> Packages { get; init; }

    /// <summary>For a merged shipment (several orders in one parcel, RLOG-31): the other orders it also covers.</summary>
    public IReadOnlyList<string> MergedOrderIds { get; init; } = [];

    /// <summary>The receiver's address as the ERP has it; merged orders may share one number only with identical addresses (RLOG-31).</summary>
    public string? ReceiverAddress { get; init; }

    /// <summary>When the goods left the warehouse.</summary>
    public DateTimeOffset? ShippedAt { get; init; }

    /// <summary>
    /// Every sub-order of the order, when the ERP knows them: with <see cref="ShipmentSplitPolicy.WhenAllSubOrdersShipped"/> a
    /// shipment of only some of them is held until shipments covering all of them are submitted (RLOG-09). Empty when unknown:
    /// the shipment is then never held.
    /// </summary>
    public IReadOnlyList<string> OrderSubOrderIds { get; init; } = [];

    /// <summary>
    /// For a merged shipment: each of <see cref="MergedOrderIds"/> with its receiver's address as the ERP has it. One tracking
    /// number may serve merged orders only when every address equals <see cref="ReceiverAddress"/> (RLOG-31, compared after
    /// trimming and collapsing white space); a merged order without an address here is refused before sending.
    /// </summary>
    public IReadOnlyDictionary<string, string> MergedOrderAddresses { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"Shipment({ShipmentId}: {Platform} {Shop} order {OrderId}, {Packages.Count} package(s) by {CarrierId})";
}

/// <summary>One parcel of a shipment.</summary>
/// <param name="TrackingNumber">Its tracking (waybill) number.</param>
/// <param name="SubOrderIds">The sub-orders in this parcel, when the shipment splits them over parcels; empty otherwise.</param>
public sealed record ShipmentPackage(string TrackingNumber, IReadOnlyList<string>? SubOrderIds = null);

/// <summary>Where a shipment's sync ended.</summary>
public enum ShipmentSyncStatus
{
    /// <summary>The platform accepted the shipment.</summary>
    Synced,

    /// <summary>The platform already had it (AlreadyDone, e.g. RLOG-07/11/13/27, or found shipped when reconciling): nothing was sent twice.</summary>
    AlreadySynced,

    /// <summary>Held by the split policy (RLOG-09) until the order's other sub-orders have shipped.</summary>
    Held,

    /// <summary>Not to be synced, with the reason (an offline order with a non-numeric id, RLOG-38).</summary>
    Skipped,

    /// <summary>Waiting for a manual sync (automatic sync is off).</summary>
    WaitingForManualSync,

    /// <summary>Refused by the platform or by a check before sending; the outcome's remedy says what to fix. Not sent again automatically.</summary>
    Failed,

    /// <summary>A transient failure whose retry budget is used up; nothing was applied, so it is safe to sync again later.</summary>
    RetryLater,

    /// <summary>
    /// The send may have been applied and the platform could not be asked (or did not say): never resent automatically.
    /// <see cref="ShipmentSyncOutcome.MayHaveBeenProcessed"/> is true; check the order on the platform.
    /// </summary>
    OutcomeUnknown,
}

/// <summary>What syncing one shipment came to.</summary>
public sealed class ShipmentSyncOutcome
{
    /// <summary>The shipment's id.</summary>
    public required string ShipmentId { get; init; }

    /// <summary>Where it ended.</summary>
    public required ShipmentSyncStatus Status { get; init; }

    /// <summary>The rule behind it (for example <c>RLOG-07</c>), if one applies.</summary>
    public string? RuleId { get; init; }

    /// <summary>What to do (for every status but <see cref="ShipmentSyncStatus.Synced"/>).</summary>
    public string? Remedy { get; init; }

    /// <summary>The platform's error, when the platform refused or failed.</summary>
    public PlatformError? Error { get; init; }

    /// <summary>How many times this sync handed it to the platform's sender (0 when the engine sent nothing; a sender that refuses it before the network, such as a partial Tmall Global direct shipment, still counts one: see the outcome's error for whether the request left).</summary>
    public int Attempts { get; init; }

    /// <summary>True when a send may have been applied without the engine knowing (only with <see cref="ShipmentSyncStatus.OutcomeUnknown"/>).</summary>
    public bool MayHaveBeenProcessed { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"ShipmentSyncOutcome({ShipmentId}: {Status}{(RuleId is null ? string.Empty : " " + RuleId)})";
}
