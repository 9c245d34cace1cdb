// Alibaba1688 sample: the 1688 client against the bundled Fake1688Server (no network, no input).
// The AppKey/AppSecret in appsettings.json are the fake's defaults, not real credentials; in your app they come from a secret
// store, and EndpointsOverride stays unset so the client talks to gw.open.1688.com / auth.1688.com only (R1688-01).
using System.Globalization;
using System.Net;
using System.Text;
using System.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlatformSdk.Alibaba1688;
using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Alibaba1688.Models.PreOrders;
using PlatformSdk.Alibaba1688.Models.Products;
using PlatformSdk.Alibaba1688.Validation;
using PlatformSdk.Matching;
using PlatformSdk.Testing.Alibaba1688;

Console.OutputEncoding = Encoding.UTF8;
const string ShopName = "shopA";

await using var ali = new Fake1688Server();
Step($"Started the bundled fake 1688 open platform at {ali.Url} (seeded shop '{Fake1688Seed.MainShopLoginId}').");

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: false)
    .Build();
var services = new ServiceCollection();
services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
services.AddPlatformSdk().AddAlibaba1688(configuration.GetSection("PlatformSdk:Alibaba1688"));
// Code only (never from configuration): point the client at the fake.
services.Configure<Alibaba1688Options>(o => o.EndpointsOverride = new Alibaba1688Endpoints(new Uri(ali.GatewayUrl, "openapi"), ali.AuthorizeUrl));
await using var provider = services.BuildServiceProvider();
provider.GetRequiredService<IStartupValidator>().Validate();
var client = provider.GetRequiredService<Alibaba1688Client>();

// 1. Authorize the shop (R1688-02/03): the shop's MAIN account opens the URL; 1688 redirects to our callback with a code.
var authorizeUrl = client.Auth.BuildAuthorizationUrl(state: ShopName);
Step($"Send the shop's main account to: {authorizeUrl}");
using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
{
    using var page = await browser.GetAsync(authorizeUrl);
    var callback = page.Headers.Location ?? throw new InvalidOperationException($"The authorize page answered {(int)page.StatusCode} without a redirect.");
    var query = HttpUtility.ParseQueryString(callback.Query);
    Step($"1688 redirected to the callback {callback.GetLeftPart(UriPartial.Path)} with state '{query["state"]}' and a single-use code.");
    var grant = await client.Auth.ExchangeCodeAsync(query["state"]!, query["code"]!);   // within 2 minutes
    Step($"Exchanged the code: {grant}");
}

var shop = client.ForShop(ShopName);

// 2. Download every product as a resumable stream (R1688-05/09): persist page.ContinuationToken to resume after a restart
//    (DownloadAllAsync().AsPages(token)); enumerating DownloadAllAsync() itself gives the products.
var offers = new List<Alibaba1688Product>();
var pageNo = 0;
await foreach (var page in shop.Products.DownloadAllAsync().AsPages())
{
    offers.AddRange(page.Values);
    Console.WriteLine($"     page {++pageNo}: {page.Values.Count} offers (of {page.TotalCount}); resume token: {page.ContinuationToken ?? "(done)"}");
}

Step($"Downloaded {offers.Count} offers.");

// 3. Auto-match the offers to the ERP catalogue (R1688-11): SKU cargo number = ERP SKU code, or, for an offer without SKUs,
//    offer cargo number = ERP product code. TS-BLUE-M is deliberately missing from the ERP: its SKU stays unmatched (rule 3).
var erpSkus = new[] { new ErpSku("TS-RED-M", "TS-100"), new ErpSku("TS-RED-L", "TS-100") };
var erpProductsWithoutSkus = new[] { "HX-1001" };
var catalogue = SkuMatchingCatalogue.Create(erpSkus, erpProductsWithoutSkus);
var items = offers.Select(o => new PlatformItem(
    o.ProductId.ToString(CultureInfo.InvariantCulture),
    o.ProductCargoNumber,
    [.. o.Skus.Where(s => s.SpecId is not null).Select(s => new PlatformSku(s.SpecId!, s.CargoNumber))]));
var report = SkuMatcher.Match(catalogue, items);
Step($"Auto-match: {report.MatchedCount} matched, {report.NotMatchedCount} not matched.");
foreach (var result in report.NewlyMatched)
{
    Console.WriteLine($"     {result.Describe()}");
}

foreach (var result in report.Unmatched.Where(r => r.Rule == SkuMatchRule.ItemCodeEqualButSkuCodesDiffer))
{
    Console.WriteLine($"     {result.Describe()}");
}

var lookup = SkuMatchLookup.Create(report.ToAutoMatches(DateTimeOffset.UtcNow));

// 4. A sales order from the ERP becomes a pre-order (E经经): lines resolved through the matches; freight 10 > 0 → Express (R1688-13).
var salesLines = new[] { (Sku: "TS-RED-M", Product: "TS-100", Qty: 2, Price: 29.90m), (Sku: (string?)null, Product: "HX-1001", Qty: 3, Price: 25.00m) };
var lines = new List<Alibaba1688PreOrderLine>();
foreach (var (sku, product, qty, price) in salesLines)
{
    if (!lookup.TryFind(sku, product, out var match))
    {
        throw new InvalidOperationException($"ERP {sku ?? product} is not matched to a 1688 offer.");
    }

    var offer = offers.Single(o => o.ProductId.ToString(CultureInfo.InvariantCulture) == match.Key.ItemId);
    var listPrice = offer.Skus.FirstOrDefault(s => s.SpecId == match.Key.SkuId)?.Price ?? offer.ReferencePrice ?? price;
    lines.Add(new Alibaba1688PreOrderLine { OfferId = offer.ProductId, SpecId = match.Key.SkuId, Quantity = qty, UnitPrice = price, ListPrice = listPrice });
}

var salesOrder = new Alibaba1688PreOrderRequest
{
    SalesOrderId = "SO-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
    Lines = lines,
    Freight = 10.00m,
    Receiver = new Alibaba1688Receiver { FullName = "张三", Mobile = "13800000000", Province = "浙江省", City = "杭州市", Area = "西湖区", Address = "文三路 1 号" },
};
Alibaba1688PreOrderResult? created = null;
foreach (var part in Alibaba1688PreOrderValidator.Split(salesOrder))   // ≤ 50 lines per pre-order (R1688-19)
{
    created = await shop.PreOrders.CreateAsync(part);
    Step($"Pre-order {created.OrderId} for {created.SalesOrderId}: {created.LogisticsMode}, 1688 total {created.PlatformTotalAmount:0.00} CNY (freight {created.PlatformFreight:0.00}).");
    Console.WriteLine($"     price checks (R1688-23): {(created.PriceDeviations.Count == 0 ? "all lines within 30% of list price" : string.Join("; ", created.PriceDeviations.Select(d => $"line {d.LineIndex} off by {d.DeviationPercent}%")))}");
    if (created.FreightWarning is { } warning)
    {
        Console.WriteLine($"     warning: {warning}");
    }
}

// 5. The payment QR code (R1688-16): the cashier URL rendered by the SDK; single use, locked after the first scan.
var payUrl = created!.PaymentLink?.PayUrl ?? throw new InvalidOperationException($"No payment link: {created.PaymentLinkError?.Message}");
var folder = Directory.CreateTempSubdirectory("alibaba1688-sample-").FullName;
var pngPath = Path.Combine(folder, $"pay-{created.OrderId}.png");
var svgPath = Path.Combine(folder, $"pay-{created.OrderId}.svg");
await File.WriteAllBytesAsync(pngPath, created.PaymentQrPng.ToArray());
await File.WriteAllTextAsync(svgPath, created.PaymentQrSvg);
Step($"Payment URL: {payUrl}");
Console.WriteLine($"     QR code: {pngPath} ({created.PaymentQrPng.Length} bytes), {svgPath}");

using (var phone = new HttpClient())
{
    using var first = await phone.GetAsync(new Uri(payUrl));
    using var second = await phone.GetAsync(new Uri(payUrl));
    Step($"Buyer scans the code: HTTP {(int)first.StatusCode} (cashier opens); a second scan: HTTP {(int)second.StatusCode} ({(second.StatusCode == HttpStatusCode.Conflict ? "locked" : "unexpected")}).");
}

ali.PayOrder(created.OrderId);   // the buyer pays in the Alipay / 1688 app and enters the address (R1688-14)
var paid = await shop.Orders.GetAsync(created.OrderId);
Step($"Order {paid!.OrderId} is now a formal 1688 order (R1688-17): {paid.Status}, paid at {paid.PaidAt:u}, pre-order id {paid.PreOrderId}.");

// 6. Ship with an own carrier (R1688-14): the carrier code is a companyNo from the carrier list (RLOG-05/12).
var carriers = await shop.Logistics.ListCarriersAsync();
var carrier = carriers.First(c => c.CompanyNo == "SF");
Step($"{carriers.Count} carriers: {string.Join(", ", carriers.Select(c => c.CompanyNo))}; shipping with {carrier.Name} ({carrier.CompanyNo}).");
var shipRequest = new Alibaba1688ShipRequest
{
    OrderId = paid.OrderId,
    Entries = [.. paid.Items.Select(i => new Alibaba1688ShipEntry(i.SubItemId, (int)i.Quantity))],   // whole sub-orders only (RLOG-52)
    CarrierCode = carrier.CompanyNo,
    TrackingNumber = "SF1400012345678",
    ShippedAt = DateTimeOffset.UtcNow,
};
var shipped = await shop.Logistics.ShipAsync(shipRequest);
Step($"Ship: {shipped.Outcome}, sub-orders {string.Join(", ", shipped.ShippedSubOrderIds)}.");
var again = await shop.Logistics.ShipAsync(shipRequest);   // a repeated sync is harmless: RLOG-13 → AlreadyShipped
Step($"Ship again: {again.Outcome} ({(again.Failures.Count > 0 ? again.Failures[0].Error.RuleId : "-")}).");

// 7. Escrow (R1688-20): paid on buyer confirmation, or automatically 10 days after shipping.
var afterShipping = await shop.Orders.GetAsync(paid.OrderId);
Step($"Order {afterShipping!.OrderId}: {afterShipping.Status}, shipped {afterShipping.AllDeliveredAt:u}; expected settlement {afterShipping.ExpectedSettlementAt:u}.");
Step("Done.");

static void Step(string text) => Console.WriteLine("==> " + text);
