using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688.Models.PreOrders;

/// <summary>One line of a pre-order.</summary>
public sealed record Alibaba1688PreOrderLine
{
    /// <summary>The offer id.</summary>
    public required long OfferId { get; init; }

    /// <summary>The SKU's spec id; <see langword="null"/> for an offer without SKUs.</summary>
    public string? SpecId { get; init; }

    /// <summary>The quantity (&gt; 0).</summary>
    public required int Quantity { get; init; }

    /// <summary>The unit price in yuan the customer pays.</summary>
    public required decimal UnitPrice { get; init; }

    /// <summary>The list (original) unit price in yuan; the R1688-23 check compares <see cref="UnitPrice"/> with it.</summary>
    public required decimal ListPrice { get; init; }
}

/// <summary>Where the pre-order's goods go to the buyer (R1688-13).</summary>
public enum Alibaba1688LogisticsMode
{
    /// <summary>Freight &gt; 0: shipped by carrier; the buyer enters the address while paying (R1688-14).</summary>
    Express,

    /// <summary>Freight = 0: the buyer collects the goods.</summary>
    SelfPickup,
}

/// <summary>The receiver, when the ERP knows it; otherwise the buyer enters it while paying (R1688-14).</summary>
public sealed record Alibaba1688Receiver
{
    /// <summary>The full name.</summary>
    public string? FullName { get; init; }

    /// <summary>The mobile number.</summary>
    public string? Mobile { get; init; }

    /// <summary>The landline.</summary>
    public string? Phone { get; init; }

    /// <summary>The postcode.</summary>
    public string? PostCode { get; init; }

    /// <summary>The province.</summary>
    public string? Province { get; init; }

    /// <summary>The city.</summary>
    public string? City { get; init; }

    /// <summary>The district.</summary>
    public string? Area { get; init; }

    /// <summary>The town.</summary>
    public string? Town { get; init; }

    /// <summary>The street address (≤ 200 characters).</summary>
    public string? Address { get; init; }

    /// <inheritdoc />
    public override string ToString() => "Alibaba1688Receiver(***)";
}

/// <summary>A pre-order (预订单) made from an ERP sales order, paid by the buyer through a QR code (R1688-13..20).</summary>
public sealed record Alibaba1688PreOrderRequest
{
    /// <summary>The ERP sales order id, sent as <c>outOrderId</c>: it identifies the order when a create must be reconciled.</summary>
    public required string SalesOrderId { get; init; }

    /// <summary>The lines (1..50, R1688-19).</summary>
    public required IReadOnlyList<Alibaba1688PreOrderLine> Lines { get; init; }

    /// <summary>The customer-borne fee (freight) in yuan; decides <see cref="Alibaba1688LogisticsMode"/> (R1688-13). Must be real (R1688-15).</summary>
    public decimal Freight { get; init; }

    /// <summary>The receiver, if known.</summary>
    public Alibaba1688Receiver? Receiver { get; init; }

    /// <summary>A message to the seller (≤ 500 characters).</summary>
    public string? Message { get; init; }

    /// <summary>The market bound to the shop (R1688-04); defaults to <c>Shops:&lt;shop&gt;:Market</c>.</summary>
    public string? Market { get; init; }
}

/// <summary>A line 1688 refused (<c>failedOfferList</c>), with its classified error.</summary>
/// <param name="OfferId">The offer id.</param>
/// <param name="SpecId">The spec id, if any.</param>
/// <param name="Error">The error (for example R1688-08 <c>null no exist!</c> or R1688-12 <c>不支持在线交易</c>).</param>
public sealed record Alibaba1688FailedLine(long? OfferId, string? SpecId, PlatformError Error);

/// <summary>A line whose price deviates from its list price by more than the allowed percentage (R1688-23).</summary>
/// <param name="LineIndex">The 0-based line index.</param>
/// <param name="Line">The line.</param>
/// <param name="DeviationPercent">|unit price − list price| / list price × 100, rounded to 2 decimals.</param>
public sealed record Alibaba1688PriceDeviation(int LineIndex, Alibaba1688PreOrderLine Line, decimal DeviationPercent);

/// <summary>A payment link for one or more orders (<c>alibaba.alipay.url.get</c>).</summary>
/// <param name="OrderIds">The orders asked for.</param>
/// <param name="PayUrl">The cashier URL (1688 cashier for one order, Alipay cashier for several), or <see langword="null"/> when none was returned.</param>
/// <param name="FailedOrderIds">Orders 1688 could not include (<c>payFailureOrderList</c>).</param>
public sealed record Alibaba1688PaymentLink(IReadOnlyList<long> OrderIds, string? PayUrl, IReadOnlyList<long> FailedOrderIds)
{
    /// <summary>True when a URL was returned and no order failed.</summary>
    public bool IsComplete => PayUrl is not null && FailedOrderIds.Count == 0;
}

/// <summary>A created pre-order with its payment link and QR code.</summary>
public sealed record Alibaba1688PreOrderResult
{
    /// <summary>The 1688 order id.</summary>
    public required long OrderId { get; init; }

    /// <summary>The ERP sales order id sent as <c>outOrderId</c>.</summary>
    public required string SalesOrderId { get; init; }

    /// <summary>The logistics mode derived from the freight (R1688-13).</summary>
    public required Alibaba1688LogisticsMode LogisticsMode { get; init; }

    /// <summary>The total 1688 accepted, in yuan (<c>totalSuccessAmount</c>, sent in fen).</summary>
    public decimal? PlatformTotalAmount { get; init; }

    /// <summary>The freight 1688 computed, in yuan (<c>postFee</c>, sent in fen).</summary>
    public decimal? PlatformFreight { get; init; }

    /// <summary>A warning when <see cref="PlatformFreight"/> differs from the sales order's freight (R1688-15); not an error.</summary>
    public string? FreightWarning { get; init; }

    /// <summary>Lines 1688 refused while creating the rest.</summary>
    public IReadOnlyList<Alibaba1688FailedLine> FailedLines { get; init; } = [];

    /// <summary>Lines priced more than 30% away from their list price (R1688-23): 1688 flags such trades as low quality.</summary>
    public IReadOnlyList<Alibaba1688PriceDeviation> PriceDeviations { get; init; } = [];

    /// <summary>The payment link, or <see langword="null"/> when it could not be fetched (see <see cref="PaymentLinkError"/>; retry with GetPaymentLinkAsync).</summary>
    public Alibaba1688PaymentLink? PaymentLink { get; init; }

    /// <summary>Why the payment link is missing, when it is.</summary>
    public PlatformError? PaymentLinkError { get; init; }

    /// <summary>The payment URL as a PNG QR code (single use once scanned, R1688-16), when there is a URL.</summary>
    public ReadOnlyMemory<byte> PaymentQrPng { get; init; }

    /// <summary>The payment URL as an SVG QR code, when there is a URL.</summary>
    public string? PaymentQrSvg { get; init; }

    /// <summary>True when the create call failed ambiguously and the order was found afterwards by its <c>outOrderId</c>.</summary>
    public bool Reconciled { get; init; }
}
