using System.Text;

namespace PlatformSdk.Testing;

/// <summary>
/// Splits a <c>multipart/form-data</c> body into its parts, byte-exact. Used by the fakes whose platforms accept file uploads
/// (1688 photo bank, TOP file parameters) and by tests that check what a client uploaded.
/// </summary>
public static class MultipartFormReader
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>Whether a <c>Content-Type</c> value is <c>multipart/form-data</c>.</summary>
    /// <param name="contentType">The header value, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> for a multipart form.</returns>
    public static bool IsMultipart(string? contentType) =>
        contentType is { } type && type.TrimStart().StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads every part of a request's body.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The parts, or <see langword="null"/> when the request is not multipart or its body does not follow the boundary.</returns>
    public static IReadOnlyList<MultipartPart>? ReadParts(FakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IsMultipart(request.ContentType) ? ReadParts(request.BodyBytes.Span, request.ContentType!) : null;
    }

    /// <summary>Reads every part of a body given as text (encoded as UTF-8 to recover the bytes).</summary>
    /// <param name="body">The body.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>, which names the boundary.</param>
    /// <returns>The parts, or <see langword="null"/> when the body does not follow the declared boundary.</returns>
    public static IReadOnlyList<MultipartPart>? ReadParts(string body, string contentType)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ReadParts(Encoding.UTF8.GetBytes(body), contentType);
    }

    /// <summary>Reads every part of a body.</summary>
    /// <param name="body">The body bytes.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>, which names the boundary.</param>
    /// <returns>The parts, or <see langword="null"/> when the body does not follow the declared boundary.</returns>
    public static IReadOnlyList<MultipartPart>? ReadParts(ReadOnlySpan<byte> body, string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var boundary = HeaderParameter(contentType, "boundary");
        if (string.IsNullOrEmpty(boundary))
        {
            return null;
        }

        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var nextDelimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        var position = body.IndexOf(delimiter);
        if (position < 0)
        {
            return null;
        }

        var parts = new List<MultipartPart>();
        while (true)
        {
            position += delimiter.Length;
            if (body[position..].StartsWith("--"u8))
            {
                return parts;
            }

            var rest = body[position..];
            var headerEnd = rest.IndexOf(HeaderEnd);
            var next = rest.IndexOf(nextDelimiter);
            if (headerEnd < 0 || next < 0 || headerEnd > next)
            {
                return null;
            }

            var headers = Encoding.UTF8.GetString(rest[..headerEnd]).Split("\r\n");
            var disposition = Header(headers, "Content-Disposition");
            if (disposition is null || HeaderParameter(disposition, "name") is not { } name)
            {
                return null;
            }

            var partType = Header(headers, "Content-Type");
            var data = rest[(headerEnd + HeaderEnd.Length)..next].ToArray();
            parts.Add(new MultipartPart(name, HeaderParameter(disposition, "filename"), partType, data));
            position += next + 2;
        }
    }

    /// <summary>Reads a <c>name=value</c> parameter of a header such as Content-Type or Content-Disposition (quotes removed).</summary>
    /// <param name="header">The header value.</param>
    /// <param name="name">The parameter name (case-insensitive).</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public static string? HeaderParameter(string header, string name)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(name);
        foreach (var part in header.Split(';'))
        {
            var trimmed = part.Trim();
            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(trimmed[..equals].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return trimmed[(equals + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }

    private static string? Header(string[] lines, string name)
    {
        var prefix = name + ":";
        return lines.FirstOrDefault(line => line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) is { } line
            ? line[prefix.Length..].Trim()
            : null;
    }
}

/// <summary>One part of a <c>multipart/form-data</c> body.</summary>
public sealed class MultipartPart
{
    internal MultipartPart(string name, string? fileName, string? contentType, byte[] data)
    {
        Name = name;
        FileName = fileName;
        ContentType = contentType;
        Data = data;
    }

    /// <summary>The form field name (<c>name</c> of Content-Disposition).</summary>
    public string Name { get; }

    /// <summary>The file name (<c>filename</c> of Content-Disposition), or <see langword="null"/> for a plain field.</summary>
    public string? FileName { get; }

    /// <summary>Whether the part is a file (it has a <see cref="FileName"/>).</summary>
    public bool IsFile => FileName is not null;

    /// <summary>The part's own <c>Content-Type</c> header, or <see langword="null"/> when it has none.</summary>
    public string? ContentType { get; }

    /// <summary>The part's bytes, exactly as sent.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The part's bytes as text, in the charset its Content-Type names or else UTF-8 (invalid bytes become U+FFFD).</summary>
    public string Content => (FormReader.CharsetOf(ContentType) ?? Encoding.UTF8).GetString(Data.Span);
}
