using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Alibaba1688;

/// <summary>Tolerant JSON readers (numbers may arrive as strings) and the 1688 date format.</summary>
internal static class Fake1688Json
{
    // The platform sends Chinese text unescaped; the domain rules quote it that way.
    public static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(WriteOptions);

    /// <summary>The server date pattern <c>yyyyMMddHHmmssSSSZ</c>, e.g. <c>20180614101942000+0800</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToOffset(ChinaTime.Offset).ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "+0800";

    public static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || text.Length < 19)
        {
            return false;
        }

        var zone = text[^5..];
        var local = text[..^5];
        string[] formats = ["yyyyMMddHHmmssfff", "yyyyMMddHHmmss"];
        if (!DateTime.TryParseExact(local, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            || (zone[0] != '+' && zone[0] != '-')
            || !int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            return false;
        }

        var offset = new TimeSpan(hours, minutes, 0);
        time = new DateTimeOffset(value, zone[0] == '-' ? -offset : offset);
        return true;
    }

    public static JsonNode? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? String(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        }
        : null;

    public static string? String(JsonObject obj, string name) => String(obj[name]);

    public static long? Long(JsonNode? node) =>
        String(node) is { } text && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static decimal? Decimal(JsonNode? node) =>
        String(node) is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Reads a list given as a JSON array or as a comma-separated string.</summary>
    public static List<string>? StringList(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TryParse(text) is JsonArray array)
        {
            return array.Select(String).Where(item => !string.IsNullOrEmpty(item)).Select(item => item!).ToList();
        }

        return text.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => item.Trim('"')).ToList();
    }

    public static JsonArray Array(IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }

        return array;
    }
}
