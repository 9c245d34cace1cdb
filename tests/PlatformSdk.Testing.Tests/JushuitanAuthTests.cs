using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Testing.Tests;

public sealed class JushuitanAuthTests
{
    private static int Code(JsonObject response) => response["code"]!.GetValue<int>();

    private static string Msg(JsonObject response) => response["msg"]!.GetValue<string>();

    [Theory]
    [InlineData(1540370062L, "aebf9d0146764d578d9c86e3b7783204")]
    [InlineData(1608000837L, "403697654caffbbfe21a841782b6af8f")]
    public async Task Legacy_sign_accepts_the_published_sandbox_test_vectors(long ts, string sign)
    {
        using var client = new JstTestClient(time: new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ts)));

        Assert.Equal(sign, client.LegacySign("shops.query", ts)); // our own MD5 agrees with the vector
        var response = await client.LegacyAsync("shops.query", "{\"page_index\":1,\"page_size\":10}", ts, sign);

        Assert.Equal(0, Code(response));
        Assert.True(response["issuccess"]!.GetValue<bool>());
        Assert.NotNull(response["shops"]);
    }

    [Theory]
    [InlineData("aebf9d0146764d578d9c86e3b7783205")] // one hex digit changed
    [InlineData("AEBF9D0146764D578D9C86E3B7783204")] // upper case: the fake requires the documented lower-case hex
    public async Task Legacy_tampered_sign_is_rejected_with_code_120(string sign)
    {
        using var client = new JstTestClient(time: new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1540370062)));

        var (status, body) = await client.LegacyRawAsync("shops.query", "{}", 1540370062, sign);

        Assert.Equal(200, status);
        Assert.Equal("{\"msg\":\"签名错误\",\"code\":120,\"issuccess\":false}", body);
        Assert.Equal(0, client.Fake.GetCallCount(client.PartnerId));
    }

    [Fact]
    public async Task Legacy_sign_over_a_different_method_is_rejected()
    {
        using var client = new JstTestClient();
        var signForOtherMethod = client.LegacySign("shops.query", client.Now);

        var response = await client.LegacyAsync("orders.single.query", "{\"so_ids\":[\"A\"]}", client.Now, signForOtherMethod);

        Assert.Equal(120, Code(response));
    }

    [Fact]
    public void Open_api_sign_matches_the_external_test_vectors()
    {
        Assert.Equal("706427ca94e342781ac36d501151cb10", FakeJushuitanServer.OpenApiSign("secret", new Dictionary<string, string>
        {
            ["timestamp"] = "100", ["app_key"] = "app", ["charset"] = "utf-8",
        }));
        Assert.Equal("05e3a51e19e0883afd1882ccd309e0b9", FakeJushuitanServer.OpenApiSign("e9c5ca33fecb404b8e6cdbd0ef4a6d25", new Dictionary<string, string>
        {
            ["app_key"] = "5b53060f23d84ddf9703056e84fa5a2d", ["timestamp"] = "1639128407", ["code"] = "123456",
            ["grant_type"] = "authorization_code", ["charset"] = "utf-8", ["sign"] = "ignored",
        }));
    }

    [Fact]
    public async Task Open_api_accepts_business_call_signed_as_in_vector_3()
    {
        using var client = new JstTestClient(time: new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1700000000)));
        var fields = client.OpenFields("{\"page_index\":1,\"page_size\":10}", FakeJushuitanOptions.SandboxAccessToken, 1700000000);
        fields["sign"] = "97ec9c1d33a0af29a0e5c37900880437";

        var (_, body) = await client.PostFormAsync("/open/shops/query", fields, sign: false);
        var response = JsonNode.Parse(body)!.AsObject();

        Assert.Equal(0, Code(response));
        Assert.NotNull(response["data"]!["datas"]);
    }

    [Fact]
    public async Task Open_api_getInitToken_accepts_vector_4_and_issues_tokens()
    {
        using var client = new JstTestClient(time: new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1700000000)));
        var fields = new Dictionary<string, string>
        {
            ["app_key"] = FakeJushuitanOptions.SandboxAppKey, ["charset"] = "utf-8", ["code"] = "abc123",
            ["grant_type"] = "authorization_code", ["timestamp"] = "1700000000", ["sign"] = "1b0dad832d3a91a5bf33262e37a5198d",
        };

        var (_, body) = await client.PostFormAsync("/openWeb/auth/getInitToken", fields, sign: false);
        var response = JsonNode.Parse(body)!.AsObject();

        Assert.Equal(0, Code(response));
        var data = response["data"]!;
        Assert.Equal(client.Fake.AccessToken, data["access_token"]!.GetValue<string>());
        Assert.NotEqual(FakeJushuitanOptions.SandboxAccessToken, client.Fake.AccessToken);
        Assert.Equal(2592000, data["expires_in"]!.GetValue<long>());
        Assert.Equal(client.Fake.RefreshToken, data["refresh_token"]!.GetValue<string>());
        Assert.Equal("all", data["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Open_api_getInitToken_accepts_vector_2_from_an_independent_source()
    {
        var options = new FakeJushuitanOptions { AppKey = "5b53060f23d84ddf9703056e84fa5a2d", AppSecret = "e9c5ca33fecb404b8e6cdbd0ef4a6d25" };
        using var client = new JstTestClient(options, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1639128407)));
        var fields = new Dictionary<string, string>
        {
            ["app_key"] = options.AppKey, ["timestamp"] = "1639128407", ["code"] = "123456", ["grant_type"] = "authorization_code",
            ["charset"] = "utf-8", ["sign"] = "05e3a51e19e0883afd1882ccd309e0b9",
        };

        var (_, body) = await client.PostFormAsync("/openWeb/auth/getInitToken", fields, sign: false);

        Assert.Equal(0, Code(JsonNode.Parse(body)!.AsObject()));
    }

    [Fact]
    public async Task Open_api_biz_changed_after_signing_is_rejected_with_code_10()
    {
        using var client = new JstTestClient();
        var fields = client.OpenFields("{\"page_index\":1}");
        fields["sign"] = JstTestClient.OpenSign(client.AppSecret, fields);
        fields["biz"] = "{\"page_index\":2}";

        var (_, body) = await client.PostFormAsync("/open/shops/query", fields, sign: false);

        Assert.Equal("{\"code\":10,\"msg\":\"无效签名\",\"data\":null}", body);
    }

    [Fact]
    public async Task Open_api_sign_skips_empty_values()
    {
        using var client = new JstTestClient();
        var fields = client.OpenFields("{}");
        fields["sign"] = JstTestClient.OpenSign(client.AppSecret, fields);
        fields["extra"] = string.Empty; // sent but empty: not part of the signed string

        var (_, body) = await client.PostFormAsync("/open/shops/query", fields, sign: false);

        Assert.Equal(0, Code(JsonNode.Parse(body)!.AsObject()));
    }

    [Fact]
    [Rule("RJST-01")]
    public async Task RJST01_production_fake_rejects_the_public_sandbox_partnerid_as_partnerid_invalid()
    {
        using var client = new JstTestClient(new FakeJushuitanOptions { Environment = FakeJushuitanEnvironment.Production });
        Assert.Equal(FakeJushuitanOptions.ProductionPartnerId, client.Fake.PartnerId);
        client.PartnerId = FakeJushuitanOptions.SandboxPartnerId;
        client.PartnerKey = FakeJushuitanOptions.SandboxPartnerKey;
        client.Token = FakeJushuitanOptions.SandboxToken;

        var (_, body) = await client.LegacyRawAsync("shops.query", "{}");

        Assert.Equal("{\"msg\":\"合作者参数错误:partnerid invalid\",\"code\":100,\"issuccess\":false}", body);
    }

    [Fact]
    [Rule("RJST-01")]
    public async Task RJST01_test_fake_rejects_production_partnerid()
    {
        using var client = new JstTestClient();
        client.PartnerId = FakeJushuitanOptions.ProductionPartnerId;
        client.PartnerKey = FakeJushuitanOptions.ProductionPartnerKey;
        client.Token = FakeJushuitanOptions.ProductionToken;

        var response = await client.LegacyAsync("shops.query");

        Assert.Equal(100, Code(response));
        Assert.Contains("partnerid", Msg(response), StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RJST-01")]
    public async Task RJST01_partnerid_with_surrounding_spaces_is_partnerid_invalid()
    {
        using var client = new JstTestClient();
        client.PartnerId = " " + client.PartnerId + " ";

        var response = await client.LegacyAsync("shops.query");

        Assert.Equal(100, Code(response));
        Assert.Contains("partnerid invalid", Msg(response), StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RJST-01")]
    public async Task RJST01_production_fake_rejects_the_sandbox_app_key()
    {
        using var client = new JstTestClient(new FakeJushuitanOptions { Environment = FakeJushuitanEnvironment.Production });
        client.AppKey = FakeJushuitanOptions.SandboxAppKey;
        client.AppSecret = FakeJushuitanOptions.SandboxAppSecret;

        var response = await client.OpenAsync("/open/shops/query", accessToken: FakeJushuitanOptions.SandboxAccessToken);

        Assert.Equal(140, Code(response));
        Assert.Contains("app_key", Msg(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-601)]
    [InlineData(601)]
    public async Task Timestamp_outside_ten_minutes_is_code_180_on_both_protocols(int offsetSeconds)
    {
        using var client = new JstTestClient();
        var ts = client.Now + offsetSeconds;

        var legacy = await client.LegacyAsync("shops.query", "{}", ts);
        var open = await client.OpenAsync("/open/shops/query", ts: ts);

        Assert.Equal((180, "TS无效"), (Code(legacy), Msg(legacy)));
        Assert.Equal((180, "TS无效"), (Code(open), Msg(open)));
    }

    [Fact]
    public async Task Timestamp_within_the_window_is_accepted()
    {
        using var client = new JstTestClient();

        var response = await client.OpenAsync("/open/shops/query", ts: client.Now - 600);

        Assert.Equal(0, Code(response));
    }

    [Fact]
    public async Task Missing_charset_is_rejected()
    {
        using var client = new JstTestClient();
        var fields = client.OpenFields("{}");
        fields.Remove("charset");

        var (_, body) = await client.PostFormAsync("/open/shops/query", fields);

        Assert.Equal(140, Code(JsonNode.Parse(body)!.AsObject()));
        Assert.Contains("charset", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Legacy_wrong_or_expired_token_is_code_100_without_partnerid_in_the_message()
    {
        using var client = new JstTestClient();
        client.Token = "00000000000000000000000000000000";
        var wrong = await client.LegacyAsync("shops.query");
        client.Token = client.Fake.LegacyToken;
        client.Fake.ExpireTokens();
        var expired = await client.LegacyAsync("shops.query");

        foreach (var response in new[] { wrong, expired })
        {
            Assert.Equal(100, Code(response));
            Assert.Equal("合作者参数错误:token无效或已过期", Msg(response));
            Assert.DoesNotContain("partnerid", Msg(response), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Legacy_token_expires_after_its_lifetime()
    {
        using var client = new JstTestClient(new FakeJushuitanOptions { LegacyTokenLifetime = TimeSpan.FromHours(1) });
        Assert.Equal(0, Code(await client.LegacyAsync("shops.query")));

        client.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(100, Code(await client.LegacyAsync("shops.query")));
    }

    [Fact]
    [Rule("RJST-02")]
    public async Task RJST02_legacy_refresh_keeps_the_token_value_and_extends_validity_after_the_activation_delay()
    {
        using var client = new JstTestClient(new FakeJushuitanOptions { TokenActivationDelay = TimeSpan.FromMinutes(5) });
        client.Fake.ExpireTokens();

        var refresh = await client.LegacyAsync("refresh.token");
        Assert.Equal(0, Code(refresh));
        Assert.Equal("2024-05-31 10:00:00", refresh["data"]!["expired_date"]!.GetValue<string>());
        Assert.Equal(FakeJushuitanOptions.SandboxToken, client.Fake.LegacyToken);

        Assert.Equal(100, Code(await client.LegacyAsync("shops.query"))); // not in effect yet
        client.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, Code(await client.LegacyAsync("shops.query")));
        Assert.Equal(client.Time.GetUtcNow() - TimeSpan.FromMinutes(5) + TimeSpan.FromDays(30), client.Fake.LegacyTokenExpiresAt);
    }

    [Fact]
    public async Task Open_api_expired_access_token_is_code_100()
    {
        using var client = new JstTestClient();
        client.Fake.ExpireTokens();

        var response = await client.OpenAsync("/open/shops/query");

        Assert.Equal((100, "无效的access_token或access_token已过期"), (Code(response), Msg(response)));
    }

    [Fact]
    public async Task Open_api_access_token_expires_after_expires_in()
    {
        using var client = new JstTestClient(new FakeJushuitanOptions { AccessTokenLifetime = TimeSpan.FromHours(2) });
        var issued = await client.TokenAsync("/openWeb/auth/getInitToken", new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = "Ab12Cd" });
        Assert.Equal(7200, issued["data"]!["expires_in"]!.GetValue<long>());

        client.Time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, Code(await client.OpenAsync("/open/shops/query")));
        client.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(100, Code(await client.OpenAsync("/open/shops/query")));
    }

    [Fact]
    [Rule("RJST-02")]
    public async Task RJST02_open_api_refresh_rotates_tokens_and_old_token_works_until_the_new_one_takes_effect()
    {
        using var client = new JstTestClient(new FakeJushuitanOptions { TokenActivationDelay = TimeSpan.FromMinutes(3) });
        var oldToken = client.Fake.AccessToken;
        var oldRefresh = client.Fake.RefreshToken;

        var refreshed = await client.TokenAsync("/openWeb/auth/refreshToken", new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = oldRefresh, ["scope"] = "all",
        });

        Assert.Equal(0, Code(refreshed));
        var newToken = refreshed["data"]!["access_token"]!.GetValue<string>();
        Assert.NotEqual(oldToken, newToken);
        Assert.NotEqual(oldRefresh, refreshed["data"]!["refresh_token"]!.GetValue<string>());
        Assert.Equal(0, Code(await client.OpenAsync("/open/shops/query", accessToken: oldToken)));
        Assert.Equal(100, Code(await client.OpenAsync("/open/shops/query", accessToken: newToken)));

        client.Time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(0, Code(await client.OpenAsync("/open/shops/query", accessToken: newToken)));
        Assert.Equal(100, Code(await client.OpenAsync("/open/shops/query", accessToken: oldToken)));
    }

    [Fact]
    public async Task Open_api_refresh_with_stale_refresh_token_is_rejected()
    {
        using var client = new JstTestClient();
        var fields = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = client.Fake.RefreshToken, ["scope"] = "all" };
        Assert.Equal(0, Code(await client.TokenAsync("/openWeb/auth/refreshToken", fields)));

        var again = await client.TokenAsync("/openWeb/auth/refreshToken", fields);

        Assert.Equal(140, Code(again));
        Assert.Contains("refresh_token", Msg(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_api_isv_refresh_forbidden_is_code_150()
    {
        using var client = new JstTestClient(new FakeJushuitanOptions { IsvRefreshForbidden = true });

        var response = await client.TokenAsync("/openWeb/auth/refreshToken", new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = client.Fake.RefreshToken, ["scope"] = "all",
        });

        Assert.Equal((150, "服务商应用禁止刷新access_token"), (Code(response), Msg(response)));
    }

    [Fact]
    public async Task Open_api_isv_access_token_needs_a_registered_single_use_code()
    {
        using var client = new JstTestClient();
        var fields = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = "cb-code-1" };

        Assert.Equal(140, Code(await client.TokenAsync("/openWeb/auth/accessToken", fields)));
        client.Fake.AuthorizeIsvCode("cb-code-1");
        Assert.Equal(0, Code(await client.TokenAsync("/openWeb/auth/accessToken", fields)));
        Assert.Equal(140, Code(await client.TokenAsync("/openWeb/auth/accessToken", fields)));
    }

    [Fact]
    public async Task GetInitToken_requires_a_six_character_code()
    {
        using var client = new JstTestClient();

        var response = await client.TokenAsync("/openWeb/auth/getInitToken", new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = "12345" });

        Assert.Equal(140, Code(response));
    }

    [Fact]
    [Rule("RJST-03")]
    public async Task RJST03_calls_are_counted_per_credential_after_signature_checks()
    {
        using var client = new JstTestClient();
        await client.LegacyAsync("shops.query");
        await client.LegacyAsync("wms.partner.query");
        await client.LegacyAsync("shops.query", "{}", sign: "0".PadLeft(32, '0'));
        await client.OpenAsync("/open/shops/query");

        Assert.Equal(2, client.Fake.GetCallCount(client.PartnerId));
        Assert.Equal(1, client.Fake.GetCallCount(client.AppKey));
        Assert.Equal(2, client.Fake.CallCounts.Count);
    }

    [Fact]
    public async Task Unknown_legacy_method_is_code_190_and_unknown_open_path_is_http_404()
    {
        using var client = new JstTestClient();

        var legacy = await client.LegacyAsync("no.such.method");
        var (status, _) = await client.PostFormAsync("/open/no/such/path", client.OpenFields("{}"));

        Assert.Equal(190, Code(legacy));
        Assert.Equal(404, status);
        Assert.Equal(JushuitanRoutes.Unknown, client.Fake.Journal.Entries[^1].Route);
    }
}
