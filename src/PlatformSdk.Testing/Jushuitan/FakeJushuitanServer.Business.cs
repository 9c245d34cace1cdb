using System.Globalization;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Jushuitan;

/// <content>The business operations: queries, order upload, cancel and shipment upload.</content>
public sealed partial class FakeJushuitanServer
{
    private const int MaxPageSize = 100;
    private const int DefaultPageSize = 30;
    private const int MaxUploadBatch = 50;
    private const int MaxSoIds = 20;
    private const int MaxCancelOIds = 50;
    private static readonly TimeSpan MaxQueryWindow = TimeSpan.FromDays(7);
    private static readonly HashSet<string> ShopStatuses = new(StringComparer.Ordinal)
    {
        "WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED", "TRADE_CLOSED", "TRADE_CLOSED_BY_TAOBAO",
    };

    private static readonly HashSet<string> ShippedStatuses = new(StringComparer.Ordinal) { "Sent", "Delivering", "WaitOuterSent", "Merged" };

    private FakeResponse QueryShopsLocked(bool legacy, JsonObject query)
    {
        var (pageIndex, pageSize) = ReadPaging(query);
        var nicks = legacy ? JushuitanJson.StringList(query, "nicks") : null;
        var shopIds = legacy ? null : JushuitanJson.StringList(query, "shop_ids");
        var shops = _shops.Values
            .Where(shop => shop.Enabled && shop.CompanyId == CompanyId)
            .Where(shop => nicks is null || nicks.Count == 0 || nicks.Contains(shop.Nick, StringComparer.Ordinal))
            .Where(shop => shopIds is null || shopIds.Count == 0 || shopIds.Contains(shop.ShopId.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal))
            .OrderBy(shop => shop.ShopId)
            .Select(shop => (JsonNode)new JsonObject
            {
                ["shop_id"] = shop.ShopId,
                ["shop_name"] = shop.ShopName,
                ["co_id"] = shop.CompanyId,
                ["shop_site"] = shop.ShopSite,
                ["shop_url"] = string.Empty,
                ["created"] = "2023-01-01 09:00:00",
                ["nick"] = shop.Nick,
                ["session_expired"] = "2099-12-31 23:59:59",
                ["session_uid"] = string.Empty,
                ["short_name"] = shop.ShopName,
                ["group_id"] = 0,
                ["group_name"] = string.Empty,
            })
            .ToList();

        // The open API's shop query reports no totals (S-ieu); the legacy one reports the full paging set.
        return Page(legacy, legacy ? "shops" : "datas", shops, pageIndex, pageSize, includeTotals: legacy);
    }

    private FakeResponse QueryCarriersLocked(bool legacy, JsonObject query)
    {
        var (pageIndex, pageSize) = ReadPaging(query);
        var window = ReadWindow(query, "modified_begin", "modified_end", limitSpan: false);
        var carriers = _carriers
            .Where(carrier => window is not { } w || (carrier.Modified >= w.Begin && carrier.Modified <= w.End))
            .Select(carrier => (JsonNode)new JsonObject
            {
                ["lc_id"] = carrier.LcId,
                ["lc_name"] = carrier.LcName,
                ["modified"] = JushuitanJson.FormatTime(carrier.Modified),
            })
            .ToList();
        return Page(legacy, "datas", carriers, pageIndex, pageSize, includeTotals: true);
    }

    private FakeResponse QueryWarehousesLocked(bool legacy, JsonObject query)
    {
        var (pageIndex, pageSize) = ReadPaging(query);
        var warehouses = _warehouses
            .Where(warehouse => warehouse.CompanyId == CompanyId)
            .Select(warehouse => (JsonNode)new JsonObject
            {
                ["wms_co_id"] = warehouse.WmsCompanyId,
                ["name"] = warehouse.Name,
                ["co_id"] = warehouse.CompanyId,
                ["is_main"] = warehouse.IsMain,
                ["status"] = warehouse.Status,
                ["remark1"] = string.Empty,
                ["remark2"] = string.Empty,
            })
            .ToList();
        return Page(legacy, "datas", warehouses, pageIndex, pageSize, includeTotals: true);
    }

    private FakeResponse QueryOrdersLocked(bool legacy, JsonObject query)
    {
        var (pageIndex, pageSize) = ReadPaging(query);
        var soIds = JushuitanJson.StringList(query, "so_ids");
        if (soIds is { Count: > MaxSoIds })
        {
            throw new JstException(140, $"参数不符合规范:so_ids最多{MaxSoIds}个");
        }

        var oIds = JushuitanJson.StringList(query, "o_ids")?.Select(text =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new JstException(140, $"参数不符合规范:o_ids[{text}]无效")).ToList();
        var window = ReadWindow(query, "modified_begin", "modified_end", limitSpan: true);
        long? startTs = JushuitanJson.TryLong(query, "start_ts", out var ts) ? ts : null;
        if (window is null && soIds is not { Count: > 0 } && oIds is not { Count: > 0 } && startTs is null)
        {
            throw new JstException(140, "参数不符合规范:时间范围、so_ids、o_ids至少传一个");
        }

        var dateType = JushuitanJson.TryLong(query, "date_type", out var type) ? type : 0;
        if (dateType is not (0 or 2 or 3))
        {
            throw new JstException(140, "参数不符合规范:date_type只能为0、2或3");
        }

        long? shopId = JushuitanJson.TryLong(query, "shop_id", out var shop) ? shop : null;
        var status = JushuitanJson.String(query, "status");
        var includeTotals = JushuitanJson.Bool(query, "is_get_total") ?? true;
        var rows = _ordersById.Values
            .Where(row => shopId is null || row.ShopId == shopId)
            .Where(row => soIds is not { Count: > 0 } || soIds.Contains(row.SoId, StringComparer.Ordinal))
            .Where(row => oIds is not { Count: > 0 } || oIds.Contains(row.OId))
            .Where(row => string.IsNullOrEmpty(status) || string.Equals(row.Status, status, StringComparison.Ordinal))
            .Where(row => startTs is null || row.Ts >= startTs)
            .Where(row => window is not { } w || (DateOf(row, dateType) is { } at && at >= w.Begin && at <= w.End))
            .OrderBy(row => row.Ts)
            .ThenBy(row => row.OId)
            .Select(row => (JsonNode)RenderOrder(row, legacy))
            .ToList();
        return Page(legacy, "orders", rows, pageIndex, pageSize, includeTotals);
    }

    private static DateTimeOffset? DateOf(OrderRow row, long dateType) => dateType switch
    {
        2 => row.OrderDate,
        3 => row.SendDate,
        _ => row.Modified,
    };

    private FakeResponse UploadOrdersLocked(bool legacy, JsonNode body, DateTimeOffset now)
    {
        var orders = RequireArray(body, "订单");
        if (orders.Count > MaxUploadBatch)
        {
            throw new JstException(140, $"参数不符合规范:单次最多上传{MaxUploadBatch}个订单");
        }

        // Shop configuration errors reject the whole call before anything is stored.
        var shops = orders.Select(RequireUploadShopLocked).ToList();
        var results = new JsonArray();
        for (var i = 0; i < orders.Count; i++)
        {
            var order = (JsonObject)orders[i]!;
            var soId = JushuitanJson.String(order, "so_id");
            var problem = ValidateOrder(order, soId);
            if (problem is not null)
            {
                results.Add((JsonNode)new JsonObject { ["o_id"] = 0, ["so_id"] = soId ?? string.Empty, ["issuccess"] = false, ["msg"] = problem });
                continue;
            }

            var oId = ApplyUploadLocked(shops[i], order, soId!, now);
            results.Add((JsonNode)new JsonObject { ["o_id"] = oId, ["so_id"] = soId, ["issuccess"] = true, ["msg"] = Success });
        }

        return Ok(legacy, new JsonObject { ["datas"] = results });
    }

    private FakeJushuitanShop RequireUploadShopLocked(JsonNode? node)
    {
        if (node is not JsonObject order)
        {
            throw new JstException(140, "参数不符合规范:订单应为JSON对象");
        }

        if (!JushuitanJson.TryLong(order, "shop_id", out var shopId))
        {
            throw new JstException(140, "参数不符合规范:shop_id不能为空");
        }

        return RequireOwnMallShopLocked(shopId);
    }

    private FakeJushuitanShop RequireOwnMallShopLocked(long shopId)
    {
        if (!_shops.TryGetValue(shopId, out var shop))
        {
            throw new JstException(170, $"店铺编号[{shopId}]不存在");
        }

        if (shop.CompanyId != CompanyId)
        {
            throw new JstException(170, $"店铺编号[{shopId}]对应公司与系统配置的不一致,请检查配置!");
        }

        return shop.IsOwnMall ? shop : throw new JstException(170, $"店铺编号[{shopId}]的站点类型不是自有商城,无法上传");
    }

    private static string? ValidateOrder(JsonObject order, string? soId)
    {
        if (string.IsNullOrEmpty(soId))
        {
            return "so_id不能为空";
        }

        if (soId.Length > 50)
        {
            return "so_id长度不能超过50";
        }

        var shopStatus = JushuitanJson.String(order, "shop_status");
        if (string.IsNullOrEmpty(shopStatus))
        {
            return "shop_status不能为空";
        }

        if (!ShopStatuses.Contains(shopStatus))
        {
            return $"shop_status[{shopStatus}]无效";
        }

        if (!JushuitanJson.TryParseTime(JushuitanJson.String(order, "order_date"), out _))
        {
            return "order_date不能为空且格式应为yyyy-MM-dd HH:mm:ss";
        }

        if (JushuitanJson.Decimal(order, "pay_amount") is null)
        {
            return "pay_amount不能为空";
        }

        if (order["pay"] is JsonArray)
        {
            return "pay应为对象,不能为数组";
        }

        if (order["items"] is not null and not JsonArray)
        {
            return "items应为数组";
        }

        return null;
    }

    private long ApplyUploadLocked(FakeJushuitanShop shop, JsonObject order, string soId, DateTimeOffset now)
    {
        var computed = ComputeStatus(order);

        // RJST-13: a disabled shop, or an unpaid order with "download all orders" off, is acknowledged but never stored.
        if (!shop.Enabled)
        {
            return 0;
        }

        if (!_orders.TryGetValue((shop.ShopId, soId), out var rows))
        {
            if (!shop.DownloadAllOrders && !computed.Paid)
            {
                return 0;
            }

            var row = new OrderRow(_nextOId++, shop.ShopId, soId, order.DeepClone().AsObject(), now) { UploadCount = 1 };
            computed.ApplyTo(row);
            TouchLocked(row, now);
            _orders.Add((shop.ShopId, soId), [row]);
            _ordersById.Add(row.OId, row);
            return row.OId;
        }

        foreach (var existing in rows)
        {
            existing.UploadCount++;
        }

        var first = rows[0];

        // RJST-12: an order cancelled in the ERP stays cancelled; split and shipped orders are no longer changed by uploads.
        if (rows.Exists(row => row.Status == "Cancelled" || row.IsSplit || ShippedStatuses.Contains(row.Status)))
        {
            return first.OId;
        }

        first.Upload = order.DeepClone().AsObject();
        first.ShopStatus = computed.ShopStatus;
        first.OrderDate = computed.OrderDate;
        if (computed.Status is "Cancelled" or "Question")
        {
            computed.ApplyTo(first);
        }
        else if (first.Status == "WaitPay")
        {
            // RJST-19: uploading again with a matching pay node moves the order from unpaid to paid-awaiting-review.
            first.Status = computed.Status;
            first.Paid = computed.Paid;
        }

        first.Paid |= computed.Paid;
        TouchLocked(first, now);
        return first.OId;
    }

    private static ComputedStatus ComputeStatus(JsonObject order)
    {
        var shopStatus = JushuitanJson.String(order, "shop_status");
        _ = JushuitanJson.TryParseTime(JushuitanJson.String(order, "order_date"), out var orderDate);
        var items = (order["items"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var refunds = items.Select(item => JushuitanJson.String(item, "refund_status")).Where(value => !string.IsNullOrEmpty(value)).ToList();
        var pay = order["pay"] as JsonObject;
        var payAmount = JushuitanJson.Decimal(order, "pay_amount");

        // RJST-15/17: "paid" needs a pay node whose amount equals pay_amount; otherwise the ERP shows the order unpaid.
        var paid = shopStatus != "WAIT_BUYER_PAY" && pay is not null && payAmount is not null && JushuitanJson.Decimal(pay, "amount") == payAmount;
        if (shopStatus is "TRADE_CLOSED" or "TRADE_CLOSED_BY_TAOBAO" || (items.Count > 0 && refunds.Count == items.Count && refunds.TrueForAll(r => r == "success")))
        {
            return new ComputedStatus("Cancelled", shopStatus, paid, null, null, orderDate);
        }

        var questionDesc = JushuitanJson.String(order, "question_desc");
        if (!string.IsNullOrEmpty(questionDesc))
        {
            return new ComputedStatus("Question", shopStatus, paid, "其它", questionDesc, orderDate);
        }

        if (refunds.Count > 0)
        {
            return new ComputedStatus("Question", shopStatus, paid, "线上退款", "线上退款", orderDate);
        }

        return new ComputedStatus(paid ? "WaitConfirm" : "WaitPay", shopStatus, paid, null, null, orderDate);
    }

    private FakeResponse CancelBySoIdLocked(JsonNode body, DateTimeOffset now)
    {
        var groups = new List<List<OrderRow>>();
        foreach (var node in RequireArray(body, "取消"))
        {
            if (node is not JsonObject target || !JushuitanJson.TryLong(target, "shop_id", out var shopId)
                || JushuitanJson.String(target, "so_id") is not { Length: > 0 } soId)
            {
                throw new JstException(140, "参数不符合规范:shop_id和so_id不能为空");
            }

            if (!_orders.TryGetValue((shopId, soId), out var rows))
            {
                throw new JstException(160, $"店铺编号[{shopId}]线上单号[{soId}]的订单不存在");
            }

            groups.Add(rows);
        }

        CancelGroupsLocked(groups, now);
        return Ok(legacy: true, null);
    }

    private FakeResponse CancelByOIdLocked(JsonObject body, DateTimeOffset now)
    {
        var oIds = JushuitanJson.StringList(body, "o_ids");
        if (oIds is not { Count: > 0 })
        {
            throw new JstException(140, "参数不符合规范:o_ids不能为空");
        }

        if (oIds.Count > MaxCancelOIds)
        {
            throw new JstException(140, $"参数不符合规范:o_ids最多{MaxCancelOIds}个");
        }

        var groups = new List<List<OrderRow>>();
        foreach (var text in oIds)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var oId) || !_ordersById.TryGetValue(oId, out var row))
            {
                throw new JstException(160, $"内部单号[{text}]不存在");
            }

            // RJST-08: cancelling one sub-order of a split order cancels all of them.
            groups.Add(_orders[(row.ShopId, row.SoId)]);
        }

        CancelGroupsLocked(groups, now);
        return Ok(legacy: false, JsonValue.Create(Success));
    }

    private void CancelGroupsLocked(List<List<OrderRow>> groups, DateTimeOffset now)
    {
        foreach (var row in groups.SelectMany(rows => rows))
        {
            if (ShippedStatuses.Contains(row.Status))
            {
                throw new JstException(160, $"内部单号[{row.OId}]已发货,无法取消");
            }
        }

        foreach (var row in groups.SelectMany(rows => rows).Distinct())
        {
            if (row.Status != "Cancelled")
            {
                row.Status = "Cancelled";
                TouchLocked(row, now);
            }
        }
    }

    private FakeResponse UploadShipmentsLocked(bool legacy, JsonNode body, DateTimeOffset now)
    {
        var work = new List<(List<OrderRow> Rows, long? OId, FakeJushuitanLogisticsCompany Carrier, string? LcName, string LId)>();
        foreach (var node in RequireArray(body, "发货"))
        {
            var shop = RequireUploadShopLocked(node);
            var entry = (JsonObject)node!;
            var soId = JushuitanJson.String(entry, "so_id");
            if (string.IsNullOrEmpty(soId) || !_orders.TryGetValue((shop.ShopId, soId), out var rows))
            {
                throw new JstException(160, $"店铺编号[{shop.ShopId}]线上单号[{soId}]的订单不存在");
            }

            long? oId = JushuitanJson.TryLong(entry, "o_id", out var id) ? id : null;
            if (oId is not null && !rows.Exists(row => row.OId == oId))
            {
                throw new JstException(160, $"内部单号[{oId}]与线上单号[{soId}]不匹配");
            }

            var lcId = JushuitanJson.String(entry, "lc_id");
            var carrier = _carriers.Find(c => string.Equals(c.LcId, lcId, StringComparison.Ordinal))
                ?? throw new JstException(140, $"参数不符合规范:物流公司编码[{lcId}]不存在");
            var lId = JushuitanJson.String(entry, "l_id");
            if (string.IsNullOrEmpty(lId))
            {
                throw new JstException(140, "参数不符合规范:l_id不能为空");
            }

            if (rows.Exists(row => row.Status == "Cancelled"))
            {
                throw new JstException(160, $"线上单号[{soId}]已取消,无法发货");
            }

            work.Add((rows, oId, carrier, JushuitanJson.String(entry, "lc_name"), lId));
        }

        foreach (var (rows, oId, carrier, lcName, lId) in work)
        {
            foreach (var row in rows.Where(row => oId is null || row.OId == oId))
            {
                row.Status = "Sent";
                row.LcId = carrier.LcId;
                row.LogisticsCompany = lcName ?? carrier.LcName;
                row.LId = lId;
                row.SendDate = now;
                TouchLocked(row, now);
            }
        }

        return Ok(legacy, null);
    }

    private static JsonArray RequireArray(JsonNode body, string what)
    {
        if (body is not JsonArray array)
        {
            throw new JstException(140, $"参数不符合规范:{what}数据应为JSON数组");
        }

        return array.Count == 0 ? throw new JstException(130, "传输数据不能为空") : array;
    }

    private static (int PageIndex, int PageSize) ReadPaging(JsonObject query)
    {
        var pageIndex = JushuitanJson.TryLong(query, "page_index", out var index) ? index : 1;
        var pageSize = JushuitanJson.TryLong(query, "page_size", out var size) ? size : DefaultPageSize;
        if (pageIndex < 1)
        {
            throw new JstException(140, "参数不符合规范:page_index必须大于0");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new JstException(140, $"参数不符合规范:page_size必须在1到{MaxPageSize}之间");
        }

        return ((int)Math.Min(pageIndex, int.MaxValue), (int)pageSize);
    }

    private static (DateTimeOffset Begin, DateTimeOffset End)? ReadWindow(JsonObject query, string beginName, string endName, bool limitSpan)
    {
        var beginText = JushuitanJson.String(query, beginName);
        var endText = JushuitanJson.String(query, endName);
        if (string.IsNullOrEmpty(beginText) && string.IsNullOrEmpty(endText))
        {
            return null;
        }

        if (string.IsNullOrEmpty(beginText) || string.IsNullOrEmpty(endText))
        {
            throw new JstException(140, $"参数不符合规范:{beginName}和{endName}必须同时传入");
        }

        if (!JushuitanJson.TryParseTime(beginText, out var begin) || !JushuitanJson.TryParseTime(endText, out var end))
        {
            throw new JstException(140, $"参数不符合规范:{beginName}/{endName}格式应为yyyy-MM-dd HH:mm:ss");
        }

        if (end < begin)
        {
            throw new JstException(140, $"参数不符合规范:{endName}不能早于{beginName}");
        }

        if (limitSpan && end - begin > MaxQueryWindow)
        {
            throw new JstException(140, $"参数不符合规范:{beginName}和{endName}的时间间隔不能超过7天");
        }

        return (begin, end);
    }

    private static FakeResponse Page(bool legacy, string listKey, List<JsonNode> all, int pageIndex, int pageSize, bool includeTotals)
    {
        var skip = (long)(pageIndex - 1) * pageSize;
        var items = new JsonArray(all.Skip((int)Math.Min(skip, int.MaxValue)).Take(pageSize).ToArray());
        var data = new JsonObject
        {
            [listKey] = items,
            ["page_index"] = pageIndex,
            ["page_size"] = pageSize,
        };
        if (includeTotals)
        {
            data["data_count"] = all.Count;
            data["page_count"] = (all.Count + pageSize - 1) / pageSize;
        }

        data["has_next"] = skip + pageSize < all.Count;
        return Ok(legacy, data);
    }

    private JsonObject RenderOrder(OrderRow row, bool legacy)
    {
        // Legacy answers carry money as strings ("326.7"), the open API as numbers; clients must read both.
        JsonNode? Money(decimal? value) => value is null ? null : legacy ? value.Value.ToString(CultureInfo.InvariantCulture) : JsonValue.Create(value.Value);

        var upload = row.Upload;
        var pay = upload["pay"] as JsonObject;
        var payAmount = JushuitanJson.Decimal(upload, "pay_amount");
        var shop = _shops.GetValueOrDefault(row.ShopId);
        var result = new JsonObject
        {
            ["o_id"] = row.OId,
            ["so_id"] = row.SoId,
            ["shop_id"] = row.ShopId,
            ["co_id"] = CompanyId,
            ["shop_name"] = shop?.ShopName,
            ["status"] = row.Status,
            ["shop_status"] = row.ShopStatus,
            ["question_type"] = row.QuestionType,
            ["question_desc"] = row.QuestionDesc,
            ["order_date"] = row.OrderDate is { } orderDate ? JushuitanJson.FormatTime(orderDate) : null,
            ["pay_date"] = row.Paid ? JushuitanJson.String(pay!, "pay_date") : null,
            ["send_date"] = row.SendDate is { } sendDate ? JushuitanJson.FormatTime(sendDate) : null,
            ["modified"] = JushuitanJson.FormatTime(row.Modified),
            ["created"] = JushuitanJson.FormatTime(row.Created),
            ["pay_amount"] = Money(payAmount),
            ["paid_amount"] = Money(row.Paid ? JushuitanJson.Decimal(pay!, "amount") : 0m),
            ["freight"] = Money(JushuitanJson.Decimal(upload, "freight") ?? 0m),
            ["free_amount"] = Money(JushuitanJson.Decimal(upload, "free_amount") ?? 0m),
            ["l_id"] = row.LId,
            ["lc_id"] = row.LcId,
            ["logistics_company"] = row.LogisticsCompany,
            ["wms_co_id"] = FakeJushuitanSeed.MainWarehouseId,
            ["buyer_message"] = JushuitanJson.String(upload, "buyer_message"),
            ["remark"] = JushuitanJson.String(upload, "remark"),
            ["labels"] = JushuitanJson.String(upload, "labels"),
            ["type"] = "普通订单",
            ["is_cod"] = false,
            ["ts"] = row.Ts,
            ["is_split"] = row.IsSplit,
            ["link_o_id"] = row.LinkOId,
            ["is_merge"] = false,
        };
        foreach (var name in (string[])["receiver_state", "receiver_city", "receiver_district", "receiver_address", "receiver_name", "receiver_phone", "receiver_mobile", "receiver_zip", "shop_buyer_id"])
        {
            if (JushuitanJson.String(upload, name) is { } value)
            {
                result[name] = value;
            }
        }

        var pays = new JsonArray();
        if (row.Paid && pay is not null)
        {
            pays.Add((JsonNode)new JsonObject
            {
                ["pay_id"] = (row.OId * 10).ToString(CultureInfo.InvariantCulture),
                ["outer_pay_id"] = JushuitanJson.String(pay, "outer_pay_id"),
                ["amount"] = Money(JushuitanJson.Decimal(pay, "amount")),
                ["pay_date"] = JushuitanJson.String(pay, "pay_date"),
                ["payment"] = JushuitanJson.String(pay, "payment"),
                ["buyer_account"] = JushuitanJson.String(pay, "buyer_account"),
                ["status"] = "Confirmed",
                ["is_order_pay"] = true,
            });
        }

        result["pays"] = pays;
        var items = new JsonArray();
        var uploaded = (upload["items"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        for (var i = 0; i < uploaded.Count; i++)
        {
            // A split distributes the lines round-robin over the sub-orders.
            if (row.SplitParts > 1 && i % row.SplitParts != row.SplitIndex)
            {
                continue;
            }

            var item = uploaded[i];
            items.Add((JsonNode)new JsonObject
            {
                ["oi_id"] = (row.OId * 100) + i + 1,
                ["sku_id"] = JushuitanJson.String(item, "sku_id"),
                ["i_id"] = JushuitanJson.String(item, "i_id"),
                ["shop_sku_id"] = JushuitanJson.String(item, "shop_sku_id"),
                ["name"] = JushuitanJson.String(item, "name"),
                ["properties_value"] = JushuitanJson.String(item, "properties_value"),
                ["qty"] = JushuitanJson.TryLong(item, "qty", out var qty) ? qty : 0,
                ["price"] = Money(JushuitanJson.Decimal(item, "price")),
                ["base_price"] = Money(JushuitanJson.Decimal(item, "base_price")),
                ["amount"] = Money(JushuitanJson.Decimal(item, "amount")),
                ["outer_oi_id"] = JushuitanJson.String(item, "outer_oi_id"),
                ["raw_so_id"] = row.SoId,
                ["refund_status"] = JushuitanJson.String(item, "refund_status"),
                ["item_status"] = row.Status == "Cancelled" ? "Delete" : row.Status == "Sent" ? "Sent" : "WaitDeliver",
            });
        }

        result["items"] = items;
        return result;
    }

    private sealed record ComputedStatus(string Status, string? ShopStatus, bool Paid, string? QuestionType, string? QuestionDesc, DateTimeOffset OrderDate)
    {
        public void ApplyTo(OrderRow row)
        {
            row.Status = Status;
            row.ShopStatus = ShopStatus;
            row.Paid = Paid;
            row.QuestionType = QuestionType;
            row.QuestionDesc = QuestionDesc;
            row.OrderDate = OrderDate;
        }
    }

    private sealed class OrderRow(long oId, long shopId, string soId, JsonObject upload, DateTimeOffset created)
    {
        public long OId { get; } = oId;

        public long ShopId { get; } = shopId;

        public string SoId { get; } = soId;

        public JsonObject Upload { get; set; } = upload;

        public DateTimeOffset Created { get; } = created;

        public DateTimeOffset Modified { get; set; } = created;

        public long Ts { get; set; }

        public string Status { get; set; } = "WaitPay";

        public string? ShopStatus { get; set; }

        public string? QuestionType { get; set; }

        public string? QuestionDesc { get; set; }

        public bool Paid { get; set; }

        public bool IsSplit { get; set; }

        public long? LinkOId { get; set; }

        public int SplitIndex { get; set; }

        public int SplitParts { get; set; }

        public string? LcId { get; set; }

        public string? LId { get; set; }

        public string? LogisticsCompany { get; set; }

        public DateTimeOffset? OrderDate { get; set; }

        public DateTimeOffset? SendDate { get; set; }

        public int UploadCount { get; set; }

        public FakeJushuitanOrder Snapshot() => new()
        {
            OId = OId,
            ShopId = ShopId,
            SoId = SoId,
            Status = Status,
            ShopStatus = ShopStatus,
            QuestionDesc = QuestionDesc,
            PayAmount = JushuitanJson.Decimal(Upload, "pay_amount"),
            Paid = Paid,
            IsSplit = IsSplit,
            LinkOId = LinkOId,
            LcId = LcId,
            LId = LId,
            Created = Created,
            Modified = Modified,
            Ts = Ts,
            UploadCount = UploadCount,
            UploadJson = JushuitanJson.Write(Upload),
        };
    }
}
