using PlatformSdk.Matching;

namespace PlatformSdk.Abstractions.Tests.Matching;

/// <summary>ERP codes that collide after normalisation never match (R1688-11 must not guess).</summary>
public class SkuCatalogueAmbiguityTests
{
    [Fact]
    public void SkuCodesEqualAfterNormalisation_AreAmbiguousAndNamed()
    {
        var catalogue = SkuMatchingCatalogue.Create([new ErpSku("AB-01", "AB"), new ErpSku("ab-01", "AB"), new ErpSku("CD-01", "CD")]);
        var report = SkuMatcher.Match(catalogue, [new PlatformItem("1", "AB", [new("s1", "AB-01")])]);

        var result = Assert.Single(report.Results);
        Assert.Equal(SkuMatchOutcome.NotMatched, result.Outcome);
        Assert.Equal(SkuMatchFailure.AmbiguousErpCode, result.Failure);
        Assert.Equal(["AB-01 (product AB)", "ab-01 (product AB)"], result.AmbiguousCandidates);
        Assert.Contains("AB-01 (product AB), ab-01 (product AB)", result.Describe(), StringComparison.Ordinal);
        Assert.Equal(1, catalogue.SkuCount);
        Assert.Equal(1, catalogue.AmbiguousSkuCodeCount);
        Assert.Equal(2, catalogue.GetAmbiguousSkus("ＡＢ－０１").Count);
        Assert.False(catalogue.TryFindSku("AB-01", out _));
    }

    [Fact]
    public void OneSkuCodeUnderTwoProducts_IsAmbiguous()
    {
        var catalogue = SkuMatchingCatalogue.Create([new ErpSku("X-1", "P1"), new ErpSku("X-1", "P2"), new ErpSku("X-1", "P3"), new ErpSku("X-1", "P2")]);

        Assert.Equal(["X-1 (product P1)", "X-1 (product P2)", "X-1 (product P3)"], SkuMatcher.Match(catalogue, [new PlatformItem("1", null, [new("s", "x-1")])]).Results[0].AmbiguousCandidates);
    }

    [Fact]
    public void TheSameEntryListedTwice_IsNotAmbiguous()
    {
        var catalogue = SkuMatchingCatalogue.Create([new ErpSku("AB-01", "AB"), new ErpSku("AB-01", "AB")], ["AB", "AB"]);

        Assert.Equal(1, catalogue.SkuCount);
        Assert.Equal(1, catalogue.ProductCount);
        Assert.Equal(0, catalogue.AmbiguousSkuCodeCount + catalogue.AmbiguousProductCodeCount);
        Assert.True(catalogue.TryFindSku("ab-01", out var sku));
        Assert.Equal(new ErpSku("AB-01", "AB"), sku);
    }

    [Fact]
    public void ProductCodesEqualAfterNormalisation_AreAmbiguousForRule2()
    {
        var catalogue = SkuMatchingCatalogue.Create([], ["BAG-01", "bag-01", "ＢＡＧ－０１"]);
        var result = SkuMatcher.Match(catalogue, [new PlatformItem("1", "Bag-01")]).Results[0];

        Assert.Equal(SkuMatchFailure.AmbiguousErpCode, result.Failure);
        Assert.Equal(["BAG-01", "bag-01", "ＢＡＧ－０１"], result.AmbiguousCandidates);
        Assert.Equal(1, catalogue.AmbiguousProductCodeCount);
        Assert.Equal(3, catalogue.GetAmbiguousProducts("bag-01").Count);
        Assert.Empty(catalogue.GetAmbiguousProducts("other"));
    }

    [Fact]
    public void AmbiguousProductCode_DoesNotTriggerRule3()
    {
        var catalogue = SkuMatchingCatalogue.Create([], ["BAG-01", "bag-01"]);
        var result = SkuMatcher.Match(catalogue, [new PlatformItem("1", "BAG-01", [new("s", "nope")])]).Results[0];

        Assert.Equal(SkuMatchFailure.NoEqualSkuCode, result.Failure);
        Assert.Equal(SkuMatchRule.None, result.Rule);
    }

    [Fact]
    public void WithExactNormalisation_CaseVariantsAreDistinctCodes()
    {
        var catalogue = SkuMatchingCatalogue.Create([new ErpSku("AB-01", "AB"), new ErpSku("ab-01", "ab")], null, SkuCodeNormalization.Exact);

        Assert.Equal(2, catalogue.SkuCount);
        Assert.True(catalogue.TryFindSku("ab-01", out var sku));
        Assert.Equal("ab", sku.ProductCode);
    }
}
