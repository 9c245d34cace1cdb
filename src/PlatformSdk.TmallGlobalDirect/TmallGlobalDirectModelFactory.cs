using PlatformSdk.TmallGlobalDirect.Callbacks;

namespace PlatformSdk.TmallGlobalDirect;

/// <summary>
/// Builds the direct-supply results whose constructors are internal, for tests that mock <see cref="TmallGlobalDirectClient"/> and
/// <see cref="TmallGlobalDirectAuthorizationWatch"/>. Values are taken as given: nothing is computed or checked.
/// </summary>
public static class TmallGlobalDirectModelFactory
{
    /// <summary>Builds an accepted callback.</summary>
    /// <param name="method">The TOP API.</param>
    /// <param name="code">The wrapper's <c>error_code</c>, if any.</param>
    /// <param name="message">The wrapper's <c>error_message</c>, if any.</param>
    /// <param name="requestId">The <c>request_id</c>.</param>
    /// <param name="attempts">The attempts.</param>
    /// <returns>The result.</returns>
    public static TmallGlobalDirectCallbackResult CallbackResult(string method, string? code = null, string? message = null, string? requestId = null, int attempts = 1)
        => new(method, code, message, requestId, attempts);

    /// <summary>Builds a cancel decision.</summary>
    /// <param name="bizOrderCode">The fulfilment order.</param>
    /// <param name="status">The warehouse status.</param>
    /// <param name="intercepted">Whether it was intercepted.</param>
    /// <param name="reason">Why not, if refused.</param>
    /// <param name="decidedAt">When.</param>
    /// <returns>The decision.</returns>
    public static ConsignOrderCancelDecision CancelDecision(string bizOrderCode, ConsignOrderWarehouseStatus status, bool intercepted, string? reason, DateTimeOffset decidedAt)
        => new(bizOrderCode, status, intercepted, reason, decidedAt);

    /// <summary>Builds a reported cancel decision.</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="feedback">The accepted feedback call.</param>
    /// <returns>The outcome.</returns>
    public static ConsignOrderCancelOutcome CancelOutcome(ConsignOrderCancelDecision decision, TmallGlobalDirectCallbackResult feedback)
        => new(decision, feedback);

    /// <summary>Builds an authorization about to lapse.</summary>
    /// <param name="shop">The shop.</param>
    /// <param name="supplierId">Its supplier id.</param>
    /// <param name="expiresAt">When it lapses.</param>
    /// <param name="remaining">The time left.</param>
    /// <returns>The expiry.</returns>
    public static TmallGlobalDirectAuthorizationExpiry AuthorizationExpiry(string shop, string? supplierId, DateTimeOffset expiresAt, TimeSpan remaining)
        => new(shop, supplierId, expiresAt, remaining);
}
