using System.Globalization;
using PlatformSdk.Testing;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Testing.Top;

/// <summary>What the fakes recorded: every call that reached them, and what each platform applied.</summary>
internal static class Journals
{
    public static List<string> PrintAndCheck(Fake1688Server ali, FakeTopServer top)
    {
        var problems = new List<string>();
        Console.WriteLine();
        Console.WriteLine("Platform journals (calls = send calls that reached the fake; applied = shipments the platform recorded):");
        Console.WriteLine($"  {"platform",-18} {"order",-20} {"calls",5} {"applied",7}  detail");

        var aliSends = ali.CallsTo(Fake1688Routes.SendGoods);
        foreach (var (order, applied, expectedCalls) in new[]
        {
            (Scenario.AliReplyLostOrder, 1, 1), (Fake1688Seed.PaidOrderId, 1, 1), (Fake1688Seed.ShippedOrderId, 1, 1), (Scenario.AliUnmappedCarrierOrder, 0, 0),
        })
        {
            var id = order.ToString(CultureInfo.InvariantCulture);
            var shipments = ali.GetOrder(order)!.Shipments;
            var calls = aliSends.Count(e => Mentions(e, id));
            var detail = string.Join("; ", shipments.Select(s => $"{s.LogisticsId} {s.CompanyNo} {s.MailNo}"));
            Row("Alibaba1688", id, calls, expectedCalls, shipments.Count, detail, applied, problems,
                order == Fake1688Seed.ShippedOrderId ? "(the seed's earlier shipment: nothing added)" : null);
        }

        var tbSends = top.CallsTo(FakeTaobaoLogisticsMethods.OfflineSend);
        foreach (var (tid, applied, expectedCalls) in new[]
        {
            (Scenario.TbReplyLost, 1, 1), (Scenario.TbThrottled, 1, 2), (Scenario.TbPlain, 1, 1), (Scenario.TbShippedInBackOffice, 0, 1),
            (Scenario.TbRefunded, 0, 1), (Scenario.TbWrongCarrier, 0, 1), (Scenario.TbBadNumber, 0, 0), (Scenario.TbSplit, 2, 2),
        })
        {
            var id = Scenario.Tid(tid);
            var sends = top.Logistics.AppliedSends(id);
            var calls = tbSends.Count(e => Mentions(e, id));
            var detail = string.Join("; ", sends.Select(s => $"{string.Join('+', s.TrackingNumbers)} {s.CompanyCode} oids {string.Join(',', s.SubOrderIds)}"));
            Row("Taobao", id, calls, expectedCalls, sends.Count, detail, applied, problems,
                tid == Scenario.TbShippedInBackOffice ? "(shipped by hand before: refused, RLOG-11)" : null);
        }

        var offline = tbSends.Count(e => Mentions(e, Scenario.TbOffline));
        Row("Taobao", Scenario.TbOffline, offline, 0, top.Logistics.AppliedSends(Scenario.TbOffline).Count, "(never sent)", 0, problems, null);
        // Shipped whole: every sub-order of the split trade is shipped once, by its two parts.
        foreach (var n in new[] { 1, 2 })
        {
            if (!top.Logistics.IsShipped(Scenario.Tid(Scenario.TbSplit), Scenario.Oid(Scenario.TbSplit, n)))
            {
                problems.Add($"Taobao: sub-order {Scenario.Oid(Scenario.TbSplit, n)} of the split trade is not shipped.");
            }
        }

        var tgdSends = top.CallsTo(FakeTmallGlobalDirectMethods.Ship);
        foreach (var (code, applied, expectedCalls) in new[] { (Scenario.TgdReplyLost, 1, 2), (Scenario.TgdPlain, 1, 1), (Scenario.TgdPartial, 0, 0) })
        {
            var shipment = top.TmallGlobalDirect.GetOrder(code)!.Shipment;
            var calls = tgdSends.Count(e => Mentions(e, code));
            var detail = shipment is null ? string.Empty : $"out_biz_id {shipment.OutBizId}, waybills {string.Join('+', shipment.Waybills)}";
            Row("TmallGlobalDirect", code, calls, expectedCalls, shipment is null ? 0 : 1, detail, applied, problems, null);
        }

        if (top.TmallGlobalDirect.ShipmentsMade != 2)
        {
            problems.Add($"Tmall Global direct made {top.TmallGlobalDirect.ShipmentsMade} shipments; expected 2.");
        }

        var faults = ali.Journal.Entries.Count(e => e.FaultInjected) + top.Journal.Entries.Count(e => e.FaultInjected);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {ali.Journal.Count + top.Journal.Count} calls in all ({faults} with an injected fault); {top.Logistics.AppliedSends().Count} Taobao sends applied, "
            + $"{top.TmallGlobalDirect.ShipmentsMade} direct-supply shipments made."));
        return problems;
    }

    private static void Row(string platform, string order, int calls, int expectedCalls, int applied, string detail, int expected, List<string> problems, string? note)
    {
        if (calls != expectedCalls)
        {
            problems.Add($"{platform} order {order}: {calls} send call(s) reached the platform; expected {expectedCalls}.");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {platform,-18} {order,-20} {calls,5} {applied,7}  {detail} {note}").TrimEnd());
        if (applied != expected)
        {
            problems.Add($"{platform} order {order}: applied {applied} time(s); expected {expected}.");
        }
    }

    // The order id appears in the send's form fields (1688 sendGoods JSON, TOP tid, the direct-supply request body).
    private static bool Mentions(FakeJournalEntry entry, string id)
        => entry.Body.Contains(id, StringComparison.Ordinal) || entry.Form.Values.Any(v => v.Contains(id, StringComparison.Ordinal))
            || entry.Query.Values.Any(v => v.Contains(id, StringComparison.Ordinal));
}
