using System.Globalization;
using PlatformSdk.Testing.Alibaba1688;
using static PlatformSdk.Testing.Tests.Alibaba1688.Ali1688TestClient;

namespace PlatformSdk.Testing.Tests.Alibaba1688;

public sealed class Fake1688TokenTests
{
    private const string Product = "com.alibaba.product";

    private static Dictionary<string, string> GetSimpleOffer() => new() { ["productID"] = Fake1688Seed.SimpleOfferId.ToString(CultureInfo.InvariantCulture), ["webSite"] = "1688" };

    [Fact]
    public async Task Code_exchange_returns_the_documented_token_fields()
    {
        using var client = new Ali1688TestClient();

        var (status, body) = await client.ExchangeCodeAsync(client.Fake.AuthorizeShop(Fake1688Seed.MainShopLoginId));

        Assert.Equal(200, status);
        Assert.Equal("36000", body["expires_in"]!.GetValue<string>()); // 10 h, sent as a string
        Assert.Equal(Fake1688Seed.MainShopMemberId, S(body, "memberId"));
        Assert.Equal(Fake1688Seed.MainShopLoginId, S(body, "resource_owner"));
        Assert.Equal("2208857268871", S(body, "aliId"));
        Assert.False(string.IsNullOrEmpty(S(body, "access_token")));
        Assert.False(string.IsNullOrEmpty(S(body, "refresh_token")));
        // 180 days after 2024-05-01 02:00Z = 2024-10-28 10:00 +0800, in yyyyMMddHHmmssSSS+0800.
        Assert.Equal("20241028100000000+0800", S(body, "refresh_token_timeout"));
    }

    [Fact]
    public async Task Code_is_single_use()
    {
        using var client = new Ali1688TestClient();
        var code = client.Fake.AuthorizeShop(Fake1688Seed.MainShopMemberId);

        var first = await client.ExchangeCodeAsync(code);
        var second = await client.ExchangeCodeAsync(code);

        Assert.Equal(200, first.Status);
        Assert.Equal(400, second.Status);
        Assert.Equal("invalid_grant", S(second.Body, "error_code"));
    }

    [Fact]
    public async Task Code_expires_after_two_minutes()
    {
        using var client = new Ali1688TestClient();
        var fresh = client.Fake.AuthorizeShop(Fake1688Seed.MainShopMemberId);
        var stale = client.Fake.AuthorizeShop(Fake1688Seed.MainShopMemberId);

        client.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromMilliseconds(1));
        var justInTime = await client.ExchangeCodeAsync(fresh);
        client.Time.Advance(TimeSpan.FromMilliseconds(1));
        var late = await client.ExchangeCodeAsync(stale);

        Assert.Equal(200, justInTime.Status);
        Assert.Equal(400, late.Status);
        Assert.Equal("code is expired", S(late.Body, "error_message"));
    }

    [Fact]
    public async Task Access_token_lives_ten_hours_then_answers_401_Request_need_user_authorized()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();

        client.Time.Advance(TimeSpan.FromHours(10) - TimeSpan.FromSeconds(1));
        var before = await client.CallAsync(Product, "alibaba.product.get", token, GetSimpleOffer());
        client.Time.Advance(TimeSpan.FromSeconds(1));
        var after = await client.CallAsync(Product, "alibaba.product.get", token, GetSimpleOffer());

        Assert.Equal(200, before.Status);
        Assert.Equal(401, after.Status);
        Assert.Equal("401", S(after.Body, "error_code"));
        Assert.Equal("Request need user authorized", S(after.Body, "error_message"));
        Assert.NotNull(after.Body["request_id"]);
    }

    [Fact]
    public async Task Authorization_error_status_can_be_400_as_some_clients_saw()
    {
        using var client = new Ali1688TestClient(new Fake1688Options { AuthorizationErrorStatusCode = 400 });

        var (status, body) = await client.CallAsync(Product, "alibaba.product.get", "never-issued", GetSimpleOffer());

        Assert.Equal(400, status);
        Assert.Equal("401", S(body, "error_code"));
    }

    [Theory]
    [InlineData("param2")]
    [InlineData("http")]
    public async Task Refresh_issues_a_working_token_without_a_new_refresh_token(string protocol)
    {
        using var client = new Ali1688TestClient();
        var (access, refresh) = await client.AuthorizeAsync();
        client.Time.Advance(TimeSpan.FromHours(11));

        var (status, body) = await client.RefreshAsync(refresh, protocol);
        var renewed = S(body, "access_token");
        var call = await client.CallAsync(Product, "alibaba.product.get", renewed, GetSimpleOffer());
        var old = await client.CallAsync(Product, "alibaba.product.get", access, GetSimpleOffer());
        var again = await client.RefreshAsync(refresh, protocol);

        Assert.Equal(200, status);
        Assert.Null(body["refresh_token"]); // the caller keeps the old one
        Assert.Equal("36000", S(body, "expires_in"));
        Assert.NotEqual(access, renewed);
        Assert.Equal(200, call.Status);
        Assert.Equal(401, old.Status);
        Assert.Equal(200, again.Status);
    }

    [Fact]
    public async Task Refresh_can_return_the_refresh_token_when_configured()
    {
        using var client = new Ali1688TestClient(new Fake1688Options { RefreshResponseIncludesRefreshToken = true });
        var (_, refresh) = await client.AuthorizeAsync();

        var (_, body) = await client.RefreshAsync(refresh);

        Assert.Equal(refresh, S(body, "refresh_token"));
    }

    [Fact]
    public async Task Refresh_token_expires_after_its_lifetime()
    {
        using var client = new Ali1688TestClient();
        var (_, refresh) = await client.AuthorizeAsync();
        client.Time.Advance(TimeSpan.FromDays(180));

        var (status, body) = await client.RefreshAsync(refresh);

        Assert.Equal(400, status);
        Assert.Equal("refresh_token is expired", S(body, "error_message"));
    }

    [Fact]
    public async Task Unknown_refresh_token_and_wrong_client_secret_are_rejected()
    {
        using var client = new Ali1688TestClient();
        var (_, refresh) = await client.AuthorizeAsync();

        var unknown = await client.RefreshAsync("not-a-refresh-token");
        client.AppSecret = "wrong";
        var badSecret = await client.RefreshAsync(refresh);

        Assert.Equal("invalid_grant", S(unknown.Body, "error_code"));
        Assert.Equal(400, badSecret.Status);
        Assert.Equal("invalid_client", S(badSecret.Body, "error_code"));
    }

    [Fact]
    public async Task GetToken_needs_no_signature_but_a_present_one_must_be_right()
    {
        using var client = new Ali1688TestClient();
        var (_, refresh) = await client.AuthorizeAsync();
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = client.AppKey,
            ["client_secret"] = client.AppSecret,
            ["refresh_token"] = refresh,
        };
        var urlPath = $"param2/1/system.oauth2/getToken/{client.AppKey}";

        var signed = await client.GetTokenAsync(new(fields) { ["_aop_signature"] = Sign(urlPath, fields, client.AppSecret) }, "param2");
        var badlySigned = await client.GetTokenAsync(new(fields) { ["_aop_signature"] = "00" }, "param2");

        Assert.Equal(200, signed.Status);
        Assert.Equal("gw.SignatureInvalid", S(badlySigned.Body, "error_code"));
    }

    [Fact]
    public async Task Authorize_page_redirects_with_code_and_state_and_the_code_is_bound_to_the_redirect_uri()
    {
        using var client = new Ali1688TestClient();
        var redirect = "https://erp.example.com/1688/callback?tenant=7";
        var url = $"{client.Fake.AuthorizeUrl}?client_id={client.AppKey}&site=1688&redirect_uri={Uri.EscapeDataString(redirect)}&state=xyz";

        using var response = await client.Http.GetAsync(new Uri(url));
        var location = response.Headers.Location!.ToString();
        var code = FormReader.Parse(response.Headers.Location!.Query)["code"];
        var wrongRedirect = await client.ExchangeCodeAsync(code, "https://evil.example.com/");

        Assert.Equal(302, (int)response.StatusCode);
        Assert.StartsWith(redirect + "&code=", location, StringComparison.Ordinal);
        Assert.EndsWith("&state=xyz", location, StringComparison.Ordinal);
        Assert.Equal(400, wrongRedirect.Status);
        Assert.Equal("invalid_grant", S(wrongRedirect.Body, "error_code"));
    }

    [Fact]
    public async Task Authorize_page_signs_in_the_chosen_shop()
    {
        using var client = new Ali1688TestClient();
        client.Fake.SignIn(Fake1688Seed.NoMarketShopLoginId);
        var redirect = "https://erp.example.com/cb";

        using var response = await client.Http.GetAsync(new Uri($"{client.Fake.AuthorizeUrl}?client_id={client.AppKey}&site=1688&redirect_uri={Uri.EscapeDataString(redirect)}"));
        var code = FormReader.Parse(response.Headers.Location!.Query)["code"];
        var (_, body) = await client.ExchangeCodeAsync(code, redirect);

        Assert.Equal(Fake1688Seed.NoMarketShopMemberId, S(body, "memberId"));
    }

    [Fact]
    [Rule("R1688-01")]
    public async Task Authorize_page_rejects_the_international_site_R168801()
    {
        using var client = new Ali1688TestClient();

        using var response = await client.Http.GetAsync(new Uri($"{client.Fake.AuthorizeUrl}?client_id={client.AppKey}&site=alibaba&redirect_uri=https%3A%2F%2Ferp.example.com%2F"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    [Rule("R1688-02")]
    public async Task R168802_unsubscribed_main_account_cannot_authorize()
    {
        using var client = new Ali1688TestClient();
        client.Fake.SignIn(Fake1688Seed.UnsubscribedShopMemberId);

        var hook = Assert.Throws<InvalidOperationException>(() => client.Fake.AuthorizeShop(Fake1688Seed.UnsubscribedShopLoginId));
        using var page = await client.Http.GetAsync(new Uri($"{client.Fake.AuthorizeUrl}?client_id={client.AppKey}&site=1688&redirect_uri=https%3A%2F%2Ferp.example.com%2F"));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal("抱歉，系统检测到您尚未订购当前应用", hook.Message);
        Assert.Null(page.Headers.Location);
        Assert.Contains("抱歉，系统检测到您尚未订购当前应用", html, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("R1688-02")]
    public async Task R168802_subscription_lapse_revokes_tokens_and_refresh_reports_not_subscribed()
    {
        using var client = new Ali1688TestClient();
        var (access, refresh) = await client.AuthorizeAsync();

        client.Fake.SetSubscribed(Fake1688Seed.MainShopMemberId, subscribed: false);
        var call = await client.CallAsync(Product, "alibaba.product.get", access, GetSimpleOffer());
        var renewal = await client.RefreshAsync(refresh);

        Assert.Equal(401, call.Status);
        Assert.Equal(400, renewal.Status);
        Assert.Equal("抱歉，系统检测到您尚未订购当前应用", S(renewal.Body, "error_message"));
    }

    [Fact]
    [Rule("R1688-03")]
    public async Task R168803_each_shop_sees_only_its_own_offers_with_its_own_token()
    {
        using var client = new Ali1688TestClient();
        var mainToken = await client.TokenAsync(Fake1688Seed.MainShopMemberId);
        var otherToken = await client.TokenAsync(Fake1688Seed.NoMarketShopMemberId);

        var main = await client.OkAsync(Product, "alibaba.product.get", mainToken, GetSimpleOffer());
        var other = await client.OkAsync(Product, "alibaba.product.get", otherToken, GetSimpleOffer());

        Assert.NotNull(main["productInfo"]);
        Assert.Null(other["productInfo"]);
        Assert.False(string.IsNullOrEmpty(S(other, "errMsg")));
        Assert.Equal(Fake1688Seed.NoMarketShopMemberId, client.Fake.GetTokenOwner(otherToken));
    }

    [Fact]
    public async Task ExpireAccessTokens_hook_forces_a_refresh()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();

        client.Fake.ExpireAccessTokens(Fake1688Seed.MainShopLoginId);
        var (status, _) = await client.CallAsync(Product, "alibaba.product.get", token, GetSimpleOffer());

        Assert.Equal(401, status);
        Assert.Null(client.Fake.GetTokenOwner(token));
    }
}
