namespace PlatformSdk.Http;

/// <summary>
/// Counts calls per platform and tenant for a package's call meter (Jushuitan's billing estimate, RJST-03) in a store several
/// processes share (PlatformSdk.Redis). Without one registered, each meter counts in its own process. A billing period runs
/// from one <see cref="Reset"/> to the next, for every process at once.
/// </summary>
public interface IPlatformCallCounter
{
    /// <summary>Counts one call. Must not block the call for long nor fail it: a meter is an estimate, not a gate.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="tenant">The tenant.</param>
    void Increment(string platform, string tenant);

    /// <summary>Calls counted in the current billing period, by every process.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The count.</returns>
    long Get(string platform, string tenant);

    /// <summary>Starts a new billing period and returns the calls of the one that ended, in one atomic step: no call is counted in both or in neither.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The calls of the ended period.</returns>
    long Reset(string platform, string tenant);

    /// <summary>Every tenant's count for a platform.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>Tenant → calls.</returns>
    IReadOnlyDictionary<string, long> Snapshot(string platform);
}
