using PlatformSdk.Alibaba1688.Signing;

namespace PlatformSdk.Alibaba1688.Tests;

public class SignatureTests
{
    private static KeyValuePair<string, string?> P(string k, string v) => new(k, v);

    [Fact]
    public void V_1688_1_official_example()
    {
        var parameters = new[] { P("b", "2"), P("a", "1") };

        Assert.Equal("param2/1/system/currentTime/1000000a1b2", Alibaba1688Signature.Canonical("param2/1/system/currentTime/1000000", parameters));
        Assert.Equal("33E54F4F7B989E3E0E912D3FBD2F1A03CA7CCE88", Alibaba1688Signature.Compute("param2/1/system/currentTime/1000000", parameters, "test123"));
    }

    [Fact]
    public void V_1688_2_product_get_with_token_and_timestamp()
    {
        var parameters = new[] { P("productID", "123456789"), P("webSite", "1688"), P("access_token", "abc-token"), P("_aop_timestamp", "1700000000000") };
        const string path = "param2/1/com.alibaba.product/alibaba.product.get/1000000";

        Assert.Equal(path + "_aop_timestamp1700000000000access_tokenabc-tokenproductID123456789webSite1688",
            Alibaba1688Signature.Canonical(path, parameters, maskSecrets: false));
        Assert.Equal("065544F7E47C75CB625976031340B4C2D916AE54", Alibaba1688Signature.Compute(path, parameters, "test123"));
    }

    [Fact]
    public void V_1688_3_concatenated_pairs_are_sorted_not_keys()
    {
        var parameters = new[] { P("a", "z"), P("ab", "1") };

        Assert.Equal("param2/1/x/y/1ab1az", Alibaba1688Signature.Canonical("param2/1/x/y/1", parameters));
        Assert.Equal("88A8CC21CE99A7D8EF48CF0C5B6C8F0BBCE21016", Alibaba1688Signature.Compute("param2/1/x/y/1", parameters, "s"));
    }

    [Fact]
    public void V_1688_3_a_key_sort_gives_a_different_wrong_signature()
    {
        var keySorted = "param2/1/x/y/1" + string.Concat(new[] { ("ab", "1"), ("a", "z") }.OrderBy(p => p.Item1, StringComparer.Ordinal).Select(p => p.Item1 + p.Item2));

        Assert.Equal("param2/1/x/y/1azab1", keySorted);
        Assert.Equal("9AEBA3E4C4637F644A190F672863C41D56AB0D08", Alibaba1688Signature.HmacSha1Upper("s", keySorted));
        Assert.NotEqual(Alibaba1688Signature.Compute("param2/1/x/y/1", [P("a", "z"), P("ab", "1")], "s"), Alibaba1688Signature.HmacSha1Upper("s", keySorted));
    }

    [Fact]
    public void Canonical_view_masks_tokens_and_skips_the_signature_and_empty_values()
    {
        var canonical = Alibaba1688Signature.Canonical("param2/1/x/y/1",
            [P("access_token", "secret-token"), P("_aop_signature", "ABC"), P("empty", ""), P("k", "v")]);

        Assert.Equal("param2/1/x/y/1access_token***kv", canonical);
        Assert.DoesNotContain("secret-token", canonical, StringComparison.Ordinal);
    }
}
