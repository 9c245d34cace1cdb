using System.Globalization;
using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Errors;
using PlatformSdk.Jushuitan.Protocol;
using PlatformSdk.Tokens;

namespace PlatformSdk.Jushuitan.Auth;

/// <summary>
/// Obtains and refreshes one tenant's token. Legacy: the configured token, refreshed with <c>refresh.token</c>
/// (value unchanged, validity extended; RJST-02). Open API: the configured or authorized token, refreshed with
/// <c>/openWeb/auth/refreshToken</c>. Token calls carry their own credentials, so they never ask the token provider
/// (which is what is refreshing).
/// </summary>
internal sealed class JushuitanTokenSource : IAccessTokenSource
{
    private readonly JushuitanTransport _transport;

    public JushuitanTokenSource(JushuitanTransport transport) => _transport = transport;

    private DateTimeOffset Now => _transport.Time.GetUtcNow();

    public Task<AccessToken> AcquireAsync(TokenKey key, CancellationToken cancellationToken)
    {
        var options = _transport.Options;
        if (options.Protocol == JushuitanProtocol.Legacy)
        {
            var token = options.Legacy.Token ?? throw NoToken("Legacy:Token is not configured.");
            return Task.FromResult(new AccessToken(token, options.Legacy.TokenExpiresAt ?? Now + JushuitanWireChoices.AssumedLegacyTokenLifetime) { ObtainedAt = Now });
        }

        var access = options.OpenApi.AccessToken
            ?? throw NoToken("No open API access token for this tenant: set OpenApi:AccessToken, or run the authorization flow "
                + "(JushuitanClient.Auth.ExchangeCodeAsync or GetInitTokenAsync), which stores the token.");
        return Task.FromResult(new AccessToken(access, options.OpenApi.AccessTokenExpiresAt ?? Now + JushuitanWireChoices.AssumedLegacyTokenLifetime)
        {
            ObtainedAt = Now,
            RefreshToken = options.OpenApi.RefreshToken,
        });
    }

    public async Task<AccessToken> RefreshAsync(TokenKey key, AccessToken current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var options = _transport.Options;
        if (options.Protocol == JushuitanProtocol.Legacy)
        {
            var call = new JushuitanCall
            {
                Kind = JushuitanCallKind.LegacyWithToken,
                Protocol = JushuitanProtocol.Legacy,
                Options = options,
                Endpoint = _transport.Endpoints.LegacyUrl,
                TokenKey = key,
                Method = JushuitanApi.RefreshToken.LegacyMethod,
                Body = "{}",
                ExplicitToken = current.Value,
            };
            var expires = await _transport.SendAsync(JushuitanApi.RefreshToken.LegacyMethod, OperationIdempotency.NonIdempotentWrite, call,
                reply => JushuitanJson.DateTime(reply.Payload, "expired_date"), cancellationToken).ConfigureAwait(false)
                ?? Now + JushuitanWireChoices.AssumedLegacyTokenLifetime;
            // Same value; the extension takes a few minutes (RJST-02), during which a rejection must not trigger another refresh.
            return new AccessToken(current.Value, expires) { ObtainedAt = Now, ActivatesAt = Now + options.NewTokenActivationDelay };
        }

        var refreshToken = current.RefreshToken ?? options.OpenApi.RefreshToken
            ?? throw NoToken("The open API token cannot be refreshed: no refresh token is known. Set OpenApi:RefreshToken or authorize the merchant again.");
        var fresh = await RequestTokenAsync(JushuitanApi.RefreshToken.OpenApiPath,
            [new("grant_type", "refresh_token"), new("refresh_token", refreshToken), new("scope", "all")], cancellationToken).ConfigureAwait(false);
        // RJST-02: keep sending the previous token until the new one is due, as long as the previous one has not expired.
        return Now < current.ExpiresAt
            ? fresh with { PreviousValue = current.EffectiveValue(Now), ActivatesAt = Now + options.NewTokenActivationDelay }
            : fresh;
    }

    /// <summary>Posts an /openWeb/auth form and reads the token it returns.</summary>
    public async Task<AccessToken> RequestTokenAsync(string path, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var call = new JushuitanCall
        {
            Kind = JushuitanCallKind.OpenApiAuth,
            Protocol = JushuitanProtocol.OpenApi,
            Options = _transport.Options,
            Endpoint = _transport.Endpoints.OpenApi(path),
            TokenKey = _transport.TokenKey,
            AuthFields = fields,
        };
        var now = Now;
        // Read and range-checked inside the attempt: a reply that cannot be turned into a token is that attempt's failure, and
        // since the code or refresh token may have been used up by it, its outcome is unknown (the write may have happened).
        var (access, lifetime, refreshToken) = await _transport.SendAsync(path, OperationIdempotency.NonIdempotentWrite, call, reply =>
        {
            var data = reply.Payload;
            return (JushuitanJson.String(data, "access_token") ?? throw MalformedTokenReply("it has no access_token"),
                Lifetime(data, now),
                JushuitanJson.String(data, "refresh_token"));
        }, cancellationToken).ConfigureAwait(false);
        // The real lifetime is unconfirmed (doc §3): the package registers a 24 h refresh margin with the token provider.
        return new AccessToken(access, now + lifetime)
        {
            ObtainedAt = now,
            RefreshToken = refreshToken,
        };
    }

    /// <summary>The longest <c>expires_in</c> taken at face value (100 years); anything longer is not a lifetime but a broken reply.</summary>
    internal static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(36_500);

    /// <summary>
    /// <c>expires_in</c> as a lifetime: absent, null or empty means the assumed lifetime; otherwise whole seconds from 1 to
    /// <see cref="MaxTokenLifetime"/> (number or numeric string), or the reply is malformed.
    /// </summary>
    internal static TimeSpan Lifetime(JsonElement data, DateTimeOffset now)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("expires_in", out var value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(JushuitanJson.Text(value))))
        {
            return JushuitanWireChoices.AssumedLegacyTokenLifetime;
        }

        var text = JushuitanJson.AsText(value);
        if (text is null || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            || seconds < 1 || seconds > (long)MaxTokenLifetime.TotalSeconds || DateTimeOffset.MaxValue - now < TimeSpan.FromSeconds(seconds))
        {
            throw MalformedTokenReply(string.Create(CultureInfo.InvariantCulture,
                $"expires_in {Shown(text ?? value.ValueKind.ToString())} is not a lifetime in whole seconds from 1 to {(long)MaxTokenLifetime.TotalSeconds}"));
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static string Shown(string text) => text.Length <= 40 ? $"'{text}'" : $"'{text[..40]}…'";

    private static PlatformException MalformedTokenReply(string problem)
        => new(new PlatformError(JushuitanErrorCatalogue.Platform, "malformed-token-response",
            $"Jushuitan's token reply could not be read: {problem}.", ErrorCategory.Transient,
            "The authorization code or refresh token may have been used up by this call, so it is not repeated: retry the authorization "
            + "(a new code for an authorization flow); if it persists, contact Jushuitan support.")
        { Delivery = RequestDelivery.OutcomeUnknown });

    private static PlatformException NoToken(string message)
        => new(new PlatformError(JushuitanErrorCatalogue.Platform, "no-token", message, ErrorCategory.Authentication,
            "Configure the token for this tenant or authorize the merchant; see the message."));
}
