using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PlatformSdk.Testing.Top.FakeTopServer;

namespace PlatformSdk.Testing.Top;

// Handlers of the code merchant's answers to a send notice: send and resend (RTV-10, RTV-12) and failsend; parsing of the code lists.
public sealed partial class FakeVoucherModule
{
    private FakeTopResult SendLocked(FakeTopRequest call, bool legacy, bool resend)
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

        if (!call.Parameters.TryGetValue(codesParam, out var codesText) || codesText.Length == 0)
        {
            return FakeTopError.MissingArgument(codesParam);
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
                return FakeTopError.Business("isv.eticket-no-usable-code", $"订单{order.OrderId}没有可重发的码 (未发码、已用完或已退款)");
            }

            if (codes.Count != 1 || codes[0].Code != live.Code || codes[0].Num != live.Left)
            {
                return FakeTopError.InvalidArgument(codesParam, $"resend must carry every usable code with its left count: {live.Code}:{live.Left} (RTV-12)");
            }

            var today = DayOf(now);
            if (order.Resends.FirstOrDefault(r => DayOf(r) == today) is { } earlier && earlier != default)
            {
                var next = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
                return FakeTopError.Business(
                    "isv.eticket-resend-limit",
                    $"每个订单每天只能重发一次 (RTV-10): order {order.OrderId} was resent at {FormatTime(earlier)}; next resend from {FormatTime(next)} (calendar day in GMT+8)");
            }

            order.Resends.Add(now);
            AnswerNoticesLocked(order, FakeTopNoticeKind.Resend);
            return legacy ? FakeTopResult.Success(new JsonObject { ["ret_code"] = 1 }) : MerchantSuccess(null);
        }

        if (codes.Count != 1)
        {
            return FakeTopError.InvalidArgument(codesParam, $"one code per order stands for all {order.Units} units (RTV-12); got {codes.Count} codes");
        }

        var (code, num) = codes[0];
        if (order.Shipped)
        {
            // A retried send of the same code is answered like the first one; anything else needs resend.
            return order.Codes[0].Code == code && order.Codes[0].Units == num
                ? (legacy ? FakeTopResult.Success(new JsonObject { ["ret_code"] = 1 }) : MerchantSuccess(null))
                : FakeTopError.Business("isv.eticket-already-sent", $"订单{order.OrderId}已发码，重新发码请调用resend");
        }

        if (num != order.Units)
        {
            return FakeTopError.InvalidArgument(codesParam, $"the code must stand for all {order.Units} units of the order (RTV-12); got {num}");
        }

        if (_allCodes.Contains(code))
        {
            return FakeTopError.Business("isv.eticket-code-duplicate", $"码{code}已被使用过，请换一个码");
        }

        order.Codes.Add(new VoucherCodeState(code, num, now));
        _allCodes.Add(code);
        order.Shipped = true;
        order.ShippedAt = now;
        AnswerNoticesLocked(order, FakeTopNoticeKind.Send);
        return legacy ? FakeTopResult.Success(new JsonObject { ["ret_code"] = 1 }) : MerchantSuccess(null);
    }

    private static FakeTopError? ParseCodes(string text, bool legacy, string param, out List<(string Code, int Num)> codes)
    {
        codes = [];
        if (legacy)
        {
            foreach (var pair in text.Split(','))
            {
                var parts = pair.Split(':');
                if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                {
                    return FakeTopError.InvalidArgument(param, $"verify_codes must be 码:可验证次数 pairs joined by commas, such as 1234567890:3; got '{pair}'");
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
                return FakeTopError.InvalidArgument(param, "isv_ma_list must be a JSON array of {code, num, qr_image}");
            }

            foreach (var item in array)
            {
                var code = item?["code"] is JsonValue c ? c.ToString() : null;
                var numText = item?["num"] is JsonValue v ? v.ToString() : null;
                if (code is null || !int.TryParse(numText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                {
                    return FakeTopError.InvalidArgument(param, "every isv_ma_list entry needs a code and a num of at least 1");
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

    private static FakeTopError? CodeFormatError(string param, string code) =>
        code.Length is >= 6 and <= 11 && code.All(char.IsAsciiDigit)
            ? null
            : FakeTopError.InvalidArgument(param, $"Taobao codes are 6–11 digits (RTV-12); got '{code}'");

    // ---- failsend ----

    private FakeTopResult FailSendLocked(FakeTopRequest call, bool legacy)
    {
        var codeParam = legacy ? "error_code" : "sub_err_code";
        var msgParam = legacy ? "error_msg" : "sub_err_msg";
        if (FindOrderLocked(call, legacy, out var order) is { } notFound)
        {
            return notFound;
        }

        if (FakeTopError.FirstOf(call.Required(codeParam, out var failCode), (legacy ? null : call.Required(msgParam, out _)), CheckTokenLocked(call, order)) is { } error)
        {
            return error;
        }

        if (legacy && !long.TryParse(failCode, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return FakeTopError.InvalidArgument("error_code", "error_code is a Number");
        }

        var token = call.Parameters["token"];
        var index = _notices.FindIndex(n => n.Token == token);
        if (index < 0 || _notices[index].Status == FakeTopNoticeStatus.Done)
        {
            return FakeTopError.Business("isv.eticket-notice-answered", $"the notice of this token was already answered by a successful send on order {order.OrderId}");
        }

        _notices[index] = _notices[index] with
        {
            Status = FakeTopNoticeStatus.Failed,
            FailCode = failCode,
            FailMessage = call.Get(msgParam),
        };
        return legacy ? FakeTopResult.Success(new JsonObject { ["ret_code"] = 1 }) : MerchantSuccess(null);
    }
}
