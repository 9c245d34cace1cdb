using PlatformSdk.Errors;
using PlatformSdk.Top.Protocol;

namespace PlatformSdk.Top.Errors;

/// <summary>
/// TOP's platform error codes and sub-code families (docs/protocols/taobao-top.md §5). The sub-code decides over the code:
/// <c>isp.*</c> is a server-side failure worth retrying, <c>isv.*</c> is the caller's (so code 15 "Remote Service Error" with an
/// <c>isv.*</c> sub-code is not retried). Platform packages build their catalogues on top of these entries with <see cref="AddTo"/>.
/// </summary>
public static class TopErrorCatalogue
{
    /// <summary>The platform name used in every error and as the name of the TOP <see cref="PlatformSdk.Http.PlatformResilienceOptions"/>.</summary>
    public const string Platform = "Top";

    /// <summary>The remedy of a rejected session.</summary>
    public const string SessionRemedy = "TOP rejected the seller's session key (expired, revoked, or issued for another app). "
        + "Re-authorize the seller in the Taobao open platform and update Sellers:<seller>:Session (or store the new session with TopSessionProvider.StoreSessionAsync); "
        + "the SDK retries once if a newer session is already available.";

    private const string IspRemedy = "TOP or the service behind it failed (isp.*: server side). Reads and idempotent writes are retried with backoff; "
        + "non-idempotent writes are not: query the result before resending.";

    private const string IspListedRemedy = "TOP could not reach the service behind it (a sub-code listed as retryable). Reads and idempotent writes are retried with backoff; "
        + "non-idempotent writes are not: query the result before resending.";

    private const string IsvRemedy = "TOP rejected the request's content (isv.*: caller side); sub_msg says which parameter or rule. Fix the request; it is not retried.";

    private const string ThrottleRemedy = "TOP's call limit for this app, seller or API is used up. The SDK waits for the ban to end when TOP says how long "
        + "(within Resilience:MaxDelay) and retries safe operations; otherwise spread calls out or ask for a larger quota in the open platform console.";

    private const string PermissionRemedy = "The app lacks permission for this API (API package not granted, IP not whitelisted, or the seller/partner not authorized). "
        + "Apply for the API package or fix the IP whitelist in the Taobao open platform console; retrying will not help.";

    private const string SignatureRemedy = "TOP rejected the signature. Check that AppSecret belongs to AppKey and to this environment (sandbox keys differ), "
        + "and that nothing rewrites parameters after signing (proxies). Compare TopSignature.DebugView with TOP's API test tool.";

    private const string AppKeyRemedy = "TOP does not know this app key in this environment. Check AppKey and Environment (sandbox and production keys differ).";

    private const string MethodRemedy = "TOP does not know this API name, or the app may not call it. Check the method name and the app's API packages.";

    private const string TimestampRemedy = "TOP refused the timestamp (it allows about 10 minutes of clock error, GMT+8). The SDK stamps each retry afresh; "
        + "if it persists, synchronise this machine's clock (NTP).";

    private const string ArgumentsRemedy = "A parameter is missing or invalid; msg/sub_msg names it. Fix the request; it is not retried.";

    /// <summary>The TOP entries.</summary>
    public static ErrorCatalogue Instance { get; } = AddTo(ErrorCatalogue.CreateBuilder(Platform)).Build();

    /// <summary>
    /// Adds TOP's entries to a builder, so a platform package (e-vouchers, Tmall Global, logistics) can add its own sub-codes and
    /// message fragments first; exact sub-codes and message fragments win over these code and prefix entries.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ErrorCatalogueBuilder AddTo(ErrorCatalogueBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var subCode in TopWireChoices.RetryableIspSubCodes)
        {
            builder.SubCode(subCode, ErrorCategory.Transient, IspListedRemedy);
        }

        return builder
            .SubCodePrefix("isp.", ErrorCategory.Transient, IspRemedy)
            .SubCodePrefix("isv.", ErrorCategory.Validation, IsvRemedy)
            .SubCodePrefix("isv.permission", ErrorCategory.Configuration, PermissionRemedy)
            .SubCode(TopWireChoices.InvalidSessionSubCode, ErrorCategory.Authentication, SessionRemedy, isTokenExpiry: true)
            .Code("3", ErrorCategory.Transient, "TOP failed to receive an uploaded file. Reads and idempotent writes are retried; check the file if it persists.")
            .Code("4", ErrorCategory.Throttled, ThrottleRemedy)
            .Code("5", ErrorCategory.Throttled, ThrottleRemedy)
            .Code("6", ErrorCategory.Throttled, ThrottleRemedy)
            .Code("7", ErrorCategory.Throttled, ThrottleRemedy)
            .Code("8", ErrorCategory.Throttled, ThrottleRemedy)
            .Code("9", ErrorCategory.Configuration, "TOP refused the HTTP method; the SDK always POSTs, so a proxy in between changed it.")
            .Code("10", ErrorCategory.Transient, "TOP's service is temporarily unavailable. Reads and idempotent writes are retried with backoff.")
            .Code("11", ErrorCategory.Configuration, PermissionRemedy)
            .Code("12", ErrorCategory.Configuration, PermissionRemedy)
            .Code("13", ErrorCategory.Configuration, PermissionRemedy)
            .Code("15", ErrorCategory.Transient, "The service behind TOP failed (Remote Service Error) without a caller-side sub-code. "
                + "Reads and idempotent writes are retried; check the parameters if it persists.")
            .Code("21", ErrorCategory.Configuration, MethodRemedy)
            .Code("22", ErrorCategory.Configuration, MethodRemedy)
            .Code("23", ErrorCategory.Configuration, "TOP refused the format parameter; the SDK sends format=json, so a proxy in between changed it.")
            .Code("24", ErrorCategory.Configuration, SignatureRemedy)
            .Code("25", ErrorCategory.Configuration, SignatureRemedy)
            .Code("26", ErrorCategory.Authentication, "This API needs the seller's authorization but no session was sent. Call it with a seller whose session is configured "
                + "(Sellers:<seller>:Session), after the seller authorized the app.")
            .Code("27", ErrorCategory.Authentication, SessionRemedy, isTokenExpiry: true)
            .Code("28", ErrorCategory.Configuration, AppKeyRemedy)
            .Code("29", ErrorCategory.Configuration, AppKeyRemedy)
            .Code("30", ErrorCategory.Transient, TimestampRemedy)
            .Code("31", ErrorCategory.Transient, TimestampRemedy)
            .Code("32", ErrorCategory.Configuration, "TOP refused the API version; the SDK sends v=2.0, so a proxy in between changed it.")
            .Code("33", ErrorCategory.Configuration, "TOP refused the API version; the SDK sends v=2.0, so a proxy in between changed it.")
            .Code("34", ErrorCategory.Configuration, "TOP refused the API version; the SDK sends v=2.0, so a proxy in between changed it.")
            .Code("40", ErrorCategory.Validation, ArgumentsRemedy)
            .Code("41", ErrorCategory.Validation, ArgumentsRemedy)
            .Code("42", ErrorCategory.Configuration, "TOP forbade the request (the session lacks permission for this API or data). "
                + "Check the API package and that the seller authorized the scope this API needs.")
            .Code("43", ErrorCategory.Validation, ArgumentsRemedy)
            .Code("47", ErrorCategory.Validation, "TOP could not decode the request's characters. Send valid UTF-8 text; remove control characters from parameters.")
            .Code("50", ErrorCategory.BusinessRule, "The service behind TOP refused the operation under its business rules; sub_msg says which. "
                + "Fix the data or the order state; it is not retried.");
    }
}
