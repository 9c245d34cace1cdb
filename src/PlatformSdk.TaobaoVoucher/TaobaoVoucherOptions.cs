namespace PlatformSdk.TaobaoVoucher;

/// <summary>Which e-voucher API family the notice processor answers with.</summary>
public enum VoucherApiFamily
{
    /// <summary><c>taobao.vmarket.eticket.*</c> (orders by <c>order_id</c>; trusted sellers and code merchants).</summary>
    Legacy = 0,

    /// <summary><c>taobao.eticket.merchant.ma.*</c> (code merchant callbacks by <c>outer_id</c>).</summary>
    Merchant = 1,
}

/// <summary>
/// E-voucher settings, bound for example from <c>PlatformSdk:TaobaoVoucher</c>:
/// <code>{ "Seller": "my-shop", "CodeMerchantId": 1234, "Family": "Legacy", "BizType": 1 }</code>
/// The TOP app and the sellers' sessions are <see cref="Top.TopOptions"/> (<c>PlatformSdk:Top</c>).
/// </summary>
public sealed class TaobaoVoucherOptions
{
    /// <summary>The seller whose session signs calls unless a request names another; must be a key of <c>Top:Sellers</c>.</summary>
    public string? Seller { get; set; }

    /// <summary>
    /// <c>codemerchant_id</c> for a code merchant (码商, RTV-06); leave empty when the seller issues its own codes (信任卖家).
    /// Code merchants must also send <c>posid</c> on <c>beforeconsume</c>.
    /// </summary>
    public long? CodeMerchantId { get; set; }

    /// <summary>The family <see cref="Notifications.VoucherNotificationProcessor"/> answers notices with. Default <see cref="VoucherApiFamily.Legacy"/>.</summary>
    public VoucherApiFamily Family { get; set; } = VoucherApiFamily.Legacy;

    /// <summary>Default <c>biz_type</c> for the merchant family (required by <c>ma.delay</c>).</summary>
    public int? BizType { get; set; }

    /// <summary>
    /// Allow <see cref="Seller"/> without a configured session (sessions stored at run time with <c>TopSessionProvider</c>).
    /// Default <see langword="false"/>: a missing session fails at startup instead of at the first redemption.
    /// </summary>
    public bool SessionsStoredAtRuntime { get; set; }

    /// <summary>Page size of the polling notice source (1–100). Default 40.</summary>
    public int PollingPageSize { get; set; } = Protocol.TaobaoVoucherWireChoices.TasksDefaultPageSize;

    /// <inheritdoc />
    public override string ToString() => $"TaobaoVoucherOptions(Seller={Seller}, CodeMerchantId={CodeMerchantId}, Family={Family})";
}
