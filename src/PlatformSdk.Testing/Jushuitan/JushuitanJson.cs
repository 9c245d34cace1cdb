using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Jushuitan;

/// <summary>Tolerant readers for Jushuitan JSON (numbers may arrive as strings) and the writer settings the platform uses.</summary>
internal static class JushuitanJson
{
    // The platform sends Chinese text unescaped; RJST-07 is quoted that way.
    public static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(WriteOptions);

    public static string FormatTime(DateTimeOffset time) =>
        time.ToOffset(ChinaTime.Offset).ToString(ChinaTime.DateTimeFormat, CultureInfo.InvariantCulture);

    public static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || !DateTime.TryParseExact(text, ChinaTime.DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        time = new DateTimeOffset(local, ChinaTime.Offset);
        return true;
    }

    public static string? String(JsonObject obj, string name)
    {
        if (obj[name] is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        };
    }

    public static bool TryLong(JsonObject obj, string name, out long result)
    {
        result = 0;
        var text = String(obj, name);
        return text is not null && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
    }

    public static decimal? Decimal(JsonObject obj, string name)
    {
        var text = String(obj, name);
        return text is not null && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    public static bool? Bool(JsonObject obj, string name) => obj[name] is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => bool.TryParse(value.GetValue<string>(), out var parsed) ? parsed : null,
            _ => null,
        }
        : null;

    /// <summary>Reads a list given as a JSON array or as a comma-separated string.</summary>
    public static List<string>? StringList(JsonObject obj, string name)
    {
        switch (obj[name])
        {
            case JsonArray array:
                return array.Select(item => item is JsonValue v ? (v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString()) : string.Empty)
                    .Where(item => item.Length > 0)
                    .ToList();
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return value.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            default:
                return null;
        }
    }

    public static JsonNode? Copy(JsonNode? node) => node?.DeepClone();
}
