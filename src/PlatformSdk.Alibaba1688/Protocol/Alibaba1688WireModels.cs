using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace PlatformSdk.Alibaba1688.Protocol;

// Complex request values as 1688 spells them (doc §6, §7, §8). Objects and arrays travel as JSON text in one form
// field (doc §1), and that text is what gets signed. Unused fields are null and left out.

internal sealed class CargoParamWire
{
    [JsonPropertyName("offerId")] public long OfferId { get; set; }
    [JsonPropertyName("specId")] public string? SpecId { get; set; }
    [JsonPropertyName("quantity")] public int Quantity { get; set; }
}

internal sealed class AddressParamWire
{
    [JsonPropertyName("fullName")] public string? FullName { get; set; }
    [JsonPropertyName("mobile")] public string? Mobile { get; set; }
    [JsonPropertyName("phone")] public string? Phone { get; set; }
    [JsonPropertyName("postCode")] public string? PostCode { get; set; }
    [JsonPropertyName("provinceText")] public string? ProvinceText { get; set; }
    [JsonPropertyName("cityText")] public string? CityText { get; set; }
    [JsonPropertyName("areaText")] public string? AreaText { get; set; }
    [JsonPropertyName("townText")] public string? TownText { get; set; }
    [JsonPropertyName("address")] public string? Address { get; set; }
}

internal sealed class ProductImageWire
{
    [JsonPropertyName("images")] public List<string> Images { get; set; } = [];
}

internal sealed class SaleInfoWire
{
    [JsonPropertyName("amountOnSale")] public long? AmountOnSale { get; set; }
    [JsonPropertyName("priceRanges")] public List<PriceRangeWire>? PriceRanges { get; set; }
}

internal sealed class PriceRangeWire
{
    [JsonPropertyName("startQuantity")] public int StartQuantity { get; set; }
    [JsonPropertyName("price")] public decimal Price { get; set; }
}

internal sealed class SendGoodsWire
{
    [JsonPropertyName("sourceId")] public long SourceId { get; set; }
    [JsonPropertyName("sendGoodEntries")] public List<SendGoodEntryWire> SendGoodEntries { get; set; } = [];
}

internal sealed class SendGoodEntryWire
{
    [JsonPropertyName("sourceEntryId")] public long SourceEntryId { get; set; }
    [JsonPropertyName("amount")] public int Amount { get; set; }
}

internal sealed class ShipExtBodyWire
{
    [JsonPropertyName("cpCode")] public string CpCode { get; set; } = "";
    [JsonPropertyName("logisticsCpName")] public string? LogisticsCpName { get; set; }
    [JsonPropertyName("mailNo")] public string MailNo { get; set; } = "";
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<CargoParamWire>))]
[JsonSerializable(typeof(AddressParamWire))]
[JsonSerializable(typeof(ProductImageWire))]
[JsonSerializable(typeof(SaleInfoWire))]
[JsonSerializable(typeof(List<SendGoodsWire>))]
[JsonSerializable(typeof(ShipExtBodyWire))]
[JsonSerializable(typeof(List<long>))]
internal sealed partial class Alibaba1688JsonContext : JsonSerializerContext
{
    /// <summary>Chinese text as UTF-8 rather than \uXXXX escapes: the signed value must equal what the server reads back.</summary>
    public static Alibaba1688JsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    public static string Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(value, typeInfo);
}
