using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Jushuitan.Signing;
using PlatformSdk.Testing;

namespace PlatformSdk.Jushuitan.Tests;

public sealed class EndToEndTests : IDisposable
{
    private const string AppKey = "b0b7d1db226d4216a3d58df9ffa2dde5";
    private const string AppSecret = "99c4cef262f34ca882975a7064de0b87";
    private const string AccessToken = "b7e3b1e24e174593af8ca5c397e53dad";
    private const string PartnerId = "ywv5jGT8ge6Pvlq3FZSPol345asd";
    private const string PartnerKey = "ywv5jGT8ge6Pvlq3FZSPol2323";
    private const string LegacyToken = "181ee8952a88f5a57db52587472c3798";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1700000000));
    private readonly List<ServiceProvider> _providers = [];

    private JushuitanClient Client(LoopbackStubServer server, JushuitanProtocol protocol, Action<JushuitanOptions>? tweak = null)
        => Client(server, protocol, tweak, null);

    private JushuitanClient Client(LoopbackStubServer server, JushuitanProtocol protocol, Action<JushuitanOptions>? tweak, Action<PlatformResilienceOptions>? resilience)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(_time).AddJushuitan(o =>
        {
            o.Protocol = protocol;
            o.EndpointsOverride = server.JushuitanEndpoints();
            o.Legacy.PartnerId = PartnerId;
            o.Legacy.PartnerKey = PartnerKey;
            o.Legacy.Token = LegacyToken;
            o.OpenApi.AppKey = AppKey;
            o.OpenApi.AppSecret = AppSecret;
            o.OpenApi.AccessToken = AccessToken;
            o.OpenApi.RefreshToken = "refresh-token-1";
            tweak?.Invoke(o);
        });
        // Deterministic tests: no wall-clock token bucket.
        services.Configure<PlatformResilienceOptions>("Jushuitan", o =>
        {
            o.PermitsPerSecond = 0;
            resilience?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider.GetRequiredService<JushuitanClient>();
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public async Task OpenApi_request_is_form_encoded_signed_and_stamped_with_the_clock()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":0,\"msg\":\"执行成功\",\"data\":{\"datas\":[{\"shop_id\":10086,\"shop_name\":\"自营\",\"shop_site\":\"自有商城\"},{\"shop_id\":2,\"shop_site\":\"淘宝天猫\"}],\"has_next\":false}}"));
        var client = Client(server, JushuitanProtocol.OpenApi);

        var shops = await client.Shops.ListAsync();

        Assert.Equal([10086L, 2L], shops.Select(s => s.ShopId));
        Assert.True(shops[1].RequiresQimen);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/open/shops/query", request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
        var form = request.Form;
        Assert.Equal(AppKey, form["app_key"]);
        Assert.Equal(AccessToken, form["access_token"]);
        Assert.Equal("1700000000", form["timestamp"]);
        Assert.Equal("utf-8", form["charset"]);
        Assert.Equal("2", form["version"]);
        Assert.Equal("{\"page_index\":1,\"page_size\":100}", form["biz"]);
        Assert.Equal(JushuitanSignature.OpenApi(AppSecret, form.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))), form["sign"]);
        Assert.Equal(1, client.GetUsage().Calls);
    }

    [Fact]
    public async Task Legacy_request_puts_system_parameters_in_the_query_and_json_in_the_body()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":0,\"issuccess\":true,\"msg\":\"\",\"shops\":[{\"shop_id\":\"7\",\"shop_name\":\"S\"}],\"has_next\":false}"));
        var client = Client(server, JushuitanProtocol.Legacy);

        var shops = await client.Shops.ListAsync();

        Assert.Equal(7, Assert.Single(shops).ShopId);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/open/query.aspx", request.Path);
        Assert.Equal("shops.query", request.Query["method"]);
        Assert.Equal(PartnerId, request.Query["partnerid"]);
        Assert.Equal(LegacyToken, request.Query["token"]);
        Assert.Equal("1700000000", request.Query["ts"]);
        Assert.Equal(JushuitanSignature.Legacy("shops.query", PartnerId, LegacyToken, 1700000000, PartnerKey), request.Query["sign"]);
        Assert.False(request.Query.ContainsKey("partnerkey"));
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("{\"page_index\":1,\"page_size\":100}", request.Body);
    }

    [Fact]
    [Rule("RJST-02", "RJST-03")]
    public async Task RJST02_expired_token_is_refreshed_once_and_the_call_retried_with_the_new_token()
    {
        var businessCalls = 0;
        using var server = new LoopbackStubServer(request => StubReply.Json(request.Path switch
        {
            "/openWeb/auth/refreshToken" => "{\"code\":0,\"msg\":\"\",\"data\":{\"access_token\":\"new-access-token-2\",\"refresh_token\":\"refresh-token-2\",\"expires_in\":2592000}}",
            _ => Interlocked.Increment(ref businessCalls) == 1
                ? "{\"code\":100,\"msg\":\"access_token超时\"}"
                : "{\"code\":0,\"data\":{\"datas\":[],\"has_next\":false}}",
        }));
        var client = Client(server, JushuitanProtocol.OpenApi);

        await client.Warehouses.QueryPartnersAsync().ToListAsync();

        var requests = server.Requests.ToArray();
        Assert.Equal(["/open/wms/partner/query", "/openWeb/auth/refreshToken", "/open/wms/partner/query"], requests.Select(r => r.Path));
        var refresh = requests[1].Form;
        Assert.Equal("refresh_token", refresh["grant_type"]);
        Assert.Equal("refresh-token-1", refresh["refresh_token"]);
        Assert.Equal("all", refresh["scope"]);
        Assert.False(refresh.ContainsKey("access_token"));
        Assert.Equal(JushuitanSignature.OpenApi(AppSecret, refresh.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))), refresh["sign"]);
        Assert.Equal(AccessToken, requests[0].Form["access_token"]);
        Assert.Equal("new-access-token-2", requests[2].Form["access_token"]);
        Assert.Equal(3, client.GetUsage().Calls); // RJST-03: every attempt, token calls included
    }

    [Fact]
    [Rule("RJST-06", "RJST-12", "RJST-13", "RJST-18")]
    public async Task RJST12_RJST13_upload_reports_orders_cancelled_in_the_erp_or_missing_afterwards()
    {
        using var server = new LoopbackStubServer(request => StubReply.Json(request.Path switch
        {
            "/open/jushuitan/orders/upload" =>
                "{\"code\":0,\"msg\":\"\",\"data\":{\"datas\":[{\"o_id\":11,\"so_id\":\"SO-1\",\"issuccess\":true,\"msg\":\"\"},{\"o_id\":12,\"so_id\":\"SO-2\",\"issuccess\":true},{\"o_id\":0,\"so_id\":\"SO-3\",\"issuccess\":true},{\"so_id\":\"SO-4\",\"issuccess\":false,\"msg\":\"店铺编号[10086]的站点类型不是自有商城,无法上传\"}]}}",
            _ => "{\"code\":0,\"data\":{\"orders\":[{\"o_id\":11,\"so_id\":\"SO-1\",\"shop_id\":10086,\"status\":\"WaitConfirm\"},{\"o_id\":12,\"so_id\":\"SO-2\",\"shop_id\":10086,\"status\":\"Cancelled\"}],\"has_next\":false}}",
        }));
        var client = Client(server, JushuitanProtocol.OpenApi);

        var result = await client.Orders.UploadAsync([
            OrderValidationTests.ValidPaidOrder("SO-1"), OrderValidationTests.ValidPaidOrder("SO-2"),
            OrderValidationTests.ValidPaidOrder("SO-3"), OrderValidationTests.ValidPaidOrder("SO-4")]);

        Assert.False(result.AllSucceeded);
        var (found, cancelled, missing, failed) = (result.Orders[0], result.Orders[1], result.Orders[2], result.Orders[3]);
        Assert.Equal(JushuitanUploadVerification.Found, found.Verification);
        Assert.Equal(11, found.OId);
        Assert.True(cancelled.IsCancelledInErp);
        Assert.Contains("RJST-12", cancelled.Remedy, StringComparison.Ordinal);
        Assert.True(missing.NotFoundAfterUpload);
        Assert.Contains("download all orders", missing.Remedy, StringComparison.Ordinal);
        Assert.False(failed.IsSuccess);
        Assert.Equal("RJST-06", failed.Error!.RuleId);

        var upload = server.Requests[0];
        using var biz = JsonDocument.Parse(upload.Form["biz"]);
        Assert.Equal(JsonValueKind.Array, biz.RootElement.ValueKind);
        var first = biz.RootElement[0];
        Assert.Equal("2024-03-01 10:00:00", first.GetProperty("order_date").GetString());
        Assert.Equal("WAIT_SELLER_SEND_GOODS", first.GetProperty("shop_status").GetString());
        Assert.Equal(JsonValueKind.Object, first.GetProperty("pay").ValueKind);
        Assert.False(first.TryGetProperty("receiver_phone", out _)); // unused fields are left out, never ""
        Assert.False(first.GetProperty("items")[2].TryGetProperty("is_gift", out _)); // RJST-18
        var check = server.Requests[^1].Form;
        Assert.Contains("\"so_ids\":[\"SO-1\",\"SO-2\",\"SO-3\"]", check["biz"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_accepted_upload_whose_check_query_fails_keeps_the_upload_results_and_reports_CheckFailed()
    {
        using var server = new LoopbackStubServer(request => request.Path == "/open/jushuitan/orders/upload"
            ? StubReply.Json("{\"code\":0,\"msg\":\"\",\"data\":{\"datas\":[{\"o_id\":11,\"so_id\":\"SO-1\",\"issuccess\":true}]}}")
            : StubReply.Text("<html>bad gateway</html>", 502, "text/html"));
        var client = Client(server, JushuitanProtocol.OpenApi, o => o.Orders.VerifyAfterUpload = true, r => r.BaseDelay = TimeSpan.Zero);

        var result = await client.Orders.UploadAsync([OrderValidationTests.ValidPaidOrder() with { SoId = "SO-1" }]);

        var order = Assert.Single(result.Orders);
        Assert.True(order.IsSuccess);
        Assert.Equal(11, order.OId);
        Assert.Equal(JushuitanUploadVerification.CheckFailed, order.Verification);
        Assert.Contains("query the order later", order.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_whose_reply_is_lost_on_every_attempt_is_reported_as_possibly_processed_and_never_checked_as_absent()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Text("<html>bad gateway</html>", 502, "text/html"));
        // Retries wait on the fake clock: no backoff, so every attempt runs without advancing it.
        var client = Client(server, JushuitanProtocol.OpenApi, o => o.Orders.VerifyAfterUpload = true, r => r.BaseDelay = TimeSpan.Zero);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.Orders.UploadAsync([OrderValidationTests.ValidPaidOrder() with { SoId = "SO-1" }]));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.All(server.Requests, r => Assert.Equal("/open/jushuitan/orders/upload", r.Path));
    }

    [Fact]
    public async Task Invalid_upload_never_reaches_the_network()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":0}"));
        var client = Client(server, JushuitanProtocol.OpenApi);
        await Assert.ThrowsAsync<PlatformValidationException>(() => client.Orders.UploadAsync([OrderValidationTests.ValidPaidOrder() with { PayAmount = 1m }]));
        Assert.Empty(server.Requests);
    }

    [Fact]
    [Rule("RJST-08")]
    public async Task RJST08_cancelling_a_split_order_needs_opt_in_and_is_refused_before_sending()
    {
        using var server = new LoopbackStubServer(request => StubReply.Json(request.Path switch
        {
            "/open/orders/single/query" => "{\"code\":0,\"data\":{\"orders\":[{\"o_id\":21,\"so_id\":\"SO-9\",\"status\":\"Split\"},{\"o_id\":22,\"so_id\":\"SO-9\",\"status\":\"WaitConfirm\"},{\"o_id\":23,\"so_id\":\"SO-9\",\"status\":\"WaitConfirm\"}],\"has_next\":false}}",
            _ => "{\"code\":0,\"msg\":\"\",\"data\":\"取消成功\"}",
        }));
        var client = Client(server, JushuitanProtocol.OpenApi);
        var request = new JushuitanCancelRequest { ShopId = 10086, SoIds = ["SO-9"], CancelType = "其他", Remark = "buyer asked" };

        var refused = await Assert.ThrowsAsync<PlatformValidationException>(() => client.Orders.CancelAsync(request));
        Assert.Equal("RJST-08", refused.RuleId);
        Assert.DoesNotContain(server.Requests, r => r.Path.Contains("cancel", StringComparison.Ordinal));

        var result = await client.Orders.CancelAsync(request with { AllowSplitOrderCancellation = true });
        Assert.Equal([21L, 22L, 23L], result.OIds);
        Assert.Equal("取消成功", result.Message);
        var cancel = server.Requests[^1];
        Assert.Equal("/open/jushuitan/orderbyoid/cancel", cancel.Path);
        Assert.Equal("{\"o_ids\":[21,22,23],\"cancel_type\":\"其他\",\"remark\":\"buyer asked\"}", cancel.Form["biz"]);
    }

    [Fact]
    public async Task Legacy_cancel_sends_shop_and_so_id_array_for_a_plain_order()
    {
        using var server = new LoopbackStubServer(request => StubReply.Json(request.Query["method"] switch
        {
            "orders.single.query" => "{\"code\":0,\"issuccess\":true,\"orders\":[{\"o_id\":31,\"so_id\":\"SO-5\",\"status\":\"WaitConfirm\"}],\"has_next\":false}",
            _ => "{\"code\":0,\"issuccess\":true,\"msg\":\"ok\"}",
        }));
        var client = Client(server, JushuitanProtocol.Legacy);

        var result = await client.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = 10086, SoIds = ["SO-5"] });

        Assert.Equal([31L], result.OIds);
        var cancel = server.Requests[^1];
        Assert.Equal("jushuitan.orders.cancel", cancel.Query["method"]);
        Assert.Equal("[{\"shop_id\":10086,\"so_id\":\"SO-5\"}]", cancel.Body);
    }

    [Fact]
    [Rule("RJST-10")]
    public async Task Order_query_over_15_days_is_sliced_into_7_day_windows_and_filters_question_desc()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":0,\"data\":{\"orders\":[{\"o_id\":1,\"so_id\":\"A\",\"status\":\"Question\",\"question_desc\":\"缺货\"},{\"o_id\":2,\"so_id\":\"B\",\"status\":\"Question\",\"question_desc\":\"地址异常\"}],\"has_next\":false}}"));
        var client = Client(server, JushuitanProtocol.OpenApi);
        var begin = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));

        var orders = await client.Orders.ListAsync(new JushuitanOrderQuery
        {
            ModifiedBegin = begin,
            ModifiedEnd = begin.AddDays(15),
            Status = JushuitanOrderStatus.Question,
            QuestionDescContains = "缺货",
        });

        Assert.Equal(1, Assert.Single(orders).OId); // RJST-10 filter; o_id deduplicated across windows
        var windows = server.Requests.Select(r => JsonDocument.Parse(r.Form["biz"]).RootElement)
            .Select(b => (b.GetProperty("modified_begin").GetString(), b.GetProperty("modified_end").GetString(), b.GetProperty("status").GetString())).ToList();
        Assert.Equal(
        [
            ("2024-03-01 00:00:00", "2024-03-08 00:00:00", "Question"),
            ("2024-03-08 00:00:00", "2024-03-15 00:00:00", "Question"),
            ("2024-03-15 00:00:00", "2024-03-16 00:00:00", "Question"),
        ], windows);
    }

    [Fact]
    [Rule("RJST-07")]
    public async Task Platform_error_surfaces_as_PlatformException_with_rule_and_no_secrets()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"msg\":\"店铺编号[10086]对应公司与系统配置的不一致,请检查配置!\",\"code\":170,\"issuccess\":false}"));
        var client = Client(server, JushuitanProtocol.Legacy);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.Shops.ListAsync());

        Assert.Equal(ErrorCategory.Configuration, ex.Category);
        Assert.Equal("RJST-07", ex.RuleId);
        Assert.Single(server.Requests); // configuration errors are not retried
        Assert.DoesNotContain(PartnerKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(LegacyToken, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_url_and_init_token_use_the_open_api_sign()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":0,\"data\":{\"access_token\":\"init-token-1\",\"refresh_token\":\"r1\",\"expires_in\":2592000}}"));
        var client = Client(server, JushuitanProtocol.OpenApi, o => o.OpenApi.AccessToken = null);

        var url = client.Auth.BuildAuthorizationUrl("st");
        var query = FormReader.Parse(url.Query);
        Assert.Equal(server.Url + "/auth", url.GetLeftPart(UriPartial.Path));
        Assert.Equal(JushuitanSignature.OpenApi(AppSecret, [new("app_key", AppKey), new("timestamp", "1700000000"), new("charset", "utf-8")]), query["sign"]);
        Assert.Equal("st", query["state"]);

        var token = await client.Auth.GetInitTokenAsync("abc123");
        Assert.Equal("init-token-1", token.Value);
        var form = Assert.Single(server.Requests).Form;
        Assert.Equal("/openWeb/auth/getInitToken", server.Requests.Single().Path);
        Assert.Equal("1b0dad832d3a91a5bf33262e37a5198d", form["sign"]); // doc vector 4 (NEW)

        await client.Shops.ListAsync(); // the stored token is used
        Assert.Equal("init-token-1", server.Requests[^1].Form["access_token"]);
    }

    // Every loop over pages or windows makes progress and has a cap; absurd windows are refused before anything is sent.
    [Fact]
    public async Task A_platform_answering_the_same_page_with_has_next_forever_is_read_once()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":0,\"data\":{\"datas\":[{\"shop_id\":1,\"shop_name\":\"A\"},{\"shop_id\":2,\"shop_name\":\"B\"}],\"has_next\":true}}"));

        var shops = await Client(server, JushuitanProtocol.OpenApi).Shops.ListAsync();

        Assert.Equal(2, shops.Count);
        Assert.Equal(2, server.Requests.Count); // the repeated second page ends the loop
    }

    [Fact]
    public async Task A_forgotten_window_start_is_refused_before_sending()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":0,\"data\":{\"orders\":[],\"has_next\":false}}"));
        var client = Client(server, JushuitanProtocol.OpenApi);

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(async () =>
        {
            await foreach (var _ in client.Orders.QueryAsync(new JushuitanOrderQuery { ModifiedBegin = default(DateTimeOffset), ModifiedEnd = _time.GetUtcNow() }))
            {
            }
        });

        Assert.Equal("modified_begin", ex.Field);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_window_longer_than_a_year_is_refused_before_sending()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":0,\"data\":{\"orders\":[],\"has_next\":false}}"));
        var client = Client(server, JushuitanProtocol.OpenApi);
        var end = _time.GetUtcNow();

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(async () =>
        {
            await foreach (var _ in client.Orders.QueryAsync(new JushuitanOrderQuery { ModifiedBegin = end.AddDays(-400), ModifiedEnd = end }))
            {
            }
        });

        Assert.Contains("366 days", ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
