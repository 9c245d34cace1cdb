using System.Globalization;
using PlatformSdk.Logistics;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Testing.Top;

/// <summary>The batch: what the ERP shipped, the state the platforms are in, and the faults armed on the fakes.</summary>
internal static class Scenario
{
    public const string SplitFirstPartId = "TB-SPLIT-1";

    public const string AliShop = "main";

    // 1688 orders added to the fake's seed (its PaidOrderId and ShippedOrderId are used as they are).
    public const long AliReplyLostOrder = 3712001234567890101;
    public const long AliUnmappedCarrierOrder = 3712001234567890102;

    // Taobao trades (tid) and their two sub-orders (oid = tid * 10 + 1 and + 2).
    public const long TbReplyLost = 3100000000000101;
    public const long TbThrottled = 3100000000000102;
    public const long TbPlain = 3100000000000103;
    public const long TbShippedInBackOffice = 3100000000000104;
    public const long TbRefunded = 3100000000000105;
    public const long TbWrongCarrier = 3100000000000106;
    public const long TbBadNumber = 3100000000000107;
    public const long TbSplit = 3100000000000108;
    public const string TbOffline = "OFFLINE-2026-0001";

    public const string TgdReplyLost = "LBX9001";
    public const string TgdPlain = "LBX9002";
    public const string TgdPartial = "LBX9003";

    private static string Seller => FakeTopSeed.MainSeller.Nick;

    /// <summary>Seeds the fakes, arms the faults and returns the batch, in the order the engine takes it (one at a time here).</summary>
    public static List<Planned> Arrange(Fake1688Server ali, FakeTopServer top)
    {
        var paid = ali.GetOrder(Fake1688Seed.PaidOrderId)!;
        foreach (var id in new[] { AliReplyLostOrder, AliUnmappedCarrierOrder })
        {
            // Copies of the seeded paid order, under their own order and sub-order ids.
            ali.AddOrder(paid with
            {
                OrderId = id,
                Items = [.. paid.Items.Select((item, i) => item with { SubItemId = id * 10 + i + 1 })],
            });
        }

        // The reply of the first 1688 send is lost after 1688 recorded it (RLOG-40, a back-end timeout).
        ali.FailNextSendGoods(1, processRequest: true);

        foreach (var tid in new[] { TbReplyLost, TbThrottled, TbPlain, TbShippedInBackOffice, TbRefunded, TbWrongCarrier, TbBadNumber, TbSplit })
        {
            top.Logistics.AddTrade(Tid(tid), [Oid(tid, 1), Oid(tid, 2)]);
        }

        top.Logistics.MarkShipped(Tid(TbShippedInBackOffice));        // shipped by hand in the seller centre
        top.Logistics.RefundSubOrder(Tid(TbRefunded), Oid(TbRefunded, 2));
        // The first Taobao send is applied, then the connection drops before the answer; the second is throttled.
        top.Logistics.ApplyNextSendThenDropConnection();
        top.Logistics.ThrottleNext();

        foreach (var code in new[] { TgdReplyLost, TgdPlain, TgdPartial })
        {
            PushedOrders.Add(top, code);
        }

        // The first consignorder.ship is applied, then the connection drops before the answer.
        top.Faults.For(FakeTmallGlobalDirectMethods.Ship).Once(PlatformSdk.Testing.Faults.Fault.DropConnection(processRequest: true));
        return All();
    }

    /// <summary>The batch (without the split order's last part, which arrives later).</summary>
    public static List<Planned> All() =>
    [
        new(Ali("AL-LOST", AliReplyLostOrder, "73100000000101"),
            "reply lost after 1688 applied it: reconciled from the order, not sent again", ShipmentSyncStatus.AlreadySynced, "RLOG-40", 1),
        new(Tb("TB-LOST", TbReplyLost, "SF1000000000101"),
            "connection dropped after Taobao applied it: reconciled (trade.get), not sent again", ShipmentSyncStatus.AlreadySynced, null, 1),
        new(Tgd("TG-LOST", TgdReplyLost, "SF2000000000001"),
            "connection dropped after the ship applied: the SDK resent it with the same out_biz_id, applied once", ShipmentSyncStatus.Synced, null, 1),
        new(Ali("AL-OK", Fake1688Seed.PaidOrderId, "73100000000102"), "plain 1688 shipment", ShipmentSyncStatus.Synced, null, 1),
        new(Tb("TB-THROTTLE", TbThrottled, "SF1000000000102"), "throttled by TOP, retried", ShipmentSyncStatus.Synced, null, 2),
        new(Tgd("TG-OK", TgdPlain, "SF2000000000002"), "plain direct-supply shipment of a whole order", ShipmentSyncStatus.Synced, null, 1),
        new(Ali("AL-DONE", Fake1688Seed.ShippedOrderId, "73100000000103"),
            "the order was already shipped on 1688", ShipmentSyncStatus.AlreadySynced, "RLOG-13", 1),
        new(Tb("TB-OK", Tid(TbPlain), ["SF1000000000103", "SF1000000000113"]),
            "plain Taobao shipment, two parcels in one send", ShipmentSyncStatus.Synced, null, 1),
        new(Tgd("TG-PART", TgdPartial, "SF2000000000003", subOrders: ["L1"]),
            "only one line of a direct-supply order: the sender refuses it before the network", ShipmentSyncStatus.Failed, null, 1),
        new(Ali("AL-NOMAP", AliUnmappedCarrierOrder, "JDAB12345678901", carrier: "JD"),
            "JD has no 1688 code: refused before the network", ShipmentSyncStatus.Failed, "RLOG-05", 0),
        new(Tb("TB-DONE", TbShippedInBackOffice, "SF1000000000104"),
            "shipped by hand in the seller centre: Taobao refuses the repeat", ShipmentSyncStatus.AlreadySynced, "RLOG-11", 1),
        new(Tb("TB-REFUND", TbRefunded, "SF1000000000105"),
            "a sub-order is refunded: Taobao refuses", ShipmentSyncStatus.Failed, "RLOG-35", 1),
        new(Tb("TB-CARRIER", TbWrongCarrier, "DPK100000000106", carrier: "DEPPON_EXPRESS"),
            "mapped to a code Taobao does not list", ShipmentSyncStatus.Failed, "RLOG-51", 1),
        new(Tb("TB-OFFLINE", TbOffline, ["SF1000000000107"]),
            "an offline (imported) order: non-numeric tid, skipped", ShipmentSyncStatus.Skipped, "RLOG-38", 0),
        new(Tb("TB-BADNO", TbBadNumber, "SF10000 00000108"),
            "a tracking number with a space: refused before the network", ShipmentSyncStatus.Failed, null, 0),
        new(Tb(SplitFirstPartId, TbSplit, "SF1000000000109", subOrders: [Oid(TbSplit, 1)], orderSubOrders: [Oid(TbSplit, 1), Oid(TbSplit, 2)]),
            "first part of a split order: held, released by the last part", ShipmentSyncStatus.Synced, null, 1),
    ];

    /// <summary>The split order's last part, submitted after the batch.</summary>
    public static Planned SplitLastPart() =>
        new(Tb("TB-SPLIT-2", TbSplit, "SF1000000000110", subOrders: [Oid(TbSplit, 2)], orderSubOrders: [Oid(TbSplit, 1), Oid(TbSplit, 2)]),
            "last part of the split order: arrives after the batch, ships and releases part 1", ShipmentSyncStatus.Synced, null, 1);

    public static IEnumerable<string> CheckOutcomes(IReadOnlyList<Planned> rows, Dictionary<string, ShipmentSyncOutcome> byId, ShipmentSyncOutcome? released)
    {
        var held = byId.GetValueOrDefault(SplitFirstPartId);
        if (held is null || held.Status != ShipmentSyncStatus.Held || held.RuleId != "RLOG-09")
        {
            yield return $"{SplitFirstPartId} in the batch: expected Held RLOG-09, got {held}.";
        }

        foreach (var row in rows)
        {
            var outcome = row.Shipment.ShipmentId == SplitFirstPartId ? released : byId.GetValueOrDefault(row.Shipment.ShipmentId);
            if (outcome is null)
            {
                yield return $"{row.Shipment.ShipmentId}: no outcome.";
                continue;
            }

            if (outcome.Status != row.Expected || outcome.RuleId != row.ExpectedRule)
            {
                yield return $"{row.Shipment.ShipmentId}: expected {row.Expected} {row.ExpectedRule ?? "(no rule)"}, got {outcome.Status} {outcome.RuleId ?? "(no rule)"}: {outcome.Remedy}";
            }

            if (row.ExpectedSends is { } sends && outcome.Attempts != sends)
            {
                yield return $"{row.Shipment.ShipmentId}: expected {sends} send(s), got {outcome.Attempts}.";
            }

            if (outcome.Status != ShipmentSyncStatus.Synced && string.IsNullOrWhiteSpace(outcome.Remedy))
            {
                yield return $"{row.Shipment.ShipmentId}: {outcome.Status} without a remedy.";
            }

            if (outcome.MayHaveBeenProcessed)
            {
                yield return $"{row.Shipment.ShipmentId}: left MayHaveBeenProcessed; every doubt should have been reconciled.";
            }
        }
    }

    public static string Tid(long tid) => tid.ToString(CultureInfo.InvariantCulture);

    public static string Oid(long tid, int n) => (tid * 10 + n).ToString(CultureInfo.InvariantCulture);

    private static Shipment Ali(string id, long order, string number, string carrier = "ZTO") => new()
    {
        ShipmentId = id,
        Platform = ShipmentPlatforms.Alibaba1688,
        Shop = AliShop,
        OrderId = order.ToString(CultureInfo.InvariantCulture),
        CarrierId = carrier,
        Packages = [new ShipmentPackage(number)],
    };

    private static Shipment Tb(string id, long tid, string number, string carrier = "SF", IReadOnlyList<string>? subOrders = null,
        IReadOnlyList<string>? orderSubOrders = null) => Tb(id, Tid(tid), [number], carrier, subOrders, orderSubOrders);

    private static Shipment Tb(string id, string tid, IReadOnlyList<string> numbers, string carrier = "SF", IReadOnlyList<string>? subOrders = null,
        IReadOnlyList<string>? orderSubOrders = null) => new()
    {
        ShipmentId = id,
        Platform = ShipmentPlatforms.Taobao,
        Shop = Seller,
        OrderId = tid,
        SubOrderIds = subOrders ?? [],
        OrderSubOrderIds = orderSubOrders ?? [],
        CarrierId = carrier,
        Packages = [.. numbers.Select(n => new ShipmentPackage(n))],
    };

    private static Shipment Tgd(string id, string code, string number, IReadOnlyList<string>? subOrders = null) => new()
    {
        ShipmentId = id,
        Platform = ShipmentPlatforms.TmallGlobalDirect,
        Shop = Seller,
        OrderId = code,
        SubOrderIds = subOrders ?? [],
        CarrierId = "SF",
        Packages = [new ShipmentPackage(number)],
    };
}
