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
        "sign", "signature", "_aop_signature", "token", "access_token", "refresh_token", "session", "partnerkey",
        "app_secret", "appsecret", "secret", "client_secret", "password", "code_verifier", "authorization",
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
                    builder.Replace(secret, Mask);
                    var encoded = Uri.EscapeDataString(secret);
                    if (!string.Equals(encoded, secret, StringComparison.Ordinal))
                    {
                        builder.Replace(encoded, Mask);
                    }
                }
            }

            result = builder.ToString();
        }

        return result;
    }

    // A pair may also start a JSON string value or follow a JSON-escaped ampersand (Gson writes & as \u0026).
    [GeneratedRegex(@"(?<name>(?<=^|[?&\s""]|\\u0026)(?:sign|signature|_aop_signature|token|access_token|refresh_token|session|partnerkey|app_secret|appsecret|secret|client_secret|password|code_verifier|authorization))=[^&\s]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryOrFormPair();

    [GeneratedRegex(@"(?<prefix>""(?:sign|signature|_aop_signature|token|access_token|refresh_token|session|partnerkey|app_secret|appsecret|secret|client_secret|password|code_verifier|authorization)""\s*:\s*)""(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonPair();
}
