using System.Diagnostics.CodeAnalysis;

namespace PlatformSdk.Matching;

/// <summary>
/// The reverse view pre-orders need ("matched products can be used in pre-orders", R1688-11): from an ERP SKU on a
/// sales order line to the platform item and SKU to order. Built once from a shop's matches.
/// </summary>
/// <remarks>
/// A SKU-level match of the ERP SKU code wins. Otherwise a product-level match (a platform item without SKUs matched
/// to the SKU's product, rule 2) is used: ordering the item id without a SKU id orders that item (cf. R1688-08).
/// When several platform SKUs are matched to the same ERP code, manual matches come first, then the most recent,
/// then the lowest key (ordinal), so the choice is deterministic.
/// </remarks>
public sealed class SkuMatchLookup
{
    private readonly Dictionary<string, SkuMatch> _bySku;
    private readonly Dictionary<string, SkuMatch> _byProduct;

    private SkuMatchLookup(Dictionary<string, SkuMatch> bySku, Dictionary<string, SkuMatch> byProduct)
    {
        _bySku = bySku;
        _byProduct = byProduct;
    }

    /// <summary>Builds the lookup.</summary>
    /// <param name="matches">A shop's matches, for example <see cref="ISkuMatchStore.GetAllAsync"/>'s values.</param>
    /// <param name="comparer">How ERP codes are compared; <see langword="null"/> for <see cref="SkuCodeComparer.Default"/>.</param>
    /// <returns>The lookup.</returns>
    public static SkuMatchLookup Create(IEnumerable<SkuMatch> matches, SkuCodeComparer? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(matches);
        comparer ??= SkuCodeComparer.Default;
        var bySku = new Dictionary<string, SkuMatch>(comparer);
        var byProduct = new Dictionary<string, SkuMatch>(comparer);
        foreach (var match in matches)
        {
            ArgumentNullException.ThrowIfNull(match, nameof(matches));
            if (match.Key.SkuId is not null)
            {
                if (!SkuCodeComparer.IsBlank(match.ErpSkuCode))
                {
                    Keep(bySku, match.ErpSkuCode, match);
                }
            }
            else if (!SkuCodeComparer.IsBlank(match.ErpProductCode))
            {
                Keep(byProduct, match.ErpProductCode, match);
            }
        }

        return new SkuMatchLookup(bySku, byProduct);
    }

    /// <summary>Finds the platform item and SKU to order for an ERP SKU.</summary>
    /// <param name="erpSkuCode">The ERP SKU code of the sales order line.</param>
    /// <param name="erpProductCode">Its ERP product code, for the product-level fallback; may be <see langword="null"/>.</param>
    /// <param name="match">The match to order.</param>
    /// <returns><see langword="true"/> when the ERP SKU is matched.</returns>
    public bool TryFind(string? erpSkuCode, string? erpProductCode, [MaybeNullWhen(false)] out SkuMatch match)
    {
        if (!SkuCodeComparer.IsBlank(erpSkuCode) && _bySku.TryGetValue(erpSkuCode, out var bySku))
        {
            match = bySku;
            return true;
        }

        if (!SkuCodeComparer.IsBlank(erpProductCode) && _byProduct.TryGetValue(erpProductCode, out var byProduct))
        {
            match = byProduct;
            return true;
        }

        match = null;
        return false;
    }

    private static void Keep(Dictionary<string, SkuMatch> index, string code, SkuMatch candidate)
    {
        if (!index.TryGetValue(code, out var current) || Prefer(candidate, current))
        {
            index[code] = candidate;
        }
    }

    private static bool Prefer(SkuMatch candidate, SkuMatch current)
    {
        if (candidate.Kind != current.Kind)
        {
            return candidate.Kind == SkuMatchKind.Manual;
        }

        if (candidate.MatchedAt != current.MatchedAt)
        {
            return candidate.MatchedAt > current.MatchedAt;
        }

        var byItem = string.CompareOrdinal(candidate.Key.ItemId, current.Key.ItemId);
        return byItem != 0 ? byItem < 0 : string.CompareOrdinal(candidate.Key.SkuId, current.Key.SkuId) < 0;
    }
}
