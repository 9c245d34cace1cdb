using Microsoft.Extensions.Diagnostics.HealthChecks;
using PlatformSdk.HealthChecks;
using PlatformSdk.HealthChecks.Reachability;
using PlatformSdk.HealthChecks.Tokens;
using PlatformSdk.Jushuitan;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the PlatformSdk health checks: <c>services.AddHealthChecks().AddPlatformSdk()</c> adds one token check per registered tenant
/// and one reachability check per configured gateway; the <c>Add…Token</c>, <c>AddTopSession</c> and <c>Add…Reachability</c> methods
/// add single checks, for tenants the configuration does not list (a shop or seller authorized at run time).
/// </summary>
public static class PlatformSdkHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check per platform package and tenant found in the container, whatever the order of the registrations: a token check for
    /// each Jushuitan registration, each 1688 shop under <c>Shops</c> and each TOP seller under <c>Sellers</c>, and a reachability check
    /// for each gateway. The tenants are read once, when the health check service first starts. A check of the same name added
    /// explicitly before this call keeps its own settings.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Sets the warning window, the connect timeout, which kinds of check to add, the failure status and extra tags.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddPlatformSdk(this IHealthChecksBuilder builder, Action<PlatformSdkHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = Settings(configure);
        var services = builder.Services;
        // Discovery runs when the health check options are first built, after every registration, so AddPlatformSdk may come first.
        services.AddOptions<HealthCheckServiceOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            foreach (var registration in Discover(services, provider, settings))
            {
                AddOnce(options, registration);
            }
        });
        return builder;
    }

    /// <summary>Adds the token check of one Jushuitan tenant (its access and refresh token; the legacy token for the legacy API).</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="tenant">The registration name given to <c>AddJushuitan(name, …)</c>; <c>default</c> for the default registration.</param>
    /// <param name="configure">Sets the warning window, the failure status and extra tags.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddJushuitanToken(this IHealthChecksBuilder builder, string tenant = JushuitanOptions.DefaultTenant, Action<PlatformSdkHealthCheckOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        return builder.AddExplicit(Token(PlatformTargets.JushuitanToken(tenant), Settings(configure)));
    }

    /// <summary>Adds the token check of one Alibaba 1688 shop (its access token and refresh token, R1688-03).</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="shop">The shop (login id), as passed to <c>Alibaba1688Client.ForShop</c>.</param>
    /// <param name="configure">Sets the warning window, the failure status and extra tags.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddAlibaba1688Token(this IHealthChecksBuilder builder, string shop, Action<PlatformSdkHealthCheckOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(shop);
        return builder.AddExplicit(Token(PlatformTargets.Alibaba1688Token(shop), Settings(configure)));
    }

    /// <summary>Adds the session check of one TOP seller (a session the SDK cannot refresh: it lapses unless the seller authorizes again).</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="seller">The seller name, as in <c>TopOptions.Sellers</c>.</param>
    /// <param name="configure">Sets the warning window, the failure status and extra tags.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddTopSession(this IHealthChecksBuilder builder, string seller, Action<PlatformSdkHealthCheckOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(seller);
        return builder.AddExplicit(Token(PlatformTargets.TopSession(seller), Settings(configure)));
    }

    /// <summary>Adds the reachability check of one Jushuitan tenant's gateway (a TCP connect, nothing sent).</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="tenant">The registration name; <c>default</c> for the default registration.</param>
    /// <param name="configure">Sets the connect timeout, the failure status and extra tags.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddJushuitanReachability(this IHealthChecksBuilder builder, string tenant = JushuitanOptions.DefaultTenant, Action<PlatformSdkHealthCheckOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        return builder.AddExplicit(Reachability(PlatformTargets.JushuitanEndpoint(tenant), Settings(configure)));
    }

    /// <summary>Adds the reachability check of the Alibaba 1688 gateway (a TCP connect, nothing sent).</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Sets the connect timeout, the failure status and extra tags.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddAlibaba1688Reachability(this IHealthChecksBuilder builder, Action<PlatformSdkHealthCheckOptions>? configure = null)
        => builder.AddExplicit(Reachability(PlatformTargets.Alibaba1688Endpoint(), Settings(configure)));

    /// <summary>Adds the reachability check of the TOP router (a TCP connect, nothing sent).</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Sets the connect timeout, the failure status and extra tags.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddTopReachability(this IHealthChecksBuilder builder, Action<PlatformSdkHealthCheckOptions>? configure = null)
        => builder.AddExplicit(Reachability(PlatformTargets.TopEndpoint(), Settings(configure)));

    private static IHealthChecksBuilder AddExplicit(this IHealthChecksBuilder builder, HealthCheckRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<HealthCheckServiceOptions>(options => AddOnce(options, registration));
        return builder;
    }

    private static PlatformSdkHealthCheckOptions Settings(Action<PlatformSdkHealthCheckOptions>? configure)
    {
        var settings = new PlatformSdkHealthCheckOptions();
        configure?.Invoke(settings);
        return settings.Validated();
    }

    // The health check service refuses duplicate names at start: an explicit check and the one-call aggregate may name the same tenant.
    private static void AddOnce(HealthCheckServiceOptions options, HealthCheckRegistration registration)
    {
        if (!options.Registrations.Any(r => string.Equals(r.Name, registration.Name, StringComparison.OrdinalIgnoreCase)))
        {
            options.Registrations.Add(registration);
        }
    }

    private static List<HealthCheckRegistration> Discover(IServiceCollection services, IServiceProvider provider, PlatformSdkHealthCheckOptions settings)
    {
        var found = new List<HealthCheckRegistration>();
        if (PlatformTargets.HasJushuitan(services))
        {
            foreach (var tenant in PlatformTargets.JushuitanTenants(services))
            {
                if (settings.CheckTokens)
                {
                    found.Add(Token(PlatformTargets.JushuitanToken(tenant), settings));
                }

                if (settings.CheckReachability)
                {
                    found.Add(Reachability(PlatformTargets.JushuitanEndpoint(tenant), settings));
                }
            }
        }

        if (PlatformTargets.HasAlibaba1688(services))
        {
            if (settings.CheckTokens)
            {
                found.AddRange(TokensOf(PlatformTargets.Alibaba1688, provider, PlatformTargets.Alibaba1688Shops, PlatformTargets.Alibaba1688Token, settings));
            }

            if (settings.CheckReachability)
            {
                found.Add(Reachability(PlatformTargets.Alibaba1688Endpoint(), settings));
            }
        }

        if (PlatformTargets.HasTop(services))
        {
            if (settings.CheckTokens)
            {
                found.AddRange(TokensOf(PlatformTargets.Top, provider, PlatformTargets.TopSellers, PlatformTargets.TopSession, settings));
            }

            if (settings.CheckReachability)
            {
                found.Add(Reachability(PlatformTargets.TopEndpoint(), settings));
            }
        }

        return found;
    }

    private static IEnumerable<HealthCheckRegistration> TokensOf(string platform, IServiceProvider provider, Func<IServiceProvider, IEnumerable<string>> tenants,
        Func<string, TokenTarget> target, PlatformSdkHealthCheckOptions settings)
    {
        List<string> names;
        try
        {
            names = tenants(provider).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Invalid options must not stop the health endpoint from starting: the failure becomes a check that says so.
            var failure = $"The {platform} options could not be read ({ex.GetType().Name}), so its tenants' tokens cannot be checked; the start-up validation names the setting.";
            return [new HealthCheckRegistration($"{PlatformSdkHealthChecks.Tag}:{platform}:{PlatformSdkHealthChecks.TokenTag}s",
                _ => new FixedHealthCheck(failure), settings.FailureStatus, Tags(platform, PlatformSdkHealthChecks.TokenTag, settings))];
        }

        return names.Select(name => Token(target(name), settings));
    }

    private static HealthCheckRegistration Token(TokenTarget target, PlatformSdkHealthCheckOptions settings)
    {
        var window = settings.WarningWindow;
        return new HealthCheckRegistration(PlatformSdkHealthChecks.TokenCheckName(target.Platform, target.Tenant),
            sp => new PlatformTokenHealthCheck(target, sp, window), settings.FailureStatus, Tags(target.Platform, PlatformSdkHealthChecks.TokenTag, settings));
    }

    private static HealthCheckRegistration Reachability(EndpointTarget target, PlatformSdkHealthCheckOptions settings)
    {
        var timeout = settings.ConnectTimeout;
        return new HealthCheckRegistration(PlatformSdkHealthChecks.ReachabilityCheckName(target.Platform, target.Tenant),
            sp => new PlatformReachabilityHealthCheck(target, sp, timeout), settings.FailureStatus, Tags(target.Platform, PlatformSdkHealthChecks.ReachabilityTag, settings));
    }

    private static string[] Tags(string platform, string kind, PlatformSdkHealthCheckOptions settings)
        => [PlatformSdkHealthChecks.Tag, platform, kind, .. settings.Tags];

    private sealed class FixedHealthCheck(string description) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
            => Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, description));
    }
}
