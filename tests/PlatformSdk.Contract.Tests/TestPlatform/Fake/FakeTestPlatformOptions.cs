namespace PlatformSdk.Testing.TestPlatform;

/// <summary>Construction options of <see cref="FakeTestPlatformServer"/> (not real credentials).</summary>
public sealed class FakeTestPlatformOptions
{
    /// <summary>The app key the fake accepts.</summary>
    public string AppKey { get; set; } = "tp-app-1001";

    /// <summary>The app secret: the HMAC-SHA256 key of <c>sign</c>.</summary>
    public string AppSecret { get; set; } = "tpAppSecretF4ke0001";

    /// <summary>The shop's first access token.</summary>
    public string AccessToken { get; set; } = "tp-at-initial-0001";

    /// <summary>The shop's first refresh token.</summary>
    public string RefreshToken { get; set; } = "tp-rt-initial-0001";

    /// <summary>How long an access token works. Default 2 hours.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How far <c>timestamp</c> may be from the fake's clock. Default 5 minutes.</summary>
    public TimeSpan TimestampWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many items the shop starts with (<c>TP-ITEM-001</c>…). Default 7.</summary>
    public int ItemCount { get; set; } = 7;
}

/// <summary>The route names of <see cref="FakeTestPlatformServer"/> (the <c>method</c> parameter), for the journal and faults.</summary>
public static class FakeTestPlatformRoutes
{
    /// <summary><c>items.query</c>.</summary>
    public const string ItemsQuery = "items.query";

    /// <summary><c>orders.create</c>.</summary>
    public const string OrdersCreate = "orders.create";

    /// <summary><c>auth.token.refresh</c>.</summary>
    public const string TokenRefresh = "auth.token.refresh";

    /// <summary>Anything else.</summary>
    public const string Unknown = "unknown";
}

/// <summary>Reply damage the base fault kinds do not model, applied by <see cref="FakeTestPlatformServer.MangleNext"/>.</summary>
public enum FakeReplyMangle
{
    /// <summary>HTTP 302 to another URL instead of the answer (a gateway or captive proxy).</summary>
    Redirect,

    /// <summary>The normal answer padded with whitespace to a large body.</summary>
    Oversized,

    /// <summary>The normal answer preceded by a UTF-8 byte order mark.</summary>
    ByteOrderMark,

    /// <summary>The normal answer followed by a second JSON object (a proxy that concatenated replies).</summary>
    TrailingBytes,
}

/// <summary>An order the fake keeps.</summary>
/// <param name="OrderId">The platform's id.</param>
/// <param name="OutOrderId">The caller's business key.</param>
/// <param name="ItemId">The item.</param>
/// <param name="Quantity">Units.</param>
/// <param name="CreatedAt">When it was created, on the fake's clock.</param>
public sealed record FakeTestPlatformOrder(string OrderId, string OutOrderId, string ItemId, int Quantity, DateTimeOffset CreatedAt);
