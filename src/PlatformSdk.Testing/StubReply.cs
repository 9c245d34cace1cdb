using System.Text;

namespace PlatformSdk.Testing;

/// <summary>A canned reply of <see cref="LoopbackStubServer"/>: status, body bytes, content type, extra headers and a delay. Immutable.</summary>
public sealed class StubReply
{
    /// <summary>Creates a reply.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="contentType">The <c>Content-Type</c> header, or <see langword="null"/> to send none.</param>
    /// <param name="headers">Extra response headers, or <see langword="null"/> for none.</param>
    /// <param name="delay">How long to wait before answering, on the server's <see cref="TimeProvider"/>; zero for none.</param>
    public StubReply(int statusCode, ReadOnlyMemory<byte> body, string? contentType = null, IReadOnlyDictionary<string, string>? headers = null, TimeSpan delay = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 999);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        Headers = headers is null ? FakeResponse.NoHeaders : new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        Delay = delay;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The body bytes.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>The <c>Content-Type</c> header, or <see langword="null"/> when none is sent.</summary>
    public string? ContentType { get; }

    /// <summary>Extra response headers besides <c>Content-Type</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>How long the server waits before answering (the request is journaled first).</summary>
    public TimeSpan Delay { get; }

    /// <summary>A reply without a body.</summary>
    /// <param name="statusCode">The HTTP status code; 200 by default.</param>
    /// <returns>The reply.</returns>
    public static StubReply Empty(int statusCode = 200) => new(statusCode, ReadOnlyMemory<byte>.Empty);

    /// <summary>A JSON reply (<c>application/json; charset=utf-8</c>).</summary>
    /// <param name="json">The JSON text, sent as UTF-8.</param>
    /// <param name="statusCode">The HTTP status code; 200 by default.</param>
    /// <returns>The reply.</returns>
    public static StubReply Json(string json, int statusCode = 200) => Text(json, statusCode, FakeResponse.JsonContentType);

    /// <summary>A text reply.</summary>
    /// <param name="text">The text, sent as UTF-8.</param>
    /// <param name="statusCode">The HTTP status code; 200 by default.</param>
    /// <param name="contentType">The <c>Content-Type</c>; <c>text/plain; charset=utf-8</c> by default.</param>
    /// <returns>The reply.</returns>
    public static StubReply Text(string text, int statusCode = 200, string contentType = "text/plain; charset=utf-8")
    {
        ArgumentNullException.ThrowIfNull(text);
        return new StubReply(statusCode, Encoding.UTF8.GetBytes(text), contentType);
    }

    /// <summary>A reply with a body of raw bytes (a file, or text in another charset).</summary>
    /// <param name="body">The body bytes.</param>
    /// <param name="contentType">The <c>Content-Type</c>, such as <c>application/octet-stream</c>.</param>
    /// <param name="statusCode">The HTTP status code; 200 by default.</param>
    /// <returns>The reply.</returns>
    public static StubReply Bytes(ReadOnlyMemory<byte> body, string contentType, int statusCode = 200) => new(statusCode, body, contentType);

    /// <summary>Returns a copy with one more header (replacing a header of the same name).</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The header value.</param>
    /// <returns>The new reply.</returns>
    public StubReply WithHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        return new StubReply(StatusCode, Body, ContentType, new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase) { [name] = value }, Delay);
    }

    /// <summary>Returns a copy that is sent after a delay.</summary>
    /// <param name="delay">The delay, on the server's <see cref="TimeProvider"/>.</param>
    /// <returns>The new reply.</returns>
    public StubReply WithDelay(TimeSpan delay) => new(StatusCode, Body, ContentType, Headers, delay);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{StatusCode} {ContentType ?? "(no content type)"} {Body.Length} bytes");
}
