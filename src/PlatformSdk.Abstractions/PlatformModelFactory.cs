using PlatformSdk.Matching;

namespace PlatformSdk;

/// <summary>
/// Builds the Abstractions results whose constructors are internal, for tests that mock <see cref="SkuMatchingService"/>
/// (the Azure SDK's <c>ModelFactory</c> pattern). Each platform package has its own <c>&lt;Platform&gt;ModelFactory</c>.
/// </summary>
public static class PlatformModelFactory
{
    /// <summary>Builds one auto-match result.</summary>
    /// <param name="key">The platform item and SKU.</param>
    /// <param name="outcome">Matched, already matched or not matched.</param>
    /// <param name="cargoNumber">The platform cargo number (货号) that was compared.</param>
    /// <param name="rule">The rule that matched (R1688-11 rules 1, 2; none when not matched).</param>
    /// <param name="failure">Why it was not matched.</param>
    /// <param name="erpSkuCode">The ERP SKU code matched.</param>
    /// <param name="erpProductCode">The ERP product code matched (items without SKUs).</param>
    /// <param name="existingMatch">For <see cref="SkuMatchOutcome.AlreadyMatched"/>: the match that was kept.</param>
    /// <param name="ambiguousCandidates">For <see cref="SkuMatchFailure.AmbiguousErpCode"/>: the candidate ERP codes.</param>
    /// <returns>The result.</returns>
    public static SkuMatchResult SkuMatchResult(PlatformSkuKey key, SkuMatchOutcome outcome, string? cargoNumber = null, SkuMatchRule rule = default,
        SkuMatchFailure failure = default, string? erpSkuCode = null, string? erpProductCode = null, SkuMatch? existingMatch = null,
        IReadOnlyList<string>? ambiguousCandidates = null)
        => new(key, cargoNumber, outcome, rule, failure, erpSkuCode, erpProductCode,
            existingMatch ?? (object?)(ambiguousCandidates is { Count: > 0 } candidates ? candidates.ToArray() : null));

    /// <summary>Builds an auto-match report; the counts are those of the results' outcomes.</summary>
    /// <param name="results">The results, in input order.</param>
    /// <returns>The report.</returns>
    public static SkuMatchReport SkuMatchReport(IEnumerable<SkuMatchResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results.ToList();
        return new SkuMatchReport(list, list.Count(r => r.Outcome == SkuMatchOutcome.Matched), list.Count(r => r.Outcome == SkuMatchOutcome.AlreadyMatched));
    }
}
