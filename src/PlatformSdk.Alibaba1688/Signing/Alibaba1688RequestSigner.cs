using System.Globalization;
using System.Net.Http.Headers;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Http;
using PlatformSdk.Tokens;

namespace PlatformSdk.Alibaba1688.Signing;

/// <summary>
/// Writes every 1688 attempt (doc §1–§4): the form POST to <c>/openapi/param2/1/{namespace}/{api}/{appKey}</c> with the shop's
/// current <c>access_token</c>, a fresh <c>_aop_timestamp</c> (milliseconds, <see cref="Alibaba1688WireChoices.SendTimestamp"/>) and
/// <c>_aop_signature</c>; photobank uploads as multipart with the unsigned <c>imageBytes</c> part; <c>getToken</c> unsigned.
/// </summary>
/// <remarks>
/// After 1688 rejects a token (<c>401</c> / <c>Request need user authorized</c>), the next attempt refreshes exactly that token
/// once through <see cref="AccessTokenProvider.RefreshRejectedAsync"/> (single-flight per shop).
/// </remarks>
public sealed class Alibaba1688RequestSigner : IPlatformRequestSigner
{
    private readonly AccessTokenProvider _tokens;
    private readonly TimeProvider _time;

    /// <summary>Creates the signer.</summary>
    /// <param name="tokens">The token provider.</param>
    /// <param name="time">The clock.</param>
    public Alibaba1688RequestSigner(AccessTokenProvider tokens, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(time);
        _tokens = tokens;
        _time = time;
    }

    /// <inheritdoc />
    public async ValueTask SignAsync(HttpRequestMessage request, PlatformRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Payload is not Alibaba1688Call call)
        {
            throw new InvalidOperationException("The Alibaba1688 signer only signs calls made by Alibaba1688Client.");
        }

        AddSecrets(context, call.AppSecret);
        var fields = new List<KeyValuePair<string, string?>>(call.Parameters.Count + 3);
        foreach (var (key, value) in call.Parameters)
        {
            fields.Add(new(key, value));
            if (key is "client_secret" or "refresh_token" or "code")
            {
                AddSecrets(context, value);
            }
        }

        if (call.Kind == Alibaba1688CallKind.Api)
        {
            var token = await CurrentTokenAsync(context, call, cancellationToken).ConfigureAwait(false);
            fields.Add(new("access_token", token));
            AddSecrets(context, token);
            if (Alibaba1688WireChoices.SendTimestamp)
            {
                var now = _time.GetUtcNow();
                var stamp = Alibaba1688WireChoices.TimestampInMilliseconds ? now.ToUnixTimeMilliseconds() : now.ToUnixTimeSeconds();
                fields.Add(new("_aop_timestamp", stamp.ToString(CultureInfo.InvariantCulture)));
            }
        }

        // Empty values are never sent, so signer and server agree on what is signed (doc §3).
        fields.RemoveAll(p => string.IsNullOrEmpty(p.Value));
        if (call.Kind == Alibaba1688CallKind.Api)
        {
            var signature = Alibaba1688Signature.Compute(call.UrlPath, fields, call.AppSecret);
            fields.Add(new("_aop_signature", signature));
            AddSecrets(context, signature);
        }

        request.Method = HttpMethod.Post;
        request.RequestUri = call.Endpoint;
        request.Content?.Dispose();
        request.Content = call.File is { } file ? Multipart(fields, file) : Form(fields);
    }

    private async ValueTask<string> CurrentTokenAsync(PlatformRequestContext context, Alibaba1688Call call, CancellationToken cancellationToken)
    {
        var source = call.TokenSource ?? throw new InvalidOperationException("A 1688 API call needs a token source.");
        AccessToken token;
        if (context.PreviousError?.IsTokenExpiry == true && context.TokenUsed is { } rejected)
        {
            token = await _tokens.RefreshRejectedAsync(call.TokenKey, rejected, source, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            token = await _tokens.GetTokenAsync(call.TokenKey, source, cancellationToken).ConfigureAwait(false);
        }

        context.TokenUsed = token;
        return token.EffectiveValue(_time.GetUtcNow());
    }

    private static FormUrlEncodedContent Form(List<KeyValuePair<string, string?>> fields)
    {
        var content = new FormUrlEncodedContent(fields);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Alibaba1688WireChoices.FormContentType);
        return content;
    }

    private static MultipartFormDataContent Multipart(List<KeyValuePair<string, string?>> fields, Alibaba1688FilePart file)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value ?? string.Empty, System.Text.Encoding.UTF8), key);
        }

        var bytes = new ReadOnlyMemoryContent(file.Content);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(bytes, file.FieldName, file.FileName);
        return content;
    }

    private static void AddSecrets(PlatformRequestContext context, string? value)
    {
        if (!string.IsNullOrEmpty(value) && !context.SecretValues.Contains(value))
        {
            context.SecretValues.Add(value);
        }
    }
}
