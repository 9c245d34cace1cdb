namespace PlatformSdk.Testing;

/// <summary>
/// An HTTP request as a fake platform server received it, with the query string and a form-encoded body already decoded.
/// </summary>
public sealed class FakeRequest
{
    /// <summary>Creates a request snapshot; used by <see cref="FakePlatformServer"/> and by unit tests of derived fakes.</summary>
    /// <param name="method">The HTTP method, such as <c>POST</c>.</param>
    /// <param name="path">The absolute path without the query string.</param>
    /// <param name="rawQuery">The raw query string, with or without the leading <c>?</c>.</param>
    /// <param name="headers">The request headers; multiple values are joined with <c>", "</c>.</param>
    /// <param name="body">The request body decoded as UTF-8; empty when there is none.</param>
    /// <param name="receivedAt">When the request arrived, by the server's <see cref="TimeProvider"/>.</param>
    public FakeRequest(string method, string path, string? rawQuery, IReadOnlyDictionary<string, string> headers, string body, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        Method = method;
        Path = path;
        RawQuery = (rawQuery ?? string.Empty).TrimStart('?');
        Query = FormEncoding.Parse(RawQuery);
        Headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        Body = body;
        ReceivedAt = receivedAt;
        Form = ContentType is { } contentType && contentType.Contains("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            ? FormEncoding.Parse(body)
            : FormEncoding.Empty;
    }

    /// <summary>The HTTP method, such as <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>The absolute path without the query string, such as <c>/open/shops/query</c>.</summary>
    public string Path { get; }

    /// <summary>The raw query string without the leading <c>?</c>.</summary>
    public string RawQuery { get; }

    /// <summary>The decoded query parameters (the first value wins when a name repeats).</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>The request headers (case-insensitive names).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The request body decoded as UTF-8.</summary>
    public string Body { get; }

    /// <summary>The decoded form fields when the body is <c>application/x-www-form-urlencoded</c>; otherwise empty.</summary>
    public IReadOnlyDictionary<string, string> Form { get; }

    /// <summary>When the request arrived, by the server's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The <c>Content-Type</c> header, or <see langword="null"/> when absent.</summary>
    public string? ContentType => Headers.TryGetValue("Content-Type", out var value) ? value : null;
}
