using PlatformSdk.Orders;

namespace PlatformSdk.Abstractions.Tests;

/// <summary>RJST-20: sum(items.amount) + freight = pay_amount; pay_amount − sum(pay.amount) = discount; mismatches show both sides.</summary>
public class OrderAmountCheckTests
{
    [Fact]
    [Rule("RJST-20")]
    public void RJST20_consistent_order_has_no_mismatches()
    {
        var check = OrderAmountCheck.Evaluate([10.00m, 20.50m], 5.00m, 35.50m, [30.00m]);

        Assert.True(check.PayableMatches);
        Assert.True(check.PaymentsMatch);
        Assert.True(check.IsConsistent);
        Assert.Equal(30.50m, check.LinesTotal);
        Assert.Equal(35.50m, check.ExpectedPayable);
        Assert.Equal(5.50m, check.ImpliedDiscount);
        Assert.Empty(check.DescribeMismatches());
    }

    [Fact]
    [Rule("RJST-20")]
    public void RJST20_payable_mismatch_reports_both_sides_and_the_difference()
    {
        var check = OrderAmountCheck.Evaluate([10m, 20m], 5m, 36m, [36m]);

        Assert.False(check.PayableMatches);
        Assert.True(check.PaymentsMatch);
        Assert.False(check.IsConsistent);
        var problem = Assert.Single(check.DescribeMismatches());
        Assert.Contains("lines 30.00", problem, StringComparison.Ordinal);
        Assert.Contains("freight 5.00", problem, StringComparison.Ordinal);
        Assert.Contains("= 35.00", problem, StringComparison.Ordinal);
        Assert.Contains("declared payable is 36.00", problem, StringComparison.Ordinal);
        Assert.Contains("difference 1.00", problem, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RJST-20")]
    public void RJST20_overpayment_is_a_mismatch_naming_paid_and_payable()
    {
        var check = OrderAmountCheck.Evaluate([30m], 5m, 35m, [20m, 20m]);

        Assert.True(check.PayableMatches);
        Assert.False(check.PaymentsMatch);
        Assert.Equal(-5m, check.ImpliedDiscount);
        var problem = Assert.Single(check.DescribeMismatches());
        Assert.Contains("40.00", problem, StringComparison.Ordinal);
        Assert.Contains("35.00", problem, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RJST-20")]
    public void RJST20_declared_discount_that_matches_the_payments_is_consistent()
    {
        var check = OrderAmountCheck.Evaluate([30m], 5m, 35m, [30m], expectedDiscount: 5m);

        Assert.True(check.IsConsistent);
        Assert.Equal(5m, check.ExpectedDiscount);
    }

    [Fact]
    [Rule("RJST-20")]
    public void RJST20_declared_discount_mismatch_reports_implied_and_declared_discount()
    {
        var check = OrderAmountCheck.Evaluate([30m], 5m, 35m, [30m], expectedDiscount: 4m);

        Assert.True(check.PayableMatches);
        Assert.False(check.PaymentsMatch);
        var problem = Assert.Single(check.DescribeMismatches());
        Assert.Contains("payable 35.00", problem, StringComparison.Ordinal);
        Assert.Contains("paid 30.00", problem, StringComparison.Ordinal);
        Assert.Contains("discount 5.00", problem, StringComparison.Ordinal);
        Assert.Contains("declared discount is 4.00", problem, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RJST-20")]
    public void RJST20_both_identities_broken_gives_two_sentences()
    {
        var check = OrderAmountCheck.Evaluate([10m], 0m, 12m, [20m]);

        Assert.Equal(2, check.DescribeMismatches().Count);
    }

    [Fact]
    [Rule("RJST-19")]
    public void RJST19_unpaid_order_checks_only_the_payable_identity()
    {
        var check = OrderAmountCheck.Evaluate([10m, 20m], 5m, 35m, [], expectedDiscount: 3m);

        Assert.False(check.HasPayments);
        Assert.Equal(0m, check.Paid);
        Assert.True(check.PaymentsMatch);
        Assert.True(check.IsConsistent);
    }

    [Fact]
    [Rule("RJST-18")]
    public void RJST18_gifts_are_zero_amount_lines_and_do_not_break_the_identities()
    {
        var order = new PlatformOrder
        {
            OrderNumber = "SO-20240101-1",
            Lines =
            [
                new OrderLine { SkuCode = "A", UnitPrice = 15m, Quantity = 1, Amount = 15m },
                new OrderLine { SkuCode = "GIFT", UnitPrice = 0m, Quantity = 2, Amount = 0m },
            ],
            Freight = 0m,
            PayableAmount = 15m,
            Payments = [new OrderPayment { PaymentId = "2024010122001", Amount = 15m, Method = "支付宝" }],
        };

        Assert.False(order.Lines[0].IsGift);
        Assert.True(order.Lines[1].IsGift);
        var check = order.CheckAmounts(expectedDiscount: 0m);
        Assert.True(check.IsConsistent);
        Assert.Equal(15m, check.LinesTotal);
    }

    [Fact]
    public void PlatformOrder_CheckAmounts_finds_a_mismatch_on_the_order()
    {
        var order = new PlatformOrder
        {
            OrderNumber = "SO-2",
            Lines = [new OrderLine { SkuCode = "A", Amount = 9.99m }],
            Freight = 6m,
            PayableAmount = 16m,
        };

        var problem = Assert.Single(order.CheckAmounts().DescribeMismatches());
        Assert.Contains("15.99", problem, StringComparison.Ordinal);
        Assert.Contains("16.00", problem, StringComparison.Ordinal);
        Assert.Contains("difference 0.01", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void OrderReceiver_ToString_masks_personal_data()
    {
        var receiver = new OrderReceiver { Name = "张三", Mobile = "13800138000", State = "浙江省", City = "杭州市", District = "西湖区", Address = "文三路 1 号" };

        var text = receiver.ToString();
        Assert.DoesNotContain("张三", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("文三路", text, StringComparison.Ordinal);
        Assert.Contains("杭州市", text, StringComparison.Ordinal);
    }
}
