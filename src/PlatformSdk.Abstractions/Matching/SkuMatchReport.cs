using System.Runtime.InteropServices;

namespace PlatformSdk.Matching;

/// <summary>
/// All results of one auto-match run, in input order (items in the order given, SKUs in item order), with counts.
/// Results are deterministic: the same catalogue, items and existing matches give the same report.
/// </summary>
public sealed class SkuMatchReport
{
    private readonly List<SkuMatchResult> _results;

    internal SkuMatchReport(List<SkuMatchResult> results, int matched, int alreadyMatched)
    {
        _results = results;
        MatchedCount = matched;
        AlreadyMatchedCount = alreadyMatched;
    }

    /// <summary>Every result, one per platform SKU (or SKU-less item), in input order.</summary>
    public IReadOnlyList<SkuMatchResult> Results => _results;

    /// <summary>Results matched in this run (rules 1 and 2).</summary>
    public int MatchedCount { get; }

    /// <summary>Results left alone because they were already matched (rule 4).</summary>
    public int AlreadyMatchedCount { get; }

    /// <summary>Results not matched.</summary>
    public int NotMatchedCount => _results.Count - MatchedCount - AlreadyMatchedCount;

    /// <summary>The results matched in this run.</summary>
    public IEnumerable<SkuMatchResult> NewlyMatched => Where(SkuMatchOutcome.Matched);

    /// <summary>The results not matched, each with its <see cref="SkuMatchResult.Failure"/>.</summary>
    public IEnumerable<SkuMatchResult> Unmatched => Where(SkuMatchOutcome.NotMatched);

    /// <summary>The results as a span, for callers that process a million results without an enumerator.</summary>
    /// <returns>The results.</returns>
    public ReadOnlySpan<SkuMatchResult> AsSpan() => CollectionsMarshal.AsSpan(_results);

    /// <summary>Creates the <see cref="SkuMatchKind.Auto"/> match records for the results matched in this run.</summary>
    /// <param name="matchedAt">The time to record.</param>
    /// <returns>One record per newly matched result, in result order.</returns>
    public IEnumerable<SkuMatch> ToAutoMatches(DateTimeOffset matchedAt)
    {
        foreach (var result in _results)
        {
            if (result.Outcome == SkuMatchOutcome.Matched)
            {
                yield return new SkuMatch(result.Key, result.ErpSkuCode, result.ErpProductCode, SkuMatchKind.Auto, result.Rule, matchedAt);
            }
        }
    }

    private IEnumerable<SkuMatchResult> Where(SkuMatchOutcome outcome)
    {
        foreach (var result in _results)
        {
            if (result.Outcome == outcome)
            {
                yield return result;
            }
        }
    }
}
