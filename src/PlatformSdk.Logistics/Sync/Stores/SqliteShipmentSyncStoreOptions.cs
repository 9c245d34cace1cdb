namespace PlatformSdk.Logistics.Sync.Stores;

/// <summary>Settings of a <see cref="SqliteShipmentSyncStore"/>.</summary>
public sealed class SqliteShipmentSyncStoreOptions
{
    /// <summary>The database file; created with its schema at first open. Several processes on one machine may share it (not over a network share: SQLite's locks need a local file system).</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>How long a call waits for another connection or process that holds the write lock before it fails as transient.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many changes of concurrent callers the store commits together at most (group commit: one fsync for all of them);
    /// 1 to 100,000. Default 512. A caller still returns only after its own change is committed.
    /// </summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// The clock for leases and retry times; tests pass a fake one. <see langword="null"/> (the default): the system clock, or,
    /// when registered with <c>AddSqliteShipmentSyncStore</c>, the <see cref="System.TimeProvider"/> registered in the container.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }
}
