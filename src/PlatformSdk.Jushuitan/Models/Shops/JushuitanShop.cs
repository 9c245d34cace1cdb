namespace PlatformSdk.Jushuitan.Models.Shops;

/// <summary>A shop configured in the ERP (RJST-04: the shop ids orders are uploaded to come from here).</summary>
public sealed record JushuitanShop
{
    /// <summary>The shop id (<c>shop_id</c>) used in order upload and query.</summary>
    public long ShopId { get; init; }

    /// <summary>The shop name.</summary>
    public string? ShopName { get; init; }

    /// <summary>The company id (<c>co_id</c>); open API only.</summary>
    public long? CompanyId { get; init; }

    /// <summary>The site (platform) name, for example <c>淘宝天猫</c> or <c>自有商城</c>.</summary>
    public string? ShopSite { get; init; }

    /// <summary>The shop URL; open API only.</summary>
    public string? ShopUrl { get; init; }

    /// <summary>The seller nick.</summary>
    public string? Nick { get; init; }

    /// <summary>The short name; open API only.</summary>
    public string? ShortName { get; init; }

    /// <summary>The shop group id; open API only.</summary>
    public long? GroupId { get; init; }

    /// <summary>The shop group name; open API only.</summary>
    public string? GroupName { get; init; }

    /// <summary>The organization; legacy only.</summary>
    public string? Organization { get; init; }

    /// <summary>When the shop was created in the ERP.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>When the shop's platform authorization expires.</summary>
    public DateTimeOffset? SessionExpired { get; init; }

    /// <summary>True when the shop's site is a Taobao-family platform whose orders need the Qimen protocol (RJST-16, RJST-21).</summary>
    public bool RequiresQimen => ShopSite is not null && JushuitanPlatforms.RequiresQimen(ShopSite);
}

/// <summary>Filters for the shop query.</summary>
public sealed record JushuitanShopQuery
{
    /// <summary>Only these shop ids (open API <c>shop_ids</c>); ignored by the legacy API.</summary>
    public IReadOnlyList<long>? ShopIds { get; init; }

    /// <summary>Only these seller nicks (legacy <c>nicks</c>); ignored by the open API.</summary>
    public IReadOnlyList<string>? Nicks { get; init; }
}
