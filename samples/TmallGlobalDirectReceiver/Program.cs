// TmallGlobalDirectReceiver sample: a minimal API host receives Tmall Global direct-supply pushes into a SQLite inbox, then
// drains the inbox and answers the platform through the callbacks. Both sides of the platform are bundled fakes on loopback
// (FakeTmallGlobalDirectPlatform pushes, FakeTopServer answers the callbacks): no network, no input, no installed services.
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Inbox;
using PlatformSdk.Testing.TmallGlobalDirect;
using PlatformSdk.Testing.Top;
using PlatformSdk.TmallGlobalDirect;
using PlatformSdk.TmallGlobalDirect.Callbacks;
using PlatformSdk.TmallGlobalDirect.Push;
using PlatformSdk.Top;
using PlatformSdk.Top.Qimen;

Console.OutputEncoding = Encoding.UTF8;
var ct = CancellationToken.None;
const string Supplier = "2200001234";
const string OrderToIntercept = "LBX8001";
const string OrderToShip = "LBX8002";
const string ReturnOrder = "RX8101";

// One clock for the fake platform (push timestamps), the receiver (timestamp window), the inbox (leases) and the callbacks.
var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero)); // 10:00 in China
var inboxPath = Path.Combine(Path.GetTempPath(), "tgd-receiver-" + Guid.NewGuid().ToString("N") + ".db");
try
{
    await using var top = new FakeTopServer(new FakeTopOptions(), time);
    var shop = FakeTopSeed.MainSeller;
    Step($"Started the bundled fake TOP router (callbacks) at {top.RouterUrl}; shop '{shop.Nick}'.");

    var builder = WebApplication.CreateSlimBuilder();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.ClearProviders();
    builder.Services.AddPlatformSdk().UseTimeProvider(time)
        .AddTop(o =>
        {
            o.AppKey = top.AppKey;         // in your app: configuration / a secret store
            o.AppSecret = top.AppSecret;
            o.EndpointsOverride = new TopEndpoints(top.RouterUrl, new Uri(top.Url + "/router/qimen/service")); // code only
            o.Sellers[shop.Nick] = new TopSellerOptions { Session = shop.Session };
        })
        .AddTmallGlobalDirectPushEndpoint(o =>
        {
            // The platform signs its pushes with the same app's secret the callbacks use.
            o.AppKey = top.AppKey;
            o.AppSecret = top.AppSecret;
            o.SupplierId = Supplier;
            o.Shop = shop.Nick;
        })
        .AddSqlitePushInbox(o => o.Path = inboxPath);
    builder.Services.Configure<PlatformResilienceOptions>("Top", o => o.PermitsPerSecond = 0);
    await using var app = builder.Build();
    app.MapTmallGlobalDirectPush("/qimen");
    await app.StartAsync(ct);
    var receiverUrl = new Uri(new Uri(app.Urls.Single()), "/qimen");
    Step($"Receiver listening at {receiverUrl}; inbox in SQLite file {Path.GetFileName(inboxPath)} (temp folder).");

    var inbox = app.Services.GetRequiredService<IPushInbox>();
    var client = app.Services.GetRequiredService<TmallGlobalDirectClient>();
    var reader = app.Services.GetRequiredService<TmallGlobalDirectPushHandler>();
    using var platform = new FakeTmallGlobalDirectPlatform(new FakeTmallGlobalDirectPlatformOptions
    {
        ReceiverUrl = receiverUrl, AppKey = top.AppKey, AppSecret = top.AppSecret, SupplierId = Supplier, TimeProvider = time,
    });

    // The callback side must know the orders the pushing side sends (the same lines: <order>-1 of SC-<order>).
    foreach (var code in new[] { OrderToIntercept, OrderToShip })
    {
        top.TmallGlobalDirect.AddOrder(code, [new FakeTmallGlobalDirectOrderLine(code + "-1", "SC-" + code, 2)]);
    }

    // The ERP's own view of where each order stands in its warehouse when a cancel arrives (RTGD-08).
    var warehouse = new Dictionary<string, ConsignOrderWarehouseStatus>(StringComparer.Ordinal)
    {
        [OrderToIntercept] = ConsignOrderWarehouseStatus.AwaitingReview,
        [OrderToShip] = ConsignOrderWarehouseStatus.ReleasedToWarehouse,
    };
    var orders = new Dictionary<string, ConsignOrderNotify>(StringComparer.Ordinal);

    // 1. The platform pushes two orders and a cancel for each, then redelivers one push (its acknowledgement "got lost").
    Console.WriteLine();
    Step("The platform pushes two orders and two cancels:");
    platform.EnqueueOrder(OrderToIntercept, new FakeTmallGlobalDirectLine("SC-" + OrderToIntercept, 2, 25800));
    var shipPush = platform.EnqueueOrder(OrderToShip, new FakeTmallGlobalDirectLine("SC-" + OrderToShip, 2, 19900));
    platform.EnqueueCancel(OrderToIntercept);
    platform.EnqueueCancel(OrderToShip);
    foreach (var delivery in await platform.PushAllAsync(cancellationToken: ct))
    {
        Delivered(delivery);
    }

    Delivered(await platform.PushDuplicateAsync(shipPush, ct));
    // Five deliveries, four messages: the redelivery met the inbox's deduplication (same method and bizOrderCode).
    await DrainAsync(expected: 4);

    // 2. The warehouse ships the order whose cancel came too late: the whole order, in one parcel.
    Console.WriteLine();
    var toShip = orders[OrderToShip];
    var ship = await client.ShipAsync(new ConsignOrderShipRequest
    {
        BizOrderCode = toShip.BizOrderCode,
        OutBizId = "SHIP-" + toShip.BizOrderCode,   // stored with the shipment: every retry sends the same one
        StoreCode = toShip.StoreCode ?? "STORE-1",
        Order = toShip,                              // checked against the pushed order: only whole orders ship
        Lines = [.. toShip.Items.Select(ShipLine)],
        Packages = [new ConsignOrderPackage { WaybillNumber = "SF3100000001", CarrierCode = "SF", CarrierName = "顺丰速运", Lines = [.. toShip.Items.Select(ShipLine)] }],
    }, ct);
    var shipment = top.TmallGlobalDirect.GetOrder(OrderToShip)?.Shipment;
    Check(top.TmallGlobalDirect.ShipmentsMade == 1 && shipment is not null, "the platform recorded one shipment");
    Step($"Shipped {OrderToShip} whole ({toShip.Items.Sum(i => i.Quantity)} units, waybill {string.Join(", ", shipment!.Waybills)}). Platform: {Answer(ship)}.");

    // 3. Later the consumer sends it back: the platform pushes a return order; the warehouse takes in every unit.
    Console.WriteLine();
    Step("The platform pushes a return order:");
    platform.EnqueueReturn(ReturnOrder, OrderToShip, quantity: 2);
    foreach (var delivery in await platform.PushAllAsync(cancellationToken: ct))
    {
        Delivered(delivery);
    }

    time.Advance(TimeSpan.FromDays(3));
    await DrainAsync(expected: 1);

    // 4. What both sides ended with.
    Console.WriteLine();
    Check(platform.Pending.Count == 0 && platform.Refused.Count == 0 && platform.GaveUp.Count == 0 && platform.Acknowledged.Count == 5,
        "the platform has every push acknowledged");
    Check((await inbox.LeaseAsync(10, TimeSpan.FromMinutes(1), ct)).Count == 0 && (await inbox.ListDeadLettersAsync(10, ct)).Count == 0,
        "the inbox is drained, with no dead letters");
    var intercepted = top.TmallGlobalDirect.GetOrder(OrderToIntercept)!;
    var refused = top.TmallGlobalDirect.GetOrder(OrderToShip)!;
    Check(intercepted.Acknowledged && refused.Acknowledged, "both orders acknowledged on the platform");
    Check(intercepted.CancelResult == true && refused.CancelResult == false && !string.IsNullOrEmpty(refused.CancelReason), "one cancel intercepted, one refused with its reason");
    Check(top.TmallGlobalDirect.ReturnInbounds.SequenceEqual([ReturnOrder]), "the return inbound reported once");
    Step($"Platform journal: {platform.Journal.Count} deliveries, {platform.Acknowledged.Count} pushes acknowledged; " +
         $"{OrderToIntercept} cancelled, {OrderToShip} shipped, return {ReturnOrder} taken in. Done.");
    await app.StopAsync(ct);
    return 0;

    async Task DrainAsync(int expected)
    {
        Step("The ERP drains the inbox:");
        // Completed when the handler returns, given back (and retried, then dead-lettered) when it throws.
        var drained = await inbox.ProcessAsync(
            (message, _) => HandleAsync(message),
            new PushInboxReadOptions { StopWhenEmpty = true, LeaseDuration = TimeSpan.FromMinutes(5), TimeProvider = time },
            ct);
        if (drained.Abandoned > 0)
        {
            var failures = await inbox.ListDeadLettersAsync(10, ct);
            Check(false, "every message handled, but " + drained.Abandoned + " failed: " + string.Join("; ", failures.Select(f => f.LastError)));
        }

        Check(drained.Completed == expected && drained.LeasesLost == 0, $"{expected} message(s) in the inbox, found {drained.Completed}");
        Step($"  {drained.Completed} message(s) handled and completed; the inbox is empty.");
    }

    async ValueTask HandleAsync(InboxMessage message)
    {
        switch (reader.ReadStoredMessage(message))
        {
            case ConsignOrderNotify order:
                orders[order.BizOrderCode] = order;
                var ack = await client.AcknowledgeReceiptAsync(new ConsignOrderReceivedRequest { BizOrderCode = order.BizOrderCode, BusinessModel = order.BusinessModel }, ct);
                Step($"  order {order.BizOrderCode}: {order.Items.Count} line(s), {order.Items.Sum(i => i.Quantity)} units, {Yuan(order.ItemsValueFen)} → receipt acknowledged. Platform: {Answer(ack)}.");
                break;

            case ConsignOrderCancel cancel:
                var status = warehouse[cancel.BizOrderCode];
                var outcome = await client.InterceptAsync(cancel, status, ct);
                var expected = status == ConsignOrderWarehouseStatus.AwaitingReview;
                Check(outcome.Decision.Intercepted == expected, $"the cancel of {cancel.BizOrderCode} decided as expected");
                Step($"  cancel {cancel.BizOrderCode} (refundStatus {cancel.RefundStatus}), warehouse {status} → " +
                     (outcome.Decision.Intercepted ? "intercepted" : $"refused: {outcome.Decision.Reason}") + $". Platform: {Answer(outcome.Feedback)}.");
                break;

            case ReverseOrderInStorageNotify ret:
                var inbound = await client.ReportReturnInboundAsync(new ReturnInboundRequest
                {
                    BizOrderCode = ret.BizOrderCode,
                    InStorageTime = time.GetUtcNow(),
                    StoreCode = ret.StoreCode ?? "STORE-1",
                    Receiver = Party(ret.Receiver, "仓库"),
                    Sender = Party(ret.Sender, "顾客"),
                    ReturnOrder = ret,   // every line of the return must be reported in full (RTGD-05)
                    CarrierCode = ret.TmsServiceCode,
                    WaybillNumber = ret.TmsOrderCode,
                    Lines = [.. ret.Items.Select(i => new ReturnInboundLine
                    {
                        SubOrderCode = i.SubOrderCode!, ScItemId = i.ScItemId!, ReceivedQuantity = i.PlanReturnQuantity,
                        Details = [new ReturnInboundDetail { Quantity = i.PlanReturnQuantity, StorageType = ReturnInboundStorageType.Sellable }],
                    })],
                }, ct);
                Step($"  return {ret.BizOrderCode} of {ret.ForwardOrderCode} ({ret.Items.Sum(i => i.PlanReturnQuantity)} units by {ret.TmsServiceCode} {ret.TmsOrderCode}) " +
                     $"→ all units taken in as sellable, inbound reported. Platform: {Answer(inbound)}.");
                break;

            default:
                throw new InvalidOperationException($"Unexpected push in the inbox: {message}");
        }
    }
}
catch (Exception ex) when (ex is PlatformException or InvalidOperationException)
{
    Console.Error.WriteLine("✗ " + ex.GetType().Name + ": " + ex.Message);
    return 1;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var file in new[] { inboxPath, inboxPath + "-wal", inboxPath + "-shm" })
    {
        File.Delete(file);
    }
}

static void Delivered(FakeTmallGlobalDirectDelivery d)
{
    var reply = d.Reply;
    Check(d.StatusCode == 200 && reply is { Success: true }, $"push #{d.Push.Number} acknowledged");
    Step($"  push #{d.Push.Number} {Short(d.Push.Method)} {d.Push.BizOrderCode}{(d.IsDuplicate ? " (redelivered)" : string.Empty)} → HTTP {d.StatusCode}, " +
         $"success={reply!.Success}, code={reply.ErrorCode}, retry={reply.Retry}");
}

static ConsignOrderShipLine ShipLine(ConsignOrderItem i) => new() { SubOrderCode = i.SubOrderCode!, ScItemId = i.ScItemId!, Quantity = i.Quantity };

static ReturnInboundParty Party(TmallGlobalDirectAddress? pushed, string name) => new()
{
    // The push carries only part of each address; the rest is the ERP's (here: fixed) knowledge of its warehouse and region.
    Name = pushed?.Fields.GetValueOrDefault("receiverName") ?? pushed?.Fields.GetValueOrDefault("senderName") ?? name,
    Country = pushed?.Country ?? "中国",
    Province = pushed?.Province ?? "浙江省",
    City = pushed?.City ?? "杭州市",
    ZipCode = pushed?.ZipCode ?? "310000",
};

static string Answer(TmallGlobalDirectCallbackResult r) => $"success ({Short(r.Method)}, request {r.RequestId ?? "-"}, {r.Attempts} attempt(s))";
static string Short(string method) => method.Replace("qimen.alibaba.ascp.uop.", string.Empty, StringComparison.Ordinal)
    .Replace("alibaba.ascp.uop.supplier.", string.Empty, StringComparison.Ordinal);
static string Yuan(long? fen) => fen is { } f ? (f / 100m).ToString("0.00", CultureInfo.InvariantCulture) + " CNY" : "value unknown";
static void Step(string text) => Console.WriteLine("• " + text);
static void Check(bool condition, string what)
{
    if (!condition)
    {
        throw new InvalidOperationException("Unexpected result: expected " + what + ".");
    }
}
