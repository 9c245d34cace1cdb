using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Errors;
using R = PlatformSdk.Jushuitan.Protocol.JushuitanWireChoices;

namespace PlatformSdk.Jushuitan.Push;

/// <summary>The push fields as received, and which bytes carried <c>biz</c> (those are what the inbox keeps).</summary>
internal sealed class PushFields
{
    public required Dictionary<string, string> Values { get; init; }

    public required ReadOnlyMemory<byte> BizCarrier { get; init; }

    public required string? BizCarrierContentType { get; init; }

    public string? Get(string name) => Values.GetValueOrDefault(name);
}

/// <summary>Reads push fields and <c>biz</c> defensively: every bad input becomes a <see cref="PlatformException"/>.</summary>
internal static class JushuitanPushParser
{
    internal const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";
    private const int MaxDepth = 32;
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = MaxDepth };

    public static PushFields ReadFields(string? queryString, ReadOnlyMemory<byte> body, string? contentType)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = (queryString ?? string.Empty).TrimStart('?');
        var fromQuery = ParseForm(query);
        List<KeyValuePair<string, string>> fromBody;
        var bodyIsJson = IsJson(body.Span, contentType);
        try
        {
            fromBody = body.IsEmpty ? [] : bodyIsJson ? ParseJsonObject(body) : ParseForm(StrictUtf8(body.Span));
        }
        catch (Exception ex) when (ex is JsonException or DecoderFallbackException or InvalidOperationException)
        {
            throw Invalid(JushuitanPushErrorCodes.InvalidRequest, "The body is neither a form nor a JSON object of push fields (" + ex.GetType().Name + ").");
        }

        foreach (var (name, value) in fromQuery.Concat(fromBody))
        {
            if (values.TryGetValue(name, out var existing))
            {
                // The same value twice is harmless; two values would leave open which one was signed.
                if (!string.Equals(existing, value, StringComparison.Ordinal))
                {
                    throw Invalid(JushuitanPushErrorCodes.InvalidRequest, $"The field '{Shorten(name)}' is sent twice with different values.");
                }

                continue;
            }

            values[name] = value;
        }

        var bizInBody = fromBody.Any(p => p.Key == "biz");
        return new PushFields
        {
            Values = values,
            BizCarrier = bizInBody || fromQuery.Count == 0 ? body : Encoding.UTF8.GetBytes(query),
            BizCarrierContentType = bizInBody || fromQuery.Count == 0 ? contentType : FormContentType,
        };
    }

    /// <summary>The kind: the message-type field when sent, otherwise inferred from <c>biz</c>; <see langword="null"/> when neither tells.</summary>
    public static (string? Kind, string Declared) ResolveKind(IReadOnlyDictionary<string, string> fields)
    {
        foreach (var name in R.PushKindFields)
        {
            if (fields.TryGetValue(name, out var declared) && declared.Length > 0)
            {
                var lower = declared.ToLowerInvariant();
                var kind = lower.Contains("logistic", StringComparison.Ordinal) ? JushuitanPushKinds.Logistics
                    : lower.Contains("inventory", StringComparison.Ordinal) || lower.Contains("stock", StringComparison.Ordinal) ? JushuitanPushKinds.Inventory
                    : null;
                return (kind, declared);
            }
        }

        using var biz = ParseBiz(fields.GetValueOrDefault("biz"));
        var root = biz.RootElement;
        if (R.PushLogisticsMarkers.Any(m => root.TryGetProperty(m, out _)))
        {
            return (JushuitanPushKinds.Logistics, string.Empty);
        }

        return R.PushInventoryMarkers.All(m => root.TryGetProperty(m, out _)) ? (JushuitanPushKinds.Inventory, string.Empty) : (null, string.Empty);
    }

    public static JushuitanPushMessage? Parse(string kind, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(fields);
        if (kind is not (JushuitanPushKinds.Logistics or JushuitanPushKinds.Inventory))
        {
            return null;
        }

        var bizText = fields.GetValueOrDefault("biz");
        using var biz = ParseBiz(bizText);
        var root = biz.RootElement;
        var bizFields = Fields(root);
        var appKey = fields.GetValueOrDefault("app_key");
        var timestamp = TryTimestamp(fields.GetValueOrDefault("timestamp"), out var at) ? at : (DateTimeOffset?)null;
        if (kind == JushuitanPushKinds.Logistics)
        {
            var soId = Text(root, "so_id");
            var oId = Long(root, "o_id");
            if (string.IsNullOrEmpty(soId) && oId is null)
            {
                throw Invalid(JushuitanPushErrorCodes.InvalidBiz, "The logistics push names no order: neither so_id nor a numeric o_id.");
            }

            return new JushuitanLogisticsPush
            {
                Kind = kind, AppKey = appKey, Timestamp = timestamp, Biz = bizText!, Fields = bizFields,
                ShopId = Long(root, "shop_id"), SoId = soId, OId = oId,
                CarrierCode = Text(root, "lc_id"), CarrierName = Text(root, "logistics_company"), WaybillNumber = Text(root, "l_id"),
                SendDate = Time(root, "send_date"), Lines = Lines(root),
            };
        }

        var sku = Text(root, "sku_id");
        if (string.IsNullOrEmpty(sku))
        {
            throw Invalid(JushuitanPushErrorCodes.InvalidBiz, "The inventory push has no sku_id.");
        }

        var qtyText = Text(root, "qty");
        var qty = Int(qtyText) ?? throw Invalid(JushuitanPushErrorCodes.InvalidBiz,
            $"The inventory push for sku_id '{Shorten(sku)}' has no readable whole qty ('{Shorten(qtyText ?? "(none)")}').");
        return new JushuitanInventoryPush
        {
            Kind = kind, AppKey = appKey, Timestamp = timestamp, Biz = bizText!, Fields = bizFields,
            SkuId = sku, IId = Text(root, "i_id"), WarehouseId = First(root, R.PushWarehouseFields), Quantity = qty,
            LockQuantity = Int(First(root, R.PushLockQuantityFields)), Modified = Time(root, R.PushModifiedFields),
        };
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    public static bool TryTimestamp(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrEmpty(text) || text.Length > 13 || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        try
        {
            instant = text.Length == 13 && R.PushTimestampAcceptsMilliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    internal static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");

    internal static PlatformException Invalid(string code, string message)
        => new(new PlatformError(JushuitanErrorCatalogue.Platform, code, message, ErrorCategory.Validation,
            "The push is kept as received (dead letters); read it with an overridden ParseMessage, or replay it once the cause is fixed (RJST-05)."));

    private static JsonDocument ParseBiz(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw Invalid(JushuitanPushErrorCodes.InvalidBiz, "The push has no biz.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw Invalid(JushuitanPushErrorCodes.InvalidBiz, "The push's biz is not JSON: " + Shorten(ex.Message));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw Invalid(JushuitanPushErrorCodes.InvalidBiz, "The push's biz is not a JSON object.");
        }

        return document;
    }

    private static Dictionary<string, string> Fields(JsonElement element)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (ValueText(property.Value) is { } value)
            {
                fields.TryAdd(property.Name, value);
            }
        }

        return fields;
    }

    private static List<JushuitanLogisticsPushLine> Lines(JsonElement root)
    {
        if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var lines = new List<JushuitanLogisticsPushLine>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            lines.Add(new JushuitanLogisticsPushLine
            {
                SkuId = Text(item, "sku_id"), Quantity = Int(Text(item, "qty")), Name = Text(item, "name"), OuterOiId = Text(item, "outer_oi_id"), Fields = Fields(item),
            });
        }

        return lines;
    }

    // Unknown fields are kept raw, so containers keep their JSON text; only strings are decoded (safely).
    private static string? ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => PlatformJsonText.Decode(value),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array) ? ValueText(value)?.Trim() : null;

    private static string? First(JsonElement element, string[] names)
        => names.Select(n => Text(element, n)).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private static long? Long(JsonElement element, string name)
        => long.TryParse(Text(element, name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    // Numbers arrive as 5, "5" or 5.0; a fraction or an out-of-range value is not a quantity.
    private static int? Int(string? text)
        => decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && value == decimal.Truncate(value) && value is >= int.MinValue and <= int.MaxValue ? (int)value : null;

    private static DateTimeOffset? Time(JsonElement element, params string[] names)
    {
        var text = First(element, names);
        if (text is null)
        {
            return null;
        }

        if (ChinaTime.TryParse(text, out var at))
        {
            return at;
        }

        return TryTimestamp(text, out var unix) ? unix : null;
    }

    private static bool IsJson(ReadOnlySpan<byte> body, string? contentType)
    {
        if (contentType is not null)
        {
            if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (contentType.Contains("form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        var trimmed = body.TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] == (byte)'{';
    }

    private static string StrictUtf8(ReadOnlySpan<byte> bytes) => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);

    private static List<KeyValuePair<string, string>> ParseJsonObject(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body, JsonOptions);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("not an object");
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (ValueText(property.Value) is { } value)
            {
                pairs.Add(new(property.Name, value));
            }
        }

        return pairs;
    }

    private static List<KeyValuePair<string, string>> ParseForm(string text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            pairs.Add(new(Unescape(at < 0 ? pair : pair[..at]), at < 0 ? string.Empty : Unescape(pair[(at + 1)..])));
        }

        return pairs;
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
