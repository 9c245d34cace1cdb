using System.Runtime.InteropServices;

namespace PlatformSdk.Matching;

/// <summary>
/// The ERP side of R1688-11, indexed once: a hash table of SKU codes and one of product codes, both keyed by the
/// caller's own strings under a <see cref="SkuCodeComparer"/>. Building is O(n) time and memory; lookups are O(1)
/// and allocate nothing. Immutable after creation, so one catalogue can serve several concurrent matches.
/// </summary>
/// <remarks>
/// Codes that become equal after normalisation but are not the same ERP entry (<c>AB-01</c> and <c>ab-01</c>, or
/// one SKU code under two products) are <em>ambiguous</em>: they never match, and the result names every candidate
/// so the merchant can fix the ERP data. Repeating the very same entry (same SKU code and product code,
/// character for character) is not ambiguous. Blank codes are skipped and counted.
/// </remarks>
public sealed class SkuMatchingCatalogue
{
    // The SKU sits in the dictionary entry itself: one cache miss per lookup fewer than an index into a list.
    private readonly Dictionary<string, SkuSlot> _skuIndex;
    private readonly List<ErpSku[]> _ambiguousSkus = [];
    private readonly Dictionary<string, int> _productIndex;
    private readonly List<string> _products;
    private readonly List<string[]> _ambiguousProducts = [];

    private SkuMatchingCatalogue(SkuCodeComparer comparer, int skuCapacity, int productCapacity)
    {
        Comparer = comparer;
        _skuIndex = new Dictionary<string, SkuSlot>(skuCapacity, comparer);
        _productIndex = new Dictionary<string, int>(productCapacity, comparer);
        _products = new List<string>(productCapacity);
    }

    /// <summary>The comparer the codes were indexed with.</summary>
    public SkuCodeComparer Comparer { get; }

    /// <summary>Distinct, unambiguous ERP SKU codes.</summary>
    public int SkuCount { get; private set; }

    /// <summary>Distinct, unambiguous ERP product codes (given explicitly or taken from the SKUs).</summary>
    public int ProductCount { get; private set; }

    /// <summary>Normalised SKU codes shared by different ERP entries; they never match.</summary>
    public int AmbiguousSkuCodeCount => _ambiguousSkus.Count;

    /// <summary>Normalised product codes shared by different ERP product codes; they never match.</summary>
    public int AmbiguousProductCodeCount => _ambiguousProducts.Count;

    /// <summary>Catalogue entries skipped because their SKU code or product code was blank.</summary>
    public int BlankCodeCount { get; private set; }

    /// <summary>Builds a catalogue.</summary>
    /// <param name="skus">The ERP SKUs. The product code of each SKU is also an ERP product code (rule 2 may match it).</param>
    /// <param name="productCodes">ERP product codes, including products without SKUs; <see langword="null"/> for none besides the SKUs' products.</param>
    /// <param name="normalization">How codes are compared; <see langword="null"/> for <see cref="SkuCodeNormalization.Default"/>.</param>
    /// <returns>The catalogue.</returns>
    public static SkuMatchingCatalogue Create(IEnumerable<ErpSku> skus, IEnumerable<string>? productCodes = null, SkuCodeNormalization? normalization = null)
    {
        ArgumentNullException.ThrowIfNull(skus);
        var comparer = normalization is null || normalization == SkuCodeNormalization.Default
            ? SkuCodeComparer.Default
            : new SkuCodeComparer(normalization);
        var skuCapacity = skus.TryGetNonEnumeratedCount(out var n) ? n : 0;
        var productCapacity = productCodes is not null && productCodes.TryGetNonEnumeratedCount(out var p) ? p : skuCapacity / 4;
        var catalogue = new SkuMatchingCatalogue(comparer, skuCapacity, productCapacity);

        string? previousProduct = null;
        foreach (var sku in skus)
        {
            catalogue.AddSku(sku);

            // ERP exports list SKUs grouped by product: skip the product lookup while the code repeats.
            if (!ReferenceEquals(sku.ProductCode, previousProduct) && !SkuCodeComparer.IsBlank(sku.ProductCode))
            {
                catalogue.AddProduct(sku.ProductCode);
                previousProduct = sku.ProductCode;
            }
        }

        if (productCodes is not null)
        {
            foreach (var code in productCodes)
            {
                if (SkuCodeComparer.IsBlank(code))
                {
                    catalogue.BlankCodeCount++;
                }
                else
                {
                    catalogue.AddProduct(code);
                }
            }
        }

        return catalogue;
    }

    /// <summary>Looks up an ERP SKU by a platform SKU cargo number.</summary>
    /// <param name="code">The cargo number.</param>
    /// <param name="sku">The ERP SKU when exactly one is equal.</param>
    /// <returns><see langword="true"/> when exactly one ERP SKU is equal after normalisation.</returns>
    public bool TryFindSku(string? code, out ErpSku sku)
    {
        return FindSku(code, out sku, out _) == LookupState.Found;
    }

    /// <summary>Looks up an ERP product code by a platform item cargo number.</summary>
    /// <param name="code">The cargo number.</param>
    /// <param name="productCode">The ERP product code (as written in the ERP) when exactly one is equal.</param>
    /// <returns><see langword="true"/> when exactly one ERP product code is equal after normalisation.</returns>
    public bool TryFindProduct(string? code, out string productCode)
    {
        if (FindProduct(code, out var index) == LookupState.Found)
        {
            productCode = _products[index];
            return true;
        }

        productCode = string.Empty;
        return false;
    }

    /// <summary>Returns the ERP SKUs that make a code ambiguous.</summary>
    /// <param name="code">A code.</param>
    /// <returns>The candidates; empty when the code is not ambiguous.</returns>
    public IReadOnlyList<ErpSku> GetAmbiguousSkus(string? code)
        => FindSku(code, out _, out var index) == LookupState.Ambiguous ? _ambiguousSkus[index] : [];

    /// <summary>Returns the ERP product codes that make a code ambiguous.</summary>
    /// <param name="code">A code.</param>
    /// <returns>The candidates; empty when the code is not ambiguous.</returns>
    public IReadOnlyList<string> GetAmbiguousProducts(string? code)
        => FindProduct(code, out var index) == LookupState.Ambiguous ? _ambiguousProducts[index] : [];

    internal LookupState FindSku(string? code, out ErpSku sku, out int ambiguousIndex)
    {
        if (SkuCodeComparer.IsBlank(code) || !_skuIndex.TryGetValue(code, out var slot))
        {
            sku = default;
            ambiguousIndex = 0;
            return LookupState.NotFound;
        }

        sku = slot.Sku;
        ambiguousIndex = slot.AmbiguousIndex;
        return slot.AmbiguousIndex < 0 ? LookupState.Found : LookupState.Ambiguous;
    }

    internal LookupState FindProduct(string? code, out int index)
    {
        index = 0;
        if (SkuCodeComparer.IsBlank(code) || !_productIndex.TryGetValue(code, out var value))
        {
            return LookupState.NotFound;
        }

        // Non-negative values index the product list; negative ones (~i) index the ambiguity lists.
        index = value >= 0 ? value : ~value;
        return value >= 0 ? LookupState.Found : LookupState.Ambiguous;
    }

    internal ErpSku[] AmbiguousSkusAt(int index) => _ambiguousSkus[index];

    internal string ProductAt(int index) => _products[index];

    internal string[] AmbiguousProductsAt(int index) => _ambiguousProducts[index];

    private void AddSku(ErpSku sku)
    {
        if (SkuCodeComparer.IsBlank(sku.SkuCode))
        {
            BlankCodeCount++;
            return;
        }

#if NET8_0_OR_GREATER
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_skuIndex, sku.SkuCode, out var exists);
#else
        // No reference into a dictionary's value before .NET 6: the changed slot is written back.
        var exists = _skuIndex.TryGetValue(sku.SkuCode, out var slot);
#endif
        if (!exists)
        {
            slot = new SkuSlot(sku, -1);
#if !NET8_0_OR_GREATER
            _skuIndex[sku.SkuCode] = slot;
#endif
            SkuCount++;
            return;
        }

        if (slot.AmbiguousIndex < 0)
        {
            var first = slot.Sku;
            if (string.Equals(first.SkuCode, sku.SkuCode, StringComparison.Ordinal)
                && string.Equals(first.ProductCode, sku.ProductCode, StringComparison.Ordinal))
            {
                return; // the same entry listed twice
            }

            slot = new SkuSlot(default, _ambiguousSkus.Count);
#if !NET8_0_OR_GREATER
            _skuIndex[sku.SkuCode] = slot;
#endif
            _ambiguousSkus.Add([first, sku]);
            SkuCount--;
            return;
        }

        var candidates = _ambiguousSkus[slot.AmbiguousIndex];
        if (Array.IndexOf(candidates, sku) < 0)
        {
            _ambiguousSkus[slot.AmbiguousIndex] = [.. candidates, sku];
        }
    }

    private void AddProduct(string code)
    {
#if NET8_0_OR_GREATER
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_productIndex, code, out var exists);
#else
        var exists = _productIndex.TryGetValue(code, out var slot);
#endif
        if (!exists)
        {
            slot = _products.Count;
#if !NET8_0_OR_GREATER
            _productIndex[code] = slot;
#endif
            _products.Add(code);
            ProductCount++;
            return;
        }

        if (slot >= 0)
        {
            var first = _products[slot];
            if (string.Equals(first, code, StringComparison.Ordinal))
            {
                return;
            }

            slot = ~_ambiguousProducts.Count;
#if !NET8_0_OR_GREATER
            _productIndex[code] = slot;
#endif
            _ambiguousProducts.Add([first, code]);
            ProductCount--;
            return;
        }

        var candidates = _ambiguousProducts[~slot];
        if (Array.IndexOf(candidates, code) < 0)
        {
            _ambiguousProducts[~slot] = [.. candidates, code];
        }
    }

    private readonly record struct SkuSlot(ErpSku Sku, int AmbiguousIndex);

    internal enum LookupState
    {
        NotFound,
        Found,
        Ambiguous,
    }
}
