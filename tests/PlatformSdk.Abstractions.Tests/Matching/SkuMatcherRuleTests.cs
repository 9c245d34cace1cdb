using PlatformSdk.Matching;

namespace PlatformSdk.Abstractions.Tests.Matching;

/// <summary>R1688-11 rules 1–3 and the unmatched reasons, on the pure matcher.</summary>
public class SkuMatcherRuleTests
{
    private static readonly SkuMatchingCatalogue Catalogue = SkuMatchingCatalogue.Create(
        [
            new ErpSku("TS-RED-M", "TS-01"),
            new ErpSku("TS-RED-L", "TS-01"),
            new ErpSku("MUG-W", "MUG-01"),
        ],
        ["BAG-01", "TS-01"]);

    private static SkuMatchResult Single(PlatformItem item) => Assert.Single(SkuMatcher.Match(Catalogue, [item]).Results);

    [Fact]
    [Rule("R1688-11")]
    public void R168811_Rule1_SkuCargoNumberEqualsErpSkuCode_IsMatched()
    {
        var report = SkuMatcher.Match(Catalogue, [new PlatformItem("549605719581", "whatever", [new("s1", "TS-RED-M"), new("s2", "MUG-W")])]);

        Assert.Equal(2, report.MatchedCount);
        var first = report.Results[0];
        Assert.Equal(new PlatformSkuKey("549605719581", "s1"), first.Key);
        Assert.Equal(SkuMatchOutcome.Matched, first.Outcome);
        Assert.Equal(SkuMatchRule.SkuCodeEqual, first.Rule);
        Assert.Equal(1, (int)first.Rule);
        Assert.Equal("TS-RED-M", first.ErpSkuCode);
        Assert.Equal("TS-01", first.ErpProductCode);
        Assert.True(first.IsMatched);
        Assert.Equal("MUG-W", report.Results[1].ErpSkuCode);
        Assert.Equal("MUG-01", report.Results[1].ErpProductCode);
        Assert.Contains("R1688-11 rule 1", first.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    [Rule("R1688-11")]
    public void R168811_Rule2_ItemWithoutSkusCargoNumberEqualsErpProductCode_IsMatched()
    {
        var result = Single(new PlatformItem("1001", "BAG-01"));

        Assert.Equal(new PlatformSkuKey("1001", null), result.Key);
        Assert.Equal(SkuMatchOutcome.Matched, result.Outcome);
        Assert.Equal(SkuMatchRule.ProductCodeEqual, result.Rule);
        Assert.Null(result.ErpSkuCode);
        Assert.Equal("BAG-01", result.ErpProductCode);
    }

    [Fact]
    [Rule("R1688-11")]
    public void R168811_Rule2_ProductCodesOfErpSkusAreProductCodes()
    {
        var result = Single(new PlatformItem("1002", "MUG-01"));

        Assert.Equal(SkuMatchRule.ProductCodeEqual, result.Rule);
        Assert.Equal("MUG-01", result.ErpProductCode);
    }

    [Fact]
    [Rule("R1688-11")]
    public void R168811_Rule2_ItemWithoutSkusDoesNotMatchAnErpSkuCode()
    {
        var result = Single(new PlatformItem("1003", "TS-RED-M"));

        Assert.Equal(SkuMatchOutcome.NotMatched, result.Outcome);
        Assert.Equal(SkuMatchFailure.NoEqualProductCode, result.Failure);
    }

    [Fact]
    [Rule("R1688-11")]
    public void R168811_Rule3_ItemCodeEqualButSkuCodesDiffer_IsNotMatched()
    {
        var report = SkuMatcher.Match(Catalogue, [new PlatformItem("1004", "TS-01", [new("s1", "TS-BLUE-M"), new("s2", "TS-RED-L")])]);

        var refused = report.Results[0];
        Assert.Equal(SkuMatchOutcome.NotMatched, refused.Outcome);
        Assert.Equal(SkuMatchRule.ItemCodeEqualButSkuCodesDiffer, refused.Rule);
        Assert.Equal(SkuMatchFailure.ItemCodeEqualButSkuCodesDiffer, refused.Failure);
        Assert.Equal("TS-01", refused.ErpProductCode);
        Assert.Null(refused.ErpSkuCode);
        var text = refused.Describe();
        Assert.Contains("equals ERP product 'TS-01'", text, StringComparison.Ordinal);
        Assert.Contains("'TS-BLUE-M' equals no ERP SKU code", text, StringComparison.Ordinal);
        Assert.Contains("rule 3", text, StringComparison.Ordinal);

        // Rule 1 still applies to the sibling SKU whose code is equal.
        Assert.Equal(SkuMatchRule.SkuCodeEqual, report.Results[1].Rule);
        Assert.Equal(1, report.MatchedCount);
        Assert.Equal(1, report.NotMatchedCount);
        Assert.Equal([refused], report.Unmatched);
    }

    [Fact]
    [Rule("R1688-11")]
    public void R168811_Rule3_BlankSkuCodeUnderItemEqualToProduct_IsNotMatchedAndSaysSo()
    {
        var result = Single(new PlatformItem("1005", "TS-01", [new("s1", "  ")]));

        Assert.Equal(SkuMatchFailure.BlankCargoNumber, result.Failure);
        Assert.Equal(SkuMatchRule.ItemCodeEqualButSkuCodesDiffer, result.Rule);
        Assert.Equal("TS-01", result.ErpProductCode);
        Assert.Contains("blank", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    [Rule("R1688-11")]
    public void R168811_SkuCodeEqualToNothing_IsNotMatchedWithReason()
    {
        var result = Single(new PlatformItem("1006", "NOPE", [new("s1", "ZZZ")]));

        Assert.Equal(SkuMatchOutcome.NotMatched, result.Outcome);
        Assert.Equal(SkuMatchRule.None, result.Rule);
        Assert.Equal(SkuMatchFailure.NoEqualSkuCode, result.Failure);
        Assert.Null(result.ErpProductCode);
        Assert.Contains("'ZZZ' equals no ERP SKU code", result.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [Rule("R1688-11")]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void R168811_BlankCargoNumbers_AreNotMatched(string? blank)
    {
        var item = Single(new PlatformItem("1007", blank));
        var sku = Single(new PlatformItem("1008", "NOPE", [new("s1", blank)]));

        Assert.Equal(SkuMatchFailure.BlankCargoNumber, item.Failure);
        Assert.Equal(SkuMatchFailure.BlankCargoNumber, sku.Failure);
        Assert.Equal(SkuMatchRule.None, sku.Rule);
        Assert.Contains("货号", item.Describe(), StringComparison.Ordinal);
        Assert.Contains("单品货号", sku.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyInputs_GiveEmptyReports()
    {
        var empty = SkuMatchingCatalogue.Create([]);
        var noItems = SkuMatcher.Match(Catalogue, []);
        var noCatalogue = SkuMatcher.Match(empty, [new PlatformItem("1", "TS-01", [new("s", "TS-RED-M")]), new PlatformItem("2", "BAG-01")]);

        Assert.Empty(noItems.Results);
        Assert.Equal(0, noItems.MatchedCount + noItems.NotMatchedCount + noItems.AlreadyMatchedCount);
        Assert.Equal(0, empty.SkuCount);
        Assert.Equal(0, empty.ProductCount);
        Assert.Equal(2, noCatalogue.NotMatchedCount);
        Assert.Equal(SkuMatchFailure.NoEqualSkuCode, noCatalogue.Results[0].Failure);
        Assert.Equal(SkuMatchFailure.NoEqualProductCode, noCatalogue.Results[1].Failure);
    }

    [Fact]
    public void BlankCatalogueCodes_AreSkippedAndCounted()
    {
        var catalogue = SkuMatchingCatalogue.Create([new ErpSku(" ", "P1"), new ErpSku("S1", "")], ["", "\u3000"]);

        Assert.Equal(1, catalogue.SkuCount);
        Assert.Equal(1, catalogue.ProductCount);
        Assert.Equal(3, catalogue.BlankCodeCount);
        Assert.False(catalogue.TryFindSku(" ", out _));
        Assert.True(catalogue.TryFindProduct("P1", out var product));
        Assert.Equal("P1", product);
    }

    [Fact]
    public void Results_KeepInputOrder_OneResultPerSkuOrSkuLessItem()
    {
        var report = SkuMatcher.Match(Catalogue,
        [
            new PlatformItem("a", "BAG-01"),
            new PlatformItem("b", null, [new("b1", "MUG-W"), new("b2", "x"), new("b3", "TS-RED-L")]),
            new PlatformItem("c", "TS-01"),
        ]);

        Assert.Equal(["a", "b/b1", "b/b2", "b/b3", "c"], report.Results.Select(r => r.Key.ToString()));
        Assert.Equal(4, report.MatchedCount);
        Assert.Equal(["a", "b/b1", "b/b3", "c"], report.NewlyMatched.Select(r => r.Key.ToString()));
        Assert.Equal(report.Results.Count, report.AsSpan().Length);
    }

    [Fact]
    public void DefaultSku_IsRejectedNamingTheItem()
    {
        var error = Assert.Throws<ArgumentException>(() => SkuMatcher.Match(Catalogue, [new PlatformItem("77", "x", [default])]));
        Assert.Contains("77", error.Message, StringComparison.Ordinal);
    }
}
