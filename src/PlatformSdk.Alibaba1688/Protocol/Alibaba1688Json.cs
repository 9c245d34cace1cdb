using System.Globalization;
using System.Text.Json;
using PlatformSdk.Http;

namespace PlatformSdk.Alibaba1688.Protocol;

/// <summary>
/// Defensive JSON readers: 1688 sends numbers as numbers or strings (<c>expires_in</c>, ids), booleans as <c>true</c> or
/// <c>"true"</c> (<c>get.sellerView</c>), and field spellings vary per API (doc §4, §5).
/// </summary>
internal static class Alibaba1688Json
{
    public static JsonElement? Property(JsonElement element, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined)
            {
                return value;
            }
        }

        return null;
    }

    public static string? String(JsonElement element, params string[] names)
    {
        var value = Property(element, names);
        var text = value is { } v ? AsText(v) : null;
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public static string? AsText(JsonElement value) => PlatformJsonText.Scalar(value);

    public static string? Text(JsonElement value) => PlatformJsonText.Decode(value);

    public static long? Long(JsonElement element, params string[] names)
    {
        var text = String(element, names);
        return text is not null && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    public static decimal? Decimal(JsonElement element, params string[] names)
    {
        var text = String(element, names);
        return text is not null && decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    public static bool? Bool(JsonElement element, params string[] names)
    {
        var value = Property(element, names);
        return value is { } v ? AsBool(v) : null;
    }

    public static bool? AsBool(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(Text(value), out var b) => b,
        JsonValueKind.Number when value.TryGetInt64(out var n) => n != 0,
        _ => null,
    };

    public static DateTimeOffset? Time(JsonElement element, params string[] names)
    {
        try
        {
            return Alibaba1688WireTime.TryParse(String(element, names), out var t) ? t : null;
        }
        catch (ArgumentException)
        {
            // A wall-clock time at the ends of the calendar with an offset that puts it outside it (00010101000000+1400), or an
            // offset beyond ±14 h: not a time, so absent like any other unreadable one.
            return null;
        }
    }

    public static IEnumerable<JsonElement> Array(JsonElement element, params string[] names)
    {
        var value = Property(element, names);
        return value is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
    }

    /// <summary>Follows a path of object properties; returns null when any step is missing.</summary>
    public static JsonElement? Path(JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var step in path)
        {
            if (Property(current, step) is not { } next)
            {
                return null;
            }

            current = next;
        }

        return current;
    }
}
