using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Alibaba1688;

public sealed partial class Fake1688Server
{
    /// <summary>The most lines a pre-order may have (R1688-19).</summary>
    public const int MaxOrderLines = 50;

    /// <summary>The most orders one <c>alibaba.alipay.url.get</c> call accepts.</summary>
    public const int MaxPayUrlOrders = 100;

    /// <summary>The platform's text for a pre-order with more than 50 lines (R1688-19).</summary>
    public const string MaxItemCountMessage = "max item count is 50";

    /// <summary>The text for a pre-order of a shop without a bound market (R1688-04).</summary>
    public const string NoMarketMessage = "当前店铺没有设置对应市场";

    private readonly Dictionary<long, Fake1688Order> _orders = [];
    private readonly Dictionary<string, PayLink> _payLinks = new(StringComparer.Ordinal);
    private long _nextOrderId;
    private long _nextSubItemId;
    private long _nextPreOrderId;

    /// <summary>A snapshot of every order of every shop, by order id.</summary>
    public IReadOnlyList<Fake1688Order> Orders
    {
        get
        {
            lock (_gate)
            {
                return _orders.Values.OrderBy(order => order.OrderId).ToArray();
            }
        }
    }

    /// <summary>Returns an order, or <see langword="null"/> when the fake has none with that id.</summary>
    /// <param name="orderId">The order id.</param>
    /// <returns>The snapshot.</returns>
    public Fake1688Order? GetOrder(long orderId)
    {
        lock (_gate)
        {
            return _orders.GetValueOrDefault(orderId);
        }
    }

    /// <summary>Adds or replaces an order (seed data, such as an order placed on 1688 outside the ERP). Its shop must exist.</summary>
    /// <param name="order">The order; its sub-item ids must be unique.</param>
    public void AddOrder(Fake1688Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (_gate)
        {
            ShopOrThrowLocked(order.SellerMemberId);
            _orders[order.OrderId] = order;
        }
    }

    /// <summary>
    /// Opens a payment URL as the buyer's Alipay or 1688 app does when scanning the pre-order QR code. The first scan opens the
    /// cashier and locks the code; later scans are refused (R1688-16). Same as a GET of the URL.
    /// </summary>
    /// <param name="payUrl">The <c>payUrl</c> from <c>alibaba.alipay.url.get</c>, or its last path segment.</param>
    /// <returns>What the scan gave.</returns>
    public Fake1688ScanResult ScanPayUrl(string payUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(payUrl);
        var token = payUrl.TrimEnd('/');
        token = token[(token.LastIndexOf('/') + 1)..];
        lock (_gate)
        {
            return ScanLocked(token, out _);
        }
    }

    /// <summary>
    /// Pays a pre-order (status <c>waitbuyerpay</c>) as the buyer would after scanning: it becomes a formal order with status
    /// <c>waitsellersend</c>, readable like any other order (R1688-17).
    /// </summary>
    /// <param name="orderId">The order id.</param>
    /// <param name="receiver">The address the buyer entered while paying (R1688-14), or <see langword="null"/> to keep the one given at creation.</param>
    /// <param name="buyerLoginId">The paying buyer's login id.</param>
    /// <returns>The paid order.</returns>
    /// <exception cref="InvalidOperationException">The order is not waiting for payment.</exception>
    public Fake1688Order PayOrder(long orderId, Fake1688Receiver? receiver = null, string buyerLoginId = "alitestbuyer")
    {
        ArgumentException.ThrowIfNullOrEmpty(buyerLoginId);
        lock (_gate)
        {
            var order = _orders.TryGetValue(orderId, out var found) ? found : throw new KeyNotFoundException($"Order {orderId} does not exist in the fake.");
            if (order.Status != "waitbuyerpay")
            {
                throw new InvalidOperationException($"Order {orderId} has status {order.Status}, not waitbuyerpay.");
            }

            var paid = order with
            {
                Status = "waitsellersend",
                PaidAt = TimeProvider.GetUtcNow(),
                Receiver = receiver ?? order.Receiver,
                BuyerLoginId = buyerLoginId,
            };
            _orders[orderId] = paid;
            return paid;
        }
    }

    private void ResetTradeLocked()
    {
        _orders.Clear();
        _payLinks.Clear();
        _nextOrderId = 3712009000000000001;
        _nextSubItemId = 3712009100000000001;
        _nextPreOrderId = 1000000001;
    }

    private static FakeResponse CreateError(string code, string message, JsonArray? failed = null)
    {
        var body = new JsonObject { ["success"] = false, ["code"] = code, ["message"] = message };
        if (failed is not null)
        {
            body["result"] = new JsonObject { ["failedOfferList"] = failed };
        }

        return FakeResponse.Json(Fake1688Json.Write(body));
    }

    // alibaba.trade.fastCreateOrder as the pre-order stand-in (docs §7): the calling shop is the seller; lines must be its offers.
    // Codes "400" (parameters), "SKU_NOT_EXIST" and "OFFER_NOT_TRADABLE" are the fake's choice; the texts of R1688-04/08/12/19 are the domain's.
    private FakeResponse FastCreateOrderLocked(ApiCall call)
    {
        var shop = call.Shop;
        if (call.Field("flow") is not ("general" or "saleproxy" or "fenxiao"))
        {
            return CreateError("400", "flow不能为空,可选值general/saleproxy/fenxiao");
        }

        if (Fake1688Json.TryParse(call.Field("cargoParamList")) is not JsonArray cargo || cargo.Any(item => item is not JsonObject))
        {
            return CreateError("400", "cargoParamList不能为空且必须为JSON数组");
        }

        if (cargo.Count == 0)
        {
            return CreateError("400", "cargoParamList不能为空");
        }

        if (string.IsNullOrEmpty(shop.MarketName))
        {
            return CreateError("400", NoMarketMessage);
        }

        if (cargo.Count > MaxOrderLines)
        {
            return CreateError("400", MaxItemCountMessage);
        }

        if (Fake1688Json.TryParse(call.Field("addressParam")) is not JsonObject address)
        {
            return CreateError("400", "addressParam不能为空");
        }

        var receiver = new Fake1688Receiver
        {
            FullName = Fake1688Json.String(address, "fullName") ?? string.Empty,
            Mobile = Fake1688Json.String(address, "mobile"),
            Phone = Fake1688Json.String(address, "phone"),
            PostCode = Fake1688Json.String(address, "postCode"),
            Province = Fake1688Json.String(address, "provinceText"),
            City = Fake1688Json.String(address, "cityText"),
            Area = Fake1688Json.String(address, "areaText"),
            Town = Fake1688Json.String(address, "townText"),
            Address = Fake1688Json.String(address, "address"),
        };
        if (receiver.FullName.Length == 0 || (string.IsNullOrEmpty(receiver.Mobile) && string.IsNullOrEmpty(receiver.Phone))
            || string.IsNullOrEmpty(receiver.Address))
        {
            return CreateError("400", "addressParam的fullName、mobile或phone、address不能为空");
        }

        if (receiver.Address!.Length > 200)
        {
            return CreateError("400", "address长度不能超过200");
        }

        var message = call.Field("message");
        if (message is { Length: > 500 })
        {
            return CreateError("400", "message长度不能超过500");
        }

        var outOrderId = call.Field("outOrderId");
        if (outOrderId is not null
            && _orders.Values.FirstOrDefault(order => order.SellerMemberId == shop.MemberId && order.OutOrderId == outOrderId) is { } existing)
        {
            // outOrderId gives idempotency (docs §7): a repeat answers the order created the first time.
            return CreateSuccess(existing, new JsonArray());
        }

        var items = new List<Fake1688OrderItem>();
        var failed = new JsonArray();
        foreach (var line in cargo.Cast<JsonObject>())
        {
            var offerText = Fake1688Json.String(line, "offerId");
            var specId = Fake1688Json.String(line, "specId");
            var quantity = Fake1688Json.Long(line["quantity"]);
            if (quantity is null or < 1 or > int.MaxValue)
            {
                return CreateError("400", $"商品【{offerText}】的quantity必须为正整数");
            }

            string? failure = null;
            string? failureCode = null;
            if (!long.TryParse(offerText, NumberStyles.None, CultureInfo.InvariantCulture, out var offerId)
                || !_offers.TryGetValue(offerId, out var offer)
                || offer.MemberId != shop.MemberId
                || !offer.Tradable)
            {
                (failureCode, failure) = ("OFFER_NOT_TRADABLE", $"商品【{offerText}】不支持在线交易");
                offer = null;
            }
            else if ((offer.Skus.Count > 0 || specId is not null) && offer.Skus.All(sku => sku.SpecId != specId))
            {
                // R1688-08: SKU specs added to a simple offer make a line without specId point at nothing.
                (failureCode, failure) = ("SKU_NOT_EXIST", $"{offerId} : {specId ?? "null"} no exist!");
            }

            if (failure is not null)
            {
                failed.Add((JsonNode)new JsonObject { ["offerId"] = offerText, ["specId"] = specId, ["errorCode"] = failureCode, ["errorMessage"] = failure });
                continue;
            }

            var sku = offer!.Skus.FirstOrDefault(candidate => candidate.SpecId == specId);
            items.Add(new Fake1688OrderItem
            {
                SubItemId = _nextSubItemId++,
                OfferId = offer.OfferId,
                SpecId = sku?.SpecId,
                SkuId = sku?.SkuId,
                CargoNumber = sku?.CargoNumber,
                ProductCargoNumber = offer.ProductCargoNumber,
                Name = offer.Subject,
                Quantity = (int)quantity,
                Price = sku?.Price ?? offer.Price,
            });
        }

        if (items.Count == 0)
        {
            var first = (JsonObject)failed[0]!;
            return CreateError(Fake1688Json.String(first, "errorCode")!, Fake1688Json.String(first, "errorMessage")!, failed);
        }

        var created = new Fake1688Order
        {
            OrderId = _nextOrderId++,
            SellerMemberId = shop.MemberId,
            Status = "waitbuyerpay",
            Items = items,
            CreatedAt = call.Now,
            OutOrderId = outOrderId,
            PreOrderId = _nextPreOrderId++,
            MarketName = shop.MarketName,
            PostFee = shop.PostFee,
            Message = message,
            Receiver = receiver,
        };
        _orders[created.OrderId] = created;
        return CreateSuccess(created, failed);
    }

    private static FakeResponse CreateSuccess(Fake1688Order order, JsonArray failed) =>
        FakeResponse.Json(Fake1688Json.Write(new JsonObject
        {
            ["success"] = true,
            ["result"] = new JsonObject
            {
                ["orderId"] = order.OrderId.ToString(CultureInfo.InvariantCulture),
                // Fen: goods plus freight, what the buyer pays.
                ["totalSuccessAmount"] = ToFen(order.TotalAmount),
                ["postFee"] = ToFen(order.PostFee),
                ["failedOfferList"] = failed,
            },
        }));

    private static long ToFen(decimal yuan) => (long)decimal.Round(yuan * 100m, 0, MidpointRounding.AwayFromZero);

    // alibaba.alipay.url.get: errors carry `erroMsg` (sic). Texts are the fake's choice.
    private FakeResponse PayUrlGetLocked(ApiCall call)
    {
        var ids = Fake1688Json.StringList(call.Field("orderIdList"));
        if (ids is null || ids.Count == 0)
        {
            return PayError("400", "orderIdList不能为空", []);
        }

        if (ids.Count > MaxPayUrlOrders)
        {
            return PayError("400", "orderIdList最多100个订单", []);
        }

        var payable = new List<long>();
        var failures = new List<string>();
        foreach (var id in ids)
        {
            if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var orderId)
                && _orders.TryGetValue(orderId, out var order)
                && order.SellerMemberId == call.Shop.MemberId
                && order.Status == "waitbuyerpay")
            {
                payable.Add(orderId);
            }
            else
            {
                failures.Add(id);
            }
        }

        if (payable.Count == 0)
        {
            return PayError("ORDER_CAN_NOT_PAY", "订单不存在或当前状态不能支付", failures);
        }

        var token = Guid.NewGuid().ToString("N");
        _payLinks[token] = new PayLink(payable);
        var body = new JsonObject
        {
            ["success"] = true,
            ["payUrl"] = new Uri(BaseUri, "pay/" + token).AbsoluteUri,
        };
        if (failures.Count > 0)
        {
            body["payFailureOrderList"] = Fake1688Json.Array(failures.Select(id => (JsonNode?)id));
        }

        return FakeResponse.Json(Fake1688Json.Write(body));

        static FakeResponse PayError(string code, string message, List<string> failed) => FakeResponse.Json(Fake1688Json.Write(new JsonObject
        {
            ["success"] = false,
            ["errorCode"] = code,
            ["erroMsg"] = message,
            ["payFailureOrderList"] = Fake1688Json.Array(failed.Select(id => (JsonNode?)id)),
        }));
    }

    private FakeResponse PayPage(FakeRequest request)
    {
        if (!string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return new FakeResponse(405, "405 Method Not Allowed", "text/plain; charset=utf-8");
        }

        lock (_gate)
        {
            var token = request.Path["/pay/".Length..];
            return ScanLocked(token, out var link) switch
            {
                Fake1688ScanResult.Opened => Page(200, "1688收银台", CashierText(link!)),
                Fake1688ScanResult.Locked => Page(409, "二维码已锁定", "该付款码已被扫描，已锁定，请联系卖家重新生成"),
                _ => Page(404, "付款链接不存在", "付款链接不存在或已失效"),
            };
        }
    }

    private Fake1688ScanResult ScanLocked(string token, out PayLink? link)
    {
        if (!_payLinks.TryGetValue(token, out link))
        {
            return Fake1688ScanResult.NotFound;
        }

        if (link.Scanned)
        {
            return Fake1688ScanResult.Locked;
        }

        link.Scanned = true;
        return Fake1688ScanResult.Opened;
    }

    private string CashierText(PayLink link)
    {
        var text = new StringBuilder("订单 ");
        text.AppendJoin(",", link.OrderIds);
        var total = link.OrderIds.Where(_orders.ContainsKey).Sum(id => _orders[id].TotalAmount);
        text.Append(CultureInfo.InvariantCulture, $" 应付金额 {total:0.00} 元");
        return text.ToString();
    }

    // alibaba.trade.get.sellerView: `success` is a string. The not-found text is the fake's choice.
    private FakeResponse OrderGetLocked(ApiCall call)
    {
        if (call.Field("webSite") is { } site && site != "1688")
        {
            return ViewError("webSite只支持1688");
        }

        if (!long.TryParse(call.Field("orderId"), NumberStyles.None, CultureInfo.InvariantCulture, out var orderId))
        {
            return ViewError("orderId不能为空且必须为数字");
        }

        if (!_orders.TryGetValue(orderId, out var order) || order.SellerMemberId != call.Shop.MemberId)
        {
            return ViewError($"订单[{orderId}]不存在或不属于当前用户");
        }

        return FakeResponse.Json(Fake1688Json.Write(new JsonObject { ["success"] = "true", ["result"] = TradeInfo(order, call.Shop) }));

        static FakeResponse ViewError(string message) => FakeResponse.Json(Fake1688Json.Write(new JsonObject
        {
            ["success"] = "false",
            ["errorCode"] = "400",
            ["errorMessage"] = message,
        }));
    }

    // alibaba.trade.getSellerOrderList: `result[]` and `totalRecord`; pageSize is capped at 50 (the fake's choice; no limit is documented).
    private FakeResponse OrderListLocked(ApiCall call)
    {
        var page = int.TryParse(call.Field("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var pageSize = int.TryParse(call.Field("pageSize"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? Math.Min(s, 50) : 20;
        DateTimeOffset? start = null, end = null;
        foreach (var (name, assign) in new (string, Action<DateTimeOffset>)[] { ("createStartTime", value => start = value), ("createEndTime", value => end = value) })
        {
            if (call.Field(name) is { } text)
            {
                if (!Fake1688Json.TryParseTime(text, out var time))
                {
                    return FakeResponse.Json(Fake1688Json.Write(new JsonObject
                    {
                        ["errorCode"] = "400",
                        ["errorMessage"] = $"{name}格式错误,应为yyyyMMddHHmmssSSS+0800",
                    }));
                }

                assign(time);
            }
        }

        var statuses = Fake1688Json.StringList(call.Field("orderStatus"));
        var outOrderId = call.Field("outOrderId");
        var matches = _orders.Values
            .Where(order => order.SellerMemberId == call.Shop.MemberId)
            .Where(order => statuses is null || statuses.Contains(order.Status, StringComparer.Ordinal))
            .Where(order => outOrderId is null || order.OutOrderId == outOrderId)
            .Where(order => (start is null || order.CreatedAt >= start) && (end is null || order.CreatedAt <= end))
            .OrderByDescending(order => order.CreatedAt).ThenByDescending(order => order.OrderId)
            .ToList();
        return FakeResponse.Json(Fake1688Json.Write(new JsonObject
        {
            ["result"] = Fake1688Json.Array(matches.Skip((page - 1) * pageSize).Take(pageSize).Select(order => (JsonNode?)TradeInfo(order, call.Shop))),
            ["totalRecord"] = matches.Count,
        }));
    }

    // alibaba.trade.cancel: only unpaid orders; texts are the fake's choice.
    private FakeResponse OrderCancelLocked(ApiCall call)
    {
        if (!long.TryParse(call.Field("tradeID"), NumberStyles.None, CultureInfo.InvariantCulture, out var orderId)
            || !_orders.TryGetValue(orderId, out var order) || order.SellerMemberId != call.Shop.MemberId)
        {
            return CancelError("订单不存在或不属于当前用户");
        }

        if (call.Field("cancelReason") is null)
        {
            return CancelError("cancelReason不能为空");
        }

        if (order.Status != "waitbuyerpay")
        {
            return CancelError($"订单状态为[{StatusText(order.Status)}],不能取消");
        }

        _orders[orderId] = order with { Status = "cancel" };
        return FakeResponse.Json(Fake1688Json.Write(new JsonObject { ["success"] = true }));

        static FakeResponse CancelError(string message) => FakeResponse.Json(Fake1688Json.Write(new JsonObject
        {
            ["success"] = false,
            ["errorCode"] = "400",
            ["errorMessage"] = message,
        }));
    }

    private JsonObject TradeInfo(Fake1688Order order, Fake1688Shop seller)
    {
        var baseInfo = new JsonObject
        {
            ["id"] = order.OrderId,
            ["idOfStr"] = order.OrderId.ToString(CultureInfo.InvariantCulture),
            ["status"] = order.Status,
            ["createTime"] = Fake1688Json.FormatTime(order.CreatedAt),
            ["totalAmount"] = order.TotalAmount,
            ["shippingFee"] = order.PostFee,
            ["sumProductPayment"] = order.SumProductPayment,
            ["discount"] = 0,
            ["sellerID"] = seller.MemberId,
            ["sellerLoginId"] = seller.LoginId,
            ["tradeType"] = "50060",
        };
        if (order.PaidAt is { } paidAt)
        {
            baseInfo["payTime"] = Fake1688Json.FormatTime(paidAt);
        }

        if (order.AllDeliveredAt is { } deliveredAt)
        {
            baseInfo["allDeliveredTime"] = Fake1688Json.FormatTime(deliveredAt);
        }

        if (order.BuyerLoginId is { } buyer)
        {
            baseInfo["buyerLoginId"] = buyer;
        }

        if (order.OutOrderId is { } outOrderId)
        {
            baseInfo["outOrderId"] = outOrderId;
        }

        if (order.PreOrderId is { } preOrderId)
        {
            baseInfo["preOrderId"] = preOrderId;
        }

        var info = new JsonObject
        {
            ["baseInfo"] = baseInfo,
            ["productItems"] = Fake1688Json.Array(order.Items.Select(item => (JsonNode?)new JsonObject
            {
                ["subItemID"] = item.SubItemId,
                ["subItemIDString"] = item.SubItemId.ToString(CultureInfo.InvariantCulture),
                ["productID"] = item.OfferId,
                ["skuID"] = item.SkuId,
                ["specId"] = item.SpecId,
                ["cargoNumber"] = item.CargoNumber,
                ["productCargoNumber"] = item.ProductCargoNumber,
                ["name"] = item.Name,
                ["quantity"] = item.Quantity,
                ["price"] = item.Price,
                ["itemAmount"] = item.ItemAmount,
                ["logisticsStatus"] = item.LogisticsStatus,
                ["status"] = order.Status,
            })),
        };
        if (order.PreOrderId is not null)
        {
            info["orderBizInfo"] = new JsonObject
            {
                ["preOrderInfo"] = new JsonObject
                {
                    ["appkey"] = AppKey,
                    ["marketName"] = order.MarketName,
                    ["createPreOrderApp"] = true,
                },
            };
        }

        var logistics = new JsonObject();
        if (order.Receiver is { } receiver)
        {
            logistics["contactPerson"] = receiver.FullName;
            logistics["mobile"] = receiver.Mobile;
            logistics["telephone"] = receiver.Phone;
            logistics["zip"] = receiver.PostCode;
            logistics["province"] = receiver.Province;
            logistics["city"] = receiver.City;
            logistics["area"] = receiver.Area;
            logistics["town"] = receiver.Town;
            logistics["address"] = receiver.Address;
        }

        if (order.Shipments.Count > 0)
        {
            logistics["logisticsItems"] = Fake1688Json.Array(order.Shipments.Select(shipment => (JsonNode?)new JsonObject
            {
                ["logisticsCode"] = shipment.LogisticsId,
                ["logisticsCompanyNo"] = shipment.CompanyNo,
                ["logisticsBillNo"] = shipment.MailNo,
                ["subItemIds"] = string.Join(",", shipment.SubItemIds.Select(id => id.ToString(CultureInfo.InvariantCulture))),
                ["deliveredTime"] = Fake1688Json.FormatTime(shipment.SentAt),
            }));
        }

        info["nativeLogistics"] = logistics;
        return info;
    }

    private static string StatusText(string status) => status switch
    {
        "waitbuyerpay" => "等待买家付款",
        "waitsellersend" => "等待卖家发货",
        "waitlogisticstakein" => "等待物流公司揽件",
        "waitbuyerreceive" => "等待买家收货",
        "waitbuyersign" => "等待买家签收",
        "signinsuccess" => "买家已签收",
        "confirm_goods" => "已收货",
        "success" => "交易成功",
        "cancel" => "交易取消",
        "terminated" => "交易终止",
        _ => status,
    };

    private sealed class PayLink(IReadOnlyList<long> orderIds)
    {
        public IReadOnlyList<long> OrderIds { get; } = orderIds;

        public bool Scanned { get; set; }
    }
}
