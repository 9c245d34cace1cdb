using System.Globalization;
using System.Text.Json.Nodes;
using PlatformSdk.Testing.Faults;

namespace PlatformSdk.Testing.Top;

/// <summary>
/// A stateful fake of Taobao's shipment APIs over TOP (<see cref="FakeTaobaoLogisticsMethods"/>), <see cref="FakeTopServer.Logistics"/>.
/// Tell it the trades (<see cref="AddTrade"/>: the order id, its sub-orders, cash on delivery or not); it then ships like the platform
/// and refuses with the platform's own texts (docs/rules.md RLOG rows): a shipped sub-order again (<c>拆单校验未通过#P38</c>), a
/// refunded sub-order, an unknown carrier code, a used, cancelled or blacklisted number, a non-numeric <c>tid</c>, a <c>sub_tid</c>
/// over 500 characters, offline shipping of a cash-on-delivery trade, a shop without sender address; and scripted one-shot faults
/// (a trade-notify failure, applying then answering <c>CD01</c>, applying then dropping the connection, throttling).
/// </summary>
/// <remarks>
/// Refusals are TOP <c>error_response</c>s: code 15 <c>Remote service error</c> with sub-code
/// <c>isv.logistics-offline-service-error:&lt;code&gt;</c> (<c>online</c> for online.send) and the platform's text as <c>sub_msg</c>;
/// parameter refusals are code 41 <c>isv.invalid-parameter</c>. The sub-codes, the trade states' spellings and the list wrappers
/// are the fake's choice (docs/protocols/taobao-logistics.md). The fake knows only the TOP wire, no SDK type.
/// </remarks>
public sealed class FakeTaobaoLogisticsModule : FakeTopModule
{
    /// <summary>RLOG-01: the shop has no sender address.</summary>
    public const string InvalidContactText = "无效的联系人,请检查发货人相关信息";

    /// <summary>RLOG-10.</summary>
    public const string SubTidTooLongText = "the length of subTid can not be larger than 500";

    /// <summary>RLOG-11: a sub-order of the send has shipped already.</summary>
    public const string SplitCheckFailedText = "拆单校验未通过#P38";

    /// <summary>RLOG-17: the number is on the risk blacklist.</summary>
    public const string RiskBlockedText = "风控拦截#WB_MAILNO_BLACK#";

    /// <summary>RLOG-20: the trade system could not be notified (nothing applied).</summary>
    public const string NotifyTradeFailedText = "发货失败#通知交易异常 #OTHER_CONSIGN_FAIL";

    /// <summary>RLOG-21: the number was cancelled.</summary>
    public const string NumberCancelledText = "此单号已取消,请重新取号后发货";

    /// <summary>RLOG-22: offline shipping of a cash-on-delivery trade.</summary>
    public const string DeliveryMethodMismatchText = "发货方式不匹配 #B98";

    /// <summary>RLOG-31: the number is used by another order.</summary>
    public const string NumberUsedText = "运单号不符合规则或已使用";

    /// <summary>RLOG-35: the send covers a refunded sub-order.</summary>
    public const string RefundPendingText = "发货失败,订单有退款需要处理";

    /// <summary>RLOG-37 (Tmall): the back end timed out notifying the trade, after applying the send.</summary>
    public const string Cd01Text = "CD01#通知交易异常 #CD01";

    /// <summary>RLOG-38.</summary>
    public const string TidNotNumberText = "the value of tid is not number";

    /// <summary>RLOG-51: the carrier code is not on the list (a wrong mapping).</summary>
    public const string UnknownCarrierText = "物流公司代码和快递公司名不存在";

    /// <summary>The fake's text for an order it does not know.</summary>
    public const string UnknownTradeText = "订单不存在";

    /// <summary>The carriers listed until <see cref="SetCarriers"/> changes them.</summary>
    public static IReadOnlyList<FakeTaobaoCarrier> DefaultCarriers { get; } =
    [
        new(505, "SF", "顺丰速运", "^SF[0-9]{12,13}$"),
        new(101, "YTO", "圆通速递", "^YT[0-9]{13,15}$"),
        new(500, "ZTO", "中通快递", "^[0-9]{12,14}$"),
        new(102, "YUNDA", "韵达快递", "^[0-9]{13,15}$"),
        new(100, "STO", "申通快递", "^77[0-9]{11,13}$"),
        new(2, "EMS", "EMS", null),
    ];

    private readonly object _gate = new();
    private readonly Dictionary<string, Trade> _trades = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _numberOwners = new(StringComparer.Ordinal);
    private readonly HashSet<string> _blacklisted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cancelled = new(StringComparer.Ordinal);
    private readonly List<FakeTaobaoSend> _applied = [];
    private readonly Dictionary<string, int> _sendsAfterShipped = new(StringComparer.Ordinal);
    private List<FakeTaobaoCarrier> _carriers = [.. DefaultCarriers];
    private int _notifyFailures;
    private int _cd01AfterApplying;
    private bool _senderAddressMissing;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> Methods => FakeTaobaoLogisticsMethods.All;

    /// <inheritdoc />
    public override bool RequiresSession(string method) => method != FakeTaobaoLogisticsMethods.CompaniesGet;

    /// <summary>Every applied send, in order.</summary>
    public IReadOnlyList<FakeTaobaoSend> AppliedSends()
    {
        lock (_gate)
        {
            return _applied.ToArray();
        }
    }

    /// <summary>The applied sends of one order, in order.</summary>
    /// <param name="tid">The order.</param>
    /// <returns>The sends.</returns>
    public IReadOnlyList<FakeTaobaoSend> AppliedSends(string tid)
    {
        lock (_gate)
        {
            return _applied.Where(s => s.Tid == tid).ToArray();
        }
    }

    /// <summary>
    /// How many sends reached the platform for <paramref name="tid"/> covering a sub-order an earlier send through the API had
    /// already shipped: each one is a resend of something the platform already had (RLOG-07), whatever it answered (RLOG-11's
    /// <c>拆单校验未通过#P38</c>). <see cref="AppliedSends(string)"/> lists the applied sends themselves.
    /// </summary>
    /// <param name="tid">The order.</param>
    /// <returns>The count; 0 for an order never sent again.</returns>
    public int SendsAfterShipped(string tid)
    {
        lock (_gate)
        {
            return _sendsAfterShipped.GetValueOrDefault(tid);
        }
    }

    /// <summary>Whether the shop has no sender address (every send then answers RLOG-01).</summary>
    public bool SenderAddressMissing
    {
        get
        {
            lock (_gate)
            {
                return _senderAddressMissing;
            }
        }

        set
        {
            lock (_gate)
            {
                _senderAddressMissing = value;
            }
        }
    }

    /// <summary>Adds a paid, unshipped trade.</summary>
    /// <param name="tid">The order id (numeric for a real order).</param>
    /// <param name="subOrderIds">Its sub-orders (<c>oid</c>s); at least one.</param>
    /// <param name="cashOnDelivery">Whether it is cash on delivery (only online.send ships it).</param>
    /// <exception cref="ArgumentException">The trade exists, or has no sub-order.</exception>
    public void AddTrade(string tid, IEnumerable<string> subOrderIds, bool cashOnDelivery = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(tid);
        ArgumentNullException.ThrowIfNull(subOrderIds);
        var orders = subOrderIds.ToList();
        if (orders.Count == 0)
        {
            throw new ArgumentException("A trade has at least one sub-order.", nameof(subOrderIds));
        }

        lock (_gate)
        {
            if (!_trades.TryAdd(tid, new Trade(orders, cashOnDelivery)))
            {
                throw new ArgumentException($"Trade {tid} exists already.", nameof(tid));
            }
        }
    }

    /// <summary>Marks a sub-order refunded: a send covering it is refused.</summary>
    /// <param name="tid">The order.</param>
    /// <param name="oid">The sub-order.</param>
    public void RefundSubOrder(string tid, string oid) => WithTrade(tid, t => t.Refunded.Add(Known(t, tid, oid)));

    /// <summary>Marks sub-orders shipped outside the API (the back office), or the whole trade when none is named.</summary>
    /// <param name="tid">The order.</param>
    /// <param name="oids">The sub-orders; none for all.</param>
    public void MarkShipped(string tid, params string[] oids) => WithTrade(tid, t =>
    {
        foreach (var oid in oids.Length == 0 ? t.Orders.ToArray() : oids)
        {
            t.Shipped.Add(Known(t, tid, oid));
        }
    });

    /// <summary>Whether a sub-order is shipped.</summary>
    /// <param name="tid">The order.</param>
    /// <param name="oid">The sub-order.</param>
    /// <returns>Whether it is.</returns>
    public bool IsShipped(string tid, string oid)
    {
        lock (_gate)
        {
            return _trades.TryGetValue(tid, out var trade) && trade.Shipped.Contains(oid);
        }
    }

    /// <summary>Puts a tracking number on the risk blacklist (RLOG-17).</summary>
    /// <param name="number">The number.</param>
    public void BlacklistTrackingNumber(string number) => Locked(() => _blacklisted.Add(number));

    /// <summary>Marks a tracking number cancelled (RLOG-21).</summary>
    /// <param name="number">The number.</param>
    public void CancelTrackingNumber(string number) => Locked(() => _cancelled.Add(number));

    /// <summary>Marks a tracking number used by another order (RLOG-31).</summary>
    /// <param name="number">The number.</param>
    /// <param name="otherTid">The order that used it.</param>
    public void UseTrackingNumber(string number, string otherTid) => Locked(() => _numberOwners[number] = otherTid);

    /// <summary>Replaces the carrier list.</summary>
    /// <param name="carriers">The carriers.</param>
    public void SetCarriers(IEnumerable<FakeTaobaoCarrier> carriers)
    {
        ArgumentNullException.ThrowIfNull(carriers);
        var list = carriers.ToList();
        Locked(() => _carriers = list);
    }

    /// <summary>The next send answers RLOG-20 (the trade system could not be notified) and applies nothing.</summary>
    public void FailNextSendNotifyingTrade() => Locked(() => _notifyFailures++);

    /// <summary>The next send is applied, then answered with <c>CD01</c> (RLOG-37, a back-end timeout after applying).</summary>
    public void ApplyNextSendThenAnswerCd01() => Locked(() => _cd01AfterApplying++);

    /// <summary>The next call of <paramref name="method"/> is applied, then the connection drops before any answer.</summary>
    /// <param name="method">The send method.</param>
    public void ApplyNextSendThenDropConnection(string method = FakeTaobaoLogisticsMethods.OfflineSend)
        => Server.Faults.For(method).Once(Fault.DropConnection(processRequest: true));

    /// <summary>The next call of <paramref name="method"/> is throttled (TOP code 7, nothing applied).</summary>
    /// <param name="method">The method.</param>
    public void ThrottleNext(string method = FakeTaobaoLogisticsMethods.OfflineSend) => Server.Faults.For(method).Once(Fault.Throttle());

    /// <inheritdoc />
    public override void Reset()
    {
        lock (_gate)
        {
            _trades.Clear();
            _numberOwners.Clear();
            _blacklisted.Clear();
            _cancelled.Clear();
            _applied.Clear();
            _sendsAfterShipped.Clear();
            _carriers = [.. DefaultCarriers];
            _notifyFailures = 0;
            _cd01AfterApplying = 0;
            _senderAddressMissing = false;
        }
    }

    /// <inheritdoc />
    public override FakeTopResult Handle(FakeTopRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Method switch
        {
            FakeTaobaoLogisticsMethods.OfflineSend or FakeTaobaoLogisticsMethods.OnlineSend => Send(request),
            FakeTaobaoLogisticsMethods.CompaniesGet => Companies(request),
            FakeTaobaoLogisticsMethods.TradeGet => TradeGet(request),
            _ => throw new InvalidOperationException("Unexpected method " + request.Method),
        };
    }

    private FakeTopResult Send(FakeTopRequest request)
    {
        var online = request.Method == FakeTaobaoLogisticsMethods.OnlineSend;
        var prefix = online ? "isv.logistics-online-service-error:" : "isv.logistics-offline-service-error:";
        FakeTopError Refuse(string code, string text) => FakeTopError.Business(prefix + code, text);

        if (FakeTopError.FirstOf(request.Required("tid", out var tid), online ? null : request.Required("out_sid", out _),
                request.Required("company_code", out var companyCode)) is { } missing)
        {
            return missing;
        }

        if (!tid.All(char.IsAsciiDigit))
        {
            return new FakeTopError(41, "Invalid arguments:tid", "isv.invalid-parameter", TidNotNumberText);
        }

        var subTid = request.Get("sub_tid") ?? string.Empty;
        if (subTid.Length > 500)
        {
            return new FakeTopError(41, "Invalid arguments:sub_tid", "isv.invalid-parameter", SubTidTooLongText);
        }

        var split = request.Get("is_split") == "1";
        var numbers = (request.Get("out_sid") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lock (_gate)
        {
            if (_senderAddressMissing)
            {
                return Refuse("CD08", InvalidContactText);
            }

            if (!_trades.TryGetValue(tid, out var trade))
            {
                return Refuse("B01", UnknownTradeText);
            }

            if (!_carriers.Any(c => c.Code == companyCode))
            {
                return Refuse("B60", UnknownCarrierText);
            }

            if (trade.CashOnDelivery && !online)
            {
                return Refuse("B98", DeliveryMethodMismatchText);
            }

            var targets = split && subTid.Length > 0
                ? subTid.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                : trade.Orders.ToList();
            if (targets.Any(oid => _applied.Any(s => s.Tid == tid && s.SubOrderIds.Contains(oid))))
            {
                _sendsAfterShipped[tid] = _sendsAfterShipped.GetValueOrDefault(tid) + 1;
            }

            if (targets.Any(oid => !trade.Orders.Contains(oid)) || targets.Any(trade.Shipped.Contains))
            {
                return Refuse("P38", SplitCheckFailedText);
            }

            if (targets.Any(trade.Refunded.Contains))
            {
                return Refuse("B27", RefundPendingText);
            }

            foreach (var number in numbers)
            {
                if (_blacklisted.Contains(number))
                {
                    return Refuse("WB_MAILNO_BLACK", RiskBlockedText);
                }

                if (_cancelled.Contains(number))
                {
                    return Refuse("CONSIGN_RISK_CONTROL_BLOCK", NumberCancelledText);
                }

                if (_numberOwners.TryGetValue(number, out var owner) && owner != tid)
                {
                    return Refuse("B150", NumberUsedText);
                }
            }

            if (_notifyFailures > 0)
            {
                _notifyFailures--;
                return Refuse("OTHER_CONSIGN_FAIL", NotifyTradeFailedText);
            }

            foreach (var oid in targets)
            {
                trade.Shipped.Add(oid);
            }

            foreach (var number in numbers)
            {
                _numberOwners[number] = tid;
            }

            _applied.Add(new FakeTaobaoSend(request.Method, tid, targets, numbers, companyCode, request.Seller.Nick));
            if (_cd01AfterApplying > 0)
            {
                _cd01AfterApplying--;
                return Refuse("CD01", Cd01Text);
            }
        }

        return FakeTopResult.Success(new JsonObject { ["shipping"] = new JsonObject { ["is_success"] = true } });
    }

    private FakeTopResult Companies(FakeTopRequest request)
    {
        List<FakeTaobaoCarrier> carriers;
        lock (_gate)
        {
            carriers = _carriers;
        }

        var rows = carriers.Select(c =>
        {
            var row = new JsonObject { ["id"] = c.Id, ["code"] = c.Code, ["name"] = c.Name };
            if (c.RegMailNo is not null)
            {
                row["reg_mail_no"] = c.RegMailNo;
            }

            return (JsonNode)row;
        });
        return FakeTopResult.Success(new JsonObject { ["logistics_companies"] = request.List("logistics_company", rows) });
    }

    private FakeTopResult TradeGet(FakeTopRequest request)
    {
        if (request.Required("tid", out var tid) is { } missing)
        {
            return missing;
        }

        if (!tid.All(char.IsAsciiDigit))
        {
            return new FakeTopError(41, "Invalid arguments:tid", "isv.invalid-parameter", TidNotNumberText);
        }

        lock (_gate)
        {
            if (!_trades.TryGetValue(tid, out var trade))
            {
                return FakeTopError.Business("isv.trade-not-exist", UnknownTradeText);
            }

            var live = trade.Orders.Where(o => !trade.Refunded.Contains(o)).ToList();
            var shipped = live.Count(trade.Shipped.Contains);
            var status = shipped == 0 ? "WAIT_SELLER_SEND_GOODS" : shipped == live.Count ? "WAIT_BUYER_CONFIRM_GOODS" : "SELLER_CONSIGNED_PART";
            var orders = trade.Orders.Select(oid => (JsonNode)new JsonObject
            {
                ["oid"] = long.TryParse(oid, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : oid,
                ["status"] = trade.Refunded.Contains(oid) ? "TRADE_CLOSED" : trade.Shipped.Contains(oid) ? "WAIT_BUYER_CONFIRM_GOODS" : "WAIT_SELLER_SEND_GOODS",
            });
            return FakeTopResult.Success(new JsonObject
            {
                ["trade"] = new JsonObject
                {
                    ["tid"] = long.Parse(tid, NumberStyles.None, CultureInfo.InvariantCulture),
                    ["status"] = status,
                    ["orders"] = request.List("order", orders),
                },
            });
        }
    }

    private void Locked(Action action)
    {
        lock (_gate)
        {
            action();
        }
    }

    private void WithTrade(string tid, Action<Trade> action)
    {
        ArgumentException.ThrowIfNullOrEmpty(tid);
        lock (_gate)
        {
            action(_trades.TryGetValue(tid, out var trade) ? trade : throw new ArgumentException($"Trade {tid} is unknown.", nameof(tid)));
        }
    }

    private static string Known(Trade trade, string tid, string oid)
        => trade.Orders.Contains(oid) ? oid : throw new ArgumentException($"Trade {tid} has no sub-order {oid}.", nameof(oid));

    private sealed class Trade(List<string> orders, bool cashOnDelivery)
    {
        public List<string> Orders { get; } = orders;

        public bool CashOnDelivery { get; } = cashOnDelivery;

        public HashSet<string> Shipped { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Refunded { get; } = new(StringComparer.Ordinal);
    }
}
