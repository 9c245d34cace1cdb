namespace PlatformSdk.Jushuitan.Models.Orders;

/// <summary>
/// One order to upload with <c>jushuitan.orders.upload</c> / <c>/open/jushuitan/orders/upload</c>. Amounts are in yuan.
/// Validated before sending (field limits of doc §7, RJST-15/17/18/19/20).
/// </summary>
public sealed record JushuitanOrderUpload
{
    /// <summary>The own-mall (自有商城) shop id (<c>shop_id</c>, RJST-06).</summary>
    public required long ShopId { get; init; }

    /// <summary>The online order number (<c>so_id</c>, ≤ 50), unique per shop; with <see cref="ShopId"/> the idempotency key (RJST-14).</summary>
    public required string SoId { get; init; }

    /// <summary>When the order was placed (<c>order_date</c>).</summary>
    public required DateTimeOffset OrderDate { get; init; }

    /// <summary>The platform status (<c>shop_status</c>).</summary>
    public required JushuitanShopStatus ShopStatus { get; init; }

    /// <summary>What the buyer owes (<c>pay_amount</c>): sum of line amounts plus freight (RJST-20).</summary>
    public required decimal PayAmount { get; init; }

    /// <summary>Freight (<c>freight</c>).</summary>
    public decimal Freight { get; init; }

    /// <summary>
    /// The discount between <see cref="PayAmount"/> and the paid amount (RJST-20: pay_amount − pay.amount = discount). Not sent;
    /// used to check <see cref="Pay"/>. Default 0: the pay amount must equal the payable (RJST-19).
    /// </summary>
    public decimal Discount { get; init; }

    /// <summary>The buyer's platform id (<c>shop_buyer_id</c>, ≤ 50).</summary>
    public string? ShopBuyerId { get; init; }

    /// <summary>Receiver name (≤ 50).</summary>
    public string? ReceiverName { get; init; }

    /// <summary>Receiver mobile (≤ 50).</summary>
    public string? ReceiverMobile { get; init; }

    /// <summary>Receiver landline (≤ 50).</summary>
    public string? ReceiverPhone { get; init; }

    /// <summary>Province (≤ 50).</summary>
    public string? ReceiverState { get; init; }

    /// <summary>City (≤ 50).</summary>
    public string? ReceiverCity { get; init; }

    /// <summary>District (≤ 50).</summary>
    public string? ReceiverDistrict { get; init; }

    /// <summary>Street address (≤ 200).</summary>
    public string? ReceiverAddress { get; init; }

    /// <summary>Postal code (≤ 20).</summary>
    public string? ReceiverZip { get; init; }

    /// <summary>Two-letter country code (≤ 5).</summary>
    public string? ReceiverCountry { get; init; }

    /// <summary>Buyer message (≤ 400).</summary>
    public string? BuyerMessage { get; init; }

    /// <summary>Seller remark (≤ 150, the stricter of two documented limits).</summary>
    public string? Remark { get; init; }

    /// <summary>Marks the order as an exception with this description (<c>question_desc</c>).</summary>
    public string? QuestionDesc { get; init; }

    /// <summary>Comma-separated labels (≤ 200).</summary>
    public string? Labels { get; init; }

    /// <summary>Carrier code (<c>lc_id</c>), as configured in the ERP (RJST-04).</summary>
    public string? LcId { get; init; }

    /// <summary>Carrier name (<c>logistics_company</c>).</summary>
    public string? LogisticsCompany { get; init; }

    /// <summary>Tracking number (<c>l_id</c>).</summary>
    public string? LId { get; init; }

    /// <summary>When the order last changed on the platform (<c>shop_modified</c>).</summary>
    public DateTimeOffset? ShopModified { get; init; }

    /// <summary>The lines; at least one.</summary>
    public required IReadOnlyList<JushuitanUploadItem> Items { get; init; }

    /// <summary>The payment; required for paid statuses, forbidden for <see cref="JushuitanShopStatus.WaitBuyerPay"/>.</summary>
    public JushuitanUploadPay? Pay { get; init; }
}

/// <summary>One uploaded line. A gift is a line with price 0 and amount 0; Jushuitan has no gift flag (RJST-18).</summary>
public sealed record JushuitanUploadItem
{
    /// <summary>The ERP SKU code (<c>sku_id</c>, ≤ 40). A suffix <c>预售yyyy-MM-dd</c> marks a pre-sale line (RJST-11).</summary>
    public required string SkuId { get; init; }

    /// <summary>The platform SKU id (<c>shop_sku_id</c>, ≤ 128).</summary>
    public string? ShopSkuId { get; init; }

    /// <summary>The product code (<c>i_id</c>, ≤ 40).</summary>
    public string? IId { get; init; }

    /// <summary>The product name (≤ 100).</summary>
    public string? Name { get; init; }

    /// <summary>The SKU properties text (≤ 100).</summary>
    public string? PropertiesValue { get; init; }

    /// <summary>The picture URL (≤ 300).</summary>
    public string? Pic { get; init; }

    /// <summary>The platform line id (<c>outer_oi_id</c>, ≤ 50), unique within the order.</summary>
    public string? OuterOiId { get; init; }

    /// <summary>The unit price (at most 4 decimals).</summary>
    public decimal Price { get; init; }

    /// <summary>The unit list price (<c>base_price</c>, at most 2 decimals).</summary>
    public decimal? BasePrice { get; init; }

    /// <summary>The line total (<c>amount</c>, at most 2 decimals).</summary>
    public decimal Amount { get; init; }

    /// <summary>The quantity; greater than zero.</summary>
    public int Qty { get; init; }

    /// <summary>Refunded quantity.</summary>
    public int? RefundQty { get; init; }

    /// <summary>The refund status; any value turns the order into an exception.</summary>
    public JushuitanRefundStatus? RefundStatus { get; init; }

    /// <summary>
    /// The caller's intent that this line is a gift. Nothing extra is sent (RJST-18: no gift flag); the line must have
    /// price 0 and amount 0, which is checked before upload.
    /// </summary>
    public bool IsGift { get; init; }
}

/// <summary>The payment of an uploaded order (<c>pay</c>, a single object).</summary>
public sealed record JushuitanUploadPay
{
    /// <summary>The payment id (<c>outer_pay_id</c>, ≤ 50).</summary>
    public required string OuterPayId { get; init; }

    /// <summary>When it was paid.</summary>
    public required DateTimeOffset PayDate { get; init; }

    /// <summary>The payment method (≤ 20), for example <c>支付宝</c>.</summary>
    public required string Payment { get; init; }

    /// <summary>The seller account (≤ 50).</summary>
    public string? SellerAccount { get; init; }

    /// <summary>The buyer account (≤ 200).</summary>
    public string? BuyerAccount { get; init; }

    /// <summary>The amount paid: <c>pay_amount − discount</c> (RJST-19, RJST-20).</summary>
    public required decimal Amount { get; init; }
}
