using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Models.Billing;
using PlatformSdk.Jushuitan.Protocol;
using PlatformSdk.Tokens;

namespace PlatformSdk.Jushuitan.Signing;

/// <summary>
/// Writes and signs every Jushuitan attempt: a fresh timestamp, the tenant's current token, the legacy query string
/// or the open API form, and the signature. Counts the attempt for billing (RJST-03).
/// </summary>
/// <remarks>
/// Token handling (RJST-02): after Jushuitan rejects a token as expired, the next attempt refreshes it once through
/// <see cref="AccessTokenProvider.RefreshRejectedAsync"/>. A refreshed open API token is held back for
/// <see cref="JushuitanOptions.NewTokenActivationDelay"/> while the previous one is still sent; if the previous one is
/// rejected in that time the new one is used at once instead of refreshing again.
/// </remarks>
internal sealed class JushuitanRequestSigner : PlatformRequestSigner<JushuitanCall>
{
    private readonly IAccessTokenStore _store;
    private readonly JushuitanCallMeter _meter;

    /// <summary>Creates the signer.</summary>
    /// <param name="tokens">The token provider.</param>
    /// <param name="store">The token store (to promote a held-back token whose predecessor was rejected).</param>
    /// <param name="time">The clock.</param>
    /// <param name="meter">The call meter.</param>
    public JushuitanRequestSigner(AccessTokenProvider tokens, IAccessTokenStore store, TimeProvider time, JushuitanCallMeter meter)
        : base(time, tokens ?? throw new ArgumentNullException(nameof(tokens)))
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(meter);
        _store = store;
        _meter = meter;
    }

    /// <inheritdoc />
    protected override async ValueTask WriteAsync(HttpRequestMessage request, JushuitanCall call, PlatformRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var timestamp = Time.GetUtcNow().ToUnixTimeSeconds();
        switch (call.Kind)
        {
            case JushuitanCallKind.OpenApiAuth:
                WriteOpenApi(request, context, call, timestamp, accessToken: null);
                break;
            case JushuitanCallKind.LegacyWithToken:
                WriteLegacy(request, context, call, timestamp, call.ExplicitToken ?? throw new InvalidOperationException("A legacy token call needs its token."));
                break;
            default:
                var token = await CurrentTokenAsync(context, call.TokenKey, call.TokenSource ?? throw new InvalidOperationException("A Jushuitan business call needs a token source."), cancellationToken).ConfigureAwait(false);
                if (call.Protocol == JushuitanProtocol.Legacy)
                {
                    WriteLegacy(request, context, call, timestamp, token);
                }
                else
                {
                    WriteOpenApi(request, context, call, timestamp, token);
                }

                break;
        }

        _meter.Record(context.Tenant);
    }

    /// <inheritdoc />
    /// <remarks>
    /// RJST-02: a refreshed open API token is held back while the previous one is still sent. When the previous one is rejected in
    /// that time, the new one is used at once instead of refreshing twice.
    /// </remarks>
    protected override async ValueTask<string> CurrentTokenAsync(PlatformRequestContext context, TokenKey key, IAccessTokenSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(source);
        var now = Time.GetUtcNow();
        if (context.PreviousError?.IsTokenExpiry != true || context.TokenUsed is not { } used)
        {
            return await base.CurrentTokenAsync(context, key, source, cancellationToken).ConfigureAwait(false);
        }

        AccessToken token;
        if (used.ActivatesAt is { } activates && now < activates)
        {
            // A refresh already happened and its result is not due yet (RJST-02): never refresh twice.
            var sent = used.EffectiveValue(now);
            if (used.PreviousValue is { } previous && !string.Equals(previous, used.Value, StringComparison.Ordinal)
                && string.Equals(sent, previous, StringComparison.Ordinal))
            {
                // The old token died before the new one's activation time: switch to the new one now.
                token = used with { PreviousValue = null, ActivatesAt = null };
                await _store.SetAsync(key, token, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                token = used;
            }
        }
        else
        {
            token = await Tokens.RefreshRejectedAsync(key, used, source, cancellationToken).ConfigureAwait(false);
            if (token.PreviousValue is not null && !string.Equals(token.PreviousValue, token.Value, StringComparison.Ordinal))
            {
                // The previous token was just rejected, so holding the new one back would only fail again.
                token = token with { PreviousValue = null, ActivatesAt = null };
                await _store.SetAsync(key, token, cancellationToken).ConfigureAwait(false);
            }
        }

        context.UseToken(token, token.Value);
        return token.Value;
    }

    private static void WriteLegacy(HttpRequestMessage request, PlatformRequestContext context, JushuitanCall call, long timestamp, string token)
    {
        var credentials = call.Options.Legacy;
        var partnerId = credentials.PartnerId ?? throw new InvalidOperationException("Legacy:PartnerId is not configured.");
        var partnerKey = credentials.PartnerKey ?? throw new InvalidOperationException("Legacy:PartnerKey is not configured.");
        var method = call.Method ?? throw new InvalidOperationException("A legacy call needs its method.");
        var ts = timestamp.ToString(CultureInfo.InvariantCulture);
        var sign = JushuitanSignature.Legacy(method, partnerId, token, timestamp, partnerKey);
        var endpoint = call.Endpoint.AbsoluteUri;
        var query = new StringBuilder(endpoint).Append(endpoint.Contains('?', StringComparison.Ordinal) ? '&' : '?')
            .Append("method=").Append(Uri.EscapeDataString(method))
            .Append("&partnerid=").Append(Uri.EscapeDataString(partnerId))
            .Append("&token=").Append(Uri.EscapeDataString(token))
            .Append("&ts=").Append(ts)
            .Append("&sign=").Append(sign);
        request.Method = HttpMethod.Post;
        request.RequestUri = new Uri(query.ToString());
        request.Content?.Dispose();
        request.Content = new StringContent(call.Body, Encoding.UTF8, JushuitanWireChoices.LegacyContentType);
        AddSecrets(context, partnerKey, token, sign);
    }

    private static void WriteOpenApi(HttpRequestMessage request, PlatformRequestContext context, JushuitanCall call, long timestamp, string? accessToken)
    {
        var credentials = call.Options.OpenApi;
        var appKey = credentials.AppKey ?? throw new InvalidOperationException("OpenApi:AppKey is not configured.");
        var appSecret = credentials.AppSecret ?? throw new InvalidOperationException("OpenApi:AppSecret is not configured.");
        var form = new List<KeyValuePair<string, string?>>
        {
            new("app_key", appKey),
            new("timestamp", timestamp.ToString(CultureInfo.InvariantCulture)),
            new("charset", JushuitanWireChoices.Charset),
        };
        if (call.Kind == JushuitanCallKind.OpenApiAuth)
        {
            form.AddRange(call.AuthFields.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value)));
        }
        else
        {
            form.Add(new("access_token", accessToken));
            form.Add(new("version", JushuitanWireChoices.OpenApiVersion));
            form.Add(new("biz", call.Body));
        }

        // Empty values are never sent, so signer and server agree on what is signed (doc §3).
        form.RemoveAll(p => string.IsNullOrEmpty(p.Value));
        var sign = JushuitanSignature.OpenApi(appSecret, form);
        form.Add(new("sign", sign));
        request.Method = HttpMethod.Post;
        request.RequestUri = call.Endpoint;
        var content = new FormUrlEncodedContent(form);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(JushuitanWireChoices.OpenApiContentType);
        request.Content?.Dispose();
        request.Content = content;
        AddSecrets(context, appSecret, accessToken, sign);
        foreach (var field in call.AuthFields)
        {
            if (field.Key is "refresh_token" or "code")
            {
                AddSecrets(context, field.Value);
            }
        }
    }

    private static void AddSecrets(PlatformRequestContext context, params string?[] values)
    {
        foreach (var value in values)
        {
            context.AddSecret(value);
        }
    }
}
