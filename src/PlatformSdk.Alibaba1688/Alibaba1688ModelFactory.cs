using PlatformSdk.Alibaba1688.Models.Logistics;

namespace PlatformSdk.Alibaba1688;

/// <summary>
/// Builds 1688 results for tests that mock <see cref="Alibaba1688Client"/> and its shop clients (the Azure SDK's <c>ModelFactory</c>
/// pattern). Every 1688 result also has public init-only properties; these methods only spare the required ones. Paged results
/// (<see cref="Alibaba1688ProductsClient.DownloadAllAsync"/>) are built with <see cref="PlatformSdk.Paging.PlatformPageable.FromPages{T}"/>.
/// </summary>
public static class Alibaba1688ModelFactory
{
    /// <summary>Builds the result of a shipment call.</summary>
    /// <param name="outcome">How it ended.</param>
    /// <param name="shippedSubOrderIds">The sub-orders shipped.</param>
    /// <param name="failures">The sub-orders that failed.</param>
    /// <returns>The result.</returns>
    public static Alibaba1688ShipResult ShipResult(Alibaba1688ShipOutcome outcome, IReadOnlyList<long>? shippedSubOrderIds = null,
        IReadOnlyList<Alibaba1688ShipFailure>? failures = null)
        => new() { Outcome = outcome, ShippedSubOrderIds = shippedSubOrderIds ?? [], Failures = failures ?? [] };
}
