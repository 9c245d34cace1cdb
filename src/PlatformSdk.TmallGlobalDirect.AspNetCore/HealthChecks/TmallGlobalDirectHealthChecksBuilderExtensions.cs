using Microsoft.Extensions.Diagnostics.HealthChecks;
using PlatformSdk.TmallGlobalDirect.AspNetCore.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the Tmall Global direct-supply health checks: <c>services.AddHealthChecks().AddTmallGlobalDirectAuthorization()</c>
/// next to <c>AddTmallGlobalDirect</c> (or <c>AddTmallGlobalDirectPushEndpoint</c>).
/// </summary>
public static class TmallGlobalDirectHealthChecksBuilderExtensions
{
    /// <summary>The default registration name.</summary>
    public const string AuthorizationCheckName = "tmall-global-direct-authorization";

    /// <summary>Adds <see cref="TmallGlobalDirectAuthorizationHealthCheck"/> (RTGD-04).</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The registration name.</param>
    /// <param name="failureStatus">What a lapsed authorization reports; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter the check by (for example <c>"ready"</c>).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddTmallGlobalDirectAuthorization(
        this IHealthChecksBuilder builder,
        string name = AuthorizationCheckName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => ActivatorUtilities.GetServiceOrCreateInstance<TmallGlobalDirectAuthorizationHealthCheck>(sp),
            failureStatus,
            tags));
    }
}
