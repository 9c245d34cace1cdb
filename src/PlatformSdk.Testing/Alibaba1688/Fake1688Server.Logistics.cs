using System.Globalization;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Alibaba1688;

public sealed partial class Fake1688Server
{
    /// <summary>How many shipments one waybill number may be used for (S-1688doc 66217382335).</summary>
    public const int WaybillReuseLimit = 15;

    /// <summary>The text for a missing or unknown carrier code (RLOG-05, RLOG-12).</summary>
    public const string CarrierMissingMessage = "cpCode and cpId can't be all null";

    /// <summary>The text for an order that is not found or belongs to another seller (RLOG-32).</summary>
    public const string OrderNotFoundForShippingMessage = "发货失败,订单不存在或者不属于当前发货人";

    /// <summary>The text for a request the platform cannot map, such as one sub-order's quantity split over shipments (RLOG-52).</summary>
    public const string ConvertFailedMessage = "failed to convert map to pojo";

    /// <summary>The text of a platform timeout (RLOG-40), with <c>errorCode</c> <c>003002</c>.</summary>
    public const string ServiceTimeoutMessage = "底层服务调用失败";

    private readonly List<Fake1688Carrier> _carriers = [];
    private readonly Dictionary<string, int> _waybillUses = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _sendsAfterShipped = [];
    private int _pendingSendFailures;
    private bool _pendingSendFailuresProcess;
    private long _nextLogisticsId;

    /// <summary>A snapshot of the own-carrier list (自联物流) every shop sees.</summary>
    public IReadOnlyList<Fake1688Carrier> Carriers
    {
        get
        {
            lock (_gate)
            {
                return _carriers.ToArray();
            }
        }
    }

    /// <summary>Adds or replaces a carrier (matched by <see cref="Fake1688Carrier.CompanyNo"/>).</summary>
    /// <param name="carrier">The carrier.</param>
    public void AddCarrier(Fake1688Carrier carrier)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        lock (_gate)
        {
            _carriers.RemoveAll(existing => existing.CompanyNo == carrier.CompanyNo);
            _carriers.Add(carrier);
        }
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> <c>OpDeliverySendOrder.offline</c> calls answer the platform timeout (RLOG-40):
    /// <c>{"success":false,"errorCode":"003002","errorMessage":"底层服务调用失败","extErrorMessage":"…HSFTimeOutException…"}</c>.
    /// Signature and token are still checked first; calls rejected there do not use up the count.
    /// </summary>
    /// <param name="count">How many calls fail.</param>
    /// <param name="processRequest">
    /// Whether the shipment is still recorded before the timeout is reported (the ambiguous case: shipped, but the caller never knew).
    /// </param>
    public void FailNextSendGoods(int count = 1, bool processRequest = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            _pendingSendFailures = count;
            _pendingSendFailuresProcess = processRequest;
        }
    }

    /// <summary>
    /// How many <c>OpDeliverySendOrder.offline</c> calls reached the platform naming <paramref name="orderId"/> after a shipment of it
    /// had been applied through the API: each one is a resend of something the platform already had (RLOG-07), whatever it answered
    /// (the order's state refuses it, RLOG-13). <see cref="Fake1688Order.Shipments"/> counts the applied sends themselves.
    /// </summary>
    /// <param name="orderId">The order.</param>
    /// <returns>The count; 0 for an order never sent again.</returns>
    public int SendsAfterShipped(long orderId)
    {
        lock (_gate)
        {
            return _sendsAfterShipped.GetValueOrDefault(orderId);
        }
    }

    private void ResetLogisticsLocked()
    {
        _carriers.Clear();
        _waybillUses.Clear();
        _sendsAfterShipped.Clear();
        _pendingSendFailures = 0;
        _pendingSendFailuresProcess = false;
        _nextLogisticsId = 80000001;
    }

    private FakeResponse CarrierListLocked() => FakeResponse.Json(Fake1688Json.Write(new JsonObject
    {
        ["success"] = true,
        ["result"] = Fake1688Json.Array(_carriers.Select(carrier => (JsonNode?)new JsonObject
        {
            ["id"] = carrier.Id,
            ["companyName"] = carrier.CompanyName,
            ["companyNo"] = carrier.CompanyNo,
            ["companyPhone"] = carrier.CompanyPhone,
            ["supportPrint"] = carrier.SupportPrint,
            ["spelling"] = carrier.Spelling,
        })),
    }));

    private static FakeResponse SendError(string code, string message, string? extMessage = null, JsonObject? result = null)
    {
        var body = new JsonObject { ["success"] = false, ["errorCode"] = code, ["errorMessage"] = message };
        if (extMessage is not null)
        {
            body["extErrorMessage"] = extMessage;
        }

        if (result is not null)
        {
            body["result"] = result;
        }

        return FakeResponse.Json(Fake1688Json.Write(body));
    }

    // OpDeliverySendOrder.offline. Request-level problems answer success=false at the root; per-order failures go to sendFailList and,
    // when every order failed, also to the root (code "SEND_FAILED", the fake's choice). "INVALID_PARAM" is documented.
    private FakeResponse SendGoodsLocked(ApiCall call)
    {
        if (_pendingSendFailures > 0)
        {
            _pendingSendFailures--;
            if (_pendingSendFailuresProcess)
            {
                SendGoodsCoreLocked(call);
            }

            return SendError(
                "003002",
                ServiceTimeoutMessage,
                "com.taobao.hsf.exception.HSFTimeOutException: Waiting provider return response timeout");
        }

        return SendGoodsCoreLocked(call);
    }

    private FakeResponse SendGoodsCoreLocked(ApiCall call)
    {
        if (ParseSendGoods(call.Field("sendGoods")) is not { } requests)
        {
            return SendError("INVALID_PARAM", ConvertFailedMessage);
        }

        if (Fake1688Json.TryParse(call.Field("extBody")) is not JsonObject extBody
            || Fake1688Json.String(extBody, "cpCode") is not { Length: > 0 } cpCode
            || _carriers.FirstOrDefault(carrier => carrier.CompanyNo == cpCode) is not { } carrier)
        {
            return SendError("INVALID_PARAM", CarrierMissingMessage);
        }

        if (Fake1688Json.String(extBody, "mailNo") is not { Length: > 0 } mailNo)
        {
            return SendError("INVALID_PARAM", "mailNo不能为空");
        }

        var sentAt = call.Now;
        if (call.Field("gmtSend") is { } gmtSend && !Fake1688Json.TryParseTime(gmtSend, out sentAt))
        {
            return SendError("INVALID_PARAM", "gmtSend格式错误,应为yyyyMMddHHmmssSSS+0800");
        }

        // One sub-order ships whole (RLOG-52): an amount that differs from its quantity cannot be mapped.
        foreach (var (orderId, entries) in requests)
        {
            if (_orders.TryGetValue(orderId, out var order) && order.SellerMemberId == call.Shop.MemberId)
            {
                foreach (var (subItemId, amount) in entries)
                {
                    if (amount is { } value && order.Items.FirstOrDefault(item => item.SubItemId == subItemId) is { } item && value != item.Quantity)
                    {
                        return SendError("INVALID_PARAM", ConvertFailedMessage);
                    }
                }
            }
        }

        var uses = _waybillUses.GetValueOrDefault(mailNo);
        if (uses + requests.Count > WaybillReuseLimit)
        {
            return SendError("INVALID_PARAM", $"运单号[{mailNo}]最多只能使用{WaybillReuseLimit}次");
        }

        var succeeded = new JsonArray();
        var failed = new JsonArray();
        string? logisticsId = null;
        foreach (var (orderId, entries) in requests)
        {
            var failure = ShipOrderLocked(call.Shop, orderId, entries, carrier, mailNo, sentAt, ref logisticsId);
            if (failure is null)
            {
                _waybillUses[mailNo] = _waybillUses.GetValueOrDefault(mailNo) + 1;
                succeeded.Add((JsonNode)new JsonObject { ["sourceId"] = orderId, ["success"] = true, ["logisticsId"] = logisticsId });
            }
            else
            {
                failed.Add((JsonNode)new JsonObject { ["sourceId"] = orderId, ["success"] = false, ["errorMessage"] = failure });
            }
        }

        var result = new JsonObject { ["logisticsId"] = logisticsId, ["sendSuccessList"] = succeeded, ["sendFailList"] = failed };
        if (succeeded.Count == 0)
        {
            return SendError("SEND_FAILED", Fake1688Json.String(((JsonObject)failed[0]!)["errorMessage"])!, result: result);
        }

        return FakeResponse.Json(Fake1688Json.Write(new JsonObject { ["success"] = true, ["result"] = result }));
    }

    private string? ShipOrderLocked(
        Fake1688Shop shop,
        long orderId,
        List<(long SubItemId, long? Amount)> entries,
        Fake1688Carrier carrier,
        string mailNo,
        DateTimeOffset sentAt,
        ref string? logisticsId)
    {
        if (!_orders.TryGetValue(orderId, out var order) || order.SellerMemberId != shop.MemberId)
        {
            return OrderNotFoundForShippingMessage;
        }

        if (order.Shipments.Count > 0)
        {
            _sendsAfterShipped[orderId] = _sendsAfterShipped.GetValueOrDefault(orderId) + 1;
        }

        if (order.Status != "waitsellersend")
        {
            return $"发货失败,订单状态为[{StatusText(order.Status)}]";
        }

        var targets = entries.Count == 0
            ? order.Items.Where(item => item.LogisticsStatus == 1).Select(item => item.SubItemId).ToList()
            : entries.Select(entry => entry.SubItemId).Distinct().ToList();
        foreach (var subItemId in targets)
        {
            var item = order.Items.FirstOrDefault(candidate => candidate.SubItemId == subItemId);
            if (item is null)
            {
                return $"发货失败,子订单[{subItemId}]不存在";
            }

            if (item.LogisticsStatus != 1)
            {
                return $"发货失败,子订单[{subItemId}]已发货";
            }
        }

        logisticsId ??= "BX" + (_nextLogisticsId++).ToString(CultureInfo.InvariantCulture);
        var items = order.Items.Select(item => targets.Contains(item.SubItemId) ? item with { LogisticsStatus = 2 } : item).ToArray();
        var allShipped = items.All(item => item.LogisticsStatus != 1);
        _orders[orderId] = order with
        {
            Items = items,
            Status = allShipped ? "waitbuyerreceive" : order.Status,
            AllDeliveredAt = allShipped ? sentAt : order.AllDeliveredAt,
            Shipments = [.. order.Shipments, new Fake1688Shipment
            {
                LogisticsId = logisticsId,
                CompanyNo = carrier.CompanyNo,
                MailNo = mailNo,
                SubItemIds = targets,
                SentAt = sentAt,
            }],
        };
        return null;
    }

    /// <summary>Reads <c>sendGoods</c>: a JSON array of {sourceId, sendGoodEntries[]{sourceEntryId, amount}}; null when it cannot be mapped.</summary>
    private static List<(long OrderId, List<(long SubItemId, long? Amount)> Entries)>? ParseSendGoods(string? text)
    {
        if (Fake1688Json.TryParse(text) is not JsonArray { Count: > 0 } array)
        {
            return null;
        }

        var result = new List<(long, List<(long, long?)>)>();
        foreach (var node in array)
        {
            if (node is not JsonObject entry || Fake1688Json.Long(entry["sourceId"]) is not { } orderId)
            {
                return null;
            }

            var entries = new List<(long, long?)>();
            switch (entry["sendGoodEntries"])
            {
                case null:
                    break;
                case JsonArray goods:
                    foreach (var good in goods)
                    {
                        if (good is not JsonObject goodEntry || Fake1688Json.Long(goodEntry["sourceEntryId"]) is not { } subItemId)
                        {
                            return null;
                        }

                        var amountNode = goodEntry["amount"];
                        var amount = Fake1688Json.Long(amountNode);
                        if (amountNode is not null && amount is null)
                        {
                            return null;
                        }

                        entries.Add((subItemId, amount));
                    }

                    break;
                default:
                    return null;
            }

            result.Add((orderId, entries));
        }

        return result;
    }
}
