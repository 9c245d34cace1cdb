// TaobaoVoucher sample: a 3-unit e-voucher from the send notice to expiry, against the bundled fake TOP router
// (no network, no input). A local VoucherOrder (the lifecycle model) is kept in step with the platform so the
// report states and the money (expiry refund, settlement) can be explained.
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.TaobaoVoucher.Refunds;
using PlatformSdk.TaobaoVoucher.Settlement;
using PlatformSdk.Testing.Top;
using PlatformSdk.TaobaoVoucher;
using PlatformSdk.TaobaoVoucher.Model;
using PlatformSdk.TaobaoVoucher.Models.Redemption;
using PlatformSdk.TaobaoVoucher.Models.Sending;
using PlatformSdk.Top;

Console.OutputEncoding = Encoding.UTF8;
var ct = CancellationToken.None;

// One clock for the fake platform, the client (request timestamps) and the model: expiry is a clock move, not a wait.
var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero)); // 10:00 in China
await using var top = new FakeTopServer(new FakeTopOptions(), time);
var seller = FakeTopSeed.MainSeller;
Step($"Started the bundled fake TOP router at {top.RouterUrl}; seller '{seller.Nick}'.");

var services = new ServiceCollection();
services.AddLogging();
services.AddPlatformSdk().UseTimeProvider(time)
    .AddTop(o =>
    {
        o.AppKey = top.AppKey;          // in your app: configuration / a secret store
        o.AppSecret = top.AppSecret;
        o.EndpointsOverride = new TopEndpoints(top.RouterUrl, new Uri(top.Url + "/router/qimen/service")); // code only
        o.Sellers[seller.Nick] = new TopSellerOptions { Session = seller.Session };
    })
    .AddTaobaoVoucher(o => { o.Seller = seller.Nick; o.Family = VoucherApiFamily.Legacy; });
services.Configure<PlatformResilienceOptions>("Top", o => o.PermitsPerSecond = 0);
await using var provider = services.BuildServiceProvider();
provider.GetRequiredService<IStartupValidator>().Validate();
var client = provider.GetRequiredService<TaobaoVoucherClient>();
Step($"Registered PlatformSdk.Top + PlatformSdk.TaobaoVoucher through DI ({client.Options}).");

// 1. The buyer pays for 3 units at 50.00; the item has the 80% expiry-refund option (RTV-08).
const long orderId = 3100000001;
const decimal unitPrice = 50.00m;
const string buyerMobile = "13800005678";
var validUntil = time.GetUtcNow().AddDays(7);
var notice = top.IssueNotice(orderId, seller.Nick, units: 3, buyerMobile, validUntil, itemTitle: "Spa day ticket");
var model = VoucherOrder.Create(new VoucherOrderTerms
{
    OrderId = orderId.ToString(CultureInfo.InvariantCulture), Quantity = 3, UnitPrice = unitPrice, Mobile = buyerMobile,
    ValidUntil = validUntil, ExpiryRefund = VoucherExpiryRefundTerms.Enable(0.80m),
}, time);
Step($"Send notice for order {orderId}: 3 × {unitPrice:0.00} CNY, valid until {China(validUntil)}, expiry refund 80%. Model: {model.State}.");

// 2. Answer the notice with one code for all 3 units: sending is shipping (RTV-10).
var sentAt = time.GetUtcNow();
model = model.Send("12345678", sentAt);
await client.Legacy.SendAsync(new LegacySendCodesRequest { OrderId = orderId, Token = notice.Token, Codes = [new("12345678", 3)] }, ct);
Step($"Sent code {model.LiveCode} for 3 units. Platform: shipped={top.GetOrder(orderId)!.Shipped}, state {top.GetOrder(orderId)!.State}; model {model.State} / report {model.ReportState}.");

// 3. Redeem 1 unit: the old code becomes void and a new code stands for the other 2 (RTV-12).
time.Advance(TimeSpan.FromDays(1));
var oldCode = model.LiveCode!.Value.Value;
model = await RedeemAsync(oldCode, 1);
var newCode = model.LiveCode!.Value.Value;
Step($"Redeemed 1 unit with code {Mask(oldCode)} + last 4 digits. New code {newCode} for 2 units; old code void: {top.GetOrder(orderId)!.VoidCodes.Contains(oldCode)}.");
try
{
    await client.Legacy.ConsumeAsync(new LegacyConsumeRequest { OrderId = orderId, VerifyCode = oldCode, ConsumeNum = 1, Token = notice.Token, MobileLastFour = "5678", PosId = "till-1" }, ct);
}
catch (PlatformException ex)
{
    Step($"Redeeming the old code again is refused: {ex.Category} {ex.Error.SubCode} — {ex.Remedy}");
}

// 4. Redeem 1 more unit with the new code.
time.Advance(TimeSpan.FromDays(1));
model = await RedeemAsync(newCode, 1);
Step($"Redeemed 1 more unit. Platform: {top.GetOrder(orderId)!.Redeemed}/3 redeemed, state {top.GetOrder(orderId)!.State}; model {model} / report {model.ReportState}.");
var redemptions = model.Redemptions.Select(r => new VoucherUnitRedemption(r.At, r.Count)).ToList();

// 5. The last unit is never used: move the clock past the end of validity.
time.Advance(validUntil - time.GetUtcNow() + TimeSpan.FromMinutes(1));
model = model.Expire(time.GetUtcNow());
Step($"Validity ended {China(validUntil)}: 1 unit expired. Platform state {top.GetOrder(orderId)!.State}; model {model.State} / report {model.ReportState}.");

// 6. Money: the automatic expiry refund (RTV-14 f) and the settlement schedule (redeem-then-pay).
var option = new ExpiryRefundOption(0.80m);
var moneyOrder = new VoucherOrderAmounts(unitPrice, 3);
var refund = client.Money.ExpiredRefund(moneyOrder, redeemed: model.RedeemedCount, expired: model.ExpiredCount, option);
Console.WriteLine();
Console.WriteLine("Expiry refund:");
Console.WriteLine(Indent(refund.Explain()));
var schedule = client.Money.Settle(new VoucherSettlementRequest
{
    Order = moneyOrder, SentAt = sentAt, Terms = VoucherSettlementTerms.RedeemThenPay(option), Redemptions = redemptions, ExpiresAt = validUntil,
});
Console.WriteLine();
Console.WriteLine("Settlement schedule:");
Console.WriteLine(Indent(schedule.Describe()));
Console.WriteLine();
Step($"Buyer refunded {refund.Amount:0.00} CNY; seller receives {schedule.SellerNet:0.00} CNY in total. Done.");
return 0;

async Task<VoucherOrder> RedeemAsync(string code, int count)
{
    // The model decides the remainder code; the platform is told it via new_code so both sides hold the same code.
    var request = new LegacyConsumeRequest { OrderId = orderId, VerifyCode = code, ConsumeNum = count, Token = notice.Token, MobileLastFour = "5678", PosId = "till-1" };
    var next = model.Redeem(code, count, "5678", "front-desk", "till-1", request.SerialNum, time.GetUtcNow());
    var withNewCode = next.LiveCode is { } live ? new LegacyConsumeRequest
    {
        OrderId = orderId, VerifyCode = code, ConsumeNum = count, Token = notice.Token, MobileLastFour = "5678", PosId = "till-1",
        SerialNum = request.SerialNum, NewCode = live.Value,
    } : request;
    var result = await client.Legacy.ConsumeAsync(withNewCode, ct);
    Step($"  consume serial {result.SerialNum}: left_num={result.LeftNum?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
    return next;
}

static void Step(string text) => Console.WriteLine("• " + text);
static string China(DateTimeOffset t) => t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm '+08:00'", CultureInfo.InvariantCulture);
static string Mask(string code) => VoucherCode.Parse(code).ToString();
static string Indent(string text) => "    " + text.Replace("\n", "\n    ", StringComparison.Ordinal);
