using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Alibaba1688;
using PlatformSdk.Jushuitan;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Testing.Jushuitan;
using PlatformSdk.Testing.Top;
using PlatformSdk.Tokens;
using PlatformSdk.Top;

namespace PlatformSdk.HealthChecks.Tests;

/// <summary>Token and session validity per tenant, read from the store or the configuration, on the fake clock.</summary>
public sealed class TokenHealthCheckTests
{
    private static readonly DateTimeOffset Start = HealthHarness.Start;

    private static JushuitanEndpoints EndpointsOf(FakeJushuitanServer fake) => new(fake.LegacyUrl, fake.OpenApiUrl, new Uri(fake.Url + "/auth"));

    private static void FakeOpenApi(JushuitanOptions o, FakeJushuitanServer fake, DateTimeOffset expires, bool withRefreshToken)
    {
        o.Protocol = JushuitanProtocol.OpenApi;
        o.EndpointsOverride = EndpointsOf(fake);
        o.OpenApi.AppKey = fake.AppKey;
        o.OpenApi.AppSecret = fake.AppSecret;
        o.OpenApi.AccessToken = fake.AccessToken;
        o.OpenApi.AccessTokenExpiresAt = expires;
        o.OpenApi.RefreshToken = withRefreshToken ? fake.RefreshToken : null;
    }

    [Fact]
    public async Task Jushuitan_token_beyond_the_warning_window_is_healthy_and_reports_its_time_to_expiry()
    {
        var time = new FakeTimeProvider(Start);
        using var fake = new FakeJushuitanServer(null, time);
        using var h = HealthHarness.Build(time, sdk => sdk.AddJushuitan("north", o => FakeOpenApi(o, fake, Start.AddDays(30), withRefreshToken: false)),
            checks => checks.AddPlatformSdk(o => o.CheckReachability = false));

        var entry = await h.EntryAsync("platformsdk:Jushuitan:token:north");

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(TimeSpan.FromDays(30), entry.Data["timeToExpiry"]);
        Assert.Equal("configuration", entry.Data["source"]);
        Assert.Equal("north", entry.Data["tenant"]);
        HealthHarness.AssertNoSecret(entry, fake.AccessToken, fake.RefreshToken, fake.AppSecret);
    }

    [Fact]
    public async Task Jushuitan_token_nothing_can_renew_is_degraded_inside_the_window_and_unhealthy_past_expiry_with_the_remedy()
    {
        var time = new FakeTimeProvider(Start);
        using var fake = new FakeJushuitanServer(null, time);
        using var h = HealthHarness.Build(time, sdk => sdk.AddJushuitan("north", o => FakeOpenApi(o, fake, Start.AddDays(10), withRefreshToken: false)),
            checks => checks.AddJushuitanToken("north"));
        Assert.Equal(HealthStatus.Healthy, (await h.EntryAsync("platformsdk:Jushuitan:token:north")).Status);

        time.Advance(TimeSpan.FromDays(4));
        var warned = await h.EntryAsync("platformsdk:Jushuitan:token:north");
        Assert.Equal(HealthStatus.Degraded, warned.Status);
        Assert.Equal(TimeSpan.FromDays(6), warned.Data["timeToExpiry"]);
        Assert.Contains("within the warning window", warned.Description, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromDays(6));
        var expired = await h.EntryAsync("platformsdk:Jushuitan:token:north");
        Assert.Equal(HealthStatus.Unhealthy, expired.Status);
        Assert.Equal(TimeSpan.Zero, expired.Data["timeToExpiry"]);
        Assert.Contains("Re-authorize Jushuitan tenant 'north'", expired.Description, StringComparison.Ordinal);
        foreach (var entry in new[] { warned, expired })
        {
            HealthHarness.AssertNoSecret(entry, fake.AccessToken, fake.RefreshToken, fake.AppSecret);
        }
    }

    [Fact]
    public async Task Jushuitan_token_in_the_store_wins_over_the_configured_one_and_a_refresh_token_keeps_it_healthy_near_expiry()
    {
        var time = new FakeTimeProvider(Start);
        using var fake = new FakeJushuitanServer(null, time);
        using var h = HealthHarness.Build(time, sdk => sdk.AddJushuitan(o => FakeOpenApi(o, fake, Start.AddDays(1), withRefreshToken: false)),
            checks => checks.AddPlatformSdk(o => o.CheckReachability = false));
        // What the SDK stores after an authorization or refresh: the token with its refresh token.
        await h.Provider.GetRequiredService<IAccessTokenStore>().SetAsync(new TokenKey("Jushuitan", "default"),
            new AccessToken("stored-access-value", Start.AddDays(2)) { ObtainedAt = Start, RefreshToken = "stored-refresh-value" });

        var entry = await h.EntryAsync("platformsdk:Jushuitan:token:default");

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal("store", entry.Data["source"]);
        Assert.Equal(true, entry.Data["refreshable"]);
        Assert.Equal(TimeSpan.FromDays(2), entry.Data["timeToExpiry"]);
        HealthHarness.AssertNoSecret(entry, "stored-access-value", "stored-refresh-value", fake.AccessToken, fake.AppSecret);
    }

    [Fact]
    public async Task A_renewal_the_platform_refused_is_degraded_while_the_token_works_unhealthy_once_it_expired_and_gone_after_reauthorization()
    {
        var time = new FakeTimeProvider(Start);
        using var fake = new FakeJushuitanServer(null, time);
        using var h = HealthHarness.Build(time, sdk => sdk.AddJushuitan(o => FakeOpenApi(o, fake, Start.AddDays(1), withRefreshToken: false)),
            checks => checks.AddPlatformSdk(o => o.CheckReachability = false));
        var key = new TokenKey("Jushuitan", "default");
        var store = h.Provider.GetRequiredService<IAccessTokenStore>();
        // Inside the refresh margin, so the next call renews it; the platform refuses (the authorization was revoked).
        await store.SetAsync(key, new AccessToken("stored-access-value", Start.AddMinutes(5)) { ObtainedAt = Start.AddDays(-1), RefreshToken = "stored-refresh-value" });
        var used = await h.Provider.GetRequiredService<AccessTokenProvider>().GetTokenAsync(key, new RefusingSource());
        Assert.Equal(Start.AddMinutes(5), used.ExpiresAt);

        var refused = await h.EntryAsync("platformsdk:Jushuitan:token:default");
        Assert.Equal(HealthStatus.Degraded, refused.Status);
        Assert.Contains("refused to renew", refused.Description, StringComparison.Ordinal);
        Assert.Equal("10010", refused.Data["refreshRefused"]);
        HealthHarness.AssertNoSecret(refused, "stored-access-value", "stored-refresh-value", "revoked-refresh-value");

        time.Advance(TimeSpan.FromMinutes(6));
        var expired = await h.EntryAsync("platformsdk:Jushuitan:token:default");
        Assert.Equal(HealthStatus.Unhealthy, expired.Status);
        Assert.Contains("refused to renew", expired.Description, StringComparison.Ordinal);

        await store.SetAsync(key, new AccessToken("new-access-value", time.GetUtcNow().AddDays(30)) { ObtainedAt = time.GetUtcNow(), RefreshToken = "new-refresh-value" });
        var reauthorized = await h.EntryAsync("platformsdk:Jushuitan:token:default");
        Assert.Equal(HealthStatus.Healthy, reauthorized.Status);
        Assert.False(reauthorized.Data.ContainsKey("refreshRefused"));
    }

    private sealed class RefusingSource : IAccessTokenSource
    {
        public Task<AccessToken> AcquireAsync(TokenKey key, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not used");

        public Task<AccessToken> RefreshAsync(TokenKey key, AccessToken current, CancellationToken cancellationToken = default)
            => throw new PlatformSdk.Errors.PlatformException(new PlatformSdk.Errors.PlatformError("Jushuitan", "10010",
                "refresh_token revoked-refresh-value is invalid", PlatformSdk.Errors.ErrorCategory.Authentication, "Authorize the app again."));
    }

    [Fact]
    public async Task A_tenant_without_any_token_is_unhealthy_and_says_how_to_authorize_it()
    {
        var time = new FakeTimeProvider(Start);
        using var fake = new FakeJushuitanServer(null, time);
        using var h = HealthHarness.Build(time, sdk => sdk.AddJushuitan("south", o =>
        {
            FakeOpenApi(o, fake, Start.AddDays(1), withRefreshToken: false);
            o.OpenApi.AccessToken = null;
        }), checks => checks.AddPlatformSdk(o => o.CheckReachability = false));

        var entry = await h.EntryAsync("platformsdk:Jushuitan:token:south");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("none", entry.Data["source"]);
        Assert.Contains("has no token", entry.Description, StringComparison.Ordinal);
        Assert.Contains("ExchangeCodeAsync", entry.Description, StringComparison.Ordinal);
        HealthHarness.AssertNoSecret(entry, fake.AppSecret);
    }

    [Fact]
    public async Task Alibaba1688_shop_authorized_through_the_fake_follows_its_refresh_token_to_degraded_and_then_unhealthy()
    {
        var time = new FakeTimeProvider(Start);
        using var fake = new Fake1688Server(null, time);
        using var h = HealthHarness.Build(time, sdk => sdk.AddAlibaba1688(o =>
        {
            o.AppKey = fake.AppKey;
            o.AppSecret = fake.AppSecret;
            o.RedirectUri = new Uri("https://erp.example.com/1688/callback");
            o.EndpointsOverride = new Alibaba1688Endpoints(new Uri(fake.GatewayUrl, "openapi"), fake.AuthorizeUrl);
        }), checks => checks.AddAlibaba1688Token("shop-a"));
        await h.Provider.GetRequiredService<Alibaba1688Client>().Auth.ExchangeCodeAsync("shop-a", fake.AuthorizeShop(Fake1688Seed.MainShopLoginId));
        var stored = await h.Provider.GetRequiredService<IAccessTokenStore>().GetAsync(new TokenKey("Alibaba1688", "shop-a"));
        Assert.NotNull(stored);
        var secrets = new[] { stored.Value, stored.RefreshToken!, fake.AppSecret };

        var fresh = await h.EntryAsync("platformsdk:Alibaba1688:token:shop-a");
        Assert.Equal(HealthStatus.Healthy, fresh.Status);
        Assert.Equal("store", fresh.Data["source"]);
        Assert.Equal(TimeSpan.FromHours(10), fresh.Data["timeToExpiry"]);
        Assert.Equal(TimeSpan.FromDays(180), fresh.Data["refreshTokenTimeToExpiry"]);

        // The access token expired and no call refreshed it yet: the next call will, so this is a warning, not a failure.
        time.Advance(TimeSpan.FromHours(11));
        var awaitingRefresh = await h.EntryAsync("platformsdk:Alibaba1688:token:shop-a");
        Assert.Equal(HealthStatus.Degraded, awaitingRefresh.Status);
        Assert.Contains("next call refreshes it", awaitingRefresh.Description, StringComparison.Ordinal);

        time.Advance(Start.AddDays(175) - time.GetUtcNow());
        var refreshLapsing = await h.EntryAsync("platformsdk:Alibaba1688:token:shop-a");
        Assert.Equal(HealthStatus.Degraded, refreshLapsing.Status);
        Assert.Equal(TimeSpan.FromDays(5), refreshLapsing.Data["refreshTokenTimeToExpiry"]);
        Assert.Contains("refresh token lapses", refreshLapsing.Description, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromDays(5));
        var lapsed = await h.EntryAsync("platformsdk:Alibaba1688:token:shop-a");
        Assert.Equal(HealthStatus.Unhealthy, lapsed.Status);
        Assert.Contains("Have shop 'shop-a' authorize the app again", lapsed.Description, StringComparison.Ordinal);
        foreach (var entry in new[] { fresh, awaitingRefresh, refreshLapsing, lapsed })
        {
            HealthHarness.AssertNoSecret(entry, secrets);
        }
    }

    [Fact]
    public async Task Alibaba1688_shop_configured_with_only_a_refresh_token_is_found_by_the_one_call_and_is_degraded_until_exchanged()
    {
        var time = new FakeTimeProvider(Start);
        using var fake = new Fake1688Server(null, time);
        using var h = HealthHarness.Build(time, sdk => sdk.AddAlibaba1688(o =>
        {
            o.AppKey = fake.AppKey;
            o.AppSecret = fake.AppSecret;
            o.EndpointsOverride = new Alibaba1688Endpoints(new Uri(fake.GatewayUrl, "openapi"), fake.AuthorizeUrl);
            o.RedirectUri = new Uri("https://erp.example.com/1688/callback");
            o.Shops["shop-b"] = new Alibaba1688ShopOptions { RefreshToken = "configured-refresh-value", RefreshTokenExpiresAt = Start.AddDays(90) };
        }), checks => checks.AddPlatformSdk(o => o.CheckReachability = false));

        var entry = await h.EntryAsync("platformsdk:Alibaba1688:token:shop-b");

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("none", entry.Data["expiresAt"]);
        Assert.Equal(TimeSpan.FromDays(90), entry.Data["refreshTokenTimeToExpiry"]);
        HealthHarness.AssertNoSecret(entry, "configured-refresh-value", fake.AppSecret);
    }

    [Fact]
    public async Task Top_session_is_degraded_inside_the_window_and_unhealthy_once_expired_because_only_the_seller_can_renew_it()
    {
        var time = new FakeTimeProvider(Start);
        using var fake = new FakeTopServer(new FakeTopOptions(), time);
        using var h = HealthHarness.Build(time, sdk => sdk.AddTop(o =>
        {
            o.AppKey = fake.AppKey;
            o.AppSecret = fake.AppSecret;
            o.EndpointsOverride = new TopEndpoints(fake.RouterUrl, new Uri(fake.Url + "/router/qimen/service"));
            o.Sellers[FakeTopSeed.MainSeller.Nick] = new TopSellerOptions { Session = FakeTopSeed.MainSeller.Session, SessionExpiresAt = Start.AddDays(5) };
        }), checks => checks.AddPlatformSdk(o => o.CheckReachability = false).AddTopSession("unauthorized_shop"));
        var name = "platformsdk:Top:token:" + FakeTopSeed.MainSeller.Nick;

        var warned = await h.EntryAsync(name);
        Assert.Equal(HealthStatus.Degraded, warned.Status);
        Assert.Equal(TimeSpan.FromDays(5), warned.Data["timeToExpiry"]);
        Assert.Equal(false, warned.Data["refreshable"]);

        var missing = await h.EntryAsync("platformsdk:Top:token:unauthorized_shop");
        Assert.Equal(HealthStatus.Unhealthy, missing.Status);
        Assert.Contains("has no token", missing.Description, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromDays(5));
        var expired = await h.EntryAsync(name);
        Assert.Equal(HealthStatus.Unhealthy, expired.Status);
        Assert.Contains($"have seller '{FakeTopSeed.MainSeller.Nick}' authorize the app again", expired.Description, StringComparison.Ordinal);
        foreach (var entry in new[] { warned, missing, expired })
        {
            HealthHarness.AssertNoSecret(entry, FakeTopSeed.MainSeller.Session, fake.AppSecret);
        }
    }

    [Fact]
    public async Task Top_session_stored_by_StoreSessionAsync_for_a_seller_outside_the_configuration_is_checked_explicitly()
    {
        var time = new FakeTimeProvider(Start);
        using var fake = new FakeTopServer(new FakeTopOptions(), time);
        using var h = HealthHarness.Build(time, sdk => sdk.AddTop(o =>
        {
            o.AppKey = fake.AppKey;
            o.AppSecret = fake.AppSecret;
        }), checks => checks.AddTopSession(FakeTopSeed.OtherSeller.Nick));
        await h.Provider.GetRequiredService<PlatformSdk.Top.Sessions.TopSessionProvider>()
            .StoreSessionAsync(FakeTopSeed.OtherSeller.Nick, FakeTopSeed.OtherSeller.Session, Start.AddDays(60));

        var entry = await h.EntryAsync("platformsdk:Top:token:" + FakeTopSeed.OtherSeller.Nick);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal("store", entry.Data["source"]);
        Assert.Equal(TimeSpan.FromDays(60), entry.Data["timeToExpiry"]);
        HealthHarness.AssertNoSecret(entry, FakeTopSeed.OtherSeller.Session, fake.AppSecret);
    }
}
