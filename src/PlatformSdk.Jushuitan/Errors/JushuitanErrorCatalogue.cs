using PlatformSdk.Errors;

namespace PlatformSdk.Jushuitan.Errors;

/// <summary>
/// Jushuitan's known errors (doc §10, domain rules RJST-01/06/07). Message fragments win over codes because
/// Jushuitan reuses codes across its two APIs (code 100 is both "token expired" and "partner parameter error").
/// </summary>
public static class JushuitanErrorCatalogue
{
    /// <summary>The platform name used in every error.</summary>
    public const string Platform = "Jushuitan";

    private const string TokenRemedy = "The access token expired or was revoked. The SDK refreshes it once (single-flight) and retries; "
        + "a refreshed token can take a few minutes to work (RJST-02). If it keeps failing, re-authorize the merchant or update the token in configuration.";

    private const string PartnerRemedy = "Jushuitan rejected the partnerid. Test credentials work only against the Test environment and production credentials only "
        + "against Production: check the Environment setting matches the credentials, and that partnerid has no spaces around it (RJST-01).";

    private const string AppKeyRemedy = "Jushuitan rejected the app_key. Test credentials work only against the Test environment and production credentials only "
        + "against Production: check the Environment setting matches the credentials, and that app_key has no spaces around it (RJST-01).";

    private const string SignatureRemedy = "Jushuitan rejected the signature. Check that the partnerkey / app_secret belongs to the same app and environment as the "
        + "partnerid / app_key, and that the configured values are complete; the SDK's signature is verified against published vectors.";

    private const string ThrottleRemedy = "Jushuitan limits call frequency per app (about 5/s and 100/min, depending on the API package). The SDK waits and retries; "
        + "lower concurrency or Resilience:PermitsPerSecond if this persists.";

    /// <summary>The catalogue.</summary>
    public static ErrorCatalogue Instance { get; } = ErrorCatalogue.CreateBuilder(Platform)
        // RJST-06 / RJST-07: literal domain messages.
        .Message("站点类型不是自有商城,无法上传", ErrorCategory.Configuration,
            "Orders can only be uploaded to an own-mall (自有商城) shop. Create or pick an own-mall shop in the ERP and upload to its shop_id (see the shops query).", "RJST-06")
        .Message("对应公司与系统配置的不一致", ErrorCategory.Configuration,
            "The shop belongs to a different company than the token. Use the token of the company that owns the shop, or a shop_id from this company's shops query.", "RJST-07")
        // Token expiry: open API code 100 texts and the legacy integrity-check failure (code 170).
        .Message("access_token超时", ErrorCategory.Authentication, TokenRemedy, "RJST-02", isTokenExpiry: true)
        .Message("无效的access_token", ErrorCategory.Authentication, TokenRemedy, "RJST-02", isTokenExpiry: true)
        .Message("access_token已过期", ErrorCategory.Authentication, TokenRemedy, "RJST-02", isTokenExpiry: true)
        .Message("token超时", ErrorCategory.Authentication, TokenRemedy, "RJST-02", isTokenExpiry: true)
        .Message("验证数据完整性失败", ErrorCategory.Authentication, TokenRemedy, "RJST-02", isTokenExpiry: true)
        // Legacy code 100 "合作者参数错误:token无效或已过期": the token part is longer than the generic prefix, so it wins (doc §10: code 100 without partnerid is a token error).
        .Message("token已过期", ErrorCategory.Authentication, TokenRemedy, "RJST-02", isTokenExpiry: true)
        .Message("token无效", ErrorCategory.Authentication, TokenRemedy, "RJST-02", isTokenExpiry: true)
        // Longer than "token无效", so it wins: a dead refresh token is not a token expiry, and refreshing again cannot help.
        .Message("refresh_token无效", ErrorCategory.Authentication,
            "Re-authorize this tenant: Jushuitan no longer accepts its refresh token (a refresh whose reply was lost may have rotated it). "
            + "Send the merchant through the authorization page again (Auth.BuildAuthorizationUrl, then Auth.ExchangeCodeAsync) or configure the new "
            + "OpenApi:RefreshToken; the SDK stops refreshing this tenant until a new token is stored.", "RJST-02")
        .Message("服务商应用禁止刷新access_token", ErrorCategory.Authentication,
            "Since 2023-08-15 ISV apps may not refresh tokens: send the merchant through the authorization page again (BuildAuthorizationUrl, then ExchangeCodeAsync).")
        // RJST-01: the exact "partnerid invalid" text was not found; match the parameter name and the legacy code-100 text.
        .Message("partnerid", ErrorCategory.Configuration, PartnerRemedy, "RJST-01")
        .Message("合作者参数错误", ErrorCategory.Configuration, PartnerRemedy, "RJST-01")
        // RJST-01 on the open API: an app_key of the other environment (no platform text known; the bundled fake says "app_key无效").
        .Message("app_key无效", ErrorCategory.Configuration, AppKeyRemedy, "RJST-01")
        .Message("无效签名", ErrorCategory.Configuration, SignatureRemedy)
        .Message("签名错误", ErrorCategory.Configuration, SignatureRemedy)
        .Message("TS无效", ErrorCategory.Transient, "The timestamp was outside Jushuitan's 10-minute window. The SDK retries once with a fresh timestamp; if it persists, synchronise this machine's clock (NTP).")
        .Message("调用太频繁", ErrorCategory.Throttled, ThrottleRemedy)
        .Message("调用超过频率", ErrorCategory.Throttled, ThrottleRemedy)
        .Message("调用频次超过限制", ErrorCategory.Throttled, ThrottleRemedy)
        .Message("IP白名单", ErrorCategory.Configuration, "This machine's public IP is not on the app's IP whitelist. Add it in the Jushuitan open platform console.")
        .Message("无API权限", ErrorCategory.Configuration, "The app has no permission for this API. Apply for the API package in the Jushuitan open platform console.")
        .Message("调用无权限", ErrorCategory.Configuration, "The app has no permission for this API. Apply for the API package in the Jushuitan open platform console.")
        .Code("0", ErrorCategory.Unknown, "Jushuitan reported code 0 with a failure flag; read the message.")
        .Code("10", ErrorCategory.Configuration, SignatureRemedy)
        .Code("100", ErrorCategory.Authentication, TokenRemedy, "RJST-02", isTokenExpiry: true)
        .Code("110", ErrorCategory.Configuration, "This machine's public IP is not on the app's IP whitelist. Add it in the Jushuitan open platform console.")
        .Code("120", ErrorCategory.Configuration, SignatureRemedy)
        .Code("130", ErrorCategory.Validation, "Jushuitan received no data or unreadable data. Fix the request; it is not retried.")
        .Code("140", ErrorCategory.Validation, "A parameter does not meet Jushuitan's rules; the message names it. Fix the request; it is not retried.")
        .Code("150", ErrorCategory.Transient, "Jushuitan had an internal error. Reads and idempotent uploads are retried with backoff.")
        .Code("160", ErrorCategory.Unknown, "Jushuitan could not save the data; the message says why. Writes are not retried automatically: query the order before resending.")
        .Code("170", ErrorCategory.Configuration,
            "The shop does not exist or belongs to another company than the token (RJST-07). Use a shop_id from this company's shops query.", "RJST-07")
        .Code("180", ErrorCategory.Transient, "The timestamp was outside Jushuitan's window. The SDK retries with a fresh timestamp; if it persists, synchronise this machine's clock (NTP).")
        .Code("190", ErrorCategory.Configuration, "The app has no permission for this API. Apply for the API package in the Jushuitan open platform console.")
        .Code("199", ErrorCategory.Throttled, ThrottleRemedy)
        .Code("200", ErrorCategory.Throttled, ThrottleRemedy)
        .Build();
}
