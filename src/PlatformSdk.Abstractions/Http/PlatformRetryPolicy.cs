using PlatformSdk.Errors;

namespace PlatformSdk.Http;

/// <summary>
/// The SDK's retry rules. A failure is retried only when its category says a repeat can succeed
/// <em>and</em> the operation's idempotency says a repeat cannot do harm.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Reads and idempotent writes: <see cref="ErrorCategory.Transient"/> and <see cref="ErrorCategory.Throttled"/> are retried.</item>
/// <item>Non-idempotent writes: only failures where the request provably never reached the platform (connection refused, name resolution, the SDK's own rate limiter).</item>
/// <item>Any operation: an expired token is refreshed and the call repeated once, because the platform rejected it before doing anything.</item>
/// <item>A platform that asks to wait longer than <see cref="PlatformResilienceOptions.MaxDelay"/> is not retried; the error carries <see cref="PlatformError.RetryAfter"/>.</item>
/// </list>
/// </remarks>
public static class PlatformRetryPolicy
{
    /// <summary>Decides whether a failed attempt is retried.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="error">The classified failure.</param>
    /// <param name="notSent">True when the request provably never reached the platform.</param>
    /// <param name="tokenAlreadyRefreshed">True when this call already refreshed a rejected token.</param>
    /// <param name="options">The retry settings.</param>
    /// <returns><see langword="true"/> to retry.</returns>
    public static bool ShouldRetry(PlatformOperation operation, PlatformError error, bool notSent, bool tokenAlreadyRefreshed, PlatformResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(options);
        if (error.RetryAfter is { } wait && wait > options.MaxDelay)
        {
            return false;
        }

        if (error.IsTokenExpiry)
        {
            return !tokenAlreadyRefreshed;
        }

        if (notSent)
        {
            return error.Category is ErrorCategory.Transient or ErrorCategory.Throttled;
        }

        return operation.IsSafeToRepeat && error.Category is ErrorCategory.Transient or ErrorCategory.Throttled;
    }

    /// <summary>Computes the wait before retry number <paramref name="retryIndex"/> (0 for the first retry).</summary>
    /// <param name="retryIndex">0 for the first retry, 1 for the second…</param>
    /// <param name="error">The failure, whose <see cref="PlatformError.RetryAfter"/> is honoured when longer than the backoff.</param>
    /// <param name="options">The retry settings.</param>
    /// <param name="jitter">A number in [0, 1) that spreads the delay over 80%–120% of the nominal backoff.</param>
    /// <returns>The delay.</returns>
    public static TimeSpan ComputeDelay(int retryIndex, PlatformError error, PlatformResilienceOptions options, double jitter)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(options);
        if (error.IsTokenExpiry)
        {
            return TimeSpan.Zero;
        }

        var nominal = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(retryIndex, 0, 30));
        var jittered = nominal * (0.8 + (0.4 * Math.Clamp(jitter, 0d, 1d)));
        var backoff = TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxDelay.TotalMilliseconds));
        return error.RetryAfter is { } wait && wait > backoff ? wait : backoff;
    }
}
