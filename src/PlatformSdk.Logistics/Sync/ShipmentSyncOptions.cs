namespace PlatformSdk.Logistics.Sync;

/// <summary>Whether shipments sync as soon as they are submitted (the seed's automatic switch).</summary>
public enum ShipmentSyncMode
{
    /// <summary>A submitted shipment is synced at once.</summary>
    Automatic,

    /// <summary>A submitted shipment is recorded <see cref="ShipmentSyncStatus.WaitingForManualSync"/> until <see cref="ShipmentSyncEngine.SyncNowAsync"/>.</summary>
    Manual,
}

/// <summary>When a shipment of some of an order's sub-orders is synced (RLOG-09, split orders in distribution).</summary>
public enum ShipmentSplitPolicy
{
    /// <summary>Sync each shipment as soon as it is submitted, even if other sub-orders have not shipped (they may then be intercepted).</summary>
    WhenAnySubOrderShips,

    /// <summary>
    /// Hold (<see cref="ShipmentSyncStatus.Held"/>) a shipment of some sub-orders until shipments covering every sub-order in
    /// <see cref="Shipment.OrderSubOrderIds"/> are submitted, then sync them all.
    /// </summary>
    WhenAllSubOrdersShipped,
}

/// <summary>The shipment sync engine's settings (section <c>PlatformSdk:Logistics:Sync</c>).</summary>
public sealed class ShipmentSyncOptions
{
    /// <summary>Automatic (default) or manual sync.</summary>
    public ShipmentSyncMode Mode { get; set; } = ShipmentSyncMode.Automatic;

    /// <summary>The split policy (RLOG-09); default <see cref="ShipmentSplitPolicy.WhenAnySubOrderShips"/>.</summary>
    public ShipmentSplitPolicy SplitPolicy { get; set; } = ShipmentSplitPolicy.WhenAnySubOrderShips;

    /// <summary>The most sends one sync of one shipment makes (the retry budget, first send included); at least 1. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry; doubled for every further retry up to <see cref="MaxDelay"/>. Default 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between retries inside one sync. A platform that asks for a longer pause (<c>RetryAfter</c>, PDD's 120
    /// seconds, RLOG-49) ends the sync with <see cref="ShipmentSyncStatus.RetryLater"/> and a not-before time instead. Default 30 seconds.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a worker holds a shipment (its claim in the store); longer than a send plus <see cref="MaxDelay"/>. Default 5 minutes.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many shipments <see cref="ShipmentSyncEngine.SyncAsync"/> syncs at once; at least 1. Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How many records <see cref="ShipmentSyncEngine.ResumeAsync"/> reads from the store at a time; 1 to 10,000. Default 500.</summary>
    public int ResumeBatchSize { get; set; } = 500;

    /// <summary>How many records one <see cref="ShipmentSyncEngine.ResumeAsync"/> call works on at most; at least 1. Default 100,000.</summary>
    public int MaxResumeRecords { get; set; } = 100_000;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(ResumeBatchSize, 1, nameof(ResumeBatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ResumeBatchSize, 10_000, nameof(ResumeBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResumeRecords, 1, nameof(MaxResumeRecords));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Lease, MaxDelay, nameof(Lease));
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "Not a sync mode.");
        }

        if (!Enum.IsDefined(SplitPolicy))
        {
            throw new ArgumentOutOfRangeException(nameof(SplitPolicy), SplitPolicy, "Not a split policy.");
        }
    }
}
