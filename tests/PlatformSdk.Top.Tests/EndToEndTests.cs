using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Testing;
using PlatformSdk.Top.Signing;

namespace PlatformSdk.Top.Tests;

/// <summary>A loopback TOP router that checks the signature with its own (independent) md5 implementation.</summary>
internal sealed class TopStub : IDisposable
{
    public const string AppKey = "12345678";
    public const string AppSecret = "helloworld0123456789";
    private readonly LoopbackStubServer _server;

    public TopStub(Func<IReadOnlyDictionary<string, string>, string> reply)
    {
        _server = new LoopbackStubServer(request => StubReply.Json(SignatureValid(request.Form)
            ? reply(request.Form)
            : """{"error_response":{"code":25,"msg":"Invalid signature","request_id":"stub"}}"""));
    }

    public string Url => _server.Url;

    public IReadOnlyList<(IReadOnlyDictionary<string, string> Form, string ContentType, string Path)> Requests =>
        _server.Requests.Select(r => ((IReadOnlyDictionary<string, string>)r.Form, r.ContentType ?? string.Empty, r.Path)).ToArray();

    public TopEndpoints Endpoints => new(new Uri(Url + "/router/rest"), new Uri(Url + "/router/qimen/service"));

    private static bool SignatureValid(FormFieldCollection form)
    {
        if (!form.TryGetValue("sign", out var sign) || form.GetValueOrDefault("sign_method") != "md5")
        {
            return false;
        }

        var text = new StringBuilder(AppSecret);
        foreach (var key in form.Keys.Where(k => k != "sign").OrderBy(k => k, StringComparer.Ordinal))
        {
            text.Append(key).Append(form[key]);
        }

        text.Append(AppSecret);
#pragma warning disable CA5351
        var expected = string.Concat(MD5.HashData(Encoding.UTF8.GetBytes(text.ToString())).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
#pragma warning restore CA5351
        return expected == sign;
    }

    public void Dispose() => _server.Dispose();
}

public sealed record ItemResult([property: JsonPropertyName("num_iid")] long NumIid, [property: JsonPropertyName("title")] string Title);

[JsonSerializable(typeof(ItemResult))]
internal sealed partial class TestJsonContext : JsonSerializerContext;

public sealed class EndToEndTests : IDisposable
{
    private const string Session = "6100e2b7a9c8d5f4session";
    private static readonly TopOperation ItemGet = new("taobao.item.seller.get", OperationIdempotency.Read);
    private static readonly TopOperation CodeSend = new("taobao.eticket.merchant.ma.send", OperationIdempotency.NonIdempotentWrite);

    // 2024-03-01 04:05:06 UTC = 12:05:06 in GMT+8.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 3, 1, 4, 5, 6, TimeSpan.Zero));
    private readonly List<ServiceProvider> _providers = [];

    private TopClient Client(TopStub stub)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(_time).AddTop(o =>
        {
            o.AppKey = TopStub.AppKey;
            o.AppSecret = TopStub.AppSecret;
            o.EndpointsOverride = stub.Endpoints;
            o.Sellers["shop-a"] = new TopSellerOptions { Session = Session };
        });
        // Deterministic: no backoff wait on the fake clock.
        services.Configure<PlatformResilienceOptions>("Top", o => o.BaseDelay = TimeSpan.Zero);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider.GetRequiredService<TopClient>();
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public async Task Signed_form_post_carries_system_parameters_the_seller_session_and_a_GMT8_timestamp()
    {
        using var stub = new TopStub(_ => """{"taobao_item_seller_get_response":{"item":{"num_iid":11223344,"title":"T"},"request_id":"r1"}}""");
        var client = Client(stub);

        var result = await client.ExecuteAsync(ItemGet, [new("fields", "num_iid,title"), new("num_iid", "11223344"), new("empty", "")], "shop-a", CancellationToken.None);

        Assert.Equal("r1", result.RequestId);
        Assert.Equal(11223344, result.Result.GetProperty("item").GetProperty("num_iid").GetInt64());
        var (form, contentType, path) = Assert.Single(stub.Requests);
        Assert.Equal("/router/rest", path);
        Assert.StartsWith("application/x-www-form-urlencoded", contentType, StringComparison.Ordinal);
        Assert.Equal("taobao.item.seller.get", form["method"]);
        Assert.Equal(TopStub.AppKey, form["app_key"]);
        Assert.Equal(Session, form["session"]);
        Assert.Equal("2024-03-01 12:05:06", form["timestamp"]);
        Assert.Equal("json", form["format"]);
        Assert.Equal("2.0", form["v"]);
        Assert.Equal("md5", form["sign_method"]);
        Assert.False(form.ContainsKey("empty"));
        Assert.False(form.ContainsKey("app_secret"));
        Assert.DoesNotContain(form.Values, v => v.Contains(TopStub.AppSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Typed_overload_reads_the_success_object_with_source_generated_metadata()
    {
        using var stub = new TopStub(_ => """{"taobao_item_seller_get_response":{"num_iid":5,"title":"Tea"}}""");
        var item = await Client(stub).ExecuteAsync(ItemGet, [new("num_iid", "5")], "shop-a", TestJsonContext.Default.ItemResult, CancellationToken.None);
        Assert.Equal(new ItemResult(5, "Tea"), item);
    }

    [Fact]
    public async Task Isp_remote_service_unavailable_is_retried_for_a_read_with_a_freshly_signed_request()
    {
        var calls = 0;
        using var stub = new TopStub(_ => Interlocked.Increment(ref calls) == 1
            ? """{"error_response":{"code":15,"msg":"Remote service error","sub_code":"isp.top-remote-service-unavailable","sub_msg":"backend down","request_id":"e1"}}"""
            : """{"taobao_item_seller_get_response":{"num_iid":1}}""");

        var result = await Client(stub).ExecuteAsync(ItemGet, [new("num_iid", "1")], "shop-a", CancellationToken.None);

        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Isv_invalid_parameter_is_not_retried()
    {
        using var stub = new TopStub(_ => """{"error_response":{"code":41,"msg":"Invalid arguments","sub_code":"isv.invalid-parameter","sub_msg":"num_iid must be a number","request_id":"e2"}}""");

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Client(stub).ExecuteAsync(ItemGet, [new("num_iid", "x")], "shop-a", CancellationToken.None));

        Assert.Equal(ErrorCategory.Validation, ex.Category);
        Assert.Equal("41", ex.ErrorCode);
        Assert.Equal("isv.invalid-parameter", ex.Error.SubCode);
        Assert.Equal("e2", ex.Error.RequestId);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Rejected_session_without_a_newer_one_surfaces_TOPs_answer_without_resending()
    {
        using var stub = new TopStub(_ => """{"error_response":{"code":27,"msg":"Invalid session","sub_code":"invalid-sessionkey","request_id":"e3"}}""");

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Client(stub).ExecuteAsync(CodeSend, [new("order_id", "1")], "shop-a", CancellationToken.None));

        Assert.Equal(ErrorCategory.Authentication, ex.Category);
        Assert.Contains("Re-authorize the seller", ex.Remedy, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
        Assert.DoesNotContain(Session, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_session_is_replaced_by_a_newer_stored_one_and_the_call_repeated_once()
    {
        const string renewed = "6100-renewed-session-key";
        Sessions.TopSessionProvider? sessions = null;
        using var stub = new TopStub(form =>
        {
            if (form["session"] != Session)
            {
                return """{"taobao_eticket_merchant_ma_send_response":{"ret_code":1}}""";
            }

            // Meanwhile the seller re-authorized and the application stored the new session (in-memory store: completes synchronously).
            sessions!.StoreSessionAsync("shop-a", renewed, null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            return """{"error_response":{"code":27,"msg":"Invalid session","request_id":"e4"}}""";
        });
        var client = Client(stub);
        sessions = _providers[^1].GetRequiredService<Sessions.TopSessionProvider>();

        // A non-idempotent write may still be repeated: TOP refused it before doing anything.
        var result = await client.ExecuteAsync(CodeSend, [new("order_id", "1")], "shop-a", CancellationToken.None);

        Assert.Equal(1, result.Result.GetProperty("ret_code").GetInt32());
        Assert.Equal([Session, renewed], stub.Requests.Select(r => r.Form["session"]).ToArray());
    }

    [Fact]
    public async Task Calls_without_a_seller_send_no_session_and_unknown_sellers_fail_before_sending()
    {
        using var stub = new TopStub(_ => """{"taobao_item_seller_get_response":{}}""");
        var client = Client(stub);
        await client.ExecuteAsync(ItemGet, [], null, CancellationToken.None);

        Assert.False(Assert.Single(stub.Requests).Form.ContainsKey("session"));
        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.ExecuteAsync(ItemGet, [], "shop-unknown", CancellationToken.None));
        Assert.Equal(ErrorCategory.Configuration, ex.Category);
        Assert.Equal("session-not-configured", ex.ErrorCode);
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData("sign")]
    [InlineData("session")]
    [InlineData("timestamp")]
    [InlineData("method")]
    public async Task System_parameter_names_are_refused_before_sending(string name)
    {
        using var stub = new TopStub(_ => "{}");
        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => Client(stub).ExecuteAsync(ItemGet, [new(name, "x")], "shop-a", CancellationToken.None));
        Assert.Equal("parameters[0]", ex.Field);
        Assert.Empty(stub.Requests);
    }
}
