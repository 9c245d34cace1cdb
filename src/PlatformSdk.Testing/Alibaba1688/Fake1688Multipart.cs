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

    public static bool IsMultipart(FakeRequest request) => MultipartFormReader.IsMultipart(request.ContentType);

    public static Fake1688Multipart? Parse(FakeRequest request)
    {
        var parts = MultipartFormReader.ReadParts(request.Body, request.ContentType ?? string.Empty);
        if (parts is null)
        {
            return null;
        }

        var body = request.Body;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<(string Name, string? FileName, string Content)>();
        foreach (var part in parts)
        {
            // imageBytes may arrive as a plain form part; 1688 treats it as the file either way.
            if (part.FileName is not null || string.Equals(part.Name, "imageBytes", StringComparison.Ordinal))
            {
                files.Add((part.Name, part.FileName, part.Content));
            }
            else
            {
                fields.TryAdd(part.Name, part.Content);
            }
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

    public sealed record FilePart(string Name, string? FileName, long Size);
}
