using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization;

namespace PlatformSdk.Jushuitan.Protocol;

// Request bodies as Jushuitan spells them (doc §5, §7, §9). Unused fields are null and left out entirely (doc §7).

internal sealed class UploadOrderWire
{
    [JsonPropertyName("shop_id")] public long ShopId { get; set; }
    [JsonPropertyName("so_id")] public string SoId { get; set; } = "";
    [JsonPropertyName("order_date")] public string OrderDate { get; set; } = "";
    [JsonPropertyName("shop_status")] public string ShopStatus { get; set; } = "";
    [JsonPropertyName("shop_buyer_id")] public string? ShopBuyerId { get; set; }
    [JsonPropertyName("receiver_state")] public string? ReceiverState { get; set; }
    [JsonPropertyName("receiver_city")] public string? ReceiverCity { get; set; }
    [JsonPropertyName("receiver_district")] public string? ReceiverDistrict { get; set; }
    [JsonPropertyName("receiver_address")] public string? ReceiverAddress { get; set; }
    [JsonPropertyName("receiver_name")] public string? ReceiverName { get; set; }
    [JsonPropertyName("receiver_phone")] public string? ReceiverPhone { get; set; }
    [JsonPropertyName("receiver_mobile")] public string? ReceiverMobile { get; set; }
    [JsonPropertyName("receiver_zip")] public string? ReceiverZip { get; set; }
    [JsonPropertyName("receiver_country")] public string? ReceiverCountry { get; set; }
    [JsonPropertyName("pay_amount")] public decimal PayAmount { get; set; }
    [JsonPropertyName("freight")] public decimal Freight { get; set; }
    [JsonPropertyName("shop_modified")] public string? ShopModified { get; set; }
    [JsonPropertyName("buyer_message")] public string? BuyerMessage { get; set; }
    [JsonPropertyName("remark")] public string? Remark { get; set; }
    [JsonPropertyName("question_desc")] public string? QuestionDesc { get; set; }
    [JsonPropertyName("labels")] public string? Labels { get; set; }
    [JsonPropertyName("lc_id")] public string? LcId { get; set; }
    [JsonPropertyName("logistics_company")] public string? LogisticsCompany { get; set; }
    [JsonPropertyName("l_id")] public string? LId { get; set; }
    [JsonPropertyName("items")] public List<UploadItemWire> Items { get; set; } = [];
    [JsonPropertyName("pay")] public UploadPayWire? Pay { get; set; }
}

internal sealed class UploadItemWire
{
    [JsonPropertyName("sku_id")] public string SkuId { get; set; } = "";
    [JsonPropertyName("shop_sku_id")] public string? ShopSkuId { get; set; }
    [JsonPropertyName("i_id")] public string? IId { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("properties_value")] public string? PropertiesValue { get; set; }
    [JsonPropertyName("pic")] public string? Pic { get; set; }
    [JsonPropertyName("outer_oi_id")] public string? OuterOiId { get; set; }
    [JsonPropertyName("amount")] public decimal Amount { get; set; }
    [JsonPropertyName("price")] public decimal Price { get; set; }
    [JsonPropertyName("base_price")] public decimal? BasePrice { get; set; }
    [JsonPropertyName("qty")] public int Qty { get; set; }
    [JsonPropertyName("refund_qty")] public int? RefundQty { get; set; }
    [JsonPropertyName("refund_status")] public string? RefundStatus { get; set; }
    [JsonPropertyName("is_gift")] public bool? IsGift { get; set; }
}

internal sealed class UploadPayWire
{
    [JsonPropertyName("outer_pay_id")] public string OuterPayId { get; set; } = "";
    [JsonPropertyName("pay_date")] public string PayDate { get; set; } = "";
    [JsonPropertyName("payment")] public string Payment { get; set; } = "";
    [JsonPropertyName("seller_account")] public string? SellerAccount { get; set; }
    [JsonPropertyName("buyer_account")] public string? BuyerAccount { get; set; }
    [JsonPropertyName("amount")] public decimal Amount { get; set; }
}

internal sealed class UploadOrdersEnvelopeWire
{
    [JsonPropertyName("orders")] public List<UploadOrderWire> Orders { get; set; } = [];
}

internal sealed class OrderQueryWire
{
    [JsonPropertyName("shop_id")] public long? ShopId { get; set; }
    [JsonPropertyName("so_ids")] public List<string>? SoIds { get; set; }
    [JsonPropertyName("o_ids")] public List<long>? OIds { get; set; }
    [JsonPropertyName("modified_begin")] public string? ModifiedBegin { get; set; }
    [JsonPropertyName("modified_end")] public string? ModifiedEnd { get; set; }
    [JsonPropertyName("date_type")] public int? DateType { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("page_index")] public int PageIndex { get; set; }
    [JsonPropertyName("page_size")] public int PageSize { get; set; }
}

internal sealed class PageQueryWire
{
    [JsonPropertyName("page_index")] public int PageIndex { get; set; }
    [JsonPropertyName("page_size")] public int PageSize { get; set; }
    [JsonPropertyName("shop_ids")] public List<long>? ShopIds { get; set; }
    [JsonPropertyName("nicks")] public List<string>? Nicks { get; set; }
    [JsonPropertyName("modified_begin")] public string? ModifiedBegin { get; set; }
    [JsonPropertyName("modified_end")] public string? ModifiedEnd { get; set; }
}

internal sealed class LegacyCancelWire
{
    [JsonPropertyName("shop_id")] public long ShopId { get; set; }
    [JsonPropertyName("so_id")] public string SoId { get; set; } = "";
}

internal sealed class OpenCancelWire
{
    [JsonPropertyName("o_ids")] public List<long> OIds { get; set; } = [];
    [JsonPropertyName("cancel_type")] public string? CancelType { get; set; }
    [JsonPropertyName("remark")] public string? Remark { get; set; }
}

internal sealed class EmptyWire;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<UploadOrderWire>))]
[JsonSerializable(typeof(UploadOrdersEnvelopeWire))]
[JsonSerializable(typeof(OrderQueryWire))]
[JsonSerializable(typeof(PageQueryWire))]
[JsonSerializable(typeof(List<LegacyCancelWire>))]
[JsonSerializable(typeof(OpenCancelWire))]
[JsonSerializable(typeof(EmptyWire))]
internal sealed partial class JushuitanJsonContext : JsonSerializerContext
{
    /// <summary>Writes Chinese text as UTF-8 rather than \uXXXX escapes, as Jushuitan's own tools do; HTML-sensitive characters stay escaped.</summary>
    public static JushuitanJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
