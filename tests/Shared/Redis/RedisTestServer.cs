using System.Globalization;

namespace PlatformSdk.Tests.Shared.Redis;

/// <summary>Which kind of server a <see cref="RedisTestServer"/> is talking to.</summary>
public enum RedisTestServerKind
{
    /// <summary>A server someone else runs, named by the <c>REDIS_URL</c> environment variable; never started or stopped here.</summary>
    External,

    /// <summary>A <c>redis-server</c> process from PATH, started on a free loopback port and killed on dispose.</summary>
    RedisServer,

    /// <summary>Microsoft Garnet (a Redis-compatible server from NuGet) running inside the test process on loopback, Lua on.</summary>
    Garnet,
}

/// <summary>How durable the started server is.</summary>
public enum RedisTestPersistence
{
    /// <summary>No snapshots, no append-only file (<c>--save "" --appendonly no</c>): the fastest, the default.</summary>
    None,

    /// <summary>
    /// Append-only file, synced on every write (redis-server: <c>--appendonly yes --appendfsync always</c>; Garnet:
    /// <c>--aof</c> with an immediate commit that each write waits for). Files go to a temporary directory deleted on dispose.
    /// Garnet answers <c>CONFIG GET appendonly</c> (yes) but not <c>CONFIG GET appendfsync</c>.
    /// </summary>
    AppendOnlyFsyncAlways,
}

/// <summary>Options for <see cref="RedisTestServer.Start"/>.</summary>
public sealed class RedisTestServerOptions
{
    /// <summary>How durable a started server is. An external server (<c>REDIS_URL</c>) is used as it is configured.</summary>
    public RedisTestPersistence Persistence { get; init; } = RedisTestPersistence.None;

    /// <summary>
    /// Which server to use. <see langword="null"/> (the default): the server named by <c>REDIS_URL</c> if set, else the
    /// <c>REDIS_TEST_SERVER</c> environment variable (<c>redis-server</c> or <c>garnet</c>) if set, else redis-server when
    /// it is on PATH, else Garnet. A kind set here wins over both variables; <see cref="RedisTestServerKind.External"/>
    /// still needs <c>REDIS_URL</c>.
    /// </summary>
    public RedisTestServerKind? Kind { get; init; }

    /// <summary>Where the line saying which server is used goes, besides the console (a test's output, xUnit diagnostics).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>How long to wait for a started server to answer PING.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// A real Redis-compatible server for tests, chosen in this order: the server named by <c>REDIS_URL</c>
/// (<c>redis://[:password@]host:port[/db]</c>, <c>rediss://…</c>, or a StackExchange.Redis configuration string);
/// else a <c>redis-server</c> from PATH on a free loopback port; else Microsoft Garnet embedded in the test process.
/// <c>REDIS_TEST_SERVER=redis-server|garnet</c> forces one of the local two. The choice is printed to the console
/// (and to <see cref="RedisTestServerOptions.Log"/>) as <see cref="Announcement"/>.
/// </summary>
/// <remarks>
/// Tests share an external server with whatever else uses it: use unique key prefixes and never FLUSHDB/FLUSHALL.
/// Only commands both Redis 7 and Garnet support belong in the SDK's stores (Garnet has no Streams and no WAIT).
/// </remarks>
public sealed class RedisTestServer : IDisposable
{
    /// <summary>The environment variable naming an external server.</summary>
    public const string UrlVariable = "REDIS_URL";

    /// <summary>The environment variable forcing a local server kind: <c>redis-server</c> or <c>garnet</c>.</summary>
    public const string KindVariable = "REDIS_TEST_SERVER";

    private static readonly Lazy<RedisTestServer> SharedInstance = new(CreateShared, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly IDisposable? _owned;
    private readonly string? _dataDirectory;
    private int _disposed;

    private RedisTestServer(RedisTestServerKind kind, string host, int port, string configuration, string description, IDisposable? owned, string? dataDirectory, RedisTestPersistence? persistence)
    {
        Kind = kind;
        Host = host;
        Port = port;
        Configuration = configuration;
        Description = description;
        _owned = owned;
        _dataDirectory = dataDirectory;
        Persistence = persistence;
        Announcement = $"Redis tests use {kind}: {description}";
    }

    /// <summary>
    /// One server for the whole test process, started on first use and stopped when the process exits. Prefer
    /// <see cref="RedisTestServerFixture"/> (stopped when the test class or collection is done) where that fits.
    /// </summary>
    public static RedisTestServer Shared => SharedInstance.Value;

    /// <summary>Which kind of server this is.</summary>
    public RedisTestServerKind Kind { get; }

    /// <summary>The host clients connect to (127.0.0.1 for a started server).</summary>
    public string Host { get; }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server (with <c>abortConnect=false</c>).</summary>
    public string Configuration { get; }

    /// <summary>What was started or found: program, version, endpoint, persistence.</summary>
    public string Description { get; }

    /// <summary>The line printed when the server was chosen: "Redis tests use {Kind}: {Description}".</summary>
    public string Announcement { get; }

    /// <summary>The persistence this server was started with; <see langword="null"/> for an external server (unknown).</summary>
    public RedisTestPersistence? Persistence { get; }

    /// <summary>Chooses and starts (or finds) a server as described on <see cref="RedisTestServer"/>.</summary>
    /// <param name="options">Persistence, kind and logging; defaults when null.</param>
    /// <returns>The running server; dispose it to stop a started one.</returns>
    /// <exception cref="InvalidOperationException">The server could not be started or did not answer in time; the message says why.</exception>
    public static RedisTestServer Start(RedisTestServerOptions? options = null)
    {
        options ??= new RedisTestServerOptions();
        var server = Create(options);
        Announce(server.Announcement, options.Log);
        return server;
    }

    /// <summary>Stops a started server (kills the redis-server process, disposes Garnet) and deletes its files. An external server is left alone.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            _owned?.Dispose();
        }
        finally
        {
            DeleteDirectory(_dataDirectory);
        }
    }

    internal static string? FindOnPath(string name)
    {
        var names = OperatingSystem.IsWindows() ? new[] { name + ".exe", name } : [name];
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in names.Select(n => Path.Combine(directory, n)))
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    internal static void DeleteDirectory(string? directory)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by a dying server: the temp directory is cleaned up by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static RedisTestServer CreateShared()
    {
        var server = Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    private static RedisTestServer Create(RedisTestServerOptions options)
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        var kind = options.Kind ?? (string.IsNullOrWhiteSpace(url) ? KindFromEnvironment() : RedisTestServerKind.External);
        switch (kind)
        {
            case RedisTestServerKind.External:
                if (string.IsNullOrWhiteSpace(url))
                {
                    throw new InvalidOperationException($"An external Redis was asked for but {UrlVariable} is not set.");
                }

                var endpoint = RedisUrl.Parse(url);
                if (RespProbe.WhyNotReachable(endpoint.Host, endpoint.Port, options.StartTimeout) is { } unreachable)
                {
                    throw new InvalidOperationException($"{UrlVariable} names {endpoint.Redacted}, but nothing accepts connections there ({unreachable}). Start that server, or unset {UrlVariable} to let the tests start their own.");
                }

                return new RedisTestServer(RedisTestServerKind.External, endpoint.Host, endpoint.Port, endpoint.Configuration, $"the server named by {UrlVariable}, {endpoint.Redacted} (persistence as that server is configured)", owned: null, dataDirectory: null, persistence: null);

            case RedisTestServerKind.RedisServer:
                var executable = FindOnPath("redis-server") ?? throw new InvalidOperationException(
                    $"redis-server was asked for ({KindVariable} or options) but is not on PATH. Install it (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis), "
                    + $"or unset {KindVariable} to fall back to the embedded Garnet server.");
                return StartRedisServer(executable, options);

            case RedisTestServerKind.Garnet:
                return StartGarnet(options);

            default:
                throw new ArgumentOutOfRangeException(nameof(options), kind, "Unknown Redis test server kind.");
        }
    }

    private static RedisTestServerKind KindFromEnvironment()
    {
        var forced = Environment.GetEnvironmentVariable(KindVariable);
        if (string.IsNullOrWhiteSpace(forced))
        {
            return FindOnPath("redis-server") is null ? RedisTestServerKind.Garnet : RedisTestServerKind.RedisServer;
        }

        return forced.Trim().ToUpperInvariant() switch
        {
            "REDIS-SERVER" or "REDIS" or "REDISSERVER" => RedisTestServerKind.RedisServer,
            "GARNET" => RedisTestServerKind.Garnet,
            _ => throw new InvalidOperationException($"{KindVariable}='{forced}' is not understood: use redis-server or garnet (or leave it unset)."),
        };
    }

    private static RedisTestServer StartRedisServer(string executable, RedisTestServerOptions options)
    {
        var directory = CreateDataDirectory("redis");
        try
        {
            var process = RedisServerProcess.Start(executable, directory, options.Persistence, options.StartTimeout);
            var version = RespProbe.ServerVersion(RedisServerProcess.Host, process.Port, options.StartTimeout);
            var description = string.Create(CultureInfo.InvariantCulture, $"redis-server {version} ({executable}, pid {process.ProcessId}) on {RedisServerProcess.Host}:{process.Port}, persistence {Describe(options.Persistence)}");
            return new RedisTestServer(RedisTestServerKind.RedisServer, RedisServerProcess.Host, process.Port, LocalConfiguration(process.Port), description, process, directory, options.Persistence);
        }
        catch
        {
            DeleteDirectory(directory);
            throw;
        }
    }

    private static RedisTestServer StartGarnet(RedisTestServerOptions options)
    {
        var directory = options.Persistence == RedisTestPersistence.None ? null : CreateDataDirectory("garnet");
        try
        {
            var garnet = GarnetEmbedded.Start(directory, options.Persistence, options.StartTimeout);
            string version;
            try
            {
                version = RespProbe.ServerVersion(GarnetEmbedded.Host, garnet.Port, options.StartTimeout);
            }
            catch
            {
                garnet.Dispose();
                throw;
            }

            var description = string.Create(CultureInfo.InvariantCulture, $"Garnet {version} embedded in this test process on {GarnetEmbedded.Host}:{garnet.Port}, Lua on, persistence {Describe(options.Persistence)}");
            return new RedisTestServer(RedisTestServerKind.Garnet, GarnetEmbedded.Host, garnet.Port, LocalConfiguration(garnet.Port), description, garnet, directory, options.Persistence);
        }
        catch
        {
            DeleteDirectory(directory);
            throw;
        }
    }

    private static string LocalConfiguration(int port) => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port},abortConnect=false");

    private static string Describe(RedisTestPersistence persistence) => persistence switch
    {
        RedisTestPersistence.None => "none",
        RedisTestPersistence.AppendOnlyFsyncAlways => "append-only file, fsync always",
        _ => persistence.ToString(),
    };

    private static string CreateDataDirectory(string what)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"platformsdk-{what}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static void Announce(string line, Action<string>? log)
    {
        Console.WriteLine(line);
        log?.Invoke(line);
    }
}
