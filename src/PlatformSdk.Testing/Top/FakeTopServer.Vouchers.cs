using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Top;

public sealed partial class FakeTopServer
{
    /// <summary>The <c>msg</c> of business errors: TOP reports them as code 15 with an <c>isv.*</c> sub-code.</summary>
    public const string BusinessErrorMessage = "Remote service error";

    // Merchant-family success: ret_code is a String (子结果码) whose success value is not documented; "1" mirrors the legacy ret_code.
    private const string MerchantSuccessCode = "1";
    private const string MerchantSuccessMessage = "success";

    private readonly Dictionary<long, VoucherOrder> _orders = [];
    private readonly List<FakeTopNotice> _notices = [];
    private readonly HashSet<string> _allCodes = new(StringComparer.Ordinal);
    private Random _codeRandom = new(20240501);
    private long _tokenCounter;
    private long _serialCounter;

    /// <summary>Snapshots of every voucher order, in the order the notices were issued.</summary>
    public IReadOnlyList<FakeTopVoucherOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                var now = TimeProvider.GetUtcNow();
                return _orders.Values.Select(o => o.Snapshot(now)).ToArray();
            }
        }
    }

    /// <summary>Snapshots of every send notice, oldest first.</summary>
    public IReadOnlyList<FakeTopNotice> Notices
    {
        get
        {
            lock (_gate)
            {
                return _notices.ToArray();
            }
        }
    }

    /// <summary>Returns a snapshot of one voucher order, or <see langword="null"/> when the fake has no such order.</summary>
    /// <param name="orderId">The order id (<c>order_id</c>, or the number in <c>outer_id</c>).</param>
    /// <returns>The snapshot.</returns>
    public FakeTopVoucherOrder? GetOrder(long orderId)
    {
        lock (_gate)
        {
            return _orders.TryGetValue(orderId, out var order) ? order.Snapshot(TimeProvider.GetUtcNow()) : null;
        }
    }

    /// <summary>
    /// Creates a paid voucher order and the send notice (发码通知) the platform pushes to the code merchant: the test hands
    /// <see cref="FakeTopNotice.Token"/> and the order id to the code under test as if it had received the push.
    /// </summary>
    /// <param name="orderId">The order id; must be new.</param>
    /// <param name="seller">The seller nick (one of <see cref="Sellers"/>).</param>
    /// <param name="units">The units bought (one code stands for all of them, RTV-12).</param>
    /// <param name="buyerMobile">The buyer's mobile number (at least 4 digits).</param>
    /// <param name="validUntil">The end of validity (inclusive).</param>
    /// <param name="validFrom">The start of validity; now by default.</param>
    /// <param name="itemTitle">The item title returned as <c>item_title</c>.</param>
    /// <returns>The pending notice.</returns>
    public FakeTopNotice IssueNotice(
        long orderId,
        string seller,
        int units,
        string buyerMobile,
        DateTimeOffset validUntil,
        DateTimeOffset? validFrom = null,
        string itemTitle = "电子凭证测试商品")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(orderId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        ArgumentNullException.ThrowIfNull(buyerMobile);
        ArgumentException.ThrowIfNullOrEmpty(itemTitle);
        if (buyerMobile.Length < 4 || !buyerMobile.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("The buyer mobile must be at least 4 digits.", nameof(buyerMobile));
        }

        lock (_gate)
        {
            var owner = SellerOrThrowLocked(seller);
            if (_orders.ContainsKey(orderId))
            {
                throw new ArgumentException($"Order {orderId} already exists.", nameof(orderId));
            }

            var now = TimeProvider.GetUtcNow();
            var from = validFrom ?? now;
            if (validUntil < from)
            {
                throw new ArgumentException("validUntil is before validFrom.", nameof(validUntil));
            }

            var order = new VoucherOrder(orderId, owner.Nick, itemTitle, units, buyerMobile, from, validUntil);
            _orders.Add(orderId, order);
            return AddNoticeLocked(order, FakeTopNoticeKind.Send, units, now);
        }
    }

    /// <summary>
    /// The buyer asks for the code again (RTV-10): issues a resend notice with a new token for a shipped order. The platform's
    /// once-per-day limit is enforced when the code merchant calls <c>resend</c>, not here.
    /// </summary>
    /// <param name="orderId">The order id.</param>
    /// <returns>The pending resend notice.</returns>
    public FakeTopNotice RequestResend(long orderId)
    {
        lock (_gate)
        {
            var order = OrderOrThrowLocked(orderId);
            if (!order.Shipped || order.LiveCode is null)
            {
                throw new InvalidOperationException($"Order {orderId} has no usable code to resend.");
            }

            return AddNoticeLocked(order, FakeTopNoticeKind.Resend, order.LiveCode.Left, TimeProvider.GetUtcNow());
        }
    }

    /// <summary>Refunds an order (RTV-14): every unused code becomes void and the order Unavailable (RTV-15).</summary>
    /// <param name="orderId">The order id.</param>
    public void RefundOrder(long orderId)
    {
        lock (_gate)
        {
            var order = OrderOrThrowLocked(orderId);
            order.Refunded = true;
            if (order.LiveCode is { } live)
            {
                live.Status = FakeTopCodeStatus.Void;
                live.Left = 0;
            }
        }
    }

    private void ResetVouchersLocked()
    {
        _orders.Clear();
        _notices.Clear();
        _allCodes.Clear();
        _codeRandom = new Random(20240501);
        _tokenCounter = 0;
        _serialCounter = 0;
    }

    private VoucherOrder OrderOrThrowLocked(long orderId) =>
        _orders.TryGetValue(orderId, out var order) ? order : throw new ArgumentException($"Unknown order {orderId}.", nameof(orderId));

    private FakeTopNotice AddNoticeLocked(VoucherOrder order, FakeTopNoticeKind kind, int units, DateTimeOffset now)
    {
        var seed = string.Create(CultureInfo.InvariantCulture, $"{order.OrderId}:{++_tokenCounter}:{AppSecret}");
        var token = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..32].ToLowerInvariant();
        order.Tokens.Add(token);
        var notice = new FakeTopNotice
        {
            Token = token,
            OrderId = order.OrderId,
            Seller = order.Seller,
            Kind = kind,
            Units = units,
            Status = FakeTopNoticeStatus.Pending,
            IssuedAt = now,
        };
        _notices.Add(notice);
        return notice;
    }

    private void AnswerNoticesLocked(VoucherOrder order, FakeTopNoticeKind kind)
    {
        for (var i = 0; i < _notices.Count; i++)
        {
            var notice = _notices[i];
            if (notice.OrderId == order.OrderId && notice.Kind == kind && notice.Status != FakeTopNoticeStatus.Done)
            {
                _notices[i] = notice with { Status = FakeTopNoticeStatus.Done };
            }
        }
    }

    private FakeResponse DispatchLocked(TopCall call) => call.Method switch
    {
        FakeTopMethods.VmarketSend => SendLocked(call, legacy: true, resend: false),
        FakeTopMethods.VmarketResend => SendLocked(call, legacy: true, resend: true),
        FakeTopMethods.MerchantSend => SendLocked(call, legacy: false, resend: false),
        FakeTopMethods.MerchantResend => SendLocked(call, legacy: false, resend: true),
        FakeTopMethods.VmarketBeforeConsume => CheckLocked(call, legacy: true),
        FakeTopMethods.MerchantAvailable => CheckLocked(call, legacy: false),
        FakeTopMethods.VmarketConsume => ConsumeLocked(call, legacy: true),
        FakeTopMethods.MerchantConsume => ConsumeLocked(call, legacy: false),
        FakeTopMethods.VmarketReverse => ReverseLocked(call, legacy: true),
        FakeTopMethods.MerchantReverse => ReverseLocked(call, legacy: false),
        FakeTopMethods.VmarketFailSend => FailSendLocked(call, legacy: true),
        FakeTopMethods.MerchantFailSend => FailSendLocked(call, legacy: false),
        FakeTopMethods.VmarketTasksGet => TasksGetLocked(call),
        FakeTopMethods.VmarketCodesGet => CodesGetLocked(call),
        FakeTopMethods.VmarketTimeExpand => TimeExpandLocked(call),
        FakeTopMethods.MerchantDelay => DelayLocked(call),
        _ => Error(22, "Invalid method"),
    };

    // ---- send / resend (RTV-10, RTV-12) ----

    private FakeResponse SendLocked(TopCall call, bool legacy, bool resend)
    {
        var codesParam = legacy ? "verify_codes" : "isv_ma_list";
        if (FindOrderLocked(call, legacy, out var order) is { } notFound)
        {
            return notFound;
        }

        if (CheckTokenLocked(call, order) is { } badToken)
        {
            return badToken;
        }

        if (!call.P.TryGetValue(codesParam, out var codesText) || codesText.Length == 0)
        {
            return Missing(codesParam);
        }

        if (ParseCodes(codesText, legacy, codesParam, out var codes) is { } badCodes)
        {
            return badCodes;
        }

        if (order.Refunded)
        {
            return Refunded(order);
        }

        var now = call.Now;
        if (resend)
        {
            if (!order.Shipped || order.LiveCode is not { } live)
            {
                return Business("isv.eticket-no-usable-code", $"订单{order.OrderId}没有可重发的码 (未发码、已用完或已退款)");
            }

            if (codes.Count != 1 || codes[0].Code != live.Code || codes[0].Num != live.Left)
            {
                return InvalidArgument(codesParam, $"resend must carry every usable code with its left count: {live.Code}:{live.Left} (RTV-12)");
            }

            var today = DayOf(now);
            if (order.Resends.FirstOrDefault(r => DayOf(r) == today) is { } earlier && earlier != default)
            {
                var next = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset);
                return Business(
                    "isv.eticket-resend-limit",
                    $"每个订单每天只能重发一次 (RTV-10): order {order.OrderId} was resent at {FormatTime(earlier)}; next resend from {FormatTime(next)} (calendar day in GMT+8)");
            }

            order.Resends.Add(now);
            AnswerNoticesLocked(order, FakeTopNoticeKind.Resend);
            return legacy ? Success(call, new JsonObject { ["ret_code"] = 1 }) : MerchantSuccess(call, null);
        }

        if (codes.Count != 1)
        {
            return InvalidArgument(codesParam, $"one code per order stands for all {order.Units} units (RTV-12); got {codes.Count} codes");
        }

        var (code, num) = codes[0];
        if (order.Shipped)
        {
            // A retried send of the same code is answered like the first one; anything else needs resend.
            return order.Codes[0].Code == code && order.Codes[0].Units == num
                ? (legacy ? Success(call, new JsonObject { ["ret_code"] = 1 }) : MerchantSuccess(call, null))
                : Business("isv.eticket-already-sent", $"订单{order.OrderId}已发码，重新发码请调用resend");
        }

        if (num != order.Units)
        {
            return InvalidArgument(codesParam, $"the code must stand for all {order.Units} units of the order (RTV-12); got {num}");
        }

        if (_allCodes.Contains(code))
        {
            return Business("isv.eticket-code-duplicate", $"码{code}已被使用过，请换一个码");
        }

        order.Codes.Add(new CodeState(code, num, now));
        _allCodes.Add(code);
        order.Shipped = true;
        order.ShippedAt = now;
        AnswerNoticesLocked(order, FakeTopNoticeKind.Send);
        return legacy ? Success(call, new JsonObject { ["ret_code"] = 1 }) : MerchantSuccess(call, null);
    }

    private FakeResponse? ParseCodes(string text, bool legacy, string param, out List<(string Code, int Num)> codes)
    {
        codes = [];
        if (legacy)
        {
            foreach (var pair in text.Split(','))
            {
                var parts = pair.Split(':');
                if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                {
                    return InvalidArgument(param, $"verify_codes must be 码:可验证次数 pairs joined by commas, such as 1234567890:3; got '{pair}'");
                }

                codes.Add((parts[0], n));
            }
        }
        else
        {
            JsonArray? array;
            try
            {
                array = JsonNode.Parse(text) as JsonArray;
            }
            catch (JsonException)
            {
                array = null;
            }

            if (array is null || array.Count == 0)
            {
                return InvalidArgument(param, "isv_ma_list must be a JSON array of {code, num, qr_image}");
            }

            foreach (var item in array)
            {
                var code = item?["code"] is JsonValue c ? c.ToString() : null;
                var numText = item?["num"] is JsonValue v ? v.ToString() : null;
                if (code is null || !int.TryParse(numText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                {
                    return InvalidArgument(param, "every isv_ma_list entry needs a code and a num of at least 1");
                }

                codes.Add((code, n));
            }
        }

        foreach (var (code, _) in codes)
        {
            if (CodeFormatError(param, code) is { } bad)
            {
                return bad;
            }
        }

        return null;
    }

    private FakeResponse? CodeFormatError(string param, string code) =>
        code.Length is >= 6 and <= 11 && code.All(char.IsAsciiDigit)
            ? null
            : InvalidArgument(param, $"Taobao codes are 6–11 digits (RTV-12); got '{code}'");

    // ---- beforeconsume / available ----

    private FakeResponse CheckLocked(TopCall call, bool legacy)
    {
        var codeParam = legacy ? "verify_code" : "code";
        if (FindOrderLocked(call, legacy, out var order) is { } notFound)
        {
            return notFound;
        }

        if (First(Required(call, codeParam, out var code), CheckTokenLocked(call, order)) is { } error)
        {
            return error;
        }

        var num = 1;
        if (!legacy && ReadCount(call, "consume_num", out num) is { } badNum)
        {
            return badNum;
        }

        if (CheckUsableLocked(call, order, code, legacy ? call.P.GetValueOrDefault("mobile") : null, out var live) is { } unusable)
        {
            return unusable;
        }

        if (num > live.Left)
        {
            return ConsumeNumExceeded(num, live.Left);
        }

        if (legacy)
        {
            return Success(call, new JsonObject
            {
                ["ret_code"] = 1,
                ["valid_start"] = FormatTime(order.ValidFrom),
                ["valid_ends"] = FormatTime(order.ValidUntil),
                ["left_num"] = order.Left,
                ["code_left_num"] = live.Left,
                ["item_title"] = order.ItemTitle,
                ["order_id"] = order.OrderId,
            });
        }

        return MerchantSuccess(call, new JsonObject
        {
            ["left_num"] = order.Left.ToString(CultureInfo.InvariantCulture),
            ["valid_start"] = FormatTime(order.ValidFrom),
            ["valid_ends"] = FormatTime(order.ValidUntil),
        });
    }

    // ---- consume (RTV-12, RTV-15) ----

    private FakeResponse ConsumeLocked(TopCall call, bool legacy)
    {
        var codeParam = legacy ? "verify_code" : "code";
        if (FindOrderLocked(call, legacy, out var order) is { } notFound)
        {
            return notFound;
        }

        if (First(Required(call, codeParam, out var code), CheckTokenLocked(call, order), ReadCount(call, "consume_num", out var num)) is { } error)
        {
            return error;
        }

        var serial = call.P.GetValueOrDefault("serial_num");
        if (string.IsNullOrEmpty(serial))
        {
            if (!legacy)
            {
                return Missing("serial_num");
            }

            serial = string.Create(CultureInfo.InvariantCulture, $"fk_serial_{++_serialCounter}");
        }
        else if (serial.Length > 100 || !serial.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
        {
            return InvalidArgument("serial_num", "serial_num is at most 100 characters of [a-zA-Z0-9_]");
        }

        if (order.Log.FindIndex(r => r.Entry.SerialNum == serial) is var index and >= 0)
        {
            var earlier = order.Log[index];
            if (earlier.Entry.ReversedAt is not null)
            {
                return Business("isv.eticket-serial-reversed", $"serial_num {serial} belongs to a consume that was reversed; use a new serial_num");
            }

            if (earlier.Entry.Code != code || earlier.Entry.Units != num)
            {
                return Business("isv.eticket-serial-duplicate", $"serial_num {serial} was already used for another consume on order {order.OrderId}");
            }

            // The fake's model of platform de-duplication: the same consume again returns the first answer and changes nothing.
            return ConsumeAnswer(call, legacy, order, earlier.LeftAfter, serial);
        }

        if (CheckUsableLocked(call, order, code, legacy ? call.P.GetValueOrDefault("mobile") : null, out var live) is { } unusable)
        {
            return unusable;
        }

        if (num > live.Left)
        {
            return ConsumeNumExceeded(num, live.Left);
        }

        var leftAfter = live.Left - num;
        string? newCode = null;
        if (leftAfter > 0)
        {
            if (ChooseNewCode(call, legacy, leftAfter, out newCode) is { } badNewCode)
            {
                return badNewCode;
            }
        }

        var posId = call.P.GetValueOrDefault(legacy ? "posid" : "pos_id");
        order.Redeemed += num;
        live.Left = 0;
        live.Status = leftAfter > 0 ? FakeTopCodeStatus.Void : FakeTopCodeStatus.Used;
        if (newCode is not null)
        {
            order.Codes.Add(new CodeState(newCode, leftAfter, call.Now));
            _allCodes.Add(newCode);
        }

        order.Log.Add(new LogEntry(
            new FakeTopRedemption
            {
                SerialNum = serial,
                Code = code,
                Units = num,
                PosId = string.IsNullOrEmpty(posId) ? null : posId,
                Account = call.Seller.Nick,
                At = call.Now,
                NewCode = newCode,
            },
            leftAfter));
        return ConsumeAnswer(call, legacy, order, leftAfter, serial);
    }

    private FakeResponse? ChooseNewCode(TopCall call, bool legacy, int leftAfter, out string? newCode)
    {
        newCode = null;
        if (legacy && call.P.GetValueOrDefault("new_code") is { Length: > 0 } chosen)
        {
            if (CodeFormatError("new_code", chosen) is { } bad)
            {
                return bad;
            }

            newCode = chosen;
        }
        else if (!legacy && call.P.GetValueOrDefault("isv_ma_list") is { Length: > 0 } list)
        {
            if (ParseCodes(list, legacy: false, "isv_ma_list", out var codes) is { } bad)
            {
                return bad;
            }

            if (codes.Count != 1 || codes[0].Num != leftAfter)
            {
                return InvalidArgument("isv_ma_list", $"after this consume one new code must stand for the {leftAfter} remaining units (RTV-12)");
            }

            newCode = codes[0].Code;
        }

        if (newCode is not null)
        {
            return _allCodes.Contains(newCode) ? Business("isv.eticket-code-duplicate", $"码{newCode}已被使用过，请换一个码") : null;
        }

        // Nobody chose the replacement code: the platform issues one (10 digits).
        do
        {
            newCode = _codeRandom.NextInt64(1_000_000_000, 10_000_000_000).ToString(CultureInfo.InvariantCulture);
        }
        while (_allCodes.Contains(newCode));

        return null;
    }

    private FakeResponse ConsumeAnswer(TopCall call, bool legacy, VoucherOrder order, int leftAfter, string serial) =>
        legacy
            ? Success(call, new JsonObject
            {
                ["ret_code"] = 1,
                ["left_num"] = leftAfter,
                ["code_left_num"] = leftAfter,
                ["item_title"] = order.ItemTitle,
                ["consume_secial_num"] = serial,
            })
            : MerchantSuccess(call, new JsonObject { ["left_num"] = leftAfter.ToString(CultureInfo.InvariantCulture) });

    // ---- reverse ----

    private FakeResponse ReverseLocked(TopCall call, bool legacy)
    {
        var codeParam = legacy ? "reverse_code" : "code";
        var serialParam = legacy ? "consume_secial_num" : "serial_num";
        var posParam = legacy ? "posid" : "pos_id";
        if (FindOrderLocked(call, legacy, out var order) is { } notFound)
        {
            return notFound;
        }

        if (First(Required(call, codeParam, out var code), ReadCount(call, "reverse_num", out var num), Required(call, serialParam, out var serial), CheckTokenLocked(call, order)) is { } error)
        {
            return error;
        }

        var index = order.Log.FindIndex(r => r.Entry.SerialNum == serial);
        if (index < 0)
        {
            return Business("isv.eticket-serial-not-exist", $"订单{order.OrderId}没有流水号为{serial}的核销");
        }

        var entry = order.Log[index].Entry;
        if (entry.ReversedAt is { } reversedAt)
        {
            return Business("isv.eticket-already-reversed", $"serial {serial} was already reversed at {FormatTime(reversedAt)}");
        }

        if (entry.Code != code)
        {
            return Business("isv.eticket-reverse-code-mismatch", $"{codeParam} must be the code consumed by serial {serial}");
        }

        if (num != entry.Units)
        {
            return Business("isv.eticket-reverse-num-mismatch", $"reverse_num must equal the consumed count {entry.Units} of serial {serial}; got {num}");
        }

        var posId = call.P.GetValueOrDefault(posParam);
        if (entry.PosId is not null && string.IsNullOrEmpty(posId))
        {
            return Missing(posParam);
        }

        if (entry.PosId is not null && posId != entry.PosId)
        {
            return Business("isv.eticket-posid-mismatch", $"{posParam} must be the one of the consume ({entry.PosId})");
        }

        if (order.Refunded)
        {
            return Refunded(order);
        }

        // Restored units join the live code; if the consume used the last unit, its code becomes live again.
        order.Redeemed -= num;
        if (order.LiveCode is { } live)
        {
            live.Left += num;
            live.Units += num;
        }
        else
        {
            var revived = order.Codes.Last(c => c.Code == entry.Code);
            revived.Status = FakeTopCodeStatus.Live;
            revived.Left = num;
        }

        order.Log[index] = order.Log[index] with { Entry = entry with { ReversedAt = call.Now } };
        return legacy
            ? Success(call, new JsonObject { ["ret_code"] = 1, ["left_num"] = order.Left, ["item_title"] = order.ItemTitle })
            : MerchantSuccess(call, new JsonObject { ["left_num"] = order.Left.ToString(CultureInfo.InvariantCulture) });
    }

    // ---- failsend ----

    private FakeResponse FailSendLocked(TopCall call, bool legacy)
    {
        var codeParam = legacy ? "error_code" : "sub_err_code";
        var msgParam = legacy ? "error_msg" : "sub_err_msg";
        if (FindOrderLocked(call, legacy, out var order) is { } notFound)
        {
            return notFound;
        }

        if (First(Required(call, codeParam, out var failCode), (legacy ? null : Required(call, msgParam, out _)), CheckTokenLocked(call, order)) is { } error)
        {
            return error;
        }

        if (legacy && !long.TryParse(failCode, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return InvalidArgument("error_code", "error_code is a Number");
        }

        var token = call.P["token"];
        var index = _notices.FindIndex(n => n.Token == token);
        if (index < 0 || _notices[index].Status == FakeTopNoticeStatus.Done)
        {
            return Business("isv.eticket-notice-answered", $"the notice of this token was already answered by a successful send on order {order.OrderId}");
        }

        _notices[index] = _notices[index] with
        {
            Status = FakeTopNoticeStatus.Failed,
            FailCode = failCode,
            FailMessage = call.P.GetValueOrDefault(msgParam),
        };
        return legacy ? Success(call, new JsonObject { ["ret_code"] = 1 }) : MerchantSuccess(call, null);
    }

    // ---- tasks.get / codes.get ----

    private FakeResponse TasksGetLocked(TopCall call)
    {
        if (Required(call, "type", out var typeText) is { } missing)
        {
            return missing;
        }

        if (typeText is not ("1" or "2"))
        {
            return InvalidArgument("type", "type is 1 (pending notices) or 2 (notices answered with failsend)");
        }

        if (First(OptionalInt(call, "page_no", 1, 1, int.MaxValue, out var pageNo), OptionalInt(call, "page_size", 40, 1, 100, out var pageSize)) is { } bad)
        {
            return bad;
        }

        var sellerId = call.Seller.SellerId;
        if (call.P.GetValueOrDefault("seller_id") is { Length: > 0 } sellerText
            && (!long.TryParse(sellerText, NumberStyles.None, CultureInfo.InvariantCulture, out var requested) || requested != sellerId))
        {
            return InvalidArgument("seller_id", "seller_id must be the id of the seller whose session is used");
        }

        var status = typeText == "1" ? FakeTopNoticeStatus.Pending : FakeTopNoticeStatus.Failed;
        var matching = _notices.Where(n => n.Seller == call.Seller.Nick && n.Status == status).ToList();
        var page = matching.Skip((int)Math.Min(int.MaxValue, (long)(pageNo - 1) * pageSize)).Take(pageSize)
            .Select(n => (JsonNode)new JsonObject { ["order_id"] = n.OrderId })
            .ToArray();
        var body = new JsonObject { ["total_results"] = matching.Count };
        if (page.Length > 0)
        {
            body["eticket_tasks"] = List(call, "eticket_task", page);
        }

        return Success(call, body);
    }

    private FakeResponse CodesGetLocked(TopCall call)
    {
        if (FindOrderLocked(call, legacy: true, out var order) is { } notFound)
        {
            return notFound;
        }

        var codes = order.Codes
            .Select(c => (JsonNode)new JsonObject
            {
                ["order_id"] = order.OrderId,
                ["code"] = c.Code,
                ["num"] = c.Left,
                ["status"] = (int)c.Status,
            })
            .ToArray();
        var body = new JsonObject { ["total_results"] = codes.Length };
        if (codes.Length > 0)
        {
            body["eticket_codes"] = List(call, "eticket_code", codes);
        }

        return Success(call, body);
    }

    // Non-simplified TOP JSON wraps lists in an object named by the element ({"trades":{"trade":[…]}}); simplify=true is taken as a
    // plain array (the fake's choice: no simplified reply was found).
    private static JsonNode List(TopCall call, string elementName, JsonNode[] items) =>
        call.Simplify ? new JsonArray(items) : new JsonObject { [elementName] = new JsonArray(items) };

    // ---- validity (RTV-11) ----

    private FakeResponse TimeExpandLocked(TopCall call)
    {
        if (FindOrderLocked(call, legacy: true, out var order) is { } notFound)
        {
            return notFound;
        }

        if (Required(call, "expand_days", out var daysText) is { } missing)
        {
            return missing;
        }

        if (!int.TryParse(daysText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
        {
            return InvalidArgument("expand_days", "expand_days is a whole number of days");
        }

        if (days <= 0)
        {
            return Business("isv.eticket-validity-shorten", $"有效期只能延长，不能缩短 (RTV-11): expand_days must be positive; got {days}");
        }

        if (order.Refunded)
        {
            return Refunded(order);
        }

        order.ValidUntil = order.ValidUntil.AddDays(days);
        return Success(call, new JsonObject { ["ret_code"] = 1 });
    }

    private FakeResponse DelayLocked(TopCall call)
    {
        if (FindOrderLocked(call, legacy: false, out var order) is { } notFound)
        {
            return notFound;
        }

        if (First(Required(call, "biz_type", out _), Required(call, "end_date", out var endText)) is { } missing)
        {
            return missing;
        }

        DateTimeOffset end;
        if (TryParseTime(endText, out var exact))
        {
            end = exact;
        }
        else if (DateOnly.TryParseExact(endText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // A bare date means the end of that day in GMT+8.
            end = new DateTimeOffset(date.ToDateTime(new TimeOnly(23, 59, 59)), ChinaOffset);
        }
        else
        {
            return InvalidArgument("end_date", "end_date is yyyy-MM-dd or yyyy-MM-dd HH:mm:ss (GMT+8)");
        }

        if (end <= order.ValidUntil)
        {
            return Business(
                "isv.eticket-validity-shorten",
                $"有效期只能延长，不能缩短 (RTV-11): end_date {FormatTime(end)} is not after the current end {FormatTime(order.ValidUntil)}");
        }

        if (order.Refunded)
        {
            return Refunded(order);
        }

        order.ValidUntil = end;
        return Success(call, new JsonObject { ["is_success"] = true, ["res_code"] = MerchantSuccessCode, ["res_msg"] = MerchantSuccessMessage });
    }

    // ---- shared checks ----

    private FakeResponse? FindOrderLocked(TopCall call, bool legacy, out VoucherOrder order)
    {
        order = null!;
        var param = legacy ? "order_id" : "outer_id";
        if (Required(call, param, out var text) is { } missing)
        {
            return missing;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return legacy
                ? InvalidArgument(param, "order_id is a Number")
                : Business("isv.eticket-order-not-exist", $"订单{text}不存在或不属于当前卖家");
        }

        if (!_orders.TryGetValue(id, out var found) || found.Seller != call.Seller.Nick)
        {
            return Business("isv.eticket-order-not-exist", $"订单{id}不存在或不属于当前卖家");
        }

        order = found;
        return null;
    }

    private FakeResponse? CheckTokenLocked(TopCall call, VoucherOrder order)
    {
        if (Required(call, "token", out var token) is { } missing)
        {
            return missing;
        }

        return order.Tokens.Contains(token) ? null : Business("isv.eticket-token-invalid", "token需要和发码通知中的token一致");
    }

    private FakeResponse? CheckUsableLocked(TopCall call, VoucherOrder order, string code, string? mobile, out CodeState live)
    {
        live = null!;
        if (order.Refunded)
        {
            return Refunded(order);
        }

        if (!order.Shipped)
        {
            return Business("isv.eticket-not-sent", $"订单{order.OrderId}尚未发码");
        }

        var found = order.Codes.LastOrDefault(c => c.Code == code);
        switch (found?.Status)
        {
            case null:
                return Business("isv.eticket-code-not-exist", $"码{code}不存在或不属于订单{order.OrderId}");
            case FakeTopCodeStatus.Void:
                return Business("isv.eticket-code-void", $"码{code}已作废：部分核销后已换发新码 (RTV-12)");
            case FakeTopCodeStatus.Used:
                return Business("isv.eticket-code-used", $"码{code}已全部核销");
        }

        if (call.Now < order.ValidFrom)
        {
            return Business("isv.eticket-code-not-started", $"码{code}未到有效期，有效期从{FormatTime(order.ValidFrom)}开始");
        }

        if (call.Now > order.ValidUntil)
        {
            return Business("isv.eticket-code-expired", $"码{code}已过期，有效期至{FormatTime(order.ValidUntil)}");
        }

        if (!string.IsNullOrEmpty(mobile) && (mobile.Length != 4 || !order.BuyerMobile.EndsWith(mobile, StringComparison.Ordinal)))
        {
            return Business("isv.eticket-mobile-mismatch", "手机号后四位不正确 (RTV-12)");
        }

        live = found;
        return null;
    }

    private FakeResponse ConsumeNumExceeded(int num, int left) =>
        Business("isv.eticket-consume-num-exceeded", $"核销份数{num}超过码的剩余可核销份数{left}");

    private FakeResponse Refunded(VoucherOrder order) =>
        Business("isv.eticket-order-refunded", $"订单{order.OrderId}已退款，码已作废");

    private FakeResponse MerchantSuccess(TopCall call, JsonObject? attributes)
    {
        var body = new JsonObject { ["ret_code"] = MerchantSuccessCode, ["ret_msg"] = MerchantSuccessMessage };
        if (attributes is not null)
        {
            // attribute_map is a String (业务回复KV) on the wire: JSON text of the key/value pairs.
            body["resp_body"] = new JsonObject { ["attribute_map"] = attributes.ToJsonString(WriteOptions) };
        }

        return Success(call, body);
    }

    private FakeResponse Business(string subCode, string subMsg) => Error(15, BusinessErrorMessage, subCode, subMsg);

    private FakeResponse Missing(string name) => Error(40, "Missing required arguments:" + name);

    private FakeResponse InvalidArgument(string name, string why) =>
        Error(41, "Invalid arguments:" + name, "isv.invalid-parameter", why);

    private FakeResponse? Required(TopCall call, string name, out string value)
    {
        value = call.P.GetValueOrDefault(name) ?? string.Empty;
        return value.Length == 0 ? Missing(name) : null;
    }

    private FakeResponse? ReadCount(TopCall call, string name, out int value)
    {
        value = 0;
        if (Required(call, name, out var text) is { } missing)
        {
            return missing;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1
            ? null
            : InvalidArgument(name, $"{name} must be a whole number of at least 1; got '{text}'");
    }

    private FakeResponse? OptionalInt(TopCall call, string name, int fallback, int min, int max, out int value)
    {
        value = fallback;
        if (call.P.GetValueOrDefault(name) is not { Length: > 0 } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max
            ? null
            : InvalidArgument(name, string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max}; got '{text}'"));
    }

    private static FakeResponse? First(params FakeResponse?[] checks) => checks.FirstOrDefault(check => check is not null);

    private static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.ToOffset(ChinaOffset).DateTime);

    private sealed class CodeState(string code, int units, DateTimeOffset issuedAt)
    {
        public string Code { get; } = code;

        public int Units { get; set; } = units;

        public int Left { get; set; } = units;

        public FakeTopCodeStatus Status { get; set; } = FakeTopCodeStatus.Live;

        public DateTimeOffset IssuedAt { get; } = issuedAt;
    }

    private sealed record LogEntry(FakeTopRedemption Entry, int LeftAfter);

    private sealed class VoucherOrder(long orderId, string seller, string itemTitle, int units, string mobile, DateTimeOffset from, DateTimeOffset until)
    {
        public long OrderId { get; } = orderId;

        public string Seller { get; } = seller;

        public string ItemTitle { get; } = itemTitle;

        public int Units { get; } = units;

        public int Redeemed { get; set; }

        public int Left => Refunded ? 0 : Units - Redeemed;

        public string BuyerMobile { get; } = mobile;

        public DateTimeOffset ValidFrom { get; } = from;

        public DateTimeOffset ValidUntil { get; set; } = until;

        public bool Shipped { get; set; }

        public DateTimeOffset? ShippedAt { get; set; }

        public bool Refunded { get; set; }

        public HashSet<string> Tokens { get; } = new(StringComparer.Ordinal);

        public List<CodeState> Codes { get; } = [];

        public List<LogEntry> Log { get; } = [];

        public List<DateTimeOffset> Resends { get; } = [];

        public CodeState? LiveCode => Codes.LastOrDefault(c => c.Status == FakeTopCodeStatus.Live);

        public FakeTopVoucherOrder Snapshot(DateTimeOffset now) => new()
        {
            OrderId = OrderId,
            Seller = Seller,
            ItemTitle = ItemTitle,
            Units = Units,
            Redeemed = Redeemed,
            BuyerMobile = BuyerMobile,
            ValidFrom = ValidFrom,
            ValidUntil = ValidUntil,
            Shipped = Shipped,
            ShippedAt = ShippedAt,
            Refunded = Refunded,
            LiveCode = LiveCode?.Code,
            VoidCodes = Codes.Where(c => c.Status == FakeTopCodeStatus.Void).Select(c => c.Code).ToArray(),
            Codes = Codes.Select(c => new FakeTopVoucherCode(c.Code, c.Units, c.Left, c.Status, c.IssuedAt)).ToArray(),
            Log = Log.Select(l => l.Entry).ToArray(),
            Resends = Resends.ToArray(),
            State = Refunded ? FakeTopVoucherState.Unavailable
                : Shipped && Left == 0 ? FakeTopVoucherState.Used
                : now > ValidUntil ? FakeTopVoucherState.Unavailable
                : Shipped ? FakeTopVoucherState.Available
                : FakeTopVoucherState.AwaitingCode,
        };
    }
}
