using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688.Models.Logistics;

/// <summary>A carrier of the shop's own-carrier list (自联物流). Ship with its <see cref="CompanyNo"/> as the carrier code.</summary>
public sealed record Alibaba1688Carrier
{
    /// <summary>The numeric id (not the code to ship with).</summary>
    public long? Id { get; init; }

    /// <summary>The carrier code (<c>companyNo</c>, for example <c>SF</c>): the <c>cpCode</c> when shipping.</summary>
    public required string CompanyNo { get; init; }

    /// <summary>The name.</summary>
    public string? Name { get; init; }

    /// <summary>The phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>Whether waybills can be printed.</summary>
    public bool? SupportsPrint { get; init; }

    /// <summary>The pinyin spelling.</summary>
    public string? Spelling { get; init; }
}

/// <summary>One sub-order to ship with its full quantity (RLOG-52: a sub-order's quantity cannot be split).</summary>
/// <param name="SubOrderId">The sub-order id (<c>subItemID</c>).</param>
/// <param name="Quantity">The sub-order's quantity.</param>
public sealed record Alibaba1688ShipEntry(long SubOrderId, int Quantity);

/// <summary>Shipping (part of) an order with an own carrier (R1688-14).</summary>
public sealed record Alibaba1688ShipRequest
{
    /// <summary>The order id.</summary>
    public required long OrderId { get; init; }

    /// <summary>The sub-orders, each at most once.</summary>
    public required IReadOnlyList<Alibaba1688ShipEntry> Entries { get; init; }

    /// <summary>The carrier code (<c>companyNo</c> from the carrier list), sent as <c>cpCode</c>.</summary>
    public required string CarrierCode { get; init; }

    /// <summary>The carrier name, if known.</summary>
    public string? CarrierName { get; init; }

    /// <summary>The tracking (waybill) number; one number serves at most 15 shipments.</summary>
    public required string TrackingNumber { get; init; }

    /// <summary>When the goods were shipped (<c>gmtSend</c>).</summary>
    public required DateTimeOffset ShippedAt { get; init; }

    /// <summary>Remarks.</summary>
    public string? Remarks { get; init; }
}

/// <summary>How a shipment call ended.</summary>
public enum Alibaba1688ShipOutcome
{
    /// <summary>Every sub-order was shipped.</summary>
    Shipped,

    /// <summary>1688 says the order is already shipped (RLOG-13): nothing to sync; mark it shipped in the ERP.</summary>
    AlreadyShipped,

    /// <summary>Some sub-orders shipped, others failed; see <see cref="Alibaba1688ShipResult.Failures"/>.</summary>
    PartlyFailed,
}

/// <summary>A failed sub-order.</summary>
/// <param name="SubOrderId">The sub-order, when 1688 named it.</param>
/// <param name="Error">The classified error.</param>
public sealed record Alibaba1688ShipFailure(long? SubOrderId, PlatformError Error);

/// <summary>The result of a shipment call.</summary>
public sealed record Alibaba1688ShipResult
{
    /// <summary>How it ended.</summary>
    public required Alibaba1688ShipOutcome Outcome { get; init; }

    /// <summary>The sub-orders 1688 reported shipped.</summary>
    public IReadOnlyList<long> ShippedSubOrderIds { get; init; } = [];

    /// <summary>The sub-orders that failed (including the RLOG-13 "already shipped" ones).</summary>
    public IReadOnlyList<Alibaba1688ShipFailure> Failures { get; init; } = [];
}
