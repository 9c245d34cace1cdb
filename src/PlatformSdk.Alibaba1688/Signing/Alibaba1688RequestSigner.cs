using System.Globalization;
using System.Net.Http.Headers;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Http;
using PlatformSdk.Tokens;

namespace PlatformSdk.Alibaba1688.Signing;

/// <summary>
/// Writes every 1688 attempt (doc §1–§4): the form POST to <c>/openapi/param2/1/{namespace}/{api}/{appKey}</c> with the shop's
/// current <c>access_token</c>, a fresh <c>_aop_timestamp</c> (milliseconds) and
/// <c>_aop_signature</c>; photobank uploads as multipart with the unsigned <c>imageBytes</c> part; <c>getToken</c> unsigned.
/// </summary>
/// <remarks>
/// After 1688 rejects a token (<c>401</c> / <c>Request need user authorized</c>), the next attempt refreshes exactly that token
/// once through <see cref="AccessTokenProvider.RefreshRejectedAsync"/> (single-flight per shop).
/// </remarks>
internal sealed class Alibaba1688RequestSigner : PlatformRequestSigner<Alibaba1688Call>
{
    /// <summary>Creates the signer.</summary>
    /// <param name="tokens">The token provider.</param>
    /// <param name="time">The clock.</param>
    public Alibaba1688RequestSigner(AccessTokenProvider tokens, TimeProvider time)
        : base(time, tokens ?? throw new ArgumentNullException(nameof(tokens)))
    {
    }

    /// <inheritdoc />
    protected override async ValueTask WriteAsync(HttpRequestMessage request, Alibaba1688Call call, PlatformRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
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
            var token = await CurrentTokenAsync(context, call.TokenKey, call.TokenSource ?? throw new InvalidOperationException("A 1688 API call needs a token source."), cancellationToken).ConfigureAwait(false);
            fields.Add(new("access_token", token));
            if (Alibaba1688WireChoices.SendTimestamp)
            {
                var now = Time.GetUtcNow();
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

#if NET8_0_OR_GREATER
        var bytes = new ReadOnlyMemoryContent(file.Content);
#else
        var bytes = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(file.Content, out var segment)
            ? new ByteArrayContent(segment.Array!, segment.Offset, segment.Count)
            : new ByteArrayContent(file.Content.ToArray());
#endif
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(bytes, file.FieldName, file.FileName);
        return content;
    }

    private static void AddSecrets(PlatformRequestContext context, string? value) => context.AddSecret(value);
}
