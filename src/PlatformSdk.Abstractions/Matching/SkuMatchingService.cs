using PlatformSdk.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.Matching;

/// <summary>
/// Runs R1688-11 auto-matching against a <see cref="ISkuMatchStore"/> and records manual matches. Platform
/// packages (1688 first) call it after downloading online product info (R1688-05, R1688-09 mode b).
/// </summary>
public class SkuMatchingService
{
    private readonly ISkuMatchStore _store = null!;
    private readonly TimeProvider _timeProvider = null!;

    /// <summary>Creates the service.</summary>
    /// <param name="store">Where matches are kept.</param>
    /// <param name="timeProvider">The clock that stamps matches.</param>
    public SkuMatchingService(ISkuMatchStore store, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _timeProvider = timeProvider;
    }

    /// <summary>For mocking.</summary>
    protected SkuMatchingService()
    {
    }

    /// <summary>
    /// Auto-matches a shop's items: loads the shop's matches, applies rules 1–4 and adds the new matches as
    /// <see cref="SkuMatchKind.Auto"/>. Keys matched in the store in the meantime keep their match (rule 4 wins).
    /// </summary>
    /// <param name="scope">The platform shop.</param>
    /// <param name="catalogue">The ERP catalogue.</param>
    /// <param name="items">The platform items.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report, with every unmatched SKU and its reason.</returns>
    public virtual async Task<SkuMatchReport> AutoMatchAsync(SkuMatchScope scope, SkuMatchingCatalogue catalogue, IEnumerable<PlatformItem> items,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(items);
        var existing = await _store.GetAllAsync(scope, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var report = SkuMatcher.Match(catalogue, items, existing);
        if (report.MatchedCount > 0)
        {
            await _store.AddIfAbsentAsync(scope, report.ToAutoMatches(_timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>
    /// Records a match made by hand, replacing any existing match (auto or manual). The record is
    /// <see cref="SkuMatchKind.Manual"/>, stamped with the current time, and auto-matching never changes it.
    /// </summary>
    /// <param name="scope">The platform shop.</param>
    /// <param name="key">The platform item and SKU (SKU id <see langword="null"/> for an item without SKUs).</param>
    /// <param name="erpSkuCode">The ERP SKU code; required when <paramref name="key"/> names a SKU.</param>
    /// <param name="erpProductCode">The ERP product code; required when <paramref name="key"/> names an item without SKUs.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The previous and the new match.</returns>
    /// <exception cref="PlatformValidationException">A key part or a required ERP code is blank.</exception>
    public virtual async Task<SkuMatchChange> MatchManuallyAsync(SkuMatchScope scope, PlatformSkuKey key, string? erpSkuCode, string? erpProductCode,
        CancellationToken cancellationToken = default)
    {
        SkuMatchValidator.ManualMatch(scope, key, erpSkuCode, erpProductCode);

        var match = new SkuMatch(key, erpSkuCode, erpProductCode, SkuMatchKind.Manual, SkuMatchRule.None, _timeProvider.GetUtcNow());
        var previous = await _store.SetAsync(scope, match, cancellationToken).ConfigureAwait(false);
        return new SkuMatchChange(previous, match);
    }

    /// <summary>Removes a match by hand; the next auto-match treats the key as never matched.</summary>
    /// <param name="scope">The platform shop.</param>
    /// <param name="key">The platform item and SKU.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>The removed match, or <see langword="null"/>.</returns>
    public virtual async Task<SkuMatch?> UnmatchAsync(SkuMatchScope scope, PlatformSkuKey key, CancellationToken cancellationToken = default)
        => await _store.RemoveAsync(scope, key, cancellationToken).ConfigureAwait(false);
}
