namespace PlatformSdk.TestPlatform.Protocol;

/// <summary>
/// Every wire-format choice the SDK made where TestPlatform's documentation is silent or ambiguous (UNCONFIRMED). Change a
/// choice here and nowhere else.
/// </summary>
public static class TestPlatformWireChoices
{
    /// <summary>The sign method sent in <c>sign_method</c>; the only one documented.</summary>
    public const string SignMethod = "hmac-sha256";

    /// <summary>Request Content-Type: the documentation shows form posts only.</summary>
    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    /// <summary>Items per page when the caller does not choose; the documented maximum is 100.</summary>
    public const int ItemsPageSize = 50;

    /// <summary>The largest page size TestPlatform accepts.</summary>
    public const int MaxItemsPageSize = 100;

    /// <summary>The most pages one query reads before it stops with an error (a platform that says "more" forever must not page forever).</summary>
    public const int MaxPages = 1_000;

    /// <summary>
    /// <c>orders.create</c> is treated as a non-idempotent write: TestPlatform deduplicates by <c>out_order_id</c> in practice,
    /// but the documentation does not promise it, so the SDK never resends on its own. A resend by the caller with the same key
    /// is answered with the existing order (<c>duplicate: true</c>).
    /// </summary>
    public const bool CreateOrderDeduplicationConfirmed = false;

    /// <summary>Token lifetime assumed when neither configuration nor the platform gives one; it is then refreshed when rejected.</summary>
    public static readonly TimeSpan AssumedTokenLifetime = TimeSpan.FromDays(30);
}
