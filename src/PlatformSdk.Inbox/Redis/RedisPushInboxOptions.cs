namespace PlatformSdk.Inbox.Redis;

/// <summary>Settings of a <see cref="RedisPushInbox"/>.</summary>
public sealed class RedisPushInboxOptions
{
    /// <summary>
    /// What every key of this inbox starts with; one inbox per prefix. The default carries a hash tag (<c>{…}</c>) so that all
    /// keys fall in one slot, which the inbox's scripts need on Redis Cluster.
    /// </summary>
    public string KeyPrefix { get; set; } = "{platformsdk-inbox}:";

    /// <summary>The Redis database number; -1 (the default) is the connection's default database.</summary>
    public int Database { get; set; } = -1;

    /// <summary>How many deliveries a message gets before it moves to the dead letters instead of being handed out again; at least 1.</summary>
    public int MaxDeliveries { get; set; } = 10;

    /// <summary>
    /// Whether the inbox refuses to work on a server that is not configured to fsync every write (<c>appendonly yes</c> and
    /// <c>appendfsync always</c>), checked with <c>CONFIG GET</c> at first use. On by default: with <c>appendfsync everysec</c>
    /// a server crash loses up to a second of acknowledged pushes, which the platform will not push again. A server whose
    /// setting cannot be read (CONFIG disabled, or Garnet, which does not report <c>appendfsync</c>) counts as not durable.
    /// Set to <see langword="false"/> only knowingly, for example when replication or the host's own guarantees stand in for it.
    /// </summary>
    public bool RequireAppendFsyncAlways { get; set; } = true;

    /// <summary>
    /// The clock for lease deadlines and message ids (the server's clock is never used); tests pass a fake one.
    /// <see langword="null"/> (the default): the system clock, or, when registered with <c>AddRedisPushInbox</c>, the
    /// <see cref="System.TimeProvider"/> registered in the container.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }
}
