using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Alibaba1688.Models.PreOrders;
using PlatformSdk.Alibaba1688.Signing;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Testing;

namespace PlatformSdk.Alibaba1688.Tests;

public sealed class EndToEndTests : IDisposable
{
    private const string AppKey = "1000000";
    private const string AppSecret = "test123";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private Alibaba1688Client Client(LoopbackStubServer stub, Action<Alibaba1688Options>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(_time).AddAlibaba1688(o =>
        {
            o.AppKey = AppKey;
            o.AppSecret = AppSecret;
            o.RedirectUri = new Uri("https://erp.example.com/cb");
            o.EndpointsOverride = stub.Alibaba1688Endpoints();
            o.Shops["shopA"] = new Alibaba1688ShopOptions { AccessToken = "at-A", RefreshToken = "rt-A", Market = "其他" };
            o.Shops["shopB"] = new Alibaba1688ShopOptions { AccessToken = "at-B" };
            configure?.Invoke(o);
        });
        services.Configure<PlatformResilienceOptions>("Alibaba1688", o =>
        {
            o.PermitsPerSecond = 0;
            o.BaseDelay = TimeSpan.Zero;
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<Alibaba1688Client>();
    }

    [Fact]
    public async Task A_signed_call_goes_to_the_param2_path_with_the_shops_token_ms_timestamp_and_a_valid_signature()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{\"productInfo\":{\"productID\":549605719581,\"productCargoNumber\":\"P-1\",\"skuInfos\":[{\"skuId\":11,\"specId\":\"sp1\",\"cargoNumber\":\"S-1\",\"price\":\"12.5\",\"attributes\":[{\"attributeID\":3216,\"attributeValue\":\"红色\"}]}]}}"));
        var client = Client(stub);

        var product = await client.ForShop("shopA").Products.GetByUrlAsync("https://detail.1688.com/offer/549605719581.html?spm=x");

        var request = Assert.Single(stub.Requests);
        Assert.Equal("/openapi/param2/1/com.alibaba.product/alibaba.product.get/1000000", request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
        var form = request.Form;
        Assert.Equal("at-A", form["access_token"]);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), form["_aop_timestamp"]);
        Assert.Equal("549605719581", form["productID"]);
        var unsigned = form.Where(f => f.Key != "_aop_signature").Select(f => new KeyValuePair<string, string?>(f.Key, f.Value));
        Assert.Equal(Alibaba1688Signature.Compute("param2/1/com.alibaba.product/alibaba.product.get/1000000", unsigned, AppSecret), form["_aop_signature"]);
        Assert.Equal("P-1", product!.ProductCargoNumber);
        var sku = Assert.Single(product.Skus);
        Assert.Equal(("sp1", "S-1", 12.5m, "红色"), (sku.SpecId, sku.CargoNumber, sku.Price, sku.Attributes[0].Value));
    }

    [Fact]
    [Rule("R1688-03")]
    public async Task R168803_each_shop_uses_its_own_token()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{\"success\":true,\"result\":[]}"));
        var client = Client(stub);

        await client.ForShop("shopA").Logistics.ListCarriersAsync();
        await client.ForShop("shopB").Logistics.ListCarriersAsync();

        Assert.Equal(["at-A", "at-B"], stub.Requests.Select(r => r.Form["access_token"]));
    }

    [Fact]
    [Rule("R1688-03")]
    public async Task R168803_a_shop_without_a_token_fails_with_Authentication_explaining_how_to_authorize_and_sends_nothing()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{}"));
        var client = Client(stub);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.ForShop("shopC").Orders.GetAsync(1));

        Assert.Equal(ErrorCategory.Authentication, ex.Category);
        Assert.Equal("shop-not-authorized", ex.ErrorCode);
        Assert.Contains("ExchangeCodeAsync(\"shopC\"", ex.Remedy, StringComparison.Ordinal);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Token_expiry_401_refreshes_once_with_the_refresh_token_and_retries_with_the_new_token()
    {
        using var stub = new LoopbackStubServer(r => Alibaba1688Stub.Reply(r.Api() switch
        {
            "getToken" => (200, "{\"access_token\":\"at-A2\",\"expires_in\":\"36000\"}"),
            _ when r.Form["access_token"] == "at-A" => (401, "{\"error_code\":\"401\",\"error_message\":\"Request need user authorized\"}"),
            _ => (200, "{\"success\":true,\"result\":[{\"id\":1,\"companyNo\":\"SF\",\"companyName\":\"顺丰\"}]}"),
        }));
        var client = Client(stub);

        var carriers = await client.ForShop("shopA").Logistics.ListCarriersAsync();

        Assert.Equal("SF", Assert.Single(carriers).CompanyNo);
        var requests = stub.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.Equal("/openapi/param2/1/system.oauth2/getToken/1000000", requests[1].Path);
        Assert.Equal("refresh_token", requests[1].Form["grant_type"]);
        Assert.Equal("rt-A", requests[1].Form["refresh_token"]);
        Assert.False(requests[1].Form.ContainsKey("_aop_signature"));
        Assert.Equal("at-A2", requests[2].Form["access_token"]);
    }

    [Fact]
    public async Task OAuth_code_exchange_is_unsigned_on_the_http_path_and_stores_the_shops_token()
    {
        using var stub = new LoopbackStubServer(r => Alibaba1688Stub.Reply(r.Api() == "getToken"
            ? (200, "{\"access_token\":\"at-N\",\"refresh_token\":\"rt-N\",\"expires_in\":36000,\"resource_owner\":\"newshop\"}")
            : (200, "{\"success\":true,\"result\":[]}")));
        var client = Client(stub);

        var url = client.Auth.BuildAuthorizationUrl("shopN");
        var grant = await client.Auth.ExchangeCodeAsync("shopN", "code-1");
        await client.ForShop("shopN").Logistics.ListCarriersAsync();

        Assert.Equal(stub.Url + "/oauth/authorize?client_id=1000000&site=1688&redirect_uri=https%3A%2F%2Ferp.example.com%2Fcb&state=shopN", url.AbsoluteUri);
        Assert.Equal("newshop", grant.ResourceOwner);
        var exchange = stub.Requests[0];
        Assert.Equal("/openapi/http/1/system.oauth2/getToken/1000000", exchange.Path);
        Assert.Equal(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["need_refresh_token"] = "true", ["client_id"] = AppKey, ["client_secret"] = AppSecret,
            ["redirect_uri"] = "https://erp.example.com/cb", ["code"] = "code-1",
        }, exchange.Form);
        Assert.Equal("at-N", stub.Requests[^1].Form["access_token"]);
    }

    [Fact]
    [Rule("R1688-02")]
    public async Task R168802_not_subscribed_during_authorization_is_Authentication_with_the_main_account_remedy()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{\"error_code\":\"invalid_request\",\"error_message\":\"抱歉，系统检测到您尚未订购当前应用\"}", 400));
        var client = Client(stub);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.Auth.ExchangeCodeAsync("shopN", "c"));

        Assert.Equal(ErrorCategory.Authentication, ex.Category);
        Assert.Equal("R1688-02", ex.RuleId);
        Assert.Single(stub.Requests);
    }

    [Fact]
    [Rule("R1688-13", "R1688-15")]
    public async Task R168813_pre_order_is_created_then_its_payment_link_is_rendered_as_QR()
    {
        using var stub = new LoopbackStubServer(r => Alibaba1688Stub.Reply(r.Api() switch
        {
            "alibaba.trade.fastCreateOrder" => (200, "{\"success\":true,\"result\":{\"orderId\":\"2001\",\"totalSuccessAmount\":6150,\"postFee\":1000}}"),
            "alibaba.alipay.url.get" => (200, "{\"success\":true,\"payUrl\":\"https://trade.1688.com/cashier?o=2001\"}"),
            _ => (404, ""),
        }));
        var client = Client(stub);

        var result = await client.ForShop("shopA").PreOrders.CreateAsync(new Alibaba1688PreOrderRequest
        {
            SalesOrderId = "SO-9",
            Freight = 12m,
            Lines = [new Alibaba1688PreOrderLine { OfferId = 5, SpecId = "sp", Quantity = 2, UnitPrice = 25.75m, ListPrice = 100m }, new Alibaba1688PreOrderLine { OfferId = 6, Quantity = 1, UnitPrice = 0m, ListPrice = 0m }],
        });

        var create = stub.Requests[0];
        Assert.Equal("[{\"offerId\":5,\"specId\":\"sp\",\"quantity\":2},{\"offerId\":6,\"quantity\":1}]", create.Form["cargoParamList"]);
        Assert.Equal("SO-9", create.Form["outOrderId"]);
        Assert.Equal("general", create.Form["flow"]);
        Assert.False(create.Form.ContainsKey("addressParam"));
        Assert.Equal("[2001]", stub.Requests[^1].Form["orderIdList"]);
        Assert.Equal(2001, result.OrderId);
        Assert.Equal(Alibaba1688LogisticsMode.Express, result.LogisticsMode);
        Assert.Equal(61.50m, result.PlatformTotalAmount);
        Assert.Equal(10m, result.PlatformFreight);
        Assert.Contains("R1688-15", result.FreightWarning, StringComparison.Ordinal);
        Assert.Equal(0, Assert.Single(result.PriceDeviations).LineIndex);
        Assert.Equal("https://trade.1688.com/cashier?o=2001", result.PaymentLink!.PayUrl);
        Assert.Equal(0x89, result.PaymentQrPng.Span[0]);
        Assert.Contains("<svg", result.PaymentQrSvg, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("R1688-04")]
    public async Task R168804_a_shop_without_a_market_is_refused_before_sending()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{}"));
        var client = Client(stub);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.ForShop("shopB").PreOrders.CreateAsync(new Alibaba1688PreOrderRequest
        {
            SalesOrderId = "SO-1",
            Lines = [new Alibaba1688PreOrderLine { OfferId = 5, Quantity = 1, UnitPrice = 1m, ListPrice = 1m }],
        }));

        Assert.Equal(ErrorCategory.Configuration, ex.Category);
        Assert.Equal("R1688-04", ex.RuleId);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    [Rule("R1688-19")]
    public async Task R168819_fifty_one_lines_never_reach_the_network()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{}"));
        var client = Client(stub);

        await Assert.ThrowsAsync<PlatformValidationException>(() => client.ForShop("shopA").PreOrders.CreateAsync(new Alibaba1688PreOrderRequest
        {
            SalesOrderId = "SO-1",
            Lines = Enumerable.Range(1, 51).Select(i => new Alibaba1688PreOrderLine { OfferId = i, Quantity = 1, UnitPrice = 1m, ListPrice = 1m }).ToArray(),
        }));

        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task A_create_whose_reply_is_lost_is_reconciled_by_outOrderId_and_never_resent()
    {
        using var stub = new LoopbackStubServer(r => Alibaba1688Stub.Reply(r.Api() switch
        {
            "alibaba.trade.fastCreateOrder" => (502, "<html>bad gateway</html>"),
            "alibaba.trade.getSellerOrderList" => (200, "{\"result\":[{\"baseInfo\":{\"idOfStr\":\"3003\",\"outOrderId\":\"SO-7\",\"status\":\"waitbuyerpay\"}}],\"totalRecord\":1}"),
            _ => (200, "{\"success\":true,\"payUrl\":\"https://pay/3003\"}"),
        }));
        var client = Client(stub);

        var result = await client.ForShop("shopA").PreOrders.CreateAsync(new Alibaba1688PreOrderRequest
        {
            SalesOrderId = "SO-7",
            Lines = [new Alibaba1688PreOrderLine { OfferId = 5, Quantity = 1, UnitPrice = 1m, ListPrice = 1m }],
        });

        Assert.True(result.Reconciled);
        Assert.Equal(3003, result.OrderId);
        Assert.Equal(Alibaba1688LogisticsMode.SelfPickup, result.LogisticsMode);
        Assert.Equal(1, stub.Requests.Count(r => r.Api() == "alibaba.trade.fastCreateOrder"));
        Assert.Equal("SO-7", stub.Requests.Single(r => r.Api() == "alibaba.trade.getSellerOrderList").Form["outOrderId"]);
    }

    // The handler moves the shared fake clock past the total timeout while the request is in flight: the composite call's deadline
    // passes before any reply is written, deterministically.
    private void PassTheDeadline() => _time.Advance(new PlatformResilienceOptions().TotalTimeout + TimeSpan.FromSeconds(1));

    [Fact]
    public async Task A_create_whose_reply_is_lost_and_whose_lookup_runs_out_of_the_deadline_stays_ambiguous()
    {
        using var stub = new LoopbackStubServer(r =>
        {
            if (r.Api() == "alibaba.trade.getSellerOrderList")
            {
                PassTheDeadline();
                return StubReply.Json("{\"result\":[]}");
            }

            return Alibaba1688Stub.Reply((502, "<html>bad gateway</html>"));
        });
        var client = Client(stub);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.ForShop("shopA").PreOrders.CreateAsync(new Alibaba1688PreOrderRequest
        {
            SalesOrderId = "SO-8",
            Lines = [new Alibaba1688PreOrderLine { OfferId = 5, Quantity = 1, UnitPrice = 1m, ListPrice = 1m }],
        }));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.NotNull(ex.InnerException);
        Assert.Contains("lookup failed", ex.Remedy, StringComparison.Ordinal);
        Assert.Equal(1, stub.Requests.Count(r => r.Api() == "alibaba.trade.fastCreateOrder"));
        Assert.Equal(1, stub.Requests.Count(r => r.Api() == "alibaba.trade.getSellerOrderList"));
    }

    [Fact]
    public async Task A_payment_link_that_runs_out_of_the_create_deadline_is_reported_with_the_order_id_not_thrown()
    {
        using var stub = new LoopbackStubServer(r =>
        {
            if (r.Api() == "alibaba.alipay.url.get")
            {
                PassTheDeadline();
                return StubReply.Json("{\"success\":true,\"payUrl\":\"https://pay/4004\"}");
            }

            return StubReply.Json("{\"success\":true,\"result\":{\"orderId\":\"4004\"}}");
        });
        var client = Client(stub);

        var result = await client.ForShop("shopA").PreOrders.CreateAsync(new Alibaba1688PreOrderRequest
        {
            SalesOrderId = "SO-9",
            Lines = [new Alibaba1688PreOrderLine { OfferId = 5, Quantity = 1, UnitPrice = 1m, ListPrice = 1m }],
        });

        Assert.Equal(4004, result.OrderId);
        Assert.Null(result.PaymentLink);
        Assert.NotNull(result.PaymentLinkError);
        Assert.Equal(ErrorCategory.Transient, result.PaymentLinkError!.Category);
        Assert.Equal(1, stub.Requests.Count(r => r.Api() == "alibaba.alipay.url.get"));
    }

    [Fact]
    public async Task A_publish_that_runs_out_of_its_deadline_after_an_upload_is_a_timeout_that_may_have_been_processed()
    {
        using var stub = new LoopbackStubServer(r =>
        {
            if (r.Api() == "alibaba.product.add")
            {
                PassTheDeadline();
                return StubReply.Json("{\"productID\":77}");
            }

            return StubReply.Json("{\"image\":{\"url\":\"img/ibank/1.jpg\"}}");
        });
        var client = Client(stub);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.ForShop("shopA").Products.PublishAsync(new Models.Products.Alibaba1688PublishRequest
        {
            Subject = "T恤",
            CategoryId = 1031910,
            Images = [new Models.Products.Alibaba1688Image("a.jpg", new byte[16])],
        }));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(ErrorCategory.Transient, ex.Category);
        Assert.Equal(1, stub.Requests.Count(r => r.Api() == "alibaba.product.add"));
    }

    [Fact]
    [Rule("RLOG-13")]
    public async Task RLOG13_already_shipped_is_reported_as_AlreadyShipped_not_thrown()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{\"success\":false,\"errorCode\":\"500\",\"errorMessage\":\"发货失败,订单状态为[等待买家收货]\"}"));
        var client = Client(stub);

        var result = await client.ForShop("shopA").Logistics.ShipAsync(new Alibaba1688ShipRequest
        {
            OrderId = 2001,
            Entries = [new Alibaba1688ShipEntry(11, 2)],
            CarrierCode = "SF",
            TrackingNumber = "SF123",
            ShippedAt = new DateTimeOffset(2018, 6, 14, 2, 19, 42, TimeSpan.Zero),
        });

        Assert.Equal(Alibaba1688ShipOutcome.AlreadyShipped, result.Outcome);
        Assert.Equal("RLOG-13", Assert.Single(result.Failures).Error.RuleId);
        var form = Assert.Single(stub.Requests).Form;
        Assert.Equal("20180614101942000+0800", form["gmtSend"]);
        Assert.Equal("[{\"sourceId\":2001,\"sendGoodEntries\":[{\"sourceEntryId\":11,\"amount\":2}]}]", form["sendGoods"]);
        Assert.Equal("{\"cpCode\":\"SF\",\"mailNo\":\"SF123\"}", form["extBody"]);
    }

    [Fact]
    [Rule("RLOG-05")]
    public async Task RLOG05_missing_carrier_mapping_is_a_Configuration_error_and_not_retried()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{\"success\":false,\"errorCode\":\"INVALID_PARAM\",\"errorMessage\":\"cpCode and cpId can't be all null\"}"));
        var client = Client(stub);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => client.ForShop("shopA").Logistics.ShipAsync(new Alibaba1688ShipRequest
        {
            OrderId = 1, Entries = [new Alibaba1688ShipEntry(2, 1)], CarrierCode = "X", TrackingNumber = "T", ShippedAt = _time.GetUtcNow(),
        }));

        Assert.Equal(ErrorCategory.Configuration, ex.Category);
        Assert.Equal("RLOG-05", ex.RuleId);
        Assert.Single(stub.Requests);
    }

    [Fact]
    [Rule("RLOG-52")]
    public async Task RLOG52_the_same_sub_order_twice_is_refused_before_sending()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{}"));
        var client = Client(stub);

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => client.ForShop("shopA").Logistics.ShipAsync(new Alibaba1688ShipRequest
        {
            OrderId = 1, Entries = [new Alibaba1688ShipEntry(2, 1), new Alibaba1688ShipEntry(2, 1)], CarrierCode = "SF", TrackingNumber = "T", ShippedAt = _time.GetUtcNow(),
        }));

        Assert.Equal("RLOG-52", ex.RuleId);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    [Rule("R1688-05")]
    public async Task R168805_download_pages_by_20_and_resumes_from_a_persisted_cursor()
    {
        static string Item(long id) => $"{{\"productID\":{id},\"skuInfos\":[]}}";
        using var stub = new LoopbackStubServer(r => Alibaba1688Stub.Reply(r.Form["pageNo"] switch
        {
            "1" => (200, $"{{\"result\":{{\"success\":true,\"pageResult\":{{\"resultList\":[{string.Join(',', Enumerable.Range(1, 20).Select(i => Item(i)))}],\"totalRecords\":45}}}}}}"),
            "2" => (200, $"{{\"result\":{{\"success\":true,\"pageResult\":{{\"resultList\":[{string.Join(',', Enumerable.Range(20, 20).Select(i => Item(i)))}],\"totalRecords\":45}}}}}}"),
            _ => (200, $"{{\"result\":{{\"success\":true,\"pageResult\":{{\"resultList\":[{string.Join(',', Enumerable.Range(40, 5).Select(i => Item(i)))}],\"totalRecords\":45}}}}}}"),
        }));
        var client = Client(stub);
        var products = client.ForShop("shopA").Products;

        var pages = new List<PlatformSdk.Paging.PlatformPage<Models.Products.Alibaba1688Product>>();
        await foreach (var page in products.DownloadAllAsync().AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([20, 19, 5], pages.Select(p => p.Values.Count));
        Assert.Equal(["page:2", "page:3", null], pages.Select(p => p.ContinuationToken));
        Assert.All(stub.Requests, r => Assert.Equal("20", r.Form["pageSize"]));

        var resumed = new List<PlatformSdk.Paging.PlatformPage<Models.Products.Alibaba1688Product>>();
        await foreach (var page in products.DownloadAllAsync().AsPages(Models.Products.Alibaba1688ProductCursor.Parse("page:3").ToString()))
        {
            resumed.Add(page);
        }

        Assert.Equal(5, Assert.Single(resumed).Values.Count);
    }
}
