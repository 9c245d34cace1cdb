namespace PlatformSdk.Matching;

/// <summary>
/// Applies the R1688-11 auto-match rules. Pure and synchronous: it reads the catalogue, the items and the existing
/// matches and returns a report; persisting is <see cref="SkuMatchingService"/>'s job.
/// </summary>
/// <remarks>
/// One pass over the items, one hash probe per platform SKU (plus at most one product probe per item): O(items + SKUs)
/// time, and the only allocation per SKU is its slot in the result list.
/// </remarks>
public static class SkuMatcher
{
    /// <summary>Matches platform items against the ERP catalogue.</summary>
    /// <param name="catalogue">The ERP catalogue.</param>
    /// <param name="items">The platform items; streamed once, in order.</param>
    /// <param name="existingMatches">Matches already made (manual or auto); they are reported as rule 4 and never re-matched. <see langword="null"/> for none.</param>
    /// <param name="expectedResultCount">Optional capacity hint: the number of platform SKUs plus SKU-less items.</param>
    /// <returns>The report.</returns>
    public static SkuMatchReport Match(
        SkuMatchingCatalogue catalogue,
        IEnumerable<PlatformItem> items,
        IReadOnlyDictionary<PlatformSkuKey, SkuMatch>? existingMatches = null,
        int expectedResultCount = 0)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedResultCount);
        if (existingMatches is { Count: 0 })
        {
            existingMatches = null;
        }

        if (expectedResultCount == 0 && items is IReadOnlyCollection<PlatformItem> collection)
        {
            // Counting first costs one cheap pass; growing a million-slot list would copy it twice and leave
            // large-object-heap garbage of half its size behind.
            foreach (var item in collection)
            {
                expectedResultCount += item is null ? 1 : Math.Max(1, item.Skus.Count);
            }
        }

        var results = new List<SkuMatchResult>(expectedResultCount);
        var matched = 0;
        var already = 0;
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            var skus = item.Skus;
            if (skus.Count == 0)
            {
                var result = MatchItem(catalogue, item, existingMatches);
                Count(result.Outcome, ref matched, ref already);
                results.Add(result);
                continue;
            }

            // Rule 3 needs the item cargo number only when a SKU code fails: look it up at most once per item.
            var productState = ProductState.NotLookedUp;
            string? productCode = null;
            for (var i = 0; i < skus.Count; i++)
            {
                var sku = skus[i];
                if (sku.SkuId is null)
                {
                    throw new ArgumentException($"Item {item.ItemId} has a SKU without id (default(PlatformSku)) at index {i}.", nameof(items));
                }

                var result = MatchSku(catalogue, item, sku, existingMatches, ref productState, ref productCode);
                Count(result.Outcome, ref matched, ref already);
                results.Add(result);
            }
        }

        return new SkuMatchReport(results, matched, already);
    }

    private static SkuMatchResult MatchItem(SkuMatchingCatalogue catalogue, PlatformItem item, IReadOnlyDictionary<PlatformSkuKey, SkuMatch>? existing)
    {
        var key = new PlatformSkuKey(item.ItemId, null);
        var code = item.CargoNumber;
        if (existing is not null && existing.TryGetValue(key, out var match))
        {
            return AlreadyMatched(key, code, match);
        }

        if (SkuCodeComparer.IsBlank(code))
        {
            return NotMatched(key, code, SkuMatchRule.None, SkuMatchFailure.BlankCargoNumber, null, null);
        }

        return catalogue.FindProduct(code, out var index) switch
        {
            SkuMatchingCatalogue.LookupState.Found => new SkuMatchResult(key, code, SkuMatchOutcome.Matched, SkuMatchRule.ProductCodeEqual,
                SkuMatchFailure.None, null, catalogue.ProductAt(index), null),
            SkuMatchingCatalogue.LookupState.Ambiguous => NotMatched(key, code, SkuMatchRule.None, SkuMatchFailure.AmbiguousErpCode, null,
                catalogue.AmbiguousProductsAt(index)),
            _ => NotMatched(key, code, SkuMatchRule.None, SkuMatchFailure.NoEqualProductCode, null, null),
        };
    }

    private static SkuMatchResult MatchSku(SkuMatchingCatalogue catalogue, PlatformItem item, PlatformSku sku,
        IReadOnlyDictionary<PlatformSkuKey, SkuMatch>? existing, ref ProductState productState, ref string? productCode)
    {
        var key = new PlatformSkuKey(item.ItemId, sku.SkuId);
        var code = sku.CargoNumber;
        if (existing is not null && existing.TryGetValue(key, out var match))
        {
            return AlreadyMatched(key, code, match);
        }

        if (!SkuCodeComparer.IsBlank(code))
        {
            switch (catalogue.FindSku(code, out var erp, out var index))
            {
                case SkuMatchingCatalogue.LookupState.Found:
                    return new SkuMatchResult(key, code, SkuMatchOutcome.Matched, SkuMatchRule.SkuCodeEqual, SkuMatchFailure.None,
                        erp.SkuCode, erp.ProductCode, null);
                case SkuMatchingCatalogue.LookupState.Ambiguous:
                    return NotMatched(key, code, SkuMatchRule.None, SkuMatchFailure.AmbiguousErpCode, null, catalogue.AmbiguousSkusAt(index));
            }
        }

        if (productState == ProductState.NotLookedUp)
        {
            if (catalogue.FindProduct(item.CargoNumber, out var productIndex) == SkuMatchingCatalogue.LookupState.Found)
            {
                productState = ProductState.Equal;
                productCode = catalogue.ProductAt(productIndex);
            }
            else
            {
                productState = ProductState.NotEqual;
            }
        }

        var rule = productState == ProductState.Equal ? SkuMatchRule.ItemCodeEqualButSkuCodesDiffer : SkuMatchRule.None;
        if (SkuCodeComparer.IsBlank(code))
        {
            return NotMatched(key, code, rule, SkuMatchFailure.BlankCargoNumber, productCode, null);
        }

        return productState == ProductState.Equal
            ? NotMatched(key, code, rule, SkuMatchFailure.ItemCodeEqualButSkuCodesDiffer, productCode, null)
            : NotMatched(key, code, rule, SkuMatchFailure.NoEqualSkuCode, null, null);
    }

    private static SkuMatchResult AlreadyMatched(PlatformSkuKey key, string? code, SkuMatch match)
        => new(key, code, SkuMatchOutcome.AlreadyMatched, SkuMatchRule.AlreadyMatched, SkuMatchFailure.None, match.ErpSkuCode, match.ErpProductCode, match);

    private static SkuMatchResult NotMatched(PlatformSkuKey key, string? code, SkuMatchRule rule, SkuMatchFailure failure, string? productCode, object? detail)
        => new(key, code, SkuMatchOutcome.NotMatched, rule, failure, null, productCode, detail);

    private static void Count(SkuMatchOutcome outcome, ref int matched, ref int already)
    {
        if (outcome == SkuMatchOutcome.Matched)
        {
            matched++;
        }
        else if (outcome == SkuMatchOutcome.AlreadyMatched)
        {
            already++;
        }
    }

    private enum ProductState : byte
    {
        NotLookedUp,
        Equal,
        NotEqual,
    }
}
