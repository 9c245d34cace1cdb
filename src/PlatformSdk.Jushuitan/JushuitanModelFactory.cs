using PlatformSdk.Errors;
using PlatformSdk.Jushuitan.Models.Billing;
using PlatformSdk.Jushuitan.Models.Orders;

namespace PlatformSdk.Jushuitan;

/// <summary>
/// Builds Jushuitan results for tests that mock <see cref="JushuitanClient"/> (the Azure SDK's <c>ModelFactory</c> pattern). Every
/// Jushuitan result also has public init-only properties; these methods only spare the required ones.
/// </summary>
public static class JushuitanModelFactory
{
    /// <summary>Builds the outcome of uploading one order.</summary>
    /// <param name="shopId">The shop id.</param>
    /// <param name="soId">The online order number.</param>
    /// <param name="isSuccess">Whether Jushuitan accepted it.</param>
    /// <param name="oId">The ERP order id.</param>
    /// <param name="message">Jushuitan's message.</param>
    /// <param name="error">The classified error of a failed order.</param>
    /// <param name="verification">What the post-upload check found.</param>
    /// <param name="erpStatus">The ERP status found by the check.</param>
    /// <param name="remedy">What to do.</param>
    /// <returns>The result.</returns>
    public static JushuitanOrderUploadResult OrderUploadResult(long shopId, string soId, bool isSuccess = true, long? oId = null, string? message = null,
        PlatformError? error = null, JushuitanUploadVerification verification = default, JushuitanOrderStatus? erpStatus = null, string? remedy = null)
        => new()
        {
            ShopId = shopId, SoId = soId, IsSuccess = isSuccess, OId = oId, Message = message, Error = error,
            Verification = verification, ErpStatus = erpStatus, Remedy = remedy,
        };

    /// <summary>Builds the outcome of an upload call.</summary>
    /// <param name="orders">One result per order, in input order.</param>
    /// <returns>The result.</returns>
    public static JushuitanUploadResult UploadResult(params JushuitanOrderUploadResult[] orders) => new(orders);

    /// <summary>Builds a tenant's call usage (<see cref="JushuitanClient.GetUsage"/>).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="calls">Calls made.</param>
    /// <param name="freeCalls">Free calls in the contract.</param>
    /// <param name="estimatedCost">The estimated cost in CNY.</param>
    /// <returns>The usage.</returns>
    public static JushuitanUsage Usage(string tenant, long calls, long freeCalls = 0, decimal estimatedCost = 0m) => new(tenant, calls, freeCalls, estimatedCost);
}
