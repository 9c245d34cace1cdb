namespace PlatformSdk.TaobaoVoucher.Settlement;

/// <summary>How the platform pays an e-voucher order's money to the seller (rule RTV-02).</summary>
public enum SettlementMode
{
    /// <summary>核销打款, the default: money for each unit is paid when the unit is redeemed; on expiry see RTV-08.</summary>
    RedeemThenPay,

    /// <summary>T+N打款 (today T+3): everything is paid N calendar days after the code is sent, earlier if the buyer redeems earlier (RTV-03). Applied for per category, with a deposit.</summary>
    TPlusN,
}

/// <summary>What a redemption before the T+N date releases early (RTV-03).</summary>
public enum TPlusNEarlyPayout
{
    /// <summary>
    /// The seller guide's wording (the default): "如果买家3天内提前消费,则提前将对应订单的资金全部打款给卖家" — if the buyer
    /// redeems within the N days, all of the order's funds are paid to the seller early.
    /// </summary>
    WholeOrder,

    /// <summary>A stricter reading: only the redeemed units' money is paid early, the rest on the T+N date.</summary>
    RedeemedUnitsOnly,
}

/// <summary>Who receives a settlement entry's money.</summary>
public enum SettlementParty
{
    /// <summary>The seller.</summary>
    Seller,

    /// <summary>The buyer (a refund).</summary>
    Buyer,
}

/// <summary>Why money moves in a settlement schedule.</summary>
public enum SettlementEntryKind
{
    /// <summary>Redeem-then-pay: the redeemed units' money is paid to the seller (RTV-02).</summary>
    RedemptionPayout,

    /// <summary>T+N: a redemption before the T+N date releases money early (RTV-03).</summary>
    EarlyRedemptionPayout,

    /// <summary>T+N: the remaining money is paid on the T+N date (RTV-03).</summary>
    TPlusNPayout,

    /// <summary>Redeem-then-pay without the expiry refund option: unredeemed money goes to the seller on expiry (RTV-08).</summary>
    ExpiryPayout,

    /// <summary>The 1 CNY code fee deducted from a formula refund, paid to the seller (RTV-08, RTV-14 (a)/(f)).</summary>
    CodeFee,

    /// <summary>The share of refunded units' money that the ratio does not refund (100% − ratio), paid to the seller (RTV-08).</summary>
    RetainedShare,

    /// <summary>A refund to the buyer (RTV-14 (a) or (f)).</summary>
    BuyerRefund,
}
