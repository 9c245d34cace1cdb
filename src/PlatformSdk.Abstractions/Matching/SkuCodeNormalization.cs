namespace PlatformSdk.Matching;

/// <summary>
/// How cargo numbers (货号, 单品货号) and ERP codes are compared by the R1688-11 auto-match. Merchants type the
/// same code in different places (the platform backend, the ERP, a spreadsheet import) with different input
/// methods, so <c>ab-01</c>, <c>AB-01</c>, <c> AB-01 </c> and <c>ＡＢ－０１</c> (typed with a Chinese IME in
/// full-width mode) are one code to them. Every step is on by default and can be turned off when a merchant
/// really distinguishes such codes.
/// </summary>
/// <param name="TrimWhitespace">
/// Ignore leading and trailing white space, including the ideographic (full-width) space U+3000 and
/// non-breaking spaces. Inner white space is kept: <c>AB 01</c> and <c>AB01</c> stay different codes.
/// </param>
/// <param name="FoldFullWidth">
/// Map the full-width forms U+FF01–U+FF5E (<c>ＡＢ－０１</c>) onto ASCII U+0021–U+007E and U+3000 onto a space.
/// </param>
/// <param name="IgnoreAsciiCase">
/// Compare ASCII letters case-insensitively. Only A–Z/a–z are folded: the comparison is culture-invariant (no
/// Turkish-i surprises) and codes in other scripts are compared exactly.
/// </param>
public sealed record SkuCodeNormalization(bool TrimWhitespace = true, bool FoldFullWidth = true, bool IgnoreAsciiCase = true)
{
    /// <summary>All steps on: trim, fold full-width forms, ignore ASCII case.</summary>
    public static SkuCodeNormalization Default { get; } = new();

    /// <summary>No normalisation: codes must be equal ordinal (character by character).</summary>
    public static SkuCodeNormalization Exact { get; } = new(false, false, false);
}
