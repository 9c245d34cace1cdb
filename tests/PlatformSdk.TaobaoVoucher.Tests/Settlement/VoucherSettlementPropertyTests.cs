using CsCheck;
using PlatformSdk.Money;
using PlatformSdk.TaobaoVoucher.Refunds;
using PlatformSdk.TaobaoVoucher.Settlement;

namespace PlatformSdk.TaobaoVoucher.Tests.Settlement;

/// <summary>Properties of the settlement schedule (RTV-02, RTV-03, RTV-08, RTV-14) over generated orders, terms and event histories.</summary>
public class VoucherSettlementPropertyTests
{
    private static readonly DateTimeOffset Sent = new(2024, 6, 1, 9, 30, 0, TimeSpan.FromHours(8));

    private static readonly Gen<VoucherSettlementTerms> Terms =
        Gen.Select(Gen.Bool, Gen.Int[1, 5], Gen.Bool, Gen.Int[0, 10_000]).Select((tPlusN, days, wholeOrder, ratio) =>
        {
            var option = ratio == 0 ? null : new ExpiryRefundOption(ratio / 10_000m);
            return tPlusN
                ? VoucherSettlementTerms.TPlusN(days, option, wholeOrder ? TPlusNEarlyPayout.WholeOrder : TPlusNEarlyPayout.RedeemedUnitsOnly)
                : VoucherSettlementTerms.RedeemThenPay(option);
        });

    /// <summary>Events as (minutes since the previous event, is refund, count, ratio); counts that do not fit are dropped when building the request.</summary>
    private static readonly Gen<(int Gap, bool IsRefund, int Count, int RatioBasisPoints)[]> Events =
        Gen.Select(Gen.Int[1, 3000], Gen.Int[0, 3], Gen.Int[1, 4], Gen.Int[1, 10_000])
            .Select((gap, kind, count, ratio) => (gap, kind == 0, count, ratio)).Array[0, 8];

    private static readonly Gen<VoucherSettlementRequest> Requests =
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[1, 12], Gen.Int[0, 1000], Terms, Events, Gen.Int[-1, 20_000])
            .Select((priceFen, quantity, discountPermille, terms, events, expiryGap) =>
            {
                var price = priceFen / 100m;
                var paid = discountPermille % 4 == 0 ? Cny.RoundToFen(price * quantity * discountPermille / 1000m) : price * quantity;
                var redemptions = new List<VoucherUnitRedemption>();
                var refunds = new List<VoucherUnitRefund>();
                var left = quantity;
                var at = Sent;
                foreach (var (gap, isRefund, count, ratio) in events)
                {
                    at = at.AddMinutes(gap);
                    if (count > left)
                    {
                        continue;
                    }

                    left -= count;
                    if (isRefund)
                    {
                        refunds.Add(new VoucherUnitRefund(at, count, ratio / 10_000m));
                    }
                    else
                    {
                        redemptions.Add(new VoucherUnitRedemption(at, count));
                    }
                }

                return new VoucherSettlementRequest
                {
                    Order = new VoucherOrderAmounts(price, quantity, paid),
                    SentAt = Sent,
                    Terms = terms,
                    Redemptions = redemptions,
                    Refunds = refunds,
                    ExpiresAt = expiryGap < 0 ? null : at.AddMinutes(expiryGap + 1),
                };
            });

    [Fact]
    [Rule("RTV-08", "RTV-14")]
    public void RTV14_RTV08_money_is_conserved_and_refund_plus_fee_plus_seller_never_exceeds_what_the_buyer_paid()
        => Requests.Sample(request =>
        {
            var schedule = VoucherSettlementCalculator.Compute(request);
            var paid = request.Order.AmountPaid;

            Assert.True(schedule.RefundedToBuyer + schedule.SellerNet <= paid, schedule.Describe());
            Assert.Equal(paid, schedule.SellerNet + schedule.RefundedToBuyer + schedule.HeldByPlatform);
            Assert.True(schedule.HeldByPlatform >= 0m, schedule.Describe());
            Assert.True(schedule.SellerNet >= 0m, schedule.Describe());
            if (request.ExpiresAt is not null || request.Terms.Mode == SettlementMode.TPlusN)
            {
                Assert.Equal(0m, schedule.HeldByPlatform);
            }
        }, print: r => VoucherSettlementCalculator.Compute(r).Describe());

    [Fact]
    [Rule("RTV-02", "RTV-03")]
    public void RTV02_RTV03_entries_are_whole_fen_non_negative_chronological_and_units_add_up()
        => Requests.Sample(request =>
        {
            var schedule = VoucherSettlementCalculator.Compute(request);

            Assert.All(schedule.Entries, e =>
            {
                Assert.True(e.Amount >= 0m);
                Assert.True(Cny.IsWholeFen(e.Amount));
                Assert.True(e.Amount > 0m || e.Kind == SettlementEntryKind.BuyerRefund);
                Assert.True(e.At >= request.SentAt);
            });
            for (var i = 1; i < schedule.Entries.Count; i++)
            {
                Assert.True(schedule.Entries[i - 1].At <= schedule.Entries[i].At, schedule.Describe());
            }

            Assert.Equal(request.Order.Quantity, schedule.RedeemedUnits + schedule.RefundedUnits + schedule.ExpiredUnits + schedule.OutstandingUnits);
            Assert.Equal(request.Refunds.Count + (schedule.ExpiredUnits > 0 && request.Terms.ExpiryRefund is not null ? 1 : 0), schedule.Refunds.Count);
        }, print: r => VoucherSettlementCalculator.Compute(r).Describe());
}
