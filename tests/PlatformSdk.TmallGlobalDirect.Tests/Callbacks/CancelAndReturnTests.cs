using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Testing.Top;
using PlatformSdk.TmallGlobalDirect.Callbacks;
using PlatformSdk.TmallGlobalDirect.Push;

namespace PlatformSdk.TmallGlobalDirect.Tests.Callbacks;

public sealed class CancelAndReturnTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static ConsignOrderCancel Cancel(string code) => new()
    {
        Method = TmallGlobalDirectPushMethods.ConsignOrderCancel,
        BizOrderCode = code,
        SupplierId = CallbackHarness.Supplier,
        RefundStatus = "1",
    };

    [Fact]
    [Rule("RTGD-08")]
    public async Task RTGD08_an_order_awaiting_review_is_intercepted_and_reported_as_cancelled()
    {
        await using var h = CallbackHarness.Start();
        h.AddOrder("LBX2001");

        var outcome = await h.Client.InterceptAsync(Cancel("LBX2001"), ConsignOrderWarehouseStatus.AwaitingReview, Ct);

        Assert.True(outcome.Decision.Intercepted);
        Assert.Null(outcome.Decision.Reason);
        Assert.Equal(h.Time.GetUtcNow(), outcome.Decision.DecidedAt);
        Assert.True(h.Platform.GetOrder("LBX2001")!.CancelResult);
        using var body = JsonDocument.Parse(Assert.Single(h.Fake.CallsTo(FakeTmallGlobalDirectMethods.CancelFeedback)).Form["consignorder_cancel_feedback_request"]!);
        Assert.True(body.RootElement.GetProperty("cancel_result").GetBoolean());
        Assert.False(body.RootElement.TryGetProperty("cancel_reason", out _));
    }

    [Theory]
    [Rule("RTGD-08")]
    [InlineData(ConsignOrderWarehouseStatus.ReleasedToWarehouse)]
    [InlineData(ConsignOrderWarehouseStatus.Shipped)]
    public async Task RTGD08_an_order_released_or_shipped_is_not_intercepted_and_the_refusal_is_reported_with_its_reason(ConsignOrderWarehouseStatus status)
    {
        await using var h = CallbackHarness.Start();
        h.AddOrder("LBX2002");

        var outcome = await h.Client.InterceptAsync(Cancel("LBX2002"), status, Ct);

        Assert.False(outcome.Decision.Intercepted);
        Assert.Equal(status, outcome.Decision.Status);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Decision.Reason));
        var order = h.Platform.GetOrder("LBX2002")!;
        Assert.False(order.CancelResult);
        Assert.Equal(outcome.Decision.Reason, order.CancelReason);
    }

    [Fact]
    [Rule("RTGD-08")]
    public async Task RTGD08_a_refused_cancel_without_a_reason_is_refused_before_the_network()
    {
        await using var h = CallbackHarness.Start();

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.ReportCancelAsync(
            new ConsignOrderCancelFeedbackRequest { BizOrderCode = "LBX2003", Cancelled = false }, Ct));

        Assert.Equal("RTGD-08", ex.RuleId);
        Assert.Equal(0, h.AllCalls);
    }

    [Fact]
    [Rule("RTGD-08")]
    public async Task RTGD08_the_platform_refuses_an_intercept_reported_after_the_order_shipped()
    {
        await using var h = CallbackHarness.Start();
        var order = h.AddOrder("LBX2004");
        await h.Client.ShipAsync(CallbackHarness.WholeShipment("LBX2004", order), Ct);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.ReportCancelAsync(
            new ConsignOrderCancelFeedbackRequest { BizOrderCode = "LBX2004", Cancelled = true }, Ct));

        Assert.Equal(ErrorCategory.BusinessRule, ex.Category);
        Assert.False(ex.MayHaveBeenProcessed);
    }

    private static ReturnInboundParty Party(string name) => new() { Name = name, Country = "中国", Province = "浙江省", City = "杭州市", ZipCode = "310000" };

    private static ReverseOrderInStorageNotify ReturnOrder(string code) => new()
    {
        Method = TmallGlobalDirectPushMethods.ReverseOrderInStorageNotify,
        BizOrderCode = code,
        OutBizId = "RET-OUT-1",
        Items = [new ReverseOrderItem { SubOrderCode = "R1", ScItemId = "SC-1", PlanReturnQuantity = 2 }],
    };

    private static ReturnInboundRequest Inbound(string code, int received, int lack = 0, ReverseOrderInStorageNotify? order = null, int? planned = null) => new()
    {
        BizOrderCode = code,
        InStorageTime = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8)),
        StoreCode = CallbackHarness.Store,
        Receiver = Party("仓库"),
        Sender = Party("张三"),
        ReturnOrder = order,
        Lines = [new() { SubOrderCode = "R1", ScItemId = "SC-1", ReceivedQuantity = received, LackQuantity = lack, PlannedQuantity = planned }],
    };

    [Fact]
    [Rule("RTGD-05")]
    public async Task RTGD05_a_full_return_inbound_report_is_sent_with_the_pushed_out_biz_id()
    {
        await using var h = CallbackHarness.Start();

        await h.Client.ReportReturnInboundAsync(Inbound("RX3001", 2, order: ReturnOrder("RX3001")), Ct);

        Assert.Equal(["RX3001"], h.Platform.ReturnInbounds);
        using var body = JsonDocument.Parse(Assert.Single(h.Fake.CallsTo(FakeTmallGlobalDirectMethods.ReturnInbound)).Form["instorage_feedback_request"]!);
        Assert.Equal("RET-OUT-1", body.RootElement.GetProperty("out_biz_id").GetString());
        Assert.Equal("2026-03-10 09:00:00", body.RootElement.GetProperty("instorage_time").GetString());
        var line = body.RootElement.GetProperty("order_items")[0];
        Assert.Equal(2, line.GetProperty("actual_received_quantity").GetInt32());
        Assert.Equal("1", line.GetProperty("instorage_details")[0].GetProperty("storage_type").GetString());
    }

    [Fact]
    [Rule("RTGD-05")]
    public async Task RTGD05_a_report_with_missing_units_is_refused_before_the_network()
    {
        await using var h = CallbackHarness.Start();

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.ReportReturnInboundAsync(Inbound("RX3002", 1, lack: 1), Ct));

        Assert.Equal("RTGD-05", ex.RuleId);
        Assert.Equal("Lines[0].LackQuantity", ex.Field);
        Assert.Equal(0, h.AllCalls);
    }

    [Theory]
    [Rule("RTGD-05")]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RTGD05_a_report_receiving_less_than_the_return_plans_is_refused_before_the_network(bool fromStoredReturnOrder)
    {
        await using var h = CallbackHarness.Start();
        var request = fromStoredReturnOrder ? Inbound("RX3003", 1, order: ReturnOrder("RX3003")) : Inbound("RX3003", 1, planned: 2);

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.ReportReturnInboundAsync(request, Ct));

        Assert.Equal("RTGD-05", ex.RuleId);
        Assert.Equal("Lines[0].ReceivedQuantity", ex.Field);
        Assert.Equal("1", ex.Value);
        Assert.Equal(0, h.AllCalls);
    }

    [Fact]
    [Rule("RTGD-05")]
    public async Task RTGD05_a_report_leaving_out_a_line_of_the_return_order_is_refused_before_the_network()
    {
        await using var h = CallbackHarness.Start();
        var order = new ReverseOrderInStorageNotify
        {
            Method = TmallGlobalDirectPushMethods.ReverseOrderInStorageNotify,
            BizOrderCode = "RX3004",
            Items = [new ReverseOrderItem { SubOrderCode = "R1", PlanReturnQuantity = 2 }, new ReverseOrderItem { SubOrderCode = "R2", PlanReturnQuantity = 1 }],
        };

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.ReportReturnInboundAsync(Inbound("RX3004", 2, order: order), Ct));

        Assert.Equal("RTGD-05", ex.RuleId);
        Assert.Equal("R2", ex.Value);
        Assert.Equal(0, h.AllCalls);
    }
}
