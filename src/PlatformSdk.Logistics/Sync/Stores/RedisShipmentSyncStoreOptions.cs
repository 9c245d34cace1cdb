namespace PlatformSdk.Logistics.Sync.Stores;

/// <summary>Settings of a <see cref="RedisShipmentSyncStore"/>.</summary>
public sealed class RedisShipmentSyncStoreOptions
{
    /// <summary>
    /// What every key of this store starts with; one store per prefix. The default carries a hash tag (<c>{…}</c>) so that all
    /// keys fall in one slot, which the store's scripts need on Redis Cluster.
    /// </summary>
    public string KeyPrefix { get; set; } = "{platformsdk-shipment-sync}:";

    /// <summary>The Redis database number; -1 (the default) is the connection's default database.</summary>
    public int Database { get; set; } = -1;

    /// <summary>
    /// Whether the store refuses to work on a server that is not configured to fsync every write (<c>appendonly yes</c> and
    /// <c>appendfsync always</c>), checked with <c>CONFIG GET</c> at first use. On by default: with <c>appendfsync everysec</c>
    /// a server crash loses up to a second of recorded send starts, and a restart would send those shipments again. A server
    /// whose setting cannot be read (CONFIG disabled, or Garnet, which does not report <c>appendfsync</c>) counts as not durable.
    /// Set to <see langword="false"/> only knowingly, for example when replication or the host's own guarantees stand in for it.
    /// </summary>
    public bool RequireAppendFsyncAlways { get; set; } = true;

    /// <summary>
    /// The clock for leases and retry times (the server's clock is never used); tests pass a fake one. <see langword="null"/>
    /// (the default): the system clock, or, when registered with <c>AddRedisShipmentSyncStore</c>, the
    /// <see cref="System.TimeProvider"/> registered in the container.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }
}
