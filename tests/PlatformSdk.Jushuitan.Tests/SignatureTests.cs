using PlatformSdk.Jushuitan.Signing;

namespace PlatformSdk.Jushuitan.Tests;

public class SignatureTests
{
    private const string SandboxPartnerId = "ywv5jGT8ge6Pvlq3FZSPol345asd";
    private const string SandboxPartnerKey = "ywv5jGT8ge6Pvlq3FZSPol2323";
    private const string SandboxToken = "181ee8952a88f5a57db52587472c3798";

    [Theory]
    [InlineData(1540370062L, "aebf9d0146764d578d9c86e3b7783204")] // S-node
    [InlineData(1608000837L, "403697654caffbbfe21a841782b6af8f")] // S-csdn1
    public void Legacy_sign_matches_published_sandbox_vectors(long ts, string expected)
        => Assert.Equal(expected, JushuitanSignature.Legacy("shops.query", SandboxPartnerId, SandboxToken, ts, SandboxPartnerKey));

    [Fact]
    public void Legacy_canonical_string_is_method_partnerid_token_ts_partnerkey()
    {
        Assert.Equal(
            "shops.queryywv5jGT8ge6Pvlq3FZSPol345asdtoken181ee8952a88f5a57db52587472c3798ts1540370062ywv5jGT8ge6Pvlq3FZSPol2323",
            JushuitanSignature.LegacyCanonical("shops.query", SandboxPartnerId, SandboxToken, 1540370062, SandboxPartnerKey, maskSecrets: false));
    }

    [Fact]
    public void Legacy_debug_view_masks_token_and_partnerkey()
    {
        var view = JushuitanSignature.LegacyCanonical("shops.query", SandboxPartnerId, SandboxToken, 1540370062, SandboxPartnerKey);
        Assert.Equal("shops.queryywv5jGT8ge6Pvlq3FZSPol345asdtoken***ts1540370062***", view);
        Assert.DoesNotContain(SandboxToken, view, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxPartnerKey, view, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenApi_vector1_koco()
    {
        var sign = JushuitanSignature.OpenApi("secret", [new("timestamp", "100"), new("app_key", "app"), new("charset", "utf-8")]);
        Assert.Equal("706427ca94e342781ac36d501151cb10", sign);
        Assert.Equal("secretapp_keyappcharsetutf-8timestamp100",
            JushuitanSignature.OpenApiCanonical("secret", [new("timestamp", "100"), new("app_key", "app"), new("charset", "utf-8")], maskSecrets: false));
    }

    [Fact]
    public void OpenApi_vector2_getInitToken_form_from_ieu_DefaultJstAuthDigestTest()
    {
        var sign = JushuitanSignature.OpenApi("e9c5ca33fecb404b8e6cdbd0ef4a6d25",
        [
            new("app_key", "5b53060f23d84ddf9703056e84fa5a2d"),
            new("timestamp", "1639128407"),
            new("code", "123456"),
            new("grant_type", "authorization_code"),
            new("charset", "utf-8"),
        ]);
        Assert.Equal("05e3a51e19e0883afd1882ccd309e0b9", sign);
    }

    [Fact]
    public void OpenApi_vector3_business_call_with_biz()
    {
        var sign = JushuitanSignature.OpenApi("99c4cef262f34ca882975a7064de0b87",
        [
            new("app_key", "b0b7d1db226d4216a3d58df9ffa2dde5"),
            new("access_token", "b7e3b1e24e174593af8ca5c397e53dad"),
            new("timestamp", "1700000000"),
            new("charset", "utf-8"),
            new("version", "2"),
            new("biz", "{\"page_index\":1,\"page_size\":10}"),
        ]);
        Assert.Equal("97ec9c1d33a0af29a0e5c37900880437", sign);
    }

    [Fact]
    public void OpenApi_vector4_getInitToken_with_sandbox_app()
    {
        var sign = JushuitanSignature.OpenApi("99c4cef262f34ca882975a7064de0b87",
        [
            new("app_key", "b0b7d1db226d4216a3d58df9ffa2dde5"),
            new("charset", "utf-8"),
            new("code", "abc123"),
            new("grant_type", "authorization_code"),
            new("timestamp", "1700000000"),
        ]);
        Assert.Equal("1b0dad832d3a91a5bf33262e37a5198d", sign);
    }

    [Fact]
    public void OpenApi_excludes_sign_and_empty_values()
    {
        var withExtras = JushuitanSignature.OpenApi("secret",
            [new("timestamp", "100"), new("app_key", "app"), new("charset", "utf-8"), new("sign", "whatever"), new("state", ""), new("scope", null)]);
        Assert.Equal("706427ca94e342781ac36d501151cb10", withExtras);
    }

    [Fact]
    public void OpenApi_sorts_keys_ordinally_not_by_culture()
    {
        // Ordinal order puts '_' (0x5F) after uppercase and before lowercase letters.
        var view = JushuitanSignature.OpenApiCanonical("s", [new("a_b", "1"), new("aB", "2"), new("ab", "3")], maskSecrets: false);
        Assert.Equal("saB2a_b1ab3", view);
    }

    [Fact]
    public void OpenApi_debug_view_masks_secret_and_tokens()
    {
        var view = JushuitanSignature.OpenApiCanonical("99c4cef262f34ca882975a7064de0b87",
            [new("app_key", "app"), new("access_token", "b7e3b1e24e174593af8ca5c397e53dad"), new("refresh_token", "r-secret-value")]);
        Assert.Equal("***access_token***app_keyapprefresh_token***", view);
    }
}
