namespace PlatformSdk.Testing.Alibaba1688;

/// <summary>
/// The route names <see cref="Fake1688Server"/> assigns to requests, for <see cref="FakePlatformServer.CallsTo(string)"/> and
/// <see cref="Faults.FaultInjector.For(string)"/>. An API call's route is its API name (the path segment after the namespace).
/// </summary>
public static class Fake1688Routes
{
    /// <summary>The browser authorize page <c>GET /oauth/authorize</c>.</summary>
    public const string Authorize = "oauth.authorize";

    /// <summary><c>system.oauth2/getToken</c> under <c>http/1</c> or <c>param2/1</c> (code exchange and refresh).</summary>
    public const string GetToken = "system.oauth2.getToken";

    /// <summary>The fake cashier page <c>GET /pay/{token}</c> that a QR scan opens.</summary>
    public const string PayPage = "pay.page";

    /// <summary><c>com.alibaba.product:alibaba.photobank.photo.add-1</c>.</summary>
    public const string PhotoAdd = "alibaba.photobank.photo.add";

    /// <summary><c>com.alibaba.product:alibaba.product.add-1</c>.</summary>
    public const string ProductAdd = "alibaba.product.add";

    /// <summary><c>com.alibaba.product:alibaba.product.get-1</c>.</summary>
    public const string ProductGet = "alibaba.product.get";

    /// <summary><c>com.alibaba.product:alibaba.product.list.get-1</c>.</summary>
    public const string ProductList = "alibaba.product.list.get";

    /// <summary><c>com.alibaba.trade:alibaba.trade.fastCreateOrder-1</c> (the pre-order stand-in).</summary>
    public const string FastCreateOrder = "alibaba.trade.fastCreateOrder";

    /// <summary><c>com.alibaba.trade:alibaba.alipay.url.get-1</c>.</summary>
    public const string PayUrlGet = "alibaba.alipay.url.get";

    /// <summary><c>com.alibaba.trade:alibaba.trade.get.sellerView-1</c>.</summary>
    public const string OrderGet = "alibaba.trade.get.sellerView";

    /// <summary><c>com.alibaba.trade:alibaba.trade.getSellerOrderList-1</c>.</summary>
    public const string OrderList = "alibaba.trade.getSellerOrderList";

    /// <summary><c>com.alibaba.trade:alibaba.trade.cancel-1</c>.</summary>
    public const string OrderCancel = "alibaba.trade.cancel";

    /// <summary><c>com.alibaba.logistics:alibaba.logistics.OpQueryLogisticCompanyList.offline-1</c>.</summary>
    public const string CarrierList = "alibaba.logistics.OpQueryLogisticCompanyList.offline";

    /// <summary><c>com.alibaba.logistics:alibaba.logistics.OpDeliverySendOrder.offline-1</c>.</summary>
    public const string SendGoods = "alibaba.logistics.OpDeliverySendOrder.offline";

    /// <summary>Any request that is not under <c>/openapi/</c>, <c>/oauth/authorize</c> or <c>/pay/</c>.</summary>
    public const string Unknown = "unknown";
}
