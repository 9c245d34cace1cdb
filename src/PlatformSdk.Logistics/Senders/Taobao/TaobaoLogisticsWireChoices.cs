namespace PlatformSdk.Logistics.Senders.Taobao;

/// <summary>
/// The TOP logistics wire details the sources do not confirm (docs/protocols/taobao-logistics.md "Unconfirmed"): kept in one
/// place so a correction is one edit. Everything here is read defensively.
/// </summary>
internal static class TaobaoLogisticsWireChoices
{
    /// <summary><c>taobao.logistics.offline.send</c>: the default, for a shipment with a waybill number.</summary>
    public const string OfflineSendMethod = "taobao.logistics.offline.send";

    /// <summary><c>taobao.logistics.online.send</c>: out_sid optional, cash on delivery supported.</summary>
    public const string OnlineSendMethod = "taobao.logistics.online.send";

    /// <summary>The carrier list API.</summary>
    public const string CompaniesGetMethod = "taobao.logistics.companies.get";

    /// <summary>The order read used to reconcile (the trade and its sub-orders' status).</summary>
    public const string TradeGetMethod = "taobao.trade.get";

    /// <summary>The fields asked of <c>taobao.trade.get</c> (UNCONFIRMED beyond <c>tid</c> and <c>status</c>).</summary>
    public const string TradeGetFields = "tid,status,consign_time,orders.oid,orders.status,orders.consign_time";

    /// <summary>The fields asked of <c>taobao.logistics.companies.get</c>.</summary>
    public const string CompaniesGetFields = "id,code,name,reg_mail_no";

    /// <summary>
    /// Several tracking numbers for one whole-order send go in one <c>out_sid</c>, comma-separated (UNCONFIRMED; the documented field
    /// is one waybill). Packages that name their own sub-orders are sent as separate split calls instead.
    /// </summary>
    public const char TrackingNumberSeparator = ',';

    /// <summary>The separator of <c>sub_tid</c> (documented: comma-separated sub-order ids).</summary>
    public const char SubOrderSeparator = ',';

    /// <summary>The success object's shipping result (<c>shipping.is_success</c>, documented).</summary>
    public const string ShippingObject = "shipping";

    /// <summary>The success flag inside <see cref="ShippingObject"/>.</summary>
    public const string IsSuccess = "is_success";

    /// <summary>The trade object of <c>taobao.trade.get</c>.</summary>
    public const string TradeObject = "trade";

    /// <summary>The sub-order list of a trade: <c>orders.order[]</c> (UNCONFIRMED; a plain array is accepted too).</summary>
    public const string OrdersObject = "orders";

    /// <summary>The element name inside <see cref="OrdersObject"/>.</summary>
    public const string OrderElement = "order";

    /// <summary>The carrier list of <c>companies.get</c>: <c>logistics_companies.logistics_company[]</c> (UNCONFIRMED; a plain array is accepted too).</summary>
    public const string CompaniesObject = "logistics_companies";

    /// <summary>The element name inside <see cref="CompaniesObject"/>.</summary>
    public const string CompanyElement = "logistics_company";

    /// <summary>Trade and sub-order states that mean "shipped" (UNCONFIRMED spellings of TOP's trade states).</summary>
    public static readonly string[] ShippedStates = ["WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED", "TRADE_FINISHED"];

    /// <summary>States that mean "not shipped yet".</summary>
    public static readonly string[] NotShippedStates = ["WAIT_SELLER_SEND_GOODS"];

    /// <summary>The trade state of a partly shipped order: read the sub-orders.</summary>
    public const string PartlyShippedState = "SELLER_CONSIGNED_PART";
}
