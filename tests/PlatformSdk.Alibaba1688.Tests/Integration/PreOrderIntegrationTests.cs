using System.Net;
using System.Text;
using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Alibaba1688.Models.Orders;
using PlatformSdk.Alibaba1688.Models.PreOrders;
using PlatformSdk.Alibaba1688.Validation;
using PlatformSdk.Errors;
using PlatformSdk.Testing.Alibaba1688;
using static PlatformSdk.Alibaba1688.Tests.Integration.Fake1688Harness;

namespace PlatformSdk.Alibaba1688.Tests.Integration;

public sealed class PreOrderIntegrationTests
{
    private static async Task<(Fake1688Harness H, Alibaba1688ShopClient Shop)> AuthorizedAsync()
    {
        var h = Create();
        await h.AuthorizeAsync(MainShop, Fake1688Seed.MainShopLoginId);
        return (h, h.Client.ForShop(MainShop));
    }

    [Fact]
    [Rule("R1688-13", "R1688-16")]
    public async Task R168813_R168816_freight_above_zero_is_Express_with_a_payment_link_rendered_as_PNG_and_SVG_and_the_QR_locks_after_the_first_scan()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        var spec = h.Fake.GetOffer(Fake1688Seed.SkuOfferId)!.Skus[0].SpecId;

        var created = await shop.PreOrders.CreateAsync(PreOrder("SO-1001", 10m, Line(Fake1688Seed.SimpleOfferId, quantity: 2), Line(Fake1688Seed.SkuOfferId, spec)));

        Assert.Equal(Alibaba1688LogisticsMode.Express, created.LogisticsMode);
        var order = h.Fake.GetOrder(created.OrderId)!;
        Assert.Equal("SO-1001", order.OutOrderId);
        Assert.Equal("waitbuyerpay", order.Status);
        Assert.Equal(order.TotalAmount, created.PlatformTotalAmount);
        Assert.Null(created.FreightWarning);
        Assert.True(created.PaymentLink!.IsComplete);
        var png = created.PaymentQrPng.ToArray();
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Contains("<svg", created.PaymentQrSvg, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await ScanAsync(created.PaymentLink.PayUrl!));
        Assert.Equal(HttpStatusCode.Conflict, await ScanAsync(created.PaymentLink.PayUrl!));
    }

    [Fact]
    [Rule("R1688-13", "R1688-15")]
    public async Task R168813_R168815_zero_freight_is_SelfPickup_and_a_different_platform_freight_is_a_warning_not_an_error()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;

        var created = await shop.PreOrders.CreateAsync(PreOrder("SO-1002", 0m, Line(Fake1688Seed.SimpleOfferId)));

        Assert.Equal(Alibaba1688LogisticsMode.SelfPickup, created.LogisticsMode);
        Assert.Equal(10m, created.PlatformFreight);
        Assert.Contains("R1688-15", created.FreightWarning, StringComparison.Ordinal);
        Assert.NotNull(h.Fake.GetOrder(created.OrderId));
    }

    [Fact]
    [Rule("R1688-13")]
    public async Task R168813_negative_freight_is_refused_before_sending()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => shop.PreOrders.CreateAsync(PreOrder("SO-1003", -1m, Line(Fake1688Seed.SimpleOfferId))));

        Assert.Equal("R1688-13", ex.RuleId);
        Assert.Empty(h.Fake.CallsTo(Fake1688Routes.FastCreateOrder));
    }

    [Fact]
    [Rule("R1688-19")]
    public async Task R168819_51_lines_are_refused_before_sending_and_the_splitter_makes_orders_the_platform_accepts()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        var simpleOffers = h.Fake.Offers.Where(o => o.MemberId == Fake1688Seed.MainShopMemberId && o.Skus.Count == 0).Select(o => o.OfferId).ToArray();
        var salesOrder = PreOrder("SO-51", 12m, [.. Enumerable.Range(0, 51).Select(i => Line(simpleOffers[i % simpleOffers.Length]))]);

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => shop.PreOrders.CreateAsync(salesOrder));
        Assert.Equal("R1688-19", ex.RuleId);
        Assert.Empty(h.Fake.CallsTo(Fake1688Routes.FastCreateOrder));

        var parts = Alibaba1688PreOrderValidator.Split(salesOrder);
        var created = new List<Alibaba1688PreOrderResult>();
        foreach (var part in parts)
        {
            created.Add(await shop.PreOrders.CreateAsync(part));
        }

        Assert.Equal([50, 1], parts.Select(p => p.Lines.Count));
        Assert.Equal([12m, 0m], parts.Select(p => p.Freight));
        Assert.Equal(["SO-51-1", "SO-51-2"], created.Select(c => h.Fake.GetOrder(c.OrderId)!.OutOrderId));
        Assert.Equal(51, created.Sum(c => h.Fake.GetOrder(c.OrderId)!.Items.Count));
        Assert.All(h.Fake.CallsTo(Fake1688Routes.FastCreateOrder), e => Assert.DoesNotContain("success\":false", e.ResponseBody, StringComparison.Ordinal));
    }

    [Fact]
    [Rule("R1688-14", "R1688-17", "R1688-20")]
    public async Task R168814_R168817_R168820_a_paid_pre_order_is_a_formal_unshipped_order_until_shipped_through_the_api_then_exposes_the_settlement_date()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        var created = await shop.PreOrders.CreateAsync(PreOrder("SO-1004", 10m, Line(Fake1688Seed.SimpleOfferId, quantity: 3)));

        Assert.Equal(HttpStatusCode.OK, await ScanAsync(created.PaymentLink!.PayUrl!));
        h.Fake.PayOrder(created.OrderId);
        h.Time.Advance(TimeSpan.FromHours(1));
        var paid = await shop.Orders.GetAsync(created.OrderId);

        Assert.Equal(Alibaba1688OrderStatus.WaitSellerSend, paid!.Status);
        Assert.NotNull(paid.PaidAt);
        Assert.Equal("SO-1004", paid.OutOrderId);
        Assert.False(string.IsNullOrEmpty(paid.PreOrderId));
        Assert.Equal("其他", paid.PreOrderMarketName);
        Assert.Null(paid.ExpectedSettlementAt);

        var shippedAt = h.Time.GetUtcNow();
        var item = Assert.Single(paid.Items);
        var ship = await shop.Logistics.ShipAsync(new Alibaba1688ShipRequest
        {
            OrderId = created.OrderId,
            Entries = [new Alibaba1688ShipEntry(item.SubItemId, (int)item.Quantity)],
            CarrierCode = "SF",
            TrackingNumber = "SF1234567890",
            ShippedAt = shippedAt,
        });
        var shipped = await shop.Orders.GetAsync(created.OrderId);

        Assert.Equal(Alibaba1688ShipOutcome.Shipped, ship.Outcome);
        Assert.Equal(Alibaba1688OrderStatus.WaitBuyerReceive, shipped!.Status);
        Assert.Equal(shippedAt, shipped.AllDeliveredAt);
        Assert.Equal(shippedAt.AddDays(10), shipped.ExpectedSettlementAt);
        var shipment = Assert.Single(shipped.Shipments);
        Assert.Equal(("SF", "SF1234567890"), (shipment.CarrierCode, shipment.TrackingNumber));
    }

    [Fact]
    [Rule("R1688-04")]
    public async Task R168804_a_shop_without_a_market_is_refused_locally_and_the_platform_refusal_is_Configuration_too()
    {
        var (h, _) = await AuthorizedAsync();
        using var __ = h;
        await h.AuthorizeAsync(NoMarketShop, Fake1688Seed.NoMarketShopLoginId);
        var noMarket = h.Client.ForShop(NoMarketShop);

        var local = await Assert.ThrowsAsync<PlatformException>(() => noMarket.PreOrders.CreateAsync(PreOrder("SO-NM-1", 10m, Line(Fake1688Seed.SimpleOfferId))));
        Assert.Equal((ErrorCategory.Configuration, "R1688-04"), (local.Category, local.RuleId));
        Assert.Empty(h.Fake.CallsTo(Fake1688Routes.FastCreateOrder));

        // The ERP claims a market the shop has not bound in 1688: the platform answers 当前店铺没有设置对应市场.
        var remote = await Assert.ThrowsAsync<PlatformException>(
            () => noMarket.PreOrders.CreateAsync(PreOrder("SO-NM-2", 10m, Line(Fake1688Seed.SimpleOfferId)) with { Market = "其他" }));
        Assert.Equal((ErrorCategory.Configuration, "R1688-04"), (remote.Category, remote.RuleId));
        Assert.False(remote.MayHaveBeenProcessed);
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.FastCreateOrder));
        Assert.Empty(h.Fake.CallsTo(Fake1688Routes.OrderList));
    }

    [Fact]
    [Rule("R1688-08")]
    public async Task R168808_an_offer_that_gained_SKUs_after_a_simple_publish_fails_with_BusinessRule_null_no_exist()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        h.Fake.AddSkusToOffer(Fake1688Seed.SimpleOfferId, new Fake1688Sku { SpecId = "b266e0726506185beaf205cbae88a289", SkuId = 3401, CargoNumber = "HX-1001-R", Price = 25m });

        var ex = await Assert.ThrowsAsync<PlatformException>(() => shop.PreOrders.CreateAsync(PreOrder("SO-1005", 10m, Line(Fake1688Seed.SimpleOfferId))));

        Assert.Equal((ErrorCategory.BusinessRule, "R1688-08"), (ex.Category, ex.RuleId));
        Assert.Contains("null no exist!", ex.Error.Message, StringComparison.Ordinal);
        Assert.Contains("matching", ex.Remedy, StringComparison.OrdinalIgnoreCase);
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.FastCreateOrder));
    }

    [Fact]
    [Rule("R1688-12")]
    public async Task R168812_a_failed_line_among_good_ones_is_reported_per_line_and_the_order_is_created_for_the_rest()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        h.Fake.DeleteOffer(Fake1688Seed.SimpleOfferId);
        var spec = h.Fake.GetOffer(Fake1688Seed.SkuOfferId)!.Skus[1].SpecId;

        var created = await shop.PreOrders.CreateAsync(PreOrder("SO-1006", 10m, Line(Fake1688Seed.SimpleOfferId), Line(Fake1688Seed.SkuOfferId, spec)));

        var failed = Assert.Single(created.FailedLines);
        Assert.Equal(Fake1688Seed.SimpleOfferId, failed.OfferId);
        Assert.Equal((ErrorCategory.BusinessRule, "R1688-12"), (failed.Error.Category, failed.Error.RuleId));
        Assert.Single(h.Fake.GetOrder(created.OrderId)!.Items);
    }

    [Fact]
    [Rule("R1688-12")]
    public async Task R168812_a_deleted_offer_fails_with_BusinessRule_publish_a_new_offer()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        h.Fake.DeleteOffer(Fake1688Seed.SimpleOfferId);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => shop.PreOrders.CreateAsync(PreOrder("SO-1007", 10m, Line(Fake1688Seed.SimpleOfferId))));

        Assert.Equal((ErrorCategory.BusinessRule, "R1688-12"), (ex.Category, ex.RuleId));
        Assert.Contains("不支持在线交易", ex.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Publish a new offer", ex.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("R1688-23")]
    public async Task R168823_a_line_repriced_more_than_30_percent_is_flagged_and_still_created()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;

        var created = await shop.PreOrders.CreateAsync(PreOrder("SO-1008", 10m,
            Line(Fake1688Seed.SimpleOfferId, unitPrice: 25m, listPrice: 25m),
            Line(Fake1688Seed.SimpleOfferId, unitPrice: 30m, listPrice: 100m),
            Line(Fake1688Seed.SimpleOfferId, unitPrice: 77m, listPrice: 100m)));

        var flagged = Assert.Single(created.PriceDeviations);
        Assert.Equal((1, 70m), (flagged.LineIndex, flagged.DeviationPercent));
        Assert.NotNull(h.Fake.GetOrder(created.OrderId));
    }

    [Fact]
    [Rule("R1688-16")]
    public async Task R168816_payment_links_for_several_orders_are_one_cashier_url()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        var a = await shop.PreOrders.CreateAsync(PreOrder("SO-1009", 10m, Line(Fake1688Seed.SimpleOfferId)));
        var b = await shop.PreOrders.CreateAsync(PreOrder("SO-1010", 10m, Line(Fake1688Seed.SimpleOfferId)));

        var links = await shop.PreOrders.GetPaymentLinksAsync([a.OrderId, b.OrderId]);

        var link = Assert.Single(links);
        Assert.True(link.IsComplete);
        var svg = Alibaba1688PaymentQr.RenderSvg(link.PayUrl!);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await ScanAsync(link.PayUrl!));
    }
}
