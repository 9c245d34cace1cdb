using System.Text.Json;
using System.Text.Json.Serialization;
using PlatformSdk.Errors;

namespace PlatformSdk.Logistics.Carriers;

/// <summary>The carrier data shipped in the package (the embedded <c>carriers.json</c>), read once.</summary>
internal static class CarrierData
{
    internal const string ResourceName = "PlatformSdk.Logistics.Carriers.carriers.json";

    private static readonly Lazy<CarrierDataWire> Shipped = new(Load);

    internal static CarrierDataWire Data => Shipped.Value;

    internal static CarrierDataWire Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, CarrierDataJsonContext.Default.CarrierDataWire)
                ?? throw new PlatformException(new PlatformError("Logistics", "carrier-data", "The carrier data is empty.", ErrorCategory.Configuration, "Reinstall the package."));
        }
        catch (JsonException ex)
        {
            throw new PlatformException(new PlatformError("Logistics", "carrier-data", "The carrier data is not valid JSON: " + ex.Message,
                ErrorCategory.Configuration, "Reinstall the package."), ex);
        }
    }

    private static CarrierDataWire Load()
    {
        using var stream = typeof(CarrierData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(ResourceName + " is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}

internal sealed class CarrierDataWire
{
    public int Version { get; set; }

    public List<CarrierSourceWire> Sources { get; set; } = [];

    public List<CarrierWire> Carriers { get; set; } = [];

    public List<ForbiddenCodeWire> Forbidden { get; set; } = [];
}

internal sealed class CarrierSourceWire
{
    public string Id { get; set; } = "";

    public string Description { get; set; } = "";
}

internal sealed class CarrierWire
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public List<CarrierCodeWire> Codes { get; set; } = [];

    public List<TrackingFormatWire> TrackingNumberFormats { get; set; } = [];
}

internal sealed class CarrierCodeWire
{
    public string Platform { get; set; } = "";

    public string Code { get; set; } = "";

    public string? Name { get; set; }

    public string? Alias { get; set; }

    public string Source { get; set; } = "";

    public string Confidence { get; set; } = "";
}

internal sealed class TrackingFormatWire
{
    public string Pattern { get; set; } = "";

    public string Description { get; set; } = "";

    public string Source { get; set; } = "";
}

internal sealed class ForbiddenCodeWire
{
    public string? Carrier { get; set; }

    public string? Platform { get; set; }

    public string? Code { get; set; }

    public List<string> Contains { get; set; } = [];

    public string Rule { get; set; } = "";

    public string Reason { get; set; } = "";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CarrierDataWire))]
internal sealed partial class CarrierDataJsonContext : JsonSerializerContext;
