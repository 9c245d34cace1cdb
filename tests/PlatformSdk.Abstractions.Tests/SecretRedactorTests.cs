using PlatformSdk.Diagnostics;

namespace PlatformSdk.Abstractions.Tests;

public class SecretRedactorTests
{
    [Fact]
    public void Masks_sensitive_query_parameters_and_keeps_the_rest()
    {
        var redacted = SecretRedactor.Redact("https://open.erp321.com/api/open/query.aspx?method=jushuitan.orders.upload&partnerid=p1&token=abc123def&ts=1700000000&sign=0A1B2C3D4E5F");

        Assert.Equal("https://open.erp321.com/api/open/query.aspx?method=jushuitan.orders.upload&partnerid=p1&token=***&ts=1700000000&sign=***", redacted);
    }

    [Fact]
    public void Masks_form_body_parameters_case_insensitively()
    {
        var redacted = SecretRedactor.Redact("partnerkey=pk-XYZ&App_Secret=s3cr3t&access_token=t0k3n&refresh_token=r3fr3sh&biz=%7B%22so_id%22%3A1%7D&Sign=ABCD");

        Assert.Equal("partnerkey=***&App_Secret=***&access_token=***&refresh_token=***&biz=%7B%22so_id%22%3A1%7D&Sign=***", redacted);
    }

    [Fact]
    public void Does_not_mask_parameters_that_merely_end_with_a_sensitive_name()
    {
        const string text = "design=blue&sign_method=md5&tokens_used=3&app_key=12345";

        Assert.Equal(text, SecretRedactor.Redact(text));
    }

    [Fact]
    public void Masks_sensitive_JSON_properties_including_escaped_quotes()
    {
        var redacted = SecretRedactor.Redact("{\"access_token\":\"ab\\\"cd\",\"expires_in\":3600,\"refresh_token\" : \"rt-1\",\"shop\":\"s1\",\"Secret\":\"x\"}");

        Assert.Equal("{\"access_token\":\"***\",\"expires_in\":3600,\"refresh_token\" : \"***\",\"shop\":\"s1\",\"Secret\":\"***\"}", redacted);
    }

    [Fact]
    public void Masks_pairs_inside_JSON_strings_including_Gson_escaped_ampersands()
    {
        // Platforms echo the request in error messages; Gson writes & as \u0026.
        var redacted = SecretRedactor.Redact("{\"msg\":\"sign=ABCDEF0123\\u0026app_key=1\\u0026token=tok-123456 is invalid\"}");

        Assert.DoesNotContain("ABCDEF0123", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-123456", redacted, StringComparison.Ordinal);
        Assert.StartsWith("{\"msg\":\"sign=***", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Masks_literal_secret_values_raw_and_url_encoded()
    {
        const string secret = "Pk+Secret/Value=42";
        var text = $"note=signed with {Uri.EscapeDataString(secret)}; raw {secret}";

        var redacted = SecretRedactor.Redact(text, [secret]);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(secret), redacted, StringComparison.Ordinal);
        Assert.Equal("note=signed with ***; raw ***", redacted);
    }

    [Fact]
    public void Short_literal_values_are_not_masked_because_they_would_mask_ordinary_text()
        => Assert.Equal("status ok 1", SecretRedactor.Redact("status ok 1", ["ok", "1", ""]));

    [Fact]
    public void Null_and_empty_text_give_empty_text()
    {
        Assert.Equal(string.Empty, SecretRedactor.Redact(null));
        Assert.Equal(string.Empty, SecretRedactor.Redact(string.Empty, ["whatever-secret"]));
    }

    [Fact]
    public void Every_sensitive_name_is_masked_in_a_query()
    {
        foreach (var name in SecretRedactor.SensitiveNames)
        {
            Assert.Equal($"?{name}=***&x=1", SecretRedactor.Redact($"?{name}=VALUE-123456&x=1"));
        }
    }
}
