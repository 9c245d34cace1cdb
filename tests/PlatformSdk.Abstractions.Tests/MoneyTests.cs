using System.Globalization;
using PlatformSdk.Money;

namespace PlatformSdk.Abstractions.Tests;

/// <summary>CNY arithmetic: fen rounding half away from zero (docs/rules.md, general conventions: never banker's rounding, never a negative refund).</summary>
public class MoneyTests
{
    [Theory]
    [InlineData("0.005", "0.01")] // banker's rounding would give 0.00
    [InlineData("-0.005", "-0.01")]
    [InlineData("2.675", "2.68")]
    [InlineData("2.665", "2.67")] // banker's rounding would give 2.66
    [InlineData("0.125", "0.13")]
    [InlineData("-0.125", "-0.13")]
    [InlineData("1.234", "1.23")]
    [InlineData("1.2349999", "1.23")]
    [InlineData("12.3", "12.30")]
    [InlineData("0", "0.00")]
    public void RoundToFen_rounds_half_away_from_zero(string amount, string expected)
        => Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Cny.RoundToFen(decimal.Parse(amount, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("-0.004", "0")]
    [InlineData("-0.005", "0")]
    [InlineData("-12.50", "0")]
    [InlineData("0.005", "0.01")]
    [InlineData("3.335", "3.34")]
    public void RoundToFenNonNegative_never_returns_a_negative_amount(string amount, string expected)
        => Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Cny.RoundToFenNonNegative(decimal.Parse(amount, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("10.00", "12.50", "0")] // refund after a fee larger than the amount
    [InlineData("10.00", "3.335", "6.67")] // 6.665 rounds away from zero
    [InlineData("10.00", "10.00", "0")]
    [InlineData("0.10", "0.095", "0.01")]
    public void SubtractNonNegative_clamps_at_zero_and_rounds(string amount, string subtrahend, string expected)
        => Assert.Equal(
            decimal.Parse(expected, CultureInfo.InvariantCulture),
            Cny.SubtractNonNegative(decimal.Parse(amount, CultureInfo.InvariantCulture), decimal.Parse(subtrahend, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("12.345", 1235)]
    [InlineData("-12.345", -1235)]
    [InlineData("0.005", 1)]
    [InlineData("-0.005", -1)]
    [InlineData("0.004", 0)]
    [InlineData("99999999.99", 9999999999)]
    public void ToFen_rounds_half_away_from_zero(string amount, long expectedFen)
        => Assert.Equal(expectedFen, Cny.ToFen(decimal.Parse(amount, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(1235L)]
    [InlineData(100L)]
    [InlineData(9999999999L)]
    public void FromFen_and_ToFen_round_trip(long fen)
    {
        var yuan = Cny.FromFen(fen);
        Assert.Equal(fen, Cny.ToFen(yuan));
        Assert.True(Cny.IsWholeFen(yuan));
        Assert.Equal(fen / 100m, yuan);
    }

    [Fact]
    public void ToFen_then_FromFen_is_RoundToFen_for_every_tenth_of_a_fen()
    {
        for (var thousandths = -2000; thousandths <= 2000; thousandths++)
        {
            var amount = thousandths / 1000m;
            Assert.Equal(Cny.RoundToFen(amount), Cny.FromFen(Cny.ToFen(amount)));
        }
    }

    [Theory]
    [InlineData("1.23", true)]
    [InlineData("1.230000", true)]
    [InlineData("100", true)]
    [InlineData("-0.01", true)]
    [InlineData("1.235", false)]
    [InlineData("0.001", false)]
    public void IsWholeFen_detects_precision_below_the_fen(string amount, bool expected)
        => Assert.Equal(expected, Cny.IsWholeFen(decimal.Parse(amount, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("12.3", "12.30")]
    [InlineData("2.675", "2.68")]
    [InlineData("-0.005", "-0.01")]
    [InlineData("0", "0.00")]
    [InlineData("1234567.891", "1234567.89")]
    public void Format_uses_invariant_culture_with_two_decimals_whatever_the_thread_culture(string amount, string expected)
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            // German uses a decimal comma and a dot for thousands: neither may reach the wire.
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(expected, Cny.Format(decimal.Parse(amount, CultureInfo.InvariantCulture)));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }
}
