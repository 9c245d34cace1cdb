using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Testing;

namespace PlatformSdk.Jushuitan.Tests;

public sealed class TokenTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1700000000));
    private ServiceProvider? _provider;

    private JushuitanClient Client(LoopbackStubServer server, Action<JushuitanOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(_time).AddJushuitan(o =>
        {
            o.EndpointsOverride = server.JushuitanEndpoints();
            configure(o);
        });
        services.Configure<PlatformResilienceOptions>("Jushuitan", o => o.PermitsPerSecond = 0);
        _provider = services.BuildServiceProvider();
        _provider.GetRequiredService<IStartupValidator>().Validate();
        return _provider.GetRequiredService<JushuitanClient>();
    }

    public void Dispose() => _provider?.Dispose();

    private static void Legacy(JushuitanOptions o)
    {
        o.Protocol = JushuitanProtocol.Legacy;
        o.Legacy.PartnerId = "ywv5jGT8ge6Pvlq3FZSPol345asd";
        o.Legacy.PartnerKey = "ywv5jGT8ge6Pvlq3FZSPol2323";
        o.Legacy.Token = "181ee8952a88f5a57db52587472c3798";
    }

    [Fact]
    [Rule("RJST-02")]
    public async Task RJST02_legacy_refresh_token_keeps_the_value_and_is_not_repeated_while_it_activates()
    {
        var shopCalls = 0;
        using var server = new LoopbackStubServer(request => StubReply.Json(request.Query["method"] switch
        {
            "refresh.token" => "{\"code\":0,\"issuccess\":true,\"msg\":\"\",\"data\":{\"expired_date\":\"2030-01-01 00:00:00\"}}",
            _ => Interlocked.Increment(ref shopCalls) == 2
                ? "{\"code\":0,\"issuccess\":true,\"shops\":[],\"has_next\":false}"
                : "{\"code\":100,\"issuccess\":false,\"msg\":\"token超时\"}",
        }));
        var client = Client(server, Legacy);

        await client.Shops.ListAsync();
        var methods = server.Requests.Select(r => r.Query["method"]).ToArray();
        Assert.Equal(["shops.query", "refresh.token", "shops.query"], methods);
        var refresh = server.Requests.ElementAt(1);
        Assert.Equal("181ee8952a88f5a57db52587472c3798", refresh.Query["token"]);
        Assert.Equal("{}", refresh.Body);
        Assert.All(server.Requests, r => Assert.Equal("181ee8952a88f5a57db52587472c3798", r.Query["token"]));

        // Still inside the activation window: a rejection is retried once with the same token, never refreshed again.
        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.Shops.ListAsync());
        Assert.True(ex.Error.IsTokenExpiry);
        Assert.Single(server.Requests, r => r.Query["method"] == "refresh.token");
    }

    [Fact]
    [Rule("RJST-02")]
    public async Task RJST02_open_api_proactive_refresh_keeps_sending_the_old_token_until_the_new_one_activates()
    {
        using var server = new LoopbackStubServer(request => StubReply.Json(request.Path switch
        {
            "/openWeb/auth/refreshToken" => "{\"code\":0,\"data\":{\"access_token\":\"new-token-0002\",\"refresh_token\":\"refresh-0002\",\"expires_in\":2592000}}",
            _ => "{\"code\":0,\"data\":{\"datas\":[],\"has_next\":false}}",
        }));
        var client = Client(server, o =>
        {
            o.OpenApi.AppKey = "app-key-0001";
            o.OpenApi.AppSecret = "app-secret-0001";
            o.OpenApi.AccessToken = "old-token-0001";
            o.OpenApi.RefreshToken = "refresh-0001";
            o.OpenApi.AccessTokenExpiresAt = _time.GetUtcNow().AddMinutes(5); // inside the provider's 10-minute refresh margin
            o.NewTokenActivationDelay = TimeSpan.FromMinutes(3);
        });

        await client.Shops.ListAsync();
        await client.Shops.ListAsync();
        _time.Advance(TimeSpan.FromMinutes(2));
        await client.Shops.ListAsync();
        _time.Advance(TimeSpan.FromMinutes(2));
        await client.Shops.ListAsync();

        var sent = server.Requests.Select(r => r.Path == "/openWeb/auth/refreshToken" ? "refresh" : r.Form["access_token"]).ToArray();
        Assert.Equal(["old-token-0001", "refresh", "old-token-0001", "old-token-0001", "new-token-0002"], sent);
    }

    [Fact]
    [Rule("RJST-02")]
    public async Task RJST02_open_api_without_refresh_token_reports_reauthorization()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":100,\"msg\":\"access_token超时\"}"));
        var client = Client(server, o =>
        {
            o.OpenApi.AppKey = "app-key-0001";
            o.OpenApi.AppSecret = "app-secret-0001";
            o.OpenApi.AccessToken = "old-token-0001";
        });

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.Shops.ListAsync());
        Assert.Equal(ErrorCategory.Authentication, ex.Category);
        Assert.Contains("authorize the merchant again", ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }
}
