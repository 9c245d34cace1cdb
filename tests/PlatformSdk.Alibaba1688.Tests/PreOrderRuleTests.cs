using PlatformSdk.Alibaba1688.Models.PreOrders;
using PlatformSdk.Alibaba1688.Validation;
using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688.Tests;

public class PreOrderRuleTests
{
    private static Alibaba1688PreOrderLine Line(long offer, decimal price = 10m, decimal list = 10m) => new() { OfferId = offer, Quantity = 1, UnitPrice = price, ListPrice = list };

    private static Alibaba1688PreOrderRequest Order(int lines, decimal freight = 0m)
        => new() { SalesOrderId = "SO1", Lines = Enumerable.Range(1, lines).Select(i => Line(i)).ToArray(), Freight = freight };

    [Theory]
    [Rule("R1688-13")]
    [InlineData(0.01, Alibaba1688LogisticsMode.Express)]
    [InlineData(12, Alibaba1688LogisticsMode.Express)]
    [InlineData(0, Alibaba1688LogisticsMode.SelfPickup)]
    public void R168813_freight_decides_the_logistics_mode(decimal freight, Alibaba1688LogisticsMode mode)
    {
        Assert.Equal(mode, Alibaba1688PreOrderRules.LogisticsModeFor(freight));
        Assert.Equal(mode, Alibaba1688PreOrderValidator.Validate(Order(1, freight)));
    }

    [Fact]
    [Rule("R1688-13")]
    public void R168813_negative_freight_is_rejected()
    {
        Assert.Equal("R1688-13", Assert.Throws<PlatformValidationException>(() => Alibaba1688PreOrderRules.LogisticsModeFor(-0.01m)).RuleId);
        Assert.Equal("freight", Assert.Throws<PlatformValidationException>(() => Alibaba1688PreOrderValidator.Validate(Order(1, -1m))).Field);
    }

    [Fact]
    [Rule("R1688-19")]
    public void R168819_fifty_lines_are_accepted_and_fifty_one_rejected_before_sending()
    {
        Alibaba1688PreOrderValidator.Validate(Order(50));

        var ex = Assert.Throws<PlatformValidationException>(() => Alibaba1688PreOrderValidator.Validate(Order(51)));
        Assert.Equal("R1688-19", ex.RuleId);
        Assert.Equal("lines", ex.Field);
        Assert.Equal("51", ex.Value);
    }

    [Fact]
    [Rule("R1688-19")]
    public void R168819_splitter_makes_valid_parts_with_freight_on_the_first_only()
    {
        var order = Order(120, freight: 15m);

        var parts = Alibaba1688PreOrderValidator.Split(order);

        Assert.Equal([50, 50, 20], parts.Select(p => p.Lines.Count));
        Assert.Equal(["SO1-1", "SO1-2", "SO1-3"], parts.Select(p => p.SalesOrderId));
        Assert.Equal([15m, 0m, 0m], parts.Select(p => p.Freight));
        Assert.Equal(order.Lines, parts.SelectMany(p => p.Lines));
        foreach (var part in parts)
        {
            Alibaba1688PreOrderValidator.Validate(part);
        }
    }

    [Fact]
    [Rule("R1688-19")]
    public void R168819_an_order_within_the_limit_is_returned_unchanged()
    {
        var order = Order(50, 3m);

        Assert.Same(order, Assert.Single(Alibaba1688PreOrderValidator.Split(order)));
    }

    [Fact]
    [Rule("R1688-19")]
    public void R168819_splitter_honours_a_smaller_part_size_and_refuses_more_than_50()
    {
        Assert.Equal(3, Alibaba1688PreOrderValidator.Split(Order(7), 3).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => Alibaba1688PreOrderValidator.Split(Order(7), 51));
    }

    [Fact]
    public void Lines_are_checked_field_by_field()
    {
        Assert.Equal("lines[0].quantity", Assert.Throws<PlatformValidationException>(() => Alibaba1688PreOrderValidator.Validate(
            new Alibaba1688PreOrderRequest { SalesOrderId = "SO", Lines = [Line(1) with { Quantity = 0 }] })).Field);
        Assert.Equal("lines[0].unitPrice", Assert.Throws<PlatformValidationException>(() => Alibaba1688PreOrderValidator.Validate(
            new Alibaba1688PreOrderRequest { SalesOrderId = "SO", Lines = [Line(1, price: 1.001m)] })).Field);
        Assert.Equal("lines", Assert.Throws<PlatformValidationException>(() => Alibaba1688PreOrderValidator.Validate(Order(0))).Field);
        Assert.Equal("salesOrderId", Assert.Throws<PlatformValidationException>(() => Alibaba1688PreOrderValidator.Validate(Order(1) with { SalesOrderId = " " })).Field);
    }

    [Fact]
    [Rule("R1688-23")]
    public void R168823_a_100_line_repriced_to_30_is_flagged_at_70_percent()
    {
        var flagged = Assert.Single(Alibaba1688PreOrderRules.FindPriceDeviations([Line(1, 10m, 10m), Line(2, 30m, 100m)]));

        Assert.Equal(1, flagged.LineIndex);
        Assert.Equal(70m, flagged.DeviationPercent);
        Assert.Equal(2, flagged.Line.OfferId);
    }

    [Theory]
    [Rule("R1688-23")]
    [InlineData(70, false)]
    [InlineData(130, false)]
    [InlineData(69.99, true)]
    [InlineData(130.01, true)]
    [InlineData(100, false)]
    public void R168823_exactly_30_percent_is_allowed_and_anything_beyond_is_flagged(decimal price, bool flagged)
        => Assert.Equal(flagged, Alibaba1688PreOrderRules.FindPriceDeviations([Line(1, price, 100m)]).Count == 1);

    [Fact]
    [Rule("R1688-23")]
    public void R168823_lines_without_a_list_price_are_not_compared()
        => Assert.Empty(Alibaba1688PreOrderRules.FindPriceDeviations([Line(1, 5m, 0m)]));

    [Fact]
    [Rule("R1688-20")]
    public void R168820_settlement_is_automatic_on_day_10_after_shipping()
    {
        var shipped = new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));

        Assert.Equal(new DateTimeOffset(2024, 3, 11, 9, 30, 0, TimeSpan.FromHours(8)), Alibaba1688PreOrderRules.ExpectedSettlement(shipped));
    }

    [Fact]
    [Rule("R1688-20")]
    public void R168820_an_earlier_buyer_confirmation_settles_at_confirmation()
    {
        var shipped = new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));
        var confirmed = shipped.AddDays(3);

        Assert.Equal(confirmed, Alibaba1688PreOrderRules.ExpectedSettlement(shipped, confirmed));
        Assert.Equal(shipped.AddDays(10), Alibaba1688PreOrderRules.ExpectedSettlement(shipped, shipped.AddDays(12)));
    }

    [Theory]
    [Rule("R1688-24")]
    [InlineData(0, Alibaba1688MedalLevel.None)]
    [InlineData(0.01, Alibaba1688MedalLevel.OneA)]
    [InlineData(9_999.99, Alibaba1688MedalLevel.OneA)]
    [InlineData(10_000, Alibaba1688MedalLevel.TwoA)]
    [InlineData(99_999.99, Alibaba1688MedalLevel.TwoA)]
    [InlineData(100_000, Alibaba1688MedalLevel.ThreeA)]
    [InlineData(299_999.99, Alibaba1688MedalLevel.ThreeA)]
    [InlineData(300_000, Alibaba1688MedalLevel.FourA)]
    [InlineData(499_999.99, Alibaba1688MedalLevel.FourA)]
    [InlineData(500_000, Alibaba1688MedalLevel.FiveA)]
    [InlineData(9_000_000, Alibaba1688MedalLevel.FiveA)]
    public void R168824_medal_level_thresholds(decimal amount, Alibaba1688MedalLevel level)
        => Assert.Equal(level, Alibaba1688PreOrderRules.MedalLevelFor(amount));

    [Fact]
    [Rule("R1688-24")]
    public void R168824_negative_amount_is_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Alibaba1688PreOrderRules.MedalLevelFor(-1m));

    [Fact]
    [Rule("R1688-16")]
    public void R168816_payment_qr_renders_as_png_and_svg()
    {
        const string url = "https://trade.1688.com/order/cashier.htm?orderId=123456789012";

        var png = Alibaba1688PaymentQr.RenderPng(url);
        var svg = Alibaba1688PaymentQr.RenderSvg(url);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8));
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.NotEqual(png, Alibaba1688PaymentQr.RenderPng(url + "1"));
    }
}
