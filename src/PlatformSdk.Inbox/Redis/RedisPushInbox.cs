using System.Globalization;
using PlatformSdk.Errors;
using PlatformSdk.Storage;
using PlatformSdk.Validation;
using StackExchange.Redis;

namespace PlatformSdk.Inbox.Redis;

/// <summary>
/// An <see cref="IPushInbox"/> on a Redis (7 or later) or Garnet server that several receiver instances share. Every
/// operation is one Lua script over a fixed set of keys under <see cref="RedisPushInboxOptions.KeyPrefix"/> (hashes and sorted
/// sets only), so storing with deduplication, leasing, completing with a token check, abandoning, dead-lettering and replaying
/// are each atomic. Lease deadlines are unix milliseconds from the inbox's <see cref="TimeProvider"/>, passed to the scripts:
/// the server's clock is never read.
/// </summary>
/// <remarks>
/// <para>
/// A push is only as durable as the server makes it: at first use the inbox reads <c>CONFIG GET appendonly</c> and
/// <c>CONFIG GET appendfsync</c> and, unless <see cref="RedisPushInboxOptions.RequireAppendFsyncAlways"/> is
/// <see langword="false"/>, refuses (a <see cref="ErrorCategory.Configuration"/> <see cref="PlatformException"/>) a server that
/// is not <c>appendonly yes</c> with <c>appendfsync always</c>, or whose settings it cannot read. The check is repeated on each
/// call until it passes, so fixing the server needs no restart.
/// </para>
/// <para>
/// Failures of the server are <see cref="PlatformException"/>s with category <see cref="ErrorCategory.Transient"/>, code
/// <see cref="InboxErrorCodes.Unavailable"/> and <see cref="PlatformException.MayHaveBeenProcessed"/> set. A completed message
/// keeps only its deduplication entry (late redeliveries are still recognised); its body is deleted.
/// </para>
/// </remarks>
public sealed class RedisPushInbox : IPushInbox
{
    private const int PayloadVersion = 1;
    private const int MaxExpiredPerLease = 1000;

    // KEYS, in this order, for every script: 1 dedup (hash "source/key" -> id), 2 seq (counter), 3 payload (hash id -> push),
    // 4 seqof (hash id -> arrival number), 5 count (hash id -> deliveries), 6 error (hash id -> last error), 7 ready (zset of
    // ids by arrival), 8 leases (zset of "id|token" by lease deadline), 9 dead (zset of ids by arrival), 10 keyof (hash id ->
    // its dedup field, so a purge can drop the dedup entry), 11 completed (zset of completed ids by completion time). A message
    // is in at most one of ready, leases and dead; a completed one keeps only its dedup entry until it is purged. Every state change is claimed by one command whose answer says whether
    // this caller won (HSETNX, ZREM): on Redis a script is atomic anyway, but Garnet runs scripts without isolation unless
    // started with --lua-transaction-mode, and the claim keeps two receivers from ever holding one message there too.
    // The lease token is part of the lease's member, so ZREM of "id|token" is the token check and the release in one step.
    private const string StoreScript = """
        if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
          return {redis.call('HGET', KEYS[1], ARGV[1]), 1}
        end
        local seq = redis.call('INCR', KEYS[2])
        redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
        redis.call('HSET', KEYS[4], ARGV[2], seq)
        redis.call('HSET', KEYS[5], ARGV[2], 0)
        redis.call('HSET', KEYS[10], ARGV[2], ARGV[1])
        if ARGV[4] == 'dead' then
          redis.call('HSET', KEYS[6], ARGV[2], ARGV[5])
          redis.call('ZADD', KEYS[9], seq, ARGV[2])
        else
          redis.call('ZADD', KEYS[7], seq, ARGV[2])
        end
        return {ARGV[2], 0}
        """;

    private const string LeaseScript = """
        local maxd = tonumber(ARGV[4])
        local expired = redis.call('ZRANGEBYSCORE', KEYS[8], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[6]))
        for _, member in ipairs(expired) do
          if redis.call('ZREM', KEYS[8], member) == 1 then
            local id = string.sub(member, 1, string.find(member, '|', 1, true) - 1)
            local seq = redis.call('HGET', KEYS[4], id)
            local count = tonumber(redis.call('HGET', KEYS[5], id) or '0')
            if count >= maxd then
              redis.call('HSET', KEYS[6], id, 'The lease ended without completion after ' .. count .. ' deliveries (MaxDeliveries ' .. maxd .. ').')
              redis.call('ZADD', KEYS[9], seq, id)
            else
              redis.call('ZADD', KEYS[7], seq, id)
            end
          end
        end
        local wanted = tonumber(ARGV[3])
        local out = {}
        for round = 1, 100 do
          local ids = redis.call('ZRANGE', KEYS[7], 0, wanted - #out - 1)
          if #ids == 0 then break end
          for _, id in ipairs(ids) do
            if redis.call('ZREM', KEYS[7], id) == 1 then
              local count = redis.call('HINCRBY', KEYS[5], id, 1)
              local token = ARGV[5] .. ':' .. (#out + 1)
              redis.call('ZADD', KEYS[8], ARGV[2], id .. '|' .. token)
              local err = redis.call('HGET', KEYS[6], id)
              out[#out + 1] = {id, count, token, redis.call('HGET', KEYS[3], id) or '', err and 1 or 0, err or ''}
            end
          end
          if #out >= wanted then break end
        end
        return out
        """;

    private const string CompleteScript = """
        if redis.call('ZREM', KEYS[8], ARGV[1] .. '|' .. ARGV[2]) == 0 then return 0 end
        redis.call('HDEL', KEYS[3], ARGV[1])
        redis.call('HDEL', KEYS[4], ARGV[1])
        redis.call('HDEL', KEYS[5], ARGV[1])
        redis.call('HDEL', KEYS[6], ARGV[1])
        redis.call('ZADD', KEYS[11], ARGV[3], ARGV[1])
        return 1
        """;

    private const string PurgeScript = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[11], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        local purged = 0
        for _, id in ipairs(ids) do
          if redis.call('ZREM', KEYS[11], id) == 1 then
            local field = redis.call('HGET', KEYS[10], id)
            if field then redis.call('HDEL', KEYS[1], field) end
            redis.call('HDEL', KEYS[10], id)
            purged = purged + 1
          end
        end
        return purged
        """;

    private const string AbandonScript = """
        if redis.call('ZREM', KEYS[8], ARGV[1] .. '|' .. ARGV[2]) == 0 then return 0 end
        redis.call('HSET', KEYS[6], ARGV[1], ARGV[3])
        local seq = redis.call('HGET', KEYS[4], ARGV[1])
        local count = tonumber(redis.call('HGET', KEYS[5], ARGV[1]) or '0')
        if count >= tonumber(ARGV[4]) then
          redis.call('ZADD', KEYS[9], seq, ARGV[1])
        else
          redis.call('ZADD', KEYS[7], seq, ARGV[1])
        end
        return 1
        """;

    private const string ListDeadScript = """
        local ids = redis.call('ZRANGE', KEYS[9], 0, tonumber(ARGV[1]) - 1)
        local out = {}
        for _, id in ipairs(ids) do
          local err = redis.call('HGET', KEYS[6], id)
          out[#out + 1] = {id, tonumber(redis.call('HGET', KEYS[5], id) or '0'), '', redis.call('HGET', KEYS[3], id) or '', err and 1 or 0, err or ''}
        end
        return out
        """;

    private const string ReplayScript = """
        if redis.call('ZREM', KEYS[9], ARGV[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[5], ARGV[1], 0)
        redis.call('ZADD', KEYS[7], redis.call('HGET', KEYS[4], ARGV[1]), ARGV[1])
        return 1
        """;

    private static readonly ValidationGuard Guard = new(InboxErrorCodes.Platform);
    private static readonly string[] KeyNames = ["dedup", "seq", "payload", "seqof", "count", "error", "ready", "leases", "dead", "keyof", "completed"];

    private readonly RedisDurableDatabase _store;
    private readonly RedisPushInboxOptions _options;
    private readonly TimeProvider _time;
    private readonly RedisKey[] _keys;

    /// <summary>Creates an inbox on a connection the application owns (and disposes).</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="options">The settings.</param>
    /// <exception cref="PlatformValidationException">A setting is out of range.</exception>
    public RedisPushInbox(IConnectionMultiplexer connection, RedisPushInboxOptions options)
    {
        Guard.NotNull("connection", connection);
        Validate(options);
        _options = options;
        _time = options.TimeProvider ?? TimeProvider.System;
        _store = new RedisDurableDatabase(connection.GetDatabase(options.Database), options.RequireAppendFsyncAlways, NotDurable, Unavailable);
        var prefix = options.KeyPrefix;
        _keys = [.. KeyNames.Select(k => (RedisKey)(prefix + k))];
    }

    /// <summary>Refuses settings out of range; the one check both the constructor and the start-up validation run.</summary>
    internal static void Validate(RedisPushInboxOptions options)
    {
        Guard.NotNull("options", options);
        Guard.Required("KeyPrefix", options.KeyPrefix);
        Guard.InRange("MaxDeliveries", options.MaxDeliveries, 1, int.MaxValue);
        Guard.InRange("Database", options.Database, -1, 10_000);
    }

    /// <inheritdoc />
    /// <exception cref="PlatformException">The server failed (the push may or may not be stored), or is not durable enough (see the class remarks).</exception>
    public ValueTask<InboxStoreResult> StoreAsync(InboxPush push, CancellationToken cancellationToken = default)
    {
        var payload = RedisPayload.Write(push, Guard);
        return RunAsync(async db => ToStoreResult(await db.ScriptEvaluateAsync(StoreScript, _keys,
            [DedupField(push), NewId(), payload, "ready", string.Empty]).ConfigureAwait(false)), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<InboxStoreResult> DeadLetterAsync(InboxPush push, string reason, CancellationToken cancellationToken = default)
    {
        var payload = RedisPayload.Write(push, Guard);
        Guard.NotNull("reason", reason);
        return RunAsync(async db => ToStoreResult(await db.ScriptEvaluateAsync(StoreScript, _keys,
            [DedupField(push), NewId(), payload, "dead", reason]).ConfigureAwait(false)), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InboxMessage>> LeaseAsync(int maxMessages, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        Guard.InRange("maxMessages", maxMessages, 1, 10_000);
        if (leaseDuration <= TimeSpan.Zero || leaseDuration > TimeSpan.FromDays(7))
        {
            Guard.Fail("leaseDuration", leaseDuration.ToString("c", CultureInfo.InvariantCulture), null, "more than 0 and at most 7 days.");
        }

        return RunAsync<IReadOnlyList<InboxMessage>>(async db =>
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var until = now + (long)leaseDuration.TotalMilliseconds;
            var result = await db.ScriptEvaluateAsync(LeaseScript, _keys,
                [now, until, maxMessages, _options.MaxDeliveries, Guid.NewGuid().ToString("N"), MaxExpiredPerLease]).ConfigureAwait(false);
            return ToMessages(result, DateTimeOffset.FromUnixTimeMilliseconds(until));
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>A lease that ended but was not yet handed to anyone else still completes: the work is done, so it is not repeated.</remarks>
    public ValueTask<bool> CompleteAsync(InboxMessage message, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("message", message);
        return RunAsync(async db => (long)await db.ScriptEvaluateAsync(CompleteScript, _keys,
            [message.MessageId, message.LeaseToken, _time.GetUtcNow().ToUnixTimeMilliseconds()]).ConfigureAwait(false) == 1, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> AbandonAsync(InboxMessage message, string reason, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("message", message);
        Guard.NotNull("reason", reason);
        return RunAsync(async db => (long)await db.ScriptEvaluateAsync(AbandonScript, _keys,
            [message.MessageId, message.LeaseToken, reason, _options.MaxDeliveries]).ConfigureAwait(false) == 1, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InboxMessage>> ListDeadLettersAsync(int maxMessages, CancellationToken cancellationToken = default)
    {
        Guard.InRange("maxMessages", maxMessages, 1, 10_000);
        return RunAsync<IReadOnlyList<InboxMessage>>(async db => ToMessages(
            await db.ScriptEvaluateAsync(ListDeadScript, _keys, [maxMessages]).ConfigureAwait(false), leasedUntil: null), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> ReplayAsync(string messageId, CancellationToken cancellationToken = default)
    {
        Guard.Required("messageId", messageId);
        return RunAsync(async db => (long)await db.ScriptEvaluateAsync(ReplayScript, _keys, [messageId]).ConfigureAwait(false) == 1, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Messages completed before this version of the store kept no dedup field of their own and are not purged.</remarks>
    public ValueTask<int> PurgeCompletedAsync(DateTimeOffset completedBefore, int maxMessages, CancellationToken cancellationToken = default)
    {
        Guard.InRange("maxMessages", maxMessages, 1, 10_000);
        return RunAsync(async db => (int)(long)await db.ScriptEvaluateAsync(PurgeScript, _keys,
            [completedBefore.ToUnixTimeMilliseconds(), maxMessages]).ConfigureAwait(false), cancellationToken);
    }

    private static string DedupField(InboxPush push)
        // Length-prefixed so that no source/key pair can spell another one.
        => string.Create(CultureInfo.InvariantCulture, $"{push.Source.Length}:{push.Source}{push.DeduplicationKey}");

    private string NewId()
    {
        // Time-ordered for people reading logs, random for uniqueness across receivers (the same shape as the SQLite store's ids).
        Span<byte> random = stackalloc byte[10];
        System.Security.Cryptography.RandomNumberGenerator.Fill(random);
        return string.Create(CultureInfo.InvariantCulture, $"{_time.GetUtcNow().ToUnixTimeMilliseconds():x12}{Convert.ToHexString(random).ToLowerInvariant()}");
    }

    private static InboxStoreResult ToStoreResult(RedisResult result)
    {
        var parts = (RedisResult[])result!;
        return new InboxStoreResult((string)parts[0]!, (long)parts[1] == 1);
    }

    private static List<InboxMessage> ToMessages(RedisResult result, DateTimeOffset? leasedUntil)
    {
        var rows = (RedisResult[])result!;
        var messages = new List<InboxMessage>(rows.Length);
        foreach (var row in rows)
        {
            var fields = (RedisResult[])row!;
            var id = (string)fields[0]!;
            messages.Add(new InboxMessage
            {
                MessageId = id,
                DeliveryCount = (int)(long)fields[1],
                LeaseToken = (string?)fields[2] ?? string.Empty,
                LeasedUntil = leasedUntil,
                Push = RedisPayload.Read(id, (byte[]?)fields[3] ?? []),
                LastError = (long)fields[4] == 1 ? (string?)fields[5] : null,
            });
        }

        return messages;
    }

    private ValueTask<T> RunAsync<T>(Func<IDatabase, Task<T>> work, CancellationToken cancellationToken) => _store.RunAsync(work, cancellationToken);

    private static PlatformException NotDurable((string? AppendOnly, string? AppendFsync) settings)
        => RedisDurability.NotDurable(InboxErrorCodes.Platform, InboxErrorCodes.NotDurable, settings,
            "a server crash could lose pushes that were already acknowledged, and the platform would not push them again",
            "knowing that a crash may lose the last acknowledged pushes, set RedisPushInboxOptions.RequireAppendFsyncAlways = false");

    private static PlatformException Unavailable(Exception cause) => DurableStoreFailure.Unavailable(
        InboxErrorCodes.Platform, InboxErrorCodes.Unavailable, "inbox store",
        "Answer the platform with a failure so that it pushes again (the redelivery is deduplicated); check that the Redis server is up and reachable.", cause);
}
