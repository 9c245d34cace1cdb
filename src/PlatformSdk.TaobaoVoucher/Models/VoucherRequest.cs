namespace PlatformSdk.TaobaoVoucher.Models;

/// <summary>The base of every e-voucher request: which seller's session signs it.</summary>
/// <remarks>Requests are classes, not records, so the notice token never appears in a generated <c>ToString</c>.</remarks>
public abstract class VoucherRequest
{
    /// <summary>The seller (a key of <c>Top:Sellers</c>); <see langword="null"/> uses <see cref="TaobaoVoucherOptions.Seller"/>.</summary>
    public string? Seller { get; init; }
}

/// <summary>A code and the number of units it can redeem (<c>码:可验证次数</c> in <c>verify_codes</c>; <c>IsvMa</c> in the merchant family).</summary>
/// <param name="Code">The code: 6–11 digits (RTV-12).</param>
/// <param name="Count">Units the code can redeem, ≥ 1.</param>
/// <param name="QrImage">Optional QR image file name returned by the image upload.</param>
public sealed record VoucherCodeAllotment(string Code, int Count, string? QrImage = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{Model.VoucherCode.Mask(Code)}:{Count}";
}

/// <summary>The plain outcome of a write that returns only a result code.</summary>
public sealed class VoucherCallResult
{
    /// <summary>The TOP API called.</summary>
    public required string Method { get; init; }

    /// <summary>The <c>ret_code</c> (or <c>res_code</c>) as text, when the reply has one.</summary>
    public string? RetCode { get; init; }

    /// <summary>The <c>ret_msg</c> (or <c>res_msg</c>), when the reply has one.</summary>
    public string? Message { get; init; }

    /// <summary><c>resp_body.attribute_map</c> of merchant replies (empty otherwise).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>TOP's <c>request_id</c>.</summary>
    public string? RequestId { get; init; }

    /// <summary>How many attempts the call took.</summary>
    public int Attempts { get; init; }
}
