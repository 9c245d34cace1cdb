using System.Globalization;
using StackExchange.Redis;

namespace PlatformSdk.Redis;

/// <summary>
/// The one Lua script behind the shared bucket: refill, take or pause, in one atomic step on the server. The clock is the
/// Redis server's <c>TIME</c>, not the caller's: processes whose clocks disagree (a skewed VM, a container without NTP)
/// still refill one bucket at one rate, and none can take the tokens "early" because its clock runs ahead. A refill never
/// goes back in time either: after a failover to a server whose clock is behind, the bucket waits until the new clock
/// passes the last refill instead of counting negative time.
/// </summary>
internal static class RedisTokenBucketScript
{
    // KEYS[1]: the bucket (a hash: tokens, at = last refill in µs, paused = end of the pause in µs).
    // ARGV: [1] permits per second, [2] capacity (burst), [3] permits wanted, [4] pause in µs (0: take permits),
    //       [5] the time in µs, or '' for the server's TIME (tests with a fake clock pass theirs).
    // Returns { granted (0|1), µs to wait before asking again (0 when granted), tokens left, paused until (µs) }.
    // Redis before 5 refuses writes after TIME unless effects are replicated; from 7 on that is the only mode and the call a no-op.
    public const string Source = """
        if redis.replicate_commands then redis.replicate_commands() end
        local rate = tonumber(ARGV[1])
        local capacity = tonumber(ARGV[2])
        local wanted = tonumber(ARGV[3])
        local pause = tonumber(ARGV[4])
        local now
        if ARGV[5] == '' then
          local t = redis.call('TIME')
          now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        else
          now = tonumber(ARGV[5])
        end
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'paused')
        local tokens = tonumber(state[1]) or capacity
        local at = tonumber(state[2]) or now
        local paused = tonumber(state[3]) or 0
        local from = math.max(at, paused)
        if now > from then
          tokens = math.min(capacity, tokens + (now - from) * rate / 1000000)
        end
        if now > at then at = now end
        local granted = 0
        local wait = 0
        if pause > 0 then
          if now + pause > paused then paused = now + pause end
          if tokens > 1 then tokens = 1 end
        elseif now < paused then
          wait = paused - now
          if tokens < wanted then wait = wait + (wanted - tokens) * 1000000 / rate end
        elseif tokens >= wanted - 0.000000001 then
          tokens = math.max(0, tokens - wanted)
          granted = 1
        else
          wait = (wanted - tokens) * 1000000 / rate
        end
        -- Rounded up to whole µs, less a rounding error of the float arithmetic (never below 1 µs when a wait is due).
        if wait > 0 then wait = math.max(1, math.ceil(wait - 0.001)) end
        redis.call('HSET', KEYS[1], 'tokens', string.format('%.9f', tokens), 'at', string.format('%.0f', at), 'paused', string.format('%.0f', paused))
        local idle = capacity / rate * 1000 + 1000
        if paused > now then idle = idle + (paused - now) / 1000 end
        redis.call('PEXPIRE', KEYS[1], math.ceil(idle))
        return { granted, wait, string.format('%.9f', tokens), string.format('%.0f', paused) }
        """;

    public static RedisValue[] Arguments(double permitsPerSecond, int capacity, int wanted, TimeSpan pause, long? nowMicroseconds) =>
    [
        permitsPerSecond.ToString("R", CultureInfo.InvariantCulture),
        capacity,
        wanted,
        pause <= TimeSpan.Zero ? 0 : Math.Max(1, pause.Ticks / 10),
        nowMicroseconds is { } now ? now : RedisValue.EmptyString,
    ];

    public static Result Read(RedisResult result)
    {
        var parts = (RedisResult[])result!;
        if (parts is not [var granted, var wait, var tokens, var paused])
        {
            throw new RedisException("The rate-limit script returned an unexpected reply.");
        }

        return new Result(
            (long)granted == 1,
            TimeSpan.FromTicks(Math.Max(0, (long)wait) * 10),
            double.Parse((string)tokens!, NumberStyles.Float, CultureInfo.InvariantCulture),
            long.Parse((string)paused!, NumberStyles.Integer, CultureInfo.InvariantCulture));
    }

    /// <param name="Granted">Whether the permits were taken.</param>
    /// <param name="Wait">How long until asking again may succeed.</param>
    /// <param name="Tokens">Tokens left in the bucket.</param>
    /// <param name="PausedUntilMicroseconds">When the pause ends (0: never paused), by the script's clock.</param>
    public readonly record struct Result(bool Granted, TimeSpan Wait, double Tokens, long PausedUntilMicroseconds);
}
