using System.Text;
using System.Text.RegularExpressions;

namespace PlatformSdk.Diagnostics;

/// <summary>
/// Masks secrets in text meant for logs: values of sensitive parameter names in query strings, form
/// bodies and JSON, and any literal secret value the caller registers. Parameter names are an
/// allow-nothing list for secrets: anything named like a key, token, secret or signature is masked.
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>The replacement text for a masked value.</summary>
    public const string Mask = "***";

    /// <summary>Parameter names whose values are always masked (case-insensitive).</summary>
    public static IReadOnlyCollection<string> SensitiveNames { get; } =
    [
        "sign", "signature", "_aop_signature", "token", "access_token", "accessToken", "refresh_token", "refreshToken", "session",
        "sessionKey", "session_key", "partnerkey", "partner_key", "app_secret", "appsecret", "secret", "client_secret", "clientSecret",
        "password", "code_verifier", "authorization",
    ];

    /// <summary>Masks sensitive values in <paramref name="text"/>.</summary>
    /// <param name="text">A URL, query string, form body or JSON text.</param>
    /// <param name="secretValues">Literal secret values to mask wherever they appear.</param>
    /// <returns>The masked text.</returns>
    public static string Redact(string? text, IEnumerable<string>? secretValues = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = QueryOrFormPair().Replace(text, m => m.Groups["name"].Value + "=" + Mask);
        result = JsonPair().Replace(result, m => m.Groups["prefix"].Value + "\"" + Mask + "\"");
        if (secretValues is not null)
        {
            var builder = new StringBuilder(result);
            foreach (var secret in secretValues)
            {
                // Short values would mask ordinary text ("1", "ok"); real keys and tokens are long.
                if (!string.IsNullOrEmpty(secret) && secret.Length >= 6)
                {
                    foreach (var form in EncodedForms(secret))
                    {
                        builder.Replace(form, Mask);
                    }
                }
            }

            result = builder.ToString();
        }

        return result;
    }

    /// <summary>
    /// The forms a secret takes in logged text: raw, URL-encoded (upper- and lower-case escapes, <c>+</c> for spaces) and
    /// JSON-escaped (<c>\u002B</c>, <c>\u003d</c>…), longest first so a longer form is masked before a shorter one inside it.
    /// </summary>
    /// <param name="secret">The secret.</param>
    /// <returns>The distinct forms.</returns>
    public static IReadOnlyList<string> EncodedForms(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var escaped = Uri.EscapeDataString(secret);
        var json = System.Text.Json.JsonEncodedText.Encode(secret).ToString();
        // Gson and other encoders also escape = and ' (HTML-safe JSON).
        var htmlSafeJson = string.Concat(json.Select(c => c is '=' or '\'' or '<' or '>' or '&' ? $"\\u{(int)c:X4}" : c.ToString()));
        var forms = new HashSet<string>(StringComparer.Ordinal)
        {
            secret,
            escaped,
            LowerEscapes(escaped),
            escaped.Replace("%20", "+", StringComparison.Ordinal),
            System.Net.WebUtility.UrlEncode(secret),
            json,
            LowerEscapes(json),
            htmlSafeJson,
            LowerEscapes(htmlSafeJson),
        };
        return forms.OrderByDescending(f => f.Length).ToArray();
    }

    // %2B -> %2b and \u002B -> \u002b: some encoders write lower-case hex.
    private static string LowerEscapes(string text) => EscapeHex().Replace(text, m => m.Value.ToLowerInvariant());

    private const string SecretNames = "sign|signature|_aop_signature|token|access_token|accesstoken|refresh_token|refreshtoken|session|sessionkey|session_key|partnerkey|partner_key|app_secret|appsecret|secret|client_secret|clientsecret|password|code_verifier|authorization";
    private const string EscapeHexPattern = @"%[0-9A-F]{2}|\\u[0-9A-F]{4}";

    // A pair may also start a JSON string value or follow a JSON-escaped ampersand (Gson writes & as \u0026).
    private const string QueryOrFormPairPattern = @"(?<name>(?<=^|[?&\s""]|\\u0026)(?:" + SecretNames + @"))=[^&\s]*";
    private const string JsonPairPattern = @"(?<prefix>""(?:" + SecretNames + @")""\s*:\s*)""(?:[^""\\]|\\.)*""";

#if NET8_0_OR_GREATER
    [GeneratedRegex(EscapeHexPattern, RegexOptions.CultureInvariant)]
    private static partial Regex EscapeHex();

    [GeneratedRegex(QueryOrFormPairPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryOrFormPair();

    [GeneratedRegex(JsonPairPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonPair();
#else
    // netstandard2.0 has no regex source generator: the same patterns, compiled once at first use.
    private static readonly Regex EscapeHexRegex = new(EscapeHexPattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex QueryOrFormPairRegex = new(QueryOrFormPairPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex JsonPairRegex = new(JsonPairPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static Regex EscapeHex() => EscapeHexRegex;

    private static Regex QueryOrFormPair() => QueryOrFormPairRegex;

    private static Regex JsonPair() => JsonPairRegex;
#endif
}
