using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using PlatformSdk.Inbox;
using PlatformSdk.Inbox.Redis;
using PlatformSdk.Inbox.Sqlite;
using StackExchange.Redis;

namespace PlatformSdk.PushLoad;

/// <summary>What the end-of-cell check found: every acknowledged push must be in the store.</summary>
internal sealed record DurabilityReport(string How, int Acknowledged, int Stored, int Missing, IReadOnlyList<string> MissingExamples)
{
    public bool AllAcknowledgedFound => Missing == 0;

    public string Describe(string store, int pushers)
    {
        var verdict = Missing == 0
            ? "all acknowledged found ✓"
            : string.Create(CultureInfo.InvariantCulture, $"{Missing:N0} MISSING ✗ (e.g. {string.Join(", ", MissingExamples)})");
        return string.Create(CultureInfo.InvariantCulture,
            $"durability {store,-6} {pushers,3} pushers: {How}: {Acknowledged:N0} acknowledged (warm-up included), {Stored:N0} in the store, {verdict}");
    }

    public static async Task<DurabilityReport> CheckAsync(string how, IPushInbox inbox, IReadOnlyCollection<string> acknowledged)
    {
        // Read back through the public API: lease everything (a fresh inbox, nothing else reads it).
        var stored = new HashSet<string>(StringComparer.Ordinal);
        while (await inbox.LeaseAsync(10_000, TimeSpan.FromHours(1)) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                stored.Add(message.Push.DeduplicationKey);
            }
        }

        var missing = acknowledged.Where(k => !stored.Contains(k)).ToList();
        return new DurabilityReport(how, acknowledged.Count, stored.Count, missing.Count, [.. missing.Take(3)]);
    }
}

internal abstract class StoreBackend : IAsyncDisposable
{
    protected StoreBackend(LoadOptions options)
    {
        Options = options;
        Folder = Directory.CreateTempSubdirectory("platformsdk-pushload-").FullName;
    }

    public abstract string Name { get; }

    protected LoadOptions Options { get; }

    protected string Folder { get; }

    public static async Task<StoreBackend> CreateAsync(string store, LoadOptions options)
    {
        if (store == "sqlite")
        {
            return new SqliteBackend(options);
        }

        var redis = new RedisBackend(options);
        await redis.StartAsync();
        return redis;
    }

    /// <summary>Registers this store's inbox for one cell (a fresh file or key prefix per cell).</summary>
    public abstract void Register(IServiceCollection services, string cell);

    /// <summary>Store facts for the cell line, read from the live inbox (SQLite: transactions committed).</summary>
    public virtual string Facts(IPushInbox inbox, int stored) => string.Empty;

    /// <summary>After the receiver stopped: reads the store back from its durable form.</summary>
    public abstract Task<DurabilityReport> VerifyAsync(string cell, IReadOnlyCollection<string> acknowledged);

    public virtual ValueTask DisposeAsync()
    {
        if (!Options.Keep)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        else
        {
            Console.WriteLine("kept " + Folder);
        }

        return ValueTask.CompletedTask;
    }
}

internal sealed class SqliteBackend(LoadOptions options) : StoreBackend(options)
{
    public override string Name => "sqlite";

    private string PathOf(string cell) => Path.Combine(Folder, cell + ".db");

    public override void Register(IServiceCollection services, string cell)
        => services.AddSqlitePushInbox(o =>
        {
            o.Path = PathOf(cell);
            if (Options.SqliteBatch is { } batch)
            {
                o.MaxBatchSize = batch;
            }
        });

    public override string Facts(IPushInbox inbox, int stored)
    {
        // The transaction count is internal (tests read it); a load harness may look.
        var commits = typeof(SqlitePushInbox).GetProperty("Commits", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(inbox) as long?;
        return commits is > 0 ? string.Create(CultureInfo.InvariantCulture, $"{commits:N0} commits, {(double)stored / commits.Value:0.0} pushes/commit") : string.Empty;
    }

    public override async Task<DurabilityReport> VerifyAsync(string cell, IReadOnlyCollection<string> acknowledged)
    {
        await using var reopened = new SqlitePushInbox(new SqlitePushInboxOptions { Path = PathOf(cell) });
        return await DurabilityReport.CheckAsync("file reopened after the receiver stopped", reopened, acknowledged);
    }
}

/// <summary>Its own <c>redis-server</c> in the temp folder: append-only file fsynced on every write, no RDB snapshots.</summary>
internal sealed class RedisBackend(LoadOptions options) : StoreBackend(options)
{
    private Process? _server;
    private ConnectionMultiplexer? _connection;
    private int _port;

    public override string Name => "redis";

    public async Task StartAsync()
    {
        _port = FreePort();
        await LaunchAsync();
    }

    public override void Register(IServiceCollection services, string cell)
    {
        services.AddSingleton<IConnectionMultiplexer>(_connection!);
        services.AddRedisPushInbox(o => o.KeyPrefix = Prefix(cell)); // RequireAppendFsyncAlways stays true: the server is checked.
    }

    public override async Task<DurabilityReport> VerifyAsync(string cell, IReadOnlyCollection<string> acknowledged)
    {
        // A crash, not a shutdown: SIGKILL gives the server no chance to write anything more, so what the restarted server
        // loads from its append-only file is what had been fsynced when each push was acknowledged.
        _connection!.Dispose();
        _server!.Kill();
        await _server.WaitForExitAsync();
        _server.Dispose();
        await LaunchAsync();
        var inbox = new RedisPushInbox(_connection, new RedisPushInboxOptions { KeyPrefix = Prefix(cell) });
        return await DurabilityReport.CheckAsync("redis-server killed (SIGKILL) and restarted from its AOF", inbox, acknowledged);
    }

    public override async ValueTask DisposeAsync()
    {
        _connection?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        await base.DisposeAsync();
    }

    private static string Prefix(string cell) => "{pushload-" + cell + "}:";

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo(Options.RedisServer)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        foreach (var arg in new[]
        {
            "--port", _port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", Folder,
            "--appendonly", "yes", "--appendfsync", "always", "--save", string.Empty, "--daemonize", "no", "--protected-mode", "yes",
        })
        {
            start.ArgumentList.Add(arg);
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine("redis-server: " + line); } };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var config = new ConfigurationOptions { EndPoints = { { IPAddress.Loopback, _port } }, AllowAdmin = true, AbortOnConnectFail = false, ConnectTimeout = 2000 };
        for (var attempt = 0; ; attempt++)
        {
            _connection = await ConnectionMultiplexer.ConnectAsync(config);
            if (_connection.IsConnected && await IsLoadedAsync(_connection))
            {
                return;
            }

            _connection.Dispose();
            if (attempt > 100 || _server.HasExited)
            {
                throw new InvalidOperationException("redis-server did not come up on port " + _port);
            }

            await Task.Delay(100);
        }
    }

    private static async Task<bool> IsLoadedAsync(ConnectionMultiplexer connection)
    {
        try
        {
            var info = (string?)await connection.GetDatabase().ExecuteAsync("INFO", "persistence");
            // Line by line: "async_loading:0" also ends in "loading:0".
            return info is not null && info.Split('\n').Any(l => l.TrimEnd('\r') == "loading:0");
        }
        catch (RedisException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
