using PlatformSdk.Logistics.Sync.Stores;
using PlatformSdk.Validation;

namespace PlatformSdk.Logistics.Sync;

/// <summary>
/// The reference <see cref="IShipmentSyncStore"/>: in process memory, for tests and for ERPs that keep sync state elsewhere.
/// Nothing survives the process; use the SQLite or Redis store where a restart must not forget what was sent.
/// </summary>
public sealed class InMemoryShipmentSyncStore : IShipmentSyncStore
{
    private static readonly ValidationGuard Guard = new(ShipmentSyncErrorCodes.Platform);
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _order;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock for leases and retry times; <see cref="TimeProvider.System"/> when null.</param>
    public InMemoryShipmentSyncStore(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public ValueTask<ShipmentSyncRecord> AddAsync(Shipment shipment, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("shipment", shipment);
        Guard.Required("shipment.ShipmentId", shipment.ShipmentId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_entries.TryGetValue(shipment.ShipmentId, out var entry))
            {
                entry = new Entry(++_order, new ShipmentSyncRecord
                {
                    ShipmentId = shipment.ShipmentId, State = ShipmentSyncState.Pending, SendsStarted = 0, Shipment = shipment, Version = 1,
                });
                _entries.Add(shipment.ShipmentId, entry);
            }

            return ValueTask.FromResult(entry.Record);
        }
    }

    /// <inheritdoc />
    public ValueTask<ShipmentClaim?> TryClaimAsync(string shipmentId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        Guard.Required("shipmentId", shipmentId);
        if (lease <= TimeSpan.Zero)
        {
            Guard.Fail("lease", lease.ToString("c", System.Globalization.CultureInfo.InvariantCulture), null, "more than 0.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_entries.TryGetValue(shipmentId, out var entry) || entry.Record.State == ShipmentSyncState.Done || (entry.Token is not null && entry.Until > now))
            {
                return ValueTask.FromResult<ShipmentClaim?>(null);
            }

            entry.Token = Guid.NewGuid().ToString("N");
            entry.Until = now + lease;
            return ValueTask.FromResult<ShipmentClaim?>(new ShipmentClaim(shipmentId, entry.Token, entry.Until, entry.Record));
        }
    }

    /// <inheritdoc />
    public ValueTask<ShipmentClaim?> BeginSendAsync(ShipmentClaim claim, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("claim", claim);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!Holds(claim, out var entry))
            {
                return ValueTask.FromResult<ShipmentClaim?>(null);
            }

            entry.Record = With(entry.Record, ShipmentSyncState.Sending, entry.Record.SendsStarted + 1, entry.Record.Outcome, null);
            return ValueTask.FromResult<ShipmentClaim?>(claim with { Record = entry.Record });
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteAsync(ShipmentClaim claim, ShipmentSyncOutcome outcome, bool final, DateTimeOffset? notBefore = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("claim", claim);
        Guard.NotNull("outcome", outcome);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!Holds(claim, out var entry))
            {
                return ValueTask.FromResult(false);
            }

            entry.Record = With(entry.Record, final ? ShipmentSyncState.Done : ShipmentSyncState.Pending, entry.Record.SendsStarted, outcome, final ? null : notBefore);
            entry.Token = null;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<ShipmentSyncRecord?> GetAsync(string shipmentId, CancellationToken cancellationToken = default)
    {
        Guard.Required("shipmentId", shipmentId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_entries.TryGetValue(shipmentId, out var entry) ? entry.Record : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<ShipmentSyncPage> ListResumableAsync(int maxRecords, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        Guard.InRange("maxRecords", maxRecords, 1, 10_000);
        var after = ShipmentSyncPage.After(continuationToken, Guard);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var found = _entries.Values
                .Where(e => e.Order > after && e.Record.State != ShipmentSyncState.Done && (e.Token is null || e.Until <= now)
                    && (e.Record.NotBefore is null || e.Record.NotBefore <= now))
                .OrderBy(e => e.Order)
                .Take(maxRecords)
                .ToList();
            return ValueTask.FromResult(new ShipmentSyncPage
            {
                Records = found.ConvertAll(e => e.Record),
                ContinuationToken = found.Count == maxRecords ? ShipmentSyncPage.Token(found[^1].Order) : null,
            });
        }
    }

    private bool Holds(ShipmentClaim claim, out Entry entry)
        => _entries.TryGetValue(claim.ShipmentId, out entry!) && string.Equals(entry.Token, claim.Token, StringComparison.Ordinal)
           && entry.Until > _time.GetUtcNow();

    private static ShipmentSyncRecord With(ShipmentSyncRecord record, ShipmentSyncState state, int sends, ShipmentSyncOutcome? outcome, DateTimeOffset? notBefore) => new()
    {
        ShipmentId = record.ShipmentId,
        State = state,
        SendsStarted = sends,
        Outcome = outcome,
        Shipment = record.Shipment,
        NotBefore = notBefore,
        Version = record.Version + 1,
    };

    private sealed class Entry(long order, ShipmentSyncRecord record)
    {
        public long Order { get; } = order;

        public ShipmentSyncRecord Record { get; set; } = record;

        public string? Token { get; set; }

        public DateTimeOffset Until { get; set; }
    }
}
