using System.Text.Json;

namespace PlatformSdk.Http;

/// <summary>
/// Reads text out of platform JSON without letting one bad field fail a whole reply. System.Text.Json accepts a lone surrogate
/// escape (<c>"\ud800"</c>) or invalid UTF-8 inside a string when it parses, and throws only when the string is decoded; the
/// platforms also send the same field as a string on one call and a number on the next. Every reply reader of the SDK goes
/// through these two methods, so the rule is one rule.
/// </summary>
public static class PlatformJsonText
{
    /// <summary>A JSON string's text, or <see langword="null"/> when it is not a string or cannot be decoded.</summary>
    /// <param name="value">The element.</param>
    /// <returns>The decoded text, or <see langword="null"/>.</returns>
    public static string? Decode(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// A scalar as text: a string decoded (<see langword="null"/> when undecodable), a number exactly as written, a boolean as
    /// <c>true</c> / <c>false</c>; <see langword="null"/> for null, objects and arrays.
    /// </summary>
    /// <param name="value">The element.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Decode(value),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>The <see cref="Scalar"/> text of an object's property, or <see langword="null"/> when it is absent or not a scalar.</summary>
    /// <param name="element">The object (anything else reads as absent).</param>
    /// <param name="name">The property name.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public static string? Property(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Scalar(value) : null;
}
