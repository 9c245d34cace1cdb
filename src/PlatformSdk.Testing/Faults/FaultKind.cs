namespace PlatformSdk.Testing.Faults;

/// <summary>The kinds of failure a fake platform server can inject.</summary>
public enum FaultKind
{
    /// <summary>The normal response is sent after a delay measured on the server's <see cref="TimeProvider"/>.</summary>
    Delay,

    /// <summary>An HTTP 5xx response with a short plain-text body and an optional <c>Retry-After</c> header.</summary>
    ServerError,

    /// <summary>The TCP connection is aborted without any response bytes.</summary>
    DropConnection,

    /// <summary>HTTP 200 whose body is not valid JSON.</summary>
    MalformedBody,

    /// <summary>HTTP 200 whose body is the first half of the normal body (a valid prefix, cut off).</summary>
    TruncatedBody,

    /// <summary>An HTML error page, as gateways and load balancers send, with a configurable status (200 or 5xx).</summary>
    HtmlErrorPage,

    /// <summary>The platform's own throttling response (for Jushuitan: code 199 or 200 in the normal envelope).</summary>
    Throttle,

    /// <summary>A platform business error of the caller's choosing (code and message) in the platform's own envelope.</summary>
    PlatformError,

    /// <summary>An HTTP 3xx with a <c>Location</c> elsewhere, as a misconfigured gateway or a moved endpoint sends.</summary>
    Redirect,

    /// <summary>HTTP 200 whose body starts with a UTF-8 byte order mark before the normal body (valid JSON that a strict reader refuses).</summary>
    ByteOrderMark,

    /// <summary>HTTP 200 whose body is the normal body followed by bytes that are not JSON (a proxy or a buggy platform appending to it).</summary>
    TrailingBytes,

    /// <summary>HTTP 200 whose body is the normal body padded with JSON whitespace to a chosen size: valid, only too large.</summary>
    OversizedBody,
}
