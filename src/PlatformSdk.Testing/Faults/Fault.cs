using System.Globalization;

namespace PlatformSdk.Testing.Faults;

/// <summary>
/// A failure to inject into one response of a fake platform server. Create one with the static factory methods and register it
/// with <see cref="FaultInjector.For(string)"/>.
/// </summary>
public sealed class Fault
{
    private Fault(FaultKind kind, bool processRequest, int statusCode, TimeSpan? retryAfter, TimeSpan delay)
    {
        Kind = kind;
        ProcessRequest = processRequest;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        DelayDuration = delay;
    }

    /// <summary>The kind of failure.</summary>
    public FaultKind Kind { get; }

    /// <summary>
    /// Whether the fake still processes the request (and changes its state) before failing. <see langword="true"/> models the
    /// ambiguous failure where the platform did the work but the caller never saw the answer.
    /// </summary>
    public bool ProcessRequest { get; }

    /// <summary>The HTTP status sent (<see cref="FaultKind.ServerError"/> and <see cref="FaultKind.HtmlErrorPage"/>); 0 for the others.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>Retry-After</c> value sent with a <see cref="FaultKind.ServerError"/>, if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>How long a <see cref="FaultKind.Delay"/> holds the response.</summary>
    public TimeSpan DelayDuration { get; }

    /// <summary>Where a <see cref="FaultKind.Redirect"/> points.</summary>
    public string? Location { get; private init; }

    /// <summary>The body size, in bytes, an <see cref="FaultKind.OversizedBody"/> pads the normal body to.</summary>
    public int BodyBytes { get; private init; }

    /// <summary>The bytes a <see cref="FaultKind.TrailingBytes"/> appends to the normal body.</summary>
    public string? Trailer { get; private init; }

    /// <summary>The platform error code sent by a <see cref="FaultKind.PlatformError"/>.</summary>
    public string? ErrorCode { get; private init; }

    /// <summary>The platform error message sent by a <see cref="FaultKind.PlatformError"/>.</summary>
    public string? ErrorMessage { get; private init; }

    /// <summary>
    /// Holds the normal response for <paramref name="delay"/> on the server's <see cref="TimeProvider"/> (so a
    /// <c>FakeTimeProvider</c> releases it only when advanced). The request is processed before the delay.
    /// </summary>
    /// <param name="delay">How long to hold the response; must not be negative.</param>
    /// <returns>The fault.</returns>
    public static Fault Delay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new Fault(FaultKind.Delay, processRequest: true, 0, null, delay);
    }

    /// <summary>Answers with an HTTP 5xx status and a short plain-text body.</summary>
    /// <param name="statusCode">The status, 500–599; 503 by default.</param>
    /// <param name="retryAfter">When set, a <c>Retry-After</c> header in whole seconds (rounded up).</param>
    /// <param name="processRequest">Whether the request is processed before the error is sent (see <see cref="ProcessRequest"/>).</param>
    /// <returns>The fault.</returns>
    public static Fault ServerError(int statusCode = 503, TimeSpan? retryAfter = null, bool processRequest = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        if (retryAfter is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(retryAfter));
        }

        return new Fault(FaultKind.ServerError, processRequest, statusCode, retryAfter, TimeSpan.Zero);
    }

    /// <summary>Aborts the connection without sending a response; the client sees a transport error.</summary>
    /// <param name="processRequest">Whether the request is processed before the connection drops (see <see cref="ProcessRequest"/>).</param>
    /// <returns>The fault.</returns>
    public static Fault DropConnection(bool processRequest = false) =>
        new(FaultKind.DropConnection, processRequest, 0, null, TimeSpan.Zero);

    /// <summary>Answers HTTP 200 with a body that is not valid JSON. The request is processed.</summary>
    /// <returns>The fault.</returns>
    public static Fault MalformedBody() => new(FaultKind.MalformedBody, processRequest: true, 200, null, TimeSpan.Zero);

    /// <summary>Answers HTTP 200 with the first half of the normal body. The request is processed.</summary>
    /// <returns>The fault.</returns>
    public static Fault TruncatedBody() => new(FaultKind.TruncatedBody, processRequest: true, 200, null, TimeSpan.Zero);

    /// <summary>Answers with a gateway-style HTML error page.</summary>
    /// <param name="statusCode">The status; 502 by default. 200 models proxies that wrap errors in a successful status.</param>
    /// <param name="processRequest">Whether the request is processed before the page is sent (see <see cref="ProcessRequest"/>).</param>
    /// <returns>The fault.</returns>
    public static Fault HtmlErrorPage(int statusCode = 502, bool processRequest = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new Fault(FaultKind.HtmlErrorPage, processRequest, statusCode, null, TimeSpan.Zero);
    }

    /// <summary>Answers with the platform's own throttling response; the request is not processed.</summary>
    /// <returns>The fault.</returns>
    public static Fault Throttle() => new(FaultKind.Throttle, processRequest: false, 0, null, TimeSpan.Zero);

    /// <summary>
    /// Answers with a platform error of your choosing, in the platform's own envelope: for example a Jushuitan parameter error
    /// (<c>140</c>) or a shipping error text, to see how the code under test reacts to it.
    /// </summary>
    /// <param name="code">The platform's error code as it appears on the wire.</param>
    /// <param name="message">The platform's message.</param>
    /// <param name="processRequest">Whether the fake still processes the request first.</param>
    /// <returns>The fault.</returns>
    public static Fault PlatformError(string code, string message, bool processRequest = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(message);
        return new Fault(FaultKind.PlatformError, processRequest, 0, null, TimeSpan.Zero) { ErrorCode = code, ErrorMessage = message };
    }

    /// <summary>
    /// Answers with a redirect instead of the normal response. Platform clients must not follow it: the request was delivered,
    /// so a write may have happened there.
    /// </summary>
    /// <param name="statusCode">The status, 300–399; 302 by default.</param>
    /// <param name="location">The <c>Location</c> header; by default a loopback port nothing listens on, so a client that
    /// follows the redirect sees "connection refused" and must still not call the write "not sent".</param>
    /// <param name="processRequest">Whether the fake processes the request before redirecting (see <see cref="ProcessRequest"/>).</param>
    /// <returns>The fault.</returns>
    public static Fault Redirect(int statusCode = 302, string location = "http://127.0.0.1:9/moved", bool processRequest = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 399);
        ArgumentException.ThrowIfNullOrEmpty(location);
        return new Fault(FaultKind.Redirect, processRequest, statusCode, null, TimeSpan.Zero) { Location = location };
    }

    /// <summary>Answers the normal response with a UTF-8 byte order mark before the body. The request is processed.</summary>
    /// <returns>The fault.</returns>
    public static Fault ByteOrderMark() => new(FaultKind.ByteOrderMark, processRequest: true, 200, null, TimeSpan.Zero);

    /// <summary>Answers the normal response followed by bytes that are not JSON. The request is processed.</summary>
    /// <param name="trailer">What follows the body; by default an HTML comment, as some proxies append.</param>
    /// <returns>The fault.</returns>
    public static Fault TrailingBytes(string trailer = "\n<!-- served by gateway -->")
    {
        ArgumentException.ThrowIfNullOrEmpty(trailer);
        return new Fault(FaultKind.TrailingBytes, processRequest: true, 200, null, TimeSpan.Zero) { Trailer = trailer };
    }

    /// <summary>
    /// Answers the normal response padded with spaces to <paramref name="bodyBytes"/> bytes (still valid JSON). The request is
    /// processed, so a write behind it has happened.
    /// </summary>
    /// <param name="bodyBytes">The total body size; 40 MiB by default, above the SDK's default 32 MiB reply limit.</param>
    /// <returns>The fault.</returns>
    public static Fault OversizedBody(int bodyBytes = 40 * 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bodyBytes);
        return new Fault(FaultKind.OversizedBody, processRequest: true, 200, null, TimeSpan.Zero) { BodyBytes = bodyBytes };
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        FaultKind.PlatformError => $"PlatformError({ErrorCode})",
        FaultKind.Delay => string.Create(CultureInfo.InvariantCulture, $"Delay({DelayDuration})"),
        FaultKind.ServerError or FaultKind.HtmlErrorPage or FaultKind.Redirect => string.Create(CultureInfo.InvariantCulture, $"{Kind}({StatusCode})"),
        FaultKind.OversizedBody => string.Create(CultureInfo.InvariantCulture, $"OversizedBody({BodyBytes} bytes)"),
        _ => Kind.ToString(),
    };
}
