namespace PlatformSdk.Http;

/// <summary>Whether repeating an operation can change the outcome. Decides which failures are retried.</summary>
public enum OperationIdempotency
{
    /// <summary>A query: repeating it changes nothing.</summary>
    Read,

    /// <summary>A write the platform deduplicates by a business key (for example Jushuitan uploads keyed by shop_id + so_id): safe to repeat.</summary>
    IdempotentWrite,

    /// <summary>A write that may take effect twice if repeated: retried only when the request provably never reached the platform.</summary>
    NonIdempotentWrite,
}

/// <summary>Describes one platform API operation: which platform, its API name, and whether it may be repeated.</summary>
/// <param name="Platform">The platform name, for example <c>Jushuitan</c>.</param>
/// <param name="Name">The platform's API name, for example <c>jushuitan.orders.upload</c>.</param>
/// <param name="Idempotency">Whether repeating it is safe.</param>
public sealed record PlatformOperation(string Platform, string Name, OperationIdempotency Idempotency)
{
    /// <summary>True when the operation may be retried after a failure that might have reached the platform.</summary>
    public bool IsSafeToRepeat => Idempotency != OperationIdempotency.NonIdempotentWrite;
}
