using System.Net;
using PlatformSdk.Errors;
using PlatformSdk.Testing.Alibaba1688;

namespace PlatformSdk.Alibaba1688.Tests.Integration;

public sealed class OAuthIntegrationTests
{
    [Fact]
    public async Task Authorize_page_redirects_with_code_and_state_and_the_exchanged_token_serves_the_shops_calls()
    {
        using var h = Fake1688Harness.Create();

        var grant = await h.AuthorizeAsync(Fake1688Harness.MainShop, Fake1688Seed.MainShopLoginId);
        var product = await h.Client.ForShop(Fake1688Harness.MainShop).Products.GetAsync(Fake1688Seed.SimpleOfferId);

        Assert.Equal(Fake1688Seed.MainShopMemberId, grant.MemberId);
        Assert.Equal(Fake1688Seed.SimpleOfferId, product!.ProductId);
        var exchange = Assert.Single(h.Fake.CallsTo(Fake1688Routes.GetToken));
        Assert.Equal("/openapi/http/1/system.oauth2/getToken/" + h.Fake.AppKey, exchange.Path);
        Assert.Equal("authorization_code", exchange.Form["grant_type"]);
        Assert.Equal(Fake1688Harness.Callback.AbsoluteUri, exchange.Form["redirect_uri"]);
        var call = Assert.Single(h.Fake.CallsTo(Fake1688Routes.ProductGet));
        Assert.Equal(Fake1688Seed.MainShopMemberId, h.Fake.GetTokenOwner(call.Form["access_token"]));
    }

    [Fact]
    [Rule("R1688-03")]
    public async Task R168803_two_shops_each_call_with_their_own_token_and_see_their_own_data()
    {
        using var h = Fake1688Harness.Create();
        await h.AuthorizeAsync(Fake1688Harness.MainShop, Fake1688Seed.MainShopLoginId);
        await h.AuthorizeAsync(Fake1688Harness.NoMarketShop, Fake1688Seed.NoMarketShopLoginId);

        var mainPage = await h.Client.ForShop(Fake1688Harness.MainShop).Products.DownloadAllAsync().AsPages().FirstAsync();
        var otherPage = await h.Client.ForShop(Fake1688Harness.NoMarketShop).Products.DownloadAllAsync().AsPages().FirstAsync();

        var lists = h.Fake.CallsTo(Fake1688Routes.ProductList);
        Assert.Equal(2, lists.Count);
        Assert.NotEqual(lists[0].Form["access_token"], lists[1].Form["access_token"]);
        Assert.Equal(Fake1688Seed.MainShopMemberId, h.Fake.GetTokenOwner(lists[0].Form["access_token"]));
        Assert.Equal(Fake1688Seed.NoMarketShopMemberId, h.Fake.GetTokenOwner(lists[1].Form["access_token"]));
        Assert.Equal(Fake1688Seed.MainShopOfferCount, mainPage.TotalCount);
        Assert.DoesNotContain(otherPage.Values, p => p.ProductId == Fake1688Seed.SimpleOfferId);
    }

    [Fact]
    [Rule("R1688-03")]
    public async Task R168803_a_shop_never_authorized_fails_with_Authentication_and_nothing_is_sent()
    {
        using var h = Fake1688Harness.Create();

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.ForShop("stranger").Products.GetAsync(Fake1688Seed.SimpleOfferId));

        Assert.Equal(ErrorCategory.Authentication, ex.Category);
        Assert.Equal("R1688-03", ex.RuleId);
        Assert.Contains("ExchangeCodeAsync", ex.Remedy, StringComparison.Ordinal);
        Assert.Equal(0, h.Fake.Journal.Count);
    }

    [Fact]
    [Rule("R1688-02")]
    public async Task R168802_unsubscribed_shop_authorize_page_refuses_and_a_revoked_subscription_surfaces_Authentication_with_the_main_account_remedy()
    {
        using var h = Fake1688Harness.Create();
        h.Fake.SignIn(Fake1688Seed.UnsubscribedShopLoginId);
        using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        {
            var page = await browser.GetAsync(h.Client.Auth.BuildAuthorizationUrl("s"));
            Assert.NotEqual(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Contains("尚未订购当前应用", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A shop that was authorized and then lost its subscription: the token is revoked and the refresh is refused.
        await h.AuthorizeAsync(Fake1688Harness.MainShop, Fake1688Seed.MainShopLoginId);
        h.Fake.SetSubscribed(Fake1688Seed.MainShopLoginId, false);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.ForShop(Fake1688Harness.MainShop).Products.GetAsync(Fake1688Seed.SimpleOfferId));

        Assert.Equal(ErrorCategory.Authentication, ex.Category);
        Assert.Equal("R1688-02", ex.RuleId);
        Assert.Contains("MAIN account", ex.Remedy, StringComparison.Ordinal);
        Assert.Single(h.Refreshes());
    }

    [Fact]
    public async Task A_reused_code_is_answered_invalid_grant_and_surfaces_as_Authentication_telling_to_restart_authorization()
    {
        using var h = Fake1688Harness.Create();
        h.Fake.SignIn(Fake1688Seed.MainShopLoginId);
        var (code, _) = await Fake1688Harness.OpenAuthorizePageAsync(h.Client.Auth.BuildAuthorizationUrl("s"));
        await h.Client.Auth.ExchangeCodeAsync(Fake1688Harness.MainShop, code);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Auth.ExchangeCodeAsync(Fake1688Harness.MainShop, code));

        Assert.Equal("invalid_grant", ex.ErrorCode);
        Assert.Equal(ErrorCategory.Authentication, ex.Category);
        Assert.Contains("BuildAuthorizationUrl", ex.Remedy, StringComparison.Ordinal);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Equal([200, 400], h.Fake.CallsTo(Fake1688Routes.GetToken).Select(e => e.ResponseStatus ?? 0));
        Assert.DoesNotContain(code, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_older_than_2_minutes_is_answered_invalid_grant_and_surfaces_as_Authentication()
    {
        using var h = Fake1688Harness.Create();
        h.Fake.SignIn(Fake1688Seed.MainShopLoginId);
        var (code, _) = await Fake1688Harness.OpenAuthorizePageAsync(h.Client.Auth.BuildAuthorizationUrl("s"));
        h.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Auth.ExchangeCodeAsync(Fake1688Harness.MainShop, code));

        Assert.Equal(("invalid_grant", ErrorCategory.Authentication), (ex.ErrorCode, ex.Category));
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.GetToken));
    }

    [Fact]
    public async Task A_wrong_app_secret_on_the_token_endpoint_is_invalid_client_and_Configuration()
    {
        using var h = Fake1688Harness.Create(o => o.AppSecret = "wrongSecret0123");
        h.Fake.SignIn(Fake1688Seed.MainShopLoginId);
        var (code, _) = await Fake1688Harness.OpenAuthorizePageAsync(h.Client.Auth.BuildAuthorizationUrl("s"));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Auth.ExchangeCodeAsync(Fake1688Harness.MainShop, code));

        Assert.Equal(("invalid_client", ErrorCategory.Configuration), (ex.ErrorCode, ex.Category));
        Assert.Contains("AppSecret", ex.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("R1688-03")]
    public async Task R168803_token_expired_on_the_platform_is_refreshed_once_and_the_call_succeeds()
    {
        using var h = Fake1688Harness.Create();
        await h.AuthorizeAsync(Fake1688Harness.MainShop, Fake1688Seed.MainShopLoginId);
        h.Fake.ExpireAccessTokens(Fake1688Seed.MainShopLoginId);

        var product = await h.Client.ForShop(Fake1688Harness.MainShop).Products.GetAsync(Fake1688Seed.SkuOfferId);

        Assert.Equal(Fake1688Seed.SkuOfferId, product!.ProductId);
        var refresh = Assert.Single(h.Refreshes());
        Assert.Contains("/param2/1/system.oauth2/getToken/", refresh.Path, StringComparison.Ordinal);
        var gets = h.Fake.CallsTo(Fake1688Routes.ProductGet);
        Assert.Equal([401, 200], gets.Select(g => g.ResponseStatus ?? 0));
        Assert.NotEqual(gets[0].Form["access_token"], gets[1].Form["access_token"]);
    }

    [Fact]
    [Rule("R1688-03")]
    public async Task R168803_clock_past_10_hours_refreshes_before_sending_and_keeps_the_refresh_token_the_reply_omits()
    {
        using var h = Fake1688Harness.Create();
        await h.AuthorizeAsync(Fake1688Harness.MainShop, Fake1688Seed.MainShopLoginId);
        var shop = h.Client.ForShop(Fake1688Harness.MainShop);
        h.Time.Advance(TimeSpan.FromHours(10) + TimeSpan.FromMinutes(1));

        await shop.Products.GetAsync(Fake1688Seed.SimpleOfferId);
        h.Time.Advance(TimeSpan.FromHours(10) + TimeSpan.FromMinutes(1));
        await shop.Products.GetAsync(Fake1688Seed.SimpleOfferId);

        // Proactive: no 401 ever reached the client; the second refresh reused the original refresh_token (the reply has none).
        Assert.All(h.Fake.CallsTo(Fake1688Routes.ProductGet), e => Assert.Equal(200, e.ResponseStatus));
        var refreshes = h.Refreshes();
        Assert.Equal(2, refreshes.Count);
        Assert.Equal(refreshes[0].Form["refresh_token"], refreshes[1].Form["refresh_token"]);
        Assert.All(refreshes, r => Assert.Equal(200, r.ResponseStatus));
    }

    [Fact]
    [Rule("R1688-03")]
    public async Task R168803_concurrent_calls_with_a_rejected_token_share_exactly_one_refresh()
    {
        using var h = Fake1688Harness.Create();
        await h.AuthorizeAsync(Fake1688Harness.MainShop, Fake1688Seed.MainShopLoginId);
        var shop = h.Client.ForShop(Fake1688Harness.MainShop);
        await shop.Products.GetAsync(Fake1688Seed.SimpleOfferId);
        h.Fake.ExpireAccessTokens();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => shop.Products.GetAsync(Fake1688Seed.SkuOfferId)));

        Assert.All(results, p => Assert.Equal(Fake1688Seed.SkuOfferId, p!.ProductId));
        Assert.Single(h.Refreshes());
    }
}
