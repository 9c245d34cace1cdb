using PlatformSdk.Top.Signing;

namespace PlatformSdk.Top.Protocol;

/// <summary>
/// Every TOP/Qimen wire-format choice the SDK made where the sources are secondary, disagree or are silent
/// (docs/protocols/taobao-top.md marks them UNCONFIRMED). Change a choice here and nowhere else.
/// </summary>
internal static class TopWireChoices
{
    /// <summary><c>v</c>: always <c>2.0</c> (S-topdoc). Doc §2.</summary>
    public const string ApiVersion = "2.0";

    /// <summary><c>format</c>: always <c>json</c>; XML replies are not parsed. Doc §2.</summary>
    public const string Format = "json";

    /// <summary>
    /// Default sign method: md5, the method of the official table and of the only official vector (V-TOP-1), and the one
    /// Qimen uses. hmac-sha256 is supported but documented only by secondary sources (UNCONFIRMED). Doc §3.
    /// </summary>
    public const TopSignMethod DefaultSignMethod = TopSignMethod.Md5;

    /// <summary>Request Content-Type for TOP calls without files. Doc §2.</summary>
    public const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    /// <summary>
    /// UNCONFIRMED: with <c>simplify=true</c> the success object is the root of the reply rather than wrapped in
    /// <c>&lt;method&gt;_response</c>; no source shows a simplified reply. Doc §4, gap #2.
    /// </summary>
    public const bool SimplifiedRepliesAreUnwrapped = true;

    /// <summary>
    /// UNCONFIRMED (secondary source S-retry, taobaopy): the <c>isp.*</c> sub-codes named as retryable, each also with a
    /// <c>-tmall</c> variant. Every other <c>isp.*</c> sub-code is still retried (official text: server-side, retry later). Doc §5.
    /// </summary>
    public static IReadOnlyList<string> RetryableIspSubCodes { get; } =
    [
        "isp.top-remote-connection-timeout",
        "isp.top-remote-connection-timeout-tmall",
        "isp.top-remote-service-unavailable",
        "isp.top-remote-service-unavailable-tmall",
        "isp.top-remote-connection-control-error",
        "isp.top-remote-connection-control-error-tmall",
        "isp.top-remote-unknown-error",
        "isp.top-remote-unknown-error-tmall",
        "isp.remote-connection-error",
        "isp.remote-connection-error-tmall",
        "isp.item-update-service-error:GENERIC_FAILURE",
        "isp.item-update-service-error:IC_SYSTEM_NOT_READY_TRY_AGAIN_LATER",
    ];

    /// <summary>
    /// UNCONFIRMED wording (S-toperr paraphrase): code 7 messages carry "This ban will last for N more seconds"; N becomes
    /// <see cref="PlatformSdk.Errors.PlatformError.RetryAfter"/>. Doc §5.
    /// </summary>
    public const string BanSecondsPattern = @"ban\s+will\s+last\s+for\s+(\d{1,9})\s+more\s+seconds?";

    /// <summary>
    /// UNCONFIRMED (single source, index id 58173502833): a rejected session comes back as code 27 or sub-code
    /// <c>invalid-sessionkey</c>; both are treated as an expired session. Doc §5.
    /// </summary>
    public const string InvalidSessionSubCode = "invalid-sessionkey";

    /// <summary>
    /// Session lifetime assumed when a seller's expiry is not configured: the session is then used until TOP rejects it.
    /// TOP returns <c>expires_in</c> at authorization; configure <c>SessionExpiresAt</c> to be warned before. Doc §6.
    /// </summary>
    public static readonly TimeSpan AssumedSessionLifetime = TimeSpan.FromDays(3650);

    /// <summary>Qimen's <c>sign_method</c>: md5 only (S-qmdoc, S-qmphp). Doc §7.</summary>
    public const string QimenSignMethod = "md5";

    /// <summary>Default age beyond which an inbound Qimen push is refused (S-spi <c>CheckTimestamp</c>: 5 minutes). Doc §8.</summary>
    public static readonly TimeSpan QimenTimestampTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// UNCONFIRMED: S-spi only refuses pushes older than the tolerance; the SDK also refuses timestamps further than the
    /// tolerance in the future (a replayed or forged request with a far-future stamp would otherwise stay valid). Doc §8.
    /// </summary>
    public const bool QimenRejectsFutureTimestamps = true;

    /// <summary>
    /// UNCONFIRMED: S-spi's verifier concatenates empty-valued parameters as their bare name, while TOP's signer (S-topnet,
    /// S-qmphp) skips them. The verifier accepts a signature computed either way. Doc §8.
    /// </summary>
    public const bool QimenVerifyAcceptsBothEmptyValueRules = true;

    /// <summary>Sign-check failure reply code (S-qmspi). Doc §8.</summary>
    public const string QimenSignFailureCode = "sign-check-failure";

    /// <summary>Sign-check failure reply message (S-qmspi). Doc §8.</summary>
    public const string QimenSignFailureMessage = "Illegal request";

    /// <summary>
    /// UNCONFIRMED: the failure reply uses the standard <c>taobao.qimen.*</c> envelope fields <c>flag</c>/<c>code</c>/<c>message</c>
    /// (S-OT); S-qmspi names them sub_code/sub_message in prose. Custom <c>qimen.alibaba.*</c> APIs define their own envelope. Doc §8.
    /// </summary>
    public const string QimenReplyCodeField = "code";

    /// <summary>The message field of the standard Qimen reply (see <see cref="QimenReplyCodeField"/>). Doc §8.</summary>
    public const string QimenReplyMessageField = "message";

    /// <summary>Default charset of Qimen requests and of inbound pushes without a charset (S-spi). Doc §7.</summary>
    public const string QimenDefaultCharset = "utf-8";

    /// <summary>
    /// Also accept a success wrapper that keeps the <c>taobao.</c> prefix (<c>taobao_x_y_response</c>). TOP itself drops the
    /// prefix (reply dumps; the TOP metadata in S-OT names <c>vmarket_eticket_send_response</c>); the full form is accepted
    /// defensively. Doc §2.3.
    /// </summary>
    public const bool AcceptFullNameResponseKey = true;
}
