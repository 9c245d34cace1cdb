namespace PlatformSdk.Alibaba1688.Protocol;

/// <summary>
/// Every wire-format choice the SDK made where docs/protocols/1688.md marks a fact UNCONFIRMED, not found, or a design
/// decision. Change a choice here and nowhere else; each member cites the doc section and its row in the §10 table.
/// </summary>
internal static class Alibaba1688WireChoices
{
    /// <summary>Sort the <c>key+value</c> strings (official PHP SDK), not the keys, with ordinal comparison. Doc §3, §10 #2 (confirmed).</summary>
    public const bool SortConcatenatedPairs = true;

    /// <summary>Send <c>_aop_timestamp</c> on every signed call. The official PHP SDK has it commented out. Doc §2, §10 #3 (UNCONFIRMED).</summary>
    public const bool SendTimestamp = true;

    /// <summary><c>_aop_timestamp</c> is Unix milliseconds, as most clients send it. Doc §2, §10 #3 (UNCONFIRMED).</summary>
    public const bool TimestampInMilliseconds = true;

    /// <summary>Do not send <c>_aop_datePattern</c>: the SDK always formats dates in the server pattern. Doc §2, §10 #4.</summary>
    public const bool SendDatePattern = false;

    /// <summary>The protocol segment of API calls. Doc §1 (confirmed).</summary>
    public const string ApiProtocol = "param2";

    /// <summary>The protocol segment of the authorization-code exchange (<c>getToken</c>). Doc §4, §10 #6 (confirmed).</summary>
    public const string TokenExchangeProtocol = "http";

    /// <summary>The protocol segment of the token refresh: clients split between <c>param2</c> and <c>http</c>. Doc §4, §10 #7 (UNCONFIRMED).</summary>
    public const string RefreshTokenProtocol = "param2";

    /// <summary>Refresh an access token this long before it expires (it lives 10 h). Doc §4, §10 #9 (design).</summary>
    public static readonly TimeSpan TokenRefreshMargin = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Lifetime assumed for a token configured without an expiry: the documented 10 h (<c>expires_in</c> 36000). An older
    /// token is rejected with <c>401</c> and refreshed once. Doc §4, §9.
    /// </summary>
    public static readonly TimeSpan AssumedAccessTokenLifetime = TimeSpan.FromHours(10);

    /// <summary>
    /// The pre-order creation API: no 1688 pre-order API was found, <c>fastCreateOrder</c> is the stand-in. Doc §7, §10 #13
    /// (not found). Format <c>namespace:name-version</c>.
    /// </summary>
    public const string PreOrderCreateApi = "com.alibaba.trade:alibaba.trade.fastCreateOrder-1";

    /// <summary>The <c>flow</c> sent with <see cref="PreOrderCreateApi"/> (<c>general</c> = 大市场). Doc §6 CreatePreOrder.</summary>
    public const string PreOrderFlow = "general";

    /// <summary>The payment-link API. Doc §6 GetPaymentUrl, §10 #13 (confirmed).</summary>
    public const string PaymentUrlApi = "com.alibaba.trade:alibaba.alipay.url.get-1";

    /// <summary>
    /// The pre-order QR code is the <c>alibaba.alipay.url.get</c> payment URL rendered by the SDK (no platform QR field is
    /// known). Set to <see langword="false"/> to return only the URL. Doc §7 step 5, §10 #14 (design choice, <c>PreOrderQrSource = RenderPayUrl</c>).
    /// </summary>
    public const bool RenderPaymentUrlAsQr = true;

    /// <summary>Leave <c>specId</c> out of <c>cargoParamList</c> for an offer without SKUs. Doc §7 step 2, §10 #16 (UNCONFIRMED).</summary>
    public const bool OmitSpecIdWhenNoSku = true;

    /// <summary>
    /// Creating an order is treated as non-idempotent even though <c>outOrderId</c> is always sent: its idempotency is
    /// only a secondary source. Ambiguous failures are reconciled by <c>outOrderId</c>. Doc §6, §10 #17.
    /// </summary>
    public const bool TreatOutOrderIdAsIdempotencyKey = false;

    /// <summary>Lines per pre-order (R1688-19; confirmed on the sibling <c>createCrossOrder</c>). Doc §9, §10 #18.</summary>
    public const int MaxOrderLines = 50;

    /// <summary>Orders per <c>alibaba.alipay.url.get</c> call. Doc §6, §9 (confirmed).</summary>
    public const int MaxOrdersPerPaymentLink = 100;

    /// <summary>The simple-offer publish API was not found: <c>product.add</c> without <c>skuInfos</c>. Doc §8, §10 #19 (not found).</summary>
    public const string PublishApi = "com.alibaba.product:alibaba.product.add-1";

    /// <summary>The <c>productType</c> sent with <see cref="PublishApi"/>. Doc §8 (<c>wholesale|sourcing</c>).</summary>
    public const string PublishProductType = "wholesale";

    /// <summary>Images per product: R1688-06 (vendor FAQ only, docs/rules.md). Doc §8, §10 #21 (UNCONFIRMED).</summary>
    public const int MaxImages = 5;

    /// <summary>Bytes per image (official Python SDK). Doc §8, §10 #20 (confirmed).</summary>
    public const long MaxImageBytes = 2 * 1024 * 1024;

    /// <summary>Image host the photobank paths are relative to; <c>product.add</c> takes the relative path. Doc §8 (S-php1688b).</summary>
    public const string ImageHost = "https://cbu01.alicdn.com/";

    /// <summary>The most product pages one download reads (100,000 offers at 20 a page) before it stops with an error.</summary>
    public const int MaxProductPages = 5_000;

    /// <summary>Product list page size (≤ 20, confirmed). Doc §8, §10 #23.</summary>
    public const int ProductPageSize = 20;

    /// <summary>Send <c>needDetail=true</c> and fetch <c>product.get</c> for list items without <c>skuInfos</c>. Doc §8, §10 #24 (UNCONFIRMED).</summary>
    public const bool FetchDetailWhenSkusMissing = true;

    /// <summary>Seller-side order detail; its fields are assumed equal to the buyer-view doc. Doc §6 GetOrder, §10 #26 (UNCONFIRMED).</summary>
    public const string OrderDetailApi = "com.alibaba.trade:alibaba.trade.get.sellerView-1";

    /// <summary>Seller-side order list, used to reconcile an ambiguous create by <c>outOrderId</c>. Doc §6 ListOrders (fields assumed).</summary>
    public const string OrderListApi = "com.alibaba.trade:alibaba.trade.getSellerOrderList-1";

    /// <summary>Own-carrier list for shipping; its model is assumed equal to the all-carriers one. Doc §6 ListCarriers, §10 #27.</summary>
    public const string CarrierListApi = "com.alibaba.logistics:alibaba.logistics.OpQueryLogisticCompanyList.offline-1";

    /// <summary>Ship with an own carrier. Doc §6 Ship (confirmed).</summary>
    public const string ShipApi = "com.alibaba.logistics:alibaba.logistics.OpDeliverySendOrder.offline-1";

    /// <summary>Client-side requests per second per shop: 1688 publishes no limits. Doc §9, §10 #29 (design).</summary>
    public const double DefaultRequestsPerSecond = 5;

    /// <summary>Request Content-Type. Doc §1.</summary>
    public const string FormContentType = "application/x-www-form-urlencoded; charset=UTF-8";

    /// <summary>Seller is paid on buyer confirmation or automatically this long after shipping (R1688-20); no API field. Doc §7 step 6.</summary>
    public static readonly TimeSpan AutomaticSettlementAfterShipping = TimeSpan.FromDays(10);
}
