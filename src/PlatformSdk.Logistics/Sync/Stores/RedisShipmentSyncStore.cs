using System.Globalization;
using PlatformSdk.Errors;
using PlatformSdk.Storage;
using PlatformSdk.Validation;
using StackExchange.Redis;

namespace PlatformSdk.Logistics.Sync.Stores;

/// <summary>
/// An <see cref="IShipmentSyncStore"/> on a Redis (7 or later) or Garnet server that several workers share. Every operation is
/// one Lua script over a fixed set of keys under <see cref="RedisShipmentSyncStoreOptions.KeyPrefix"/> (hashes and sorted sets
/// only), so adding, claiming, beginning a send and completing are each atomic, and a write checks the claim's token (fencing):
/// a worker whose lease ended and was taken over writes nothing. Lease deadlines and retry times are unix milliseconds from the
/// store's <see cref="TimeProvider"/>, passed to the scripts: the server's clock is never read.
/// </summary>
/// <remarks>
/// <para>
/// A change is only as durable as the server makes it: at first use the store reads <c>CONFIG GET appendonly</c> and
/// <c>CONFIG GET appendfsync</c> and, unless <see cref="RedisShipmentSyncStoreOptions.RequireAppendFsyncAlways"/> is
/// <see langword="false"/>, refuses (a <see cref="ErrorCategory.Configuration"/> <see cref="PlatformException"/>, code
/// <see cref="ShipmentSyncErrorCodes.NotDurable"/>) a server that is not <c>appendonly yes</c> with <c>appendfsync always</c>,
/// or whose settings it cannot read. The check is repeated on each call until it passes, so fixing the server needs no restart.
/// </para>
/// <para>
/// Failures of the server are <see cref="PlatformException"/>s with category <see cref="ErrorCategory.Transient"/>, code
/// <see cref="ShipmentSyncErrorCodes.Unavailable"/> and <see cref="PlatformException.MayHaveBeenProcessed"/> set.
/// </para>
/// </remarks>
public sealed class RedisShipmentSyncStore : IShipmentSyncStore
{
    // KEYS, in this order, for every script: 1 seq (counter), 2 state (hash id -> 0 pending, 1 sending, 2 done), 3 sends (hash
    // id -> sends started), 4 version (hash), 5 shipment (hash id -> JSON), 6 outcome (hash id -> JSON), 7 notbefore (hash id ->
    // unix ms), 8 lease (hash id -> current token), 9 leases (zset "id|token" by lease deadline), 10 open (zset of not-done ids
    // by arrival). Every hold changes hands through one command whose answer says whether this caller won (HSETNX, ZREM): on
    // Redis a script is atomic anyway, but Garnet runs scripts without isolation unless started with --lua-transaction-mode,
    // and the claim step keeps two workers from ever holding one shipment there too.
    private const string ReadRecord = """
        local function rec(id)
          local st = redis.call('HGET', KEYS[2], id)
          if not st then return false end
          return {id, st, redis.call('HGET', KEYS[3], id) or '0', redis.call('HGET', KEYS[4], id) or '0',
            redis.call('HGET', KEYS[5], id) or '', redis.call('HGET', KEYS[6], id) or '', redis.call('HGET', KEYS[7], id) or ''}
        end
        local function holds(id, token, now)
          if redis.call('HGET', KEYS[8], id) ~= token then return false end
          local u = redis.call('ZSCORE', KEYS[9], id .. '|' .. token)
          return u and tonumber(u) > now
        end
        local function leased(id, now)
          local tok = redis.call('HGET', KEYS[8], id)
          if not tok then return false end
          local u = redis.call('ZSCORE', KEYS[9], id .. '|' .. tok)
          return u and tonumber(u) > now
        end
        """;

    private const string AddScript = ReadRecord + "\n" + """
        if redis.call('HSETNX', KEYS[5], ARGV[1], ARGV[2]) == 1 then
          local seq = redis.call('INCR', KEYS[1])
          redis.call('HSET', KEYS[3], ARGV[1], 0)
          redis.call('HSET', KEYS[4], ARGV[1], 1)
          redis.call('HSET', KEYS[2], ARGV[1], 0)
          redis.call('ZADD', KEYS[10], seq, ARGV[1])
        end
        return rec(ARGV[1])
        """;

    private const string ClaimScript = ReadRecord + "\n" + """
        local id, now = ARGV[1], tonumber(ARGV[2])
        local st = redis.call('HGET', KEYS[2], id)
        if not st or st == '2' then return false end
        local old = redis.call('HGET', KEYS[8], id)
        if old then
          local u = redis.call('ZSCORE', KEYS[9], id .. '|' .. old)
          if u and tonumber(u) > now then return false end
          if u and redis.call('ZREM', KEYS[9], id .. '|' .. old) == 0 then return false end
          redis.call('HSET', KEYS[8], id, ARGV[4])
        elseif redis.call('HSETNX', KEYS[8], id, ARGV[4]) == 0 then
          return false
        end
        redis.call('ZADD', KEYS[9], ARGV[3], id .. '|' .. ARGV[4])
        return rec(id)
        """;

    private const string BeginScript = ReadRecord + "\n" + """
        local id = ARGV[1]
        if not holds(id, ARGV[2], tonumber(ARGV[3])) or redis.call('HGET', KEYS[2], id) == '2' then return false end
        redis.call('HSET', KEYS[2], id, 1)
        redis.call('HINCRBY', KEYS[3], id, 1)
        redis.call('HINCRBY', KEYS[4], id, 1)
        redis.call('HDEL', KEYS[7], id)
        return rec(id)
        """;

    private const string CompleteScript = ReadRecord + "\n" + """
        local id = ARGV[1]
        if not holds(id, ARGV[2], tonumber(ARGV[3])) or redis.call('HGET', KEYS[2], id) == '2' then return 0 end
        if redis.call('ZREM', KEYS[9], id .. '|' .. ARGV[2]) == 0 then return 0 end
        redis.call('HDEL', KEYS[8], id)
        redis.call('HSET', KEYS[6], id, ARGV[5])
        redis.call('HINCRBY', KEYS[4], id, 1)
        if ARGV[4] == '1' then
          redis.call('HSET', KEYS[2], id, 2)
          redis.call('HDEL', KEYS[7], id)
          redis.call('ZREM', KEYS[10], id)
        else
          redis.call('HSET', KEYS[2], id, 0)
          if ARGV[6] ~= '' then redis.call('HSET', KEYS[7], id, ARGV[6]) else redis.call('HDEL', KEYS[7], id) end
        end
        return 1
        """;

    private const string GetScript = ReadRecord + "\n" + """
        return rec(ARGV[1])
        """;

    // Scans the open set from just after the cursor, at most ARGV[4] entries per call (so one call never holds the server for
    // long however many records are unworkable), and returns the position of the last entry scanned first: 0 when the set
    // holds nothing further along.
    private const string ListScript = ReadRecord + "\n" + """
        local now, wanted, batch, budget = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
        local out = {0}
        local after = ARGV[5]
        local scanned = 0
        while #out - 1 < wanted and scanned < budget do
          local page = redis.call('ZRANGEBYSCORE', KEYS[10], '(' .. after, '+inf', 'WITHSCORES', 'LIMIT', 0, batch)
          if #page == 0 then return out end
          for i = 1, #page, 2 do
            local id = page[i]
            after = page[i + 1]
            scanned = scanned + 1
            local nb = redis.call('HGET', KEYS[7], id)
            if not leased(id, now) and (not nb or tonumber(nb) <= now) then
              local r = rec(id)
              if r then out[#out + 1] = r end
            end
            if #out - 1 >= wanted or scanned >= budget then break end
          end
        end
        out[1] = after
        return out
        """;

    // How many open records one list call may look at, workable or not.
    private const int ListScanBudget = 10_000;

    private static readonly ValidationGuard Guard = new(ShipmentSyncErrorCodes.Platform);
    private static readonly string[] KeyNames = ["seq", "state", "sends", "version", "shipment", "outcome", "notbefore", "lease", "leases", "open"];

    private readonly RedisDurableDatabase _store;
    private readonly TimeProvider _time;
    private readonly RedisKey[] _keys;

    /// <summary>Creates a store on a connection the application owns (and disposes).</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="options">The settings.</param>
    /// <exception cref="PlatformValidationException">A setting is out of range.</exception>
    public RedisShipmentSyncStore(IConnectionMultiplexer connection, RedisShipmentSyncStoreOptions options)
    {
        Guard.NotNull("connection", connection);
        Validate(options);
        _time = options.TimeProvider ?? TimeProvider.System;
        _store = new RedisDurableDatabase(connection.GetDatabase(options.Database), options.RequireAppendFsyncAlways, NotDurable, Unavailable);
        var prefix = options.KeyPrefix;
        _keys = [.. KeyNames.Select(k => (RedisKey)(prefix + k))];
    }

    /// <summary>The names (after the prefix) of every key the store writes; tests delete them.</summary>
    internal static IReadOnlyList<string> KeySuffixes => KeyNames;

    /// <summary>Refuses settings out of range; the one check both the constructor and the start-up validation run.</summary>
    internal static void Validate(RedisShipmentSyncStoreOptions options)
    {
        Guard.NotNull("options", options);
        Guard.Required("KeyPrefix", options.KeyPrefix);
        Guard.InRange("Database", options.Database, -1, 10_000);
    }

    /// <inheritdoc />
    /// <exception cref="PlatformException">The server failed (the shipment may or may not be added), or is not durable enough (see the class remarks).</exception>
    public ValueTask<ShipmentSyncRecord> AddAsync(Shipment shipment, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("shipment", shipment);
        Guard.Required("shipment.ShipmentId", shipment.ShipmentId);
        var json = ShipmentSyncJson.WriteShipment(shipment);
        return RunAsync(async db => ToRecord(await db.ScriptEvaluateAsync(AddScript, _keys, [shipment.ShipmentId, json]).ConfigureAwait(false))
            ?? throw Unavailable(new RedisException("The added shipment could not be read back.")), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ShipmentClaim?> TryClaimAsync(string shipmentId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        Guard.Required("shipmentId", shipmentId);
        if (lease <= TimeSpan.Zero || lease > TimeSpan.FromDays(7))
        {
            Guard.Fail("lease", lease.ToString("c", CultureInfo.InvariantCulture), null, "more than 0 and at most 7 days.");
        }

        return RunAsync(async db =>
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var until = now + (long)lease.TotalMilliseconds;
            var token = Guid.NewGuid().ToString("N");
            var record = ToRecord(await db.ScriptEvaluateAsync(ClaimScript, _keys, [shipmentId, now, until, token]).ConfigureAwait(false));
            return record is null ? null : new ShipmentClaim(shipmentId, token, DateTimeOffset.FromUnixTimeMilliseconds(until), record);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ShipmentClaim?> BeginSendAsync(ShipmentClaim claim, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("claim", claim);
        return RunAsync(async db =>
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var record = ToRecord(await db.ScriptEvaluateAsync(BeginScript, _keys, [claim.ShipmentId, claim.Token, now]).ConfigureAwait(false));
            return record is null ? null : claim with { Record = record };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteAsync(ShipmentClaim claim, ShipmentSyncOutcome outcome, bool final, DateTimeOffset? notBefore = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("claim", claim);
        Guard.NotNull("outcome", outcome);
        var json = ShipmentSyncJson.WriteOutcome(outcome);
        var retryAt = final || notBefore is null ? string.Empty : notBefore.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return RunAsync(async db =>
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            return (long)await db.ScriptEvaluateAsync(CompleteScript, _keys,
                [claim.ShipmentId, claim.Token, now, final ? "1" : "0", json, retryAt]).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ShipmentSyncRecord?> GetAsync(string shipmentId, CancellationToken cancellationToken = default)
    {
        Guard.Required("shipmentId", shipmentId);
        return RunAsync(async db => ToRecord(await db.ScriptEvaluateAsync(GetScript, _keys, [shipmentId]).ConfigureAwait(false)), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ShipmentSyncPage> ListResumableAsync(int maxRecords, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        Guard.InRange("maxRecords", maxRecords, 1, 10_000);
        var after = ShipmentSyncPage.After(continuationToken, Guard);
        return RunAsync(async db =>
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var rows = (RedisResult[])(await db.ScriptEvaluateAsync(ListScript, _keys, [now, maxRecords, 256, ListScanBudget, after]).ConfigureAwait(false))!;
            var list = new List<ShipmentSyncRecord>(rows.Length - 1);
            for (var i = 1; i < rows.Length; i++)
            {
                list.Add(ToRecord(rows[i])!);
            }

            var end = ParseNumber("(cursor)", (string?)rows[0]);
            return new ShipmentSyncPage { Records = list, ContinuationToken = end > after ? ShipmentSyncPage.Token(end) : null };
        }, cancellationToken);
    }

    private static ShipmentSyncRecord? ToRecord(RedisResult result)
    {
        if (result.IsNull || result.Resp2Type != ResultType.Array)
        {
            return null;
        }

        var fields = (RedisResult[])result!;
        var id = (string)fields[0]!;
        var state = (string?)fields[1] switch
        {
            "0" => ShipmentSyncState.Pending,
            "1" => ShipmentSyncState.Sending,
            "2" => ShipmentSyncState.Done,
            _ => throw ShipmentSyncJson.Corrupt(id, "state", null),
        };
        var notBefore = (string?)fields[6];
        return new ShipmentSyncRecord
        {
            ShipmentId = id,
            State = state,
            SendsStarted = ParseNumber(id, (string?)fields[2]) is var sends and <= int.MaxValue ? (int)sends : throw ShipmentSyncJson.Corrupt(id, "send count", null),
            Version = ParseNumber(id, (string?)fields[3]),
            Shipment = ShipmentSyncJson.ReadShipment(id, (string?)fields[4] ?? string.Empty),
            Outcome = ShipmentSyncJson.ReadOutcome(id, (string?)fields[5]),
            NotBefore = string.IsNullOrEmpty(notBefore) ? null : DateTimeOffset.FromUnixTimeMilliseconds(ParseNumber(id, notBefore)),
        };
    }

    private static long ParseNumber(string id, string? value)
        => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw ShipmentSyncJson.Corrupt(id, "counter", null);

    private ValueTask<T> RunAsync<T>(Func<IDatabase, Task<T>> work, CancellationToken cancellationToken) => _store.RunAsync(work, cancellationToken);

    private static PlatformException NotDurable((string? AppendOnly, string? AppendFsync) settings)
        => RedisDurability.NotDurable(ShipmentSyncErrorCodes.Platform, ShipmentSyncErrorCodes.NotDurable, settings,
            "a server crash could lose recorded send starts, and a restart would send those shipments again",
            "knowing that a crash may lose the last recorded changes, set RedisShipmentSyncStoreOptions.RequireAppendFsyncAlways = false");

    private static PlatformException Unavailable(Exception cause) => DurableStoreFailure.Unavailable(
        ShipmentSyncErrorCodes.Platform, ShipmentSyncErrorCodes.Unavailable, "shipment sync store",
        "Do not send: read the record again once the store answers; check that the Redis server is up and reachable.", cause);
}
