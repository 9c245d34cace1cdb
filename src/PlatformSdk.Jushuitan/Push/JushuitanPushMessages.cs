namespace PlatformSdk.Jushuitan.Push;

/// <summary>The kinds of own-mall push the receiver reads (RJST-05); <see cref="PlatformSdk.Inbox.InboxPush.Kind"/> of a stored push.</summary>
public static class JushuitanPushKinds
{
    /// <summary>A shipment of an order: carrier and waybill (物流).</summary>
    public const string Logistics = "logistics";

    /// <summary>A change of a SKU's stock quantity (库存).</summary>
    public const string Inventory = "inventory";
}

/// <summary>The codes of the <see cref="PlatformSdk.Errors.PlatformException"/>s the push receiver raises (platform <c>Jushuitan</c>).</summary>
public static class JushuitanPushErrorCodes
{
    /// <summary>The request carries no readable push fields (not a form, not a JSON object, conflicting duplicates).</summary>
    public const string InvalidRequest = "invalid-push-request";

    /// <summary>The push's <c>biz</c> is missing, not a JSON object, or lacks a field its kind needs.</summary>
    public const string InvalidBiz = "invalid-push-biz";

    /// <summary>A stored push has a kind the handler does not read.</summary>
    public const string UnknownKind = "unknown-push-kind";
}

/// <summary>
/// A parsed own-mall push. What every push carries is here; each kind's fields are on its subclass. Derive from it to handle a
/// kind this package does not know (<see cref="JushuitanPushHandler.ParseMessage"/>).
/// </summary>
public abstract class JushuitanPushMessage
{
    /// <summary>The kind (<see cref="JushuitanPushKinds"/>).</summary>
    public required string Kind { get; init; }

    /// <summary>The push's <c>app_key</c>.</summary>
    public string? AppKey { get; init; }

    /// <summary>The push's signed <c>timestamp</c>, when readable.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The <c>biz</c> JSON exactly as sent.</summary>
    public string Biz { get; init; } = "{}";

    /// <summary>Every top-level field of <c>biz</c> as sent (text as is, numbers as written, objects and arrays as raw JSON): nothing Jushuitan adds is lost.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>A shipment of an own-mall order: which carrier took it under which waybill (RJST-05).</summary>
public sealed class JushuitanLogisticsPush : JushuitanPushMessage
{
    /// <summary>The shop (<c>shop_id</c>), when sent and numeric.</summary>
    public long? ShopId { get; init; }

    /// <summary>The online order number (<c>so_id</c>), the one the order was uploaded under.</summary>
    public string? SoId { get; init; }

    /// <summary>The ERP's internal order id (<c>o_id</c>), when sent and numeric.</summary>
    public long? OId { get; init; }

    /// <summary>The carrier's code (<c>lc_id</c>).</summary>
    public string? CarrierCode { get; init; }

    /// <summary>The carrier's name (<c>logistics_company</c>).</summary>
    public string? CarrierName { get; init; }

    /// <summary>The waybill number (<c>l_id</c>).</summary>
    public string? WaybillNumber { get; init; }

    /// <summary>When it was shipped (<c>send_date</c>, China time), when sent and readable (the raw text is in <see cref="JushuitanPushMessage.Fields"/>).</summary>
    public DateTimeOffset? SendDate { get; init; }

    /// <summary>The lines shipped (<c>items</c>), when sent.</summary>
    public IReadOnlyList<JushuitanLogisticsPushLine> Lines { get; init; } = [];
}

/// <summary>One line of a shipment push.</summary>
public sealed class JushuitanLogisticsPushLine
{
    /// <summary>The SKU (<c>sku_id</c>).</summary>
    public string? SkuId { get; init; }

    /// <summary>The quantity (<c>qty</c>), when readable.</summary>
    public int? Quantity { get; init; }

    /// <summary>The goods name (<c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>The online line id (<c>outer_oi_id</c>).</summary>
    public string? OuterOiId { get; init; }

    /// <summary>Every field of the line as sent.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>A change of a SKU's stock quantity in one warehouse (RJST-05).</summary>
public sealed class JushuitanInventoryPush : JushuitanPushMessage
{
    /// <summary>The SKU (<c>sku_id</c>).</summary>
    public required string SkuId { get; init; }

    /// <summary>The style (<c>i_id</c>), when sent.</summary>
    public string? IId { get; init; }

    /// <summary>The warehouse (<c>wms_co_id</c>, else <c>warehouse_id</c>), when sent; <see langword="null"/> means the company's whole stock.</summary>
    public string? WarehouseId { get; init; }

    /// <summary>The quantity as Jushuitan reports it (<c>qty</c>).</summary>
    public required int Quantity { get; init; }

    /// <summary>The quantity locked by orders (<c>lock_qty</c>, else <c>order_lock</c>), when sent and readable.</summary>
    public int? LockQuantity { get; init; }

    /// <summary>When the stock changed (<c>modified</c>, else <c>ts</c>; China time), when sent and readable.</summary>
    public DateTimeOffset? Modified { get; init; }
}
