using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Top;

/// <summary>
/// A stateful fake of the Tmall Global direct-supply callbacks (<see cref="FakeTmallGlobalDirectMethods"/>), registered with every
/// <see cref="FakeTopServer"/> as <see cref="FakeTopServer.TmallGlobalDirect"/>. Tell it the orders the platform pushed
/// (<see cref="AddOrder"/>) and the reserved stock (<see cref="SetReserved"/>); it then behaves like the platform: whole-order
/// shipments only, <c>out_biz_id</c> idempotency (the same id answers the same result and ships nothing twice), cancel feedback
/// refused after shipment, stock totals below the reserved quantity refused with <c>系统异常,可售库存不足</c>.
/// </summary>
/// <remarks>
/// Replies are <c>{"&lt;method&gt;_response":{"&lt;wrapper&gt;":{"success","error_code","error_message","retry"}}}</c> (the
/// <c>ResultWrapper</c>): business refusals answer <c>success=false</c> inside the success envelope; a missing or unreadable request
/// parameter answers TOP's <c>error_response</c> (40 / 41). The wrapper names of ship, cancel feedback and inventory are those of the
/// API metadata; the others, and every <c>error_code</c> text, are the fake's choice.
/// </remarks>
public sealed class FakeTmallGlobalDirectModule : FakeTopModule
{
    /// <summary>The platform's refusal of a stock total below the reserved quantity (RTGD-09).</summary>
    public const string InsufficientStockMessage = "系统异常,可售库存不足";

    /// <summary>The refusal of a partial shipment (the API's own words).</summary>
    public const string WholeOrderOnlyMessage = "目前只支持履约单整单发货回传";

    private readonly object _gate = new();
    private readonly Dictionary<string, OrderState> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeTmallGlobalDirectShipment> _shipments = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Store, string Item), (long Quantity, long Reserved)> _stock = [];
    private readonly List<string> _returnInbounds = [];
    private int _shipmentsMade;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> Methods => FakeTmallGlobalDirectMethods.All;

    /// <summary>How many shipments were carried out (a repeat with the same <c>out_biz_id</c> is not a second one).</summary>
    public int ShipmentsMade
    {
        get
        {
            lock (_gate)
            {
                return _shipmentsMade;
            }
        }
    }

    /// <summary>The return orders whose inbound result was accepted, in order.</summary>
    public IReadOnlyList<string> ReturnInbounds
    {
        get
        {
            lock (_gate)
            {
                return _returnInbounds.ToArray();
            }
        }
    }

    /// <summary>Tells the fake about an order the platform pushed, so the callbacks for it are accepted.</summary>
    /// <param name="bizOrderCode">The fulfilment order; must be new.</param>
    /// <param name="lines">Its lines.</param>
    /// <exception cref="ArgumentException">The order exists already or has no line.</exception>
    public void AddOrder(string bizOrderCode, IEnumerable<FakeTmallGlobalDirectOrderLine> lines)
    {
        ArgumentException.ThrowIfNullOrEmpty(bizOrderCode);
        ArgumentNullException.ThrowIfNull(lines);
        var list = lines.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("An order has at least one line.", nameof(lines));
        }

        lock (_gate)
        {
            if (!_orders.TryAdd(bizOrderCode, new OrderState(list)))
            {
                throw new ArgumentException($"Order {bizOrderCode} exists already.", nameof(bizOrderCode));
            }
        }
    }

    /// <summary>Sets what the platform has reserved for orders of a goods item in a warehouse (RTGD-09).</summary>
    /// <param name="storeCode">The warehouse.</param>
    /// <param name="scItemId">The goods id.</param>
    /// <param name="reserved">The reserved quantity.</param>
    public void SetReserved(string storeCode, string scItemId, long reserved)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeCode);
        ArgumentException.ThrowIfNullOrEmpty(scItemId);
        ArgumentOutOfRangeException.ThrowIfNegative(reserved);
        lock (_gate)
        {
            var current = _stock.GetValueOrDefault((storeCode, scItemId));
            _stock[(storeCode, scItemId)] = (Math.Max(current.Quantity, reserved), reserved);
        }
    }

    /// <summary>The published stock of a goods item in a warehouse, or <see langword="null"/> when none was published or reserved.</summary>
    /// <param name="storeCode">The warehouse.</param>
    /// <param name="scItemId">The goods id.</param>
    /// <returns>The quantity.</returns>
    public long? Stock(string storeCode, string scItemId)
    {
        lock (_gate)
        {
            return _stock.TryGetValue((storeCode, scItemId), out var s) ? s.Quantity : null;
        }
    }

    /// <summary>A snapshot of an order.</summary>
    /// <param name="bizOrderCode">The fulfilment order.</param>
    /// <returns>The snapshot, or <see langword="null"/>.</returns>
    public FakeTmallGlobalDirectOrder? GetOrder(string bizOrderCode)
    {
        lock (_gate)
        {
            return _orders.TryGetValue(bizOrderCode, out var o)
                ? new FakeTmallGlobalDirectOrder(bizOrderCode, o.Lines, o.Acknowledged, o.Shipment is { } s ? s with { Waybills = s.Waybills.ToArray() } : null,
                    o.CancelResult, o.CancelReason, o.OutOfStock)
                : null;
        }
    }

    /// <inheritdoc />
    public override void Reset()
    {
        lock (_gate)
        {
            _orders.Clear();
            _shipments.Clear();
            _stock.Clear();
            _returnInbounds.Clear();
            _shipmentsMade = 0;
        }
    }

    /// <inheritdoc />
    public override FakeTopResult Handle(FakeTopRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            return request.Method switch
            {
                FakeTmallGlobalDirectMethods.NotifyReceived => NotifyReceived(request),
                FakeTmallGlobalDirectMethods.Ship => WithBody(request, "consignorder_ship_request", Ship),
                FakeTmallGlobalDirectMethods.CancelFeedback => WithBody(request, "consignorder_cancel_feedback_request", CancelFeedback),
                FakeTmallGlobalDirectMethods.OutOfStock => WithBody(request, "consignorder_outofstock_callback_request", OutOfStock),
                FakeTmallGlobalDirectMethods.WaybillChange => WithBody(request, "modify_mail_no_request", WaybillChange),
                FakeTmallGlobalDirectMethods.ReturnInbound => WithBody(request, "instorage_feedback_request", ReturnInbound),
                FakeTmallGlobalDirectMethods.InventoryPublish => WithBody(request, "aic_inventory_publish_request", Inventory),
                _ => new FakeTopError(22, "Invalid method", "isv.invalid-method", request.Method),
            };
        }
    }

    private FakeTopResult NotifyReceived(FakeTopRequest request)
    {
        if (FakeTopError.FirstOf(request.Required("supplier_id", out _), request.Required("biz_order_code", out var code)) is { } missing)
        {
            return missing;
        }

        if (!_orders.TryGetValue(code, out var order))
        {
            return Wrapper(request.Method, false, "ORDER_NOT_FOUND", "履约单不存在");
        }

        order.Acknowledged = true;
        return Wrapper(request.Method, true);
    }

    private FakeTopResult Ship(FakeTopRequest request, JsonObject body)
    {
        if (Missing(body, "supplier_id", "out_biz_id", "biz_order_code", "store_code") is { } missing)
        {
            return missing;
        }

        var outBizId = Text(body, "out_biz_id")!;
        var code = Text(body, "biz_order_code")!;
        if (_shipments.TryGetValue(outBizId, out var earlier))
        {
            // The idempotency key: the same shipment again answers the same result and ships nothing.
            return string.Equals(earlier.BizOrderCode, code, StringComparison.Ordinal)
                ? Wrapper(request.Method, true)
                : Wrapper(request.Method, false, "OUT_BIZ_ID_USED", $"out_biz_id {outBizId} 已用于履约单 {earlier.BizOrderCode}");
        }

        if (!_orders.TryGetValue(code, out var order))
        {
            return Wrapper(request.Method, false, "ORDER_NOT_FOUND", "履约单不存在");
        }

        if (order.Shipment is not null)
        {
            return Wrapper(request.Method, false, "ORDER_ALREADY_SHIPPED", "履约单已发货");
        }

        if (order.CancelResult == true)
        {
            return Wrapper(request.Method, false, "ORDER_CANCELLED", "履约单已取消");
        }

        var expected = order.Lines.ToDictionary(l => l.SubOrderCode, l => (long)l.Quantity, StringComparer.Ordinal);
        var items = Sum(body["order_items"] as JsonArray);
        var packages = body["tms_orders"] as JsonArray;
        var waybills = new List<string>();
        var packed = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var package in packages?.OfType<JsonObject>() ?? [])
        {
            if (Text(package, "tms_order_code") is not { Length: > 0 } waybill || Text(package, "tms_service_code") is not { Length: > 0 })
            {
                return FakeTopError.InvalidArgument("tms_orders", "every tms_order needs tms_order_code and tms_service_code");
            }

            waybills.Add(waybill);
            foreach (var (line, quantity) in Sum(package["tms_items"] as JsonArray))
            {
                packed[line] = packed.GetValueOrDefault(line) + quantity;
            }
        }

        if (waybills.Count == 0)
        {
            return FakeTopError.InvalidArgument("tms_orders", "at least one tms_order");
        }

        if (!Same(expected, items) || !Same(expected, packed))
        {
            return Wrapper(request.Method, false, "NOT_WHOLE_ORDER", WholeOrderOnlyMessage);
        }

        var shipment = new FakeTmallGlobalDirectShipment(outBizId, code, waybills);
        _shipments[outBizId] = shipment;
        order.Shipment = shipment;
        _shipmentsMade++;
        return Wrapper(request.Method, true);
    }

    private FakeTopResult CancelFeedback(FakeTopRequest request, JsonObject body)
    {
        if (Missing(body, "supplier_id", "biz_order_code", "cancel_result") is { } missing)
        {
            return missing;
        }

        if (!_orders.TryGetValue(Text(body, "biz_order_code")!, out var order))
        {
            return Wrapper(request.Method, false, "ORDER_NOT_FOUND", "履约单不存在");
        }

        var cancelled = body["cancel_result"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        if (cancelled && order.Shipment is not null)
        {
            return Wrapper(request.Method, false, "ORDER_ALREADY_SHIPPED", "履约单已发货,无法取消");
        }

        order.CancelResult = cancelled;
        order.CancelReason = Text(body, "cancel_reason");
        return Wrapper(request.Method, true);
    }

    private FakeTopResult OutOfStock(FakeTopRequest request, JsonObject body)
    {
        if (Missing(body, "supplier_id", "out_biz_id", "biz_order_code") is { } missing)
        {
            return missing;
        }

        if (!_orders.TryGetValue(Text(body, "biz_order_code")!, out var order))
        {
            return Wrapper(request.Method, false, "ORDER_NOT_FOUND", "履约单不存在");
        }

        order.OutOfStock = true;
        return Wrapper(request.Method, true);
    }

    private FakeTopResult WaybillChange(FakeTopRequest request, JsonObject body)
    {
        if (Missing(body, "supplier_id", "biz_order_code", "old_tms_order_code", "new_tms_order_code", "old_tms_service_code") is { } missing)
        {
            return missing;
        }

        if (!_orders.TryGetValue(Text(body, "biz_order_code")!, out var order) || order.Shipment is not { } shipment)
        {
            return Wrapper(request.Method, false, "ORDER_NOT_SHIPPED", "履约单不存在或未发货");
        }

        var waybills = shipment.Waybills.ToList();
        var index = waybills.IndexOf(Text(body, "old_tms_order_code")!);
        if (index < 0)
        {
            return Wrapper(request.Method, false, "WAYBILL_NOT_FOUND", "原运单号不存在");
        }

        waybills[index] = Text(body, "new_tms_order_code")!;
        order.Shipment = shipment with { Waybills = waybills };
        _shipments[shipment.OutBizId] = order.Shipment;
        return Wrapper(request.Method, true);
    }

    private FakeTopResult ReturnInbound(FakeTopRequest request, JsonObject body)
    {
        if (Missing(body, "supplier_id", "biz_order_code", "instorage_time", "store_code") is { } missing)
        {
            return missing;
        }

        if (body["receiver_info"] is not JsonObject || body["sender_info"] is not JsonObject || body["order_items"] is not JsonArray { Count: > 0 })
        {
            return FakeTopError.MissingArgument("receiver_info/sender_info/order_items");
        }

        var code = Text(body, "biz_order_code")!;
        if (!_returnInbounds.Contains(code))
        {
            _returnInbounds.Add(code);
        }

        return Wrapper(request.Method, true);
    }

    private FakeTopResult Inventory(FakeTopRequest request, JsonObject body)
    {
        var lines = (body["inventory_main_operation"] as JsonArray)?.OfType<JsonObject>()
            .SelectMany(main => (main["detail_operation_list"] as JsonArray)?.OfType<JsonObject>() ?? []).ToList() ?? [];
        if (lines.Count == 0)
        {
            return FakeTopError.MissingArgument("inventory_main_operation.detail_operation_list");
        }

        var updates = new List<((string, string) Key, long Quantity)>();
        foreach (var line in lines)
        {
            var store = Text(line["location"] as JsonObject, "store_code");
            var item = Text(line["item"] as JsonObject, "sc_item_id") ?? Text(line["item"] as JsonObject, "outer_id");
            var quantityText = (line["inventory_line_list"] as JsonArray)?.OfType<JsonObject>().Select(l => Text(l["inventory_line"] as JsonObject, "quantity")).FirstOrDefault();
            var mode = Text((line["additional_info"] as JsonObject)?["attribute"] as JsonObject, "inv_operate_mode") ?? "FULLAMOUNT";
            if (string.IsNullOrEmpty(store) || string.IsNullOrEmpty(item)
                || !long.TryParse(quantityText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
            {
                return FakeTopError.InvalidArgument("aic_inventory_publish_request", "each detail needs location.store_code, item.sc_item_id or item.outer_id and a quantity");
            }

            var current = _stock.GetValueOrDefault((store, item));
            var next = mode switch
            {
                "FULLAMOUNT" => quantity,
                "INCREMENT" => current.Quantity + quantity,
                _ => long.MinValue,
            };
            if (next == long.MinValue)
            {
                return FakeTopError.InvalidArgument("inv_operate_mode", "FULLAMOUNT or INCREMENT");
            }

            if (next < current.Reserved || next < 0)
            {
                return Wrapper(request.Method, false, "SYSTEM_ERROR", InsufficientStockMessage);
            }

            updates.Add(((store, item), next));
        }

        foreach (var (key, quantity) in updates)
        {
            _stock[key] = (quantity, _stock.GetValueOrDefault(key).Reserved);
        }

        return Wrapper(request.Method, true);
    }

    private static FakeTopResult WithBody(FakeTopRequest request, string parameter, Func<FakeTopRequest, JsonObject, FakeTopResult> handle)
    {
        if (request.Required(parameter, out var text) is { } missing)
        {
            return missing;
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject body ? handle(request, body) : FakeTopError.InvalidArgument(parameter, "not a JSON object");
        }
        catch (JsonException)
        {
            return FakeTopError.InvalidArgument(parameter, "not valid JSON");
        }
    }

    private static FakeTopError? Missing(JsonObject body, params string[] names)
        => names.Where(n => body[n] is null || (body[n] is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrEmpty(v.GetValue<string>())))
            .Select(FakeTopError.MissingArgument).FirstOrDefault();

    private static string? Text(JsonObject? node, string name) => node?[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => null,
    };

    private static Dictionary<string, long> Sum(JsonArray? items)
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in items?.OfType<JsonObject>() ?? [])
        {
            var code = Text(item, "sub_order_code") ?? string.Empty;
            _ = long.TryParse(Text(item, "item_quantity"), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity);
            sum[code] = sum.GetValueOrDefault(code) + quantity;
        }

        return sum;
    }

    private static bool Same(Dictionary<string, long> expected, Dictionary<string, long> actual)
        => expected.Count == actual.Count && expected.All(e => actual.TryGetValue(e.Key, out var q) && q == e.Value);

    private static FakeTopResult Wrapper(string method, bool success, string? code = null, string? message = null)
    {
        var wrapper = new JsonObject { ["success"] = success };
        if (code is not null)
        {
            wrapper["error_code"] = code;
        }

        if (message is not null)
        {
            wrapper["error_message"] = message;
        }

        wrapper["retry"] = false;
        return FakeTopResult.Success(new JsonObject { [WrapperNames[method]] = wrapper });
    }

    private static readonly Dictionary<string, string> WrapperNames = new(StringComparer.Ordinal)
    {
        [FakeTmallGlobalDirectMethods.NotifyReceived] = "consignorder_notify_received_response",
        [FakeTmallGlobalDirectMethods.Ship] = "consignorder_ship_response",
        [FakeTmallGlobalDirectMethods.CancelFeedback] = "consignorder_cancel_feedback_response",
        [FakeTmallGlobalDirectMethods.OutOfStock] = "consignorder_outofstock_callback_response",
        [FakeTmallGlobalDirectMethods.WaybillChange] = "modify_mail_no_response",
        [FakeTmallGlobalDirectMethods.ReturnInbound] = "instorage_feedback_response",
        [FakeTmallGlobalDirectMethods.InventoryPublish] = "aic_inventory_publish_response",
    };

    private sealed class OrderState(List<FakeTmallGlobalDirectOrderLine> lines)
    {
        public IReadOnlyList<FakeTmallGlobalDirectOrderLine> Lines { get; } = lines;

        public bool Acknowledged { get; set; }

        public FakeTmallGlobalDirectShipment? Shipment { get; set; }

        public bool? CancelResult { get; set; }

        public string? CancelReason { get; set; }

        public bool OutOfStock { get; set; }
    }
}
