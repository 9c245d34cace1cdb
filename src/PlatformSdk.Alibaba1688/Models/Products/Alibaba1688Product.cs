namespace PlatformSdk.Alibaba1688.Models.Products;

/// <summary>A 1688 offer (doc §6 ProductInfo). Matching (R1688-11) uses <see cref="ProductCargoNumber"/> and each SKU's <see cref="Alibaba1688Sku.CargoNumber"/>.</summary>
public sealed record Alibaba1688Product
{
    /// <summary>The offer id (<c>productID</c>).</summary>
    public required long ProductId { get; init; }

    /// <summary>The title (<c>subject</c>, ≤ 128 characters).</summary>
    public string? Subject { get; init; }

    /// <summary>The raw status (<c>published</c>, <c>expired</c>, <c>member deleted</c>, <c>deleted</c>, <c>auditing</c>, …).</summary>
    public string? Status { get; init; }

    /// <summary>The category (<c>categoryID</c>).</summary>
    public long? CategoryId { get; init; }

    /// <summary>The product-level cargo number (商品货号, <c>productCargoNumber</c>).</summary>
    public string? ProductCargoNumber { get; init; }

    /// <summary>The reference price in yuan (<c>referencePrice</c>), if given.</summary>
    public decimal? ReferencePrice { get; init; }

    /// <summary>When the offer was last changed.</summary>
    public DateTimeOffset? LastUpdateTime { get; init; }

    /// <summary>Absolute image URLs (<c>image.images</c> are relative to <c>https://cbu01.alicdn.com/</c>).</summary>
    public IReadOnlyList<string> ImageUrls { get; init; } = [];

    /// <summary>The SKUs (<c>skuInfos</c>); empty for an offer without specs.</summary>
    public IReadOnlyList<Alibaba1688Sku> Skus { get; init; } = [];

    /// <summary>The offer's page, <c>https://detail.1688.com/offer/{id}.html</c>.</summary>
    public Uri DetailUrl => new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"https://detail.1688.com/offer/{ProductId}.html"));
}

/// <summary>One SKU of an offer (<c>skuInfos[]</c>).</summary>
public sealed record Alibaba1688Sku
{
    /// <summary>The SKU id (<c>skuId</c>).</summary>
    public long? SkuId { get; init; }

    /// <summary>The spec id (<c>specId</c>) used in order lines.</summary>
    public string? SpecId { get; init; }

    /// <summary>The SKU-level cargo number (单品货号, <c>cargoNumber</c>).</summary>
    public string? CargoNumber { get; init; }

    /// <summary>The price in yuan, if given.</summary>
    public decimal? Price { get; init; }

    /// <summary>The stock on sale (<c>amountOnSale</c>).</summary>
    public long? AmountOnSale { get; init; }

    /// <summary>The spec attributes, for example colour and size.</summary>
    public IReadOnlyList<Alibaba1688SkuAttribute> Attributes { get; init; } = [];
}

/// <summary>One spec attribute of a SKU.</summary>
/// <param name="AttributeId">The attribute id (<c>attributeID</c>).</param>
/// <param name="Name">The attribute's display name, when given.</param>
/// <param name="Value">The value (<c>attributeValue</c>).</param>
public sealed record Alibaba1688SkuAttribute(long? AttributeId, string? Name, string? Value);

/// <summary>
/// Where a product download stands (R1688-05/09): the next page number, the continuation token of <see cref="Alibaba1688ProductsClient.DownloadAllAsync"/>
/// (<c>page:&lt;n&gt;</c>). Persist <see cref="ToString"/> and restore it with
/// <see cref="Parse"/> to resume a download after a restart.
/// </summary>
public sealed record Alibaba1688ProductCursor
{
    /// <summary>Creates a cursor.</summary>
    /// <param name="pageNo">The 1-based page number.</param>
    public Alibaba1688ProductCursor(int pageNo)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNo, 1);
        PageNo = pageNo;
    }

    /// <summary>The first page.</summary>
    public static Alibaba1688ProductCursor Start { get; } = new(1);

    /// <summary>The 1-based page number (<c>pageNo</c>).</summary>
    public int PageNo { get; }

    /// <summary>Restores a cursor from <see cref="ToString"/>.</summary>
    /// <param name="text">For example <c>page:3</c>.</param>
    /// <returns>The cursor.</returns>
    /// <exception cref="FormatException">The text is not a cursor.</exception>
    public static Alibaba1688ProductCursor Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.StartsWith("page:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) && page >= 1
            ? new Alibaba1688ProductCursor(page)
            : throw new FormatException($"'{text}' is not a 1688 product cursor (expected page:<n>).");
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"page:{PageNo}");
}
