using System.Globalization;
using PlatformSdk.Matching;

namespace PlatformSdk.Abstractions.Tests.Matching;

/// <summary>A mid-size run: same input, same output, and the counts add up to what the generator planted.</summary>
public class SkuMatchingDeterminismTests
{
    private const int Products = 12_500; // 50,000 ERP SKUs, 4 per product

    private static (List<ErpSku> Erp, List<PlatformItem> Items, int PlantedMatches, int PlantedRule3) Generate(int seed)
    {
        var random = new Random(seed);
        var erp = new List<ErpSku>(Products * 4);
        var items = new List<PlatformItem>(Products);
        var planted = 0;
        var rule3 = 0;
        for (var p = 0; p < Products; p++)
        {
            var product = string.Create(CultureInfo.InvariantCulture, $"HX24-{p:D6}");
            var skus = new PlatformSku[4];
            for (var s = 0; s < 4; s++)
            {
                var code = string.Create(CultureInfo.InvariantCulture, $"{product}-{s}");
                erp.Add(new ErpSku(code, product));
                var roll = random.Next(10);
                var typed = roll switch
                {
                    0 => code.ToLowerInvariant(),
                    1 => "\u3000" + code,
                    2 => "UNKNOWN-" + code,
                    _ => code,
                };
                if (roll == 2)
                {
                    rule3++;
                }
                else
                {
                    planted++;
                }

                skus[s] = new PlatformSku("sku" + s, typed);
            }

            items.Add(new PlatformItem(string.Create(CultureInfo.InvariantCulture, $"{549605719581L + p}"), product, skus));
        }

        return (erp, items, planted, rule3);
    }

    [Fact]
    [Rule("R1688-11")]
    public void R168811_MidSizeRun_IsDeterministicAndCountsAddUp()
    {
        var first = Generate(42);
        var second = Generate(42);

        var a = SkuMatcher.Match(SkuMatchingCatalogue.Create(first.Erp), first.Items);
        var b = SkuMatcher.Match(SkuMatchingCatalogue.Create(second.Erp), second.Items);

        Assert.Equal(50_000, a.Results.Count);
        Assert.Equal(first.PlantedMatches, a.MatchedCount);
        Assert.Equal(first.PlantedRule3, a.NotMatchedCount);
        Assert.All(a.Unmatched, r => Assert.Equal(SkuMatchFailure.ItemCodeEqualButSkuCodesDiffer, r.Failure));
        Assert.True(a.AsSpan().SequenceEqual(b.AsSpan()));

        // Matching again with the first run's matches as existing ones changes nothing (rule 4).
        var existing = a.ToAutoMatches(DateTimeOffset.UnixEpoch).ToDictionary(m => m.Key);
        var c = SkuMatcher.Match(SkuMatchingCatalogue.Create(first.Erp), first.Items, existing);
        Assert.Equal(0, c.MatchedCount);
        Assert.Equal(a.MatchedCount, c.AlreadyMatchedCount);
        Assert.Equal(a.NotMatchedCount, c.NotMatchedCount);
    }
}
