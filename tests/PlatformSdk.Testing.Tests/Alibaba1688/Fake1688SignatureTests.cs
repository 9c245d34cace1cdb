using PlatformSdk.Testing.Alibaba1688;
using static PlatformSdk.Testing.Tests.Alibaba1688.Ali1688TestClient;

namespace PlatformSdk.Testing.Tests.Alibaba1688;

public sealed class Fake1688SignatureTests
{
    private const string Product = "com.alibaba.product";

    [Fact]
    public void V_1688_1_official_example_is_reproduced_by_the_test_and_by_the_fake()
    {
        KeyValuePair<string, string>[] parameters = [new("b", "2"), new("a", "1")];

        Assert.Equal("33E54F4F7B989E3E0E912D3FBD2F1A03CA7CCE88", Sign("param2/1/system/currentTime/1000000", parameters, "test123"));
        Assert.Equal("33E54F4F7B989E3E0E912D3FBD2F1A03CA7CCE88", Fake1688Server.ComputeSignature("param2/1/system/currentTime/1000000", parameters, "test123"));
    }

    [Fact]
    public async Task V_1688_1_signature_is_accepted_by_the_gateway_which_then_asks_for_a_token()
    {
        using var client = new Ali1688TestClient(new Fake1688Options { AppKey = "1000000", AppSecret = "test123" });

        var (status, body) = await client.PostRawAsync(
            "openapi/param2/1/system/currentTime/1000000",
            new() { ["b"] = "2", ["a"] = "1", ["_aop_signature"] = "33E54F4F7B989E3E0E912D3FBD2F1A03CA7CCE88" });

        // Past the signature check: the only complaint is the missing access_token.
        Assert.Equal(401, status);
        Assert.Equal("401", S(body, "error_code"));
        Assert.Equal("Request need user authorized", S(body, "error_message"));
    }

    [Fact]
    public async Task V_1688_2_signature_with_token_and_timestamp_is_accepted()
    {
        using var client = new Ali1688TestClient(new Fake1688Options { AppKey = "1000000", AppSecret = "test123" });

        var (status, body) = await client.PostRawAsync(
            "openapi/param2/1/com.alibaba.product/alibaba.product.get/1000000",
            new()
            {
                ["productID"] = "123456789",
                ["webSite"] = "1688",
                ["access_token"] = "abc-token",
                ["_aop_timestamp"] = "1700000000000",
                ["_aop_signature"] = "065544F7E47C75CB625976031340B4C2D916AE54",
            });

        Assert.Equal(401, status); // abc-token was never issued; the signature itself passed
        Assert.Equal("401", S(body, "error_code"));
    }

    [Theory]
    [InlineData("88A8CC21CE99A7D8EF48CF0C5B6C8F0BBCE21016", 401)] // official: sort the key+value strings
    [InlineData("9AEBA3E4C4637F644A190F672863C41D56AB0D08", 400)] // trap: sort by key
    public async Task V_1688_3_sorting_key_value_strings_not_keys(string signature, int expectedStatus)
    {
        using var client = new Ali1688TestClient(new Fake1688Options { AppKey = "1", AppSecret = "s" });

        var (status, body) = await client.PostRawAsync("openapi/param2/1/x/y/1", new() { ["a"] = "z", ["ab"] = "1", ["_aop_signature"] = signature });

        Assert.Equal(expectedStatus, status);
        Assert.Equal(expectedStatus == 401 ? "401" : "gw.SignatureInvalid", S(body, "error_code"));
    }

    [Fact]
    public async Task Valid_signature_and_token_reach_the_api()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();

        var body = await client.OkAsync(Product, "alibaba.product.get", token, new() { ["productID"] = Fake1688Seed.SimpleOfferId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["webSite"] = "1688" });

        Assert.Equal(Fake1688Seed.SimpleOfferId.ToString(System.Globalization.CultureInfo.InvariantCulture), S(body["productInfo"], "productID"));
    }

    [Fact]
    public async Task Tampered_signature_wrong_secret_missing_signature_and_other_path_are_rejected_with_gw_SignatureInvalid()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();
        var fields = client.Signed(Product, "alibaba.product.get", new() { ["productID"] = "1", ["webSite"] = "1688" }, token);

        var tampered = new Dictionary<string, string>(fields) { ["productID"] = "2" };
        var noSignature = new Dictionary<string, string>(fields);
        noSignature.Remove("_aop_signature");
        var wrongSecret = new Dictionary<string, string>(fields)
        {
            ["_aop_signature"] = Sign(UrlPath(Product, "alibaba.product.get", client.AppKey), fields.Where(f => f.Key != "_aop_signature"), "not-the-secret"),
        };

        foreach (var (path, form) in new[]
        {
            ("openapi/" + UrlPath(Product, "alibaba.product.get", client.AppKey), tampered),
            ("openapi/" + UrlPath(Product, "alibaba.product.get", client.AppKey), noSignature),
            ("openapi/" + UrlPath(Product, "alibaba.product.get", client.AppKey), wrongSecret),
            ("openapi/" + UrlPath(Product, "alibaba.product.list.get", client.AppKey), fields), // signed for another API
        })
        {
            var (status, body) = await client.PostRawAsync(path, form);
            Assert.Equal(400, status);
            Assert.Equal("gw.SignatureInvalid", S(body, "error_code"));
            Assert.False(string.IsNullOrEmpty(S(body, "error_message")));
        }
    }

    [Fact]
    public async Task Signature_with_lower_case_hex_is_rejected()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();
        var fields = client.Signed(Product, "alibaba.product.get", new() { ["productID"] = "1" }, token);
        fields["_aop_signature"] = fields["_aop_signature"].ToLowerInvariant();

        var (status, body) = await client.PostRawAsync("openapi/" + UrlPath(Product, "alibaba.product.get", client.AppKey), fields);

        Assert.Equal(400, status);
        Assert.Equal("gw.SignatureInvalid", S(body, "error_code"));
    }

    [Fact]
    public async Task Unknown_app_key_in_the_path_is_gw_AppKeyNotFound()
    {
        using var client = new Ali1688TestClient();
        client.AppKey = "9999999";

        var (status, body) = await client.CallAsync(Product, "alibaba.product.get", "t", new() { ["productID"] = "1" });

        Assert.Equal(400, status);
        Assert.Equal("gw.AppKeyNotFound", S(body, "error_code"));
    }

    [Fact]
    [Rule("R1688-06")]
    public async Task Image_bytes_are_not_signed_R168806()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();

        var (status, body) = await client.UploadImageAsync(token, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);

        Assert.Equal(200, status);
        Assert.StartsWith("img/ibank/", S(body["image"], "url"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttle_fault_answers_gw_QosAppFrequencyLimit_and_does_nothing()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();
        client.Fake.Faults.For(Fake1688Routes.ProductAdd).Once(Faults.Fault.Throttle());

        var (status, body) = await client.CallAsync(Product, "alibaba.product.add", token, new() { ["subject"] = "限流测试" });

        Assert.Equal(400, status);
        Assert.Equal("gw.QosAppFrequencyLimit", S(body, "error_code"));
        Assert.Equal("App call exceeds limited frequency", S(body, "error_message"));
        Assert.DoesNotContain(client.Fake.Offers, offer => offer.Subject == "限流测试");
    }

    [Fact]
    public async Task Unmodelled_api_is_declined_like_an_api_the_app_was_not_granted()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();

        var (status, body) = await client.CallAsync("com.alibaba.trade", "alibaba.trade.unknownThing", token);

        Assert.Equal(400, status);
        Assert.Equal("gw.APIACLDecline", S(body, "error_code"));
        Assert.Single(client.Fake.CallsTo("alibaba.trade.unknownThing"));
    }
}
