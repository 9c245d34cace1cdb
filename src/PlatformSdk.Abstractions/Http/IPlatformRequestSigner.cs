namespace PlatformSdk.Http;

/// <summary>
/// Turns a call's unsigned payload into the wire request: URL, system parameters, timestamp, token and
/// signature. Runs on every attempt, so each retry carries a fresh timestamp and the current token.
/// </summary>
public interface IPlatformRequestSigner
{
    /// <summary>Writes and signs the request for the current attempt.</summary>
    /// <param name="request">The request to complete (its <see cref="HttpRequestMessage.RequestUri"/> holds the endpoint).</param>
    /// <param name="context">The call's context with the payload and tenant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the request is ready to send.</returns>
    ValueTask SignAsync(HttpRequestMessage request, PlatformRequestContext context, CancellationToken cancellationToken);
}
