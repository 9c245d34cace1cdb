using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Alibaba1688.Models.Products;

namespace PlatformSdk.Alibaba1688;

/// <summary>
/// Builds 1688 results for tests that mock <see cref="Alibaba1688Client"/> and its shop clients (the Azure SDK's <c>ModelFactory</c>
/// pattern). Every 1688 result also has public init-only properties; these methods only spare the required ones.
/// </summary>
public static class Alibaba1688ModelFactory
{
    /// <summary>Builds one page of the shop's products.</summary>
    /// <param name="products">The products on the page.</param>
    /// <param name="cursor">The page's cursor; defaults to the first page.</param>
    /// <param name="next">The next page's cursor, or <see langword="null"/> on the last page.</param>
    /// <param name="totalRecords">The total the platform reported.</param>
    /// <returns>The page.</returns>
    public static Alibaba1688ProductPage ProductPage(IReadOnlyList<Alibaba1688Product> products, Alibaba1688ProductCursor? cursor = null,
        Alibaba1688ProductCursor? next = null, long? totalRecords = null)
        => new(products, cursor ?? Alibaba1688ProductCursor.Start, totalRecords, next);

    /// <summary>Builds the result of a shipment call.</summary>
    /// <param name="outcome">How it ended.</param>
    /// <param name="shippedSubOrderIds">The sub-orders shipped.</param>
    /// <param name="failures">The sub-orders that failed.</param>
    /// <returns>The result.</returns>
    public static Alibaba1688ShipResult ShipResult(Alibaba1688ShipOutcome outcome, IReadOnlyList<long>? shippedSubOrderIds = null,
        IReadOnlyList<Alibaba1688ShipFailure>? failures = null)
        => new() { Outcome = outcome, ShippedSubOrderIds = shippedSubOrderIds ?? [], Failures = failures ?? [] };
}
