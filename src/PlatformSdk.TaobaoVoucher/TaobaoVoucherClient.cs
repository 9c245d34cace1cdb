using PlatformSdk.TaobaoVoucher.Protocol;
using PlatformSdk.Top;

namespace PlatformSdk.TaobaoVoucher;

/// <summary>
/// The Taobao e-voucher (电子凭证) client over TOP: <see cref="Legacy"/> (<c>taobao.vmarket.eticket.*</c>),
/// <see cref="Merchant"/> (<c>taobao.eticket.merchant.ma.*</c>) and <see cref="Money"/> (refund and settlement calculations).
/// Obtain it from dependency injection: <c>services.AddPlatformSdk().AddTop(...).AddTaobaoVoucher(...)</c>.
/// </summary>
/// <remarks>
/// Both families are exposed side by side because their parameters differ (<c>order_id</c> Number vs <c>outer_id</c>
/// String, <c>verify_codes</c> text vs <c>isv_ma_list</c>); <see cref="TaobaoVoucherOptions.Family"/> only decides which
/// one the notice processor answers with. Every member is virtual so the client can be mocked.
/// </remarks>
public class TaobaoVoucherClient
{
    /// <summary>The platform name of client-side validation errors (same as the refund calculator's).</summary>
    public const string Platform = Refunds.VoucherRefundCalculator.Platform;

    /// <summary>Creates the client.</summary>
    /// <param name="top">The TOP client.</param>
    /// <param name="options">The e-voucher options.</param>
    /// <param name="timeProvider">The clock used by <see cref="Money"/>.</param>
    public TaobaoVoucherClient(TopClient top, TaobaoVoucherOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(top);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var caller = new VoucherCaller(top, options);
        Options = options;
        Legacy = new TaobaoVoucherLegacyClient(caller);
        Merchant = new TaobaoVoucherMerchantClient(caller);
        Money = new VoucherMoney(timeProvider);
    }

    /// <summary>For mocking.</summary>
    protected TaobaoVoucherClient()
    {
        Options = new TaobaoVoucherOptions();
        Legacy = null!;
        Merchant = null!;
        Money = new VoucherMoney(TimeProvider.System);
    }

    /// <summary>The options in use.</summary>
    public virtual TaobaoVoucherOptions Options { get; }

    /// <summary>The legacy <c>taobao.vmarket.eticket.*</c> APIs.</summary>
    public virtual TaobaoVoucherLegacyClient Legacy { get; }

    /// <summary>The successor <c>taobao.eticket.merchant.ma.*</c> APIs.</summary>
    public virtual TaobaoVoucherMerchantClient Merchant { get; }

    /// <summary>Refund and settlement amounts (the formulas live in PlatformSdk.TaobaoVoucher.Refunds / PlatformSdk.TaobaoVoucher.Settlement).</summary>
    public virtual VoucherMoney Money { get; }
}
