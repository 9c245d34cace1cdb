using PlatformSdk.Errors;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Testing.Faults;
using static PlatformSdk.Alibaba1688.Tests.Integration.Fake1688Harness;

namespace PlatformSdk.Alibaba1688.Tests.Integration;

/// <summary>
/// A write and its reconcile lookup are one composite call under one policy: a reconcile that fails keeps the write's
/// ambiguity, so a pre-order whose reply was lost is never reported safe to resend.
/// </summary>
public sealed class CompositeWriteTests
{
    [Fact]
    public async Task A_failed_reconcile_keeps_the_create_ambiguous_and_attaches_the_lookup_failure()
    {
        var h = Create();
        using var _ = h;
        await h.AuthorizeAsync(MainShop, Fake1688Seed.MainShopLoginId);
        var shop = h.Client.ForShop(MainShop);
        h.Fake.Faults.For(Fake1688Routes.FastCreateOrder).Once(Fault.ServerError(503, processRequest: true));
        h.Fake.Faults.For(Fake1688Routes.OrderList).Next(10, Fault.ServerError(503));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => shop.PreOrders.CreateAsync(PreOrder("SO-3001", 10m, Line(Fake1688Seed.SimpleOfferId))));

        Assert.True(ex.MayHaveBeenProcessed);
        var lookup = Assert.IsType<PlatformException>(ex.InnerException);
        Assert.Equal("http-503", lookup.ErrorCode);
        Assert.Contains("lookup failed", ex.Remedy, StringComparison.Ordinal);
        Assert.Single(h.Fake.Orders, o => o.OutOrderId == "SO-3001"); // the platform holds it: resending would duplicate
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.FastCreateOrder));
    }

    [Fact]
    public async Task An_unrepresentable_freight_is_refused_before_the_create_is_sent()
    {
        var h = Create();
        using var _ = h;
        await h.AuthorizeAsync(MainShop, Fake1688Seed.MainShopLoginId);
        var shop = h.Client.ForShop(MainShop);

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => shop.PreOrders.CreateAsync(PreOrder("SO-3002", decimal.MaxValue, Line(Fake1688Seed.SimpleOfferId))));

        Assert.Equal("freight", ex.Field);
        Assert.Empty(h.Fake.CallsTo(Fake1688Routes.FastCreateOrder));
    }
}
