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
        if (MultipartFormReader.IsMultipart(request.ContentType))
        {
            if (MultipartFormReader.ReadParts(request) is not { } parts)
            {
                return null;
            }

            foreach (var part in parts)
            {
                if (part.IsFile)
                {
                    files.Add(part.Name);
                }
                else
                {
                    fields.TryAdd(part.Name, part.Content);
                }
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
}
