using PlatformSdk.Errors;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Jushuitan.Tests.Integration;

/// <summary>
/// The bundled fake's hostile faults (redirect, byte order mark, trailing bytes, oversized body) against the real client, end
/// to end: the invariants of docs/reliability.md hold with the fault kinds users get in <c>PlatformSdk.Testing</c>.
/// </summary>
public sealed class HostileFaultIntegrationTests
{
    public static TheoryData<JushuitanProtocol> Protocols => new() { JushuitanProtocol.Legacy, JushuitanProtocol.OpenApi };

    private static JushuitanCancelRequest Cancel(string soId) => new() { ShopId = FakeJushuitanSeed.OwnMallShopId, SoIds = [soId] };

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_redirected_cancel_is_sent_once_not_followed_and_may_have_happened(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-R", paid: true)]);
        h.Fake.Faults.For(JushuitanRoutes.OrdersCancel).Once(Fault.Redirect(302, processRequest: true));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Orders.CancelAsync(Cancel("SO-R")));

        Assert.Equal(PlatformErrorCodes.Redirect, ex.ErrorCode);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.OrdersCancel));
        Assert.Equal("Cancelled", h.Fake.GetOrder(FakeJushuitanSeed.OwnMallShopId, "SO-R")!.Status);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_byte_order_mark_before_a_write_reply_is_a_success_not_a_retry(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-B", paid: true)]);
        h.Fake.Faults.For(JushuitanRoutes.OrdersCancel).Once(Fault.ByteOrderMark());

        await h.Client.Orders.CancelAsync(Cancel("SO-B"));

        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.OrdersCancel));
        Assert.Equal("Cancelled", h.Fake.GetOrder(FakeJushuitanSeed.OwnMallShopId, "SO-B")!.Status);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Trailing_bytes_after_a_write_reply_make_it_unknown_and_it_is_not_resent(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-T", paid: true)]);
        h.Fake.Faults.For(JushuitanRoutes.OrdersCancel).Once(Fault.TrailingBytes());

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Orders.CancelAsync(Cancel("SO-T")));

        Assert.Equal(PlatformErrorCodes.MalformedResponse, ex.ErrorCode);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.OrdersCancel));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task An_oversized_reply_is_refused_while_reading_and_a_write_behind_it_may_have_happened(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol, resilience: o => o.MaxResponseBytes = 64 * 1024);
        await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-O", paid: true)]);
        h.Fake.Faults.For(JushuitanRoutes.OrdersCancel).Once(Fault.OversizedBody(1024 * 1024));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Orders.CancelAsync(Cancel("SO-O")));

        Assert.Equal(PlatformErrorCodes.ResponseTooLarge, ex.ErrorCode);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.OrdersCancel));
        Assert.Equal("Cancelled", h.Fake.GetOrder(FakeJushuitanSeed.OwnMallShopId, "SO-O")!.Status);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Hostile_read_replies_are_retried_and_a_byte_order_mark_is_not_even_a_failure(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        h.Fake.Faults.For(JushuitanRoutes.ShopsQuery).Once(Fault.TrailingBytes()).Once(Fault.Redirect(307)).Once(Fault.ByteOrderMark());

        var first = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Shops.ListAsync());
        var shops = await h.Client.Shops.ListAsync();

        // Trailing bytes cost an attempt and are retried; a redirect on a read is a configuration error, not retried; the BOM
        // reply after it is read as it is.
        Assert.Equal(PlatformErrorCodes.Redirect, first.ErrorCode);
        Assert.False(first.MayHaveBeenProcessed);
        Assert.NotEmpty(shops);
        Assert.Equal(3, h.Fake.CallsTo(JushuitanRoutes.ShopsQuery).Count);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task An_oversized_read_reply_is_not_retried_and_its_remedy_gives_no_write_advice(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol, resilience: o => o.MaxResponseBytes = 64 * 1024);
        h.Fake.Faults.For(JushuitanRoutes.ShopsQuery).Once(Fault.OversizedBody(1024 * 1024));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Shops.ListAsync());

        Assert.Equal(PlatformErrorCodes.ResponseTooLarge, ex.ErrorCode);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.DoesNotContain("write", ex.Remedy, StringComparison.OrdinalIgnoreCase);
        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.ShopsQuery));
    }
}
