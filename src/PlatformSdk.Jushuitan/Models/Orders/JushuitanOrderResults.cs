using PlatformSdk.Errors;

namespace PlatformSdk.Jushuitan.Models.Orders;

/// <summary>What the post-upload check found for one order (RJST-12, RJST-13).</summary>
public enum JushuitanUploadVerification
{
    /// <summary>Not checked (verification off, or the upload itself failed).</summary>
    NotChecked,

    /// <summary>The ERP shows the order and it is not cancelled.</summary>
    Found,

    /// <summary>The upload reported success but the ERP keeps the order cancelled (RJST-12).</summary>
    CancelledInErp,

    /// <summary>The upload reported success but the ERP does not show the order (RJST-13).</summary>
    NotFound,

    /// <summary>The check query failed; the upload result still stands.</summary>
    CheckFailed,
}

/// <summary>The outcome of uploading one order.</summary>
public sealed record JushuitanOrderUploadResult
{
    /// <summary>The shop id.</summary>
    public required long ShopId { get; init; }

    /// <summary>The online order number.</summary>
    public required string SoId { get; init; }

    /// <summary>The ERP order id (<c>o_id</c>), when Jushuitan returned it.</summary>
    public long? OId { get; init; }

    /// <summary>True when Jushuitan accepted the order.</summary>
    public required bool IsSuccess { get; init; }

    /// <summary>Jushuitan's message for this order.</summary>
    public string? Message { get; init; }

    /// <summary>The classified error when <see cref="IsSuccess"/> is false.</summary>
    public PlatformError? Error { get; init; }

    /// <summary>What the post-upload check found.</summary>
    public JushuitanUploadVerification Verification { get; init; }

    /// <summary>The ERP status found by the check.</summary>
    public JushuitanOrderStatus? ErpStatus { get; init; }

    /// <summary>True when the upload succeeded but the ERP keeps the order cancelled (RJST-12).</summary>
    public bool IsCancelledInErp => Verification == JushuitanUploadVerification.CancelledInErp;

    /// <summary>True when the upload succeeded but the order cannot be found afterwards (RJST-13).</summary>
    public bool NotFoundAfterUpload => Verification == JushuitanUploadVerification.NotFound;

    /// <summary>What to do when the order is cancelled, missing or failed.</summary>
    public string? Remedy { get; init; }
}

/// <summary>The outcome of an upload call (possibly several batches).</summary>
/// <param name="Orders">One result per uploaded order, in input order.</param>
public sealed record JushuitanUploadResult(IReadOnlyList<JushuitanOrderUploadResult> Orders)
{
    /// <summary>True when every order was accepted and none was found cancelled or missing afterwards.</summary>
    public bool AllSucceeded => Orders.All(o => o.IsSuccess && !o.IsCancelledInErp && !o.NotFoundAfterUpload);
}

/// <summary>Which orders to cancel (<c>jushuitan.orders.cancel</c> / <c>/open/jushuitan/orderbyoid/cancel</c>).</summary>
public sealed record JushuitanCancelRequest
{
    /// <summary>The shop the orders belong to.</summary>
    public required long ShopId { get; init; }

    /// <summary>The online order numbers to cancel.</summary>
    public required IReadOnlyList<string> SoIds { get; init; }

    /// <summary>The cancel reason type (open API <c>cancel_type</c>); sent only when set, its allowed values are undocumented.</summary>
    public string? CancelType { get; init; }

    /// <summary>A remark (open API <c>remark</c>).</summary>
    public string? Remark { get; init; }

    /// <summary>
    /// Cancelling a split order cancels <em>all</em> its sub-orders (RJST-08). Set to <see langword="true"/> to allow that;
    /// otherwise a split order is refused before anything is sent.
    /// </summary>
    public bool AllowSplitOrderCancellation { get; init; }
}

/// <summary>The outcome of a cancel call.</summary>
/// <param name="SoIds">The online order numbers sent for cancellation.</param>
/// <param name="OIds">The ERP order ids cancelled (every sub-order of a split order).</param>
/// <param name="Message">Jushuitan's message.</param>
public sealed record JushuitanCancelResult(IReadOnlyList<string> SoIds, IReadOnlyList<long> OIds, string? Message);
