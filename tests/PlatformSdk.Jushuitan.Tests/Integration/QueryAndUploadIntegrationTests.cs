using System.Globalization;
using PlatformSdk.Errors;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Jushuitan.Tests.Integration;

/// <summary>End-to-end queries and uploads through DI against the stateful FakeJushuitanServer, for both protocols.</summary>
public sealed class QueryAndUploadIntegrationTests
{
    public static TheoryData<JushuitanProtocol> Protocols => new() { JushuitanProtocol.Legacy, JushuitanProtocol.OpenApi };

    [Theory]
    [Rule("RJST-04")]
    [MemberData(nameof(Protocols))]
    public async Task RJST04_Shops_WarehousePartners_And_LogisticsCompanies_AreReadAcrossPages(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        for (var i = 0; i < 120; i++)
        {
            h.Fake.AddShop(new FakeJushuitanShop { ShopId = 30000000 + i, ShopName = "店铺" + i, Nick = "nick" + i });
            h.Fake.AddWarehouse(new FakeJushuitanWarehouse { WmsCompanyId = 40000000 + i, Name = "分仓" + i });
            h.Fake.AddLogisticsCompany(new FakeJushuitanLogisticsCompany { LcId = "LC" + i, LcName = "快递" + i, Modified = FakeJushuitanHarness.Start });
        }

        var shops = await h.Client.Shops.ListAsync();
        var partners = await h.Client.Warehouses.QueryPartnersAsync().ToListAsync();
        var carriers = await h.Client.LogisticsCompanies.QueryAsync().ToListAsync();

        // Seed: 3 shops of this company (the other company's shop is not listed), 3 warehouses, 7 carriers.
        Assert.Equal(123, shops.Count);
        Assert.Equal(shops.Count, shops.Select(s => s.ShopId).Distinct().Count());
        Assert.Contains(shops, s => s.ShopId == FakeJushuitanSeed.OwnMallShopId && s.ShopSite == "自有商城");
        Assert.True(Assert.Single(shops, s => s.ShopId == FakeJushuitanSeed.TaobaoShopId).RequiresQimen);
        Assert.DoesNotContain(shops, s => s.ShopId == FakeJushuitanSeed.OtherCompanyShopId);
        Assert.Equal(123, partners.Select(p => p.WmsCompanyId).Distinct().Count());
        Assert.Contains(partners, p => p.WmsCompanyId == FakeJushuitanSeed.MainWarehouseId);
        Assert.Equal(127, carriers.Select(c => c.LcId).Distinct().Count());
        Assert.Contains(carriers, c => c.LcId == "SF");
        Assert.Equal(2, h.Fake.CallsTo(JushuitanRoutes.ShopsQuery).Count);
        Assert.Equal(2, h.Fake.CallsTo(JushuitanRoutes.WarehousePartnerQuery).Count);
        Assert.Equal(2, h.Fake.CallsTo(JushuitanRoutes.LogisticsCompanyQuery).Count);
    }

    [Theory]
    [Rule("RJST-14")]
    [MemberData(nameof(Protocols))]
    public async Task RJST14_Upload_IsIdempotent_OnShopAndSoId(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);

        var first = await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-14", paid: true)]);
        var second = await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-14", paid: true)]);

        Assert.True(first.AllSucceeded);
        Assert.True(second.AllSucceeded);
        var order = Assert.Single(h.Fake.Orders);
        Assert.Equal(2, order.UploadCount);
        Assert.Equal(first.Orders[0].OId, second.Orders[0].OId);
        Assert.Equal(2, h.Fake.CallsTo(JushuitanRoutes.OrdersUpload).Count);
    }

    [Theory]
    [Rule("RJST-14")]
    [MemberData(nameof(Protocols))]
    public async Task RJST14_Upload_IsRetried_After503AndDroppedConnection_AndStoredOnce(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol, o => o.Orders.VerifyAfterUpload = false);
        h.Fake.Faults.For(JushuitanRoutes.OrdersUpload).Next(1, Fault.ServerError(503));
        h.Fake.Faults.For(JushuitanRoutes.OrdersUpload).Next(1, Fault.DropConnection(processRequest: true));

        var result = await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-RETRY", paid: true)]);

        Assert.True(result.AllSucceeded);
        var calls = h.Fake.CallsTo(JushuitanRoutes.OrdersUpload);
        Assert.Equal(3, calls.Count);
        Assert.Equal(FaultKind.ServerError, calls[0].Fault?.Kind);
        Assert.False(calls[0].Processed);
        Assert.Equal(FaultKind.DropConnection, calls[1].Fault?.Kind);
        Assert.True(calls[1].Processed);
        Assert.Null(calls[2].Fault);
        var stored = Assert.Single(h.Fake.Orders);
        Assert.Equal("SO-RETRY", stored.SoId);
        Assert.Equal(2, stored.UploadCount);
    }

    [Theory]
    [Rule("RJST-20")]
    [MemberData(nameof(Protocols))]
    public async Task RJST20_AmountsThatDoNotAddUp_AreRejectedBeforeTheNetwork_WithBothSides(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        var bad = FakeJushuitanHarness.Order("SO-20", paid: true) with { PayAmount = 120.00m };

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.Orders.UploadAsync([bad]));

        Assert.Empty(h.Fake.Journal.Entries);
        Assert.Equal("RJST-20", ex.RuleId);
        Assert.Equal(ErrorCategory.Validation, ex.Category);
        Assert.Contains("120.00", ex.Message, StringComparison.Ordinal);
        Assert.Contains("118.00", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Rule("RJST-15", "RJST-17", "RJST-18", "RJST-19")]
    [MemberData(nameof(Protocols))]
    public async Task RJST15_RJST17_RJST18_RJST19_UnpaidUpload_ThenPaidReUpload_BecomesPaidAwaitingReview(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);

        var unpaid = await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-19", paid: false)]);
        Assert.Equal(JushuitanOrderStatus.WaitPay, unpaid.Orders[0].ErpStatus);
        Assert.False(h.Fake.GetOrder(FakeJushuitanSeed.OwnMallShopId, "SO-19")!.Paid);

        var paid = await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-19", paid: true)]);

        Assert.True(paid.AllSucceeded);
        Assert.Equal(JushuitanOrderStatus.WaitConfirm, paid.Orders[0].ErpStatus);
        var stored = Assert.Single(h.Fake.Orders);
        Assert.True(stored.Paid);
        Assert.Equal("WaitConfirm", stored.Status);
        // RJST-18: the gift travels as an ordinary line at price 0, with no gift flag on the wire.
        Assert.Contains("GIFT-1", stored.UploadJson, StringComparison.Ordinal);
        var gift = System.Text.Json.Nodes.JsonNode.Parse(stored.UploadJson)!["items"]!.AsArray().Single(i => (string?)i!["sku_id"] == "GIFT-1")!.AsObject();
        Assert.Equal(0m, (decimal)gift["price"]!);
        Assert.Equal(0m, (decimal)gift["amount"]!);
        Assert.DoesNotContain(gift, p => p.Key.Contains("gift", StringComparison.OrdinalIgnoreCase));
        var back = await h.Client.Orders.ListAsync(new JushuitanOrderQuery { ShopId = FakeJushuitanSeed.OwnMallShopId, SoIds = ["SO-19"] });
        Assert.Equal(JushuitanOrderStatus.WaitConfirm, Assert.Single(back).Status);
        Assert.Equal(118.00m, back[0].PayAmount);
    }

    [Theory]
    [Rule("RJST-12")]
    [MemberData(nameof(Protocols))]
    public async Task RJST12_ReUploadOfOrderCancelledInErp_ReportsIsCancelledInErp(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-12", paid: true)]);
        h.Fake.CancelInErp(FakeJushuitanSeed.OwnMallShopId, "SO-12");

        var again = await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-12", paid: true)]);

        var result = Assert.Single(again.Orders);
        Assert.True(result.IsSuccess);
        Assert.True(result.IsCancelledInErp);
        Assert.False(again.AllSucceeded);
        Assert.Contains("RJST-12", result.Remedy, StringComparison.Ordinal);
        Assert.Equal("Cancelled", h.Fake.GetOrder(FakeJushuitanSeed.OwnMallShopId, "SO-12")!.Status);
    }

    [Theory]
    [Rule("RJST-13")]
    [MemberData(nameof(Protocols))]
    public async Task RJST13_DownloadAllOrdersOff_OrDisabledShop_IsReportedNotFoundAfterUpload_WithRemedy(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        h.Fake.SetDownloadAllOrders(FakeJushuitanSeed.OwnMallShopId, enabled: false);
        h.Fake.DisableShop(FakeJushuitanSeed.SecondOwnMallShopId);

        var result = await h.Client.Orders.UploadAsync([
            FakeJushuitanHarness.Order("SO-13-UNPAID", paid: false),
            FakeJushuitanHarness.Order("SO-13-DISABLED", paid: true, shopId: FakeJushuitanSeed.SecondOwnMallShopId),
            FakeJushuitanHarness.Order("SO-13-PAID", paid: true)]);

        Assert.All(result.Orders, o => Assert.True(o.IsSuccess));
        Assert.True(result.Orders[0].NotFoundAfterUpload);
        Assert.True(result.Orders[1].NotFoundAfterUpload);
        Assert.False(result.Orders[2].NotFoundAfterUpload);
        Assert.Contains("下载全部订单", result.Orders[0].Remedy, StringComparison.Ordinal);
        Assert.Contains("enabled", result.Orders[1].Remedy, StringComparison.Ordinal);
        Assert.Equal("SO-13-PAID", Assert.Single(h.Fake.Orders).SoId);
    }

    [Theory]
    [Rule("RJST-06")]
    [MemberData(nameof(Protocols))]
    public async Task RJST06_UploadToNonOwnMallShop_IsConfigurationError_WithRuleId(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);

        var ex = await Assert.ThrowsAsync<PlatformException>(() =>
            h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-06", paid: true, shopId: FakeJushuitanSeed.TaobaoShopId)]));

        Assert.Equal(ErrorCategory.Configuration, ex.Category);
        Assert.Equal("RJST-06", ex.RuleId);
        Assert.Contains("own-mall", ex.Remedy, StringComparison.Ordinal);
        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.OrdersUpload));
        Assert.Empty(h.Fake.Orders);
    }

    [Theory]
    [Rule("RJST-07")]
    [MemberData(nameof(Protocols))]
    public async Task RJST07_UploadToShopOfAnotherCompany_IsConfigurationError_WithRuleId(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);

        var ex = await Assert.ThrowsAsync<PlatformException>(() =>
            h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-07", paid: true, shopId: FakeJushuitanSeed.OtherCompanyShopId)]));

        Assert.Equal(ErrorCategory.Configuration, ex.Category);
        Assert.Equal("RJST-07", ex.RuleId);
        Assert.Contains("company", ex.Remedy, StringComparison.Ordinal);
        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.OrdersUpload));
    }

    [Theory]
    [Rule("RJST-09")]
    [MemberData(nameof(Protocols))]
    public async Task RJST09_SameSoIdInTwoShops_IsTwoIndependentOrders(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);

        var result = await h.Client.Orders.UploadAsync([
            FakeJushuitanHarness.Order("SO-09", paid: true),
            FakeJushuitanHarness.Order("SO-09", paid: true, shopId: FakeJushuitanSeed.SecondOwnMallShopId)]);

        Assert.True(result.AllSucceeded);
        Assert.NotEqual(result.Orders[0].OId, result.Orders[1].OId);
        Assert.Equal(2, h.Fake.Orders.Count);
        h.Fake.CancelInErp(FakeJushuitanSeed.OwnMallShopId, "SO-09");
        var other = await h.Client.Orders.ListAsync(new JushuitanOrderQuery { ShopId = FakeJushuitanSeed.SecondOwnMallShopId, SoIds = ["SO-09"] });
        Assert.Equal(JushuitanOrderStatus.WaitConfirm, Assert.Single(other).Status);
    }

    [Theory]
    [Rule("RJST-10")]
    [MemberData(nameof(Protocols))]
    public async Task RJST10_QuestionOrders_AreFilteredByQuestionDesc(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        await h.Client.Orders.UploadAsync([
            FakeJushuitanHarness.Order("SO-10-A", paid: true), FakeJushuitanHarness.Order("SO-10-B", paid: true), FakeJushuitanHarness.Order("SO-10-C", paid: true)]);
        h.Fake.SetQuestion(FakeJushuitanSeed.OwnMallShopId, "SO-10-A", "商品缺货");
        h.Fake.SetQuestion(FakeJushuitanSeed.OwnMallShopId, "SO-10-B", "地址异常");

        var outOfStock = await h.Client.Orders.ListAsync(new JushuitanOrderQuery
        {
            ModifiedBegin = FakeJushuitanHarness.Start.AddHours(-1),
            ModifiedEnd = FakeJushuitanHarness.Start.AddHours(1),
            Status = JushuitanOrderStatus.Question,
            QuestionDescContains = "缺货",
        });

        var order = Assert.Single(outOfStock);
        Assert.Equal("SO-10-A", order.SoId);
        Assert.Equal("商品缺货", order.QuestionDesc);
        var sent = h.Fake.CallsTo(JushuitanRoutes.OrdersQuery)[^1];
        Assert.Contains("Question", protocol == JushuitanProtocol.Legacy ? sent.Body : sent.Form["biz"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task RJST_OrderQueryOver20Days_IsSlicedIntoSevenDayWindows_WithPaging(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol, o => o.Orders.VerifyAfterUpload = false);
        var begin = FakeJushuitanHarness.Start;
        // 120 orders on day 2 (two pages in one window) and one order on each of days 9 and 18.
        h.Time.Advance(TimeSpan.FromDays(2));
        await h.Client.Orders.UploadAsync(Enumerable.Range(0, 120).Select(i => FakeJushuitanHarness.Order("SO-W-" + i.ToString(CultureInfo.InvariantCulture), paid: true)).ToList());
        h.Time.Advance(TimeSpan.FromDays(7));
        await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-DAY9", paid: true)]);
        h.Time.Advance(TimeSpan.FromDays(9));
        await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-DAY18", paid: true)]);
        h.Time.Advance(TimeSpan.FromDays(1));
        h.Fake.Journal.Clear();

        var orders = await h.Client.Orders.ListAsync(new JushuitanOrderQuery { ModifiedBegin = begin, ModifiedEnd = begin.AddDays(20) });

        Assert.Equal(122, orders.Count);
        Assert.Equal(122, orders.Select(o => o.OId).Distinct().Count());
        var windows = h.Fake.CallsTo(JushuitanRoutes.OrdersQuery)
            .Select(c => System.Text.Json.Nodes.JsonNode.Parse(protocol == JushuitanProtocol.Legacy ? c.Body : c.Form["biz"])!)
            .Select(b => (Begin: Parse((string)b["modified_begin"]!), End: Parse((string)b["modified_end"]!), Page: (int)b["page_index"]!))
            .ToList();
        Assert.All(windows, w => Assert.True(w.End - w.Begin <= TimeSpan.FromDays(7), $"{w.Begin}..{w.End}"));
        var distinct = windows.Select(w => (w.Begin, w.End)).Distinct().OrderBy(w => w.Begin).ToList();
        Assert.Equal(3, distinct.Count);
        Assert.Equal(begin, distinct[0].Begin);
        Assert.Equal(begin.AddDays(20), distinct[^1].End);
        for (var i = 1; i < distinct.Count; i++)
        {
            Assert.True(distinct[i].Begin <= distinct[i - 1].End, "windows must leave no gap");
        }

        // The first window holds 120 orders: pages 1 and 2.
        Assert.Equal([1, 2], windows.Where(w => (w.Begin, w.End) == distinct[0]).Select(w => w.Page));
    }

    [Theory]
    [Rule("RJST-08")]
    [MemberData(nameof(Protocols))]
    public async Task RJST08_CancelOfSplitOrder_RequiresOptIn_ThenCancelsAllSubOrders(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-08", paid: true)]);
        var parts = h.Fake.MarkSplit(FakeJushuitanSeed.OwnMallShopId, "SO-08", 3);

        var refused = await Assert.ThrowsAsync<PlatformValidationException>(() =>
            h.Client.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = FakeJushuitanSeed.OwnMallShopId, SoIds = ["SO-08"] }));

        Assert.Equal("RJST-08", refused.RuleId);
        Assert.Empty(h.Fake.CallsTo(JushuitanRoutes.OrdersCancel));

        var result = await h.Client.Orders.CancelAsync(new JushuitanCancelRequest
        {
            ShopId = FakeJushuitanSeed.OwnMallShopId,
            SoIds = ["SO-08"],
            AllowSplitOrderCancellation = true,
        });

        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.OrdersCancel));
        Assert.All(h.Fake.GetOrders(FakeJushuitanSeed.OwnMallShopId, "SO-08"), o => Assert.Equal("Cancelled", o.Status));
        Assert.Equal(3, h.Fake.GetOrders(FakeJushuitanSeed.OwnMallShopId, "SO-08").Count);
        if (protocol == JushuitanProtocol.OpenApi)
        {
            Assert.Equal(parts.Order(), result.OIds.Order());
        }
    }

    private static DateTimeOffset Parse(string wire)
        => new(DateTime.ParseExact(wire, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.FromHours(8));
}
