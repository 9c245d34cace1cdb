using Microsoft.Extensions.DependencyInjection;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.TmallGlobalDirect.Callbacks;
using PlatformSdk.Top;

namespace PlatformSdk.TmallGlobalDirect.Tests.Callbacks;

public sealed class ReplyAndHostileInputTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>A TOP client that answers every call with one success object, so reply shapes the fake never sends can be read.</summary>
    private sealed class CannedTopClient(string resultJson) : TopClient
    {
        public int Calls { get; private set; }

        public override Task<TopResult> ExecuteAsync(TopOperation operation, IEnumerable<KeyValuePair<string, string?>>? parameters, string? seller, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(TopModelFactory.TopResult(resultJson));
        }
    }

    private static TmallGlobalDirectClient Client(CannedTopClient top)
        => new(top, new TmallGlobalDirectOptions { SupplierId = "2200001234", Shop = "shop" }, TimeProvider.System);

    private static ConsignOrderReceivedRequest Ack => new() { BizOrderCode = "LBX9001" };

    [Fact]
    public async Task A_wrapper_with_success_false_and_retry_true_is_a_transient_error_the_platform_answered()
    {
        var top = new CannedTopClient("""{"consignorder_notify_received_response":{"success":false,"error_code":"SYS_BUSY","error_message":"系统繁忙","retry":true}}""");

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Client(top).AcknowledgeReceiptAsync(Ack, Ct));

        Assert.Equal(ErrorCategory.Transient, ex.Category);
        Assert.Equal("SYS_BUSY", ex.ErrorCode);
        Assert.Equal(TmallGlobalDirectClient.Platform, ex.Platform);
        Assert.False(ex.MayHaveBeenProcessed);
    }

    [Fact]
    public async Task A_wrapper_with_success_false_and_no_code_is_a_business_rule_refusal()
    {
        var top = new CannedTopClient("""{"result":{"success":"false","error_message":"履约单不存在"}}""");

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Client(top).AcknowledgeReceiptAsync(Ack, Ct));

        Assert.Equal(ErrorCategory.BusinessRule, ex.Category);
        Assert.Equal(Errors.TmallGlobalDirectErrorCatalogue.ResultWrapperFailure, ex.ErrorCode);
    }

    [Theory]
    [InlineData("""{"request_id":"r1"}""")]
    [InlineData("""{"consignorder_notify_received_response":{"success":null}}""")]
    [InlineData("""{"consignorder_notify_received_response":{"success":"maybe"}}""")]
    [InlineData("""{"consignorder_notify_received_response":"true"}""")]
    [InlineData("""{"a":{"success":true},"b":{"success":true}}""")]
    public async Task A_reply_without_a_readable_success_leaves_a_write_with_an_unknown_outcome(string resultJson)
    {
        var top = new CannedTopClient(resultJson);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Client(top).AcknowledgeReceiptAsync(Ack, Ct));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(RequestDelivery.OutcomeUnknown, ex.Error.Delivery);
        Assert.Equal(PlatformErrorCodes.MalformedResponse, ex.ErrorCode);
    }

    [Fact]
    public async Task An_unnamed_wrapper_with_success_true_is_read()
    {
        var top = new CannedTopClient("""{"some_future_name":{"success":true},"request_id":"r2"}""");

        var result = await Client(top).AcknowledgeReceiptAsync(Ack, Ct);

        Assert.Equal("r2", result.RequestId);
    }

    public static TheoryData<string, Func<TmallGlobalDirectClient, Task>> Hostile => new()
    {
        { "BizOrderCode", c => c.AcknowledgeReceiptAsync(new() { BizOrderCode = "LBX\n1" }, Ct) },
        { "BizOrderCode", c => c.AcknowledgeReceiptAsync(new() { BizOrderCode = "   " }, Ct) },
        { "BizOrderCode", c => c.AcknowledgeReceiptAsync(new() { BizOrderCode = new string('9', 65) }, Ct) },
        { "Shop", c => c.AcknowledgeReceiptAsync(new() { BizOrderCode = "LBX1", Shop = "shop\u0000" }, Ct) },
        { "SupplierId", c => c.AcknowledgeReceiptAsync(new() { BizOrderCode = "LBX1", SupplierId = "22\u2028" }, Ct) },
        { "Packages[0].CarrierCode", c => c.ShipAsync(Ship("SF EXPRESS"), Ct) },
        { "Packages[0].CarrierCode", c => c.ShipAsync(Ship("顺丰"), Ct) },
        { "Packages[0].CarrierCode", c => c.ShipAsync(Ship(new string('S', 33)), Ct) },
        { "Packages[0].CarrierCode", c => c.ShipAsync(Ship(""), Ct) },
        { "Lines[0].Quantity", c => c.ShipAsync(Ship("SF", quantity: 0), Ct) },
        { "Lines[0].Quantity", c => c.ShipAsync(Ship("SF", quantity: -1), Ct) },
        { "Packages", c => c.ShipAsync(new ConsignOrderShipRequest { BizOrderCode = "B", OutBizId = "O", StoreCode = "S", Lines = Ship("SF").Lines, Packages = null! }, Ct) },
        { "Lines[1].SubOrderCode", c => c.ShipAsync(new ConsignOrderShipRequest { BizOrderCode = "B", OutBizId = "O", StoreCode = "S", Lines = [.. Ship("SF").Lines, .. Ship("SF").Lines], Packages = Ship("SF").Packages }, Ct) },
        { "OutBizId", c => c.ShipAsync(new ConsignOrderShipRequest { BizOrderCode = "B", OutBizId = "", StoreCode = "S" }, Ct) },
        { "NewWaybillNumber", c => c.ChangeWaybillAsync(new() { BizOrderCode = "B", OldWaybillNumber = "W1", NewWaybillNumber = "W1", OldCarrierCode = "SF" }, Ct) },
        { "Lines[0].LackQuantity", c => c.ReportOutOfStockAsync(new() { BizOrderCode = "B", OutBizId = "O", Lines = [new() { SubOrderCode = "L1", LackQuantity = 0 }] }, Ct) },
        { "Lines[0].ScItemId", c => c.PublishInventoryAsync(new() { OperationOrderId = "I", Lines = [new() { StoreCode = "S", Quantity = 1, OperationDetailOrderId = "D" }] }, Ct) },
        { "Lines[0].Quantity", c => c.PublishInventoryAsync(new() { OperationOrderId = "I", Lines = [new() { StoreCode = "S", ScItemId = "SC", Quantity = -1, OperationDetailOrderId = "D" }] }, Ct) },
        { "Mode", c => c.PublishInventoryAsync(new() { Mode = (AicInventoryMode)7, OperationOrderId = "I", Lines = [] }, Ct) },
        { "status", c => Task.FromResult(c.DecideCancel("B", (ConsignOrderWarehouseStatus)9)) },
    };

    private static ConsignOrderShipRequest Ship(string carrier, int quantity = 1) => new()
    {
        BizOrderCode = "B",
        OutBizId = "O",
        StoreCode = "S",
        Lines = [new() { SubOrderCode = "L1", ScItemId = "SC-1", Quantity = quantity }],
        Packages = [new() { WaybillNumber = "W1", CarrierCode = carrier, Lines = [new() { SubOrderCode = "L1", ScItemId = "SC-1", Quantity = quantity }] }],
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_input_is_refused_before_the_network_naming_the_field(string field, Func<TmallGlobalDirectClient, Task> call)
    {
        var top = new CannedTopClient("""{"result":{"success":true}}""");

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => call(Client(top)));

        Assert.Equal(field, ex.Field);
        Assert.Equal(0, top.Calls);
    }

    [Fact]
    public async Task A_callback_without_a_shop_or_supplier_is_refused_before_the_network()
    {
        var top = new CannedTopClient("""{"result":{"success":true}}""");
        var bare = new TmallGlobalDirectClient(top, new TmallGlobalDirectOptions(), TimeProvider.System);

        var noShop = await Assert.ThrowsAsync<PlatformValidationException>(() => bare.AcknowledgeReceiptAsync(Ack, Ct));
        var noSupplier = await Assert.ThrowsAsync<PlatformValidationException>(() => bare.AcknowledgeReceiptAsync(new() { BizOrderCode = "B", Shop = "shop" }, Ct));

        Assert.Equal("Shop", noShop.Field);
        Assert.Equal("SupplierId", noSupplier.Field);
        Assert.Equal(0, top.Calls);
    }

    [Fact]
    public async Task Registration_with_the_top_settings_resolves_the_client_and_the_watch_over_one_top_host()
    {
        await using var h = CallbackHarness.Start();

        Assert.Same(h.Client, h.Provider.GetRequiredService<TmallGlobalDirectClient>());
        Assert.NotNull(h.Provider.GetRequiredService<TmallGlobalDirectAuthorizationWatch>());
        Assert.NotNull(h.Provider.GetRequiredService<Push.TmallGlobalDirectPushHandler>());
        h.AddOrder("LBX9100");
        await h.Client.AcknowledgeReceiptAsync(new() { BizOrderCode = "LBX9100" }, Ct);
        Assert.True(h.Platform.GetOrder("LBX9100")!.Acknowledged);
    }
}
