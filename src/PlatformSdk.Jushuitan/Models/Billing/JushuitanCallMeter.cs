using System.Collections.Concurrent;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Errors;

namespace PlatformSdk.Jushuitan.Models.Billing;

/// <summary>The Jushuitan ERP edition, which decides API billing (RJST-03).</summary>
public enum JushuitanEdition
{
    /// <summary>Professional (专业版): contract amount × 1000 free calls, then 1 CNY per 1000 calls.</summary>
    Professional = 0,

    /// <summary>Enterprise (企业版): API calls are free.</summary>
    Enterprise = 1,
}

/// <summary>Calls counted for one tenant and what they are estimated to cost.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Calls">HTTP attempts sent (retries and token calls included).</param>
/// <param name="FreeCalls">Calls included in the contract.</param>
/// <param name="EstimatedCost">The estimated charge in CNY.</param>
public sealed record JushuitanUsage(string Tenant, long Calls, long FreeCalls, decimal EstimatedCost);

/// <summary>
/// Counts Jushuitan calls per tenant and estimates their cost (RJST-03). Every HTTP attempt the SDK sends counts,
/// including retries and token refreshes, because Jushuitan bills requests it receives. Thread-safe. With an
/// <see cref="IPlatformCallCounter"/> in the container (PlatformSdk.Redis) the counts are that store's, shared by every process
/// on the app key, and a <see cref="Reset"/> ends the billing period for all of them; otherwise they are this process's own.
/// </summary>
internal class JushuitanCallMeter
{
    // The platform name the shared counter files the counts under.
    private const string Platform = JushuitanErrorCatalogue.Platform;

    private readonly ConcurrentDictionary<string, StrongBox> _counts = new(StringComparer.Ordinal);
    private readonly IPlatformCallCounter? _shared;

    /// <summary>Creates a meter.</summary>
    /// <param name="shared">The store shared across processes; <see langword="null"/> to count in this process.</param>
    public JushuitanCallMeter(IPlatformCallCounter? shared = null) => _shared = shared;

    /// <summary>Calls per 1000-call billing unit.</summary>
    public const long CallsPerUnit = 1000;

    /// <summary>Price of one billing unit in CNY.</summary>
    public const decimal PricePerUnit = 1m;

    /// <summary>
    /// Estimates the cost of <paramref name="calls"/> calls: enterprise edition is free; professional edition gets
    /// <c>contractAmount × 1000</c> free calls, then 1 CNY per 1000 calls, charged per <em>started</em> 1000
    /// (1 call over the free allowance costs 1 CNY; 1000 over cost 1 CNY; 1001 over cost 2 CNY). Rounding up is the
    /// conservative reading for a budget estimate; Jushuitan's invoice is authoritative.
    /// </summary>
    /// <param name="calls">Calls made in the billing period.</param>
    /// <param name="edition">The edition.</param>
    /// <param name="contractAmount">The professional-edition contract amount in CNY.</param>
    /// <returns>The estimated charge in CNY.</returns>
    public static decimal EstimateCost(long calls, JushuitanEdition edition, decimal contractAmount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        ArgumentOutOfRangeException.ThrowIfNegative(contractAmount);
        if (edition == JushuitanEdition.Enterprise)
        {
            return 0m;
        }

        var billable = calls - FreeCalls(edition, contractAmount);
        if (billable <= 0)
        {
            return 0m;
        }

        var units = (billable + CallsPerUnit - 1) / CallsPerUnit;
        return units * PricePerUnit;
    }

    /// <summary>Free calls included in a contract.</summary>
    /// <param name="edition">The edition.</param>
    /// <param name="contractAmount">The contract amount in CNY.</param>
    /// <returns>The free calls (<see cref="long.MaxValue"/> for enterprise).</returns>
    public static long FreeCalls(JushuitanEdition edition, decimal contractAmount)
        => edition == JushuitanEdition.Enterprise ? long.MaxValue : decimal.ToInt64(decimal.Floor(contractAmount * CallsPerUnit));

    /// <summary>Counts one call for a tenant.</summary>
    /// <param name="tenant">The tenant.</param>
    public virtual void Record(string tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (_shared is not null)
        {
            _shared.Increment(Platform, tenant);
            return;
        }

        var box = _counts.GetOrAdd(tenant, static _ => new StrongBox());
        Interlocked.Increment(ref box.Value);
    }

    /// <summary>Calls counted for a tenant since start or the last <see cref="Reset"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The count.</returns>
    public virtual long GetCalls(string tenant)
        => _shared is not null ? _shared.Get(Platform, tenant)
            : _counts.TryGetValue(tenant, out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>Calls and estimated cost for a tenant.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="edition">The tenant's edition.</param>
    /// <param name="contractAmount">The tenant's contract amount in CNY.</param>
    /// <returns>The usage.</returns>
    public virtual JushuitanUsage GetUsage(string tenant, JushuitanEdition edition, decimal contractAmount)
    {
        var calls = GetCalls(tenant);
        return new JushuitanUsage(tenant, calls, FreeCalls(edition, contractAmount), EstimateCost(calls, edition, contractAmount));
    }

    /// <summary>Every tenant's call count.</summary>
    /// <returns>Tenant → calls.</returns>
    public virtual IReadOnlyDictionary<string, long> Snapshot()
        => _shared is not null ? _shared.Snapshot(Platform)
            : _counts.ToDictionary(p => p.Key, p => Interlocked.Read(ref p.Value.Value), StringComparer.Ordinal);

    /// <summary>Starts a new billing period for a tenant and returns the calls counted in the one that ended.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The calls of the ended period.</returns>
    public virtual long Reset(string tenant)
        => _shared is not null ? _shared.Reset(Platform, tenant)
            : _counts.TryGetValue(tenant, out var box) ? Interlocked.Exchange(ref box.Value, 0) : 0;

    private sealed class StrongBox
    {
        public long Value;
    }
}
