namespace PlatformSdk.TaobaoVoucher.Models.Redemption;

/// <summary>Check a code before redeeming: <c>taobao.vmarket.eticket.beforeconsume</c>.</summary>
public sealed class LegacyBeforeConsumeRequest : VoucherRequest
{
    /// <summary><c>order_id</c>.</summary>
    public required long OrderId { get; init; }

    /// <summary><c>verify_code</c>: the code the buyer shows (RTV-12).</summary>
    public required string VerifyCode { get; init; }

    /// <summary><c>token</c>: the send notice's token.</summary>
    public required string Token { get; init; }

    /// <summary><c>posid</c>: the operator / POS identity; required for code merchants.</summary>
    public string? PosId { get; init; }

    /// <summary><c>mobile</c>: the last 4 digits of the buyer's phone (RTV-12). TOP says to send it only when told to.</summary>
    public string? MobileLastFour { get; init; }
}

/// <summary>
/// Redeem units of a code: <c>taobao.vmarket.eticket.consume</c>. <see cref="SerialNum"/> is generated when the request is
/// created: pass the <b>same instance</b> (or the same serial) to any retry so a redemption is identified once.
/// </summary>
public sealed class LegacyConsumeRequest : VoucherRequest
{
    /// <summary><c>order_id</c>.</summary>
    public required long OrderId { get; init; }

    /// <summary><c>verify_code</c>: one code per call (RTV-12).</summary>
    public required string VerifyCode { get; init; }

    /// <summary><c>consume_num</c>: units to redeem, ≥ 1.</summary>
    public required int ConsumeNum { get; init; }

    /// <summary><c>token</c>: the send notice's token.</summary>
    public required string Token { get; init; }

    /// <summary><c>posid</c>: the operator / POS identity (kept in the redemption log, RTV-15).</summary>
    public string? PosId { get; init; }

    /// <summary><c>mobile</c>: last 4 digits of the buyer's phone (RTV-12).</summary>
    public string? MobileLastFour { get; init; }

    /// <summary><c>new_code</c>: the code for the remaining units after a partial redemption (RTV-12), when the merchant issues it.</summary>
    public string? NewCode { get; init; }

    /// <summary><c>serial_num</c>: ≤ 100 characters of <c>[a-zA-Z0-9_]</c>, unique per redemption, needed to reverse it.</summary>
    public string SerialNum { get; init; } = VoucherSerialNumber.New();

    /// <summary><c>qr_images</c>: QR file names for the new code.</summary>
    public IReadOnlyList<string> QrImages { get; init; } = [];
}

/// <summary>Reverse (冲正) a redemption: <c>taobao.vmarket.eticket.reverse</c>.</summary>
public sealed class LegacyReverseRequest : VoucherRequest
{
    /// <summary><c>order_id</c>.</summary>
    public required long OrderId { get; init; }

    /// <summary><c>reverse_code</c>: the code that was redeemed.</summary>
    public required string ReverseCode { get; init; }

    /// <summary><c>reverse_num</c>: must equal the units the redemption consumed (a partial reverse is not possible).</summary>
    public required int ReverseNum { get; init; }

    /// <summary><c>consume_secial_num</c> (sic): the serial of the redemption to reverse.</summary>
    public required string ConsumeSerialNum { get; init; }

    /// <summary><c>token</c>.</summary>
    public required string Token { get; init; }

    /// <summary><c>verify_codes</c>: optional, the codes usable after the reverse.</summary>
    public IReadOnlyList<VoucherCodeAllotment> VerifyCodes { get; init; } = [];

    /// <summary><c>posid</c>.</summary>
    public string? PosId { get; init; }
}

/// <summary>Check a code before redeeming: <c>taobao.eticket.merchant.ma.available</c>.</summary>
public sealed class MerchantAvailableRequest : VoucherRequest
{
    /// <summary><c>code</c>.</summary>
    public required string Code { get; init; }

    /// <summary><c>consume_num</c>: units the merchant intends to redeem, ≥ 1.</summary>
    public required int ConsumeNum { get; init; }

    /// <summary><c>outer_id</c>.</summary>
    public required string OuterId { get; init; }

    /// <summary><c>token</c>.</summary>
    public required string Token { get; init; }

    /// <summary><c>pos_id</c>.</summary>
    public string? PosId { get; init; }

    /// <summary><c>serial_num</c>: optional; pass the consume's serial to check that very redemption.</summary>
    public string? SerialNum { get; init; }

    /// <summary><c>biz_type</c>; <see langword="null"/> uses <see cref="TaobaoVoucherOptions.BizType"/>.</summary>
    public int? BizType { get; init; }
}

/// <summary>
/// Redeem units of a code: <c>taobao.eticket.merchant.ma.consume</c>. <see cref="SerialNum"/> is generated when the request
/// is created; reuse the instance for any retry.
/// </summary>
public sealed class MerchantConsumeRequest : VoucherRequest
{
    /// <summary><c>code</c>.</summary>
    public required string Code { get; init; }

    /// <summary><c>consume_num</c>, ≥ 1.</summary>
    public required int ConsumeNum { get; init; }

    /// <summary><c>outer_id</c>.</summary>
    public required string OuterId { get; init; }

    /// <summary><c>token</c>.</summary>
    public required string Token { get; init; }

    /// <summary><c>serial_num</c> (required by TOP): ≤ 100 characters of <c>[a-zA-Z0-9_]</c>.</summary>
    public string SerialNum { get; init; } = VoucherSerialNumber.New();

    /// <summary><c>pos_id</c>; if sent, the reverse must send the same one.</summary>
    public string? PosId { get; init; }

    /// <summary><c>isv_ma_list</c>: codes issued for the remaining units after a partial redemption (RTV-12).</summary>
    public IReadOnlyList<VoucherCodeAllotment> NewCodes { get; init; } = [];

    /// <summary><c>biz_type</c>.</summary>
    public int? BizType { get; init; }
}

/// <summary>Reverse a redemption: <c>taobao.eticket.merchant.ma.reverse</c>.</summary>
public sealed class MerchantReverseRequest : VoucherRequest
{
    /// <summary><c>code</c>: the redeemed code.</summary>
    public required string Code { get; init; }

    /// <summary><c>outer_id</c>.</summary>
    public required string OuterId { get; init; }

    /// <summary><c>reverse_num</c>: must equal the units the redemption consumed.</summary>
    public required int ReverseNum { get; init; }

    /// <summary><c>serial_num</c>: the consume's serial.</summary>
    public required string SerialNum { get; init; }

    /// <summary><c>token</c>.</summary>
    public required string Token { get; init; }

    /// <summary><c>pos_id</c>: required if the consume sent one ("如果核销时有则必传").</summary>
    public string? PosId { get; init; }

    /// <summary><c>biz_type</c>.</summary>
    public int? BizType { get; init; }
}

/// <summary>The answer of a pre-redemption check (<c>beforeconsume</c> / <c>available</c>).</summary>
public sealed class VoucherConsumeCheck
{
    /// <summary>Whether the platform allows the redemption (legacy <c>ret_code</c> 1; merchant success <c>ret_code</c>).</summary>
    public required bool MayConsume { get; init; }

    /// <summary>The <c>ret_code</c> as text.</summary>
    public string? RetCode { get; init; }

    /// <summary><c>ret_msg</c> (merchant family).</summary>
    public string? Message { get; init; }

    /// <summary><c>valid_start</c> (GMT+8).</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary><c>valid_ends</c> (GMT+8).</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary><c>left_num</c>: units left on the order.</summary>
    public int? LeftNum { get; init; }

    /// <summary><c>code_left_num</c>: units left on the code.</summary>
    public int? CodeLeftNum { get; init; }

    /// <summary><c>item_title</c>.</summary>
    public string? ItemTitle { get; init; }

    /// <summary><c>order_id</c>.</summary>
    public long? OrderId { get; init; }

    /// <summary><c>left_amount</c> as sent.</summary>
    public string? LeftAmount { get; init; }

    /// <summary><c>item_type</c> as sent.</summary>
    public string? ItemType { get; init; }

    /// <summary><c>resp_body.attribute_map</c> (merchant family).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>TOP's <c>request_id</c>.</summary>
    public string? RequestId { get; init; }
}

/// <summary>The outcome of a redemption.</summary>
public sealed class VoucherConsumeResult
{
    /// <summary>The serial sent (<c>serial_num</c>), or the one TOP returned (<c>consume_secial_num</c>); reverse with it.</summary>
    public required string SerialNum { get; init; }

    /// <summary><c>left_num</c>.</summary>
    public int? LeftNum { get; init; }

    /// <summary><c>code_left_num</c>.</summary>
    public int? CodeLeftNum { get; init; }

    /// <summary><c>item_title</c>.</summary>
    public string? ItemTitle { get; init; }

    /// <summary><c>sms_tpl</c>.</summary>
    public string? SmsTemplate { get; init; }

    /// <summary><c>print_tpl</c>.</summary>
    public string? PrintTemplate { get; init; }

    /// <summary><c>ret_code</c> as text.</summary>
    public string? RetCode { get; init; }

    /// <summary><c>ret_msg</c> (merchant family).</summary>
    public string? Message { get; init; }

    /// <summary><c>resp_body.attribute_map</c> (merchant family).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>TOP's <c>request_id</c>.</summary>
    public string? RequestId { get; init; }

    /// <summary>How many attempts the call took.</summary>
    public int Attempts { get; init; }
}

/// <summary>The outcome of a legacy reverse.</summary>
/// <param name="LeftNum"><c>left_num</c> after the reverse.</param>
/// <param name="ItemTitle"><c>item_title</c>.</param>
/// <param name="RequestId">TOP's <c>request_id</c>.</param>
public sealed record VoucherReverseResult(int? LeftNum, string? ItemTitle, string? RequestId);

/// <summary>What <c>ReconcileConsumeAsync</c> found after a redemption whose outcome was unknown.</summary>
public enum ConsumeReconciliationOutcome
{
    /// <summary>The units are gone: the redemption was applied. Nothing was resent.</summary>
    AlreadyApplied = 0,

    /// <summary>The units were still there: the redemption was resent with the same serial and succeeded.</summary>
    Resent = 1,

    /// <summary>The state does not tell (someone else redeemed, the code was replaced, or the check failed). Nothing was resent.</summary>
    Inconclusive = 2,
}

/// <summary>The result of reconciling an ambiguous redemption.</summary>
public sealed class ConsumeReconciliation
{
    /// <summary>What was found and done.</summary>
    public required ConsumeReconciliationOutcome Outcome { get; init; }

    /// <summary>The serial of the redemption (unchanged).</summary>
    public required string SerialNum { get; init; }

    /// <summary>The state check, when it answered.</summary>
    public VoucherConsumeCheck? Check { get; init; }

    /// <summary>The resent redemption's result when <see cref="Outcome"/> is <see cref="ConsumeReconciliationOutcome.Resent"/>.</summary>
    public VoucherConsumeResult? Result { get; init; }

    /// <summary>Why the outcome was chosen, for logs and operators.</summary>
    public required string Explanation { get; init; }
}
