namespace PlatformSdk.TaobaoVoucher.Model;

/// <summary>The lifecycle state of an e-voucher order (RTV-10, RTV-12, RTV-15).</summary>
public enum VoucherOrderState
{
    /// <summary>Paid, code not sent yet. Sending the code ships the order (RTV-10).</summary>
    AwaitingCode,

    /// <summary>The code was sent (the order is shipped, RTV-10) and no unit is redeemed.</summary>
    Issued,

    /// <summary>Some units are redeemed; a new code stands for the remainder (RTV-12).</summary>
    PartiallyRedeemed,

    /// <summary>Every unit is redeemed (report state <see cref="VoucherReportState.Used"/>).</summary>
    FullyRedeemed,

    /// <summary>The remaining units were refunded and their code is void (RTV-14; report state <see cref="VoucherReportState.Unavailable"/>).</summary>
    Refunded,

    /// <summary>The validity ended with units unredeemed (RTV-05, RTV-14 (f); report state <see cref="VoucherReportState.Unavailable"/>).</summary>
    Expired,
}

/// <summary>The order states the seller's voucher reports show (RTV-15).</summary>
public enum VoucherReportState
{
    /// <summary>可用: units are left to redeem.</summary>
    Available,

    /// <summary>不可用: refunded or expired.</summary>
    Unavailable,

    /// <summary>已用: every unit is redeemed.</summary>
    Used,
}

/// <summary>Who asks for an operation on the order.</summary>
public enum VoucherActor
{
    /// <summary>The buyer (self-service in the order details).</summary>
    Buyer,

    /// <summary>The seller (or its code merchant acting for it).</summary>
    Seller,
}

/// <summary>The status of one code the order has had.</summary>
public enum VoucherCodeStatus
{
    /// <summary>The code can be redeemed; an order has at most one live code.</summary>
    Live,

    /// <summary>The code was replaced after a partial redemption (RTV-12), or voided by a refund or expiry.</summary>
    Void,

    /// <summary>The code's last units were redeemed.</summary>
    Spent,
}

/// <summary>What happened in one history entry.</summary>
public enum VoucherEventKind
{
    /// <summary>The order was created (paid, awaiting the code).</summary>
    Created,

    /// <summary>The code was sent: the order is shipped (RTV-10).</summary>
    CodeSent,

    /// <summary>The live code was sent again (RTV-10).</summary>
    CodeResent,

    /// <summary>The buyer changed the mobile number (RTV-10).</summary>
    MobileChanged,

    /// <summary>The buyer gave the voucher to another mobile number (RTV-10).</summary>
    Gifted,

    /// <summary>Units were redeemed (RTV-12).</summary>
    Redeemed,

    /// <summary>A redemption was reversed (冲正).</summary>
    Reversed,

    /// <summary>The seller extended the validity (RTV-11).</summary>
    ValidityExtended,

    /// <summary>The remaining units were refunded (RTV-14).</summary>
    Refunded,

    /// <summary>The remaining units expired (RTV-05, RTV-14 (f)).</summary>
    Expired,
}

/// <summary>Why the remaining units of an order were refunded (RTV-14 (a)–(e); expiry refunds (f) happen through <see cref="VoucherOrder.Expire"/>).</summary>
public enum VoucherRefundReason
{
    /// <summary>(a) Unexpired, automatic: processed within 24 h; all unused codes become void.</summary>
    UnexpiredAutomatic,

    /// <summary>(b) Unexpired, manual (categories without automatic refund): the seller has 5 days, then the system refunds.</summary>
    UnexpiredManual,

    /// <summary>(c) Not received: full refund, no code fee. Only possible while no unit is redeemed.</summary>
    NotReceived,

    /// <summary>(d) Received, no return: the amount is negotiated.</summary>
    ReceivedNoReturn,

    /// <summary>(e) After-sale, once the trade is completed: taken from the seller's deposit.</summary>
    AfterSale,
}

/// <summary>How an item can be delivered (RTV-04).</summary>
public enum VoucherItemDelivery
{
    /// <summary>E-voucher only: orders default to an e-voucher.</summary>
    EVoucher,

    /// <summary>Mail only.</summary>
    Mail,

    /// <summary>Both: the buyer picks one when ordering (RTV-09).</summary>
    EVoucherOrMail,
}

/// <summary>How one order is delivered (RTV-09).</summary>
public enum VoucherDeliveryMethod
{
    /// <summary>An e-voucher code sent to a mobile number.</summary>
    EVoucher,

    /// <summary>Mailed goods: not a voucher order.</summary>
    Mail,
}

/// <summary>How the platform pays the order's money to the seller (RTV-02).</summary>
public enum VoucherSettlementMode
{
    /// <summary>核销打款, the default: paid as units are redeemed.</summary>
    RedeemThenPay,

    /// <summary>T+N打款 (today T+3): everything N days after the code is sent, earlier on earlier redemption (RTV-03).</summary>
    TPlusN,
}
