namespace PlatformSdk.Testing.Alibaba1688;

/// <summary>
/// Reads a <c>multipart/form-data</c> upload: text parts become fields, file parts (and <c>imageBytes</c>, which 1688 treats as the
/// file either way) become files with their exact byte size.
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
        if (MultipartFormReader.ReadParts(request) is not { } parts)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<FilePart>();
        foreach (var part in parts)
        {
            if (part.IsFile || string.Equals(part.Name, "imageBytes", StringComparison.Ordinal))
            {
                files.Add(new FilePart(part.Name, part.FileName, part.Data.Length));
            }
            else
            {
                fields.TryAdd(part.Name, part.Content);
            }
        }

        return new Fake1688Multipart(fields, files);
    }

    public sealed record FilePart(string Name, string? FileName, long Size);
}
