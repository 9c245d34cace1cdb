namespace PlatformSdk.Logistics.Sync;

/// <summary>What a platform's shipment API can do, which decides how the engine shapes a send (RLOG-08, RLOG-10, RLOG-52).</summary>
public sealed class ShipmentSenderCapabilities
{
    /// <summary>The platform takes several tracking numbers for one shipment (Taobao, PDD: yes).</summary>
    public bool SupportsMultipleTrackingNumbers { get; init; }

    /// <summary>The platform ships part of an order (some sub-orders).</summary>
    public bool SupportsSplitBySubOrder { get; init; }

    /// <summary>After a split, the platform shows each part's own tracking number (PDD: no, RLOG-08).</summary>
    public bool ShowsPerSplitTrackingNumbers { get; init; }

    /// <summary>The platform splits only by whole sub-order, never one sub-order's goods over parcels (1688, RLOG-52).</summary>
    public bool SplitsOnlyByWholeSubOrder { get; init; }

    /// <summary>The longest list of sub-order ids one call takes, in characters of the joined list (Taobao <c>sub_tid</c>: 500, RLOG-10); null when unlimited.</summary>
    public int? MaxSubOrderIdListLength { get; init; }

    /// <summary>Order ids must be numeric (Taobao <c>tid</c>: an offline order has another id and needs no sync, RLOG-38).</summary>
    public bool RequiresNumericOrderId { get; init; }

    /// <summary>The sender can read an order's shipping status back, so a send with an unknown outcome can be reconciled.</summary>
    public bool CanQueryStatus { get; init; }

    /// <summary>
    /// The platform recognises a repeated send by an idempotency key the sender derives from <see cref="Shipment.ShipmentId"/>
    /// (Tmall Global direct's <c>out_biz_id</c>), so a send whose outcome is unknown may be sent again with the same key within
    /// the retry budget; without it such a send is never repeated unless the platform's status says it did not take effect.
    /// </summary>
    public bool ResendsAreIdempotent { get; init; }
}

/// <summary>The shipment as a sender sends it: the platform's carrier code already resolved.</summary>
/// <param name="Shipment">The shipment.</param>
/// <param name="CarrierCode">The carrier's code on the platform.</param>
/// <param name="Attempt">1 on the first send of this shipment, higher on a retry (senders reuse their idempotency key across attempts where the platform has one).</param>
public sealed record ShipmentSendRequest(Shipment Shipment, string CarrierCode, int Attempt);

/// <summary>What the platform says about an order's shipping, for reconciling a send whose outcome is unknown.</summary>
public enum ShipmentPlatformState
{
    /// <summary>The platform shows the order (or the shipment's sub-orders) as shipped.</summary>
    Shipped,

    /// <summary>The platform shows it as not shipped: a send did not take effect, so sending again is safe.</summary>
    NotShipped,

    /// <summary>The platform cannot tell (or the order cannot be read now): do not send again.</summary>
    Unknown,
}

/// <summary>
/// Sends shipments to one sales platform. The engine calls <see cref="SendAsync"/> at most once per attempt and never again
/// after an unknown outcome unless <see cref="QueryStatusAsync"/> says the order is not shipped. A sender reports a
/// refusal by throwing a <c>PlatformException</c> whose error carries the category, the rule (from
/// <c>ShipmentErrorCatalogue</c>) and whether the send may have happened (<c>MayHaveBeenProcessed</c>).
/// </summary>
public abstract class ShipmentSender
{
    /// <summary>The platform it sends to (a <see cref="ShipmentPlatforms"/> name).</summary>
    public abstract string Platform { get; }

    /// <summary>What the platform's API can do.</summary>
    public abstract ShipmentSenderCapabilities Capabilities { get; }

    /// <summary>
    /// The platform name of the SDK request pipeline this sender's calls go through: with the shop as tenant, the rate-limit
    /// partition the engine pauses when the platform asks to be left alone for a while (RLOG-49, PDD's "retry after 120
    /// seconds"), so every process that shares the limiter waits, not only the sync that got the answer.
    /// <see cref="Platform"/> unless overridden. A sender on its own HTTP client waits on the same partition by taking a
    /// permit from <c>IPlatformRateLimiter</c> before it calls.
    /// </summary>
    public virtual string PipelinePlatform => Platform;

    /// <summary>Sends one shipment. Returns when the platform accepted it; throws <c>PlatformException</c> otherwise.</summary>
    /// <param name="request">The shipment and its resolved carrier code.</param>
    /// <param name="cancellationToken">Cancels the call (a cancelled send may have happened).</param>
    /// <returns>A task that completes when the platform accepted the shipment.</returns>
    public abstract Task SendAsync(ShipmentSendRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads back whether the shipment's order is shipped on the platform. The default cannot tell.</summary>
    /// <param name="shipment">The shipment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the platform shows.</returns>
    public virtual Task<ShipmentPlatformState> QueryStatusAsync(Shipment shipment, CancellationToken cancellationToken = default)
        => Task.FromResult(ShipmentPlatformState.Unknown);
}
