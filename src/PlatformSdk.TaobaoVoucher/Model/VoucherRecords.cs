namespace PlatformSdk.TaobaoVoucher.Model;

/// <summary>One code the order has had, newest last in <see cref="VoucherOrder.Codes"/>.</summary>
/// <param name="Code">The code.</param>
/// <param name="IssuedAt">When it was sent.</param>
/// <param name="Units">How many units it stood for when it was sent.</param>
/// <param name="Status">Live, void (replaced, refunded or expired) or spent (its last units redeemed).</param>
/// <param name="EndedAt">When it stopped being live, or <see langword="null"/> while live.</param>
public sealed record VoucherCodeRecord(VoucherCode Code, DateTimeOffset IssuedAt, int Units, VoucherCodeStatus Status, DateTimeOffset? EndedAt);

/// <summary>One redemption (核销) in the redemption log (RTV-15).</summary>
/// <param name="SerialNumber">The consume serial (serial_num), unique within the order; a reversal names it.</param>
/// <param name="Code">The code that was redeemed.</param>
/// <param name="Count">The units redeemed (consume_num).</param>
/// <param name="At">When.</param>
/// <param name="RedeemingAccount">The account that redeemed (核销账号, RTV-15).</param>
/// <param name="PosId">The POS / terminal id when redeemed on a machine (POSID, RTV-15).</param>
/// <param name="ReplacementCode">The new code sent for the remaining units, if any (RTV-12).</param>
/// <param name="ReversedAt">When the redemption was reversed (冲正), or <see langword="null"/>.</param>
public sealed record VoucherRedemption(
    string SerialNumber,
    VoucherCode Code,
    int Count,
    DateTimeOffset At,
    string RedeemingAccount,
    string? PosId,
    VoucherCode? ReplacementCode,
    DateTimeOffset? ReversedAt);

/// <summary>One entry of the order's history. Fields that do not apply to <see cref="Kind"/> are <see langword="null"/> or 0.</summary>
public sealed record VoucherOrderEvent
{
    /// <summary>What happened.</summary>
    public required VoucherEventKind Kind { get; init; }

    /// <summary>When.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The order's state after the event.</summary>
    public required VoucherOrderState StateAfter { get; init; }

    /// <summary>Units concerned: redeemed, reversed, refunded or expired; the order's quantity when created.</summary>
    public int Count { get; init; }

    /// <summary>The code concerned: sent, resent, redeemed, reversed, or voided by a refund or expiry.</summary>
    public VoucherCode? Code { get; init; }

    /// <summary>The code sent for the remaining units after a partial redemption (RTV-12).</summary>
    public VoucherCode? NewCode { get; init; }

    /// <summary>Who asked, for buyer/seller operations.</summary>
    public VoucherActor? Actor { get; init; }

    /// <summary>The redeeming account for redemptions (RTV-15).</summary>
    public string? RedeemingAccount { get; init; }

    /// <summary>The POS id for redemptions and reversals (RTV-15).</summary>
    public string? PosId { get; init; }

    /// <summary>The consume serial for redemptions and reversals.</summary>
    public string? SerialNumber { get; init; }

    /// <summary>The reason of a refund.</summary>
    public VoucherRefundReason? RefundReason { get; init; }

    /// <summary>The new end of validity after an extension (RTV-11).</summary>
    public DateTimeOffset? ValidUntil { get; init; }
}
