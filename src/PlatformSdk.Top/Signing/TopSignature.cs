using System.Security.Cryptography;
using System.Text;

namespace PlatformSdk.Top.Signing;

/// <summary>
/// TOP and Qimen signatures as pure functions (docs/protocols/taobao-top.md §3), plus a masked view of the canonical
/// string for comparing against TOP's API test tool in support tickets.
/// </summary>
/// <remarks>
/// Canonical string: every parameter except <c>sign</c> and file parameters, sorted by name in ordinal (ASCII) order,
/// <c>name + value</c> concatenated for those whose name and value are both non-empty, then the request body if any
/// (Qimen and SPI). The digest is over the UTF-8 bytes and rendered as uppercase hex with two digits per byte.
/// </remarks>
public static class TopSignature
{
    private const string Masked = "***";

    /// <summary>The wire value of a sign method (<c>md5</c>, <c>hmac</c>, <c>hmac-sha256</c>).</summary>
    /// <param name="method">The method.</param>
    /// <returns>The value sent in <c>sign_method</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined method.</exception>
    public static string WireName(TopSignMethod method) => method switch
    {
        TopSignMethod.Md5 => "md5",
        TopSignMethod.Hmac => "hmac",
        TopSignMethod.HmacSha256 => "hmac-sha256",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Use Md5, Hmac or HmacSha256."),
    };

    /// <summary>Signs a TOP request.</summary>
    /// <param name="method">The sign method; it must match the <c>sign_method</c> parameter, which is itself signed.</param>
    /// <param name="secret">The app secret.</param>
    /// <param name="parameters">Every text parameter as sent, system and business alike (file parameters are never passed here).</param>
    /// <param name="body">The request body for Qimen/SPI requests, or <see langword="null"/>.</param>
    /// <returns>The signature: 32 (MD5) or 64 (SHA-256) uppercase hex characters.</returns>
    public static string Sign(TopSignMethod method, string secret, IEnumerable<KeyValuePair<string, string?>> parameters, string? body = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var canonical = Canonical(parameters, body);
        return method switch
        {
            TopSignMethod.Md5 => Md5Upper(string.Concat(secret, canonical, secret)),
            TopSignMethod.Hmac => ToUpperHex(HmacHash(secret, canonical, sha256: false)),
            TopSignMethod.HmacSha256 => ToUpperHex(HmacHash(secret, canonical, sha256: true)),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Use Md5, Hmac or HmacSha256."),
        };
    }

    /// <summary>Signs a Qimen request: <c>UPPER_HEX(MD5(secret + sorted query parameters + body + secret))</c>.</summary>
    /// <param name="secret">The app secret (for inbound pushes: the receiver's own secret, because Qimen re-signs before forwarding).</param>
    /// <param name="queryParameters">The query-string parameters as sent.</param>
    /// <param name="body">The exact request body text.</param>
    /// <returns>32 uppercase hex characters.</returns>
    public static string SignQimen(string secret, IEnumerable<KeyValuePair<string, string?>> queryParameters, string? body)
        => Sign(TopSignMethod.Md5, secret, queryParameters, body);

    /// <summary>The canonical string that is signed (without the md5 secret wrapping), with nothing masked.</summary>
    /// <param name="parameters">The text parameters.</param>
    /// <param name="body">The body, or <see langword="null"/>.</param>
    /// <returns>The canonical string.</returns>
    public static string Canonical(IEnumerable<KeyValuePair<string, string?>> parameters, string? body = null)
        => BuildCanonical(parameters, body, mask: false);

    /// <summary>
    /// The canonical string with secret-bearing values (<c>session</c>) masked and the secret shown as <c>***</c> where md5
    /// wraps it: safe for logs and support tickets, and comparable with TOP's API test tool.
    /// </summary>
    /// <param name="method">The sign method (md5 shows the wrapping).</param>
    /// <param name="parameters">The text parameters.</param>
    /// <param name="body">The body, or <see langword="null"/>.</param>
    /// <returns>The masked canonical string.</returns>
    public static string DebugView(TopSignMethod method, IEnumerable<KeyValuePair<string, string?>> parameters, string? body = null)
    {
        var canonical = BuildCanonical(parameters, body, mask: true);
        return method == TopSignMethod.Md5 ? string.Concat(Masked, canonical, Masked) : canonical;
    }

    /// <summary>MD5 of the UTF-8 bytes as uppercase hex (two digits per byte).</summary>
    /// <param name="text">The text.</param>
    /// <returns>32 uppercase hex characters.</returns>
    public static string Md5Upper(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
#pragma warning disable CA5351 // TOP's protocol mandates MD5 for md5 and hmac; it authenticates requests, it protects no data at rest.
        return ToUpperHex(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
    }

    /// <summary>
    /// Uppercase hex with exactly two digits per byte (the official SDK's <c>ToString("X2")</c>). A per-byte
    /// <c>ToString("X")</c> drops the leading zero of bytes below 0x10 and produces a signature TOP rejects.
    /// </summary>
    /// <param name="bytes">The digest.</param>
    /// <returns>The hex text.</returns>
    public static string ToUpperHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    internal static bool IsSignedParameter(string? name, string? value)
        => !string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(value) && !string.Equals(name, TopParameterNames.Sign, StringComparison.Ordinal);

    private static byte[] HmacHash(string secret, string canonical, bool sha256)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.UTF8.GetBytes(canonical);
#pragma warning disable CA5351 // TOP's "hmac" sign method is HMAC-MD5 by definition.
        return sha256 ? HMACSHA256.HashData(key, data) : HMACMD5.HashData(key, data);
#pragma warning restore CA5351
    }

    private static string BuildCanonical(IEnumerable<KeyValuePair<string, string?>> parameters, string? body, bool mask)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var builder = new StringBuilder();
        foreach (var (name, value) in parameters.Where(p => IsSignedParameter(p.Key, p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append(name).Append(mask && IsSecretParameter(name) ? Masked : value);
        }

        if (!string.IsNullOrEmpty(body))
        {
            builder.Append(body);
        }

        return builder.ToString();
    }

    private static bool IsSecretParameter(string name) => name is TopParameterNames.Session or "access_token" or "refresh_token";
}
