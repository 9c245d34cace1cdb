using System.Globalization;
using System.Text.Json.Nodes;
using static PlatformSdk.Testing.Top.FakeTopServer;

namespace PlatformSdk.Testing.Top;

// Handlers of redemption: the pre-checks (beforeconsume / available), consume with new codes for the rest (RTV-12, RTV-15) and reverse.
public sealed partial class FakeVoucherModule
{
    private FakeTopResult CheckLocked(FakeTopRequest call, bool legacy)
    {
        var codeParam = legacy ? "verify_code" : "code";
        if (FindOrderLocked(call, legacy, out var order) is { } notFound)
        {
            return notFound;
        }

        if (FakeTopError.FirstOf(call.Required(codeParam, out var code), CheckTokenLocked(call, order)) is { } error)
        {
            return error;
        }

        var num = 1;
        if (!legacy && call.RequiredCount("consume_num", out num) is { } badNum)
        {
            return badNum;
        }

        if (CheckUsableLocked(call, order, code, legacy ? call.Get("mobile") : null, out var live) is { } unusable)
        {
            return unusable;
        }

        if (num > live.Left)
        {
            return ConsumeNumExceeded(num, live.Left);
        }

        if (legacy)
        {
            return FakeTopResult.Success(new JsonObject
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

        return MerchantSuccess(new JsonObject
        {
            ["left_num"] = order.Left.ToString(CultureInfo.InvariantCulture),
            ["valid_start"] = FormatTime(order.ValidFrom),
            ["valid_ends"] = FormatTime(order.ValidUntil),
        });
    }

    // ---- consume (RTV-12, RTV-15) ----

    private FakeTopResult ConsumeLocked(FakeTopRequest call, bool legacy)
    {
        var codeParam = legacy ? "verify_code" : "code";
        if (FindOrderLocked(call, legacy, out var order) is { } notFound)
        {
            return notFound;
        }

        if (FakeTopError.FirstOf(call.Required(codeParam, out var code), CheckTokenLocked(call, order), call.RequiredCount("consume_num", out var num)) is { } error)
        {
            return error;
        }

        var serial = call.Get("serial_num");
        if (string.IsNullOrEmpty(serial))
        {
            if (!legacy)
            {
                return FakeTopError.MissingArgument("serial_num");
            }

            serial = string.Create(CultureInfo.InvariantCulture, $"fk_serial_{++_serialCounter}");
        }
        else if (serial.Length > 100 || !serial.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
        {
            return FakeTopError.InvalidArgument("serial_num", "serial_num is at most 100 characters of [a-zA-Z0-9_]");
        }

        if (order.Log.FindIndex(r => r.Entry.SerialNum == serial) is var index and >= 0)
        {
            var earlier = order.Log[index];
            if (earlier.Entry.ReversedAt is not null)
            {
                return FakeTopError.Business("isv.eticket-serial-reversed", $"serial_num {serial} belongs to a consume that was reversed; use a new serial_num");
            }

            if (earlier.Entry.Code != code || earlier.Entry.Units != num)
            {
                return FakeTopError.Business("isv.eticket-serial-duplicate", $"serial_num {serial} was already used for another consume on order {order.OrderId}");
            }

            // The fake's model of platform de-duplication: the same consume again returns the first answer and changes nothing.
            return ConsumeAnswer(call, legacy, order, earlier.LeftAfter, serial);
        }

        if (CheckUsableLocked(call, order, code, legacy ? call.Get("mobile") : null, out var live) is { } unusable)
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

        var posId = call.Get(legacy ? "posid" : "pos_id");
        order.Redeemed += num;
        live.Left = 0;
        live.Status = leftAfter > 0 ? FakeTopCodeStatus.Void : FakeTopCodeStatus.Used;
        if (newCode is not null)
        {
            order.Codes.Add(new VoucherCodeState(newCode, leftAfter, call.Now));
            _allCodes.Add(newCode);
        }

        order.Log.Add(new VoucherLogEntry(
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

    private FakeTopError? ChooseNewCode(FakeTopRequest call, bool legacy, int leftAfter, out string? newCode)
    {
        newCode = null;
        if (legacy && call.Get("new_code") is { Length: > 0 } chosen)
        {
            if (CodeFormatError("new_code", chosen) is { } bad)
            {
                return bad;
            }

            newCode = chosen;
        }
        else if (!legacy && call.Get("isv_ma_list") is { Length: > 0 } list)
        {
            if (ParseCodes(list, legacy: false, "isv_ma_list", out var codes) is { } bad)
            {
                return bad;
            }

            if (codes.Count != 1 || codes[0].Num != leftAfter)
            {
                return FakeTopError.InvalidArgument("isv_ma_list", $"after this consume one new code must stand for the {leftAfter} remaining units (RTV-12)");
            }

            newCode = codes[0].Code;
        }

        if (newCode is not null)
        {
            return _allCodes.Contains(newCode) ? FakeTopError.Business("isv.eticket-code-duplicate", $"码{newCode}已被使用过，请换一个码") : null;
        }

        // Nobody chose the replacement code: the platform issues one (10 digits).
        do
        {
            newCode = _codeRandom.NextInt64(1_000_000_000, 10_000_000_000).ToString(CultureInfo.InvariantCulture);
        }
        while (_allCodes.Contains(newCode));

        return null;
    }

    private static FakeTopResult ConsumeAnswer(FakeTopRequest call, bool legacy, VoucherOrder order, int leftAfter, string serial) =>
        legacy
            ? FakeTopResult.Success(new JsonObject
            {
                ["ret_code"] = 1,
                ["left_num"] = leftAfter,
                ["code_left_num"] = leftAfter,
                ["item_title"] = order.ItemTitle,
                ["consume_secial_num"] = serial,
            })
            : MerchantSuccess(new JsonObject { ["left_num"] = leftAfter.ToString(CultureInfo.InvariantCulture) });

    // ---- reverse ----

    private FakeTopResult ReverseLocked(FakeTopRequest call, bool legacy)
    {
        var codeParam = legacy ? "reverse_code" : "code";
        var serialParam = legacy ? "consume_secial_num" : "serial_num";
        var posParam = legacy ? "posid" : "pos_id";
        if (FindOrderLocked(call, legacy, out var order) is { } notFound)
        {
            return notFound;
        }

        if (FakeTopError.FirstOf(call.Required(codeParam, out var code), call.RequiredCount("reverse_num", out var num), call.Required(serialParam, out var serial), CheckTokenLocked(call, order)) is { } error)
        {
            return error;
        }

        var index = order.Log.FindIndex(r => r.Entry.SerialNum == serial);
        if (index < 0)
        {
            return FakeTopError.Business("isv.eticket-serial-not-exist", $"订单{order.OrderId}没有流水号为{serial}的核销");
        }

        var entry = order.Log[index].Entry;
        if (entry.ReversedAt is { } reversedAt)
        {
            return FakeTopError.Business("isv.eticket-already-reversed", $"serial {serial} was already reversed at {FormatTime(reversedAt)}");
        }

        if (entry.Code != code)
        {
            return FakeTopError.Business("isv.eticket-reverse-code-mismatch", $"{codeParam} must be the code consumed by serial {serial}");
        }

        if (num != entry.Units)
        {
            return FakeTopError.Business("isv.eticket-reverse-num-mismatch", $"reverse_num must equal the consumed count {entry.Units} of serial {serial}; got {num}");
        }

        var posId = call.Get(posParam);
        if (entry.PosId is not null && string.IsNullOrEmpty(posId))
        {
            return FakeTopError.MissingArgument(posParam);
        }

        if (entry.PosId is not null && posId != entry.PosId)
        {
            return FakeTopError.Business("isv.eticket-posid-mismatch", $"{posParam} must be the one of the consume ({entry.PosId})");
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
            ? FakeTopResult.Success(new JsonObject { ["ret_code"] = 1, ["left_num"] = order.Left, ["item_title"] = order.ItemTitle })
            : MerchantSuccess(new JsonObject { ["left_num"] = order.Left.ToString(CultureInfo.InvariantCulture) });
    }
}
