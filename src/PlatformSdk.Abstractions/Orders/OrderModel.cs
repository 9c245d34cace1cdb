namespace PlatformSdk.Orders;

/// <summary>An order as the ERP sees it, independent of any platform's wire format.</summary>
public sealed class PlatformOrder
{
    /// <summary>The online order number (for example Jushuitan <c>so_id</c>), unique per shop.</summary>
    public required string OrderNumber { get; init; }

    /// <summary>The shop the order belongs to, in the platform's own id format.</summary>
    public string? ShopId { get; init; }

    /// <summary>When the buyer placed the order.</summary>
    public DateTimeOffset OrderedAt { get; init; }

    /// <summary>The order lines. Gifts are lines with amount 0.</summary>
    public IReadOnlyList<OrderLine> Lines { get; init; } = [];

    /// <summary>Freight charged to the buyer, in yuan.</summary>
    public decimal Freight { get; init; }

    /// <summary>What the buyer owes: lines plus freight, in yuan.</summary>
    public decimal PayableAmount { get; init; }

    /// <summary>Payments received so far. Empty while the order is unpaid.</summary>
    public IReadOnlyList<OrderPayment> Payments { get; init; } = [];

    /// <summary>Where the goods go.</summary>
    public OrderReceiver? Receiver { get; init; }

    /// <summary>Checks the amount identities (lines + freight = payable; payable − paid = discount).</summary>
    /// <param name="expectedDiscount">The discount the caller intends, or <see langword="null"/> to accept any non-negative discount.</param>
    /// <returns>The check result with both sides of every identity.</returns>
    public OrderAmountCheck CheckAmounts(decimal? expectedDiscount = null)
        => OrderAmountCheck.Evaluate(Lines.Select(l => l.Amount), Freight, PayableAmount, Payments.Select(p => p.Amount), expectedDiscount);
}

/// <summary>One order line.</summary>
public sealed class OrderLine
{
    /// <summary>The ERP SKU code.</summary>
    public required string SkuCode { get; init; }

    /// <summary>The product name as shown to the buyer.</summary>
    public string? Name { get; init; }

    /// <summary>The unit price before any line discount, in yuan.</summary>
    public decimal UnitPrice { get; init; }

    /// <summary>The quantity.</summary>
    public int Quantity { get; init; }

    /// <summary>What the line costs the buyer in total, in yuan.</summary>
    public decimal Amount { get; init; }

    /// <summary>True for a gift: platforms without a gift flag model gifts as lines with amount 0.</summary>
    public bool IsGift => Amount == 0m;
}

/// <summary>One payment against an order.</summary>
public sealed class OrderPayment
{
    /// <summary>The payment's id in the paying system (for example the Alipay trade number).</summary>
    public required string PaymentId { get; init; }

    /// <summary>The amount paid, in yuan.</summary>
    public decimal Amount { get; init; }

    /// <summary>When it was paid.</summary>
    public DateTimeOffset PaidAt { get; init; }

    /// <summary>The payment method, for example <c>支付宝</c>.</summary>
    public string? Method { get; init; }
}

/// <summary>The receiver of an order. <see cref="ToString"/> masks personal data.</summary>
public sealed class OrderReceiver
{
    /// <summary>The receiver's name.</summary>
    public string? Name { get; init; }

    /// <summary>The mobile phone number.</summary>
    public string? Mobile { get; init; }

    /// <summary>A landline phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>Province.</summary>
    public string? State { get; init; }

    /// <summary>City.</summary>
    public string? City { get; init; }

    /// <summary>District.</summary>
    public string? District { get; init; }

    /// <summary>Street address.</summary>
    public string? Address { get; init; }

    /// <summary>Postal code.</summary>
    public string? Zip { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{State}{City}{District} (receiver details masked)";
}
