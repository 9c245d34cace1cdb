using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlatformSdk.Configuration;

/// <summary>
/// Writes a secret option (app secret, token, session, partner key) as <c>"***"</c> so that options serialized with
/// System.Text.Json for diagnostics, health pages or support bundles never carry it in clear. Reading takes the value as
/// it is, so options can still be loaded from JSON; a serialized copy is a description of the settings, not a backup of them.
/// </summary>
/// <remarks>
/// Platform options put it on each secret property with <see cref="JsonConverterAttribute"/>, which both the reflection
/// serializer and source-generated contexts honour. Other serializers do not read the attribute; do not serialize options
/// with them.
/// </remarks>
public sealed class SecretJsonConverter : JsonConverter<string>
{
    /// <summary>What a set secret is written as.</summary>
    public const string Mask = "***";

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new JsonException($"A secret must be a JSON string, got {reader.TokenType}."),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // An empty secret is shown as empty: "not configured" is worth seeing and gives nothing away.
        writer.WriteStringValue(string.IsNullOrEmpty(value) ? string.Empty : Mask);
    }
}
