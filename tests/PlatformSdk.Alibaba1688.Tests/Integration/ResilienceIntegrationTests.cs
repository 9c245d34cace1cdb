using PlatformSdk.Errors;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Testing.Faults;
using static PlatformSdk.Alibaba1688.Tests.Integration.Fake1688Harness;

namespace PlatformSdk.Alibaba1688.Tests.Integration;

public sealed class ResilienceIntegrationTests
{
    private static async Task<(Fake1688Harness H, Alibaba1688ShopClient Shop)> AuthorizedAsync()
    {
        var h = Create();
        await h.AuthorizeAsync(MainShop, Fake1688Seed.MainShopLoginId);
        h.Fake.Journal.Clear();
        return (h, h.Client.ForShop(MainShop));
    }

    [Fact]
    public async Task Throttled_read_gw_QosAppFrequencyLimit_is_retried_and_succeeds()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        h.Fake.Faults.For(Fake1688Routes.ProductGet).Next(2, Fault.Throttle());

        var product = await shop.Products.GetAsync(Fake1688Seed.SkuOfferId);

        Assert.Equal(Fake1688Seed.SkuOfferId, product!.ProductId);
        var calls = h.Fake.CallsTo(Fake1688Routes.ProductGet);
        Assert.Equal(3, calls.Count);
        Assert.Contains("gw.QosAppFrequencyLimit", calls[0].ResponseBody, StringComparison.Ordinal);
        // Each attempt is signed again with a fresh timestamp; the fake's verifier accepted the last one.
        Assert.Equal(200, calls[2].ResponseStatus);
    }

    [Fact]
    public async Task Server_error_on_a_read_is_retried()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        h.Fake.Faults.For(Fake1688Routes.CarrierList).Once(Fault.ServerError(503));

        var carriers = await shop.Logistics.ListCarriersAsync();

        Assert.NotEmpty(carriers);
        Assert.Equal(2, h.Fake.CallsTo(Fake1688Routes.CarrierList).Count);
    }

    [Fact]
    public async Task Create_pre_order_is_a_non_idempotent_write_503_after_processing_is_sent_once_and_reconciled_by_outOrderId()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        h.Fake.Faults.For(Fake1688Routes.FastCreateOrder).Once(Fault.ServerError(503, processRequest: true));

        var created = await shop.PreOrders.CreateAsync(PreOrder("SO-2001", 10m, Line(Fake1688Seed.SimpleOfferId)));

        Assert.Single(h.Fake.CallsTo(Fake1688Routes.FastCreateOrder));
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.OrderList));
        Assert.True(created.Reconciled);
        var order = Assert.Single(h.Fake.Orders, o => o.OutOrderId == "SO-2001");
        Assert.Equal(order.OrderId, created.OrderId);
        Assert.True(created.PaymentLink!.IsComplete);
    }

    [Fact]
    public async Task Create_pre_order_503_before_processing_is_sent_once_and_surfaces_MayHaveBeenProcessed_when_reconcile_finds_nothing()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        h.Fake.Faults.For(Fake1688Routes.FastCreateOrder).Once(Fault.ServerError(503));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => shop.PreOrders.CreateAsync(PreOrder("SO-2002", 10m, Line(Fake1688Seed.SimpleOfferId))));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(ErrorCategory.Transient, ex.Category);
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.FastCreateOrder));
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.OrderList));
        Assert.DoesNotContain(h.Fake.Orders, o => o.OutOrderId == "SO-2002");

        // The caller may now resend with the same sales order id; the platform's outOrderId keeps it single.
        var created = await shop.PreOrders.CreateAsync(PreOrder("SO-2002", 10m, Line(Fake1688Seed.SimpleOfferId)));
        Assert.Single(h.Fake.Orders, o => o.OutOrderId == "SO-2002");
        Assert.False(created.Reconciled);
    }

    [Fact]
    public async Task Publish_is_a_non_idempotent_write_a_503_on_product_add_is_not_resent()
    {
        var (h, shop) = await AuthorizedAsync();
        using var _ = h;
        h.Fake.Faults.For(Fake1688Routes.ProductAdd).Once(Fault.ServerError(503, processRequest: true));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => shop.Products.PublishAsync(new Models.Products.Alibaba1688PublishRequest
        {
            Subject = "单次发布",
            CategoryId = 1031910,
            Images = [new Models.Products.Alibaba1688Image("a.jpg", new byte[10])],
        }));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.ProductAdd));
    }
}
