using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Tokens;

namespace PlatformSdk.Abstractions.Tests.Infrastructure;

/// <summary>A minimal platform used to exercise the shared pipeline: form bodies, JSON replies {"code":..,"msg":..}.</summary>
internal static class TestPlatform
{
    public const string Name = "TestPlatform";

    /// <summary>A partner key with characters that URL-encoding changes, so the encoded form must be masked too.</summary>
    public const string PartnerKey = "Pk+Secret/Value=42";

    public const string TokenExpiredCode = "100";

    public static ErrorCatalogue Catalogue { get; } = ErrorCatalogue.CreateBuilder(Name)
        .Code(TokenExpiredCode, ErrorCategory.Authentication, "The token expired; the SDK refreshes it and retries once.", "RJST-02", isTokenExpiry: true)
        .Code("170", ErrorCategory.Configuration, "The token's company is not the shop's company.", "RJST-07")
        .Message("系统当前正处于访问高峰,稍后重试即可成功", ErrorCategory.Transient, "Retry later.", "RLOG-16")
        .Message("QPS over limit", ErrorCategory.Throttled, "Retry after a delay.", "RLOG-41")
        .Message("发货方式不匹配 #B98", ErrorCategory.Validation, "Delivery method does not match the order.", "RLOG-22")
        .Message("订单已被缺货处理", ErrorCategory.BusinessRule, "The order was marked out-of-stock by the platform.", "RLOG-14")
        .Message("HSFTimeOutException", ErrorCategory.Transient, "The backend timed out; reconcile a write before resending.", "RLOG-40", outcomeUnknown: true)
        .Build();

    public static string Reply(int code, string msg) => JsonSerializer.Serialize(new Dictionary<string, object> { ["code"] = code, ["msg"] = msg });

    public static string Ok => Reply(0, "ok");
}

/// <summary>Classifies the test platform's JSON replies.</summary>
internal sealed class TestClassifier(ErrorCatalogue catalogue) : PlatformResponseClassifier(catalogue)
{
    protected override PlatformClassification ClassifyBody(HttpResponseMessage response, ReadOnlyMemory<byte> body, PlatformRequestContext context)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return MalformedResponse("the body is not JSON.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("code", out var codeElement))
            {
                return MalformedResponse("the body has no code.");
            }

            var code = codeElement.ValueKind == JsonValueKind.Number
                ? codeElement.GetInt64().ToString(CultureInfo.InvariantCulture)
                : codeElement.GetString() ?? string.Empty;
            if (code == "0")
            {
                return null;
            }

            var message = document.RootElement.TryGetProperty("msg", out var msg) ? msg.GetString() ?? string.Empty : string.Empty;
            return Catalogue.Classify(code, null, message, (int)response.StatusCode);
        }
    }
}

/// <summary>Hands out tok-1, tok-2, … and counts how often it is asked.</summary>
internal sealed class CountingTokenSource(TimeProvider time) : IAccessTokenSource
{
    private int _issued;

    public int Acquired;
    public int Refreshed;

    public Task<AccessToken> AcquireAsync(TokenKey key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Acquired);
        return Task.FromResult(Next());
    }

    public Task<AccessToken> RefreshAsync(TokenKey key, AccessToken current, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Refreshed);
        return Task.FromResult(Next());
    }

    private AccessToken Next()
    {
        var n = Interlocked.Increment(ref _issued);
        return new AccessToken($"tok-{n}-0123456789", time.GetUtcNow().AddHours(2));
    }
}

/// <summary>
/// Writes the request the way a real platform signer does: a form body with a timestamp, the token and the
/// partner key, a <c>sign</c> query parameter, and registers the secrets for masking. Records every attempt.
/// </summary>
internal sealed class TestSigner(AccessTokenProvider tokens, IAccessTokenSource source, TimeProvider time) : IPlatformRequestSigner
{
    /// <summary>Where requests go (the harness's loopback server).</summary>
    public Uri Endpoint { get; set; } = new("http://127.0.0.1:1/api");

    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public ConcurrentQueue<SignedAttempt> Seen { get; } = new();

    /// <summary>Called with every request the signer wrote.</summary>
    public Action<HttpRequestMessage>? OnSigned { get; set; }

    public async ValueTask SignAsync(HttpRequestMessage request, PlatformRequestContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        var key = new TokenKey(context.Operation.Platform, context.Tenant);
        var token = context.PreviousError?.IsTokenExpiry == true && context.TokenUsed is { } rejected
            ? await tokens.RefreshRejectedAsync(key, rejected, source, cancellationToken)
            : await tokens.GetTokenAsync(key, source, cancellationToken);
        var tokenValue = token.EffectiveValue(time.GetUtcNow());
        context.UseToken(token, tokenValue);
        context.AddSecret(TestPlatform.PartnerKey);

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var biz = context.Payload as string ?? string.Empty;
        var sign = Sign(biz, timestamp, tokenValue);
        Seen.Enqueue(new SignedAttempt(context.Attempt, context.PreviousError, tokenValue, sign));

        request.Method = HttpMethod.Post;
        request.RequestUri = new UriBuilder(Endpoint) { Query = "app_key=test-app&sign=" + sign }.Uri;
        request.Content = new FormUrlEncodedContent(
        [
            new("biz", biz),
            new("timestamp", timestamp),
            new("access_token", tokenValue),
            new("partnerkey", TestPlatform.PartnerKey),
            // The key again under an innocuous name: only the registered secret value can mask it here.
            new("note", "signed with " + TestPlatform.PartnerKey),
        ]);
        OnSigned?.Invoke(request);
    }

    public static string Sign(string biz, string timestamp, string token)
        => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(TestPlatform.PartnerKey + biz + timestamp + token)));
}

internal sealed record SignedAttempt(int Attempt, PlatformError? PreviousError, string Token, string Sign);
