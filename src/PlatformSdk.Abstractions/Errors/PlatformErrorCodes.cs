namespace PlatformSdk.Errors;

/// <summary>
/// The error codes the SDK itself assigns when a platform gave no code of its own (transport failures, unreadable replies).
/// Platform codes are the platforms' own text and are not listed here.
/// </summary>
public static class PlatformErrorCodes
{
    /// <summary>The reply could not be read: not the platform's format, cut off, or followed by other bytes.</summary>
    public const string MalformedResponse = "malformed-response";

    /// <summary>The reply had an empty body.</summary>
    public const string EmptyResponse = "empty-response";

    /// <summary>The reply was an HTML page (a gateway or maintenance page) instead of data.</summary>
    public const string HtmlResponse = "html-response";

    /// <summary>The reply was larger than the configured limit and was not read to the end.</summary>
    public const string ResponseTooLarge = "response-too-large";

    /// <summary>The platform answered with a redirect, which the SDK never follows.</summary>
    public const string Redirect = "redirect";

    /// <summary>The platform did not answer within the attempt or call timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The connection could not be opened: the request was not sent.</summary>
    public const string ConnectionFailed = "connection-failed";

    /// <summary>The connection broke after the request may have been sent.</summary>
    public const string NetworkError = "network-error";

    /// <summary>The SDK's own rate limiter refused the call: it was not sent.</summary>
    public const string ClientRateLimit = "client-rate-limit";

    /// <summary>The SDK refused input that breaks a platform rule: nothing was sent.</summary>
    public const string Validation = "validation";
}
