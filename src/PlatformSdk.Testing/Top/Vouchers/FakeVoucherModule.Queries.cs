using System.Globalization;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Top;

// Read-only handlers: tasks.get (pending and failed notices) and codes.get.
public sealed partial class FakeVoucherModule
{
    private FakeTopResult TasksGetLocked(FakeTopRequest call)
    {
        if (call.Required("type", out var typeText) is { } missing)
        {
            return missing;
        }

        if (typeText is not ("1" or "2"))
        {
            return FakeTopError.InvalidArgument("type", "type is 1 (pending notices) or 2 (notices answered with failsend)");
        }

        if (FakeTopError.FirstOf(call.OptionalInt("page_no", 1, 1, int.MaxValue, out var pageNo), call.OptionalInt("page_size", 40, 1, 100, out var pageSize)) is { } bad)
        {
            return bad;
        }

        var sellerId = call.Seller.SellerId;
        if (call.Get("seller_id") is { Length: > 0 } sellerText
            && (!long.TryParse(sellerText, NumberStyles.None, CultureInfo.InvariantCulture, out var requested) || requested != sellerId))
        {
            return FakeTopError.InvalidArgument("seller_id", "seller_id must be the id of the seller whose session is used");
        }

        var status = typeText == "1" ? FakeTopNoticeStatus.Pending : FakeTopNoticeStatus.Failed;
        var matching = _notices.Where(n => n.Seller == call.Seller.Nick && n.Status == status).ToList();
        var page = matching.Skip((int)Math.Min(int.MaxValue, (long)(pageNo - 1) * pageSize)).Take(pageSize)
            .Select(n => (JsonNode)new JsonObject { ["order_id"] = n.OrderId })
            .ToArray();
        var body = new JsonObject { ["total_results"] = matching.Count };
        if (page.Length > 0)
        {
            body["eticket_tasks"] = call.List("eticket_task", page);
        }

        return FakeTopResult.Success(body);
    }

    private FakeTopResult CodesGetLocked(FakeTopRequest call)
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
            body["eticket_codes"] = call.List("eticket_code", codes);
        }

        return FakeTopResult.Success(body);
    }
}
