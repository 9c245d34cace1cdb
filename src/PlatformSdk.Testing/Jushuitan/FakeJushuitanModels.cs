namespace PlatformSdk.Testing.Jushuitan;

/// <summary>A shop in the fake ERP. Used both to add shops (<see cref="FakeJushuitanServer.AddShop"/>) and as a snapshot.</summary>
public sealed record FakeJushuitanShop
{
    /// <summary>The own-mall site name Jushuitan shows (<c>shop_site</c>).</summary>
    public const string OwnMallSite = "自有商城";

    /// <summary>The shop id (<c>shop_id</c>).</summary>
    public required long ShopId { get; init; }

    /// <summary>The shop name (<c>shop_name</c>).</summary>
    public required string ShopName { get; init; }

    /// <summary>The owning company (<c>co_id</c>).</summary>
    public int CompanyId { get; init; } = FakeJushuitanSeed.CompanyId;

    /// <summary>The site type (<c>shop_site</c>); only <see cref="OwnMallSite"/> shops accept uploads (RJST-06).</summary>
    public string ShopSite { get; init; } = OwnMallSite;

    /// <summary>The seller nick (<c>nick</c>).</summary>
    public string Nick { get; init; } = string.Empty;

    /// <summary>Whether the shop is enabled. Uploads to a disabled shop answer success but store nothing (RJST-13).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The "download all orders" switch; when off, unpaid uploads answer success but are not stored (RJST-13).</summary>
    public bool DownloadAllOrders { get; init; } = true;

    /// <summary>Whether the shop is an own-mall (自有商城) shop.</summary>
    public bool IsOwnMall => string.Equals(ShopSite, OwnMallSite, StringComparison.Ordinal);
}

/// <summary>A warehouse partner (分仓) as returned by <c>wms.partner.query</c>.</summary>
public sealed record FakeJushuitanWarehouse
{
    /// <summary>The warehouse company id (<c>wms_co_id</c>).</summary>
    public required int WmsCompanyId { get; init; }

    /// <summary>The warehouse name (<c>name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The owning company (<c>co_id</c>).</summary>
    public int CompanyId { get; init; } = FakeJushuitanSeed.CompanyId;

    /// <summary>Whether this is the main warehouse (<c>is_main</c>).</summary>
    public bool IsMain { get; init; }

    /// <summary>The status text (<c>status</c>).</summary>
    public string Status { get; init; } = "生效";
}

/// <summary>A logistics company (carrier) as returned by <c>logisticscompany.query</c>.</summary>
public sealed record FakeJushuitanLogisticsCompany
{
    /// <summary>The carrier code (<c>lc_id</c>), unique within the ERP.</summary>
    public required string LcId { get; init; }

    /// <summary>The carrier name (<c>lc_name</c>).</summary>
    public required string LcName { get; init; }

    /// <summary>When the entry was last modified (<c>modified</c>).</summary>
    public required DateTimeOffset Modified { get; init; }
}

/// <summary>A snapshot of one ERP order row (one <c>o_id</c>) in the fake.</summary>
public sealed record FakeJushuitanOrder
{
    /// <summary>The ERP internal order id (<c>o_id</c>).</summary>
    public required long OId { get; init; }

    /// <summary>The shop id (<c>shop_id</c>).</summary>
    public required long ShopId { get; init; }

    /// <summary>The online order number (<c>so_id</c>).</summary>
    public required string SoId { get; init; }

    /// <summary>The ERP status (<c>status</c>): WaitPay, WaitConfirm, Question, Split, Sent, Cancelled, ...</summary>
    public required string Status { get; init; }

    /// <summary>The platform status last uploaded (<c>shop_status</c>).</summary>
    public string? ShopStatus { get; init; }

    /// <summary>The exception description (<c>question_desc</c>) when <see cref="Status"/> is <c>Question</c>.</summary>
    public string? QuestionDesc { get; init; }

    /// <summary>The uploaded payable amount (<c>pay_amount</c>).</summary>
    public decimal? PayAmount { get; init; }

    /// <summary>Whether the ERP considers the order paid (a <c>pay</c> node whose amount equals <c>pay_amount</c>).</summary>
    public bool Paid { get; init; }

    /// <summary>Whether the row is a sub-order of a split order (<c>is_split</c>).</summary>
    public bool IsSplit { get; init; }

    /// <summary>For a split sub-order, the o_id of the original order (<c>link_o_id</c>).</summary>
    public long? LinkOId { get; init; }

    /// <summary>The carrier code of the shipment, if shipped.</summary>
    public string? LcId { get; init; }

    /// <summary>The tracking number of the shipment, if shipped.</summary>
    public string? LId { get; init; }

    /// <summary>When the row was created.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>When the row was last modified.</summary>
    public required DateTimeOffset Modified { get; init; }

    /// <summary>The row version (<c>ts</c>), increasing on every change.</summary>
    public required long Ts { get; init; }

    /// <summary>How many times the order was uploaded (re-uploads included, accepted or ignored).</summary>
    public required int UploadCount { get; init; }

    /// <summary>The last uploaded order JSON that the ERP accepted.</summary>
    public required string UploadJson { get; init; }
}
