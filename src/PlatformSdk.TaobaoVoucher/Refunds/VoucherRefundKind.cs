namespace PlatformSdk.TaobaoVoucher.Refunds;

/// <summary>
/// The refund cases of an e-voucher order (rule RTV-14 (a)–(f)). Each case has its own formula, its own
/// timing and its own source of funds.
/// </summary>
public enum VoucherRefundKind
{
    /// <summary>RTV-14 (a): unexpired, category with automatic refund. Unredeemed × unit price × ratio − 1 CNY code fee; processed automatically within 24 h; all unused codes become void.</summary>
    UnexpiredAutomatic,

    /// <summary>RTV-14 (b): unexpired, category without automatic refund. The seller has 5 days to act, then the system refunds.</summary>
    UnexpiredManual,

    /// <summary>RTV-14 (c): the buyer did not receive the code. Full refund of what the buyer paid, no code fee.</summary>
    NotReceived,

    /// <summary>RTV-14 (d): received, no return. The amount negotiated between buyer and seller.</summary>
    ReceivedNoReturn,

    /// <summary>RTV-14 (e): after-sale refund once the trade is completed; the money is taken from the seller's deposit.</summary>
    AfterSale,

    /// <summary>RTV-14 (f) with RTV-08: expired, expiry refund option enabled. Expired count × unit price × ratio − 1 CNY code fee.</summary>
    ExpiredAutomatic,
}

/// <summary>Where the money for a refund comes from.</summary>
public enum RefundSource
{
    /// <summary>From the buyer's payment still held by the platform (not yet paid out to the seller).</summary>
    PlatformHeldFunds,

    /// <summary>From the seller's deposit (保证金), because the order's money was already paid to the seller (RTV-14 (e)).</summary>
    SellerDeposit,
}
