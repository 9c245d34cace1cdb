using PlatformSdk.Tokens;

namespace PlatformSdk.Http;

/// <summary>
/// Turns a call's unsigned payload into the wire request: URL, system parameters, timestamp, token and signature. Runs on
/// every attempt, on a new <see cref="HttpRequestMessage"/> each time, so each retry carries a fresh timestamp and the current
/// token and nothing of an earlier attempt's request. Derive from <see cref="PlatformRequestSigner{TCall}"/> rather than
/// implementing this directly.
/// </summary>
public interface IPlatformRequestSigner
{
    /// <summary>Writes and signs the request for the current attempt.</summary>
    /// <param name="request">A new, empty request to complete: method, URI, content.</param>
    /// <param name="context">The call's context with the payload and tenant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the request is ready to send.</returns>
    ValueTask SignAsync(HttpRequestMessage request, PlatformRequestContext context, CancellationToken cancellationToken);
}

/// <summary>
/// The base of every platform's signer: owns the typed payload, the per-attempt token step (refresh exactly the rejected token
/// once, single-flight, otherwise the current one) and the registration of secrets for masking. A platform writes only its
/// wire format in <see cref="WriteAsync"/>.
/// </summary>
/// <typeparam name="TCall">The platform's unsigned call type.</typeparam>
public abstract class PlatformRequestSigner<TCall> : IPlatformRequestSigner
    where TCall : class
{
    private readonly AccessTokenProvider? _tokens;

    /// <summary>Creates the signer.</summary>
    /// <param name="time">The clock used for timestamps and token activation.</param>
    /// <param name="tokens">The token provider, or <see langword="null"/> for platforms without tokens.</param>
    protected PlatformRequestSigner(TimeProvider time, AccessTokenProvider? tokens = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        _tokens = tokens;
    }

    /// <summary>The clock.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The token provider.</summary>
    /// <exception cref="InvalidOperationException">The signer was created without one.</exception>
    protected AccessTokenProvider Tokens => _tokens ?? throw new InvalidOperationException($"{GetType().Name} was created without an AccessTokenProvider.");

    /// <inheritdoc />
    public ValueTask SignAsync(HttpRequestMessage request, PlatformRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Payload is not TCall call)
        {
            throw new InvalidOperationException(
                $"{GetType().Name} signs {typeof(TCall).Name} payloads, but the call {context.Operation.Name} carries {context.Payload?.GetType().Name ?? "none"}.");
        }

        return WriteAsync(request, call, context, cancellationToken);
    }

    /// <summary>Writes the platform's wire request for this attempt: method, URI, content and signature.</summary>
    /// <param name="request">A new, empty request.</param>
    /// <param name="call">The unsigned call.</param>
    /// <param name="context">The call's context (register secrets with <see cref="PlatformRequestContext.AddSecret"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the request is written.</returns>
    protected abstract ValueTask WriteAsync(HttpRequestMessage request, TCall call, PlatformRequestContext context, CancellationToken cancellationToken);

    /// <summary>
    /// The token to send on this attempt: after the platform rejected the previous attempt's token as expired, that exact token is
    /// refreshed (once per call, single-flight across callers); otherwise the current token (refreshed ahead of expiry). The token is
    /// recorded on the context and masked.
    /// </summary>
    /// <param name="context">The call's context.</param>
    /// <param name="key">Whose token.</param>
    /// <param name="source">How the platform obtains and refreshes tokens.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The value to send.</returns>
    protected virtual async ValueTask<string> CurrentTokenAsync(PlatformRequestContext context, TokenKey key, IAccessTokenSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(source);
        var token = context.PreviousError?.IsTokenExpiry == true && context.TokenUsed is { } rejected
            ? await Tokens.RefreshRejectedAsync(key, rejected, source, cancellationToken).ConfigureAwait(false)
            : await Tokens.GetTokenAsync(key, source, cancellationToken).ConfigureAwait(false);
        var value = token.EffectiveValue(Time.GetUtcNow());
        context.UseToken(token, value);
        return value;
    }
}
