using System.Globalization;
using System.Text.Json.Nodes;
using static PlatformSdk.Testing.Top.FakeTopServer;

namespace PlatformSdk.Testing.Top;

// Handlers that move the end of validity, only ever later (RTV-11): time.expand (legacy) and delay (merchant).
public sealed partial class FakeVoucherModule
{
    private FakeTopResult TimeExpandLocked(FakeTopRequest call)
    {
        if (FindOrderLocked(call, legacy: true, out var order) is { } notFound)
        {
            return notFound;
        }

        if (call.Required("expand_days", out var daysText) is { } missing)
        {
            return missing;
        }

        if (!int.TryParse(daysText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
        {
            return FakeTopError.InvalidArgument("expand_days", "expand_days is a whole number of days");
        }

        if (days <= 0)
        {
            return FakeTopError.Business("isv.eticket-validity-shorten", $"有效期只能延长，不能缩短 (RTV-11): expand_days must be positive; got {days}");
        }

        if (order.Refunded)
        {
            return Refunded(order);
        }

        order.ValidUntil = order.ValidUntil.AddDays(days);
        return FakeTopResult.Success(new JsonObject { ["ret_code"] = 1 });
    }

    private FakeTopResult DelayLocked(FakeTopRequest call)
    {
        if (FindOrderLocked(call, legacy: false, out var order) is { } notFound)
        {
            return notFound;
        }

        if (FakeTopError.FirstOf(call.Required("biz_type", out _), call.Required("end_date", out var endText)) is { } missing)
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
            end = new DateTimeOffset(date.ToDateTime(new TimeOnly(23, 59, 59)), ChinaTime.Offset);
        }
        else
        {
            return FakeTopError.InvalidArgument("end_date", "end_date is yyyy-MM-dd or yyyy-MM-dd HH:mm:ss (GMT+8)");
        }

        if (end <= order.ValidUntil)
        {
            return FakeTopError.Business(
                "isv.eticket-validity-shorten",
                $"有效期只能延长，不能缩短 (RTV-11): end_date {FormatTime(end)} is not after the current end {FormatTime(order.ValidUntil)}");
        }

        if (order.Refunded)
        {
            return Refunded(order);
        }

        order.ValidUntil = end;
        return FakeTopResult.Success(new JsonObject { ["is_success"] = true, ["res_code"] = MerchantSuccessCode, ["res_msg"] = MerchantSuccessMessage });
    }
}
