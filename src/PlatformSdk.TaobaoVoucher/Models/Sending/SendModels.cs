namespace PlatformSdk.TaobaoVoucher.Models.Sending;

/// <summary>Answer a send notice with codes: <c>taobao.vmarket.eticket.send</c> / <c>.resend</c> (legacy family).</summary>
public sealed class LegacySendCodesRequest : VoucherRequest
{
    /// <summary><c>order_id</c>: the Taobao order.</summary>
    public required long OrderId { get; init; }

    /// <summary><c>token</c>: must equal the token of the send notice being answered.</summary>
    public required string Token { get; init; }

    /// <summary><c>verify_codes</c> (and <c>qr_images</c>, aligned): for a resend, <b>all</b> codes currently usable.</summary>
    public required IReadOnlyList<VoucherCodeAllotment> Codes { get; init; }
}

/// <summary>Answer a send notice with codes: <c>taobao.eticket.merchant.ma.send</c> / <c>.resend</c>.</summary>
public sealed class MerchantSendCodesRequest : VoucherRequest
{
    /// <summary><c>outer_id</c>: the business id (order number) of the notice.</summary>
    public required string OuterId { get; init; }

    /// <summary><c>token</c>: must equal the token of the send notice being answered.</summary>
    public required string Token { get; init; }

    /// <summary><c>isv_ma_list</c>: the codes with their units and optional QR image.</summary>
    public required IReadOnlyList<VoucherCodeAllotment> Codes { get; init; }

    /// <summary><c>biz_type</c>; <see langword="null"/> uses <see cref="TaobaoVoucherOptions.BizType"/>.</summary>
    public int? BizType { get; init; }
}

/// <summary>Report that a send notice cannot be fulfilled: <c>taobao.vmarket.eticket.failsend</c>.</summary>
public sealed class LegacyFailSendRequest : VoucherRequest
{
    /// <summary><c>order_id</c>.</summary>
    public required long OrderId { get; init; }

    /// <summary><c>error_code</c> (Number).</summary>
    public required long ErrorCode { get; init; }

    /// <summary><c>error_msg</c>.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary><c>token</c> of the notice.</summary>
    public required string Token { get; init; }
}

/// <summary>Report that a send notice cannot be fulfilled: <c>taobao.eticket.merchant.ma.failsend</c>.</summary>
public sealed class MerchantFailSendRequest : VoucherRequest
{
    /// <summary><c>outer_id</c>.</summary>
    public required string OuterId { get; init; }

    /// <summary><c>sub_err_code</c>.</summary>
    public required string SubErrorCode { get; init; }

    /// <summary><c>sub_err_msg</c>.</summary>
    public required string SubErrorMessage { get; init; }

    /// <summary><c>token</c> of the notice.</summary>
    public required string Token { get; init; }

    /// <summary><c>biz_type</c>; <see langword="null"/> uses <see cref="TaobaoVoucherOptions.BizType"/>.</summary>
    public int? BizType { get; init; }
}

/// <summary>Which notice <c>taobao.vmarket.eticket.manage.notify</c> asks TOP to issue again.</summary>
public enum VoucherNotifyMethod
{
    /// <summary><c>send</c>.</summary>
    Send = 0,

    /// <summary><c>resend</c>.</summary>
    Resend = 1,
}

/// <summary>An uploaded QR image: the file name to put in <see cref="VoucherCodeAllotment.QrImage"/>.</summary>
/// <param name="FileName"><c>img_filename</c>.</param>
/// <param name="RequestId">TOP's <c>request_id</c>.</param>
public sealed record VoucherImageUpload(string FileName, string? RequestId);
