using System.Globalization;
using System.Net;
using System.Text.Json;
using PlatformSdk.Errors;

namespace PlatformSdk.Http;

/// <summary>
/// Decides whether a response is a success or a platform error. The Chinese platforms report business
/// errors, throttling included, in HTTP 200 bodies, so the HTTP status alone says little: this base class
/// handles what every platform shares (status codes, empty bodies, HTML error pages from gateways) and
/// leaves the body format to the platform.
/// </summary>
public abstract class PlatformResponseClassifier
{
    internal const string EmptyResponseCode = "empty-response";
    internal const string HtmlResponseCode = "html-response";
    internal const string MalformedResponseCode = "malformed-response";

    /// <summary>Creates a classifier.</summary>
    /// <param name="catalogue">The platform's error catalogue.</param>
    protected PlatformResponseClassifier(ErrorCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        Catalogue = catalogue;
    }

    /// <summary>The platform's error catalogue.</summary>
    public ErrorCatalogue Catalogue { get; }

    /// <summary>Classifies a response.</summary>
    /// <param name="response">The response (headers and status).</param>
    /// <param name="body">The buffered body.</param>
    /// <param name="context">The call's context.</param>
    /// <returns>The error, or <see langword="null"/> for a success.</returns>
    public PlatformError? Classify(HttpResponseMessage response, ReadOnlySpan<byte> body, PlatformRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        var status = (int)response.StatusCode;
        var retryAfter = ReadRetryAfter(response);
        if (status is 429)
        {
            return Generic("http-429", "HTTP 429 Too Many Requests", ErrorCategory.Throttled, "The platform is rate limiting this app; the SDK waits and retries.", status, retryAfter);
        }

        if (status is 408 or >= 500)
        {
            // A platform error body on a 5xx is more specific than the status; try it first.
            if (!body.IsEmpty && !LooksLikeHtml(body))
            {
                var specific = ClassifyBody(response, body, context);
                // An unparsable 5xx body is a gateway's text page, not a platform reply: the status says more.
                if (specific is not null && specific.Code != MalformedResponseCode)
                {
                    return specific with { HttpStatus = status, RetryAfter = specific.RetryAfter ?? retryAfter };
                }
            }

            return Generic($"http-{status}", $"HTTP {status} {response.ReasonPhrase}", ErrorCategory.Transient, "The platform or its gateway failed; safe operations are retried, writes are reconciled before resending.", status, retryAfter);
        }

        if (status is >= 400 and < 500 && !body.IsEmpty && !LooksLikeHtml(body))
        {
            // Gateways such as 1688's answer 4xx with a platform error body ({"error_code":"401"} token expiry,
            // gw.* codes): that body says more than the status, so it wins when the platform's parser can read it.
            var specific = ClassifyBody(response, body, context);
            if (specific is not null && specific.Code != MalformedResponseCode)
            {
                return specific with { HttpStatus = status, RetryAfter = specific.RetryAfter ?? retryAfter };
            }
        }

        if (status is 401 or 403)
        {
            return Generic($"http-{status}", $"HTTP {status} {response.ReasonPhrase}", ErrorCategory.Authentication, "The platform refused the credentials; check the app key, secret and token for this environment.", status, retryAfter);
        }

        if (status is 404)
        {
            return Generic("http-404", "HTTP 404 Not Found", ErrorCategory.Configuration, "The endpoint does not exist; check the environment setting and the API name.", status, retryAfter);
        }

        if (status is < 200 or >= 300)
        {
            return Generic($"http-{status}", $"HTTP {status} {response.ReasonPhrase}", ErrorCategory.Unknown, "The platform answered with an unexpected HTTP status; see the message.", status, retryAfter);
        }

        if (body.IsEmpty)
        {
            return Generic(EmptyResponseCode, "The platform returned an empty body.", ErrorCategory.Transient, "Retry later; if it persists, the platform is degraded.", status, retryAfter);
        }

        if (LooksLikeHtml(body))
        {
            return Generic(HtmlResponseCode, "The platform returned an HTML page instead of data (a gateway or maintenance page).", ErrorCategory.Transient, "Retry later; if it persists, check the environment endpoint.", status, retryAfter);
        }

        var error = ClassifyBody(response, body, context);
        return error is null ? null : error with { HttpStatus = status, RetryAfter = error.RetryAfter ?? retryAfter };
    }

    /// <summary>Reads a platform-format body; returns <see langword="null"/> on success or the classified error.</summary>
    /// <param name="response">The response.</param>
    /// <param name="body">The buffered, non-empty, non-HTML body.</param>
    /// <param name="context">The call's context.</param>
    /// <returns>The error, or <see langword="null"/>.</returns>
    protected abstract PlatformError? ClassifyBody(HttpResponseMessage response, ReadOnlySpan<byte> body, PlatformRequestContext context);

    /// <summary>
    /// Parses a body that must be a single JSON object and hands its root to <paramref name="classify"/>; a body that is not
    /// valid JSON (cut off, garbled) or not an object is a <see cref="MalformedResponse"/>.
    /// </summary>
    /// <typeparam name="TState">State passed through to <paramref name="classify"/> so it needs no closure.</typeparam>
    /// <param name="body">The body.</param>
    /// <param name="state">The state.</param>
    /// <param name="classify">Classifies the root object; returns <see langword="null"/> for a success.</param>
    /// <returns>The error, or <see langword="null"/>.</returns>
    protected PlatformError? ClassifyJsonObject<TState>(ReadOnlySpan<byte> body, TState state, Func<JsonElement, TState, PlatformError?> classify)
    {
        ArgumentNullException.ThrowIfNull(classify);
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            // The exception text names the byte position; the "Path:" tail adds nothing for a truncated body.
            return MalformedResponse(ex.Message.Split(" Path:")[0]);
        }

        using (document)
        {
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                ? classify(root, state)
                : MalformedResponse($"the body is a JSON {root.ValueKind}, not an object");
        }
    }

    /// <summary>The error for a body that cannot be parsed (truncated or malformed).</summary>
    /// <param name="detail">What was wrong with it (no body content).</param>
    /// <returns>A transient error.</returns>
    protected PlatformError MalformedResponse(string detail)
        => new(Catalogue.Platform, MalformedResponseCode, "The platform's response could not be read: " + detail, ErrorCategory.Transient,
            "The response was cut off or garbled; safe operations are retried, writes are reconciled before resending.");

    private PlatformError Generic(string code, string message, ErrorCategory category, string remedy, int status, TimeSpan? retryAfter)
        => new(Catalogue.Platform, code, message, category, remedy) { HttpStatus = status, RetryAfter = retryAfter };

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
