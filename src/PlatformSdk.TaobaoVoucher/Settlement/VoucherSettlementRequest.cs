using PlatformSdk.TaobaoVoucher.Refunds;

namespace PlatformSdk.TaobaoVoucher.Settlement;

/// <summary>A redemption event: the merchant redeemed <see cref="Count"/> units at <see cref="At"/> (RTV-12).</summary>
public sealed class VoucherUnitRedemption
{
    /// <summary>Creates the event.</summary>
    /// <param name="at">When the units were redeemed.</param>
    /// <param name="count">How many units (at least 1).</param>
    public VoucherUnitRedemption(DateTimeOffset at, int count)
    {
        At = at;
        Count = count;
    }

    /// <summary>When the units were redeemed.</summary>
    public DateTimeOffset At { get; }

    /// <summary>How many units were redeemed.</summary>
    public int Count { get; }
}

/// <summary>An unexpired automatic refund request for <see cref="Count"/> unredeemed units (RTV-14 (a)).</summary>
public sealed class VoucherUnitRefund
{
    /// <summary>Creates the event.</summary>
    /// <param name="requestedAt">When the buyer requested the refund; the units' codes become void at once.</param>
    /// <param name="count">How many unredeemed units are refunded (at least 1).</param>
    /// <param name="ratio">The refund ratio as a fraction in (0, 1].</param>
    public VoucherUnitRefund(DateTimeOffset requestedAt, int count, decimal ratio)
    {
        RequestedAt = requestedAt;
        Count = count;
        Ratio = ratio;
    }

    /// <summary>When the buyer requested the refund.</summary>
    public DateTimeOffset RequestedAt { get; }

    /// <summary>How many unredeemed units are refunded.</summary>
    public int Count { get; }

    /// <summary>The refund ratio as a fraction.</summary>
    public decimal Ratio { get; }
}

/// <summary>The inputs of a settlement computation for one voucher order.</summary>
public sealed class VoucherSettlementRequest
{
    /// <summary>The order (unit price, quantity, amount paid).</summary>
    public required VoucherOrderAmounts Order { get; init; }

    /// <summary>When the code was sent successfully (发码成功 = shipped, RTV-10); T in T+N.</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>The item's settlement terms; redeem-then-pay without expiry refund by default.</summary>
    public VoucherSettlementTerms Terms { get; init; } = new();

    /// <summary>The redemptions, in any order.</summary>
    public IReadOnlyList<VoucherUnitRedemption> Redemptions { get; init; } = [];

    /// <summary>Unexpired automatic refunds (RTV-14 (a)), in any order.</summary>
    public IReadOnlyList<VoucherUnitRefund> Refunds { get; init; } = [];

    /// <summary>
    /// When the voucher's validity ends (RTV-05; the seller may have extended it, RTV-11). When set, units still
    /// outstanding at that time expire and are settled under RTV-08; <see langword="null"/> leaves them outstanding.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
