using System.Text.Json;
using PlatformSdk.Diagnostics;

namespace PlatformSdk.Abstractions.Tests;

/// <summary>A registered secret is masked in every encoding it takes in a body or URL, so an echoing platform cannot leak it.</summary>
public class SecretEncodingRedactionTests
{
    private const string Secret = "Pk+Secret/Value=42 x";

    public static TheoryData<string> Encodings()
    {
        var data = new TheoryData<string>
        {
            Secret,
            Uri.EscapeDataString(Secret),
            Uri.EscapeDataString(Secret).ToLowerInvariant().Replace("pk", "Pk", StringComparison.Ordinal).Replace("secret", "Secret", StringComparison.Ordinal).Replace("value", "Value", StringComparison.Ordinal),
            System.Net.WebUtility.UrlEncode(Secret),
            JsonSerializer.Serialize(Secret).Trim('"'),
            JsonSerializer.Serialize(Secret).Trim('"').Replace("\\u002B", "\\u002b", StringComparison.Ordinal).Replace("\\u003D", "\\u003d", StringComparison.Ordinal),
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_secret_is_masked_in_every_encoding(string form)
    {
        var text = $"{{\"echo\":\"note={form}&x=1\"}}";
        var redacted = SecretRedactor.Redact(text, [Secret]);
        Assert.DoesNotContain(form, redacted, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_escaped_forms_are_listed()
    {
        var forms = SecretRedactor.EncodedForms("a+b=c/d e");
        Assert.Contains("a\\u002Bb\\u003Dc/d e", forms);
        Assert.Contains("a\\u002bb\\u003dc/d e", forms);
        Assert.Contains("a%2Bb%3Dc%2Fd%20e", forms);
        Assert.Contains("a%2bb%3dc%2fd%20e", forms);
        Assert.Contains("a%2Bb%3Dc%2Fd+e", forms);
    }
}

/// <summary>Secret parameter names are masked in every spelling platforms use, camelCase JSON included.</summary>
public class SecretNameRedactionTests
{
    [Theory]
    [InlineData("{\"accessToken\":\"abc123def456\"}")]
    [InlineData("{\"refreshToken\":\"abc123def456\"}")]
    [InlineData("{\"clientSecret\":\"abc123def456\"}")]
    [InlineData("{\"sessionKey\":\"abc123def456\"}")]
    [InlineData("accessToken=abc123def456&x=1")]
    public void CamelCase_secret_names_are_masked(string text)
        => Assert.DoesNotContain("abc123def456", SecretRedactor.Redact(text), StringComparison.Ordinal);
}
