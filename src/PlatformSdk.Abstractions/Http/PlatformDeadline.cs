using PlatformSdk.Errors;

namespace PlatformSdk.Http;

/// <summary>
/// One deadline for a composite call (a write and its reconcile lookup, a query over many pages): every step runs on
/// <see cref="Token"/>, so together they never outlast the call's total timeout.
/// </summary>
public sealed class PlatformDeadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _caller;

    private PlatformDeadline(TimeSpan timeout, TimeProvider time, CancellationToken caller)
    {
        Timeout = timeout;
        _caller = caller;
#if NET8_0_OR_GREATER
        _timer = new CancellationTokenSource(timeout, time);
#else
        _timer = time.CreateCancellationTokenSource(timeout);
#endif
        _linked = CancellationTokenSource.CreateLinkedTokenSource(_timer.Token, caller);
    }

    /// <summary>The time allowed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Cancelled when the deadline passes or the caller cancels.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>True when the deadline passed (not when the caller cancelled).</summary>
    public bool Expired => _timer.IsCancellationRequested && !_caller.IsCancellationRequested;

    /// <summary>Starts a deadline.</summary>
    /// <param name="timeout">The time allowed, for example the tenant's <see cref="PlatformResilienceOptions.TotalTimeout"/>.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The deadline; dispose it when the composite call ends.</returns>
    public static PlatformDeadline Start(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return new PlatformDeadline(timeout, time, cancellationToken);
    }

    /// <summary>The error for a composite call that ran out of time.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="what">What was being done, for the message.</param>
    /// <param name="mayHaveHappened">True when a write in it may have been carried out.</param>
    /// <returns>The exception to throw.</returns>
    public PlatformException Exceeded(string platform, string what, bool mayHaveHappened)
        => new(TransportFailures.Timeout(platform) with
        {
            Message = $"{what} did not complete within {Timeout.TotalSeconds:0.#} s.",
            Remedy = mayHaveHappened ? "Retry later. " + PlatformOutcomePolicy.WriteMayHaveHappened : "Retry later; nothing was sent that may have been carried out.",
            Delivery = mayHaveHappened ? RequestDelivery.OutcomeUnknown : RequestDelivery.NotSent,
        })
        { MayHaveBeenProcessed = mayHaveHappened };

    /// <inheritdoc />
    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
