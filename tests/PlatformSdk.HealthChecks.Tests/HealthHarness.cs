using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;

namespace PlatformSdk.HealthChecks.Tests;

/// <summary>A container wired as an application wires it (AddPlatformSdk + AddHealthChecks) on one fake clock.</summary>
internal sealed class HealthHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private HealthHarness(FakeTimeProvider time, ServiceProvider provider)
    {
        Time = time;
        Provider = provider;
    }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Provider { get; }

    public static HealthHarness Build(FakeTimeProvider time, Action<IPlatformSdkBuilder> platforms, Action<IHealthChecksBuilder> checks,
        Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        checks(services.AddHealthChecks());
        platforms(services.AddPlatformSdk().UseTimeProvider(time));
        // No retry inside the executor: its backoff would wait on the fake clock nobody advances.
        services.ConfigureAll<PlatformResilienceOptions>(o =>
        {
            o.BaseDelay = TimeSpan.Zero;
            o.PermitsPerSecond = 0;
            o.MaxRetries = 0;
        });

        more?.Invoke(services);
        return new HealthHarness(time, services.BuildServiceProvider());
    }

    public async Task<HealthReport> ReportAsync(Func<HealthCheckRegistration, bool>? predicate = null)
        => await Provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(predicate ?? (_ => true));

    public async Task<HealthReportEntry> EntryAsync(string name)
    {
        var report = await ReportAsync(r => r.Name == name);
        return Assert.Contains(name, (IReadOnlyDictionary<string, HealthReportEntry>)report.Entries);
    }

    /// <summary>Everything a health endpoint could print: the description and every data value.</summary>
    public static string Printed(HealthReportEntry entry)
        => string.Join("\n", new[] { entry.Description ?? "" }
            .Concat(entry.Data.Select(d => d.Key + "=" + Convert.ToString(d.Value, CultureInfo.InvariantCulture))));

    public static void AssertNoSecret(HealthReportEntry entry, params string[] secrets)
    {
        var printed = Printed(entry);
        foreach (var secret in secrets)
        {
            Assert.False(printed.Contains(secret, StringComparison.Ordinal), $"A secret appears in the health output:\n{printed}");
        }
    }

    public void Dispose() => Provider.Dispose();
}
