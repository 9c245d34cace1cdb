using PlatformSdk.Errors;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Tests.Shared;
using static PlatformSdk.Logistics.Tests.Sync.SyncKit;

namespace PlatformSdk.Logistics.Tests.Sync;

public sealed class ShipmentSyncEngineRuleTests
{
    private static FaultInjectingSender Refusing(string platform, string message, ShipmentSenderCapabilities? capabilities = null)
    {
        var sender = new FaultInjectingSender(platform, capabilities ?? QueryCaps);
        sender.BeforeApply = (_, _) => throw new PlatformException(new PlatformError(platform, "E", message, ErrorCategory.Unknown, "") { Delivery = RequestDelivery.Answered });
        return sender;
    }

    [Fact]
    [Rule("RLOG-07")]
    public async Task RLOG07_a_PDD_repeat_refusal_is_AlreadySynced_and_never_sent_again()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Pinduoduo, Pdd) { RefusesRepeats = true, Plan = r => r.Attempt == 1 ? Fault.AppliedThenTimeout : Fault.None };
        var (engine, _, _) = Engine(NoWaits(), sender);

        // PDD cannot be queried: the first send's outcome is unknown, so it is not resent.
        var unknown = await engine.SubmitAsync(Ship("P-1", ShipmentPlatforms.Pinduoduo));
        Assert.Equal((ShipmentSyncStatus.OutcomeUnknown, true), (unknown.Status, unknown.MayHaveBeenProcessed));

        // A second shipment id for the same parcel reaches PDD, which says it already has it.
        sender.Plan = _ => Fault.None;
        var refusedRepeat = Refusing(ShipmentPlatforms.Pinduoduo, "业务服务错误成功发货次数已达上限,请勿重复操作", Pdd);
        var (engine2, _, _) = Engine(NoWaits(), refusedRepeat);
        var again = await engine2.SubmitAsync(Ship("P-2", ShipmentPlatforms.Pinduoduo));

        Assert.Equal((ShipmentSyncStatus.AlreadySynced, "RLOG-07"), (again.Status, again.RuleId));
        Assert.Equal(1, refusedRepeat.Calls("P-2"));
        Assert.Equal(1, sender.Applied("P-1"));
        Assert.Equal(again, await engine2.SubmitAsync(Ship("P-2", ShipmentPlatforms.Pinduoduo)));
        Assert.Equal(1, refusedRepeat.Calls("P-2"));
    }

    [Theory]
    [Rule("RLOG-11", "RLOG-27")]
    [InlineData(ShipmentPlatforms.Taobao, "拆单校验未通过#P38", "RLOG-11")]
    [InlineData(ShipmentPlatforms.Youzan, "订单没有可发货的商品", "RLOG-27")]
    public async Task RLOG11_RLOG27_AlreadyDone_refusals_count_as_synced(string platform, string message, string rule)
    {
        var sender = Refusing(platform, message);
        var (engine, store, _) = Engine(NoWaits(), sender);

        var outcome = await engine.SubmitAsync(Ship("A-1", platform));

        Assert.Equal((ShipmentSyncStatus.AlreadySynced, rule), (outcome.Status, outcome.RuleId));
        Assert.Equal(ShipmentSyncState.Done, (await store.GetAsync("A-1"))!.State);
        Assert.Equal(1, sender.Calls("A-1"));
    }

    [Fact]
    [Rule("RLOG-38")]
    public async Task RLOG38_a_non_numeric_Taobao_tid_is_skipped_before_sending()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Taobao, SyncKit.Taobao);
        var (engine, store, _) = Engine(NoWaits(), sender);

        var outcome = await engine.SubmitAsync(Ship("T-1", ShipmentPlatforms.Taobao, order: "EXCEL-2024-001"));

        Assert.Equal((ShipmentSyncStatus.Skipped, "RLOG-38"), (outcome.Status, outcome.RuleId));
        Assert.Contains("offline", outcome.Remedy, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, sender.TotalCalls);
        Assert.Null(await store.GetAsync("T-1"));
    }

    [Fact]
    [Rule("RLOG-10")]
    public async Task RLOG10_sub_order_ids_joining_past_500_characters_fail_before_sending()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Taobao, SyncKit.Taobao);
        var (engine, _, _) = Engine(NoWaits(), sender);
        var many = Enumerable.Range(0, 30).Select(i => (4000000000000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(); // 30 x 19 + 29 = 599

        var outcome = await engine.SubmitAsync(Ship("T-2", ShipmentPlatforms.Taobao, subOrders: many));
        var fits = await engine.SubmitAsync(Ship("T-3", ShipmentPlatforms.Taobao, subOrders: many[..25])); // 25 x 19 + 24 = 499

        Assert.Equal((ShipmentSyncStatus.Failed, "RLOG-10"), (outcome.Status, outcome.RuleId));
        Assert.Contains("599", outcome.Remedy, StringComparison.Ordinal);
        Assert.Equal(ShipmentSyncStatus.Synced, fits.Status);
        Assert.Equal(0, sender.Calls("T-2"));
    }

    [Fact]
    [Rule("RLOG-31")]
    public async Task RLOG31_merged_orders_share_a_number_only_with_identical_addresses()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var (engine, _, _) = Engine(NoWaits(), sender);
        Shipment Merged(string id, string other) => new()
        {
            ShipmentId = id, Platform = ShipmentPlatforms.Douyin, Shop = "shop1", OrderId = "9001", CarrierId = Carrier,
            Packages = [new ShipmentPackage("TMRG" + id[2..])],
            MergedOrderIds = ["9002"], ReceiverAddress = "浙江省 杭州市  西湖区 文三路 1 号",
            MergedOrderAddresses = new Dictionary<string, string> { ["9002"] = other },
        };

        var same = await engine.SubmitAsync(Merged("M-1", " 浙江省 杭州市 西湖区 文三路 1 号 "));
        var different = await engine.SubmitAsync(Merged("M-2", "浙江省 杭州市 西湖区 文三路 2 号"));
        var missing = await engine.SubmitAsync(Merged("M-3", "x"));
        var noAddress = await engine.SubmitAsync(new Shipment
        {
            ShipmentId = "M-4", Platform = ShipmentPlatforms.Douyin, Shop = "shop1", OrderId = "9001", CarrierId = Carrier,
            Packages = [new ShipmentPackage("TM0004")], MergedOrderIds = ["9003"], ReceiverAddress = "浙江省",
        });

        Assert.Equal(ShipmentSyncStatus.Synced, same.Status);
        Assert.Equal((ShipmentSyncStatus.Failed, "RLOG-31"), (different.Status, different.RuleId));
        Assert.Equal(ShipmentSyncStatus.Failed, missing.Status);
        Assert.Equal((ShipmentSyncStatus.Failed, "RLOG-31"), (noAddress.Status, noAddress.RuleId));
        Assert.Contains("MergedOrderAddresses", noAddress.Remedy, StringComparison.Ordinal);
        Assert.Equal(0, sender.Calls("M-2") + sender.Calls("M-4"));
    }

    [Fact]
    [Rule("RLOG-52")]
    public async Task RLOG52_one_sub_orders_goods_over_two_packages_fail_before_sending_on_1688()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Alibaba1688, new ShipmentSenderCapabilities
        {
            SupportsMultipleTrackingNumbers = true, SupportsSplitBySubOrder = true, ShowsPerSplitTrackingNumbers = true, SplitsOnlyByWholeSubOrder = true,
        });
        var (engine, _, _) = Engine(NoWaits(), sender);
        var split = Ship("Y-1", ShipmentPlatforms.Alibaba1688, order: "3712001234567890001",
            packages: [new ShipmentPackage("TY00011", ["11"]), new ShipmentPackage("TY00012", ["11"])]);

        var outcome = await engine.SubmitAsync(split);

        Assert.Equal((ShipmentSyncStatus.Failed, "RLOG-52"), (outcome.Status, outcome.RuleId));
        Assert.Equal(0, sender.TotalCalls);
    }

    [Fact]
    [Rule("RLOG-08")]
    public async Task RLOG08_several_numbers_on_a_one_number_platform_fail_and_PDD_splits_are_sent_as_one_multi_number_shipment()
    {
        var single = new FaultInjectingSender(ShipmentPlatforms.Alibaba1688, new ShipmentSenderCapabilities { SupportsSplitBySubOrder = true, SplitsOnlyByWholeSubOrder = true });
        var pdd = new FaultInjectingSender(ShipmentPlatforms.Pinduoduo, Pdd);
        var (engine, _, _) = Engine(NoWaits(), single, pdd);

        var refused = await engine.SubmitAsync(Ship("E-1", ShipmentPlatforms.Alibaba1688, order: "3712001234567890001", numbers: ["TE00011", "TE00012"]));
        var reshaped = await engine.SubmitAsync(Ship("E-2", ShipmentPlatforms.Pinduoduo,
            packages: [new ShipmentPackage("TE00021", ["a"]), new ShipmentPackage("TE00022", ["b"])]));

        Assert.Equal((ShipmentSyncStatus.Failed, "RLOG-08"), (refused.Status, refused.RuleId));
        Assert.Equal(0, single.TotalCalls);
        Assert.Equal(ShipmentSyncStatus.Synced, reshaped.Status);
        var sent = Assert.Single(pdd.Requests).Shipment;
        Assert.Equal(["TE00021", "TE00022"], sent.Packages.Select(p => p.TrackingNumber));
        Assert.All(sent.Packages, p => Assert.Null(p.SubOrderIds));
        Assert.Equal(["a", "b"], sent.SubOrderIds);
    }

    [Fact]
    [Rule("RLOG-09")]
    public async Task RLOG09_WhenAllSubOrdersShipped_holds_a_partial_shipment_until_the_other_sub_orders_are_submitted()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var (engine, store, _) = Engine(NoWaits(o => o.SplitPolicy = ShipmentSplitPolicy.WhenAllSubOrdersShipped), sender);
        string[] all = ["s1", "s2", "s3"];

        var first = await engine.SubmitAsync(Ship("H-1", subOrders: ["s1"], orderSubOrders: all));
        var second = await engine.SubmitAsync(Ship("H-2", subOrders: ["s2"], orderSubOrders: all));
        Assert.Equal((ShipmentSyncStatus.Held, "RLOG-09"), (first.Status, first.RuleId));
        Assert.Equal(ShipmentSyncStatus.Held, second.Status);
        Assert.Equal(0, sender.TotalCalls);

        var last = await engine.SubmitAsync(Ship("H-3", subOrders: ["s3"], orderSubOrders: all));

        Assert.Equal(ShipmentSyncStatus.Synced, last.Status);
        Assert.Equal(ShipmentSyncStatus.Synced, (await store.GetAsync("H-1"))!.Outcome!.Status);
        Assert.Equal(ShipmentSyncStatus.Synced, (await store.GetAsync("H-2"))!.Outcome!.Status);
        Assert.Equal(3, sender.TotalCalls);
    }

    [Fact]
    [Rule("RLOG-09")]
    public async Task RLOG09_WhenAnySubOrderShips_syncs_each_part_at_once()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var (engine, _, _) = Engine(NoWaits(), sender);

        var first = await engine.SubmitAsync(Ship("H-1", subOrders: ["s1"], orderSubOrders: ["s1", "s2"]));

        Assert.Equal(ShipmentSyncStatus.Synced, first.Status);
    }

    [Fact]
    [Rule("RLOG-09")]
    public async Task RLOG09_a_batch_holding_every_sub_order_holds_none()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var (engine, _, _) = Engine(NoWaits(o => o.SplitPolicy = ShipmentSplitPolicy.WhenAllSubOrdersShipped), sender);
        string[] all = ["s1", "s2"];

        var outcomes = await engine.SyncAsync([Ship("B-1", subOrders: ["s1"], orderSubOrders: all), Ship("B-2", subOrders: ["s2"], orderSubOrders: all)]);

        Assert.All(outcomes, o => Assert.Equal(ShipmentSyncStatus.Synced, o.Status));
    }

    [Theory]
    [Rule("RLOG-18", "RLOG-37", "RLOG-40")]
    [InlineData(ShipmentPlatforms.Douyin, "order_id 格式错误, 暂只接收母订单", "RLOG-18")]
    [InlineData(ShipmentPlatforms.Tmall, "CD01#通知交易异常 #CD01", "RLOG-37")]
    [InlineData(ShipmentPlatforms.Alibaba1688, "底层服务调用失败", "RLOG-40")]
    public async Task RLOG18_RLOG37_RLOG40_a_back_end_timeout_is_reconciled_and_never_blindly_resent(string platform, string message, string rule)
    {
        // The platform applied the shipment and then answered with its back-end timeout text.
        var queryable = new FaultInjectingSender(platform, QueryCaps);
        queryable.AfterApply = (_, _) => throw new PlatformException(new PlatformError(platform, "E", message, ErrorCategory.Unknown, "") { Delivery = RequestDelivery.Answered });
        var (engine, _, _) = Engine(NoWaits(), queryable);
        var order = platform == ShipmentPlatforms.Alibaba1688 ? "3712001234567890001" : "100200300";

        var reconciled = await engine.SubmitAsync(Ship("U-1", platform, order: order));

        Assert.Equal((ShipmentSyncStatus.AlreadySynced, rule), (reconciled.Status, reconciled.RuleId));
        Assert.Equal(1, queryable.Applied("U-1"));
        Assert.Equal(1, queryable.StatusQueries);

        var blind = new FaultInjectingSender(platform, Pdd);
        blind.AfterApply = queryable.AfterApply;
        var (engine2, _, _) = Engine(NoWaits(), blind);

        var unknown = await engine2.SubmitAsync(Ship("U-2", platform, order: order));

        Assert.Equal((ShipmentSyncStatus.OutcomeUnknown, rule, true), (unknown.Status, unknown.RuleId, unknown.MayHaveBeenProcessed));
        Assert.Equal(1, blind.Calls("U-2"));
        Assert.Contains(order, unknown.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_and_business_refusals_fail_with_the_remedy_and_are_final()
    {
        var sender = Refusing(ShipmentPlatforms.Pinduoduo, "物流单号格式错误", Pdd);
        var (engine, store, _) = Engine(NoWaits(), sender);

        var outcome = await engine.SubmitAsync(Ship("F-1", ShipmentPlatforms.Pinduoduo));
        var again = await engine.SubmitAsync(Ship("F-1", ShipmentPlatforms.Pinduoduo));

        Assert.Equal((ShipmentSyncStatus.Failed, "RLOG-15"), (outcome.Status, outcome.RuleId));
        Assert.Contains("carrier mapping", outcome.Remedy, StringComparison.OrdinalIgnoreCase);
        Assert.Same(outcome, again);
        Assert.Equal(1, sender.Calls("F-1"));
        Assert.Equal(ShipmentSyncState.Done, (await store.GetAsync("F-1"))!.State);
    }

    [Fact]
    public async Task Bad_input_and_unmapped_carriers_fail_before_any_send_and_are_not_recorded()
    {
        var sender = new FaultInjectingSender(ShipmentPlatforms.Douyin, QueryCaps);
        var (engine, store, _) = Engine(NoWaits(), sender);

        var badNumber = await engine.SubmitAsync(Ship("V-1", numbers: ["not a number"]));
        var noPackages = await engine.SubmitAsync(Ship("V-2", packages: []));
        var unmapped = await engine.SubmitAsync(Ship("V-3", carrier: "NOPE"));
        var noSender = await engine.SubmitAsync(Ship("V-4", ShipmentPlatforms.Suning));

        Assert.All(new[] { badNumber, noPackages, unmapped, noSender }, o => Assert.Equal((ShipmentSyncStatus.Failed, 0), (o.Status, o.Attempts)));
        Assert.Contains("Packages[0].TrackingNumber", badNumber.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("AddShipmentSender", noSender.Remedy, StringComparison.Ordinal);
        Assert.Equal(0, sender.TotalCalls);
        Assert.Null(await store.GetAsync("V-1"));
        await Assert.ThrowsAsync<PlatformValidationException>(() => engine.SubmitAsync(Ship(" ")));
    }
}
