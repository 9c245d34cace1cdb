using PlatformSdk.Http;
using PlatformSdk.Top;

namespace PlatformSdk.TaobaoVoucher.Protocol;

/// <summary>
/// The e-voucher TOP APIs with their idempotency (docs/taobao-voucher.md "Idempotency"). The idempotency decides what the
/// pipeline retries: reads and idempotent writes on transient failures, non-idempotent writes only when provably not sent.
/// </summary>
internal static class VoucherOperations
{
    /// <summary><c>taobao.vmarket.eticket.send</c>: not known to be deduplicated by token, so never repeated blindly.</summary>
    public static TopOperation LegacySend { get; } = new("taobao.vmarket.eticket.send", OperationIdempotency.NonIdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.vmarket.eticket.resend</c>: each resend may text the buyer again (RTV-10: once per day).</summary>
    public static TopOperation LegacyResend { get; } = new("taobao.vmarket.eticket.resend", OperationIdempotency.NonIdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.vmarket.eticket.beforeconsume</c>: a check, changes nothing.</summary>
    public static TopOperation LegacyBeforeConsume { get; } = new("taobao.vmarket.eticket.beforeconsume", OperationIdempotency.Read, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.vmarket.eticket.consume</c>: redeems units; dedup by <c>serial_num</c> is not documented.</summary>
    public static TopOperation LegacyConsume { get; } = new("taobao.vmarket.eticket.consume", OperationIdempotency.NonIdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.vmarket.eticket.reverse</c>: gives units back; a second reverse of the same serial is not known to be refused.</summary>
    public static TopOperation LegacyReverse { get; } = new("taobao.vmarket.eticket.reverse", OperationIdempotency.NonIdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.vmarket.eticket.failsend</c>: reports one notice as unfulfillable; repeating reports the same fact.</summary>
    public static TopOperation LegacyFailSend { get; } = new("taobao.vmarket.eticket.failsend", OperationIdempotency.IdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.vmarket.eticket.qrcode.upload</c>: a repeat only stores the image again under another name.</summary>
    public static TopOperation LegacyQrCodeUpload { get; } = new("taobao.vmarket.eticket.qrcode.upload", OperationIdempotency.IdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.vmarket.eticket.codes.get</c>.</summary>
    public static TopOperation LegacyCodesGet { get; } = new("taobao.vmarket.eticket.codes.get", OperationIdempotency.Read, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.vmarket.eticket.tasks.get</c>.</summary>
    public static TopOperation LegacyTasksGet { get; } = new("taobao.vmarket.eticket.tasks.get", OperationIdempotency.Read, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.vmarket.eticket.manage.notify</c>: each call triggers another notice (and token).</summary>
    public static TopOperation LegacyManageNotify { get; } = new("taobao.vmarket.eticket.manage.notify", OperationIdempotency.NonIdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.vmarket.eticket.time.expand</c>: relative (<c>expand_days</c>), so a repeat extends twice.</summary>
    public static TopOperation LegacyTimeExpand { get; } = new("taobao.vmarket.eticket.time.expand", OperationIdempotency.NonIdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.eticket.merchant.ma.send</c>.</summary>
    public static TopOperation MerchantSend { get; } = new("taobao.eticket.merchant.ma.send", OperationIdempotency.NonIdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.eticket.merchant.ma.resend</c>.</summary>
    public static TopOperation MerchantResend { get; } = new("taobao.eticket.merchant.ma.resend", OperationIdempotency.NonIdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.eticket.merchant.ma.available</c>: a check before consuming.</summary>
    public static TopOperation MerchantAvailable { get; } = new("taobao.eticket.merchant.ma.available", OperationIdempotency.Read, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.eticket.merchant.ma.consume</c>.</summary>
    public static TopOperation MerchantConsume { get; } = new("taobao.eticket.merchant.ma.consume", OperationIdempotency.NonIdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.eticket.merchant.ma.reverse</c>.</summary>
    public static TopOperation MerchantReverse { get; } = new("taobao.eticket.merchant.ma.reverse", OperationIdempotency.NonIdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.eticket.merchant.ma.failsend</c>.</summary>
    public static TopOperation MerchantFailSend { get; } = new("taobao.eticket.merchant.ma.failsend", OperationIdempotency.IdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.eticket.merchant.ma.delay</c>: sets an absolute <c>end_date</c>, so a repeat sets the same date.</summary>
    public static TopOperation MerchantDelay { get; } = new("taobao.eticket.merchant.ma.delay", OperationIdempotency.IdempotentWrite, TaobaoVoucherClient.Platform);

    /// <summary><c>taobao.eticket.merchant.img.upload</c>.</summary>
    public static TopOperation MerchantImageUpload { get; } = new("taobao.eticket.merchant.img.upload", OperationIdempotency.IdempotentWrite, TaobaoVoucherClient.Platform);
}
