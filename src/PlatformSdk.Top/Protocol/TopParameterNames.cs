using System.Collections.Frozen;

namespace PlatformSdk.Top;

/// <summary>TOP's system parameter names (docs/protocols/taobao-top.md §2). Business parameters must not reuse them.</summary>
public static class TopParameterNames
{
    /// <summary>The API name, for example <c>taobao.item.seller.get</c>.</summary>
    public const string Method = "method";

    /// <summary>The app key.</summary>
    public const string AppKey = "app_key";

    /// <summary>The seller's session key (sent only for APIs that need the seller's authorization).</summary>
    public const string Session = "session";

    /// <summary>The request time, <c>yyyy-MM-dd HH:mm:ss</c> in GMT+8.</summary>
    public const string Timestamp = "timestamp";

    /// <summary>The reply format (<c>json</c>).</summary>
    public const string Format = "format";

    /// <summary>The API protocol version (<c>2.0</c>).</summary>
    public const string Version = "v";

    /// <summary>The sign method.</summary>
    public const string SignMethod = "sign_method";

    /// <summary>The signature.</summary>
    public const string Sign = "sign";

    /// <summary>Simplified JSON replies (only with <c>format=json</c>).</summary>
    public const string Simplify = "simplify";

    /// <summary>The partner id.</summary>
    public const string PartnerId = "partner_id";

    /// <summary>The app key of a third-party ISV's API (routes Qimen custom APIs).</summary>
    public const string TargetAppKey = "target_app_key";

    /// <summary>Qimen's routing key of the receiving ERP/WMS customer.</summary>
    public const string CustomerId = "customerId";

    /// <summary>Every system parameter name; a business parameter with one of these names is rejected before sending.</summary>
    public static FrozenSet<string> All { get; } = new[]
    {
        Method, AppKey, Session, Timestamp, Format, Version, SignMethod, Sign, Simplify, PartnerId, TargetAppKey,
    }.ToFrozenSet(StringComparer.Ordinal);
}
