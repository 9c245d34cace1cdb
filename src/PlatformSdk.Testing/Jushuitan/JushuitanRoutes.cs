namespace PlatformSdk.Testing.Jushuitan;

/// <summary>
/// The route names <see cref="FakeJushuitanServer"/> assigns to requests, for <see cref="FakePlatformServer.CallsTo(string)"/> and
/// <see cref="Faults.FaultInjector.For(string)"/>. One name covers the legacy <c>method</c> and the open-API path of the same operation.
/// </summary>
public static class JushuitanRoutes
{
    /// <summary><c>shops.query</c> / <c>/open/shops/query</c>.</summary>
    public const string ShopsQuery = "shops.query";

    /// <summary><c>logisticscompany.query</c> / <c>/open/logisticscompany/query</c>.</summary>
    public const string LogisticsCompanyQuery = "logisticscompany.query";

    /// <summary><c>wms.partner.query</c> / <c>/open/wms/partner/query</c>.</summary>
    public const string WarehousePartnerQuery = "wms.partner.query";

    /// <summary><c>orders.single.query</c> / <c>/open/orders/single/query</c>.</summary>
    public const string OrdersQuery = "orders.query";

    /// <summary><c>jushuitan.orders.upload</c> / <c>/open/jushuitan/orders/upload</c>.</summary>
    public const string OrdersUpload = "orders.upload";

    /// <summary><c>jushuitan.orders.cancel</c> / <c>/open/jushuitan/orderbyoid/cancel</c>.</summary>
    public const string OrdersCancel = "orders.cancel";

    /// <summary><c>ordersent.upload</c> / <c>/open/order/sent/upload</c> (own-mall shipment upload).</summary>
    public const string ShipmentUpload = "orders.sent.upload";

    /// <summary>Legacy <c>refresh.token</c> and open-API <c>/openWeb/auth/refreshToken</c>.</summary>
    public const string TokenRefresh = "token.refresh";

    /// <summary>Open-API <c>/openWeb/auth/getInitToken</c> (self-developed merchant).</summary>
    public const string TokenInit = "token.init";

    /// <summary>Open-API <c>/openWeb/auth/accessToken</c> (ISV authorization code).</summary>
    public const string TokenAccess = "token.access";

    /// <summary>Any other legacy <c>method</c> or path.</summary>
    public const string Unknown = "unknown";
}
