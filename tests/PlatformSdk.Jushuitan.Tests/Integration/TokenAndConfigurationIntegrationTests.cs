using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Models.Billing;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Jushuitan.Tests.Integration;

/// <summary>Tokens (RJST-02), environments and startup validation (RJST-01), metering (RJST-03), secrets and DI from configuration.</summary>
public sealed class TokenAndConfigurationIntegrationTests
{
    public static TheoryData<JushuitanProtocol> Protocols => new() { JushuitanProtocol.Legacy, JushuitanProtocol.OpenApi };

    [Theory]
    [Rule("RJST-02")]
    [MemberData(nameof(Protocols))]
    public async Task RJST02_ExpiredToken_IsRefreshedOnce_AndTheCallSucceeds(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        await h.Client.Shops.ListAsync();
        h.Fake.ExpireTokens();

        var shops = await h.Client.Shops.ListAsync();

        Assert.Equal(3, shops.Count);
        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.TokenRefresh));
        var calls = h.Fake.CallsTo(JushuitanRoutes.ShopsQuery);
        Assert.Equal(3, calls.Count); // ok, rejected, retried after the refresh
        Assert.Contains("100", calls[1].ResponseBody, StringComparison.Ordinal);
    }

    [Theory]
    [Rule("RJST-02")]
    [MemberData(nameof(Protocols))]
    public async Task RJST02_SeventyConcurrentCalls_WithAnExpiredToken_RefreshExactlyOnce(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        await h.Client.Warehouses.QueryPartnersAsync().ToListAsync();
        h.Fake.ExpireTokens();

        var results = await Task.WhenAll(Enumerable.Range(0, 70).Select(_ => Task.Run(() => h.Client.Warehouses.QueryPartnersAsync().ToListAsync().AsTask())));

        Assert.All(results, r => Assert.Equal(3, r.Count));
        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.TokenRefresh));
    }

    [Theory]
    [Rule("RJST-02")]
    [MemberData(nameof(Protocols))]
    public async Task RJST02_SeventyConcurrentCalls_WithATokenAboutToExpire_RefreshExactlyOnce_Proactively(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol, o =>
        {
            o.Legacy.TokenExpiresAt = FakeJushuitanHarness.Start.AddHours(2);
            o.OpenApi.AccessTokenExpiresAt = FakeJushuitanHarness.Start.AddHours(2);
        }, new FakeJushuitanOptions { TokenActivationDelay = TimeSpan.FromMinutes(5) }); // like the platform: the old token works until the new one is due
        await h.Client.Shops.ListAsync();
        h.Time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 70).Select(_ => Task.Run(() => h.Client.Shops.ListAsync())));

        Assert.All(results, r => Assert.Equal(3, r.Count));
        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.TokenRefresh));
        // Proactive: no business call was rejected.
        Assert.All(h.Fake.CallsTo(JushuitanRoutes.ShopsQuery), c => Assert.DoesNotContain("\"code\":100", c.ResponseBody, StringComparison.Ordinal));
    }

    [Theory]
    [Rule("RJST-01")]
    [MemberData(nameof(Protocols))]
    public async Task RJST01_TestCredentialsAgainstProduction_AreAConfigurationError_NamingTheEnvironment(JushuitanProtocol protocol)
    {
        var time = new FakeTimeProvider(FakeJushuitanHarness.Start);
        using var production = new FakeJushuitanServer(new FakeJushuitanOptions { Environment = FakeJushuitanEnvironment.Production }, time);
        using var provider = Build(time, o =>
        {
            o.Protocol = protocol;
            o.Environment = JushuitanEnvironment.Test;
            o.EndpointsOverride = FakeJushuitanHarness.EndpointsOf(production);
            o.Legacy.PartnerId = FakeJushuitanOptions.SandboxPartnerId;
            o.Legacy.PartnerKey = FakeJushuitanOptions.SandboxPartnerKey;
            o.Legacy.Token = FakeJushuitanOptions.SandboxToken;
            o.OpenApi.AppKey = FakeJushuitanOptions.SandboxAppKey;
            o.OpenApi.AppSecret = FakeJushuitanOptions.SandboxAppSecret;
            o.OpenApi.AccessToken = FakeJushuitanOptions.SandboxAccessToken;
        });

        var ex = await Assert.ThrowsAsync<PlatformException>(() => provider.GetRequiredService<JushuitanClient>().Shops.ListAsync());

        Assert.Equal(ErrorCategory.Configuration, ex.Category);
        Assert.Equal("RJST-01", ex.RuleId);
        Assert.Contains("Environment", ex.Remedy, StringComparison.Ordinal);
        Assert.Contains(protocol == JushuitanProtocol.Legacy ? "partnerid" : "app_key", ex.Remedy, StringComparison.Ordinal);
        Assert.Single(production.Journal.Entries); // not retried, no token refresh attempted
    }

    [Theory]
    [Rule("RJST-01")]
    [InlineData("Legacy", "Legacy:PartnerId", " ywv5jGT8ge6Pvlq3FZSPol345asd")]
    [InlineData("Legacy", "Legacy:PartnerKey", "ywv5jGT8ge6Pvlq3FZSPol2323\n")]
    [InlineData("OpenApi", "OpenApi:AppSecret", "\t99c4cef262f34ca882975a7064de0b87")]
    public void RJST01_CredentialWithSurroundingWhitespace_FailsAtStartup_NamingTheSetting_WithoutTheSecret(string protocol, string setting, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["PlatformSdk:Jushuitan:Environment"] = "Test",
            ["PlatformSdk:Jushuitan:Protocol"] = protocol,
            ["PlatformSdk:Jushuitan:Legacy:PartnerId"] = FakeJushuitanOptions.SandboxPartnerId,
            ["PlatformSdk:Jushuitan:Legacy:PartnerKey"] = FakeJushuitanOptions.SandboxPartnerKey,
            ["PlatformSdk:Jushuitan:Legacy:Token"] = FakeJushuitanOptions.SandboxToken,
            ["PlatformSdk:Jushuitan:OpenApi:AppKey"] = FakeJushuitanOptions.SandboxAppKey,
            ["PlatformSdk:Jushuitan:OpenApi:AppSecret"] = FakeJushuitanOptions.SandboxAppSecret,
        };
        settings["PlatformSdk:Jushuitan:" + setting] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().AddJushuitan(configuration.GetSection("PlatformSdk:Jushuitan"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
        Assert.Contains("whitespace", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value.Trim(), ex.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<JushuitanClient>());
    }

    [Theory]
    [Rule("RJST-03")]
    [MemberData(nameof(Protocols))]
    public async Task RJST03_MeterCountsEqualTheFakesCount_AndCostIsEstimated(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol, o =>
        {
            o.Billing.Edition = JushuitanEdition.Professional;
            o.Billing.ContractAmount = 0.005m; // 5 free calls, then 1 CNY per started 1000
        });
        await h.Client.Shops.ListAsync();
        await h.Client.Warehouses.QueryPartnersAsync().ToListAsync();
        await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-03", paid: true)]); // upload + verification query
        h.Fake.ExpireTokens();
        await h.Client.LogisticsCompanies.QueryAsync().ToListAsync(); // rejected + refresh + retried

        var usage = h.Client.GetUsage();

        var credential = protocol == JushuitanProtocol.Legacy ? h.Fake.PartnerId : h.Fake.AppKey;
        Assert.Equal(h.Fake.GetCallCount(credential), usage.Calls);
        Assert.Equal(h.Fake.Journal.Count, usage.Calls);
        Assert.Equal(7, usage.Calls);
        Assert.Equal(5, usage.FreeCalls);
        Assert.Equal(1m, usage.EstimatedCost);
        Assert.Equal(JushuitanOptions.DefaultTenant, usage.Tenant);
    }

    [Fact]
    [Rule("RJST-01")]
    public async Task RJST01_ConfigurationSection_FromJson_WithOnlyEndpointsOverrideInCode_Works()
    {
        var time = new FakeTimeProvider(FakeJushuitanHarness.Start);
        using var fake = new FakeJushuitanServer(new FakeJushuitanOptions { Environment = FakeJushuitanEnvironment.Production }, time);
        var json = $$"""
            { "PlatformSdk": { "Jushuitan": {
                "Environment": "Production", "Protocol": "OpenApi",
                "OpenApi": { "AppKey": "{{FakeJushuitanOptions.ProductionAppKey}}", "AppSecret": "{{FakeJushuitanOptions.ProductionAppSecret}}",
                             "AccessToken": "{{FakeJushuitanOptions.ProductionAccessToken}}", "RefreshToken": "{{FakeJushuitanOptions.ProductionRefreshToken}}" },
                "Orders": { "VerifyAfterUpload": false },
                "Resilience": { "PermitsPerSecond": 0, "BaseDelay": "00:00:00", "MaxRetries": 1 } } } }
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(time).AddJushuitan(configuration.GetSection("PlatformSdk:Jushuitan"));
        services.Configure<JushuitanOptions>(o => o.EndpointsOverride = FakeJushuitanHarness.EndpointsOf(fake));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var client = provider.GetRequiredService<JushuitanClient>();

        var shops = await client.Shops.ListAsync();

        Assert.Equal(JushuitanEnvironment.Production, client.Environment);
        Assert.Equal(JushuitanProtocol.OpenApi, client.Protocol);
        Assert.Equal(3, shops.Count);
        Assert.Equal(1, provider.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>().Get("Jushuitan").MaxRetries);
        Assert.Equal(1, fake.GetCallCount(FakeJushuitanOptions.ProductionAppKey));
    }

    [Fact]
    [Rule("RJST-03")]
    public async Task RJST03_NamedTenants_OfTwoCompanies_KeepSeparateTokensAndMeters()
    {
        var time = new FakeTimeProvider(FakeJushuitanHarness.Start);
        using var north = new FakeJushuitanServer(new FakeJushuitanOptions { CompanyId = 1001 }, time);
        using var south = new FakeJushuitanServer(new FakeJushuitanOptions
        {
            CompanyId = 2002,
            AppKey = "south0000000000000000000000appkey",
            AppSecret = "south00000000000000000000appsecret",
            AccessToken = "south0000000000000000000000access",
            RefreshToken = "south000000000000000000000refresh",
        }, time);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(time)
            .AddJushuitan("north", o => FakeJushuitanHarness.UseFakeCredentials(o, north, JushuitanProtocol.OpenApi))
            .AddJushuitan("south", o => FakeJushuitanHarness.UseFakeCredentials(o, south, JushuitanProtocol.OpenApi));
        // Each named tenant has its own resilience settings, starting from the platform's defaults (a 5/s limit on the injected
        // clock, which this test never advances): both are tuned for the fake.
        services.Configure<PlatformResilienceOptions>(PlatformResilienceOptions.NameFor("Jushuitan", "north"), FakeJushuitanHarness.FastResilience);
        services.Configure<PlatformResilienceOptions>(PlatformResilienceOptions.NameFor("Jushuitan", "south"), FakeJushuitanHarness.FastResilience);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var factory = provider.GetRequiredService<IJushuitanClientFactory>();
        var (n, s) = (factory.CreateClient("north"), factory.CreateClient("south"));
        Assert.Same(n, factory.CreateClient("north"));

        await n.Shops.ListAsync();
        south.ExpireTokens();
        await s.Shops.ListAsync();
        await s.Shops.ListAsync();

        Assert.Equal("north", n.Tenant);
        Assert.Equal(1, n.GetUsage().Calls);
        Assert.Equal(4, s.GetUsage().Calls); // rejected, refresh, retried, then one more with the new token
        Assert.Equal(1, north.GetCallCount(north.AppKey));
        Assert.Equal(4, south.GetCallCount(south.AppKey));
        Assert.Empty(north.CallsTo(JushuitanRoutes.TokenRefresh));
        Assert.Single(south.CallsTo(JushuitanRoutes.TokenRefresh));
        Assert.Equal(south.AccessToken, south.CallsTo(JushuitanRoutes.ShopsQuery)[^1].Form["access_token"]);
        Assert.NotEqual(FakeJushuitanOptions.SandboxAccessToken, south.AccessToken);
        // North never saw south's refreshed token.
        await n.Shops.ListAsync();
        Assert.Equal(FakeJushuitanOptions.SandboxAccessToken, north.CallsTo(JushuitanRoutes.ShopsQuery)[^1].Form["access_token"]);
    }

    private static ServiceProvider Build(TimeProvider time, Action<JushuitanOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(time).AddJushuitan(configure);
        services.Configure<PlatformResilienceOptions>("Jushuitan", FakeJushuitanHarness.FastResilience);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }
}
