namespace PlatformSdk.Matching;

/// <summary>
/// A platform listing (宝贝 / offer) as the matcher sees it: its id, its cargo number (货号) and its SKUs. Platform
/// packages map their product DTOs onto this type; nothing platform-specific is needed for R1688-11.
/// </summary>
public sealed class PlatformItem
{
    /// <summary>Creates an item.</summary>
    /// <param name="itemId">The platform's item id (for 1688 the offer id).</param>
    /// <param name="cargoNumber">The item cargo number (货号); may be blank.</param>
    /// <param name="skus">The item's SKUs; empty or <see langword="null"/> for an item without SKUs. Kept by reference, not copied.</param>
    public PlatformItem(string itemId, string? cargoNumber, IReadOnlyList<PlatformSku>? skus = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        ItemId = itemId;
        CargoNumber = cargoNumber;
        Skus = skus ?? [];
    }

    /// <summary>The platform's item id.</summary>
    public string ItemId { get; }

    /// <summary>The item cargo number (货号), compared with ERP product codes.</summary>
    public string? CargoNumber { get; }

    /// <summary>The SKUs; empty for an item without SKUs.</summary>
    public IReadOnlyList<PlatformSku> Skus { get; }
}

/// <summary>One SKU of a platform item.</summary>
public readonly record struct PlatformSku
{
    /// <summary>Creates a SKU.</summary>
    /// <param name="skuId">The platform's SKU id (for 1688 the specId/skuId).</param>
    /// <param name="cargoNumber">The SKU cargo number (单品货号); may be blank.</param>
    public PlatformSku(string skuId, string? cargoNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(skuId);
        SkuId = skuId;
        CargoNumber = cargoNumber;
    }

    /// <summary>The platform's SKU id.</summary>
    public string SkuId { get; }

    /// <summary>The SKU cargo number (单品货号), compared with ERP SKU codes.</summary>
    public string? CargoNumber { get; }
}

/// <summary>
/// Identifies what gets matched: a platform SKU (<see cref="SkuId"/> set) or a platform item without SKUs
/// (<see cref="SkuId"/> is <see langword="null"/>).
/// </summary>
/// <param name="ItemId">The platform item id.</param>
/// <param name="SkuId">The platform SKU id, or <see langword="null"/> for the item itself.</param>
public readonly record struct PlatformSkuKey(string ItemId, string? SkuId)
{
    /// <summary>Returns <c>item</c> or <c>item/sku</c>.</summary>
    /// <returns>The key as text.</returns>
    public override string ToString() => SkuId is null ? ItemId : ItemId + "/" + SkuId;
}

/// <summary>One SKU of the ERP catalogue: its SKU code and the code of the product it belongs to.</summary>
/// <param name="SkuCode">The ERP SKU code (SKU 代码).</param>
/// <param name="ProductCode">The ERP product code (商品代码).</param>
public readonly record struct ErpSku(string SkuCode, string ProductCode);

/// <summary>Whose matches: one shop (tenant) of one platform. Item ids are only unique within a shop.</summary>
/// <param name="Platform">The platform name, for example <c>Alibaba1688</c>.</param>
/// <param name="Tenant">The shop or tenant name.</param>
public readonly record struct SkuMatchScope(string Platform, string Tenant);
