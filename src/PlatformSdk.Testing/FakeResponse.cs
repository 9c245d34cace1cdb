namespace PlatformSdk.Testing;

/// <summary>
/// A response a fake platform server sends: status, body, content type and extra headers. Immutable.
/// </summary>
public sealed class FakeResponse
{
    /// <summary>The content type of JSON responses.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The content type of HTML responses.</summary>
    public const string HtmlContentType = "text/html; charset=utf-8";

    internal static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    /// <summary>Creates a response.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="body">The body text, sent as UTF-8.</param>
    /// <param name="contentType">The <c>Content-Type</c> header value.</param>
    /// <param name="headers">Extra response headers, or <see langword="null"/> for none.</param>
    public FakeResponse(int statusCode, string body, string contentType, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        Headers = headers is null ? NoHeaders : new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The body text.</summary>
    public string Body { get; }

    /// <summary>The <c>Content-Type</c> header value.</summary>
    public string ContentType { get; }

    /// <summary>Extra response headers besides <c>Content-Type</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Creates a JSON response.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="statusCode">The HTTP status code; 200 by default, as most platforms report errors in the body.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Json(string json, int statusCode = 200) => new(statusCode, json, JsonContentType);

    /// <summary>Creates an HTML response.</summary>
    /// <param name="html">The HTML text.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Html(string html, int statusCode) => new(statusCode, html, HtmlContentType);

    /// <summary>Returns a copy with one more header (replacing a header of the same name).</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The header value.</param>
    /// <returns>The new response.</returns>
    public FakeResponse WithHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        var headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase) { [name] = value };
        return new FakeResponse(StatusCode, Body, ContentType, headers);
    }

    /// <summary>Returns a copy with another body, keeping status, content type and headers.</summary>
    /// <param name="body">The new body.</param>
    /// <returns>The new response.</returns>
    public FakeResponse WithBody(string body) => new(StatusCode, body, ContentType, Headers);
}
