namespace PlatformSdk.Money;

/// <summary>
/// Helpers for Chinese yuan (CNY) amounts held as <see cref="decimal"/>. Every platform in the SDK
/// settles in fen (0.01 CNY); amounts are rounded half away from zero, the way the platforms and
/// Chinese accounting round.
/// </summary>
public static class Cny
{
    /// <summary>The smallest unit, one fen (0.01 CNY).</summary>
    public const decimal Fen = 0.01m;

    /// <summary>Rounds an amount to the fen using <see cref="MidpointRounding.AwayFromZero"/>.</summary>
    /// <param name="amount">The amount in yuan.</param>
    /// <returns>The amount rounded to two decimal places.</returns>
    public static decimal RoundToFen(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Rounds to the fen and clamps the result at zero: for amounts a rule says can never be negative (refunds, payouts).</summary>
    /// <param name="amount">The amount in yuan, possibly negative after a fee was subtracted.</param>
    /// <returns>The amount rounded to the fen, or zero when it would be negative.</returns>
    public static decimal RoundToFenNonNegative(decimal amount)
    {
        var rounded = RoundToFen(amount);
        return rounded < 0m ? 0m : rounded;
    }

    /// <summary>Subtracts <paramref name="subtrahend"/> from <paramref name="amount"/> and never goes below zero.</summary>
    /// <param name="amount">The amount to subtract from.</param>
    /// <param name="subtrahend">The amount to subtract (a fee, an amount already paid).</param>
    /// <returns>The difference rounded to the fen, or zero.</returns>
    public static decimal SubtractNonNegative(decimal amount, decimal subtrahend) => RoundToFenNonNegative(amount - subtrahend);

    /// <summary>Converts yuan to integer fen (the unit 1688 and TOP use on the wire), rounding half away from zero.</summary>
    /// <param name="amount">The amount in yuan.</param>
    /// <returns>The amount in fen.</returns>
    public static long ToFen(decimal amount) => decimal.ToInt64(Math.Round(amount * 100m, 0, MidpointRounding.AwayFromZero));

    /// <summary>Converts integer fen to yuan.</summary>
    /// <param name="fen">The amount in fen.</param>
    /// <returns>The amount in yuan with two decimal places.</returns>
    public static decimal FromFen(long fen) => fen / 100m;

    /// <summary>True when <paramref name="amount"/> has no precision below the fen (at most two decimal places of value).</summary>
    /// <param name="amount">The amount in yuan.</param>
    /// <returns><see langword="true"/> when rounding to the fen would not change the value.</returns>
    public static bool IsWholeFen(decimal amount) => RoundToFen(amount) == amount;

    /// <summary>Formats an amount the way Chinese platforms expect on the wire: invariant culture, exactly two decimals.</summary>
    /// <param name="amount">The amount in yuan.</param>
    /// <returns>For example <c>"12.30"</c>.</returns>
    public static string Format(decimal amount) => RoundToFen(amount).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
