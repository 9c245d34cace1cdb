namespace PlatformSdk.Testing.Top;

/// <summary>
/// The TOP methods of the e-voucher module (<see cref="FakeVoucherModule"/>), and the route of requests no module serves. Each
/// method name is also the route name of the journal and of fault rules (<c>fake.Faults.For(FakeTopMethods.VmarketConsume)</c>);
/// requests without a method a registered module serves use <see cref="Unknown"/>.
/// </summary>
public static class FakeTopMethods
{
    /// <summary>Route of requests to other paths, without <c>method</c>, or with a method no registered module serves.</summary>
    public const string Unknown = "unknown";

    /// <summary><c>taobao.vmarket.eticket.send</c>: legacy 发码成功回调.</summary>
    public const string VmarketSend = "taobao.vmarket.eticket.send";

    /// <summary><c>taobao.vmarket.eticket.resend</c>: legacy 重新发码.</summary>
    public const string VmarketResend = "taobao.vmarket.eticket.resend";

    /// <summary><c>taobao.vmarket.eticket.beforeconsume</c>: legacy 验码前置确认.</summary>
    public const string VmarketBeforeConsume = "taobao.vmarket.eticket.beforeconsume";

    /// <summary><c>taobao.vmarket.eticket.consume</c>: legacy 核销.</summary>
    public const string VmarketConsume = "taobao.vmarket.eticket.consume";

    /// <summary><c>taobao.vmarket.eticket.reverse</c>: legacy 冲正.</summary>
    public const string VmarketReverse = "taobao.vmarket.eticket.reverse";

    /// <summary><c>taobao.vmarket.eticket.failsend</c>: legacy 无法发码.</summary>
    public const string VmarketFailSend = "taobao.vmarket.eticket.failsend";

    /// <summary><c>taobao.vmarket.eticket.codes.get</c>: the codes of an order.</summary>
    public const string VmarketCodesGet = "taobao.vmarket.eticket.codes.get";

    /// <summary><c>taobao.vmarket.eticket.tasks.get</c>: pending (type 1) and failed (type 2) send notices.</summary>
    public const string VmarketTasksGet = "taobao.vmarket.eticket.tasks.get";

    /// <summary><c>taobao.vmarket.eticket.time.expand</c>: extend validity by whole days (RTV-11).</summary>
    public const string VmarketTimeExpand = "taobao.vmarket.eticket.time.expand";

    /// <summary><c>taobao.eticket.merchant.ma.send</c>.</summary>
    public const string MerchantSend = "taobao.eticket.merchant.ma.send";

    /// <summary><c>taobao.eticket.merchant.ma.resend</c>.</summary>
    public const string MerchantResend = "taobao.eticket.merchant.ma.resend";

    /// <summary><c>taobao.eticket.merchant.ma.available</c>: 核销前校验.</summary>
    public const string MerchantAvailable = "taobao.eticket.merchant.ma.available";

    /// <summary><c>taobao.eticket.merchant.ma.consume</c>.</summary>
    public const string MerchantConsume = "taobao.eticket.merchant.ma.consume";

    /// <summary><c>taobao.eticket.merchant.ma.reverse</c>.</summary>
    public const string MerchantReverse = "taobao.eticket.merchant.ma.reverse";

    /// <summary><c>taobao.eticket.merchant.ma.failsend</c>.</summary>
    public const string MerchantFailSend = "taobao.eticket.merchant.ma.failsend";

    /// <summary><c>taobao.eticket.merchant.ma.delay</c>: move the end of validity to <c>end_date</c> (RTV-11).</summary>
    public const string MerchantDelay = "taobao.eticket.merchant.ma.delay";

    /// <summary>Every e-voucher method (what <see cref="FakeVoucherModule.Methods"/> serves).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        VmarketSend, VmarketResend, VmarketBeforeConsume, VmarketConsume, VmarketReverse, VmarketFailSend, VmarketCodesGet,
        VmarketTasksGet, VmarketTimeExpand, MerchantSend, MerchantResend, MerchantAvailable, MerchantConsume, MerchantReverse,
        MerchantFailSend, MerchantDelay,
    ];
}
