using System.Security.Cryptography;
using System.Text;
using PlatformSdk.Top.Signing;

namespace PlatformSdk.Top.Tests;

public class SignatureTests
{
    private const string Secret = "helloworld";

    // V-TOP-1..3 (docs/protocols/taobao-top.md §3): the official doc example and its hmac / hmac-sha256 counterparts.
    private static List<KeyValuePair<string, string?>> VectorParameters(string signMethod) =>
    [
        new("method", "taobao.item.seller.get"),
        new("app_key", "12345678"),
        new("session", "test"),
        new("timestamp", "2016-01-01 12:00:00"),
        new("format", "json"),
        new("v", "2.0"),
        new("sign_method", signMethod),
        new("fields", "num_iid,title,nick,price,num"),
        new("num_iid", "11223344"),
    ];

    [Fact]
    public void V_TOP_1_official_md5_example()
    {
        var parameters = VectorParameters("md5");
        Assert.Equal("app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.getnum_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0",
            TopSignature.Canonical(parameters));
        Assert.Equal("66987CB115214E59E6EC978214934FB8", TopSignature.Sign(TopSignMethod.Md5, Secret, parameters));
    }

    [Fact]
    public void V_TOP_2_hmac_is_hmac_md5_without_secret_wrapping()
        => Assert.Equal("D56D7858309C31B6251083A874D48273", TopSignature.Sign(TopSignMethod.Hmac, Secret, VectorParameters("hmac")));

    [Fact]
    public void V_TOP_3_hmac_sha256()
        => Assert.Equal("04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8",
            TopSignature.Sign(TopSignMethod.HmacSha256, Secret, VectorParameters("hmac-sha256")));

    [Fact]
    public void V_QM_1_qimen_md5_appends_the_body_after_the_sorted_query()
    {
        List<KeyValuePair<string, string?>> query =
        [
            new("method", "taobao.qimen.entryorder.query"),
            new("timestamp", "2015-04-26 00:00:07"),
            new("format", "xml"),
            new("app_key", "testerp_appkey"),
            new("v", "2.0"),
            new("sign_method", "md5"),
            new("customerId", "stub-cust-code"),
        ];
        Assert.Equal("4B41313E5B26D3D984528C1AAD4F5F8D",
            TopSignature.SignQimen("test", query, "<request><entryOrderCode>E1234</entryOrderCode></request>"));
    }

    [Fact]
    public void Parameters_sort_ordinally_so_uppercase_and_underscore_follow_ascii_order()
    {
        List<KeyValuePair<string, string?>> parameters = [new("b", "1"), new("a_b", "2"), new("aB", "3"), new("A", "4"), new("a", "5")];
        // ASCII: 'A' (0x41) < 'B' (0x42) < '_' (0x5F) < 'a' (0x61); a culture-aware sort would put "a_b" and "aB" elsewhere.
        Assert.Equal("A4a5aB3a_b2b1", TopSignature.Canonical(parameters));
    }

    [Fact]
    public void Sign_and_empty_names_or_values_are_skipped_but_the_body_is_appended()
    {
        List<KeyValuePair<string, string?>> parameters =
            [new("foo", "1"), new("bar", ""), new("baz", null), new("", "x"), new("sign", "ABC"), new("bar2", "2")];
        Assert.Equal("bar22foo1<b/>", TopSignature.Canonical(parameters, "<b/>"));
        Assert.Equal(TopSignature.Sign(TopSignMethod.Md5, "s", [new("bar2", "2"), new("foo", "1")], "<b/>"),
            TopSignature.Sign(TopSignMethod.Md5, "s", parameters, "<b/>"));
    }

    [Fact]
    public void Hex_keeps_leading_zeros_where_per_byte_ToString_X_would_drop_them()
    {
        // V-TOP-3's first byte is 0x04; md5("sa31s") starts with 0x03 and has 0x0E inside.
        var digest = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(TopSignature.Canonical(VectorParameters("hmac-sha256"))));
        Assert.True(digest[0] < 0x10);
        var wrongHex = string.Concat(digest.Select(b => b.ToString("X", System.Globalization.CultureInfo.InvariantCulture)));
        var rightHex = TopSignature.Sign(TopSignMethod.HmacSha256, Secret, VectorParameters("hmac-sha256"));
        Assert.NotEqual(wrongHex, rightHex);
        Assert.Equal(64, rightHex.Length);
        Assert.StartsWith("4DB15AD", wrongHex, StringComparison.Ordinal);

        var md5 = TopSignature.Sign(TopSignMethod.Md5, "s", [new("a", "31")]);
        Assert.Equal("0374565644650E9E6C0310BF68686936", md5);
    }

    [Fact]
    public void Debug_view_masks_session_and_secret_but_keeps_the_shape()
    {
        var view = TopSignature.DebugView(TopSignMethod.Md5, VectorParameters("md5"));
        Assert.Equal("***app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.getnum_iid11223344session***sign_methodmd5timestamp2016-01-01 12:00:00v2.0***", view);
        Assert.DoesNotContain(Secret, view, StringComparison.Ordinal);
        Assert.DoesNotContain("sessiontest", TopSignature.DebugView(TopSignMethod.HmacSha256, VectorParameters("hmac-sha256")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TopSignMethod.Md5, "md5")]
    [InlineData(TopSignMethod.Hmac, "hmac")]
    [InlineData(TopSignMethod.HmacSha256, "hmac-sha256")]
    public void Sign_method_wire_names(TopSignMethod method, string wire) => Assert.Equal(wire, TopSignature.WireName(method));
}
