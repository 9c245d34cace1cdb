using System.Text;

namespace PlatformSdk.Testing;

/// <summary>
/// An HTTP request as a fake platform server received it, with the query string and a form-encoded body already decoded.
/// </summary>
public sealed class FakeRequest
{
    /// <summary>Creates a request snapshot with a text body (sent as UTF-8); used by unit tests of derived fakes.</summary>
    /// <param name="method">The HTTP method, such as <c>POST</c>.</param>
    /// <param name="path">The absolute path without the query string.</param>
    /// <param name="rawQuery">The raw query string, with or without the leading <c>?</c>.</param>
    /// <param name="headers">The request headers; multiple values are joined with <c>", "</c>.</param>
    /// <param name="body">The request body; empty when there is none.</param>
    /// <param name="receivedAt">When the request arrived, by the server's <see cref="TimeProvider"/>.</param>
    public FakeRequest(string method, string path, string? rawQuery, IReadOnlyDictionary<string, string> headers, string body, DateTimeOffset receivedAt)
        : this(method, path, rawQuery, headers, Encoding.UTF8.GetBytes(body ?? throw new ArgumentNullException(nameof(body))), receivedAt)
    {
    }

    /// <summary>Creates a request snapshot with the body bytes as received; used by <see cref="FakePlatformServer"/> and <see cref="LoopbackStubServer"/>.</summary>
    /// <param name="method">The HTTP method, such as <c>POST</c>.</param>
    /// <param name="path">The absolute path without the query string.</param>
    /// <param name="rawQuery">The raw query string, with or without the leading <c>?</c>.</param>
    /// <param name="headers">The request headers; multiple values are joined with <c>", "</c>.</param>
    /// <param name="body">The request body bytes; empty when there is none.</param>
    /// <param name="receivedAt">When the request arrived.</param>
    public FakeRequest(string method, string path, string? rawQuery, IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(headers);
        Method = method;
        Path = path;
        RawQuery = (rawQuery ?? string.Empty).TrimStart('?');
        Query = FormReader.Parse(RawQuery);
        Headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        BodyBytes = body;
        Body = Encoding.UTF8.GetString(body.Span);
        ReceivedAt = receivedAt;
        Form = FormReader.IsFormUrlEncoded(ContentType)
            ? FormReader.Parse(body.Span, FormReader.CharsetOf(ContentType))
            : FormFieldCollection.Empty;
    }

    /// <summary>The HTTP method, such as <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>The absolute path without the query string, such as <c>/open/shops/query</c>.</summary>
    public string Path { get; }

    /// <summary>The raw query string without the leading <c>?</c>.</summary>
    public string RawQuery { get; }

    /// <summary>The decoded query parameters, as UTF-8 (the first value wins when a name repeats; see <see cref="FormFieldCollection.GetValues"/>).</summary>
    public FormFieldCollection Query { get; }

    /// <summary>The request headers (case-insensitive names).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The request body decoded as UTF-8 (invalid bytes become U+FFFD; see <see cref="BodyBytes"/> for the exact bytes).</summary>
    public string Body { get; }

    /// <summary>The request body bytes as received (after any gzip/deflate content encoding was undone).</summary>
    public ReadOnlyMemory<byte> BodyBytes { get; }

    /// <summary>
    /// The decoded form fields when the body is <c>application/x-www-form-urlencoded</c>, in the charset its Content-Type names
    /// (UTF-8 when none or unknown); otherwise empty.
    /// </summary>
    public FormFieldCollection Form { get; }

    /// <summary>When the request arrived, by the server's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The <c>Content-Type</c> header, or <see langword="null"/> when absent.</summary>
    public string? ContentType => Headers.TryGetValue("Content-Type", out var value) ? value : null;
}
