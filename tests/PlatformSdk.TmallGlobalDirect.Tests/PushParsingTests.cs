using PlatformSdk.Inbox;
using PlatformSdk.TmallGlobalDirect.Push;
using PlatformSdk.Top.Qimen;

namespace PlatformSdk.TmallGlobalDirect.Tests;

/// <summary>The typed messages, read through an override of the parse step that captures what the default parser produced.</summary>
public class PushParsingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    private sealed class CapturingHandler(InMemoryPushInbox inbox) : TmallGlobalDirectPushHandler(
        new TmallGlobalDirectOptions { AppKey = "12345678", AppSecret = "erp-app-secret" }, inbox, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now))
    {
        public TmallGlobalDirectPushMessage? Last { get; private set; }

        protected override TmallGlobalDirectPushMessage? ParseMessage(string method, string body, QimenFormat format, string? customerId)
            => Last = base.ParseMessage(method, body, format, customerId);
    }

    private static async Task<T> Parse<T>(string method, string xml)
        where T : TmallGlobalDirectPushMessage
    {
        var handler = new CapturingHandler(new InMemoryPushInbox());
        var reply = await handler.HandleAsync(PushHandlerTests.Signed(method, xml, Now));
        Assert.True(reply.Success, reply.Detail);
        return Assert.IsType<T>(handler.Last);
    }

    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_a_consign_order_notify_carries_its_lines_and_receiver()
    {
        var order = await Parse<ConsignOrderNotify>(TmallGlobalDirectPushMethods.ConsignOrderNotify, PushHandlerTests.NotifyXml);

        Assert.Equal("LBX0001", order.BizOrderCode);
        Assert.Equal("2200001234", order.SupplierId);
        Assert.Equal("cust-1", order.CustomerId);
        Assert.Equal("TMGJZY", order.SourcePlatformCode);
        Assert.Equal("201", order.OrderSource);
        Assert.Equal(1000, order.PostFeeFen);
        Assert.Equal(25800, order.ItemsValueFen);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 9, 58, 0, TimeSpan.FromHours(8)), order.OrderCreateTime);
        Assert.Equal("杭州市", order.Receiver!.City);
        Assert.Equal("张三", order.Receiver.Fields["receiverName"]);
        Assert.Equal(2, order.Items.Count);
        Assert.Equal(("S1", "SKU-A", 2, 20000L, "T100"), (order.Items[0].SubOrderCode, order.Items[0].OuterId, order.Items[0].Quantity, order.Items[0].ItemAmountFen!.Value, order.Items[0].TradeOrderId));
        Assert.Equal(1, order.Items[1].Quantity);
    }

    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_text_split_by_comments_and_cdata_reads_as_one_value()
    {
        var xml = PushHandlerTests.NotifyXml.Replace("<bizOrderCode>LBX0001</bizOrderCode>",
            "<bizOrderCode>LBX<!-- a comment -->00<![CDATA[0]]><!---->1</bizOrderCode>", StringComparison.Ordinal);

        var order = await Parse<ConsignOrderNotify>(TmallGlobalDirectPushMethods.ConsignOrderNotify, xml);

        Assert.Equal("LBX0001", order.BizOrderCode);
    }

    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_a_value_in_a_hundred_thousand_pieces_is_read_in_one_linear_pass()
    {
        // Text pieces between comments are joined in a builder: re-concatenating the growing string each time would be quadratic
        // and let a body under the size limit pin a core.
        var pieces = string.Concat(Enumerable.Repeat("x<!---->", 100_000));
        var xml = PushHandlerTests.NotifyXml.Replace("<supplierName>某某供应商</supplierName>", "<supplierName>" + pieces + "</supplierName>", StringComparison.Ordinal);

        var order = await Parse<ConsignOrderNotify>(TmallGlobalDirectPushMethods.ConsignOrderNotify, xml);

        Assert.Equal(new string('x', 100_000), order.SupplierName);
    }

    [Fact]
    [Rule("RTGD-08")]
    public async Task RTGD08_a_cancel_carries_its_order_time_and_refund_status()
    {
        var cancel = await Parse<ConsignOrderCancel>(TmallGlobalDirectPushMethods.ConsignOrderCancel, PushHandlerTests.CancelXml);

        Assert.Equal("LBX0001", cancel.BizOrderCode);
        Assert.Equal("9", cancel.RefundStatus);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8)), cancel.BizTime);
    }

    [Fact]
    [Rule("RTGD-05")]
    public async Task RTGD05_a_return_order_carries_its_forward_order_waybill_and_planned_quantities()
    {
        var back = await Parse<ReverseOrderInStorageNotify>(TmallGlobalDirectPushMethods.ReverseOrderInStorageNotify, PushHandlerTests.ReverseXml);

        Assert.Equal("RV0009", back.BizOrderCode);
        Assert.Equal("LBX0001", back.ForwardOrderCode);
        Assert.Equal(("YTO", "YT123", "OB-9"), (back.TmsServiceCode, back.TmsOrderCode, back.OutBizId));
        Assert.Equal("上海市", back.Sender!.City);
        Assert.Equal("杭州市", back.Receiver!.City);
        var line = Assert.Single(back.Items);
        Assert.Equal(("RF1", 2, "L1", "不想要了"), (line.RefundId, line.PlanReturnQuantity, line.ErpOrderLine, line.RefundReason));
    }
}
