using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PlatformSdk.TmallGlobalDirect.AspNetCore.HealthChecks;

/// <summary>
/// The authorization-expiry watch (RTGD-04) as a health check, so the warning reaches the monitoring that already watches the
/// receiver: <see cref="HealthStatus.Healthy"/> while no shop's flagship-store authorization lapses within
/// <see cref="TmallGlobalDirectOptions.AuthorizationWarningWindow"/>; <see cref="HealthStatus.Degraded"/> when one lapses within
/// the window (re-authorize now, orders still arrive); the registration's failure status (default
/// <see cref="HealthStatus.Unhealthy"/>) once one has lapsed, because that shop's orders and callbacks stop. The data lists each
/// shop with its expiry; shops without a configured expiry are listed too (they cannot be watched) without changing the status.
/// </summary>
public class TmallGlobalDirectAuthorizationHealthCheck : IHealthCheck
{
    private readonly TmallGlobalDirectAuthorizationWatch _watch = null!;

    /// <summary>Creates the check over the watch.</summary>
    /// <param name="watch">The watch registered by <c>AddTmallGlobalDirect</c>.</param>
    public TmallGlobalDirectAuthorizationHealthCheck(TmallGlobalDirectAuthorizationWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        _watch = watch;
    }

    /// <summary>For mocking.</summary>
    protected TmallGlobalDirectAuthorizationHealthCheck()
    {
    }

    /// <inheritdoc />
    public virtual Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var expiring = _watch.ExpiringWithin();
        var unwatched = _watch.ShopsWithoutKnownExpiry();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var shop in expiring)
        {
            data["shop:" + shop.Shop] = shop.ExpiresAt.ToString("O", CultureInfo.InvariantCulture);
        }

        if (unwatched.Count > 0)
        {
            data["shopsWithoutKnownExpiry"] = string.Join(",", unwatched);
        }

        var lapsed = expiring.Where(e => e.Expired).Select(e => e.Shop).ToList();
        if (lapsed.Count > 0)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                $"The flagship-store authorization of {string.Join(", ", lapsed)} has lapsed (RTGD-04): its orders and callbacks stop until the store authorizes the supplier again.",
                data: data));
        }

        if (expiring.Count > 0)
        {
            var soonest = expiring[0];
            return Task.FromResult(HealthCheckResult.Degraded(
                $"{expiring.Count} shop authorization(s) lapse within the warning window (RTGD-04), the first ({soonest.Shop}) at {soonest.ExpiresAt.ToString("O", CultureInfo.InvariantCulture)}: have the flagship store re-authorize the supplier.",
                data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy(
            unwatched.Count > 0 ? $"No watched authorization lapses within the warning window; {unwatched.Count} shop(s) have no configured expiry." : "No authorization lapses within the warning window.",
            data));
    }
}
