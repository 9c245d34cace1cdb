using System.Globalization;
using System.Net;
using System.Text.Json;
using PlatformSdk.Errors;

namespace PlatformSdk.Http;

/// <summary>The verdict on one reply: its error, or on success the platform's parsed envelope, handed forward so the body is parsed once.</summary>
public readonly struct PlatformClassification
{
    private PlatformClassification(PlatformError? error, object? parsed)
    {
        Error = error;
        Parsed = parsed;
    }

    /// <summary>The error, or <see langword="null"/> for a success.</summary>
    public PlatformError? Error { get; }

    /// <summary>What the classifier parsed on success (for example a <see cref="JsonDocument"/>), or <see langword="null"/>; the executor disposes it after the reply is read.</summary>
    public object? Parsed { get; }

    /// <summary>A success, with what the classifier parsed.</summary>
    /// <param name="parsed">The parsed envelope, or <see langword="null"/>.</param>
    /// <returns>The classification.</returns>
    public static PlatformClassification Success(object? parsed = null) => new(null, parsed);

    /// <summary>A failure.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The classification.</returns>
    public static PlatformClassification Failure(PlatformError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error, null);
    }

    /// <summary>A failure, or a success without a parsed envelope when <paramref name="error"/> is <see langword="null"/>.</summary>
    /// <param name="error">The error, or <see langword="null"/>.</param>
    public static implicit operator PlatformClassification(PlatformError? error) => new(error, null);

    /// <summary>The same as the implicit conversion.</summary>
    /// <param name="error">The error, or <see langword="null"/>.</param>
    /// <returns>The classification.</returns>
    public static PlatformClassification FromError(PlatformError? error) => new(error, null);
}

/// <summary>
/// Decides whether a response is a success or a platform error. The Chinese platforms report business
/// errors, throttling included, in HTTP 200 bodies, so the HTTP status alone says little: this base class
/// handles what every platform shares (status codes, empty bodies, HTML error pages from gateways) and
/// leaves the body format to the platform.
/// </summary>
public abstract class PlatformResponseClassifier
{
    /// <summary>Creates a classifier.</summary>
    /// <param name="catalogue">The platform's error catalogue.</param>
    protected PlatformResponseClassifier(ErrorCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        Catalogue = catalogue;
    }

    /// <summary>The platform's error catalogue.</summary>
    public ErrorCatalogue Catalogue { get; }

    /// <summary>Classifies a response. A failure's <see cref="PlatformError.Delivery"/> says whether the platform answered definitely.</summary>
    /// <param name="response">The response (headers and status).</param>
    /// <param name="body">The buffered body.</param>
    /// <param name="context">The call's context.</param>
    /// <returns>The classification: the error, or the success with what was parsed.</returns>
    public PlatformClassification Classify(HttpResponseMessage response, ReadOnlyMemory<byte> body, PlatformRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        var status = (int)response.StatusCode;
        var retryAfter = ReadRetryAfter(response);
        if (status is >= 300 and < 400)
        {
            // Redirects are never followed: the target is not the platform, and a write may already have been carried out.
            return Generic(PlatformErrorCodes.Redirect, $"HTTP {status} {response.ReasonPhrase}: the endpoint redirects to {response.Headers.Location?.GetLeftPart(UriPartial.Path) ?? "(no location)"}",
                ErrorCategory.Configuration, "The SDK never follows redirects on platform calls. Check the environment endpoint (a proxy or gateway in between?).",
                status, retryAfter, RequestDelivery.OutcomeUnknown);
        }

        if (status is 429)
        {
            return Generic("http-429", "HTTP 429 Too Many Requests", ErrorCategory.Throttled, "The platform is rate limiting this app; the SDK waits and retries.", status, retryAfter, RequestDelivery.Answered);
        }

        if (status is 408 or >= 500)
        {
            // A platform error body on a 5xx is more specific than the status; try it first.
            if (!body.IsEmpty && !LooksLikeHtml(body.Span))
            {
                var specific = ClassifyBody(response, body, context);
                // An unparsable 5xx body is a gateway's text page, not a platform reply: the status says more.
                if (specific.Error is { } error && error.Code != PlatformErrorCodes.MalformedResponse)
                {
                    // A transient platform error on a 5xx comes from a gateway that may have forwarded the request already.
                    return error with
                    {
                        HttpStatus = status,
                        RetryAfter = error.RetryAfter ?? retryAfter,
                        Delivery = error.Category == ErrorCategory.Transient ? RequestDelivery.OutcomeUnknown : error.Delivery,
                    };
                }

                Release(specific.Parsed);
            }

            return Generic($"http-{status}", $"HTTP {status} {response.ReasonPhrase}", ErrorCategory.Transient, "The platform or its gateway failed; reads are retried.", status, retryAfter, RequestDelivery.OutcomeUnknown);
        }

        if (status is >= 400 and < 500 && !body.IsEmpty && !LooksLikeHtml(body.Span))
        {
            // Gateways such as 1688's answer 4xx with a platform error body ({"error_code":"401"} token expiry,
            // gw.* codes): that body says more than the status, so it wins when the platform's parser can read it.
            var specific = ClassifyBody(response, body, context);
            if (specific.Error is { } error && error.Code != PlatformErrorCodes.MalformedResponse)
            {
                return error with { HttpStatus = status, RetryAfter = error.RetryAfter ?? retryAfter };
            }

            Release(specific.Parsed);
        }

        if (status is 401 or 403)
        {
            return Generic($"http-{status}", $"HTTP {status} {response.ReasonPhrase}", ErrorCategory.Authentication, "The platform refused the credentials; check the app key, secret and token for this environment.", status, retryAfter, RequestDelivery.Answered);
        }

        if (status is 404)
        {
            return Generic("http-404", "HTTP 404 Not Found", ErrorCategory.Configuration, "The endpoint does not exist; check the environment setting and the API name.", status, retryAfter, RequestDelivery.Answered);
        }

        if (status is < 200 or >= 300)
        {
            return Generic($"http-{status}", $"HTTP {status} {response.ReasonPhrase}", ErrorCategory.Unknown, "The platform answered with an unexpected HTTP status; see the message.", status, retryAfter, RequestDelivery.OutcomeUnknown);
        }

        if (body.IsEmpty)
        {
            return Generic(PlatformErrorCodes.EmptyResponse, "The platform returned an empty body.", ErrorCategory.Transient, "Retry later; if it persists, the platform is degraded.", status, retryAfter, RequestDelivery.OutcomeUnknown);
        }

        if (LooksLikeHtml(body.Span))
        {
            return Generic(PlatformErrorCodes.HtmlResponse, "The platform returned an HTML page instead of data (a gateway or maintenance page).", ErrorCategory.Transient, "Retry later; if it persists, check the environment endpoint.", status, retryAfter, RequestDelivery.OutcomeUnknown);
        }

        var result = ClassifyBody(response, body, context);
        return result.Error is { } failure
            ? failure with { HttpStatus = status, RetryAfter = failure.RetryAfter ?? retryAfter }
            : result;
    }

    /// <summary>
    /// Reads a platform-format body. Returns the classified error, or a success carrying what was parsed so the client reads the
    /// body once (<see cref="PlatformClassification.Success"/>).
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="body">The buffered, non-empty, non-HTML body (a UTF-8 byte order mark already removed).</param>
    /// <param name="context">The call's context.</param>
    /// <returns>The classification.</returns>
    protected abstract PlatformClassification ClassifyBody(HttpResponseMessage response, ReadOnlyMemory<byte> body, PlatformRequestContext context);

    /// <summary>
    /// Parses a body that must be a single JSON object (nothing but whitespace after it) and hands its root to
    /// <paramref name="classify"/>. On success the parsed document is handed forward; a body that is not valid JSON (cut off,
    /// garbled, trailing bytes) or not an object is a <see cref="MalformedResponse(string)"/>.
    /// </summary>
    /// <typeparam name="TState">State passed through to <paramref name="classify"/> so it needs no closure.</typeparam>
    /// <param name="body">The body; the document keeps referring to it.</param>
    /// <param name="state">The state.</param>
    /// <param name="classify">Classifies the root object; returns <see langword="null"/> for a success.</param>
    /// <returns>The classification; on success <see cref="PlatformClassification.Parsed"/> is the <see cref="JsonDocument"/>.</returns>
    protected PlatformClassification ClassifyJsonObject<TState>(ReadOnlyMemory<byte> body, TState state, Func<JsonElement, TState, PlatformError?> classify)
    {
        ArgumentNullException.ThrowIfNull(classify);
        if (!TryParseJsonObject(body, out var document, out var problem))
        {
            return MalformedResponse(problem);
        }

        PlatformError? error;
        try
        {
            error = classify(document.RootElement, state);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            document.Dispose();
            return MalformedResponse($"an envelope field has an unexpected type ({ex.GetType().Name})");
        }

        if (error is not null)
        {
            document.Dispose();
            return error;
        }

        return PlatformClassification.Success(document);
    }

    /// <summary>Parses a body that must be one JSON object; reports what is wrong otherwise. Never throws on bad input.</summary>
    /// <param name="body">The UTF-8 body.</param>
    /// <param name="document">The document (the caller disposes it).</param>
    /// <param name="problem">What is wrong, without body content.</param>
    /// <returns><see langword="true"/> when the body is one JSON object.</returns>
    public static bool TryParseJsonObject(ReadOnlyMemory<byte> body, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonDocument? document, out string problem)
    {
        body = WithoutByteOrderMark(body);
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            // The exception text names the byte position; the "Path:" tail adds nothing for a truncated body.
            document = null;
            problem = ex.Message.Split(" Path:")[0];
            return false;
        }
        catch (ArgumentException ex)
        {
            // Invalid UTF-8 inside a string surfaces as an ArgumentException on some runtimes.
            document = null;
            problem = "the body is not valid UTF-8 (" + ex.GetType().Name + ")";
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            problem = $"the body is a JSON {document.RootElement.ValueKind}, not an object";
            document.Dispose();
            document = null;
            return false;
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>The body without a leading UTF-8 byte order mark (valid JSON may start with one).</summary>
    /// <param name="body">The body.</param>
    /// <returns>The body after the mark, or the body itself.</returns>
    public static ReadOnlyMemory<byte> WithoutByteOrderMark(ReadOnlyMemory<byte> body)
        => body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body;

    /// <summary>The error for a body that cannot be parsed (truncated or malformed); its outcome is unknown, so a write behind it may have happened.</summary>
    /// <param name="detail">What was wrong with it (no body content).</param>
    /// <returns>A transient error whose outcome is unknown.</returns>
    protected PlatformError MalformedResponse(string detail)
        => MalformedResponse(Catalogue.Platform, detail);

    /// <summary>The error for a reply that cannot be read, for any platform: transient, outcome unknown.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="detail">What was wrong with it (no body content).</param>
    /// <returns>The error.</returns>
    public static PlatformError MalformedResponse(string platform, string detail)
        => new(platform, PlatformErrorCodes.MalformedResponse, "The platform's response could not be read: " + detail, ErrorCategory.Transient,
            "The response was cut off, garbled or of an unexpected shape; reads are retried.")
        {
            Delivery = RequestDelivery.OutcomeUnknown,
        };

    private static void Release(object? parsed) => (parsed as IDisposable)?.Dispose();

    private PlatformError Generic(string code, string message, ErrorCategory category, string remedy, int status, TimeSpan? retryAfter, RequestDelivery delivery)
        => new(Catalogue.Platform, code, message, category, remedy) { HttpStatus = status, RetryAfter = retryAfter, Delivery = delivery };

    private static bool LooksLikeHtml(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b == (byte)'<';
        }

        return false;
    }

    private static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date && response.Headers.Date is { } now)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : null;
    }

    /// <summary>Whether an HTTP status is a success for the purposes of the pipeline.</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for 2xx.</returns>
    protected static bool IsSuccessStatus(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
