namespace PlatformSdk.Logistics.Sync;

/// <summary>How far a batch sync (<see cref="ShipmentSyncEngine.SyncAsync"/>) has come, reported after every shipment.</summary>
public sealed class ShipmentSyncProgress
{
    /// <summary>The shipments in the batch.</summary>
    public int Total { get; init; }

    /// <summary>How many have an outcome.</summary>
    public int Completed { get; init; }

    /// <summary>How many ended <see cref="ShipmentSyncStatus.Synced"/> or <see cref="ShipmentSyncStatus.AlreadySynced"/>.</summary>
    public int Succeeded { get; init; }

    /// <summary>How many ended <see cref="ShipmentSyncStatus.Failed"/>.</summary>
    public int Failed { get; init; }

    /// <summary>How many ended <see cref="ShipmentSyncStatus.OutcomeUnknown"/> (check them on the platform).</summary>
    public int OutcomeUnknown { get; init; }

    /// <summary>How many are still pending: held, waiting for a manual sync, or to retry later.</summary>
    public int Pending { get; init; }

    /// <summary>How many were skipped (RLOG-38).</summary>
    public int Skipped { get; init; }

    /// <summary>The outcome that caused this report.</summary>
    public ShipmentSyncOutcome? Last { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"ShipmentSyncProgress({Completed}/{Total}: {Succeeded} ok, {Failed} failed, {OutcomeUnknown} unknown, {Pending} pending, {Skipped} skipped)";
}
