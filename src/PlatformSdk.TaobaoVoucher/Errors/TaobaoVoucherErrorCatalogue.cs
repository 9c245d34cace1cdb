using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Protocol;
using PlatformSdk.Top.Errors;

namespace PlatformSdk.TaobaoVoucher.Errors;

/// <summary>
/// E-voucher errors on top of TOP's catalogue (included with <c>ErrorCatalogueBuilder.Include</c>): the <c>ret_code</c> failures of both
/// families and the e-voucher business sub-codes. Categories of e-voucher entries are SDK decisions (docs/protocols/taobao-voucher.md lists no
/// error codes); see docs/taobao-voucher.md "Errors".
/// </summary>
public static class TaobaoVoucherErrorCatalogue
{
    /// <summary>The code of a legacy reply whose <c>ret_code</c> is not 1 (TOP answered with the success wrapper but "0 = fail").</summary>
    public const string LegacyRetCodeFailure = "eticket-ret-code-failed";

    /// <summary>The code of a merchant-family reply whose <c>ret_code</c> is not a success value.</summary>
    public const string MerchantRetCodeFailure = "eticket-merchant-ret-code";

    /// <summary>The code of a <c>ma.delay</c> reply with <c>is_success=false</c>.</summary>
    public const string DelayFailure = "eticket-delay-failed";

    private const string RetCodeRemedy = "TOP processed the call and answered that it failed (ret_code). Nothing changed on the platform; "
        + "check the order's state (codes.get / beforeconsume / available) and the request, then send again. Not retried automatically.";

    private const string BusinessRemedy = "The e-voucher service refused the operation under its rules (sub_msg says which: code used or void, order refunded, "
        + "token of another notice, …). Check the order's state; the call is not retried.";

    private const string TokenRemedy = "The token must be the one of the send notice being answered (发码通知中的token). Use the token of the latest notice "
        + "for this order; if it was lost, ask TOP to notify again (Legacy.ManageNotifyAsync).";

    /// <summary>The catalogue (platform <see cref="TaobaoVoucherClient.Platform"/>), with TOP's entries included for everything else TOP answers.</summary>
    public static ErrorCatalogue Instance { get; } = Build();

    private static ErrorCatalogue Build()
    {
        return ErrorCatalogue.CreateBuilder(TaobaoVoucherClient.Platform)
            .SubCodePrefix(TaobaoVoucherWireChoices.BusinessSubCodePrefix, ErrorCategory.BusinessRule, BusinessRemedy)
            .Message("token需要和发码通知中的token一致", ErrorCategory.BusinessRule, TokenRemedy)
            .Message("有效期只能延长", ErrorCategory.Validation, "A voucher's validity can only be extended, never shortened (RTV-11).", "RTV-11")
            .Message("手机号后四位", ErrorCategory.BusinessRule, "The last 4 digits of the buyer's phone do not match the order (RTV-12); ask the buyer again.", "RTV-12")
            .Code(LegacyRetCodeFailure, ErrorCategory.BusinessRule, RetCodeRemedy)
            .Code(MerchantRetCodeFailure, ErrorCategory.BusinessRule, RetCodeRemedy)
            .Code(DelayFailure, ErrorCategory.BusinessRule, "TOP refused to move the end date (is_success=false); res_msg says why. Validity can only be extended (RTV-11).", "RTV-11")
            .Include(TopErrorCatalogue.Instance)
            .Build();
    }
}
