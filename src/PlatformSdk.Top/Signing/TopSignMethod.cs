namespace PlatformSdk.Top.Signing;

/// <summary>The TOP <c>sign_method</c> values (docs/protocols/taobao-top.md §3).</summary>
public enum TopSignMethod
{
    /// <summary><c>md5</c>: <c>UPPER_HEX(MD5(secret + canonical + secret))</c>. The documented method with the official vector V-TOP-1; the only one Qimen uses.</summary>
    Md5 = 0,

    /// <summary><c>hmac</c>: <c>UPPER_HEX(HMAC-MD5(key = secret, canonical))</c>, no secret wrapping.</summary>
    Hmac = 1,

    /// <summary><c>hmac-sha256</c>: <c>UPPER_HEX(HMAC-SHA256(key = secret, canonical))</c>, no secret wrapping.</summary>
    HmacSha256 = 2,
}
