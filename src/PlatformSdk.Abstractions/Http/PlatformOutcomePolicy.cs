using PlatformSdk.Errors;

namespace PlatformSdk.Http;

/// <summary>
/// The one place that answers the two questions every failed call raises: <em>may it be retried?</em> and <em>may it have
/// happened?</em> Both answers come from the operation's idempotency and the failure's <see cref="PlatformError.Delivery"/>
/// and <see cref="PlatformError.Category"/>; nothing else in the SDK decides them.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A failure may have happened when the operation writes and the delivery is <see cref="RequestDelivery.OutcomeUnknown"/>
/// (no readable answer, a 5xx or redirect, a timeout, a connection broken after sending, a platform-reported backend timeout).</item>
/// <item>Only <see cref="ErrorCategory.Transient"/> and <see cref="ErrorCategory.Throttled"/> failures are retried, and a
/// non-idempotent write only when it provably was not sent. An expired token is refreshed and the call repeated once.</item>
/// <item>A platform that asks to wait longer than <see cref="PlatformResilienceOptions.MaxDelay"/> is not retried.</item>
/// <item>Composite calls (a write, then its reconcile lookup or local post-processing) keep the write's ambiguity:
/// <see cref="ReconcileFailed"/> and <see cref="AfterApplied"/>.</item>
/// </list>
/// </remarks>
public static class PlatformOutcomePolicy
{
    /// <summary>Whether the platform may have carried the call out although <paramref name="error"/> was seen.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="error">The failure.</param>
    /// <returns><see langword="true"/> for writes whose outcome is unknown.</returns>
    public static bool MayHaveBeenProcessed(PlatformOperation operation, PlatformError error)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(error);
        return operation.Idempotency != OperationIdempotency.Read && error.Delivery == RequestDelivery.OutcomeUnknown;
    }

    /// <summary>Decides whether a failed attempt is retried.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="error">The classified failure of the attempt.</param>
    /// <param name="tokenAlreadyRefreshed">True when this call already refreshed a rejected token.</param>
    /// <param name="options">The retry settings.</param>
    /// <returns><see langword="true"/> to retry.</returns>
    public static bool ShouldRetry(PlatformOperation operation, PlatformError error, bool tokenAlreadyRefreshed, PlatformResilienceOptions options)
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
            // The platform rejected the credential before doing anything, so one repeat with a fresh token is safe for any operation.
            return !tokenAlreadyRefreshed && error.Delivery != RequestDelivery.OutcomeUnknown;
        }

        if (error.Category is not (ErrorCategory.Transient or ErrorCategory.Throttled))
        {
            return false;
        }

        return error.Delivery == RequestDelivery.NotSent || operation.IsSafeToRepeat;
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

    /// <summary>The exception for a failed call: the error, with <see cref="PlatformException.MayHaveBeenProcessed"/> from this policy.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="error">The (redacted) failure.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    /// <returns>The exception to throw.</returns>
    public static PlatformException Failure(PlatformOperation operation, PlatformError error, Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var mayHave = MayHaveBeenProcessed(operation, error);
        // Shared failures (timeouts, broken connections, unreadable replies) are worded for any call; only here, where the
        // operation is known, does the remedy learn whether a write may be behind it. A read never carries write advice.
        if (mayHave && !error.Remedy.Contains("resending", StringComparison.OrdinalIgnoreCase))
        {
            error = error with { Remedy = error.Remedy + " " + WriteMayHaveHappened };
        }

        return new(error, innerException) { MayHaveBeenProcessed = mayHave };
    }

    /// <summary>What the remedy of a write that may have happened adds.</summary>
    internal const string WriteMayHaveHappened = "The write may have been carried out: query the platform by the request's business key before resending.";

    /// <summary>
    /// The exception for a write whose outcome was unknown and whose reconcile lookup failed too: the write's own error (so
    /// <see cref="PlatformException.MayHaveBeenProcessed"/> stays <see langword="true"/>) with the lookup's failure attached as
    /// the inner exception. Resending is never safe after this; reconcile again later.
    /// </summary>
    /// <param name="write">The write's failure.</param>
    /// <param name="lookup">The reconcile lookup's failure.</param>
    /// <returns>The exception to throw.</returns>
    public static PlatformException ReconcileFailed(PlatformException write, Exception lookup)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(lookup);
        var error = write.Error with
        {
            Delivery = RequestDelivery.OutcomeUnknown,
            Remedy = write.Error.Remedy + " The SDK tried to find out by querying the platform, but that lookup failed too ("
                + (lookup is PlatformException p ? $"{p.Category} {p.ErrorCode}" : lookup.GetType().Name)
                + "): query the platform again later before resending.",
        };
        return new PlatformException(error, lookup) { MayHaveBeenProcessed = true };
    }

    /// <summary>
    /// The exception for local work that failed after the platform applied a write (rendering, mapping, a reply that could not be
    /// read): the caller learns that the write happened and, where known, its id, instead of a raw exception.
    /// </summary>
    /// <param name="operation">The write.</param>
    /// <param name="appliedId">The platform's id for what was created, when known.</param>
    /// <param name="cause">What failed afterwards.</param>
    /// <returns>The exception to throw, with <see cref="PlatformException.MayHaveBeenProcessed"/> set.</returns>
    public static PlatformException AfterApplied(PlatformOperation operation, string? appliedId, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(cause);
        var what = appliedId is null ? "The platform accepted the write" : $"The platform accepted the write (id {appliedId})";
        var error = new PlatformError(operation.Platform, "post-processing-failed",
            $"{what}, but handling its result failed: {cause.GetType().Name}: {cause.Message}", ErrorCategory.Unknown,
            "Do not resend: the write happened. Query it by its id or business key and continue from there.")
        {
            Delivery = RequestDelivery.OutcomeUnknown,
            RequestId = appliedId,
        };
        return new PlatformException(error, cause) { MayHaveBeenProcessed = true };
    }
}
