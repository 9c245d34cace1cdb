using System.Globalization;
using System.Net.Http.Headers;
using PlatformSdk.Http;
using PlatformSdk.TestPlatform.Protocol;
using PlatformSdk.Tokens;

namespace PlatformSdk.TestPlatform.Signing;

/// <summary>
/// Writes and signs every TestPlatform attempt: system parameters with a fresh millisecond timestamp, the tenant's current token
/// (refreshed once after TestPlatform rejected it), the <c>biz</c> JSON and the signature, as one form post.
/// </summary>
internal sealed class TestPlatformRequestSigner : PlatformRequestSigner<TestPlatformCall>
{
    public TestPlatformRequestSigner(AccessTokenProvider tokens, TimeProvider time)
        : base(time, tokens)
    {
    }

    protected override async ValueTask WriteAsync(HttpRequestMessage request, TestPlatformCall call, PlatformRequestContext context, CancellationToken cancellationToken)
    {
        var options = call.Options;
        var appKey = options.AppKey ?? throw new InvalidOperationException("AppKey is not configured.");
        var appSecret = options.AppSecret ?? throw new InvalidOperationException("AppSecret is not configured.");
        var token = call.TokenSource is { } source ? await CurrentTokenAsync(context, call.TokenKey, source, cancellationToken).ConfigureAwait(false) : null;
        var form = new List<KeyValuePair<string, string?>>
        {
            new("app_key", appKey),
            new("method", call.Method),
            new("timestamp", Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            new("sign_method", TestPlatformWireChoices.SignMethod),
            new("access_token", token),
            new("biz", call.Biz),
        };
        form.RemoveAll(p => string.IsNullOrEmpty(p.Value));
        var sign = TestPlatformSignature.Compute(appSecret, form);
        form.Add(new("sign", sign));
        var content = new FormUrlEncodedContent(form);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(TestPlatformWireChoices.ContentType);
        request.Method = HttpMethod.Post;
        request.RequestUri = call.Endpoint;
        request.Content = content;
        context.AddSecret(appSecret);
        context.AddSecret(sign);
        context.AddSecret(call.SecretInBiz);
    }
}
