using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;
using PlatformSdk.Tokens;
using PlatformSdk.Top.Sessions;
using PlatformSdk.Top.Signing;

namespace PlatformSdk.Top.Tests;

public class SignerTests
{
    private const string Secret = "helloworld";
    private const string Session = "6100abcdef";

    private sealed class FixedSessions : ITopSessionProvider
    {
        public ValueTask<AccessToken> GetSessionAsync(string seller, CancellationToken cancellationToken)
            => new(new AccessToken(Session, DateTimeOffset.MaxValue));

        public ValueTask<AccessToken> RenewRejectedAsync(string seller, AccessToken rejected, CancellationToken cancellationToken) => new(rejected);
    }

    private static TopOptions Options(TopSignMethod method = TopSignMethod.Md5) => new()
    {
        AppKey = "12345678",
        AppSecret = Secret,
        SignMethod = method,
        PartnerId = "top-sdk-net",
    };

    private static async Task<(HttpRequestMessage Request, PlatformRequestContext Context)> SignAsync(TopCall call, TopOptions options, TimeProvider time)
    {
        var signer = new TopRequestSigner(new StaticMonitor(options), new FixedSessions(), time);
        var request = new HttpRequestMessage(HttpMethod.Get, "https://eco.taobao.com/router/rest");
        var context = new PlatformRequestContext(new PlatformOperation("Top", call.Method, OperationIdempotency.Read), call.Tenant, call);
        await signer.SignAsync(request, context, CancellationToken.None);
        return (request, context);
    }

    [Fact]
    public async Task Form_is_utf8_url_encoded_signed_and_its_secrets_registered_for_masking()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2016, 1, 1, 4, 0, 0, TimeSpan.Zero));
        var call = new TopCall("taobao.item.seller.get") { Seller = "shop-a", Parameters = [new("title", "茶 & 咖啡")] };
        var (request, context) = await SignAsync(call, Options(), time);
        using (request)
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Content!.Headers.ContentType!.ToString());
            var body = await request.Content.ReadAsStringAsync();
            Assert.Contains("timestamp=2016-01-01+12%3A00%3A00", body, StringComparison.Ordinal);
            Assert.Contains("partner_id=top-sdk-net", body, StringComparison.Ordinal);
            Assert.Contains("title=%E8%8C%B6+%26+%E5%92%96%E5%95%A1", body, StringComparison.Ordinal);
            var expected = TopRequestSigner.BuildParameters(call, Options(), Session, time.GetUtcNow());
            Assert.EndsWith("sign=" + expected[^1].Value, body, StringComparison.Ordinal);
            Assert.Contains(Secret, context.SecretValues);
            Assert.Contains(Session, context.SecretValues);
            Assert.Contains(expected[^1].Value, context.SecretValues);
        }
    }

    [Fact]
    public async Task Every_attempt_gets_a_fresh_timestamp_and_signature()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2016, 1, 1, 4, 0, 0, TimeSpan.Zero));
        var call = new TopCall("taobao.item.seller.get");
        var (first, _) = await SignAsync(call, Options(), time);
        time.Advance(TimeSpan.FromSeconds(2));
        var (second, _) = await SignAsync(call, Options(), time);
        using (first)
        using (second)
        {
            var a = await first.Content!.ReadAsStringAsync();
            var b = await second.Content!.ReadAsStringAsync();
            Assert.Contains("12%3A00%3A00", a, StringComparison.Ordinal);
            Assert.Contains("12%3A00%3A02", b, StringComparison.Ordinal);
            Assert.NotEqual(a[a.IndexOf("sign=", StringComparison.Ordinal)..], b[b.IndexOf("sign=", StringComparison.Ordinal)..]);
        }
    }

    [Theory]
    [InlineData(TopSignMethod.Md5, 32)]
    [InlineData(TopSignMethod.Hmac, 32)]
    [InlineData(TopSignMethod.HmacSha256, 64)]
    public void Configured_sign_method_is_sent_and_used(TopSignMethod method, int length)
    {
        var parameters = TopRequestSigner.BuildParameters(new TopCall("taobao.time.get"), Options(method), null, DateTimeOffset.UnixEpoch);
        Assert.Equal(TopSignature.WireName(method), parameters.Single(p => p.Key == "sign_method").Value);
        var sign = parameters[^1].Value;
        Assert.Equal(length, sign.Length);
        Assert.Equal(TopSignature.Sign(method, Secret, parameters.SkipLast(1).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))), sign);
        Assert.Equal(sign.ToUpperInvariant(), sign);
    }

    [Fact]
    public async Task Files_go_multipart_and_are_not_signed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var call = new TopCall("taobao.picture.upload") { Files = [new TopFileParameter("img", "a.png", new byte[] { 1, 2, 3 }, "image/png")], Parameters = [new("title", "a")] };
        var (request, _) = await SignAsync(call, Options(), time);
        using (request)
        {
            Assert.Equal("multipart/form-data", request.Content!.Headers.ContentType!.MediaType);
            var withoutFile = TopRequestSigner.BuildParameters(new TopCall("taobao.picture.upload") { Parameters = [new("title", "a")] }, Options(), null, time.GetUtcNow());
            Assert.Contains(withoutFile[^1].Value, await request.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private sealed class StaticMonitor(TopOptions value) : IOptionsMonitor<TopOptions>
    {
        public TopOptions CurrentValue => value;

        public TopOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<TopOptions, string?> listener) => null;
    }
}
