using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlatformSdk.TaobaoVoucher.Protocol;

// Wire shapes of the e-voucher replies (docs/protocols/taobao-voucher.md, S-OT metadata). Public so callers can read raw
// replies with the same source-generated metadata; the typed models in Models/ are what the client returns.
// Scalar reply fields read leniently: a value of the wrong type, out of range or not decodable is absent (null), never an
// exception, so one odd field does not make a reply whose ret_code is readable unreadable (callers treat null as unknown).

/// <summary>The success object of <c>taobao.vmarket.eticket.beforeconsume</c>.</summary>
internal sealed class LegacyBeforeConsumeWire
{
    /// <summary><c>ret_code</c>: 1 = may consume.</summary>
    [JsonPropertyName("ret_code")] [JsonConverter(typeof(LenientInt64Converter))] public long? RetCode { get; set; }

    /// <summary><c>valid_start</c>.</summary>
    [JsonPropertyName("valid_start")] [JsonConverter(typeof(LenientStringConverter))] public string? ValidStart { get; set; }

    /// <summary><c>valid_ends</c>.</summary>
    [JsonPropertyName("valid_ends")] [JsonConverter(typeof(LenientStringConverter))] public string? ValidEnds { get; set; }

    /// <summary><c>left_num</c>: units left on the order.</summary>
    [JsonPropertyName("left_num")] [JsonConverter(typeof(LenientInt32Converter))] public int? LeftNum { get; set; }

    /// <summary><c>code_left_num</c>: units left on this code.</summary>
    [JsonPropertyName("code_left_num")] [JsonConverter(typeof(LenientInt32Converter))] public int? CodeLeftNum { get; set; }

    /// <summary><c>item_title</c>.</summary>
    [JsonPropertyName("item_title")] [JsonConverter(typeof(LenientStringConverter))] public string? ItemTitle { get; set; }

    /// <summary><c>order_id</c>.</summary>
    [JsonPropertyName("order_id")] [JsonConverter(typeof(LenientInt64Converter))] public long? OrderId { get; set; }

    /// <summary><c>left_amount</c> (type not documented: number or text).</summary>
    [JsonPropertyName("left_amount")] public JsonElement? LeftAmount { get; set; }

    /// <summary><c>item_type</c>.</summary>
    [JsonPropertyName("item_type")] public JsonElement? ItemType { get; set; }
}

/// <summary>The success object of <c>taobao.vmarket.eticket.consume</c>.</summary>
internal sealed class LegacyConsumeWire
{
    /// <summary><c>ret_code</c>.</summary>
    [JsonPropertyName("ret_code")] [JsonConverter(typeof(LenientInt64Converter))] public long? RetCode { get; set; }

    /// <summary><c>left_num</c>.</summary>
    [JsonPropertyName("left_num")] [JsonConverter(typeof(LenientInt32Converter))] public int? LeftNum { get; set; }

    /// <summary><c>code_left_num</c>.</summary>
    [JsonPropertyName("code_left_num")] [JsonConverter(typeof(LenientInt32Converter))] public int? CodeLeftNum { get; set; }

    /// <summary><c>item_title</c>.</summary>
    [JsonPropertyName("item_title")] [JsonConverter(typeof(LenientStringConverter))] public string? ItemTitle { get; set; }

    /// <summary><c>sms_tpl</c>.</summary>
    [JsonPropertyName("sms_tpl")] [JsonConverter(typeof(LenientStringConverter))] public string? SmsTemplate { get; set; }

    /// <summary><c>print_tpl</c>.</summary>
    [JsonPropertyName("print_tpl")] [JsonConverter(typeof(LenientStringConverter))] public string? PrintTemplate { get; set; }

    /// <summary><c>consume_secial_num</c> (sic).</summary>
    [JsonPropertyName("consume_secial_num")] [JsonConverter(typeof(LenientStringConverter))] public string? ConsumeSerialNum { get; set; }
}

/// <summary>The success object of <c>taobao.vmarket.eticket.reverse</c>.</summary>
internal sealed class LegacyReverseWire
{
    /// <summary><c>ret_code</c>.</summary>
    [JsonPropertyName("ret_code")] [JsonConverter(typeof(LenientInt64Converter))] public long? RetCode { get; set; }

    /// <summary><c>left_num</c>.</summary>
    [JsonPropertyName("left_num")] [JsonConverter(typeof(LenientInt32Converter))] public int? LeftNum { get; set; }

    /// <summary><c>item_title</c>.</summary>
    [JsonPropertyName("item_title")] [JsonConverter(typeof(LenientStringConverter))] public string? ItemTitle { get; set; }
}

/// <summary>The success object of the image uploads (<c>qrcode.upload</c>, <c>img.upload</c>).</summary>
internal sealed class ImageUploadWire
{
    /// <summary><c>ret_code</c> (legacy).</summary>
    [JsonPropertyName("ret_code")] public JsonElement? RetCode { get; set; }

    /// <summary><c>img_filename</c>.</summary>
    [JsonPropertyName("img_filename")] [JsonConverter(typeof(LenientStringConverter))] public string? ImageFileName { get; set; }
}

/// <summary>One entry of <c>eticket_codes</c> (<c>taobao.vmarket.eticket.codes.get</c>).</summary>
internal sealed class EticketCodeWire
{
    /// <summary><c>order_id</c>.</summary>
    [JsonPropertyName("order_id")] [JsonConverter(typeof(LenientInt64Converter))] public long? OrderId { get; set; }

    /// <summary><c>code</c>.</summary>
    [JsonPropertyName("code")] [JsonConverter(typeof(LenientStringConverter))] public string? Code { get; set; }

    /// <summary><c>num</c>: units still usable.</summary>
    [JsonPropertyName("num")] [JsonConverter(typeof(LenientInt32Converter))] public int? Num { get; set; }

    /// <summary><c>status</c> (values not documented).</summary>
    [JsonPropertyName("status")] [JsonConverter(typeof(LenientInt32Converter))] public int? Status { get; set; }

    /// <summary><c>qrcode_url</c>.</summary>
    [JsonPropertyName("qrcode_url")] [JsonConverter(typeof(LenientStringConverter))] public string? QrCodeUrl { get; set; }
}

/// <summary>One entry of <c>eticket_tasks</c> (<c>taobao.vmarket.eticket.tasks.get</c>).</summary>
internal sealed class EticketTaskWire
{
    /// <summary><c>order_id</c>.</summary>
    [JsonPropertyName("order_id")] [JsonConverter(typeof(LenientInt64Converter))] public long? OrderId { get; set; }
}

/// <summary>The success object shared by the <c>taobao.eticket.merchant.ma.*</c> callbacks.</summary>
internal sealed class MerchantReplyWire
{
    /// <summary><c>ret_code</c> (String 子结果码; see <see cref="TaobaoVoucherWireChoices.MerchantSuccessRetCodes"/>).</summary>
    [JsonPropertyName("ret_code")] public JsonElement? RetCode { get; set; }

    /// <summary><c>ret_msg</c>.</summary>
    [JsonPropertyName("ret_msg")] [JsonConverter(typeof(LenientStringConverter))] public string? RetMsg { get; set; }

    /// <summary><c>resp_body</c>.</summary>
    [JsonPropertyName("resp_body")] public MerchantRespBodyWire? RespBody { get; set; }

    /// <summary><c>is_success</c> (<c>ma.delay</c> only).</summary>
    [JsonPropertyName("is_success")] [JsonConverter(typeof(LenientBooleanConverter))] public bool? IsSuccess { get; set; }

    /// <summary><c>res_code</c> (<c>ma.delay</c> only).</summary>
    [JsonPropertyName("res_code")] public JsonElement? ResCode { get; set; }

    /// <summary><c>res_msg</c> (<c>ma.delay</c> only).</summary>
    [JsonPropertyName("res_msg")] [JsonConverter(typeof(LenientStringConverter))] public string? ResMsg { get; set; }
}

/// <summary><c>resp_body</c> of the merchant callbacks.</summary>
internal sealed class MerchantRespBodyWire
{
    /// <summary><c>attribute_map</c>: "业务回复KV", text (JSON of key/value pairs when present).</summary>
    [JsonPropertyName("attribute_map")] public JsonElement? AttributeMap { get; set; }
}

/// <summary>One <c>IsvMa</c> as sent in <c>isv_ma_list</c>.</summary>
internal sealed class IsvMaWire
{
    /// <summary><c>code</c> (串码).</summary>
    [JsonPropertyName("code")] public string Code { get; set; } = string.Empty;

    /// <summary><c>num</c> (可核销份数).</summary>
    [JsonPropertyName("num")] public int Num { get; set; }

    /// <summary><c>qr_image</c> (file name from <c>img.upload</c>).</summary>
    [JsonPropertyName("qr_image")] public string? QrImage { get; set; }
}

/// <summary>Source-generated metadata for the e-voucher wire shapes (AOT-safe).</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LegacyBeforeConsumeWire))]
[JsonSerializable(typeof(LegacyConsumeWire))]
[JsonSerializable(typeof(LegacyReverseWire))]
[JsonSerializable(typeof(ImageUploadWire))]
[JsonSerializable(typeof(EticketCodeWire))]
[JsonSerializable(typeof(EticketTaskWire))]
[JsonSerializable(typeof(MerchantReplyWire))]
[JsonSerializable(typeof(List<IsvMaWire>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class TaobaoVoucherJsonContext : JsonSerializerContext;

/// <summary>
/// The shape of every lenient converter: a scalar read as text (<see cref="LenientJson.Text"/>), parsed, and null for anything
/// that does not parse, so one odd field never fails a reply; null written as null.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
internal abstract class LenientConverter<T> : JsonConverter<T?>
    where T : struct
{
    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => LenientJson.Text(ref reader) is { } text ? Parse(text) : null;

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            WriteValue(writer, v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    protected abstract T? Parse(string text);

    protected abstract void WriteValue(Utf8JsonWriter writer, T value);
}

/// <summary>Reads a number or numeric string as <see cref="long"/>; anything else (other types, out of range, fractions) is null.</summary>
internal sealed class LenientInt64Converter : LenientConverter<long>
{
    protected override long? Parse(string text) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    protected override void WriteValue(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);
}

/// <summary>Reads a number or numeric string as <see cref="int"/>; anything else (other types, out of range, fractions) is null.</summary>
internal sealed class LenientInt32Converter : LenientConverter<int>
{
    protected override int? Parse(string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    protected override void WriteValue(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);
}

/// <summary>Reads <c>true</c>/<c>false</c>, their text and 1/0; anything else is null.</summary>
internal sealed class LenientBooleanConverter : LenientConverter<bool>
{
    protected override bool? Parse(string text) => text.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "1" => true,
        "FALSE" or "0" => false,
        _ => null,
    };

    protected override void WriteValue(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);
}

/// <summary>Reads a string (a number or boolean as its text); objects, arrays and undecodable text are null.</summary>
internal sealed class LenientStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => LenientJson.Text(ref reader);

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}

internal static class LenientJson
{
    /// <summary>A scalar's text (strings decoded, numbers and booleans as written); null for null, containers (skipped) and undecodable strings.</summary>
    public static string? Text(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                try
                {
                    return reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return null;
                }

            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }
}
