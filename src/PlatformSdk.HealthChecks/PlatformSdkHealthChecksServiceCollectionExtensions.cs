using PlatformSdk.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the health check service with the PlatformSdk checks in one call, for applications that add no other check:
/// <c>services.AddPlatformSdkHealthChecks()</c> is <c>services.AddHealthChecks().AddPlatformSdk()</c>.
/// </summary>
public static class PlatformSdkHealthChecksServiceCollectionExtensions
{
    /// <summary>Adds the health check service and a PlatformSdk check per registered tenant and gateway (see <c>AddPlatformSdk</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the warning window, the connect timeout, which kinds of check to add, the failure status and extra tags.</param>
    /// <returns>The health checks builder, to add further checks.</returns>
    public static IHealthChecksBuilder AddPlatformSdkHealthChecks(this IServiceCollection services, Action<PlatformSdkHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddHealthChecks().AddPlatformSdk(configure);
    }
}
