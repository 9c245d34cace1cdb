namespace PlatformSdk.TaobaoVoucher.Protocol;

/// <summary>
/// Every wire decision the research could not confirm (docs/protocols/taobao-voucher.md, docs/taobao-voucher.md "Wire choices"),
/// in one place so a correction is one edit. Each member says what is known and what was chosen.
/// </summary>
internal static class TaobaoVoucherWireChoices
{
    /// <summary>Legacy <c>ret_code</c> success value: the metadata says Number, 1 = success, 0 = failure (confirmed, S-OT).</summary>
    public const long LegacySuccessRetCode = 1;

    /// <summary>
    /// UNCONFIRMED: the merchant family's <c>ret_code</c> is a String "子结果码" whose success value is not documented. The SDK
    /// treats these values (case-insensitive) as success and anything else as a failure carrying <c>ret_msg</c>; a reply without
    /// a readable <c>ret_code</c> has an unknown outcome (never success), so a write reports MayHaveBeenProcessed.
    /// </summary>
    public static IReadOnlyList<string> MerchantSuccessRetCodes { get; } = ["1", "0000", "200", "SUCCESS", "OK", "true"];

    /// <summary>
    /// UNCONFIRMED: how <c>isv_ma_list</c> (IsvMa[]) travels. TOP sends complex parameters as JSON text, so the SDK sends a JSON
    /// array of <c>{"code","num","qr_image"}</c> objects.
    /// </summary>
    public const string IsvMaListEncoding = "json-array";

    /// <summary>
    /// UNCONFIRMED: TOP list replies wrap arrays in an object (<c>"eticket_codes":{"eticket_code":[…]}</c>); simplified replies
    /// send a bare array. The SDK reads both.
    /// </summary>
    public const bool ListsMayBeWrapped = true;

    /// <summary>
    /// UNCONFIRMED: the sub-code family of e-voucher business errors. TOP reports business failures as code 15 with an
    /// <c>isv.*</c> sub-code; the SDK treats <c>isv.eticket*</c> sub-codes as business-rule refusals (not retried, the order
    /// state decides) rather than request-format errors.
    /// </summary>
    public const string BusinessSubCodePrefix = "isv.eticket";

    /// <summary>Maximum length of <c>serial_num</c> (metadata: ≤ 100 characters of <c>[a-zA-Z0-9_]</c>).</summary>
    public const int SerialNumMaxLength = 100;

    /// <summary>Largest QR image <c>qrcode.upload</c> accepts: "小于300K" (metadata). Read as 300 × 1024 bytes, exclusive.</summary>
    public const int QrImageMaxBytes = 300 * 1024;

    /// <summary>Largest QR image dimensions: "400*400以内" (metadata), inclusive.</summary>
    public const int QrImageMaxPixels = 400;

    /// <summary>Page size bounds of <c>tasks.get</c> (metadata: 1–100, default 40).</summary>
    public const int TasksMaxPageSize = 100;

    /// <summary>Default page size of <c>tasks.get</c>.</summary>
    public const int TasksDefaultPageSize = 40;

    /// <summary>
    /// UNCONFIRMED: how the send notice (发码通知) reaches the code merchant (TMC topic or HTTP push; §3.3). The SDK's default
    /// source polls <c>taobao.vmarket.eticket.tasks.get</c>; tasks carry only <c>order_id</c>, so a polled notice has no token
    /// and is answered by asking TOP to notify again (<c>manage.notify</c>) unless the application knows the token.
    /// </summary>
    public const string NoticeTransport = "unconfirmed: polling tasks.get by default; queue for TMC/HTTP pushes";
}
