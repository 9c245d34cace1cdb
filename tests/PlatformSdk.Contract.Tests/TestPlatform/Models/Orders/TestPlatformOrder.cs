namespace PlatformSdk.TestPlatform.Models.Orders;

/// <summary>An order to create on TestPlatform.</summary>
public sealed class TestPlatformOrderRequest
{
    /// <summary>
    /// The caller's business key (<c>out_order_id</c>): at most 32 letters, digits, <c>-</c> or <c>_</c>. Resending after a
    /// failure with <see cref="Errors.PlatformException.MayHaveBeenProcessed"/> must use the same key.
    /// </summary>
    public required string OutOrderId { get; init; }

    /// <summary>The item ordered.</summary>
    public required string ItemId { get; init; }

    /// <summary>Units, 1 to 999.</summary>
    public required int Quantity { get; init; }

    /// <summary>An optional note for the seller.</summary>
    public string? BuyerNote { get; init; }
}

/// <summary>An order TestPlatform created (or already had for the business key).</summary>
/// <param name="OrderId">The platform's order id.</param>
/// <param name="OutOrderId">The caller's business key.</param>
/// <param name="Status">The platform's status text, for example <c>CREATED</c>.</param>
/// <param name="AlreadyExisted">True when an earlier call with the same key had created it.</param>
public sealed record TestPlatformOrder(string OrderId, string OutOrderId, string Status, bool AlreadyExisted);
