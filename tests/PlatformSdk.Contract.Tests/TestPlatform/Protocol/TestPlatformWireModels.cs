using System.Text.Json.Serialization;

namespace PlatformSdk.TestPlatform.Protocol;

// Request and reply bodies as TestPlatform spells them (snake_case). Absent optional fields are left out.

internal sealed class ItemsQueryWire
{
    public int PageNo { get; set; }

    public int PageSize { get; set; }

    public string? Keyword { get; set; }
}

internal sealed class ItemsPageWire
{
    public List<ItemWire> Items { get; set; } = [];

    public bool HasNext { get; set; }
}

internal sealed class ItemWire
{
    public string ItemId { get; set; } = "";

    public string Title { get; set; } = "";

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal Price { get; set; }

    public int Stock { get; set; }
}

internal sealed class CreateOrderWire
{
    public string OutOrderId { get; set; } = "";

    public string ItemId { get; set; } = "";

    public int Quantity { get; set; }

    public string? BuyerNote { get; set; }
}

internal sealed class OrderWire
{
    public string OrderId { get; set; } = "";

    public string OutOrderId { get; set; } = "";

    public string Status { get; set; } = "";

    public bool Duplicate { get; set; }
}

internal sealed class RefreshTokenWire
{
    public string RefreshToken { get; set; } = "";
}

internal sealed class TokenWire
{
    public string AccessToken { get; set; } = "";

    public string? RefreshToken { get; set; }

    public long ExpiresIn { get; set; }
}

/// <summary>Source-generated metadata for every wire type (trimming and AOT safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ItemsQueryWire))]
[JsonSerializable(typeof(ItemsPageWire))]
[JsonSerializable(typeof(CreateOrderWire))]
[JsonSerializable(typeof(OrderWire))]
[JsonSerializable(typeof(RefreshTokenWire))]
[JsonSerializable(typeof(TokenWire))]
internal sealed partial class TestPlatformJsonContext : JsonSerializerContext;
