using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Alibaba1688;
using PlatformSdk.HealthChecks.Reachability;
using PlatformSdk.Jushuitan;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Testing.Jushuitan;
using PlatformSdk.Testing.Top;
using PlatformSdk.Top;

namespace PlatformSdk.HealthChecks.Tests;

/// <summary>The one-call registration and the reachability checks against the bundled fakes on loopback.</summary>
public sealed class RegistrationAndReachabilityTests : IDisposable
{
    private static readonly DateTimeOffset Start = HealthHarness.Start;
    private readonly FakeTimeProvider _time = new(Start);
    private readonly FakeJushuitanServer _jushuitan;
    private readonly Fake1688Server _alibaba;
    private readonly FakeTopServer _top;

    public RegistrationAndReachabilityTests()
    {
        _jushuitan = new FakeJushuitanServer(null, _time);
        _alibaba = new Fake1688Server(null, _time);
        _top = new FakeTopServer(new FakeTopOptions(), _time);
    }

    public void Dispose()
    {
        _jushuitan.Dispose();
        _alibaba.Dispose();
        _top.Dispose();
    }

    private void Jushuitan(JushuitanOptions o, Uri? openApi = null)
    {
        o.Protocol = JushuitanProtocol.OpenApi;
        o.EndpointsOverride = new JushuitanEndpoints(_jushuitan.LegacyUrl, openApi ?? _jushuitan.OpenApiUrl, new Uri(_jushuitan.Url + "/auth"));
        o.OpenApi.AppKey = _jushuitan.AppKey;
        o.OpenApi.AppSecret = _jushuitan.AppSecret;
        o.OpenApi.AccessToken = _jushuitan.AccessToken;
        o.OpenApi.AccessTokenExpiresAt = Start.AddDays(30);
        o.OpenApi.RefreshToken = _jushuitan.RefreshToken;
    }

    private void AllPlatforms(IPlatformSdkBuilder sdk)
    {
        sdk.AddJushuitan(o => Jushuitan(o)).AddJushuitan("north", o => Jushuitan(o))
            .AddAlibaba1688(o =>
            {
                o.AppKey = _alibaba.AppKey;
                o.AppSecret = _alibaba.AppSecret;
                o.RedirectUri = new Uri("https://erp.example.com/1688/callback");
                o.EndpointsOverride = new Alibaba1688Endpoints(new Uri(_alibaba.GatewayUrl, "openapi"), _alibaba.AuthorizeUrl);
                o.Shops["shop-a"] = new Alibaba1688ShopOptions { RefreshToken = "configured-refresh-value", RefreshTokenExpiresAt = Start.AddDays(90) };
            })
            .AddTop(o =>
            {
                o.AppKey = _top.AppKey;
                o.AppSecret = _top.AppSecret;
                o.EndpointsOverride = new TopEndpoints(_top.RouterUrl, new Uri(_top.Url + "/router/qimen/service"));
                o.Sellers[FakeTopSeed.MainSeller.Nick] = new TopSellerOptions { Session = FakeTopSeed.MainSeller.Session, SessionExpiresAt = Start.AddDays(5) };
            });
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task AddPlatformSdk_adds_a_tagged_check_per_tenant_and_gateway_of_every_registered_package_even_when_called_first()
    {
        // HealthHarness calls AddHealthChecks().AddPlatformSdk() before the platform registrations.
        using var h = HealthHarness.Build(_time, AllPlatforms, checks => checks.AddPlatformSdk(o => o.Tags.Add("ready")));

        var report = await h.ReportAsync();

        Assert.Equal(
            [
                "platformsdk:Alibaba1688:reachability",
                "platformsdk:Alibaba1688:token:shop-a",
                "platformsdk:Jushuitan:reachability:default",
                "platformsdk:Jushuitan:reachability:north",
                "platformsdk:Jushuitan:token:default",
                "platformsdk:Jushuitan:token:north",
                "platformsdk:Top:reachability",
                "platformsdk:Top:token:" + FakeTopSeed.MainSeller.Nick,
            ],
            report.Entries.Keys.Order(StringComparer.Ordinal));
        var registrations = h.Provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.All(registrations, r => Assert.Contains("platformsdk", r.Tags));
        Assert.All(registrations, r => Assert.Contains("ready", r.Tags));
        Assert.Equal(["Jushuitan", "platformsdk", "ready", "token"],
            registrations.Single(r => r.Name == "platformsdk:Jushuitan:token:north").Tags.Order(StringComparer.Ordinal));
        Assert.Equal(["Top", "platformsdk", "reachability", "ready"],
            registrations.Single(r => r.Name == "platformsdk:Top:reachability").Tags.Order(StringComparer.Ordinal));
        Assert.Equal(HealthStatus.Degraded, report.Entries["platformsdk:Top:token:" + FakeTopSeed.MainSeller.Nick].Status);
        foreach (var entry in report.Entries.Values)
        {
            HealthHarness.AssertNoSecret(entry, _jushuitan.AccessToken, _jushuitan.RefreshToken, _jushuitan.AppSecret, _alibaba.AppSecret,
                "configured-refresh-value", _top.AppSecret, FakeTopSeed.MainSeller.Session);
        }
    }

    [Fact]
    public async Task The_warning_window_is_configurable_and_an_explicit_check_keeps_its_settings_next_to_the_one_call()
    {
        var seller = "platformsdk:Top:token:" + FakeTopSeed.MainSeller.Nick;
        using (var narrow = HealthHarness.Build(_time, AllPlatforms, checks => checks.AddPlatformSdk(o => o.WarningWindow = TimeSpan.FromDays(1))))
        {
            var entry = await narrow.EntryAsync(seller);
            Assert.Equal(HealthStatus.Healthy, entry.Status);
            Assert.Equal(TimeSpan.FromDays(1), entry.Data["warningWindow"]);
        }

        using var both = HealthHarness.Build(_time, AllPlatforms, checks => checks
            .AddTopSession(FakeTopSeed.MainSeller.Nick, o => o.WarningWindow = TimeSpan.FromDays(1))
            .AddPlatformSdk());
        var report = await both.ReportAsync();
        Assert.Single(report.Entries.Keys, k => k == seller);
        Assert.Equal(HealthStatus.Healthy, report.Entries[seller].Status);
    }

    [Fact]
    public async Task Reachability_connects_to_each_fake_gateway_and_sends_no_request()
    {
        using var h = HealthHarness.Build(_time, AllPlatforms, checks => checks.AddPlatformSdk(o => o.CheckTokens = false));

        var report = await h.ReportAsync();

        Assert.Equal(4, report.Entries.Count);
        Assert.All(report.Entries.Values, e => Assert.Equal(HealthStatus.Healthy, e.Status));
        var top = report.Entries["platformsdk:Top:reachability"];
        Assert.Equal(_top.RouterUrl.Port, top.Data["port"]);
        Assert.Contains("nothing was sent", top.Description, StringComparison.Ordinal);
        // A TCP connect only: none of the fakes saw a request, so no platform would have counted or billed a call.
        Assert.Equal(0, _jushuitan.Journal.Count);
        Assert.Equal(0, _alibaba.Journal.Count);
        Assert.Equal(0, _top.Journal.Count);
    }

    [Fact]
    public async Task Reachability_of_a_gateway_that_refuses_connections_reports_the_failure_status_and_the_first_explicit_check_of_a_name_wins()
    {
        var closed = new Uri($"http://127.0.0.1:{ClosedLoopbackPort()}");
        using var h = HealthHarness.Build(_time, sdk => sdk.AddJushuitan("north", o => Jushuitan(o, closed)),
            checks => checks.AddJushuitanReachability("north").AddJushuitanReachability("north", o => o.FailureStatus = HealthStatus.Degraded));

        var entry = await h.EntryAsync("platformsdk:Jushuitan:reachability:north");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal(nameof(SocketError.ConnectionRefused), entry.Data["socketError"]);
        Assert.Equal("127.0.0.1", entry.Data["host"]);
    }

    [Fact]
    public async Task Reachability_gives_up_after_the_connect_timeout_measured_on_the_injected_clock()
    {
        var connector = new HangingConnector();
        using var h = HealthHarness.Build(_time, sdk => sdk.AddJushuitan(o => Jushuitan(o)),
            checks => checks.AddJushuitanReachability(configure: o => o.ConnectTimeout = TimeSpan.FromSeconds(2)),
            services => services.AddSingleton<TcpConnector>(connector));

        var pending = h.EntryAsync("platformsdk:Jushuitan:reachability:default");
        await connector.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(pending.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        var entry = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("within 2 s", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_refuses_a_negative_warning_window_and_a_zero_connect_timeout()
    {
        var checks = new ServiceCollection().AddHealthChecks();

        Assert.Throws<ArgumentOutOfRangeException>(() => checks.AddPlatformSdk(o => o.WarningWindow = TimeSpan.FromDays(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => checks.AddTopReachability(o => o.ConnectTimeout = TimeSpan.Zero));
    }

    [Fact]
    public async Task Invalid_platform_options_become_one_failing_check_instead_of_stopping_the_health_service()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // No RedirectUri: the 1688 validator refuses these options (start-up validation would name the setting).
        services.AddPlatformSdk().UseTimeProvider(_time).AddAlibaba1688(o =>
        {
            o.AppKey = _alibaba.AppKey;
            o.AppSecret = _alibaba.AppSecret;
            o.Shops["shop-a"] = new Alibaba1688ShopOptions { RefreshToken = "configured-refresh-value" };
        });
        services.AddPlatformSdkHealthChecks(o => o.CheckReachability = false);
        using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var (name, entry) = Assert.Single(report.Entries);
        Assert.Equal("platformsdk:Alibaba1688:tokens", name);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("OptionsValidationException", entry.Description, StringComparison.Ordinal);
        HealthHarness.AssertNoSecret(entry, _alibaba.AppSecret, "configured-refresh-value");
    }

    private sealed class HangingConnector : TcpConnector
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask ConnectAsync(string host, int port, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
