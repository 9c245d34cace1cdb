using System.Globalization;
using System.Text.Json;
using PlatformSdk.Http;

namespace PlatformSdk.Jushuitan.Protocol;

/// <summary>The parsed top of a Jushuitan reply (doc §4): code, success flag, message and payload root.</summary>
internal sealed class JushuitanEnvelope : IDisposable
{
    private readonly JsonDocument _document;

    private JushuitanEnvelope(JsonDocument document, string? code, bool? isSuccess, string message)
    {
        _document = document;
        Code = code;
        IsSuccessFlag = isSuccess;
        Message = message;
        var root = document.RootElement;
        // Open API wraps the payload in "data"; legacy puts lists and paging at the top level.
        Payload = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data : root;
    }

    /// <summary>The code as text (int or numeric string on the wire), or null when absent.</summary>
    public string? Code { get; }

    /// <summary>The legacy <c>issuccess</c> flag, when present.</summary>
    public bool? IsSuccessFlag { get; }

    /// <summary>The message (<c>msg</c>, else <c>message</c>).</summary>
    public string Message { get; }

    /// <summary>The root element.</summary>
    public JsonElement Root => _document.RootElement;

    /// <summary><c>data</c> when it is an object, otherwise the root.</summary>
    public JsonElement Payload { get; }

    /// <summary>Doc §4 step 3: success when code is 0 and issuccess is not false; a missing code counts only with issuccess true.</summary>
    public bool IsSuccess => IsSuccessFlag != false && (Code is null ? IsSuccessFlag == true : Code == "0");

    /// <summary>True when the reply carries neither a code nor a success flag, so its outcome is unknown.</summary>
    public bool HasNoOutcome => Code is null && IsSuccessFlag is null;

    /// <summary>Parses a reply body; the envelope keeps referring to <paramref name="body"/>.</summary>
    /// <exception cref="JsonException">The body is not one JSON object with a numeric code (the classifier reports it as malformed).</exception>
    public static JushuitanEnvelope Parse(ReadOnlyMemory<byte> body)
    {
        var document = JsonDocument.Parse(Http.PlatformResponseClassifier.WithoutByteOrderMark(body), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException($"the body is a JSON {root.ValueKind}, not an object");
            }

            var code = root.TryGetProperty("code", out var c) ? JushuitanJson.AsText(c) : null;
            bool? isSuccess = root.TryGetProperty("issuccess", out var s) ? JushuitanJson.AsBool(s) : null;
            var message = JushuitanJson.String(root, "msg") ?? JushuitanJson.String(root, "message") ?? string.Empty;
            if (code is not null && !long.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                throw new JsonException("the code is not a number");
            }

            return new JushuitanEnvelope(document, code, isSuccess, message);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public void Dispose() => _document.Dispose();
}

/// <summary>One page of a list reply.</summary>
internal readonly record struct JushuitanPage<T>(IReadOnlyList<T> Items, bool HasNext);

/// <summary>Defensive readers for Jushuitan JSON (doc §4 steps 6–8): numbers or strings, "" as null.</summary>
internal static class JushuitanJson
{
    public static JushuitanPage<T> ReadPage<T>(JsonElement payload, string listKey, int pageIndex, int pageSize, Func<JsonElement, T> map)
    {
        var items = new List<T>();
        if (payload.ValueKind == JsonValueKind.Object)
        {
            JsonElement list = default;
            var found = payload.TryGetProperty(listKey, out list) && list.ValueKind == JsonValueKind.Array;
            if (!found && JushuitanWireChoices.ListKeyFallback)
            {
                foreach (var property in payload.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Array)
                    {
                        list = property.Value;
                        found = true;
                        break;
                    }
                }
            }

            if (found)
            {
                foreach (var item in list.EnumerateArray())
                {
                    items.Add(map(item));
                }
            }
        }

        return new JushuitanPage<T>(items, HasNext(payload, pageIndex, pageSize, items.Count));
    }

    public static bool HasNext(JsonElement payload, int pageIndex, int pageSize, int itemCount)
    {
        if (itemCount == 0)
        {
            return false;
        }

        if (payload.ValueKind == JsonValueKind.Object)
        {
            if (payload.TryGetProperty("has_next", out var hasNext) && AsBool(hasNext) is { } next)
            {
                return next;
            }

            var index = Long(payload, "page_index") ?? pageIndex;
            if (Long(payload, "page_count") is { } pageCount)
            {
                return index < pageCount;
            }

            var size = Long(payload, "page_size") ?? pageSize;
            if (Long(payload, "data_count") is { } dataCount)
            {
                return index * size < dataCount;
            }
        }

        return itemCount >= pageSize;
    }

    public static string? AsText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => PlatformJsonText.Decode(element) is { Length: > 0 } s ? s.Trim() : null,
        _ => PlatformJsonText.Scalar(element),
    };

    public static bool? AsBool(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => element.TryGetInt64(out var n) ? n != 0 : null,
        JsonValueKind.String => Text(element)?.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "1" => true,
            "FALSE" or "0" => false,
            _ => null,
        },
        _ => null,
    };

    public static string? Text(JsonElement element) => PlatformJsonText.Decode(element);

    public static string? String(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? AsText(value) : null;

    public static long? Long(JsonElement obj, string name)
        => String(obj, name) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static int? Int(JsonElement obj, string name)
        => Long(obj, name) is { } n && n is >= int.MinValue and <= int.MaxValue ? (int)n : null;

    public static decimal? Decimal(JsonElement obj, string name)
        => String(obj, name) is { } text && decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static bool? Bool(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? AsBool(value) : null;

    public static DateTimeOffset? DateTime(JsonElement obj, string name)
        => String(obj, name) is { } text ? JushuitanWireTime.Parse(text) : null;

    public static IEnumerable<JsonElement> Array(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : Enumerable.Empty<JsonElement>();
}

/// <summary>Jushuitan's wall-clock date-times (China Standard Time).</summary>
internal static class JushuitanWireTime
{
    public static string Format(DateTimeOffset value) => ChinaTime.FormatDateTime(value);

    public static DateTimeOffset? Parse(string text)
    {
        if (ChinaTime.TryParse(text, out var instant))
        {
            return instant;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) ? withOffset : null;
    }
}
