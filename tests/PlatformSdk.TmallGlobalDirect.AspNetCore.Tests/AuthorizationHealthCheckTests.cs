using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Inbox;

namespace PlatformSdk.TmallGlobalDirect.AspNetCore.Tests;

/// <summary>The authorization-expiry watch (RTGD-04) reported through ASP.NET Core health checks, on a real Kestrel host.</summary>
public sealed class AuthorizationHealthCheckTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2027, 2, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private readonly FakeTimeProvider _time = new(Now);
    private WebApplication? _app;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<HttpClient> StartAsync(Action<TmallGlobalDirectOptions> shops, HealthStatus? failureStatus = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton<IPushInbox>(new RecordingPushInbox());
        builder.Services.AddPlatformSdk().AddTop(o =>
        {
            o.AppKey = "23000001";
            o.AppSecret = ReceiverHost.Secret;
        }).AddTmallGlobalDirectPushEndpoint(o =>
        {
            o.AppKey = "23000001";
            o.AppSecret = ReceiverHost.Secret;
            o.SupplierId = "2200001234";
            shops(o);
        });
        builder.Services.AddHealthChecks().AddTmallGlobalDirectAuthorization(failureStatus: failureStatus);
        _app = builder.Build();
        _app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status200OK },
        });
        await _app.StartAsync();
        return new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    private static void Shop(TmallGlobalDirectOptions options, string name, DateTimeOffset? expires)
        => options.Shops[name] = new TmallGlobalDirectShopOptions { AuthorizationExpiresAt = expires };

    private async Task<HealthReport> ReportAsync() => await _app!.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    [Fact]
    [Rule("RTGD-04")]
    public async Task RTGD04_no_authorization_lapsing_within_the_window_is_healthy()
    {
        using var http = await StartAsync(o => Shop(o, "flagship-a", Now.AddDays(30)));

        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    [Rule("RTGD-04")]
    public async Task RTGD04_an_authorization_lapsing_within_the_window_is_degraded_and_names_the_shop()
    {
        using var http = await StartAsync(o =>
        {
            Shop(o, "flagship-a", Now.AddDays(30));
            Shop(o, "flagship-b", Now.AddDays(3));
        });

        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal("Degraded", await response.Content.ReadAsStringAsync());

        var entry = (await ReportAsync()).Entries["tmall-global-direct-authorization"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains("flagship-b", entry.Description, StringComparison.Ordinal);
        Assert.Equal(Now.AddDays(3).ToString("O", System.Globalization.CultureInfo.InvariantCulture), entry.Data["shop:flagship-b"]);
        Assert.False(entry.Data.ContainsKey("shop:flagship-a"));
    }

    [Fact]
    [Rule("RTGD-04")]
    public async Task RTGD04_a_lapsed_authorization_reports_the_failure_status_and_follows_the_injected_clock()
    {
        using var http = await StartAsync(o => Shop(o, "flagship-b", Now.AddDays(3)));
        Assert.Equal(HealthStatus.Degraded, (await ReportAsync()).Status);

        _time.Advance(TimeSpan.FromDays(3));

        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var entry = (await ReportAsync()).Entries["tmall-global-direct-authorization"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("has lapsed", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RTGD-04")]
    public async Task RTGD04_the_registration_can_lower_a_lapse_to_degraded_and_lists_shops_it_cannot_watch()
    {
        using var http = await StartAsync(o =>
        {
            Shop(o, "flagship-old", Now.AddDays(-1));
            Shop(o, "flagship-unknown", null);
        }, failureStatus: HealthStatus.Degraded);

        var entry = (await ReportAsync()).Entries["tmall-global-direct-authorization"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("flagship-unknown", entry.Data["shopsWithoutKnownExpiry"]);
    }
}
