using System.Globalization;
using System.Text.Json.Nodes;
using static PlatformSdk.Testing.Top.FakeTopServer;

namespace PlatformSdk.Testing.Top;

// Checks shared by the handlers (order of the caller's seller, notice token, code usable now) and the merchant success shape.
public sealed partial class FakeVoucherModule
{
    private FakeTopError? FindOrderLocked(FakeTopRequest call, bool legacy, out VoucherOrder order)
    {
        order = null!;
        var param = legacy ? "order_id" : "outer_id";
        if (call.Required(param, out var text) is { } missing)
        {
            return missing;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return legacy
                ? FakeTopError.InvalidArgument(param, "order_id is a Number")
                : FakeTopError.Business("isv.eticket-order-not-exist", $"订单{text}不存在或不属于当前卖家");
        }

        if (!_orders.TryGetValue(id, out var found) || found.Seller != call.Seller.Nick)
        {
            return FakeTopError.Business("isv.eticket-order-not-exist", $"订单{id}不存在或不属于当前卖家");
        }

        order = found;
        return null;
    }

    private static FakeTopError? CheckTokenLocked(FakeTopRequest call, VoucherOrder order)
    {
        if (call.Required("token", out var token) is { } missing)
        {
            return missing;
        }

        return order.Tokens.Contains(token) ? null : FakeTopError.Business("isv.eticket-token-invalid", "token需要和发码通知中的token一致");
    }

    private static FakeTopError? CheckUsableLocked(FakeTopRequest call, VoucherOrder order, string code, string? mobile, out VoucherCodeState live)
    {
        live = null!;
        if (order.Refunded)
        {
            return Refunded(order);
        }

        if (!order.Shipped)
        {
            return FakeTopError.Business("isv.eticket-not-sent", $"订单{order.OrderId}尚未发码");
        }

        var found = order.Codes.LastOrDefault(c => c.Code == code);
        switch (found?.Status)
        {
            case null:
                return FakeTopError.Business("isv.eticket-code-not-exist", $"码{code}不存在或不属于订单{order.OrderId}");
            case FakeTopCodeStatus.Void:
                return FakeTopError.Business("isv.eticket-code-void", $"码{code}已作废：部分核销后已换发新码 (RTV-12)");
            case FakeTopCodeStatus.Used:
                return FakeTopError.Business("isv.eticket-code-used", $"码{code}已全部核销");
        }

        if (call.Now < order.ValidFrom)
        {
            return FakeTopError.Business("isv.eticket-code-not-started", $"码{code}未到有效期，有效期从{FormatTime(order.ValidFrom)}开始");
        }

        if (call.Now > order.ValidUntil)
        {
            return FakeTopError.Business("isv.eticket-code-expired", $"码{code}已过期，有效期至{FormatTime(order.ValidUntil)}");
        }

        if (!string.IsNullOrEmpty(mobile) && (mobile.Length != 4 || !order.BuyerMobile.EndsWith(mobile, StringComparison.Ordinal)))
        {
            return FakeTopError.Business("isv.eticket-mobile-mismatch", "手机号后四位不正确 (RTV-12)");
        }

        live = found;
        return null;
    }

    private static FakeTopError ConsumeNumExceeded(int num, int left) =>
        FakeTopError.Business("isv.eticket-consume-num-exceeded", $"核销份数{num}超过码的剩余可核销份数{left}");

    private static FakeTopError Refunded(VoucherOrder order) =>
        FakeTopError.Business("isv.eticket-order-refunded", $"订单{order.OrderId}已退款，码已作废");

    private static FakeTopResult MerchantSuccess(JsonObject? attributes)
    {
        var body = new JsonObject { ["ret_code"] = MerchantSuccessCode, ["ret_msg"] = MerchantSuccessMessage };
        if (attributes is not null)
        {
            // attribute_map is a String (业务回复KV) on the wire: JSON text of the key/value pairs.
            body["resp_body"] = new JsonObject { ["attribute_map"] = attributes.ToJsonString(WriteOptions) };
        }

        return FakeTopResult.Success(body);
    }

    private static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.ToOffset(ChinaTime.Offset).DateTime);
}
