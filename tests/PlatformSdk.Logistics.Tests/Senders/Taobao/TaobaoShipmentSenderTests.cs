using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Logistics.Errors;
using PlatformSdk.Logistics.Senders.Taobao;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Testing.Top;
using PlatformSdk.Tests.Shared;
using PlatformSdk.Top;
using static PlatformSdk.Logistics.Tests.Senders.Taobao.TaobaoHarness;

namespace PlatformSdk.Logistics.Tests.Senders.Taobao;

/// <summary>The Taobao/Tmall sender end to end against FakeTopServer over loopback.</summary>
public sealed class TaobaoShipmentSenderTests
{
    private static async Task<PlatformException> Refused(TaobaoShipmentSender sender, Shipment shipment, string carrierCode = "SF")
        => await Assert.ThrowsAnyAsync<PlatformException>(() => sender.SendAsync(Request(shipment, carrierCode)));

    [Fact]
    public async Task A_whole_order_shipment_is_applied_once_with_its_waybill_and_carrier()
    {
        await using var h = Start();
        h.AddTrade();

        await h.Taobao.SendAsync(Request(Shipment()));

        var sent = Assert.Single(h.Platform.AppliedSends(Tid));
        Assert.Equal(FakeTaobaoLogisticsMethods.OfflineSend, sent.Method);
        Assert.Equal(["SF1234567890123"], sent.TrackingNumbers);
        Assert.Equal("SF", sent.CompanyCode);
        Assert.Equal([Oid1, Oid2], sent.SubOrderIds);
        Assert.Equal(1, h.SendCalls);
    }

    [Fact]
    public async Task The_online_method_ships_a_cash_on_delivery_trade()
    {
        await using var h = Start(TaobaoShipMethod.Online);
        h.AddTrade(cashOnDelivery: true);

        await h.Taobao.SendAsync(Request(Shipment()));

        Assert.Equal(FakeTaobaoLogisticsMethods.OnlineSend, Assert.Single(h.Platform.AppliedSends(Tid)).Method);
    }

    [Fact]
    [Rule("RLOG-08")]
    public async Task RLOG08_several_numbers_of_a_whole_order_go_in_one_send()
    {
        await using var h = Start();
        h.AddTrade();

        await h.Taobao.SendAsync(Request(Shipment(packages: [new("SF1234567890123"), new("SF1234567890124")])));

        Assert.Equal(["SF1234567890123", "SF1234567890124"], Assert.Single(h.Platform.AppliedSends(Tid)).TrackingNumbers);
    }

    [Fact]
    public async Task A_shipment_of_some_sub_orders_is_a_split_that_leaves_the_others_unshipped()
    {
        await using var h = Start();
        h.AddTrade();

        await h.Taobao.SendAsync(Request(Shipment(subOrders: [Oid1])));

        Assert.Equal([Oid1], Assert.Single(h.Platform.AppliedSends(Tid)).SubOrderIds);
        Assert.True(h.Platform.IsShipped(Tid, Oid1));
        Assert.False(h.Platform.IsShipped(Tid, Oid2));
        Assert.Equal(ShipmentPlatformState.Shipped, await h.Taobao.QueryStatusAsync(Shipment(subOrders: [Oid1])));
        Assert.Equal(ShipmentPlatformState.NotShipped, await h.Taobao.QueryStatusAsync(Shipment(subOrders: [Oid2])));
    }

    [Fact]
    public async Task Packages_that_name_their_sub_orders_are_one_split_send_each()
    {
        await using var h = Start();
        h.AddTrade();

        await h.Taobao.SendAsync(Request(Shipment(packages: [new("SF1234567890123", [Oid1]), new("SF1234567890124", [Oid2])])));

        var sends = h.Platform.AppliedSends(Tid);
        Assert.Equal(2, sends.Count);
        Assert.Equal([Oid1], sends[0].SubOrderIds);
        Assert.Equal(["SF1234567890124"], sends[1].TrackingNumbers);
        Assert.Equal(ShipmentPlatformState.Shipped, await h.Taobao.QueryStatusAsync(Shipment()));
    }

    [Fact]
    public async Task QueryStatus_sees_an_applied_send_and_an_unshipped_order()
    {
        await using var h = Start();
        h.AddTrade();
        Assert.Equal(ShipmentPlatformState.NotShipped, await h.Taobao.QueryStatusAsync(Shipment()));

        await h.Taobao.SendAsync(Request(Shipment()));

        Assert.Equal(ShipmentPlatformState.Shipped, await h.Taobao.QueryStatusAsync(Shipment()));
        Assert.True(h.Taobao.Capabilities.CanQueryStatus);
    }

    [Fact]
    public async Task A_dropped_connection_after_applying_may_have_been_processed_and_reconciles_as_shipped()
    {
        await using var h = Start();
        h.AddTrade();
        h.Platform.ApplyNextSendThenDropConnection();

        var ex = await Refused(h.Taobao, Shipment());

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(1, h.SendCalls);
        Assert.Single(h.Platform.AppliedSends(Tid));
        Assert.Equal(ShipmentPlatformState.Shipped, await h.Taobao.QueryStatusAsync(Shipment()));
    }

    [Fact]
    public async Task A_throttled_send_is_not_retried_blindly_and_applies_nothing()
    {
        await using var h = Start();
        h.AddTrade();
        h.Platform.ThrottleNext();

        var ex = await Refused(h.Taobao, Shipment());

        Assert.Equal(ErrorCategory.Throttled, ex.Category);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Empty(h.Platform.AppliedSends(Tid));
    }

    [Fact]
    [Rule("RLOG-01")]
    public async Task RLOG01_a_shop_without_sender_address_is_a_configuration_refusal()
    {
        await using var h = Start();
        h.AddTrade();
        h.Platform.SenderAddressMissing = true;

        var ex = await Refused(h.Taobao, Shipment());

        AssertRule(ex, "RLOG-01", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-10")]
    public async Task RLOG10_a_sub_tid_over_500_characters_is_refused_before_the_network_and_by_the_fake()
    {
        await using var h = Start();
        h.AddTrade();
        var many = Enumerable.Range(0, 40).Select(i => (3100000000000100L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var ex = await Refused(h.Taobao, Shipment(subOrders: many));

        Assert.IsType<PlatformValidationException>(ex);
        Assert.Equal("RLOG-10", ex.RuleId);
        Assert.Equal(0, h.SendCalls);
        Assert.Equal(500, h.Taobao.Capabilities.MaxSubOrderIdListLength);

        var raw = await RawSend(h, Tid, string.Join(',', many));
        AssertRule(raw, "RLOG-10", ErrorCategory.Validation);
    }

    [Fact]
    [Rule("RLOG-11")]
    public async Task RLOG11_a_resend_of_a_shipped_order_is_already_done_and_ships_nothing_twice()
    {
        await using var h = Start();
        h.AddTrade();
        await h.Taobao.SendAsync(Request(Shipment()));

        var ex = await Refused(h.Taobao, Shipment());

        AssertRule(ex, "RLOG-11", ErrorCategory.AlreadyDone);
        Assert.Single(h.Platform.AppliedSends(Tid));
    }

    [Fact]
    [Rule("RLOG-17")]
    public async Task RLOG17_a_blacklisted_number_is_a_risk_control_refusal()
    {
        await using var h = Start();
        h.AddTrade();
        h.Platform.BlacklistTrackingNumber("SF1234567890123");

        AssertRule(await Refused(h.Taobao, Shipment()), "RLOG-17", ErrorCategory.BusinessRule);
        Assert.Empty(h.Platform.AppliedSends(Tid));
    }

    [Fact]
    [Rule("RLOG-20")]
    public async Task RLOG20_a_trade_notify_failure_is_transient_and_applies_nothing()
    {
        await using var h = Start();
        h.AddTrade();
        h.Platform.FailNextSendNotifyingTrade();

        var ex = await Refused(h.Taobao, Shipment());

        AssertRule(ex, "RLOG-20", ErrorCategory.Transient);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Empty(h.Platform.AppliedSends(Tid));
        await h.Taobao.SendAsync(Request(Shipment()));
        Assert.Single(h.Platform.AppliedSends(Tid));
    }

    [Fact]
    [Rule("RLOG-21")]
    public async Task RLOG21_a_cancelled_number_is_refused()
    {
        await using var h = Start();
        h.AddTrade();
        h.Platform.CancelTrackingNumber("SF1234567890123");

        AssertRule(await Refused(h.Taobao, Shipment()), "RLOG-21", ErrorCategory.Validation);
    }

    [Fact]
    [Rule("RLOG-22")]
    public async Task RLOG22_offline_shipping_of_a_cash_on_delivery_trade_is_a_delivery_method_mismatch()
    {
        await using var h = Start();
        h.AddTrade(cashOnDelivery: true);

        AssertRule(await Refused(h.Taobao, Shipment()), "RLOG-22", ErrorCategory.Validation);
    }

    [Fact]
    [Rule("RLOG-31")]
    public async Task RLOG31_a_number_used_by_another_order_is_refused()
    {
        await using var h = Start();
        h.AddTrade();
        h.Platform.UseTrackingNumber("SF1234567890123", "3100000000000999");

        AssertRule(await Refused(h.Taobao, Shipment()), "RLOG-31", ErrorCategory.Validation);
    }

    [Fact]
    [Rule("RLOG-35")]
    public async Task RLOG35_a_send_covering_a_refunded_sub_order_is_refused()
    {
        await using var h = Start();
        h.AddTrade();
        h.Platform.RefundSubOrder(Tid, Oid2);

        AssertRule(await Refused(h.Taobao, Shipment()), "RLOG-35", ErrorCategory.BusinessRule);
    }

    [Fact]
    [Rule("RLOG-37")]
    public async Task RLOG37_a_tmall_CD01_after_applying_may_have_been_processed()
    {
        await using var h = Start();
        h.AddTrade();
        h.Platform.ApplyNextSendThenAnswerCd01();

        var ex = await Refused(h.Tmall, Shipment(platform: ShipmentPlatforms.Tmall));

        AssertRule(ex, "RLOG-37", ErrorCategory.Transient);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.True(ex.Error.OutcomeUnknown);
        Assert.Single(h.Platform.AppliedSends(Tid));
        Assert.Equal(ShipmentPlatformState.Shipped, await h.Tmall.QueryStatusAsync(Shipment(platform: ShipmentPlatforms.Tmall)));
    }

    [Fact]
    [Rule("RLOG-38")]
    public async Task RLOG38_a_non_numeric_order_id_is_refused_before_the_network_and_by_the_fake()
    {
        await using var h = Start();

        var ex = await Refused(h.Taobao, Shipment(tid: "OFFLINE-2024-0001"));

        Assert.IsType<PlatformValidationException>(ex);
        Assert.Equal("RLOG-38", ex.RuleId);
        Assert.Equal(0, h.SendCalls);
        Assert.True(h.Taobao.Capabilities.RequiresNumericOrderId);

        AssertRule(await RawSend(h, "OFFLINE-2024-0001", null), "RLOG-38", ErrorCategory.Validation);
    }

    [Fact]
    [Rule("RLOG-51")]
    public async Task RLOG51_a_carrier_code_not_on_the_list_is_a_wrong_mapping()
    {
        await using var h = Start();
        h.AddTrade();

        AssertRule(await Refused(h.Taobao, Shipment(), carrierCode: "NOSUCH"), "RLOG-51", ErrorCategory.Configuration);
    }

    [Fact]
    public async Task A_shipment_for_another_platform_is_refused_before_the_network()
    {
        await using var h = Start();
        h.AddTrade();

        var ex = await Refused(h.Taobao, Shipment(platform: ShipmentPlatforms.Pinduoduo));

        Assert.IsType<PlatformValidationException>(ex);
        Assert.Equal(0, h.SendCalls);
    }

    private static void AssertRule(PlatformException ex, string ruleId, ErrorCategory category)
    {
        Assert.True(ex.RuleId == ruleId && ex.Category == category, $"expected {ruleId} {category}, got {ex.RuleId} {ex.Category}: {ex.Error}");
        Assert.False(string.IsNullOrEmpty(ex.Remedy));
    }

    /// <summary>Sends what the sender would refuse, straight through TOP, and explains the fake's refusal as the sender does.</summary>
    private static async Task<PlatformException> RawSend(TaobaoHarness h, string tid, string? subTid)
    {
        var operation = new TopOperation(FakeTaobaoLogisticsMethods.OfflineSend, OperationIdempotency.NonIdempotentWrite, ShipmentPlatforms.Taobao);
        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Top.ExecuteAsync(operation,
            [new("tid", tid), new("out_sid", "SF1234567890123"), new("company_code", "SF"), new("sub_tid", subTid), new("is_split", subTid is null ? null : "1")], Shop));
        var explanation = ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Taobao, ex.Error.Message, ex.Error.SubCode);
        return new PlatformException(explanation.ToPlatformError());
    }
}
