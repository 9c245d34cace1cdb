using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Errors;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Jushuitan.Protocol;
using PlatformSdk.Testing;

namespace PlatformSdk.Jushuitan.Tests;

/// <summary>
/// Hostile replies become platform errors (never a raw exception): real client calls over loopback answered with replies
/// mutated from valid ones, and the classifier and readers called in-process. Fixed seeds; a failure prints the seed and input.
/// </summary>
public sealed class ReplyFuzzTests : IDisposable
{
    private const int Seed = 8_0401;
    private const string ShopsReply = "{\"code\":0,\"msg\":\"执行成功\",\"data\":{\"datas\":[{\"shop_id\":10086,\"shop_name\":\"自营\",\"co_id\":7,\"shop_site\":\"自有商城\",\"group_id\":3,\"created\":\"2024-03-01 10:00:00\",\"session_expired\":\"2025-03-01 10:00:00\"}],\"has_next\":false,\"page_index\":1,\"page_count\":1,\"page_size\":100,\"data_count\":1}}";
    private const string PartnersReply = "{\"code\":0,\"data\":{\"datas\":[{\"name\":\"仓\",\"co_id\":7,\"wms_co_id\":8,\"is_main\":true,\"status\":\"生效\"}],\"has_next\":false}}";
    private const string CarriersReply = "{\"code\":0,\"data\":{\"datas\":[{\"lc_id\":\"SF\",\"lc_name\":\"顺丰\",\"modified\":\"2024-03-01 10:00:00\"}],\"page_index\":1,\"data_count\":1}}";
    private const string OrdersReply = "{\"code\":0,\"data\":{\"orders\":[{\"o_id\":11,\"so_id\":\"SO-1\",\"shop_id\":10086,\"status\":\"WaitConfirm\",\"pay_amount\":\"12.50\",\"freight\":0,\"order_date\":\"2024-03-01 10:00:00\",\"modified\":\"2024-03-01 11:00:00\",\"is_cod\":false,\"ts\":123,\"items\":[{\"oi_id\":1,\"sku_id\":\"SKU-1\",\"qty\":2,\"price\":6.25,\"amount\":\"12.5\",\"is_gift\":\"false\"}],\"pays\":[{\"pay_id\":\"P1\",\"amount\":12.5,\"pay_date\":\"2024-03-01 10:00:01\",\"is_order_pay\":true}]}],\"has_next\":false,\"page_count\":1}}";
    private const string UploadReply = "{\"code\":0,\"msg\":\"\",\"data\":{\"datas\":[{\"o_id\":11,\"so_id\":\"SO-1\",\"issuccess\":true,\"msg\":\"\"}]}}";
    private const string CancelReply = "{\"code\":0,\"msg\":\"\",\"data\":\"取消成功\"}";
    private const string TokenReply = "{\"code\":0,\"msg\":\"\",\"data\":{\"access_token\":\"at-2\",\"expires_in\":2592000,\"refresh_token\":\"rt-2\",\"scope\":\"all\"}}";
    private const string ExpiredTokenReply = "{\"code\":100,\"msg\":\"access_token超时\"}";
    private const string LegacyShopsReply = "{\"code\":0,\"issuccess\":true,\"msg\":\"\",\"shops\":[{\"shop_id\":\"7\",\"shop_name\":\"S\"}],\"has_next\":false}";
    private const string LegacyRefreshReply = "{\"code\":0,\"issuccess\":true,\"msg\":\"\",\"expired_date\":\"2024-12-01 10:00:00\"}";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1700000000));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private JushuitanClient Client(LoopbackStubServer server, JushuitanProtocol protocol)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(_time).AddJushuitan(o =>
        {
            o.Protocol = protocol;
            o.EndpointsOverride = server.JushuitanEndpoints();
            o.Legacy.PartnerId = "ywv5jGT8ge6Pvlq3FZSPol345asd";
            o.Legacy.PartnerKey = "ywv5jGT8ge6Pvlq3FZSPol2323";
            o.Legacy.Token = "181ee8952a88f5a57db52587472c3798";
            o.OpenApi.AppKey = "b0b7d1db226d4216a3d58df9ffa2dde5";
            o.OpenApi.AppSecret = "99c4cef262f34ca882975a7064de0b87";
            o.OpenApi.AccessToken = "b7e3b1e24e174593af8ca5c397e53dad";
            o.OpenApi.RefreshToken = "refresh-token-1";
        });
        // One retry, so a token-expiry reply leads to the refresh call; no waits on the fake clock (a longer Retry-After is not retried).
        services.Configure<PlatformResilienceOptions>("Jushuitan", o =>
        {
            o.PermitsPerSecond = 0;
            o.MaxRetries = 1;
            o.BaseDelay = TimeSpan.Zero;
            o.MaxDelay = TimeSpan.Zero;
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider.GetRequiredService<JushuitanClient>();
    }

    // Each target: the path whose reply is mutated, its valid reply, the valid replies of the other paths the call visits, and the call.
    private sealed record Target(string Name, string FuzzedPath, string ValidReply, Func<string, string> OtherReplies, Func<JushuitanClient, Task> Call, JushuitanProtocol Protocol = JushuitanProtocol.OpenApi);

    private static string Valid(string path) => path switch
    {
        "/open/shops/query" => ShopsReply,
        "/open/wms/partner/query" => PartnersReply,
        "/open/logisticscompany/query" => CarriersReply,
        "/open/orders/single/query" => OrdersReply,
        "/open/jushuitan/orders/upload" => UploadReply,
        "/open/jushuitan/orderbyoid/cancel" => CancelReply,
        _ => TokenReply,
    };

    private static readonly Target[] Targets =
    [
        new("shops", "/open/shops/query", ShopsReply, Valid, c => c.Shops.ListAsync()),
        new("warehouse partners", "/open/wms/partner/query", PartnersReply, Valid, async c => await c.Warehouses.QueryPartnersAsync().ToListAsync()),
        new("carriers", "/open/logisticscompany/query", CarriersReply, Valid, async c => await c.LogisticsCompanies.QueryAsync().ToListAsync()),
        new("orders", "/open/orders/single/query", OrdersReply, Valid, c => c.Orders.ListAsync(new JushuitanOrderQuery { SoIds = ["SO-1"], ShopId = 10086 })),
        new("upload", "/open/jushuitan/orders/upload", UploadReply, Valid, c => c.Orders.UploadAsync([OrderValidationTests.ValidPaidOrder("SO-1")])),
        new("upload check", "/open/orders/single/query", OrdersReply, Valid, c => c.Orders.UploadAsync([OrderValidationTests.ValidPaidOrder("SO-1")])),
        new("cancel", "/open/jushuitan/orderbyoid/cancel", CancelReply, Valid, c => c.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = 10086, SoIds = ["SO-1"] })),
        new("init token", "/openWeb/auth/getInitToken", TokenReply, Valid, c => c.Auth.GetInitTokenAsync("abc123")),
        new("refresh token", "/openWeb/auth/refreshToken", TokenReply, path => path == "/open/shops/query" ? ExpiredTokenReply : Valid(path), c => c.Shops.ListAsync()),
        new("legacy shops", "/api/open/query.aspx", LegacyShopsReply, _ => LegacyShopsReply, c => c.Shops.ListAsync(), JushuitanProtocol.Legacy),
        new("legacy refresh", "refresh.token", LegacyRefreshReply, _ => "{\"code\":100,\"issuccess\":false,\"msg\":\"token超时\"}", c => c.Shops.ListAsync(), JushuitanProtocol.Legacy),
    ];

    [Fact]
    public async Task Every_client_call_answered_with_a_hostile_reply_returns_or_throws_a_PlatformException()
    {
        using var server = new LoopbackStubServer();
        var clients = new Dictionary<JushuitanProtocol, JushuitanClient>
        {
            [JushuitanProtocol.OpenApi] = Client(server, JushuitanProtocol.OpenApi),
            [JushuitanProtocol.Legacy] = Client(server, JushuitanProtocol.Legacy),
        };
        var runs = Targets.SelectMany((target, i) => ReplyFuzz.Cases(Seed + i, target.ValidReply, 160, i * 1000).Select(c => (Target: target, Case: c))).ToList();
        var byIndex = runs.ToDictionary(r => r.Case.Index);

        await ReplyFuzz.AssertOnlyPlatformErrorsAsync(Seed, runs.Select(r => r.Case with { Kind = r.Target.Name + ": " + r.Case.Kind }), async @case =>
        {
            var (target, fuzzed) = byIndex[@case.Index];
            server.SetHandler(request => Fuzzed(request, target)
                ? new StubReply(fuzzed.Status, fuzzed.Body, "application/json; charset=utf-8")
                : StubReply.Json(target.OtherReplies(request.Path)));
            await target.Call(clients[target.Protocol]);
        });
    }

    private static bool Fuzzed(FakeRequest request, Target target)
        => target.Protocol == JushuitanProtocol.Legacy
            ? target.FuzzedPath == "refresh.token" ? request.Query.GetValueOrDefault("method") == "refresh.token" : request.Query.GetValueOrDefault("method") != "refresh.token"
            : request.Path == target.FuzzedPath;

    [Fact]
    public void The_classifier_and_the_readers_turn_every_hostile_body_into_a_result_or_a_PlatformException()
    {
        var classifier = new JushuitanResponseClassifier();
        var replies = new[] { ShopsReply, PartnersReply, CarriersReply, OrdersReply, UploadReply, CancelReply, TokenReply, LegacyShopsReply, LegacyRefreshReply, ExpiredTokenReply };
        var cases = replies.SelectMany((reply, i) => ReplyFuzz.Cases(Seed + 100 + i, reply, 200, i * 1000)).ToList();

        ReplyFuzz.AssertOnlyPlatformErrors(Seed + 100, cases, @case =>
        {
            // The classifier itself never throws: every body is a success or an error.
            _ = classifier.ClassifyBody(@case.Body);
            JushuitanEnvelope envelope;
            try
            {
                envelope = JushuitanEnvelope.Parse(@case.Body);
            }
            catch (System.Text.Json.JsonException)
            {
                return; // what the classifier reports as malformed
            }

            using (envelope)
            {
                foreach (var key in new[] { "datas", "orders", "shops" })
                {
                    _ = JushuitanJson.ReadPage(envelope.Payload, key, 1, 100, JushuitanMappers.Order).Items.Count;
                    _ = JushuitanJson.ReadPage(envelope.Payload, key, 1, 100, JushuitanMappers.Shop).Items.Count;
                    _ = JushuitanJson.ReadPage(envelope.Payload, key, 1, 100, JushuitanMappers.Warehouse).Items.Count;
                    _ = JushuitanJson.ReadPage(envelope.Payload, key, 1, 100, JushuitanMappers.Logistics).Items.Count;
                }

                _ = JushuitanJson.DateTime(envelope.Payload, "expired_date");
                _ = JushuitanJson.Long(envelope.Payload, "expires_in");
            }
        });
    }

    public static TheoryData<string> UnusableLifetimes() => new()
    {
        "9223372036854775807", "\"9223372036854775807\"", "-9223372036854775808", "-1", "0", "1e30", "1e400", "2592000.5", "\"soon\"",
        "\"1e30\"", "{}", "[]", "true", "3153600001",
    };

    [Theory]
    [MemberData(nameof(UnusableLifetimes))]
    public async Task A_token_reply_with_an_expires_in_beyond_TimeSpan_is_a_platform_error_not_an_overflow(string expiresIn)
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":0,\"data\":{\"access_token\":\"at-9\",\"refresh_token\":\"rt-9\",\"expires_in\":" + expiresIn + "}}"));
        var client = Client(server, JushuitanProtocol.OpenApi);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.Auth.GetInitTokenAsync("abc123"));

        Assert.Equal("malformed-token-response", ex.ErrorCode);
        Assert.Contains("expires_in", ex.Message, StringComparison.Ordinal);
        // The code may have been used up by the call: it may have happened, and it is not repeated.
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("used up", ex.Remedy, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.DoesNotContain("at-9", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_reply_with_an_overflowing_expires_in_fails_the_call_as_a_platform_error_and_keeps_the_old_token()
    {
        using var server = new LoopbackStubServer(request => StubReply.Json(request.Path == "/openWeb/auth/refreshToken"
            ? "{\"code\":0,\"data\":{\"access_token\":\"at-9\",\"expires_in\":9223372036854775807}}"
            : ExpiredTokenReply));
        var client = Client(server, JushuitanProtocol.OpenApi);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.Shops.ListAsync());

        Assert.Equal("malformed-token-response", ex.ErrorCode);
        Assert.Equal(["/open/shops/query", "/openWeb/auth/refreshToken"], server.Requests.Select(r => r.Path));
    }

    [Theory]
    [InlineData("\"2592000\"", 2592000)]
    [InlineData("7200", 7200)]
    [InlineData("null", 365 * 24 * 3600)]
    [InlineData("\"\"", 365 * 24 * 3600)]
    public async Task A_token_reply_with_a_numeric_string_or_no_expires_in_gives_a_token(string expiresIn, long seconds)
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":0,\"data\":{\"access_token\":\"at-9\",\"expires_in\":" + expiresIn + "}}"));
        var client = Client(server, JushuitanProtocol.OpenApi);

        var token = await client.Auth.GetInitTokenAsync("abc123");

        Assert.Equal(_time.GetUtcNow().AddSeconds(seconds), token.ExpiresAt);
    }

    [Fact]
    public void The_case_description_shows_invalid_bytes_escaped_and_cut()
    {
        var described = new FuzzCase(3, "x", [.. Encoding.UTF8.GetBytes("{\"a\":\"中"), 0xFF, .. Encoding.UTF8.GetBytes(new string('b', 500))], 200).ToString();

        Assert.StartsWith("#3 x HTTP 200: {\"a\":\"\\u4E2D\\xFF", described, StringComparison.Ordinal);
        Assert.EndsWith("(510 bytes)", described, StringComparison.Ordinal);
    }
}
