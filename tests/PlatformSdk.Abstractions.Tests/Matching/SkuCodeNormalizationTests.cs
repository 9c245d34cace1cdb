using PlatformSdk.Matching;

namespace PlatformSdk.Abstractions.Tests.Matching;

/// <summary>How R1688-11 compares codes: trimming, full-width folding, ASCII case; each can be turned off.</summary>
public class SkuCodeNormalizationTests
{
    [Theory]
    [InlineData("AB-01", "ab-01")]
    [InlineData("AB-01", "ＡＢ－０１")]
    [InlineData("AB-01", "ａｂ－０１")]
    [InlineData("AB-01", "  AB-01\t")]
    [InlineData("AB-01", "\u3000AB-01\u3000")]
    [InlineData("AB-01", "\u00A0ab-01")]
    [InlineData("红色-XL", "红色－ｘｌ")]
    public void Default_TreatsMerchantVariantsAsOneCode(string erp, string typed)
    {
        var comparer = SkuCodeComparer.Default;

        Assert.True(comparer.Equals(erp, typed));
        Assert.Equal(comparer.GetHashCode(erp), comparer.GetHashCode(typed));
        Assert.Equal(comparer.Normalize(erp), comparer.Normalize(typed));
    }

    [Theory]
    [InlineData("AB-01", "AB-02")]
    [InlineData("AB-01", "AB 01")]
    [InlineData("AB01", "AB 01")]
    [InlineData("AB-01", "AB-01-1")]
    [InlineData("ÄB", "äb")] // only ASCII letters ignore case
    public void Default_KeepsDifferentCodesDifferent(string a, string b)
    {
        Assert.False(SkuCodeComparer.Default.Equals(a, b));
    }

    [Fact]
    public void Normalize_ShowsTheComparedForm()
    {
        Assert.Equal("ab-01", SkuCodeComparer.Default.Normalize("\u3000ＡＢ－０１ "));
        Assert.Equal("a b", SkuCodeComparer.Default.Normalize("Ａ\u3000Ｂ"));
        Assert.Equal(string.Empty, SkuCodeComparer.Default.Normalize(null));
    }

    [Fact]
    public void TrimOff_LeadingAndTrailingSpacesCount()
    {
        var comparer = new SkuCodeComparer(SkuCodeNormalization.Default with { TrimWhitespace = false });

        Assert.False(comparer.Equals("AB-01", " AB-01"));
        Assert.False(comparer.Equals("AB-01", "\u3000AB-01"));
        Assert.True(comparer.Equals("AB-01", "ａｂ－０１"));
    }

    [Fact]
    public void FullWidthOff_FullWidthCodesAreDifferent()
    {
        var comparer = new SkuCodeComparer(SkuCodeNormalization.Default with { FoldFullWidth = false });

        Assert.False(comparer.Equals("AB-01", "ＡＢ－０１"));
        Assert.True(comparer.Equals("AB-01", " ab-01 "));
    }

    [Fact]
    public void CaseOff_CaseCounts()
    {
        var comparer = new SkuCodeComparer(SkuCodeNormalization.Default with { IgnoreAsciiCase = false });

        Assert.False(comparer.Equals("AB-01", "ab-01"));
        Assert.False(comparer.Equals("AB-01", "ａｂ－０１"));
        Assert.True(comparer.Equals("AB-01", "ＡＢ－０１ "));
    }

    [Fact]
    public void Exact_ComparesOrdinal()
    {
        var comparer = new SkuCodeComparer(SkuCodeNormalization.Exact);

        Assert.True(comparer.Equals("AB-01", "AB-01"));
        Assert.False(comparer.Equals("AB-01", "ab-01"));
        Assert.False(comparer.Equals("AB-01", "AB-01 "));
        Assert.False(comparer.Equals("AB-01", "ＡＢ－０１"));
        Assert.Equal(comparer.GetHashCode("AB-01"), comparer.GetHashCode(string.Concat("AB", "-01")));
#if !PLATFORMSDK_NETSTANDARD_ASSETS
        // On .NET 8+ the span hash is the string's own; netstandard2.0 hashes the characters (no span hash there).
        Assert.Equal(string.GetHashCode("AB-01", StringComparison.Ordinal), comparer.GetHashCode("AB-01"));
#endif
    }

    [Fact]
    public void Nulls_EqualOnlyEachOther()
    {
        Assert.True(SkuCodeComparer.Default.Equals(null, null));
        Assert.False(SkuCodeComparer.Default.Equals(null, string.Empty));
        Assert.Equal(0, SkuCodeComparer.Default.GetHashCode(null));
    }

    [Fact]
    public void LongCodes_HashConsistentlyBeyondTheStackBuffer()
    {
        var upper = new string('A', 600) + "-01";
        var fullWidth = new string('ａ', 600) + "－０１";

        Assert.True(SkuCodeComparer.Default.Equals(upper, fullWidth));
        Assert.Equal(SkuCodeComparer.Default.GetHashCode(upper), SkuCodeComparer.Default.GetHashCode(fullWidth));
    }

    [Fact]
    public void EqualsAndHash_DoNotAllocate()
    {
        var comparer = SkuCodeComparer.Default;
        const string erp = "HX24-000123-RD-XL";
        const string typed = "\u3000ｈｘ２４－０００１２３－ＲＤ－ＸＬ";
        _ = comparer.GetHashCode(typed) + (comparer.Equals(erp, typed) ? 1 : 0); // JIT first

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0;
        for (var i = 0; i < 1000; i++)
        {
            sum += comparer.GetHashCode(typed) + (comparer.Equals(erp, typed) ? 1 : 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0, sum);
    }

    [Fact]
    public void Matcher_UsesTheCatalogueNormalization()
    {
        SkuMatchingCatalogue Build(SkuCodeNormalization n) => SkuMatchingCatalogue.Create([new ErpSku("AB-01", "AB")], null, n);
        PlatformItem[] items = [new PlatformItem("1", "x", [new("s", " ａｂ－０１ ")])];

        Assert.Equal(1, SkuMatcher.Match(Build(SkuCodeNormalization.Default), items).MatchedCount);
        Assert.Equal(0, SkuMatcher.Match(Build(SkuCodeNormalization.Default with { TrimWhitespace = false }), items).MatchedCount);
        Assert.Equal(0, SkuMatcher.Match(Build(SkuCodeNormalization.Default with { FoldFullWidth = false }), items).MatchedCount);
        Assert.Equal(0, SkuMatcher.Match(Build(SkuCodeNormalization.Default with { IgnoreAsciiCase = false }), items).MatchedCount);
        Assert.Equal(SkuCodeNormalization.Default, SkuMatchingCatalogue.Create([]).Comparer.Normalization);
    }
}
