namespace PlatformSdk.Http;

/// <summary>Where a user policy runs in a platform's pipeline (as Azure's <c>HttpPipelinePosition</c>).</summary>
public enum PlatformPipelinePosition
{
    /// <summary>Once per logical call, before the first attempt and after the last: a <see cref="PlatformCallPolicy"/>.</summary>
    PerCall,

    /// <summary>
    /// On every attempt, after signing and just before the wire: a <see cref="DelegatingHandler"/> that sees the signed request and
    /// the raw response (before classification). Retries, rate limiting and signing all happen outside it.
    /// </summary>
    PerAttempt,
}

/// <summary>
/// A user policy that runs once per logical call (audit, per-call quotas, custom tracing). Throw from
/// <see cref="OnCallStartingAsync"/> to stop the call before anything is sent.
/// </summary>
public abstract class PlatformCallPolicy
{
    /// <summary>Runs before the first attempt.</summary>
    /// <param name="context">The call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the call may proceed.</returns>
    public virtual ValueTask OnCallStartingAsync(PlatformRequestContext context, CancellationToken cancellationToken) => default;

    /// <summary>Runs after the call succeeded or failed for good.</summary>
    /// <param name="context">The call.</param>
    /// <param name="failure">The failure, or <see langword="null"/> when it succeeded.</param>
    public virtual void OnCallCompleted(PlatformRequestContext context, Errors.PlatformException? failure)
    {
    }
}
