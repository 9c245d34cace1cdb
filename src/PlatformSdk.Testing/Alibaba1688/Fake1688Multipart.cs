using System.Text;

namespace PlatformSdk.Testing.Alibaba1688;

/// <summary>
/// Reads a <c>multipart/form-data</c> body. The base server hands the body over as UTF-8 text, so the byte size of a file part is
/// recovered from <c>Content-Length</c> minus the UTF-8 size of everything else (the decoder never swallows the ASCII delimiters).
/// </summary>
internal sealed class Fake1688Multipart
{
    private Fake1688Multipart(Dictionary<string, string> fields, List<FilePart> files)
    {
        Fields = fields;
        Files = files;
    }

    public IReadOnlyDictionary<string, string> Fields { get; }

    public IReadOnlyList<FilePart> Files { get; }

    public static bool IsMultipart(FakeRequest request) =>
        request.ContentType is { } type && type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    public static Fake1688Multipart? Parse(FakeRequest request)
    {
        var boundary = Parameter(request.ContentType ?? string.Empty, "boundary");
        if (string.IsNullOrEmpty(boundary))
        {
            return null;
        }

        var body = request.Body;
        var delimiter = "--" + boundary;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<(string Name, string? FileName, string Content)>();
        var position = body.IndexOf(delimiter, StringComparison.Ordinal);
        if (position < 0)
        {
            return null;
        }

        while (true)
        {
            position += delimiter.Length;
            if (string.CompareOrdinal(body, position, "--", 0, 2) == 0)
            {
                break;
            }

            var headerEnd = body.IndexOf("\r\n\r\n", position, StringComparison.Ordinal);
            var next = body.IndexOf("\r\n" + delimiter, position, StringComparison.Ordinal);
            if (headerEnd < 0 || next < 0 || headerEnd > next)
            {
                return null;
            }

            var headers = body[position..headerEnd];
            var content = body[(headerEnd + 4)..next];
            var disposition = headers.Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase));
            var name = disposition is null ? null : Parameter(disposition, "name");
            if (name is null)
            {
                return null;
            }

            var fileName = Parameter(disposition!, "filename");
            if (fileName is not null || string.Equals(name, "imageBytes", StringComparison.Ordinal))
            {
                files.Add((name, fileName, content));
            }
            else
            {
                fields.TryAdd(name, content);
            }

            position = next + 2;
        }

        var result = new List<FilePart>();
        var total = request.Headers.TryGetValue("Content-Length", out var lengthText) && long.TryParse(lengthText, out var length) ? length : -1;
        var fileChars = files.Sum(file => (long)Encoding.UTF8.GetByteCount(file.Content));
        var otherBytes = Encoding.UTF8.GetByteCount(body) - fileChars;
        foreach (var (name, fileName, content) in files)
        {
            // With one file part the size is exact; with several the remainder is shared by their decoded proportions.
            var size = total < 0
                ? Encoding.UTF8.GetByteCount(content)
                : files.Count == 1
                    ? total - otherBytes
                    : (long)Math.Round((total - otherBytes) * (double)Encoding.UTF8.GetByteCount(content) / Math.Max(1, fileChars));
            result.Add(new FilePart(name, fileName, size));
        }

        return new Fake1688Multipart(fields, result);
    }

    private static string? Parameter(string header, string name)
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

    public sealed record FilePart(string Name, string? FileName, long Size);
}
