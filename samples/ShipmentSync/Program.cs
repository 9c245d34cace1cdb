// ShipmentSync sample: one batch of ERP shipments synced exactly once to three platforms at once (1688, Tmall Global direct
// supply, Taobao) by ShipmentSyncEngine over a durable SQLite store, with the real senders wired by DI. The platforms are the
// bundled fakes on loopback, with faults injected: no network, no input, no installed services. The program checks every
// outcome and every platform journal itself and exits 1 when one is not as expected, so CI can run it.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Web;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Alibaba1688;
using PlatformSdk.Http;
using PlatformSdk.Logistics;
using PlatformSdk.Logistics.Senders.Taobao;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Logistics.Sync.Stores;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Testing.Top;
using PlatformSdk.TmallGlobalDirect.Push;
using PlatformSdk.Top;

Console.OutputEncoding = Encoding.UTF8;
var clock = Stopwatch.StartNew();
var problems = new List<string>();

// One clock for the fakes, the SDK and the store. It does not move: the engine's retry pauses are zero here (see the Sync
// settings below), so nothing waits on it and the run takes no real time beyond the loopback calls.
var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero)); // 10:00 in China
var storePath = Path.Combine(Path.GetTempPath(), "shipment-sync-" + Guid.NewGuid().ToString("N") + ".db");
const string AliShop = "main";            // the ERP's name for the authorized 1688 shop

try
{
    await using var ali = new Fake1688Server(null, time);
    // ThrottleBanSeconds = 0: TOP's "ban will last for 0 more seconds", so the throttled send is retried at once on this clock.
    await using var top = new FakeTopServer(new FakeTopOptions { ThrottleBanSeconds = 0 }, time);
    _ = top.Logistics;
    Step($"Started the bundled fakes: 1688 at {ali.Url}, TOP (Taobao logistics + Tmall Global direct) at {top.RouterUrl}.");

    await using (var provider = BuildServices(ali, top, time, storePath, PushedOrders.Find))
    {
        await AuthorizeAliShopAsync(ali, provider.GetRequiredService<Alibaba1688Client>());
        var engine = provider.GetRequiredService<ShipmentSyncEngine>();
        Step($"Engine ready for {string.Join(", ", engine.Platforms.Order(StringComparer.Ordinal))}; durable store {Path.GetFileName(storePath)} (SQLite, temp).");

        var plan = Scenario.Arrange(ali, top);
        Step($"Syncing one batch of {plan.Count} shipments; faults are armed on the fakes.");
        var progress = new SyncProgress();
        var outcomes = await engine.SyncAsync(plan.Select(p => p.Shipment), progress);
        var byId = outcomes.ToDictionary(o => o.ShipmentId, StringComparer.Ordinal);

        // RLOG-09: the last part of the split order arrives after the batch; the held first part is released and both ship.
        var lastPart = Scenario.SplitLastPart();
        var late = await engine.SubmitAsync(lastPart.Shipment);
        byId[late.ShipmentId] = late;
        var released = await engine.GetOutcomeAsync(Scenario.SplitFirstPartId);
        var inBatch = byId[Scenario.SplitFirstPartId];
        Step($"Batch done ({progress.Done} shipments reported by progress); {inBatch.ShipmentId} was {inBatch.Status} ({inBatch.RuleId}). Then "
            + $"{late.ShipmentId} arrived: it is {late.Status} and the held {Scenario.SplitFirstPartId} is now {released?.Status}.");

        var rows = plan.Append(lastPart).ToList();
        PrintTable(rows, byId, released);
        problems.AddRange(Scenario.CheckOutcomes(rows, byId, released));
    }

    // A restart: a new container over the same SQLite file, and the ERP sends the same batch again. Every finished shipment
    // returns its recorded outcome; nothing reaches a platform.
    var callsBefore = ali.Journal.Count + top.Journal.Count;
    await using (var restarted = BuildServices(ali, top, time, storePath, PushedOrders.Find))
    {
        var again = await restarted.GetRequiredService<ShipmentSyncEngine>().SyncAsync(Scenario.All().Select(p => p.Shipment));
        var callsAfter = ali.Journal.Count + top.Journal.Count;
        Step($"Restarted over the same store and resubmitted all {again.Count} shipments: {callsAfter - callsBefore} platform calls made.");
        if (callsAfter != callsBefore)
        {
            problems.Add($"The resubmitted batch made {callsAfter - callsBefore} platform calls; expected none.");
        }
    }

    problems.AddRange(Journals.PrintAndCheck(ali, top));
}
finally
{
    SqliteConnection.ClearAllPools();
    foreach (var file in new[] { storePath, storePath + "-wal", storePath + "-shm", storePath + "-journal" })
    {
        File.Delete(file);
    }
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Run time: {clock.Elapsed.TotalSeconds:0.00} s (real); the fake clock never moved."));
if (problems.Count > 0)
{
    Console.Error.WriteLine("UNEXPECTED OUTCOMES:");
    foreach (var problem in problems)
    {
        Console.Error.WriteLine("  - " + problem);
    }

    return 1;
}

Console.WriteLine("Every outcome is the expected one; every shipped order was applied exactly once.");
return 0;

static ServiceProvider BuildServices(Fake1688Server ali, FakeTopServer top, TimeProvider time, string storePath,
    Func<Shipment, CancellationToken, ValueTask<ConsignOrderNotify?>> findPushedOrder)
{
    var services = new ServiceCollection();
    services.AddLogging();
    var sdk = services.AddPlatformSdk().UseTimeProvider(time)
        .AddAlibaba1688(o =>
        {
            o.AppKey = ali.AppKey;         // in your app: configuration / a secret store
            o.AppSecret = ali.AppSecret;
            o.RedirectUri = new Uri("https://erp.example.com/1688/callback");
            o.EndpointsOverride = new Alibaba1688Endpoints(new Uri(ali.GatewayUrl, "openapi"), ali.AuthorizeUrl); // code only
        })
        .AddTop(o =>
        {
            o.AppKey = top.AppKey;
            o.AppSecret = top.AppSecret;
            o.EndpointsOverride = new TopEndpoints(top.RouterUrl, new Uri(top.Url + "/router/qimen/service")); // code only
            o.Sellers[FakeTopSeed.MainSeller.Nick] = new TopSellerOptions { Session = FakeTopSeed.MainSeller.Session };
        })
        .AddTmallGlobalDirect(o =>
        {
            o.AppKey = top.AppKey;
            o.AppSecret = top.AppSecret;
            o.SupplierId = PushedOrders.Supplier;
            o.Shop = FakeTopSeed.MainSeller.Nick;
        })
        .AddLogistics(o =>
        {
            // RLOG-09: a shipment of some sub-orders waits until the order's other sub-orders have shipped.
            o.Sync.SplitPolicy = ShipmentSplitPolicy.WhenAllSubOrdersShipped;
            // Sample settings: no pauses between retries (the fake clock does not move), and one shipment at a time because the
            // fakes' faults hit "the next call" of a route, so the order of calls decides which shipment meets which fault.
            // In production keep the defaults (1 s doubling to 30 s, 4 at a time) on the system clock.
            o.Sync.BaseDelay = TimeSpan.Zero;
            o.Sync.MaxDelay = TimeSpan.Zero;
            o.Sync.MaxConcurrency = 1;
            o.ConfigureCarriers(b => b
                .Map("ZTO", ShipmentPlatforms.Alibaba1688, "ZTO")                // 1688 codes come from the shop's own list
                .Map("SF", ShipmentPlatforms.TmallGlobalDirect, "SF")
                .Map("DEPPON_EXPRESS", ShipmentPlatforms.Taobao, "DEPPON"));     // a wrong mapping: Taobao lists no such code
        })
        // The durable state: every send is recorded before it leaves, so a restart never sends twice.
        .AddSqliteShipmentSyncStore(o => o.Path = storePath)
        .AddAlibaba1688ShipmentSender()
        .AddTmallGlobalDirectShipmentSender(_ => findPushedOrder)
        // The Taobao sender, with the shipment catalogue's RLOG rows for TOP's replies.
        .AddTaobaoShipmentSender();
    foreach (var platform in new[] { "Alibaba1688", "Top" })
    {
        // The per-tenant rate limiter and the executor's own retry pauses run on the registered clock, which stands still here.
        services.Configure<PlatformResilienceOptions>(platform, o =>
        {
            o.PermitsPerSecond = 0;
            o.BaseDelay = TimeSpan.Zero;
        });
    }

    var provider = services.BuildServiceProvider();
    provider.GetRequiredService<IStartupValidator>().Validate();
    if (provider.GetRequiredService<IShipmentSyncStore>() is not SqliteShipmentSyncStore)
    {
        throw new InvalidOperationException($"The engine's store is {provider.GetRequiredService<IShipmentSyncStore>().GetType().Name}, not the SQLite one.");
    }

    return provider;
}

// The shop's main account authorizes the app once (R1688-02/03); the fake plays the browser and 1688's login page.
static async Task AuthorizeAliShopAsync(Fake1688Server ali, Alibaba1688Client client)
{
    ali.SignIn(Fake1688Seed.MainShopLoginId);
    using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
    using var page = await browser.GetAsync(client.Auth.BuildAuthorizationUrl(AliShop));
    if (page.StatusCode != HttpStatusCode.Redirect || page.Headers.Location is not { } callback)
    {
        throw new InvalidOperationException($"The 1688 authorize page answered {(int)page.StatusCode} without a redirect.");
    }

    var query = HttpUtility.ParseQueryString(callback.Query);
    await client.Auth.ExchangeCodeAsync(AliShop, query["code"]!);
    ali.Journal.Clear();
    Step($"Authorized 1688 shop '{Fake1688Seed.MainShopLoginId}' as '{AliShop}'.");
}

static void PrintTable(IReadOnlyList<Planned> rows, Dictionary<string, ShipmentSyncOutcome> byId, ShipmentSyncOutcome? released)
{
    Console.WriteLine();
    Console.WriteLine($"{"shipment",-14} {"platform",-18} {"order",-20} {"status",-14} {"rule",-9} {"sends",5}  remedy / what happened");
    Console.WriteLine(new string('-', 150));
    foreach (var row in rows)
    {
        var outcome = row.Shipment.ShipmentId == Scenario.SplitFirstPartId && released is not null ? released : byId[row.Shipment.ShipmentId];
        var remedy = outcome.Remedy ?? "-";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{row.Shipment.ShipmentId,-14} {row.Shipment.Platform,-18} {row.Shipment.OrderId,-20} {outcome.Status,-14} {outcome.RuleId ?? "-",-9} {outcome.Attempts,5}  {row.Story}"));
        Console.WriteLine($"{string.Empty,-80}  remedy: {Shorten(remedy, 110)}");
    }

    Console.WriteLine();
    Console.WriteLine("Summary: " + string.Join(", ", rows
        .Select(r => r.Shipment.ShipmentId == Scenario.SplitFirstPartId && released is not null ? released : byId[r.Shipment.ShipmentId])
        .GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
    var perPlatform = rows.GroupBy(r => r.Shipment.Platform).Select(g => $"{g.Key} {g.Count()}");
    Console.WriteLine($"         {rows.Count} shipments: {string.Join(", ", perPlatform)}.");
}

static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

static void Step(string text) => Console.WriteLine("• " + text);

/// <summary>One shipment of the scenario, what it shows and what must come of it.</summary>
internal sealed record Planned(Shipment Shipment, string Story, ShipmentSyncStatus Expected, string? ExpectedRule, int? ExpectedSends = null);

/// <summary>Tells how far the batch has come (the engine reports after every shipment).</summary>
internal sealed class SyncProgress : IProgress<ShipmentSyncProgress>
{
    private int _done;

    public int Done => Volatile.Read(ref _done);

    public void Report(ShipmentSyncProgress value) => Interlocked.Increment(ref _done);
}

/// <summary>The ERP's store of pushed Tmall Global direct orders (in a real ERP: its push inbox), which the sender reads the lines from.</summary>
internal static class PushedOrders
{
    public const string Supplier = "2200001234";

    private static readonly Dictionary<string, ConsignOrderNotify> Orders = new(StringComparer.Ordinal);

    public static void Add(FakeTopServer top, string code)
    {
        top.TmallGlobalDirect.AddOrder(code, [new("L1", "SC-1", 2), new("L2", "SC-2", 1)]);
        Orders[code] = new ConsignOrderNotify
        {
            Method = TmallGlobalDirectPushMethods.ConsignOrderNotify,
            BizOrderCode = code,
            SupplierId = Supplier,
            StoreCode = "STORE_HZ_01",
            Items =
            [
                new ConsignOrderItem { SubOrderCode = "L1", ScItemId = "SC-1", Quantity = 2 },
                new ConsignOrderItem { SubOrderCode = "L2", ScItemId = "SC-2", Quantity = 1 },
            ],
        };
    }

    public static ValueTask<ConsignOrderNotify?> Find(Shipment shipment, CancellationToken cancellationToken)
        => ValueTask.FromResult(Orders.GetValueOrDefault(shipment.OrderId));
}
