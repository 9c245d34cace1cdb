using PlatformSdk.Errors;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Jushuitan.Tests.Integration;

/// <summary>
/// Composite calls (upload + check query, lookup + cancel batches): one deadline for the whole call, and a write that was
/// applied is never reported as if nothing happened.
/// </summary>
public sealed class CompositeWriteIntegrationTests
{
    public static TheoryData<JushuitanProtocol> Protocols => new() { JushuitanProtocol.Legacy, JushuitanProtocol.OpenApi };

    private static JushuitanOrderUpload[] Orders(string prefix, int count)
        => Enumerable.Range(1, count).Select(i => FakeJushuitanHarness.Order($"{prefix}-{i:000}", paid: true)).ToArray();

    [Theory]
    [Rule("RJST-08")]
    [MemberData(nameof(Protocols))]
    public async Task RJST08_A_cancel_whose_second_batch_is_refused_says_the_first_batch_was_cancelled_and_may_not_be_resent(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        var orders = Orders("SO-CB", 51); // two cancel batches of at most 50
        await h.Client.Orders.UploadAsync(orders);
        h.Fake.Faults.For(JushuitanRoutes.OrdersCancel).Pass(1).Once(Fault.PlatformError("160", "保存失败"));

        var ex = await Assert.ThrowsAsync<PlatformException>(() =>
            h.Client.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = FakeJushuitanSeed.OwnMallShopId, SoIds = orders.Select(o => o.SoId).ToArray() }));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("Earlier batches of this call were cancelled", ex.Remedy, StringComparison.Ordinal);
        Assert.Equal(2, h.Fake.CallsTo(JushuitanRoutes.OrdersCancel).Count);
        Assert.Equal(50, orders.Count(o => h.Fake.GetOrder(FakeJushuitanSeed.OwnMallShopId, o.SoId)!.Status == "Cancelled"));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task An_upload_and_its_check_query_share_one_deadline_and_a_check_past_it_keeps_the_upload_results(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol, resilience: o =>
        {
            o.TotalTimeout = TimeSpan.FromSeconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
        });
        h.Fake.Faults.For(JushuitanRoutes.OrdersUpload).Once(Fault.Delay(TimeSpan.FromSeconds(6)));
        h.Fake.Faults.For(JushuitanRoutes.OrdersQuery).Once(Fault.Delay(TimeSpan.FromSeconds(6)));

        var upload = h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-DL", paid: true)]);
        await h.Fake.Journal.WaitForCountAsync(1);
        h.Time.Advance(TimeSpan.FromSeconds(6)); // the upload answers at t = 6 s
        await h.Fake.Journal.WaitForCountAsync(2);
        h.Time.Advance(TimeSpan.FromSeconds(4)); // t = 10 s: the call's deadline; the check alone would have had until t = 16 s
        var result = await upload.WaitAsync(TimeSpan.FromSeconds(30));
        h.Time.Advance(TimeSpan.FromSeconds(2)); // releases the fake's held reply

        var order = Assert.Single(result.Orders);
        Assert.True(order.IsSuccess);
        Assert.Equal(JushuitanUploadVerification.CheckFailed, order.Verification);
        Assert.Contains("query the order later", order.Remedy, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_cancel_whose_lookup_runs_past_the_deadline_sent_nothing_that_may_have_happened(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol, resilience: o =>
        {
            o.TotalTimeout = TimeSpan.FromSeconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
        });
        await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-LD", paid: true)]);
        h.Fake.Journal.Clear();
        h.Fake.Faults.For(JushuitanRoutes.OrdersQuery).Once(Fault.Delay(TimeSpan.FromSeconds(20)));

        var cancel = h.Client.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = FakeJushuitanSeed.OwnMallShopId, SoIds = ["SO-LD"] });
        await h.Fake.Journal.WaitForCountAsync(1);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        var ex = await Assert.ThrowsAsync<PlatformException>(() => cancel.WaitAsync(TimeSpan.FromSeconds(30)));
        h.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(PlatformErrorCodes.Timeout, ex.ErrorCode);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Empty(h.Fake.CallsTo(JushuitanRoutes.OrdersCancel));
    }
}
