using PlatformSdk.Http;
using PlatformSdk.Tokens;

namespace PlatformSdk.Jushuitan.Protocol;

/// <summary>One Jushuitan API in both generations (doc §5).</summary>
/// <param name="LegacyMethod">The legacy <c>method</c>.</param>
/// <param name="OpenApiPath">The open API path.</param>
/// <param name="Idempotency">Whether repeating it is safe.</param>
/// <param name="LegacyListKey">The list key in legacy replies.</param>
/// <param name="OpenApiListKey">The list key under <c>data</c> in open API replies.</param>
internal sealed record JushuitanApi(string LegacyMethod, string OpenApiPath, OperationIdempotency Idempotency, string LegacyListKey = "datas", string OpenApiListKey = "datas")
{
    public static readonly JushuitanApi QueryShops = new("shops.query", "/open/shops/query", OperationIdempotency.Read, "shops", "datas");
    public static readonly JushuitanApi QueryLogisticsCompanies = new("logisticscompany.query", "/open/logisticscompany/query", OperationIdempotency.Read);
    public static readonly JushuitanApi QueryWarehousePartners = new("wms.partner.query", "/open/wms/partner/query", OperationIdempotency.Read);
    public static readonly JushuitanApi QueryOrders = new("orders.single.query", "/open/orders/single/query", OperationIdempotency.Read, "orders", "orders");
    public static readonly JushuitanApi UploadOrders = new("jushuitan.orders.upload", "/open/jushuitan/orders/upload", OperationIdempotency.IdempotentWrite);
    public static readonly JushuitanApi CancelOrders = new("jushuitan.orders.cancel", "/open/jushuitan/orderbyoid/cancel", OperationIdempotency.NonIdempotentWrite);
    public static readonly JushuitanApi RefreshToken = new("refresh.token", "/openWeb/auth/refreshToken", OperationIdempotency.NonIdempotentWrite);

    public const string GetInitTokenPath = "/openWeb/auth/getInitToken";
    public const string AccessTokenPath = "/openWeb/auth/accessToken";

    public string Name(JushuitanProtocol protocol) => protocol == JushuitanProtocol.Legacy ? LegacyMethod : OpenApiPath;

    public string ListKey(JushuitanProtocol protocol) => protocol == JushuitanProtocol.Legacy ? LegacyListKey : OpenApiListKey;
}

/// <summary>How the signer must write a call.</summary>
internal enum JushuitanCallKind
{
    /// <summary>A business call with the tenant's current token.</summary>
    Business,

    /// <summary>A legacy call with a given token (refresh.token), so the token provider is not asked (it is the one refreshing).</summary>
    LegacyWithToken,

    /// <summary>An open API /openWeb/auth call: no access_token, the given form fields.</summary>
    OpenApiAuth,
}

/// <summary>The unsigned payload of one call; the signer turns it into a request on every attempt.</summary>
internal sealed class JushuitanCall
{
    public required JushuitanCallKind Kind { get; init; }

    public required JushuitanProtocol Protocol { get; init; }

    public required JushuitanOptions Options { get; init; }

    public required Uri Endpoint { get; init; }

    public required TokenKey TokenKey { get; init; }

    public IAccessTokenSource? TokenSource { get; init; }

    /// <summary>Legacy method name (legacy calls).</summary>
    public string? Method { get; init; }

    /// <summary>Legacy JSON body or open API <c>biz</c>.</summary>
    public string Body { get; init; } = "{}";

    /// <summary>The token for <see cref="JushuitanCallKind.LegacyWithToken"/>.</summary>
    public string? ExplicitToken { get; init; }

    /// <summary>Form fields of an auth call besides app_key, timestamp, charset and sign.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AuthFields { get; init; } = [];
}
