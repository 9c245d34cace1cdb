using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PlatformSdk.Jushuitan.Signing;

/// <summary>
/// Jushuitan's two signature algorithms as pure functions, plus a debug view of the string that is hashed
/// (with secrets masked) to compare against Jushuitan's API test tool.
/// </summary>
public static class JushuitanSignature
{
    private const string Masked = "***";

    /// <summary>
    /// Legacy (<c>query.aspx</c>) signature: <c>md5_lower(method + partnerid + "token" + token + "ts" + ts + partnerkey)</c>.
    /// </summary>
    /// <param name="method">The API method, for example <c>shops.query</c>.</param>
    /// <param name="partnerId">The partner id.</param>
    /// <param name="token">The company token.</param>
    /// <param name="timestamp">Unix seconds, as sent in <c>ts</c>.</param>
    /// <param name="partnerKey">The partner key.</param>
    /// <returns>32 lowercase hex characters.</returns>
    public static string Legacy(string method, string partnerId, string token, long timestamp, string partnerKey)
        => Md5Lower(LegacyCanonical(method, partnerId, token, timestamp, partnerKey, maskSecrets: false));

    /// <summary>The string the legacy signature hashes.</summary>
    /// <param name="method">The API method.</param>
    /// <param name="partnerId">The partner id.</param>
    /// <param name="token">The company token.</param>
    /// <param name="timestamp">Unix seconds.</param>
    /// <param name="partnerKey">The partner key.</param>
    /// <param name="maskSecrets">Replace the token and partner key by <c>***</c> (default), for logs and support tickets.</param>
    /// <returns>The canonical string.</returns>
    public static string LegacyCanonical(string method, string partnerId, string token, long timestamp, string partnerKey, bool maskSecrets = true)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(partnerId);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(partnerKey);
        return string.Concat(method, partnerId, "token", maskSecrets ? Masked : token, "ts",
            timestamp.ToString(CultureInfo.InvariantCulture), maskSecrets ? Masked : partnerKey);
    }

    /// <summary>
    /// Open API signature: <c>md5_lower(app_secret + concat(key + value))</c> over the parameters sorted by key in
    /// ordinal (ASCII) order, excluding <c>sign</c> and parameters with an empty value.
    /// </summary>
    /// <param name="appSecret">The app secret.</param>
    /// <param name="parameters">Every form parameter as sent (<c>biz</c> as the exact JSON string).</param>
    /// <returns>32 lowercase hex characters.</returns>
    public static string OpenApi(string appSecret, IEnumerable<KeyValuePair<string, string?>> parameters)
        => Md5Lower(OpenApiCanonical(appSecret, parameters, maskSecrets: false));

    /// <summary>The string the open API signature hashes.</summary>
    /// <param name="appSecret">The app secret.</param>
    /// <param name="parameters">The form parameters.</param>
    /// <param name="maskSecrets">Replace the secret and token values by <c>***</c> (default).</param>
    /// <returns>The canonical string.</returns>
    public static string OpenApiCanonical(string appSecret, IEnumerable<KeyValuePair<string, string?>> parameters, bool maskSecrets = true)
    {
        ArgumentNullException.ThrowIfNull(appSecret);
        ArgumentNullException.ThrowIfNull(parameters);
        var builder = new StringBuilder(maskSecrets ? Masked : appSecret);
        foreach (var (key, value) in parameters
            .Where(p => !string.Equals(p.Key, "sign", StringComparison.Ordinal) && !string.IsNullOrEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append(key).Append(maskSecrets && IsSecretParameter(key) ? Masked : value);
        }

        return builder.ToString();
    }

    /// <summary>MD5 of the UTF-8 bytes, as lowercase hex.</summary>
    /// <param name="text">The text.</param>
    /// <returns>32 lowercase hex characters.</returns>
    public static string Md5Lower(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
#pragma warning disable CA5351 // Jushuitan's protocol mandates MD5; it authenticates requests, it protects no data at rest.
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(text));
#pragma warning restore CA5351
        return Convert.ToHexString(hash).ToLowerInvariant();
    }

    private static bool IsSecretParameter(string key)
        => key is "access_token" or "refresh_token" or "app_secret" or "token" or "partnerkey";
}
