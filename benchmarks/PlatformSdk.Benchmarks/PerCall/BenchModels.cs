using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlatformSdk.Benchmarks.PerCall;

/// <summary>The success object of <c>taobao.item.seller.get</c>, as an application defines it for <c>TopClient.ExecuteAsync&lt;T&gt;</c>.</summary>
public sealed class ItemSellerGetResult
{
    [JsonPropertyName("item")] public TopItem? Item { get; set; }
}

public sealed class TopItem
{
    [JsonPropertyName("num_iid")] public long NumIid { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("nick")] public string? Nick { get; set; }
    [JsonPropertyName("price")] public string? Price { get; set; }
    [JsonPropertyName("num")] public int Num { get; set; }
    [JsonPropertyName("approve_status")] public string? ApproveStatus { get; set; }
    [JsonPropertyName("cid")] public long Cid { get; set; }
    [JsonPropertyName("outer_id")] public string? OuterId { get; set; }
    [JsonPropertyName("pic_url")] public string? PicUrl { get; set; }
    [JsonPropertyName("created")] public string? Created { get; set; }
    [JsonPropertyName("modified")] public string? Modified { get; set; }
    [JsonPropertyName("list_time")] public string? ListTime { get; set; }
    [JsonPropertyName("delist_time")] public string? DelistTime { get; set; }
    [JsonPropertyName("skus")] public TopSkuList? Skus { get; set; }
}

public sealed class TopSkuList
{
    [JsonPropertyName("sku")] public List<TopSku>? Sku { get; set; }
}

public sealed class TopSku
{
    [JsonPropertyName("sku_id")] public long SkuId { get; set; }
    [JsonPropertyName("properties")] public string? Properties { get; set; }
    [JsonPropertyName("properties_name")] public string? PropertiesName { get; set; }
    [JsonPropertyName("price")] public string? Price { get; set; }
    [JsonPropertyName("quantity")] public int Quantity { get; set; }
    [JsonPropertyName("outer_id")] public string? OuterId { get; set; }
    [JsonPropertyName("created")] public string? Created { get; set; }
    [JsonPropertyName("modified")] public string? Modified { get; set; }
}

/// <summary>The whole TOP reply, for the hand-written client's single parse: the success wrapper or <c>error_response</c>.</summary>
internal sealed class HandTopReply
{
    [JsonPropertyName("item_seller_get_response")] public ItemSellerGetResult? Response { get; set; }
    [JsonPropertyName("error_response")] public HandTopError? Error { get; set; }
}

internal sealed class HandTopError
{
    [JsonPropertyName("code")] public int Code { get; set; }
    [JsonPropertyName("msg")] public string? Message { get; set; }
    [JsonPropertyName("sub_code")] public string? SubCode { get; set; }
    [JsonPropertyName("sub_msg")] public string? SubMessage { get; set; }
}

/// <summary>The hand-written Jushuitan client's view of a shops reply.</summary>
internal sealed class HandShopsReply
{
    [JsonPropertyName("code")] public int Code { get; set; }
    [JsonPropertyName("msg")] public string? Message { get; set; }
    [JsonPropertyName("data")] public HandShopsPage? Data { get; set; }
}

internal sealed class HandShopsPage
{
    [JsonPropertyName("page_index")] public int PageIndex { get; set; }
    [JsonPropertyName("has_next")] public bool HasNext { get; set; }
    [JsonPropertyName("datas")] public List<HandShop>? Shops { get; set; }
}

internal sealed class HandShop
{
    [JsonPropertyName("shop_id")] public long ShopId { get; set; }
    [JsonPropertyName("shop_name")] public string? ShopName { get; set; }
    [JsonPropertyName("co_id")] public long? CompanyId { get; set; }
    [JsonPropertyName("shop_site")] public string? ShopSite { get; set; }
    [JsonPropertyName("shop_url")] public string? ShopUrl { get; set; }
    [JsonPropertyName("nick")] public string? Nick { get; set; }
    [JsonPropertyName("short_name")] public string? ShortName { get; set; }
    [JsonPropertyName("group_id")] public long? GroupId { get; set; }
    [JsonPropertyName("group_name")] public string? GroupName { get; set; }
    [JsonPropertyName("organization")] public string? Organization { get; set; }
    [JsonPropertyName("created")][JsonConverter(typeof(ChinaTimeConverter))] public DateTimeOffset? Created { get; set; }
    [JsonPropertyName("session_expired")][JsonConverter(typeof(ChinaTimeConverter))] public DateTimeOffset? SessionExpired { get; set; }
}

/// <summary>Jushuitan's <c>yyyy-MM-dd HH:mm:ss</c> China time, read straight from the UTF-8 bytes ("" is null).</summary>
internal sealed class ChinaTimeConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        var s = reader.ValueSpan;
        if (s.Length != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':'
            || !Utf8Parser.TryParse(s[..4], out int year, out _) || !Utf8Parser.TryParse(s.Slice(5, 2), out int month, out _)
            || !Utf8Parser.TryParse(s.Slice(8, 2), out int day, out _) || !Utf8Parser.TryParse(s.Slice(11, 2), out int hour, out _)
            || !Utf8Parser.TryParse(s.Slice(14, 2), out int minute, out _) || !Utf8Parser.TryParse(s.Slice(17, 2), out int second, out _))
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, China);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) => throw new NotSupportedException();
}

[JsonSerializable(typeof(ItemSellerGetResult))]
[JsonSerializable(typeof(HandTopReply))]
[JsonSerializable(typeof(HandShopsReply))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
