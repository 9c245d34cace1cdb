using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PlatformSdk.HealthChecks;

/// <summary>Settings of the PlatformSdk health checks, given to <c>AddPlatformSdk</c> or to one explicit registration.</summary>
public sealed class PlatformSdkHealthCheckOptions
{
    /// <summary>The default <see cref="WarningWindow"/>: 7 days.</summary>
    public static readonly TimeSpan DefaultWarningWindow = TimeSpan.FromDays(7);

    /// <summary>The default <see cref="ConnectTimeout"/>: 3 seconds.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long before a token or session that nothing can renew (a TOP session, a token without a refresh token, a refresh token)
    /// stops working the check reports <see cref="HealthStatus.Degraded"/>, so someone re-authorizes the tenant in time. Default 7 days.
    /// </summary>
    public TimeSpan WarningWindow { get; set; } = DefaultWarningWindow;

    /// <summary>How long the reachability check waits for a TCP connection, measured on the injected <see cref="TimeProvider"/>. Default 3 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>Whether token and session checks are added. Default <see langword="true"/>.</summary>
    public bool CheckTokens { get; set; } = true;

    /// <summary>Whether reachability checks (a TCP connect to each configured gateway, nothing sent) are added. Default <see langword="true"/>.</summary>
    public bool CheckReachability { get; set; } = true;

    /// <summary>What an expired or missing token, or an unreachable gateway, reports; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</summary>
    public HealthStatus? FailureStatus { get; set; }

    /// <summary>Tags added to every check besides <c>platformsdk</c>, the platform name and the check kind (for example <c>ready</c>).</summary>
    public IList<string> Tags { get; } = new List<string>();

    internal PlatformSdkHealthCheckOptions Validated()
    {
        if (WarningWindow < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WarningWindow), WarningWindow, "The warning window cannot be negative.");
        }

        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, "The connect timeout must be positive and at most one minute: a health check answers quickly.");
        }

        return this;
    }
}
