using System.Globalization;

namespace PlatformSdk.PushLoad;

internal sealed class LoadOptions
{
    public const string Usage = """
        usage: PlatformSdk.PushLoad [--store sqlite|redis|all] [--pushers 1,16,64] [--seconds 10] [--warmup 2] [--lines 6]
                                    [--max-rate 12000] [--sqlite-batch N] [--redis-server PATH] [--keep]
          --store        which inbox: sqlite (WAL, synchronous=FULL), redis (own redis-server child, appendfsync always), all
          --pushers      concurrent pushers per cell, comma separated; each sends one request at a time
          --seconds      measured seconds per cell (after the warm-up)
          --warmup       warm-up seconds per cell (acknowledgements not counted in the table, but checked for durability)
          --lines        order lines per push (6 makes a body of about 3 KB)
          --max-rate     pushes pre-built per second of a cell (a cell that runs out says so)
          --sqlite-batch SqlitePushInboxOptions.MaxBatchSize (default: the package's default)
          --keep         keep the temp folder (SQLite files, Redis append-only file)
        """;

    public IReadOnlyList<string> Stores { get; private init; } = ["sqlite", "redis"];

    public IReadOnlyList<int> Pushers { get; private init; } = [1, 16, 64];

    public int Seconds { get; private init; } = 10;

    public int WarmupSeconds { get; private init; } = 2;

    public int Lines { get; private init; } = 6;

    public int MaxRate { get; private init; } = 12_000;

    public int? SqliteBatch { get; private init; }

    public string RedisServer { get; private init; } = "redis-server";

    public bool Keep { get; private init; }

    public static LoadOptions? Parse(string[] args)
    {
        var stores = new List<string> { "sqlite", "redis" };
        var pushers = new List<int> { 1, 16, 64 };
        int seconds = 10, warmup = 2, lines = 6, maxRate = 12_000;
        int? batch = null;
        var redis = "redis-server";
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException(args[i] + " needs a value");
            try
            {
                switch (args[i])
                {
                    case "--store":
                        var store = Next();
                        stores = store == "all" ? ["sqlite", "redis"] : [.. store.Split(',', StringSplitOptions.RemoveEmptyEntries)];
                        if (stores.Any(s => s is not ("sqlite" or "redis")))
                        {
                            return null;
                        }

                        break;
                    case "--pushers":
                        pushers = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture))];
                        break;
                    case "--seconds": seconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--warmup": warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--lines": lines = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--max-rate": maxRate = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--sqlite-batch": batch = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--redis-server": redis = Next(); break;
                    case "--keep": keep = true; break;
                    default: return null;
                }
            }
            catch (FormatException)
            {
                return null;
            }
        }

        // Bounded: every run stops by itself within minutes.
        if (seconds is < 1 or > 120 || warmup is < 0 or > 60 || lines is < 1 or > 200 || maxRate is < 100 or > 100_000
            || pushers.Count == 0 || pushers.Any(p => p is < 1 or > 1024))
        {
            return null;
        }

        return new LoadOptions
        {
            Stores = stores, Pushers = pushers, Seconds = seconds, WarmupSeconds = warmup, Lines = lines, MaxRate = maxRate,
            SqliteBatch = batch, RedisServer = redis, Keep = keep,
        };
    }
}
