using System.Security.Cryptography;
using System.Text;
using PlatformSdk.Alibaba1688.Protocol;

namespace PlatformSdk.Alibaba1688.Signing;

/// <summary>
/// The 1688 <c>_aop_signature</c> as a pure function (doc §3):
/// <c>UPPER(HEX(HMAC_SHA1(appSecret, urlPath + concat(sort_ordinal(key + value)))))</c>, plus a masked view of the signed
/// string to compare with 1688's API test tool.
/// </summary>
/// <remarks>
/// The <c>key+value</c> strings are sorted, not the keys: the official SDK sorts the concatenations, and the two orders differ
/// when one key is a prefix of another (<c>a=z</c>, <c>ab=1</c> → <c>ab1az</c>, not <c>azab1</c>; test vector V-1688-3).
/// </remarks>
public static class Alibaba1688Signature
{
    private const string Masked = "***";

    /// <summary>Computes the signature.</summary>
    /// <param name="urlPath">For example <c>param2/1/com.alibaba.product/alibaba.product.get/1000000</c> (no leading slash, no <c>openapi/</c>).</param>
    /// <param name="parameters">Every parameter sent except <c>_aop_signature</c> and file bytes, values exactly as sent (JSON text for objects).</param>
    /// <param name="appSecret">The app secret.</param>
    /// <returns>40 uppercase hex characters.</returns>
    public static string Compute(string urlPath, IEnumerable<KeyValuePair<string, string?>> parameters, string appSecret)
    {
        ArgumentNullException.ThrowIfNull(appSecret);
        return HmacSha1Upper(appSecret, Canonical(urlPath, parameters, maskSecrets: false));
    }

    /// <summary>The string that is signed, for debugging. By default the values of <c>access_token</c> and <c>refresh_token</c> are masked.</summary>
    /// <param name="urlPath">The url path.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="maskSecrets">Replace token values by <c>***</c> (default).</param>
    /// <returns>The canonical string.</returns>
    public static string Canonical(string urlPath, IEnumerable<KeyValuePair<string, string?>> parameters, bool maskSecrets = true)
    {
        ArgumentNullException.ThrowIfNull(urlPath);
        ArgumentNullException.ThrowIfNull(parameters);
        var pieces = new List<string>();
        foreach (var (key, value) in parameters)
        {
            // The SDK never sends empty values (doc §3: no source says how they are signed), so none is signed either.
            if (string.Equals(key, "_aop_signature", StringComparison.Ordinal) || string.IsNullOrEmpty(value))
            {
                continue;
            }

            pieces.Add(key + (maskSecrets && IsSecretParameter(key) ? Masked : value));
        }

        if (Alibaba1688WireChoices.SortConcatenatedPairs)
        {
            pieces.Sort(StringComparer.Ordinal);
        }

        var builder = new StringBuilder(urlPath);
        foreach (var piece in pieces)
        {
            builder.Append(piece);
        }

        return builder.ToString();
    }

    /// <summary>HMAC-SHA1 of the UTF-8 bytes of <paramref name="data"/> keyed with <paramref name="key"/>, as uppercase hex.</summary>
    /// <param name="key">The key (the app secret).</param>
    /// <param name="data">The data.</param>
    /// <returns>40 uppercase hex characters.</returns>
    public static string HmacSha1Upper(string key, string data)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(data);
#pragma warning disable CA5350 // 1688's protocol mandates HMAC-SHA1; it authenticates requests and protects no data at rest.
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(data));
#pragma warning restore CA5350
        return Convert.ToHexString(hash);
    }

    private static bool IsSecretParameter(string key)
        => key is "access_token" or "refresh_token" or "client_secret" or "code";
}
