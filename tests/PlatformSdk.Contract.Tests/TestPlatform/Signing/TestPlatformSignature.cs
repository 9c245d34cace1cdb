using System.Security.Cryptography;
using System.Text;

namespace PlatformSdk.TestPlatform.Signing;

/// <summary>
/// TestPlatform's signature as a pure function: <c>hex_lower(HMAC-SHA256(app_secret, concat(key + value)))</c> over every
/// parameter except <c>sign</c>, sorted by key in ordinal (ASCII) order, empty values left out.
/// </summary>
public static class TestPlatformSignature
{
    /// <summary>Computes the signature.</summary>
    /// <param name="appSecret">The app secret.</param>
    /// <param name="parameters">Every parameter as sent (<c>biz</c> as the exact JSON text).</param>
    /// <returns>64 lowercase hex characters.</returns>
    public static string Compute(string appSecret, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        ArgumentNullException.ThrowIfNull(appSecret);
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(Canonical(parameters)));
        return Convert.ToHexString(hash).ToLowerInvariant();
    }

    /// <summary>The string that is signed (it contains no secret), to compare against TestPlatform's signing tool.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The canonical string.</returns>
    public static string Canonical(IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var builder = new StringBuilder();
        foreach (var (key, value) in parameters
            .Where(p => !string.Equals(p.Key, "sign", StringComparison.Ordinal) && !string.IsNullOrEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append(key).Append(value);
        }

        return builder.ToString();
    }
}
