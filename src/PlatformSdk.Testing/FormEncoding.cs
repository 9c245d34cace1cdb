using System.Text;

namespace PlatformSdk.Testing;

/// <summary>Decodes <c>application/x-www-form-urlencoded</c> text (query strings and form bodies).</summary>
internal static class FormEncoding
{
    public static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> Parse(string? text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            return result;
        }

        foreach (var pair in text.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            result.TryAdd(name, value);
        }

        return result;
    }

    // Uri.UnescapeDataString leaves '+' alone, but HTML forms encode spaces as '+'.
    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    public static string Encode(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }
}
