using System.Globalization;
using System.Text.Json;
using PlatformSdk.Http;

namespace PlatformSdk.Top.Protocol;

/// <summary>The fields of a TOP <c>error_response</c> (docs/protocols/taobao-top.md §4).</summary>
/// <param name="Code">The platform code as text (TOP sends a number, some gateways a string).</param>
/// <param name="Message">The <c>msg</c>.</param>
/// <param name="SubCode">The <c>sub_code</c>, if any.</param>
/// <param name="SubMessage">The <c>sub_msg</c>, if any.</param>
/// <param name="RequestId">The <c>request_id</c>, if any.</param>
public sealed record TopErrorResponse(string Code, string Message, string? SubCode, string? SubMessage, string? RequestId)
{
    /// <summary><c>msg</c> and <c>sub_msg</c> together, as shown in errors.</summary>
    public string FullMessage => string.IsNullOrEmpty(SubMessage) ? Message : $"{Message}: {SubMessage}";
}

/// <summary>
/// Reads TOP JSON replies without reflection: <c>{"error_response":{…}}</c> for failures, <c>{"&lt;method_with_underscores&gt;_response":{…}}</c>
/// for successes (docs/protocols/taobao-top.md §4).
/// </summary>
public static class TopResponseParser
{
    /// <summary>The root property of an error reply.</summary>
    public const string ErrorResponseKey = "error_response";

    /// <summary>
    /// The success wrapper of an API as TOP sends it: the <c>taobao.</c> prefix dropped, dots as underscores, plus
    /// <c>_response</c> (<c>taobao.trades.sold.get</c> answers <c>trades_sold_get_response</c>; other prefixes such as
    /// <c>alibaba.</c> are kept). See docs/protocols/taobao-top.md §2.3.
    /// </summary>
    /// <param name="method">The API name, for example <c>taobao.item.seller.get</c>.</param>
    /// <returns>For example <c>item_seller_get_response</c>.</returns>
    public static string ResponseKey(string method)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var name = method.StartsWith(TaobaoPrefix, StringComparison.Ordinal) ? method[TaobaoPrefix.Length..] : method;
        return name.Replace('.', '_') + "_response";
    }

    private const string TaobaoPrefix = "taobao.";

    /// <summary>Reads <c>error_response</c> when the reply is an error.</summary>
    /// <param name="root">The reply's root element.</param>
    /// <param name="error">The error fields.</param>
    /// <returns><see langword="true"/> when the reply is an error reply.</returns>
    public static bool TryReadError(JsonElement root, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TopErrorResponse? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(ErrorResponseKey, out var body) || body.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        error = new TopErrorResponse(
            Text(body, "code") ?? string.Empty,
            Text(body, "msg") ?? string.Empty,
            Text(body, "sub_code"),
            Text(body, "sub_msg"),
            Text(body, "request_id"));
        return true;
    }

    /// <summary>Finds the success object of <paramref name="method"/>.</summary>
    /// <param name="root">The reply's root element.</param>
    /// <param name="method">The API name.</param>
    /// <param name="simplify">True when the call was sent with <c>simplify=true</c> (see <see cref="TopWireChoices.SimplifiedRepliesAreUnwrapped"/>).</param>
    /// <param name="result">The success object.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public static bool TryGetSuccess(JsonElement root, string method, bool simplify, out JsonElement result)
    {
        result = default;
        if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty(ErrorResponseKey, out _))
        {
            return false;
        }

        if (root.TryGetProperty(ResponseKey(method), out var wrapped) && wrapped.ValueKind == JsonValueKind.Object)
        {
            result = wrapped;
            return true;
        }

        // Tolerate the full-name form (prefix kept) that some gateways and third-party docs show.
        if (TopWireChoices.AcceptFullNameResponseKey
            && root.TryGetProperty(method.Replace('.', '_') + "_response", out wrapped) && wrapped.ValueKind == JsonValueKind.Object)
        {
            result = wrapped;
            return true;
        }

        if (simplify && TopWireChoices.SimplifiedRepliesAreUnwrapped)
        {
            result = root;
            return true;
        }

        return false;
    }

    /// <summary>Reads a property as text whether the JSON holds a string or a number (TOP's <c>code</c> is either).</summary>
    /// <param name="element">The object.</param>
    /// <param name="name">The property name.</param>
    /// <returns>The text, or <see langword="null"/> when absent, null or not decodable text.</returns>
    public static string? Text(JsonElement element, string name) => PlatformJsonText.Property(element, name);
}
