using System.ComponentModel.DataAnnotations;

namespace PlatformSdk.Http;

/// <summary>
/// Retry, timeout, rate-limit and reply-size settings for one platform tenant (see <see cref="NameFor"/>). Defaults follow the Azure SDK (3 retries,
/// 0.8 s exponential backoff with jitter, at most 60 s between tries).
/// </summary>
public sealed class PlatformResilienceOptions
{
    /// <summary>How many times a failed attempt may be retried (0 turns retries off). Default 3.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff delay; it doubles per retry, with ±20% jitter. Default 0.8 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>The longest backoff delay. A platform that asks for a longer wait is not retried: the error surfaces with its <c>RetryAfter</c>. Default 60 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The limit for one logical call, retries included. Default 100 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The limit for one attempt. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls per second allowed per tenant of this platform; 0 means no client-side limit.</summary>
    [Range(0, 10_000)]
    public double PermitsPerSecond { get; set; }

    /// <summary>How many calls may burst above the steady rate per tenant. Default 1.</summary>
    [Range(1, 10_000)]
    public int Burst { get; set; } = 1;

    /// <summary>How many calls may wait for a permit per tenant before new ones are rejected as throttled. Default 1000.</summary>
    [Range(0, 1_000_000)]
    public int QueueLimit { get; set; } = 1000;

    /// <summary>The largest reply body read, in bytes; a larger reply fails with <c>response-too-large</c> before it is read whole. Default 32 MiB.</summary>
    [Range(1024, int.MaxValue)]
    public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>The name under which a platform tenant's settings are kept: <c>{platform}</c> for the default tenant, <c>{platform}:{tenant}</c> otherwise.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="tenant">The tenant (options name); empty for the default tenant.</param>
    /// <returns>The options name.</returns>
    public static string NameFor(string platform, string? tenant)
        => string.IsNullOrEmpty(tenant) ? platform : platform + ":" + tenant;

    /// <summary>Copies every setting to <paramref name="target"/> (a named tenant starts from its platform's default tenant).</summary>
    /// <param name="target">The options to overwrite.</param>
    public void CopyTo(PlatformResilienceOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.MaxRetries = MaxRetries;
        target.BaseDelay = BaseDelay;
        target.MaxDelay = MaxDelay;
        target.TotalTimeout = TotalTimeout;
        target.AttemptTimeout = AttemptTimeout;
        target.PermitsPerSecond = PermitsPerSecond;
        target.Burst = Burst;
        target.QueueLimit = QueueLimit;
        target.MaxResponseBytes = MaxResponseBytes;
    }

    /// <summary>Checks the settings; returns the problems found.</summary>
    /// <returns>One message per problem; empty when valid.</returns>
    public IEnumerable<string> Validate()
    {
        if (MaxRetries is < 0 or > 10)
        {
            yield return $"Resilience:MaxRetries must be between 0 and 10 (got {MaxRetries}).";
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            yield return $"Resilience:BaseDelay must be ≥ 0 and ≤ MaxDelay (got {BaseDelay} and {MaxDelay}).";
        }

        if (TotalTimeout <= TimeSpan.Zero || AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TotalTimeout)
        {
            yield return $"Resilience:AttemptTimeout must be > 0 and ≤ TotalTimeout (got {AttemptTimeout} and {TotalTimeout}).";
        }

        if (PermitsPerSecond < 0 || Burst < 1 || QueueLimit < 0)
        {
            yield return $"Resilience:PermitsPerSecond must be ≥ 0, Burst ≥ 1 and QueueLimit ≥ 0 (got {PermitsPerSecond}, {Burst}, {QueueLimit}).";
        }

        if (MaxResponseBytes is < 1024 or > int.MaxValue)
        {
            yield return $"Resilience:MaxResponseBytes must be between 1024 and {int.MaxValue} (got {MaxResponseBytes}).";
        }
    }
}
