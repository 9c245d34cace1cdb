namespace PlatformSdk.Testing;

/// <summary>
/// Splits a <c>multipart/form-data</c> body (as the base server hands it over: UTF-8 text) into its parts. Shared by the fakes
/// whose platforms accept file uploads (1688 photo bank, TOP file parameters).
/// </summary>
internal static class MultipartFormReader
{
    /// <summary>True when the request's content type is <c>multipart/form-data</c>.</summary>
    public static bool IsMultipart(string? contentType) =>
        contentType is { } type && type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads every part, or returns <see langword="null"/> when the body does not follow the declared boundary.</summary>
    public static IReadOnlyList<MultipartPart>? ReadParts(string body, string contentType)
    {
        var boundary = HeaderParameter(contentType, "boundary");
        if (string.IsNullOrEmpty(boundary))
        {
            return null;
        }

        var delimiter = "--" + boundary;
        var position = body.IndexOf(delimiter, StringComparison.Ordinal);
        if (position < 0)
        {
            return null;
        }

        var parts = new List<MultipartPart>();
        while (true)
        {
            position += delimiter.Length;
            if (string.CompareOrdinal(body, position, "--", 0, 2) == 0)
            {
                return parts;
            }

            var headerEnd = body.IndexOf("\r\n\r\n", position, StringComparison.Ordinal);
            var next = body.IndexOf("\r\n" + delimiter, position, StringComparison.Ordinal);
            if (headerEnd < 0 || next < 0 || headerEnd > next)
            {
                return null;
            }

            var disposition = body[position..headerEnd].Split("\r\n")
                .FirstOrDefault(line => line.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase));
            if (disposition is null || HeaderParameter(disposition, "name") is not { } name)
            {
                return null;
            }

            parts.Add(new MultipartPart(name, HeaderParameter(disposition, "filename"), body[(headerEnd + 4)..next]));
            position = next + 2;
        }
    }

    /// <summary>Reads a <c>name=value</c> parameter of a header such as Content-Type or Content-Disposition.</summary>
    public static string? HeaderParameter(string header, string name)
    {
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
}

/// <summary>One part of a multipart body.</summary>
/// <param name="Name">The form field name.</param>
/// <param name="FileName">The file name when the part is a file.</param>
/// <param name="Content">The part's content as decoded text.</param>
internal sealed record MultipartPart(string Name, string? FileName, string Content);
