using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Errors;
using PlatformSdk.Testing.Alibaba1688;
using static PlatformSdk.Alibaba1688.Tests.Integration.Fake1688Harness;

namespace PlatformSdk.Alibaba1688.Tests.Integration;

public sealed class LogisticsIntegrationTests
{
    private static async Task<(Fake1688Harness H, Alibaba1688ShopClient Shop)> AuthorizedAsync()
    {
        var h = Create();
        await h.AuthorizeAsync(MainShop, Fake1688Seed.MainShopLoginId);
        h.Fake.Journal.Clear();
        return (h, h.Client.ForShop(MainShop));
    }

    private static Alibaba1688ShipRequest ShipAll(Fake1688Harness h, long orderId, string carrier = "ZTO", string tracking = "ZT7700001") => new()
    {
        OrderId = orderId,
        Entries = [.. h.Fake.GetOrder(orderId)!.Items.Select(i => new Alibaba1688ShipEntry(i.SubItemId, i.Quantity))],
        CarrierCode = carrier,
        TrackingNumber = tracking,
        ShippedAt = h.Time.GetUtcNow(),
    };

    [Fact]
    [Rule("RLOG-05")]
    public async Task RLOG05_carriers_list_gives_the_company_numbers_to_map()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;

        var carriers = await shop.Logistics.ListCarriersAsync();

        Assert.Equal(Fake1688Seed.CarrierCodes, carriers.Select(c => c.CompanyNo));
        Assert.All(carriers, c => Assert.False(string.IsNullOrEmpty(c.Name)));
    }

    [Fact]
    [Rule("RLOG-13")]
    public async Task RLOG13_shipping_a_paid_order_ships_it_and_shipping_again_is_AlreadyShipped_not_an_error()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        var request = ShipAll(h, Fake1688Seed.PaidOrderId);

        var first = await shop.Logistics.ShipAsync(request);
        var again = await shop.Logistics.ShipAsync(request with { TrackingNumber = "ZT7700002" });

        Assert.Equal(Alibaba1688ShipOutcome.Shipped, first.Outcome);
        Assert.Equal(request.Entries.Select(e => e.SubOrderId), first.ShippedSubOrderIds);
        Assert.Equal("waitbuyerreceive", h.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Status);
        Assert.Equal(Alibaba1688ShipOutcome.AlreadyShipped, again.Outcome);
        var failure = Assert.Single(again.Failures);
        Assert.Equal((ErrorCategory.AlreadyDone, "RLOG-13"), (failure.Error.Category, failure.Error.RuleId));
        Assert.Contains("already shipped", failure.Error.Remedy, StringComparison.OrdinalIgnoreCase);
        Assert.Single(h.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Shipments);
    }

    [Fact]
    [Rule("RLOG-13")]
    public async Task RLOG13_a_seeded_shipped_order_is_AlreadyShipped()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;

        var result = await shop.Logistics.ShipAsync(ShipAll(h, Fake1688Seed.ShippedOrderId));

        Assert.Equal(Alibaba1688ShipOutcome.AlreadyShipped, result.Outcome);
        Assert.Equal("RLOG-13", Assert.Single(result.Failures).Error.RuleId);
    }

    [Fact]
    [Rule("RLOG-05", "RLOG-12")]
    public async Task RLOG05_RLOG12_an_unknown_carrier_code_is_Configuration_with_the_remap_remedy_and_not_retried()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;

        var ex = await Assert.ThrowsAsync<PlatformException>(() => shop.Logistics.ShipAsync(ShipAll(h, Fake1688Seed.PaidOrderId, carrier: "NOT-A-CARRIER")));

        Assert.Equal(ErrorCategory.Configuration, ex.Category);
        Assert.Contains(ex.RuleId, new[] { "RLOG-05", "RLOG-12" });
        Assert.Contains("ListCarriersAsync", ex.Remedy, StringComparison.Ordinal);
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.SendGoods));
        Assert.Equal("waitsellersend", h.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Status);
    }

    [Fact]
    [Rule("RLOG-52")]
    public async Task RLOG52_splitting_one_sub_orders_quantity_is_Validation_from_the_platform_and_refused_locally_when_repeated()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        var item = h.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Items.First(i => i.Quantity > 1);
        var partial = ShipAll(h, Fake1688Seed.PaidOrderId) with { Entries = [new Alibaba1688ShipEntry(item.SubItemId, item.Quantity - 1)] };

        var remote = await Assert.ThrowsAsync<PlatformException>(() => shop.Logistics.ShipAsync(partial));
        Assert.Equal((ErrorCategory.Validation, "RLOG-52"), (remote.Category, remote.RuleId));
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.SendGoods));

        var twice = partial with { Entries = [new Alibaba1688ShipEntry(item.SubItemId, 1), new Alibaba1688ShipEntry(item.SubItemId, item.Quantity - 1)] };
        var local = await Assert.ThrowsAsync<PlatformValidationException>(() => shop.Logistics.ShipAsync(twice));
        Assert.Equal("RLOG-52", local.RuleId);
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.SendGoods));
        Assert.Equal("waitsellersend", h.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Status);
    }

    [Fact]
    [Rule("RLOG-32")]
    public async Task RLOG32_an_order_1688_does_not_find_is_Transient_but_shipping_is_a_non_idempotent_write_and_is_sent_once()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;

        var ex = await Assert.ThrowsAsync<PlatformException>(() => shop.Logistics.ShipAsync(new Alibaba1688ShipRequest
        {
            OrderId = 3712009999999999999,
            Entries = [new Alibaba1688ShipEntry(3712009999999999998, 1)],
            CarrierCode = "SF",
            TrackingNumber = "SF000001",
            ShippedAt = h.Time.GetUtcNow(),
        }));

        Assert.Equal((ErrorCategory.Transient, "RLOG-32"), (ex.Category, ex.RuleId));
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.SendGoods));
    }

    [Fact]
    [Rule("RLOG-40")]
    public async Task RLOG40_a_platform_timeout_on_shipping_is_not_retried_blindly_and_the_callers_retry_succeeds()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        h.Fake.FailNextSendGoods(1);
        var request = ShipAll(h, Fake1688Seed.PaidOrderId);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => shop.Logistics.ShipAsync(request));
        Assert.Equal((ErrorCategory.Transient, "RLOG-40"), (ex.Category, ex.RuleId));
        Assert.True(ex.MayHaveBeenProcessed, "a backend timeout on a write leaves the outcome unknown: reconcile before resending");
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.SendGoods));

        var retried = await shop.Logistics.ShipAsync(request);
        Assert.Equal(Alibaba1688ShipOutcome.Shipped, retried.Outcome);
        Assert.Equal(2, h.Fake.CallsTo(Fake1688Routes.SendGoods).Count);
    }

    [Fact]
    [Rule("RLOG-13", "RLOG-40")]
    public async Task RLOG40_RLOG13_a_timeout_after_the_platform_shipped_makes_the_callers_retry_AlreadyShipped_never_a_second_shipment()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        h.Fake.FailNextSendGoods(1, processRequest: true);
        var request = ShipAll(h, Fake1688Seed.PaidOrderId);

        await Assert.ThrowsAsync<PlatformException>(() => shop.Logistics.ShipAsync(request));
        var retried = await shop.Logistics.ShipAsync(request);

        Assert.Equal(Alibaba1688ShipOutcome.AlreadyShipped, retried.Outcome);
        Assert.Single(h.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Shipments);
        Assert.Equal(2, h.Fake.CallsTo(Fake1688Routes.SendGoods).Count);
    }
}
