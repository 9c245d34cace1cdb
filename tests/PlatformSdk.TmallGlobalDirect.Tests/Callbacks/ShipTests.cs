using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.Top;
using PlatformSdk.TmallGlobalDirect.Callbacks;

namespace PlatformSdk.TmallGlobalDirect.Tests.Callbacks;

public sealed class ShipTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_whole_order_ships_once_with_every_line_and_parcel_in_the_request()
    {
        await using var h = CallbackHarness.Start();
        var order = h.AddOrder("LBX1001");

        var result = await h.Client.ShipAsync(CallbackHarness.WholeShipment("LBX1001", order), Ct);

        Assert.Equal(FakeTmallGlobalDirectMethods.Ship, result.Method);
        Assert.Equal(1, h.Platform.ShipmentsMade);
        Assert.Equal(["SF1000001", "SF1000002"], h.Platform.GetOrder("LBX1001")!.Shipment!.Waybills);
        var call = Assert.Single(h.Fake.CallsTo(FakeTmallGlobalDirectMethods.Ship));
        Assert.Equal(FakeTopSeed.MainSeller.Session, call.Form["session"]);
        using var body = JsonDocument.Parse(call.Form["consignorder_ship_request"]!);
        Assert.Equal(CallbackHarness.Supplier, body.RootElement.GetProperty("supplier_id").GetString());
        Assert.Equal("SHIP-0001", body.RootElement.GetProperty("out_biz_id").GetString());
        Assert.True(body.RootElement.GetProperty("whole_sheet_consigned").GetBoolean());
        Assert.Equal(2, body.RootElement.GetProperty("tms_orders").GetArrayLength());
    }

    [Fact]
    public async Task A_shipment_short_of_the_stored_order_is_refused_before_the_network()
    {
        await using var h = CallbackHarness.Start();
        var order = h.AddOrder("LBX1002");
        var partial = new ConsignOrderShipRequest
        {
            BizOrderCode = "LBX1002",
            OutBizId = "SHIP-0002",
            StoreCode = CallbackHarness.Store,
            Order = order,
            Lines = [new() { SubOrderCode = "L1", ScItemId = "SC-1", Quantity = 2 }],
            Packages = [new() { WaybillNumber = "SF2", CarrierCode = "SF", Lines = [new() { SubOrderCode = "L1", ScItemId = "SC-1", Quantity = 2 }] }],
        };

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.ShipAsync(partial, Ct));

        Assert.Equal("Lines", ex.Field);
        Assert.Equal("L2", ex.Value);
        Assert.Contains("whole fulfilment orders only", ex.Problem, StringComparison.Ordinal);
        Assert.Equal(0, h.AllCalls);
    }

    [Fact]
    public async Task Parcels_that_leave_a_unit_out_are_refused_before_the_network_even_without_the_stored_order()
    {
        await using var h = CallbackHarness.Start();
        h.AddOrder("LBX1003");
        var request = CallbackHarness.WholeShipment("LBX1003");
        request = new ConsignOrderShipRequest
        {
            BizOrderCode = request.BizOrderCode,
            OutBizId = request.OutBizId,
            StoreCode = request.StoreCode,
            Lines = request.Lines,
            Packages = [request.Packages[0]],
        };

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.ShipAsync(request, Ct));

        Assert.Equal("Packages", ex.Field);
        Assert.Equal(0, h.AllCalls);
    }

    [Fact]
    public async Task The_fake_refuses_a_partial_shipment_it_was_not_stopped_from_receiving()
    {
        await using var h = CallbackHarness.Start();
        h.Platform.AddOrder("LBX1004", [new("L1", "SC-1", 2), new("L2", "SC-2", 1), new("L3", "SC-3", 1)]);

        // Without the stored order the client only knows the lines it is given; the platform knows the order has three.
        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.ShipAsync(CallbackHarness.WholeShipment("LBX1004"), Ct));

        Assert.Equal(ErrorCategory.BusinessRule, ex.Category);
        Assert.Contains("整单发货", ex.Error.Message, StringComparison.Ordinal);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Equal(0, h.Platform.ShipmentsMade);
    }

    [Fact]
    public async Task A_lost_ship_reply_is_retried_with_the_same_out_biz_id_and_the_order_ships_once()
    {
        await using var h = CallbackHarness.Start();
        var order = h.AddOrder("LBX1005");
        h.Fake.Faults.For(FakeTmallGlobalDirectMethods.Ship).Once(Fault.ServerError(502, processRequest: true));

        var result = await h.Client.ShipAsync(CallbackHarness.WholeShipment("LBX1005", order, "SHIP-0005"), Ct);

        Assert.Equal(2, result.Attempts);
        var calls = h.Fake.CallsTo(FakeTmallGlobalDirectMethods.Ship);
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal("SHIP-0005", JsonDocument.Parse(c.Form["consignorder_ship_request"]!).RootElement.GetProperty("out_biz_id").GetString()));
        Assert.Equal(1, h.Platform.ShipmentsMade);
    }

    [Fact]
    public async Task Sending_the_same_out_biz_id_again_later_answers_success_without_a_second_shipment()
    {
        await using var h = CallbackHarness.Start();
        var order = h.AddOrder("LBX1006");
        await h.Client.ShipAsync(CallbackHarness.WholeShipment("LBX1006", order, "SHIP-0006"), Ct);

        await h.Client.ShipAsync(CallbackHarness.WholeShipment("LBX1006", order, "SHIP-0006"), Ct);
        var other = await Assert.ThrowsAsync<PlatformException>(() => h.Client.ShipAsync(CallbackHarness.WholeShipment("LBX1006", order, "SHIP-0007"), Ct));

        Assert.Equal(1, h.Platform.ShipmentsMade);
        Assert.Contains("已发货", other.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RTGD-06")]
    public async Task RTGD06_a_shipment_after_the_latest_ship_time_is_refused_before_the_network()
    {
        await using var h = CallbackHarness.Start();
        var order = h.AddOrder("LBX1007");
        var request = CallbackHarness.WholeShipment("LBX1007", order);
        var late = new ConsignOrderShipRequest
        {
            BizOrderCode = request.BizOrderCode, OutBizId = request.OutBizId, StoreCode = request.StoreCode, Order = order,
            Lines = request.Lines, Packages = request.Packages, LatestShipTime = h.Time.GetUtcNow().AddSeconds(-1),
        };

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.ShipAsync(late, Ct));

        Assert.Equal("RTGD-06", ex.RuleId);
        Assert.Equal("LatestShipTime", ex.Field);
        Assert.Equal(0, h.AllCalls);
    }

    [Fact]
    [Rule("RTGD-06")]
    public async Task RTGD06_a_shipment_up_to_the_latest_ship_time_is_sent()
    {
        await using var h = CallbackHarness.Start();
        var order = h.AddOrder("LBX1008");
        var request = CallbackHarness.WholeShipment("LBX1008", order);
        var onTime = new ConsignOrderShipRequest
        {
            BizOrderCode = request.BizOrderCode, OutBizId = request.OutBizId, StoreCode = request.StoreCode, Order = order,
            Lines = request.Lines, Packages = request.Packages, LatestShipTime = h.Time.GetUtcNow(),
        };

        await h.Client.ShipAsync(onTime, Ct);

        Assert.Equal(1, h.Platform.ShipmentsMade);
    }
}
