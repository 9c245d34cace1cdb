namespace PlatformSdk.Testing.Top;

/// <summary>
/// The parameters of a router call: query string, then form fields or multipart text parts (the first value of a name wins).
/// Multipart parts with a <c>filename</c> are file parameters, which TOP leaves out of the signature.
/// </summary>
internal sealed class TopRequestParameters
{
    private TopRequestParameters(Dictionary<string, string> fields, List<string> files)
    {
        Fields = fields;
        FileNames = files;
    }

    public Dictionary<string, string> Fields { get; }

    public IReadOnlyList<string> FileNames { get; }

    public static TopRequestParameters? Read(FakeRequest request)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            fields.TryAdd(name, value);
        }

        var files = new List<string>();
        if (request.ContentType is { } type && type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryReadMultipart(request.Body, type, fields, files))
            {
                return null;
            }
        }
        else
        {
            foreach (var (name, value) in request.Form)
            {
                fields.TryAdd(name, value);
            }
        }

        return new TopRequestParameters(fields, files);
    }

    private static bool TryReadMultipart(string body, string contentType, Dictionary<string, string> fields, List<string> files)
    {
        var boundary = HeaderParameter(contentType, "boundary");
        if (string.IsNullOrEmpty(boundary))
        {
            return false;
        }

        var delimiter = "--" + boundary;
        var position = body.IndexOf(delimiter, StringComparison.Ordinal);
        if (position < 0)
        {
            return false;
        }

        while (true)
        {
            position += delimiter.Length;
            if (string.CompareOrdinal(body, position, "--", 0, 2) == 0)
            {
                return true;
            }

            var headerEnd = body.IndexOf("\r\n\r\n", position, StringComparison.Ordinal);
            var next = body.IndexOf("\r\n" + delimiter, position, StringComparison.Ordinal);
            if (headerEnd < 0 || next < 0 || headerEnd > next)
            {
                return false;
            }

            var disposition = body[position..headerEnd].Split("\r\n")
                .FirstOrDefault(line => line.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase));
            if (disposition is null || HeaderParameter(disposition, "name") is not { } name)
            {
                return false;
            }

            if (HeaderParameter(disposition, "filename") is not null)
            {
                files.Add(name);
            }
            else
            {
                fields.TryAdd(name, body[(headerEnd + 4)..next]);
            }

            position = next + 2;
        }
    }

    private static string? HeaderParameter(string header, string name)
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
