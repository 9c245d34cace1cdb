namespace PlatformSdk.Logistics.Sync.Stores;

/// <summary>The error codes of <see cref="PlatformSdk.Errors.PlatformException"/>s thrown by shipment sync stores (platform <see cref="Platform"/>).</summary>
public static class ShipmentSyncErrorCodes
{
    /// <summary>The platform name store errors carry, since a sync store belongs to no single platform.</summary>
    public const string Platform = "ShipmentSync";

    /// <summary>
    /// The store could not be read or written (locked by another process for too long, disk full, I/O error, server down).
    /// Transient; the call's change may or may not have been written, so a worker re-reads the record before it sends.
    /// </summary>
    public const string Unavailable = "shipment-sync-unavailable";

    /// <summary>
    /// The store's server does not make a change durable (a Redis server without <c>appendonly yes</c> and
    /// <c>appendfsync always</c>, or one whose settings cannot be read). Configuration: fix the server, or opt out knowingly.
    /// </summary>
    public const string NotDurable = "shipment-sync-not-durable";

    /// <summary>The store was created by a newer version of this package; open it with that version.</summary>
    public const string SchemaTooNew = "shipment-sync-schema-too-new";

    /// <summary>A stored record cannot be read (its JSON is damaged or was written by something else).</summary>
    public const string CorruptRecord = "shipment-sync-corrupt-record";
}
