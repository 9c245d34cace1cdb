using CsCheck;
using PlatformSdk.Money;
using PlatformSdk.TaobaoVoucher.Refunds;

namespace PlatformSdk.TaobaoVoucher.Tests.Refunds;

/// <summary>Properties of the refund formulas (RTV-14 (a)/(b)/(f), RTV-08) over generated orders, counts and ratios.</summary>
public class VoucherRefundPropertyTests
{
    private static readonly DateTimeOffset At = new(2024, 6, 1, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Unit prices from 0.00 to 2000.00 in whole fen.</summary>
    private static readonly Gen<decimal> Price = Gen.Int[0, 200_000].Select(fen => fen / 100m);

    /// <summary>Ratios in (0, 1] with four decimals (0.01%).</summary>
    private static readonly Gen<decimal> Ratio = Gen.Int[1, 10_000].Select(r => r / 10_000m);

    /// <summary>An order (sometimes discounted), a redeemed count and a covered (unredeemed/expired) count that fit the quantity.</summary>
    private static readonly Gen<(VoucherOrderAmounts Order, int Redeemed, int Covered)> OrderAndCounts =
        Gen.Select(Price, Gen.Int[1, 40], Gen.Int[0, 1000]).SelectMany((price, quantity, discountPermille) =>
            Gen.Int[0, quantity].SelectMany(redeemed => Gen.Int[0, quantity - redeemed].Select(covered =>
            {
                var list = price * quantity;
                // A third of the orders are discounted to exercise the cap at the amount paid.
                var paid = discountPermille % 3 == 0 ? Cny.RoundToFen(list * discountPermille / 1000m) : list;
                return (new VoucherOrderAmounts(price, quantity, paid), redeemed, covered);
            })));

    private static IEnumerable<VoucherRefund> FormulaRefunds(VoucherOrderAmounts order, int redeemed, int covered, decimal ratio)
    {
        yield return VoucherRefundCalculator.UnexpiredAutomatic(order, redeemed, covered, ratio, At);
        yield return VoucherRefundCalculator.UnexpiredManual(order, redeemed, covered, ratio, At);
        yield return VoucherRefundCalculator.ExpiredAutomatic(order, redeemed, covered, new ExpiryRefundOption(ratio));
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14_refund_plus_code_fee_plus_seller_money_never_exceeds_what_the_buyer_paid()
        => Gen.Select(OrderAndCounts, Ratio).Sample((oc, ratio) =>
        {
            var (order, redeemed, covered) = oc;
            var paidToSellerForRedeemed = Math.Min(Cny.RoundToFen(redeemed * order.UnitPrice), order.AmountPaid);
            foreach (var refund in FormulaRefunds(order, redeemed, covered, ratio))
            {
                Assert.True(refund.Amount + refund.CodeFeeCharged + refund.RetainedBySeller + paidToSellerForRedeemed <= order.AmountPaid,
                    $"{refund.Explain()} with {redeemed} redeemed exceeds {order}");
                Assert.Equal(refund.GrossAmount, refund.Amount + refund.CodeFeeCharged);
                if (!refund.CappedAtAmountPaid)
                {
                    // Without a discount the covered units' money is split exactly: nothing lost, nothing invented.
                    Assert.Equal(Cny.RoundToFen(covered * order.UnitPrice), refund.Amount + refund.CodeFeeCharged + refund.RetainedBySeller);
                }
            }
        });

    [Fact]
    [Rule("RTV-14")]
    public void RTV14_refunds_are_never_negative_and_always_whole_fen()
        => Gen.Select(OrderAndCounts, Ratio).Sample((oc, ratio) =>
        {
            foreach (var refund in FormulaRefunds(oc.Order, oc.Redeemed, oc.Covered, ratio))
            {
                foreach (var amount in new[] { refund.Amount, refund.GrossAmount, refund.CodeFeeCharged, refund.RetainedBySeller })
                {
                    Assert.True(amount >= 0m, refund.Explain());
                    Assert.True(Cny.IsWholeFen(amount), refund.Explain());
                }

                Assert.Equal(Math.Min(VoucherRefundCalculator.CodeFee, refund.GrossAmount), refund.CodeFeeCharged);
            }
        });

    [Fact]
    [Rule("RTV-08")]
    public void RTV08_refund_is_non_decreasing_in_the_ratio()
        => Gen.Select(OrderAndCounts, Ratio, Ratio).Sample((oc, r1, r2) =>
        {
            var (low, high) = r1 <= r2 ? (r1, r2) : (r2, r1);
            var lowRefunds = FormulaRefunds(oc.Order, oc.Redeemed, oc.Covered, low).ToArray();
            var highRefunds = FormulaRefunds(oc.Order, oc.Redeemed, oc.Covered, high).ToArray();
            for (var i = 0; i < lowRefunds.Length; i++)
            {
                Assert.True(lowRefunds[i].Amount <= highRefunds[i].Amount, $"{lowRefunds[i].Explain()} > {highRefunds[i].Explain()}");
            }
        });

    [Fact]
    [Rule("RTV-14")]
    public void RTV14_refund_is_non_decreasing_in_the_unredeemed_or_expired_count()
        => Gen.Select(OrderAndCounts, Ratio).Where((oc, _) => oc.Covered > 0).Sample((oc, ratio) =>
        {
            var fewer = FormulaRefunds(oc.Order, oc.Redeemed, oc.Covered - 1, ratio).ToArray();
            var more = FormulaRefunds(oc.Order, oc.Redeemed, oc.Covered, ratio).ToArray();
            for (var i = 0; i < fewer.Length; i++)
            {
                Assert.True(fewer[i].Amount <= more[i].Amount, $"{fewer[i].Explain()} > {more[i].Explain()}");
            }
        });
}
