using System.Globalization;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688.Models.PreOrders;

/// <summary>Pure helpers for the E经经 pre-order rules (R1688-13, R1688-19, R1688-20, R1688-23, R1688-24).</summary>
public static class Alibaba1688PreOrderRules
{
    /// <summary>The price deviation 1688 tolerates (R1688-23): 30%.</summary>
    public const decimal MaxPriceDeviationPercent = 30m;

    /// <summary>The logistics mode for a freight (R1688-13): &gt; 0 Express, = 0 SelfPickup.</summary>
    /// <param name="freight">The customer-borne fee in yuan.</param>
    /// <returns>The mode.</returns>
    /// <exception cref="PlatformValidationException">The freight is negative.</exception>
    public static Alibaba1688LogisticsMode LogisticsModeFor(decimal freight)
    {
        if (freight < 0m)
        {
            throw new PlatformValidationException(Alibaba1688ErrorCatalogue.Platform, "freight", freight.ToString(CultureInfo.InvariantCulture), "R1688-13",
                "the freight must not be negative: > 0 means Express, 0 means SelfPickup.");
        }

        return freight > 0m ? Alibaba1688LogisticsMode.Express : Alibaba1688LogisticsMode.SelfPickup;
    }

    /// <summary>
    /// The lines whose unit price deviates from the list price by MORE than <paramref name="maxDeviationPercent"/> (R1688-23;
    /// a 100 CNY line repriced to 30 deviates 70%). Exactly 30% is allowed. Lines with a list price of 0 cannot be compared and are skipped.
    /// </summary>
    /// <param name="lines">The lines.</param>
    /// <param name="maxDeviationPercent">The tolerated deviation; default 30.</param>
    /// <returns>The flagged lines with their deviation, in line order.</returns>
    public static IReadOnlyList<Alibaba1688PriceDeviation> FindPriceDeviations(IReadOnlyList<Alibaba1688PreOrderLine> lines, decimal maxDeviationPercent = MaxPriceDeviationPercent)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var flagged = new List<Alibaba1688PriceDeviation>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line is null || line.ListPrice <= 0m)
            {
                continue;
            }

            var deviation = Math.Abs(line.UnitPrice - line.ListPrice) / line.ListPrice * 100m;
            if (deviation > maxDeviationPercent)
            {
                flagged.Add(new Alibaba1688PriceDeviation(i, line, Math.Round(deviation, 2, MidpointRounding.AwayFromZero)));
            }
        }

        return flagged;
    }

    /// <summary>
    /// When the seller expects the money (R1688-20, escrow 担保交易): on the buyer's confirmation of receipt, or automatically
    /// 10 days after shipping, whichever comes first. The platform exposes no such field; this is the rule.
    /// </summary>
    /// <param name="shippedAt">When the seller shipped (for an order: <c>allDeliveredTime</c>).</param>
    /// <param name="buyerConfirmedAt">When the buyer confirmed receipt, if they did.</param>
    /// <returns>The expected settlement time.</returns>
    public static DateTimeOffset ExpectedSettlement(DateTimeOffset shippedAt, DateTimeOffset? buyerConfirmedAt = null)
    {
        var automatic = shippedAt + Alibaba1688WireChoices.AutomaticSettlementAfterShipping;
        return buyerConfirmedAt is { } confirmed && confirmed < automatic ? (confirmed < shippedAt ? shippedAt : confirmed) : automatic;
    }

    /// <summary>
    /// The shop medal level for a 30-day trade amount (R1688-24, apparel example): any trade → 1A; ≥ 10,000 → 2A;
    /// ≥ 100,000 → 3A; ≥ 300,000 → 4A; ≥ 500,000 → 5A; no trade → none.
    /// </summary>
    /// <param name="thirtyDayTradeAmount">The shop's trade amount over the last 30 days in yuan.</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative.</exception>
    public static Alibaba1688MedalLevel MedalLevelFor(decimal thirtyDayTradeAmount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thirtyDayTradeAmount);
        return thirtyDayTradeAmount switch
        {
            >= 500_000m => Alibaba1688MedalLevel.FiveA,
            >= 300_000m => Alibaba1688MedalLevel.FourA,
            >= 100_000m => Alibaba1688MedalLevel.ThreeA,
            >= 10_000m => Alibaba1688MedalLevel.TwoA,
            > 0m => Alibaba1688MedalLevel.OneA,
            _ => Alibaba1688MedalLevel.None,
        };
    }
}

/// <summary>A 1688 shop medal level (R1688-24).</summary>
public enum Alibaba1688MedalLevel
{
    /// <summary>No trade in the cycle.</summary>
    None = 0,

    /// <summary>1A: any trade.</summary>
    OneA = 1,

    /// <summary>2A: ≥ 10,000 CNY.</summary>
    TwoA = 2,

    /// <summary>3A: ≥ 100,000 CNY.</summary>
    ThreeA = 3,

    /// <summary>4A: ≥ 300,000 CNY.</summary>
    FourA = 4,

    /// <summary>5A: ≥ 500,000 CNY.</summary>
    FiveA = 5,
}
