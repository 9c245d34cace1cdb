using System.Globalization;
using System.Text.Json;
using PlatformSdk.Jushuitan.Models.Shops;

namespace PlatformSdk.Benchmarks.PerCall;

/// <summary>
/// A line-for-line copy of the SDK's Jushuitan list reader (src/PlatformSdk.Jushuitan/Protocol/JushuitanResponseParser.cs
/// <c>JushuitanJson.ReadPage</c> and JushuitanMappers.cs <c>Shop</c>, both internal), so its cost can be measured on its own.
/// Keep it in step with the source when that changes.
/// </summary>
internal static class SdkReaderReplica
{
    public static List<JushuitanShop> ReadShops(JsonElement payload, bool dates = true)
    {
        var items = new List<JushuitanShop>();
        if (payload.TryGetProperty("datas", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                items.Add(Shop(item, dates));
            }
        }

        _ = payload.TryGetProperty("has_next", out var hasNext) && AsBool(hasNext) == true;
        return items;
    }

    private static JushuitanShop Shop(JsonElement e, bool dates) => new()
    {
        ShopId = Long(e, "shop_id") ?? 0,
        ShopName = String(e, "shop_name"),
        CompanyId = Long(e, "co_id"),
        ShopSite = String(e, "shop_site"),
        ShopUrl = String(e, "shop_url"),
        Nick = String(e, "nick"),
        ShortName = String(e, "short_name"),
        GroupId = Long(e, "group_id"),
        GroupName = String(e, "group_name"),
        Organization = String(e, "organization"),
        Created = dates ? DateTime(e, "created") : null,
        SessionExpired = dates ? DateTime(e, "session_expired") : null,
    };

    private static string? AsText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() is { Length: > 0 } s ? s.Trim() : null,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static bool? AsBool(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static string? String(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? AsText(value) : null;

    private static long? Long(JsonElement obj, string name)
        => String(obj, name) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static DateTimeOffset? DateTime(JsonElement obj, string name)
        => String(obj, name) is { } text && ChinaTime.TryParse(text, out var instant) ? instant : null;
}
