using System.Globalization;
using PlatformSdk.Http;
using PlatformSdk.Tokens;

namespace PlatformSdk.Alibaba1688.Protocol;

/// <summary>One 1688 API: its id <c>namespace:name-version</c> (doc §1) and whether repeating it is safe (doc §6).</summary>
internal sealed record Alibaba1688Api(string Namespace, string Name, int Version, OperationIdempotency Idempotency)
{
    public static readonly Alibaba1688Api ProductList = Parse("com.alibaba.product:alibaba.product.list.get-1", OperationIdempotency.Read);
    public static readonly Alibaba1688Api ProductGet = Parse("com.alibaba.product:alibaba.product.get-1", OperationIdempotency.Read);
    public static readonly Alibaba1688Api PhotoAdd = Parse("com.alibaba.product:alibaba.photobank.photo.add-1", OperationIdempotency.NonIdempotentWrite);
    public static readonly Alibaba1688Api Publish = Parse(Alibaba1688WireChoices.PublishApi, OperationIdempotency.NonIdempotentWrite);
    public static readonly Alibaba1688Api CreatePreOrder = Parse(Alibaba1688WireChoices.PreOrderCreateApi,
        Alibaba1688WireChoices.TreatOutOrderIdAsIdempotencyKey ? OperationIdempotency.IdempotentWrite : OperationIdempotency.NonIdempotentWrite);
    public static readonly Alibaba1688Api PaymentUrl = Parse(Alibaba1688WireChoices.PaymentUrlApi, OperationIdempotency.Read);
    public static readonly Alibaba1688Api OrderDetail = Parse(Alibaba1688WireChoices.OrderDetailApi, OperationIdempotency.Read);
    public static readonly Alibaba1688Api OrderList = Parse(Alibaba1688WireChoices.OrderListApi, OperationIdempotency.Read);
    public static readonly Alibaba1688Api CarrierList = Parse(Alibaba1688WireChoices.CarrierListApi, OperationIdempotency.Read);
    public static readonly Alibaba1688Api Ship = Parse(Alibaba1688WireChoices.ShipApi, OperationIdempotency.NonIdempotentWrite);

    // The code is single-use (doc §4): a repeat after the platform consumed it fails, so the exchange is never repeated blindly.
    public static readonly Alibaba1688Api TokenExchange = new("system.oauth2", "getToken", 1, OperationIdempotency.NonIdempotentWrite);

    // The old refresh_token stays valid after a refresh (doc §4, S-aesig), so repeating a refresh does no harm.
    public static readonly Alibaba1688Api TokenRefresh = new("system.oauth2", "getToken", 1, OperationIdempotency.IdempotentWrite);

    /// <summary>The id as 1688 writes it, for example <c>com.alibaba.product:alibaba.product.get-1</c>.</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture, $"{Namespace}:{Name}-{Version}");

    public static Alibaba1688Api Parse(string id, OperationIdempotency idempotency)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        var dash = id.LastIndexOf('-');
        if (colon <= 0 || dash <= colon + 1 || !int.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new ArgumentException($"'{id}' is not a 1688 API id of the form namespace:name-version.", nameof(id));
        }

        return new Alibaba1688Api(id[..colon], id[(colon + 1)..dash], version, idempotency);
    }
}

/// <summary>How the signer must write a call.</summary>
internal enum Alibaba1688CallKind
{
    /// <summary>A signed <c>param2</c> call with the shop's token.</summary>
    Api,

    /// <summary>A <c>getToken</c> call: unsigned, no access_token, credentials in the form.</summary>
    Token,
}

/// <summary>The unsigned payload of one call; the signer turns it into a request on every attempt.</summary>
internal sealed class Alibaba1688Call
{
    public required Alibaba1688CallKind Kind { get; init; }

    public required Alibaba1688Api Api { get; init; }

    public required string Protocol { get; init; }

    public required string AppKey { get; init; }

    public required string AppSecret { get; init; }

    public required Uri Endpoint { get; init; }

    public required string UrlPath { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; }

    public TokenKey TokenKey { get; init; }

    public IAccessTokenSource? TokenSource { get; init; }

    /// <summary>A file part (photobank upload): sent as multipart and not signed (doc §1, §3).</summary>
    public Alibaba1688FilePart? File { get; init; }
}

/// <summary>A multipart file field.</summary>
internal sealed record Alibaba1688FilePart(string FieldName, string FileName, ReadOnlyMemory<byte> Content);
