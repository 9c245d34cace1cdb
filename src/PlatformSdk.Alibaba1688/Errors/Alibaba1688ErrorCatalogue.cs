using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688.Errors;

/// <summary>
/// 1688's known errors (doc §5; domain rules R1688-02/04/08/12/19 and RLOG-05/12/13/32/40/52). Message fragments win over
/// codes and are matched ignoring whitespace, ASCII case and full-/half-width punctuation, so <c>发货失败，订单状态为【等待买家收货】</c>
/// matches the catalogued <c>发货失败,订单状态为[等待买家收货]</c>.
/// </summary>
public static class Alibaba1688ErrorCatalogue
{
    /// <summary>The platform name used in every error, token key and resilience options name.</summary>
    public const string Platform = "Alibaba1688";

    private const string TokenRemedy = "The shop's access token is missing, expired or revoked. The SDK refreshes it once with the refresh token and retries; "
        + "if that fails, the shop must authorize the app again (Alibaba1688Client.Auth.BuildAuthorizationUrl, then ExchangeCodeAsync).";

    private const string CarrierRemedy = "The carrier mapping is missing or wrong: download the carriers (Logistics.ListCarriersAsync), map the ERP carrier to a "
        + "1688 companyNo and send that as the carrier code, then ship again.";

    private const string ReauthorizeRemedy = "1688 refused the authorization grant: the code was already used, is older than 2 minutes or was issued for another "
        + "redirect_uri, or the refresh token expired or was revoked. Codes cannot be reused and retrying does not help: send the seller's MAIN account through the authorization URL "
        + "again (Alibaba1688Client.Auth.BuildAuthorizationUrl) and exchange the new code once, within 2 minutes (ExchangeCodeAsync).";

    private const string TimeoutRemedy = "1688's backend timed out. Reads are retried; for a write, query the order first, then resend a few times before escalating to 1688.";

    /// <summary>The catalogue.</summary>
    public static ErrorCatalogue Instance { get; } = ErrorCatalogue.CreateBuilder(Platform)
        .Message("尚未订购当前应用", ErrorCategory.Authentication,
            "The app is not subscribed for this shop. The shop's MAIN account (not a sub-account) must buy the app in the 1688 service market "
            + "(fuwu.1688.com), then authorize again. Every shop needs its own subscription (R1688-03).", "R1688-02")
        .Message("当前店铺没有设置对应市场", ErrorCategory.Configuration,
            "No market (市场) is bound to the shop. Bind one in 1688 (\"其他\" is allowed) and set it in Shops:<shop>:Market or on the request.", "R1688-04")
        .Message("null no exist!", ErrorCategory.BusinessRule,
            "The offer gained SKU specs in the 1688 backend after it was published as a simple offer. Do not publish it again: download the product "
            + "and match the SKUs (product download / matching) instead, then create the pre-order with the matched specIds.", "R1688-08")
        .Message("不支持在线交易", ErrorCategory.BusinessRule,
            "The offer was deleted or cannot be traded online (the shared test account's offers get deleted). Publish a new offer and use its id.", "R1688-12")
        .Message("max item count is 50", ErrorCategory.Validation,
            "A pre-order may have at most 50 lines. Split the sales order with Alibaba1688PreOrderSplitter.Split and create one pre-order per part.", "R1688-19")
        .Message("not support tradeType:", ErrorCategory.Validation,
            "The trade type is not allowed for this offer; pick one from alibaba.createOrder.preview's tradeModeNameList.")
        .Message("cpCode and cpId can't be all null", ErrorCategory.Configuration, CarrierRemedy, "RLOG-05")
        .Message("非法参数", ErrorCategory.Configuration, CarrierRemedy, "RLOG-12")
        .Message("发货失败,订单状态为[等待买家收货]", ErrorCategory.AlreadyDone,
            "The order is already shipped (or in after-sales): nothing to sync. Mark it shipped in the ERP.", "RLOG-13")
        .Message("发货失败,订单不存在或者不属于当前发货人", ErrorCategory.Transient,
            "1688's backend did not find the order yet (or it belongs to another seller). Retry later; if it persists, check the order id and shop.", "RLOG-32")
        .Message("底层服务调用失败", ErrorCategory.Transient, TimeoutRemedy, "RLOG-40", outcomeUnknown: true)
        .Message("HSFTimeOutException", ErrorCategory.Transient, TimeoutRemedy, "RLOG-40", outcomeUnknown: true)
        .Message("errorCode\":\"003002\"", ErrorCategory.Transient, TimeoutRemedy, "RLOG-40", outcomeUnknown: true)
        .Message("failed to convert map to pojo", ErrorCategory.Validation,
            "1688 ships per sub-order only: one sub-order's quantity cannot be split across shipments. Ship each sub-order with its full quantity.", "RLOG-52")
        .Message("Request need user authorized", ErrorCategory.Authentication, TokenRemedy, isTokenExpiry: true)
        .Code("401", ErrorCategory.Authentication, TokenRemedy, isTokenExpiry: true)
        // OAuth getToken errors (RFC 6749 §5.2 names, sent by 1688 in error_code): none is repeated; all but invalid_grant are the app's settings.
        .Code("invalid_grant", ErrorCategory.Authentication, ReauthorizeRemedy)
        .Code("invalid_client", ErrorCategory.Configuration,
            "1688 does not accept the app's credentials on the token endpoint: check that AppKey and AppSecret belong to the same app (open.1688.com console).")
        .Code("redirect_uri_mismatch", ErrorCategory.Configuration,
            "The redirect_uri differs from the callback registered for the app: set RedirectUri to exactly the URL registered on open.1688.com "
            + "(scheme, host, path), then send the seller through the authorization URL again.")
        .Code("unauthorized_client", ErrorCategory.Configuration,
            "The app may not use this grant: check in the open.1688.com console that the app is approved and online for the domestic site, "
            + "and that the seller's main account subscribed to it (R1688-02).")
        .Code("unsupported_grant_type", ErrorCategory.Configuration,
            "1688 does not support this grant_type on this endpoint; report it as an SDK defect (the SDK sends authorization_code and refresh_token).")
        .Code("invalid_request", ErrorCategory.Configuration,
            "1688 found a token request parameter missing or malformed (often redirect_uri): check RedirectUri, AppKey and the code passed to ExchangeCodeAsync.")
        .Code("003002", ErrorCategory.Transient, TimeoutRemedy, "RLOG-40", outcomeUnknown: true)
        .Code("gw.QosAppFrequencyLimit", ErrorCategory.Throttled,
            "1688 limits the app's call frequency. The SDK backs off and retries reads; lower concurrency or Resilience:PermitsPerSecond if it persists.")
        .Code("gw.SignatureInvalid", ErrorCategory.Configuration,
            "1688 rejected the signature: check that AppSecret belongs to AppKey and has no stray characters. The SDK's signer is verified against 1688's published example.")
        .Code("gw.APIACLDecline", ErrorCategory.Configuration,
            "The app has no permission for this API. Apply for the API in the 1688 open platform console (open.1688.com).")
        .Code("gw.AppKeyNotFound", ErrorCategory.Configuration, "1688 does not know this AppKey. Check the AppKey setting.")
        .Code("gw.NoUsageLeftError", ErrorCategory.Configuration,
            "The app's paid API quota (SLA bill) is used up. Buy more usage in the 1688 open platform console; retrying does not help.")
        .Code("INVALID_PARAM", ErrorCategory.Validation, "1688 rejected a shipping parameter; the message names it. Fix the request.")
        .Code("5001", ErrorCategory.BusinessRule, "The order is under refund; resolve the refund before shipping.")
        .Code("5002", ErrorCategory.BusinessRule, "The order was refunded or closed; do not ship it.")
        .Build();
}
