using PlatformSdk.Http;
using PlatformSdk.TestPlatform.Errors;
using PlatformSdk.Tokens;

namespace PlatformSdk.TestPlatform.Protocol;

/// <summary>TestPlatform's APIs with their idempotency.</summary>
internal static class TestPlatformApi
{
    public static readonly PlatformOperation ItemsQuery = new(TestPlatformErrorCatalogue.Platform, "items.query", OperationIdempotency.Read);

    // See TestPlatformWireChoices.CreateOrderDeduplicationConfirmed: the platform's dedup by out_order_id is not promised.
    public static readonly PlatformOperation OrdersCreate = new(TestPlatformErrorCatalogue.Platform, "orders.create", OperationIdempotency.NonIdempotentWrite);

    public static readonly PlatformOperation TokenRefresh = new(TestPlatformErrorCatalogue.Platform, "auth.token.refresh", OperationIdempotency.NonIdempotentWrite);
}

/// <summary>The unsigned payload of one call; the signer turns it into a request on every attempt.</summary>
internal sealed class TestPlatformCall
{
    public required TestPlatformOptions Options { get; init; }

    public required Uri Endpoint { get; init; }

    public required string Method { get; init; }

    public required string Biz { get; init; }

    public TokenKey TokenKey { get; init; }

    /// <summary>Where the access token comes from; <see langword="null"/> for calls sent without one (the token refresh itself).</summary>
    public IAccessTokenSource? TokenSource { get; init; }

    /// <summary>A secret carried inside <see cref="Biz"/> (the refresh token), masked in logs and messages.</summary>
    public string? SecretInBiz { get; init; }
}
