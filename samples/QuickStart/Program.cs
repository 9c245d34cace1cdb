// QuickStart: the Jushuitan client against the bundled fake ERP (no network, no input).
// The credentials in appsettings.json are Jushuitan's public sandbox values; in your app they come from configuration or a
// secret store, and EndpointsOverride is left unset so Environment ("Test" / "Production") picks the real endpoints (RJST-01).
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlatformSdk.Errors;
using PlatformSdk.Jushuitan;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Testing.Jushuitan;

Console.OutputEncoding = Encoding.UTF8;

await using var erp = new FakeJushuitanServer();
Step($"Started the bundled fake Jushuitan ERP at {erp.Url} (Test environment).");

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: false)
    .Build();

var services = new ServiceCollection();
services.AddLogging(logging => logging
    .AddConfiguration(configuration.GetSection("Logging"))
    .AddSimpleConsole(o => o.SingleLine = true));
services.AddPlatformSdk().AddJushuitan(configuration.GetSection("PlatformSdk:Jushuitan"));
// Code only: point the client at the fake instead of the Test environment's real URLs.
services.Configure<JushuitanOptions>(o => o.EndpointsOverride = new JushuitanEndpoints(erp.LegacyUrl, erp.OpenApiUrl, new Uri(erp.Url + "/auth")));

await using var provider = services.BuildServiceProvider();
provider.GetRequiredService<IStartupValidator>().Validate(); // fails here, before any call, on bad settings (RJST-01)
var jushuitan = provider.GetRequiredService<JushuitanClient>();
Step($"Client ready: tenant '{jushuitan.Tenant}', {jushuitan.Environment} environment, {jushuitan.Protocol} protocol.");

// 1. Shops (RJST-04): orders can only be uploaded to own-mall (自有商城) shops (RJST-06).
var shops = await jushuitan.Shops.ListAsync();
Step($"The ERP has {shops.Count} shops:");
foreach (var shop in shops)
{
    var kind = shop.ShopSite == "自有商城" ? "own-mall: uploads allowed" : shop.RequiresQimen ? "Taobao family: orders via Qimen (RJST-16)" : "not own-mall";
    Console.WriteLine($"     shop {shop.ShopId} {shop.ShopName} [{shop.ShopSite}] {kind}");
}

var ownMall = shops.First(s => s.ShopSite == "自有商城");
var notOwnMall = shops.First(s => s.ShopSite != "自有商城");
var shopId = ownMall.ShopId;

// 2. An unpaid order: two lines, a gift line at price 0 (RJST-18) and freight; 2×39 + 30 + 0 + 10 freight = 118 (RJST-20).
var orderDate = DateTimeOffset.Now;
var order = new JushuitanOrderUpload
{
    ShopId = shopId,
    SoId = "QS-" + orderDate.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture),
    OrderDate = orderDate,
    ShopStatus = JushuitanShopStatus.WaitBuyerPay,
    PayAmount = 118.00m,
    Freight = 10.00m,
    ReceiverName = "张三",
    ReceiverMobile = "13800000000",
    ReceiverState = "浙江省",
    ReceiverCity = "杭州市",
    ReceiverDistrict = "西湖区",
    ReceiverAddress = "文三路 1 号",
    Items =
    [
        new JushuitanUploadItem { SkuId = "TEA-250G", Name = "龙井茶 250g", Price = 39.00m, Qty = 2, Amount = 78.00m, OuterOiId = "L1" },
        new JushuitanUploadItem { SkuId = "CUP-01", Name = "玻璃杯", Price = 30.00m, Qty = 1, Amount = 30.00m, OuterOiId = "L2" },
        new JushuitanUploadItem { SkuId = "GIFT-BAG", Name = "赠品 手提袋", Price = 0m, Qty = 1, Amount = 0m, IsGift = true, OuterOiId = "L3" },
    ],
};
var unpaid = await jushuitan.Orders.UploadAsync([order]);
Step($"Uploaded unpaid order {order.SoId} to shop {shopId}: o_id {unpaid.Orders[0].OId}, ERP status {unpaid.Orders[0].ErpStatus}.");

// 3. The buyer pays: upload the same order again with a pay node equal to pay_amount (RJST-19). Uploads are idempotent on (shop_id, so_id) (RJST-14).
var paidOrder = order with
{
    ShopStatus = JushuitanShopStatus.WaitSellerSendGoods,
    Pay = new JushuitanUploadPay { OuterPayId = "ALIPAY-" + order.SoId, PayDate = DateTimeOffset.Now, Payment = "支付宝", Amount = 118.00m },
};
var paid = await jushuitan.Orders.UploadAsync([paidOrder]);
Step($"Re-uploaded it with payment: same o_id {paid.Orders[0].OId}, ERP status {paid.Orders[0].ErpStatus} (paid, awaiting review: RJST-17).");

// 4. Query it back.
var found = await jushuitan.Orders.ListAsync(new JushuitanOrderQuery { ShopId = shopId, SoIds = [order.SoId] });
foreach (var o in found)
{
    Step($"Queried back: o_id {o.OId}, so_id {o.SoId}, status {o.Status}, shop_status {o.ShopStatus}, pay_amount {o.PayAmount:0.00}, paid {o.PaidAmount:0.00}, freight {o.Freight:0.00}.");
}

// 5. Amounts that do not add up are refused before anything is sent (RJST-20).
try
{
    await jushuitan.Orders.UploadAsync([paidOrder with { SoId = order.SoId + "-BAD", PayAmount = 120.00m }]);
    throw new InvalidOperationException("The bad order should have been refused.");
}
catch (PlatformValidationException ex)
{
    Step("Refused before sending (nothing reached the ERP):");
    Console.WriteLine($"     field:  {ex.Field}");
    Console.WriteLine($"     value:  {ex.Value}");
    Console.WriteLine($"     rule:   {ex.RuleId}");
    Console.WriteLine($"     reason: {ex.Problem}");
    Console.WriteLine($"     remedy: {ex.Remedy}");
}

// 6. Uploading to a shop that is not own-mall: Jushuitan refuses it, the SDK says why and what to do (RJST-06).
try
{
    await jushuitan.Orders.UploadAsync([paidOrder with { ShopId = notOwnMall.ShopId }]);
    throw new InvalidOperationException("The upload to a non-own-mall shop should have failed.");
}
catch (PlatformException ex)
{
    Step($"Upload to shop {notOwnMall.ShopId} ({notOwnMall.ShopSite}) failed:");
    Console.WriteLine($"     error:    {ex.ErrorCode} ({ex.Category}), rule {ex.RuleId}");
    Console.WriteLine($"     message:  {ex.Error.Message}");
    Console.WriteLine($"     remedy:   {ex.Remedy}");
}

// 7. Call metering (RJST-03).
var usage = jushuitan.GetUsage();
Step($"Calls made by tenant '{usage.Tenant}': {usage.Calls} (the ERP counted {erp.GetCallCount(erp.AppKey)}); "
    + $"free calls in the contract: {usage.FreeCalls}; estimated cost: {usage.EstimatedCost:0.00} CNY.");
Step("Done.");
return 0;

static void Step(string text) => Console.WriteLine("==> " + text);
