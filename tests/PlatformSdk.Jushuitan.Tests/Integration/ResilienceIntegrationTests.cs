using PlatformSdk.Errors;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Jushuitan.Tests.Integration;

/// <summary>Which failures are retried, end to end: reads and idempotent uploads yes, cancels only when provably unsent.</summary>
public sealed class ResilienceIntegrationTests
{
    public static TheoryData<JushuitanProtocol> Protocols => new() { JushuitanProtocol.Legacy, JushuitanProtocol.OpenApi };

    public static TheoryData<JushuitanProtocol, string> CancelFaults => new()
    {
        { JushuitanProtocol.Legacy, "503" }, { JushuitanProtocol.Legacy, "drop" },
        { JushuitanProtocol.OpenApi, "503" }, { JushuitanProtocol.OpenApi, "drop" },
    };

    public static TheoryData<JushuitanProtocol, string> ReadFaults => new()
    {
        { JushuitanProtocol.Legacy, "html" }, { JushuitanProtocol.Legacy, "malformed" }, { JushuitanProtocol.Legacy, "truncated" }, { JushuitanProtocol.Legacy, "503" },
        { JushuitanProtocol.OpenApi, "html" }, { JushuitanProtocol.OpenApi, "malformed" }, { JushuitanProtocol.OpenApi, "truncated" }, { JushuitanProtocol.OpenApi, "503" },
    };

    [Theory]
    [Rule("RJST-08")]
    [MemberData(nameof(CancelFaults))]
    public async Task RJST08_Cancel_IsNotRetried_AfterItMayHaveReachedJushuitan(JushuitanProtocol protocol, string fault)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-C", paid: true)]);
        h.Fake.Faults.For(JushuitanRoutes.OrdersCancel).Once(fault == "503" ? Fault.ServerError(503, processRequest: true) : Fault.DropConnection(processRequest: true));

        var ex = await Assert.ThrowsAsync<PlatformException>(() =>
            h.Client.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = FakeJushuitanSeed.OwnMallShopId, SoIds = ["SO-C"] }));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(ErrorCategory.Transient, ex.Category);
        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.OrdersCancel));
        // The fake did process it: exactly the situation where a blind retry would be unsafe.
        Assert.Equal("Cancelled", h.Fake.GetOrder(FakeJushuitanSeed.OwnMallShopId, "SO-C")!.Status);
    }

    [Theory]
    [Rule("RJST-04")]
    [MemberData(nameof(ReadFaults))]
    public async Task RJST04_ReadFaults_AreTransient_AndRetried(JushuitanProtocol protocol, string fault)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        h.Fake.Faults.For(JushuitanRoutes.ShopsQuery).Once(fault switch
        {
            "html" => Fault.HtmlErrorPage(200),
            "malformed" => Fault.MalformedBody(),
            "truncated" => Fault.TruncatedBody(),
            _ => Fault.ServerError(503),
        });

        var shops = await h.Client.Shops.ListAsync();

        Assert.Equal(3, shops.Count);
        var calls = h.Fake.CallsTo(JushuitanRoutes.ShopsQuery);
        Assert.Equal(2, calls.Count);
        Assert.NotNull(calls[0].Fault);
        Assert.Null(calls[1].Fault);
    }

    [Theory]
    [Rule("RJST-04")]
    [MemberData(nameof(ReadFaults))]
    public async Task RJST04_PersistentReadFaults_SurfaceAsTransient_AfterMaxRetries(JushuitanProtocol protocol, string fault)
    {
        using var h = FakeJushuitanHarness.Create(protocol, resilience: o => o.MaxRetries = 2);
        h.Fake.Faults.For(JushuitanRoutes.WarehousePartnerQuery).Always(fault switch
        {
            "html" => Fault.HtmlErrorPage(502),
            "malformed" => Fault.MalformedBody(),
            "truncated" => Fault.TruncatedBody(),
            _ => Fault.ServerError(503),
        });

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Warehouses.QueryPartnersAsync().ToListAsync().AsTask());

        Assert.Equal(ErrorCategory.Transient, ex.Category);
        Assert.Equal(3, h.Fake.CallsTo(JushuitanRoutes.WarehousePartnerQuery).Count);
    }

    [Theory]
    [Rule("RJST-04")]
    [MemberData(nameof(Protocols))]
    public async Task RJST04_ThrottledRead_IsRetried(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        h.Fake.Faults.For(JushuitanRoutes.LogisticsCompanyQuery).Next(2, Fault.Throttle());

        var carriers = await h.Client.LogisticsCompanies.QueryAsync().ToListAsync();

        Assert.Equal(FakeJushuitanSeed.LogisticsCompanyIds, carriers.Select(c => c.LcId));
        Assert.Equal(3, h.Fake.CallsTo(JushuitanRoutes.LogisticsCompanyQuery).Count);
    }

    [Theory]
    [Rule("RJST-04")]
    [MemberData(nameof(Protocols))]
    public async Task RJST04_ValidationErrorFromJushuitan_IsNotRetried(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        h.Fake.Faults.For(JushuitanRoutes.LogisticsCompanyQuery).Next(1, Fault.PlatformError("140", "参数不符合规范:modified_begin格式错误"));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.LogisticsCompanies.QueryAsync().ToListAsync().AsTask());

        Assert.Equal(ErrorCategory.Validation, ex.Category);
        Assert.Equal("140", ex.ErrorCode);
        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.LogisticsCompanyQuery));
    }

    [Theory]
    [Rule("RJST-04")]
    [MemberData(nameof(Protocols))]
    public async Task RJST04_CarrierWindowEndingBeforeItBegins_IsRejectedBeforeSending(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        var begin = FakeJushuitanHarness.Start;

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.LogisticsCompanies.QueryAsync(begin, begin.AddDays(-1)).ToListAsync().AsTask());

        Assert.Equal("modified_end", ex.Field);
        Assert.Empty(h.Fake.CallsTo(JushuitanRoutes.LogisticsCompanyQuery));
    }
}
