using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Alibaba1688.Auth;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Alibaba1688.Models.PreOrders;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Testing;

namespace PlatformSdk.Alibaba1688.Tests;

/// <summary>
/// Hostile replies become platform errors (never a raw exception): real client calls over loopback answered with replies
/// mutated from valid ones, and the classifier and readers called in-process. Fixed seeds; a failure prints the seed and input.
/// </summary>
public sealed class ReplyFuzzTests : IDisposable
{
    private const int Seed = 8_0402;
    private const string CarriersReply = "{\"success\":true,\"result\":[{\"id\":1,\"companyNo\":\"SF\",\"companyName\":\"顺丰\",\"companyPhone\":\"95338\",\"supportPrint\":\"true\",\"spelling\":\"shunfeng\"}]}";
    private const string ProductReply = "{\"productInfo\":{\"productID\":549605719581,\"subject\":\"茶\",\"status\":\"published\",\"categoryID\":\"1031910\",\"productCargoNumber\":\"P-1\",\"referencePrice\":\"12.5\",\"lastUpdateTime\":\"20180614101942000+0800\",\"image\":{\"images\":[\"img/ibank/1.jpg\",\"https://cbu01.alicdn.com/2.jpg\"]},\"skuInfos\":[{\"skuId\":11,\"specId\":\"sp1\",\"cargoNumber\":\"S-1\",\"price\":\"12.5\",\"amountOnSale\":5,\"attributes\":[{\"attributeID\":3216,\"attributeDisplayName\":\"颜色\",\"attributeValue\":\"红色\"}]}]}}";
    private const string OrderReply = "{\"result\":{\"baseInfo\":{\"idOfStr\":\"3003\",\"outOrderId\":\"SO-7\",\"status\":\"waitbuyerpay\",\"createTime\":\"20180614101942000+0800\",\"payTime\":\"20180614101942+0800\",\"totalAmount\":61.5,\"shippingFee\":\"10\",\"discount\":-100,\"preOrderId\":\"77\"},\"orderBizInfo\":{\"preOrderInfo\":{\"marketName\":\"其他\"}},\"productItems\":[{\"subItemIDString\":\"11\",\"productID\":5,\"skuID\":6,\"quantity\":2,\"price\":\"25.75\",\"itemAmount\":51.5,\"logisticsStatus\":1}],\"nativeLogistics\":{\"logisticsItems\":[{\"logisticsCompanyNo\":\"SF\",\"logisticsBillNo\":\"SF1\",\"subItemIds\":\"11,12\"}]}}}";
    private const string OrderListReply = "{\"result\":[{\"baseInfo\":{\"idOfStr\":\"3003\",\"outOrderId\":\"SO-7\",\"status\":\"waitbuyerpay\"}}],\"totalRecord\":1}";
    private const string ShipReply = "{\"success\":true,\"result\":{\"sendSuccessList\":[{\"sourceEntryId\":11,\"sourceId\":2001}],\"sendFailList\":[]}}";
    private const string CreateReply = "{\"success\":true,\"result\":{\"orderId\":\"2001\",\"totalSuccessAmount\":6150,\"postFee\":1000,\"failedOfferList\":[{\"offerId\":6,\"specId\":\"sp\",\"errorCode\":\"500\",\"errorMessage\":\"x\"}]}}";
    private const string PayUrlReply = "{\"success\":true,\"payUrl\":\"https://trade.1688.com/cashier?o=2001\",\"payFailureOrderList\":[{\"orderId\":3}]}";
    private const string PageReply = "{\"result\":{\"success\":true,\"pageResult\":{\"resultList\":[{\"productID\":1,\"subject\":\"a\"}],\"totalRecords\":1}}}";
    private const string GrantReply = "{\"access_token\":\"at-N\",\"refresh_token\":\"rt-N\",\"expires_in\":\"36000\",\"refresh_token_timeout\":\"20261014200339000+0800\",\"resource_owner\":\"newshop\",\"aliId\":\"8888\",\"memberId\":\"b2b-1\"}";
    private const string ExpiredReply = "{\"error_code\":\"401\",\"error_message\":\"Request need user authorized\"}";
    private const string GatewayErrorReply = "{\"error_code\":\"gw.QpsOverrun\",\"error_message\":\"flow control\",\"request_id\":\"r1\"}";
    private const string BusinessErrorReply = "{\"success\":\"false\",\"errorCode\":\"500\",\"errorMessage\":\"发货失败\",\"extErrorMessage\":\"x\"}";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private Alibaba1688Client Client(LoopbackStubServer stub)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(_time).AddAlibaba1688(o =>
        {
            o.AppKey = "1000000";
            o.AppSecret = "test123";
            o.RedirectUri = new Uri("https://erp.example.com/cb");
            o.EndpointsOverride = stub.Alibaba1688Endpoints();
            o.Shops["shopA"] = new Alibaba1688ShopOptions { AccessToken = "at-A", RefreshToken = "rt-A", Market = "其他" };
        });
        // One retry, so a token-expiry reply leads to the refresh call; no waits on the fake clock (a longer Retry-After is not retried).
        services.Configure<PlatformResilienceOptions>("Alibaba1688", o =>
        {
            o.PermitsPerSecond = 0;
            o.MaxRetries = 1;
            o.BaseDelay = TimeSpan.Zero;
            o.MaxDelay = TimeSpan.Zero;
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<Alibaba1688Client>();
    }

    private static string Valid(string api) => api switch
    {
        "alibaba.logistics.OpQueryLogisticCompanyList" => CarriersReply,
        "alibaba.trade.fastCreateOrder" => CreateReply,
        "alibaba.alipay.url.get" => PayUrlReply,
        "getToken" => GrantReply,
        _ => "{\"success\":true}",
    };

    private static Alibaba1688PreOrderRequest PreOrder() => new()
    {
        SalesOrderId = "SO-9",
        Freight = 12m,
        Lines = [new Alibaba1688PreOrderLine { OfferId = 5, SpecId = "sp", Quantity = 2, UnitPrice = 25.75m, ListPrice = 100m }],
    };

    private static Alibaba1688ShipRequest Ship() => new()
    {
        OrderId = 2001,
        Entries = [new Alibaba1688ShipEntry(11, 2)],
        CarrierCode = "SF",
        TrackingNumber = "SF123",
        ShippedAt = new DateTimeOffset(2018, 6, 14, 2, 19, 42, TimeSpan.Zero),
    };

    // Each target: the API whose reply is mutated (null: every API), its valid reply, the replies of the other APIs the call visits, and the call.
    private sealed record Target(string Name, string? FuzzedApi, string ValidReply, Func<string, string> OtherReplies, Func<Alibaba1688Client, Task> Call);

    private static readonly Target[] Targets =
    [
        new("carriers", null, CarriersReply, Valid, c => c.ForShop("shopA").Logistics.ListCarriersAsync()),
        new("product", null, ProductReply, Valid, c => c.ForShop("shopA").Products.GetAsync(549605719581)),
        new("order", null, OrderReply, Valid, c => c.ForShop("shopA").Orders.GetAsync(3003)),
        new("order by out id", null, OrderListReply, Valid, c => c.ForShop("shopA").Orders.FindByOutOrderIdAsync("SO-7")),
        new("ship", null, ShipReply, Valid, c => c.ForShop("shopA").Logistics.ShipAsync(Ship())),
        new("pre-order", "alibaba.trade.fastCreateOrder", CreateReply, Valid, c => c.ForShop("shopA").PreOrders.CreateAsync(PreOrder())),
        new("payment link", "alibaba.alipay.url.get", PayUrlReply, Valid, c => c.ForShop("shopA").PreOrders.CreateAsync(PreOrder())),
        new("products page", null, PageReply, Valid, async c => await c.ForShop("shopA").Products.DownloadAllAsync().ToListAsync()),
        new("code exchange", "getToken", GrantReply, Valid, c => c.Auth.ExchangeCodeAsync("shopN", "code-1")),
        new("token refresh", "getToken", GrantReply, api => api == "getToken" ? GrantReply : ExpiredReply, c => c.ForShop("shopA").Logistics.ListCarriersAsync()),
        new("error envelope", null, BusinessErrorReply, Valid, c => c.ForShop("shopA").Logistics.ShipAsync(Ship())),
        new("gateway error", null, GatewayErrorReply, Valid, c => c.ForShop("shopA").Logistics.ListCarriersAsync()),
    ];

    [Fact]
    public async Task Every_client_call_answered_with_a_hostile_reply_returns_or_throws_a_PlatformException()
    {
        using var stub = new LoopbackStubServer();
        var client = Client(stub);
        var runs = Targets.SelectMany((target, i) => ReplyFuzz.Cases(Seed + i, target.ValidReply, 140, i * 1000).Select(c => (Target: target, Case: c))).ToList();
        var byIndex = runs.ToDictionary(r => r.Case.Index);

        await ReplyFuzz.AssertOnlyPlatformErrorsAsync(Seed, runs.Select(r => r.Case with { Kind = r.Target.Name + ": " + r.Case.Kind }), async @case =>
        {
            var (target, fuzzed) = byIndex[@case.Index];
            stub.SetHandler(request => (target.FuzzedApi ?? request.Api()) == request.Api() && (target.FuzzedApi is not null || request.Api() != "getToken")
                ? new StubReply(fuzzed.Status, fuzzed.Body, "application/json;charset=UTF-8")
                : StubReply.Json(target.OtherReplies(request.Api())));
            await target.Call(client);
        });
    }

    [Fact]
    public void The_classifier_and_the_readers_turn_every_hostile_body_into_a_result_or_a_PlatformException()
    {
        var classifier = new Alibaba1688ResponseClassifier();
        var replies = new[] { CarriersReply, ProductReply, OrderReply, ShipReply, CreateReply, PayUrlReply, PageReply, GrantReply, ExpiredReply, GatewayErrorReply, BusinessErrorReply };
        var cases = replies.SelectMany((reply, i) => ReplyFuzz.Cases(Seed + 100 + i, reply, 180, i * 1000)).ToList();
        var now = _time.GetUtcNow();

        ReplyFuzz.AssertOnlyPlatformErrors(Seed + 100, cases, @case =>
        {
            _ = classifier.ClassifyBody(@case.Body, @case.Status);
            if (!PlatformResponseClassifier.TryParseJsonObject(@case.Body, out var document, out _))
            {
                return;
            }

            using (document)
            {
                var root = document.RootElement;
                _ = classifier.ClassifyRoot(root, @case.Status);
                foreach (var element in new[] { root, Alibaba1688Json.Property(root, "result") ?? root, Alibaba1688Json.Property(root, "productInfo") ?? root })
                {
                    _ = Alibaba1688Mappers.Product(element);
                    _ = Alibaba1688Mappers.Order(element);
                    _ = Alibaba1688Mappers.Carrier(element);
                    foreach (var row in Alibaba1688Json.Array(element, "result", "resultList", "skuInfos", "productItems"))
                    {
                        _ = Alibaba1688Mappers.Product(row);
                        _ = Alibaba1688Mappers.Order(row);
                        _ = Alibaba1688Mappers.Carrier(row);
                    }
                }

                _ = Alibaba1688TokenSource.ReadGrant(root, now);
            }
        });
    }

    public static TheoryData<string> UnusableLifetimes() => new()
    {
        "9223372036854775807", "\"9223372036854775807\"", "-9223372036854775808", "-1", "\"-1\"", "0", "1e30", "\"1e30\"", "1e400", "36000.5",
        "\"soon\"", "{}", "[]", "true", "3153600001",
    };

    [Theory]
    [MemberData(nameof(UnusableLifetimes))]
    public async Task A_token_reply_with_an_expires_in_beyond_TimeSpan_is_a_platform_error_not_an_overflow(string expiresIn)
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{\"access_token\":\"at-N\",\"refresh_token\":\"rt-N\",\"expires_in\":" + expiresIn + "}"));
        var client = Client(stub);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.Auth.ExchangeCodeAsync("shopN", "code-1"));

        Assert.Equal("malformed-token-response", ex.ErrorCode);
        Assert.Contains("expires_in", ex.Message, StringComparison.Ordinal);
        // The single-use code may have been used up by the call: it may have happened, is not repeated, and a new code is needed.
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("new code", ex.Remedy, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
        Assert.DoesNotContain("at-N", ex.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<PlatformException>(() => client.ForShop("shopN").Logistics.ListCarriersAsync()); // nothing was stored
    }

    [Fact]
    public async Task A_token_reply_without_an_access_token_after_a_code_exchange_may_have_used_the_code_up()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{\"expires_in\":36000}"));
        var client = Client(stub);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.Auth.ExchangeCodeAsync("shopN", "code-1"));

        Assert.Equal("malformed-token-response", ex.ErrorCode);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData("\"36000\"", 36000)]
    [InlineData("7200", 7200)]
    [InlineData("null", 36000)]
    [InlineData("\"\"", 36000)]
    public async Task A_token_reply_with_a_numeric_string_or_no_expires_in_gives_a_grant(string expiresIn, long seconds)
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{\"access_token\":\"at-N\",\"expires_in\":" + expiresIn + "}"));
        var client = Client(stub);

        var grant = await client.Auth.ExchangeCodeAsync("shopN", "code-1");

        Assert.Equal(_time.GetUtcNow().AddSeconds(seconds), grant.AccessTokenExpiresAt);
    }

    [Theory]
    [InlineData("00010101000000+1400")]
    [InlineData("99991231235959-1400")]
    [InlineData("20240101000000+1459")]
    public void A_time_outside_the_calendar_once_its_offset_is_applied_reads_as_absent(string text)
    {
        using var document = JsonDocument.Parse("{\"t\":\"" + text + "\"}");

        Assert.Null(Alibaba1688Json.Time(document.RootElement, "t"));
    }
}
