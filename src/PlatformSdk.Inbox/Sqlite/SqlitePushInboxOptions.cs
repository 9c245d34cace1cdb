namespace PlatformSdk.Inbox.Sqlite;

/// <summary>Settings of a <see cref="SqlitePushInbox"/>.</summary>
public sealed class SqlitePushInboxOptions
{
    /// <summary>The database file; created with its schema at first open. Several processes on one machine may share it (not over a network share: SQLite's locks need a local file system).</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>How many deliveries a message gets before it moves to the dead letters instead of being handed out again; at least 1.</summary>
    public int MaxDeliveries { get; set; } = 10;

    /// <summary>How long a call waits for another connection or process that holds the write lock before it fails as transient.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most operations the writer commits in one transaction (group commit); at least 1.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// The clock for lease expiry and store times; tests pass a fake one. <see langword="null"/> (the default): the system clock,
    /// or, when registered with <c>AddSqlitePushInbox</c>, the <see cref="System.TimeProvider"/> registered in the container.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }
}
