// Shared source, compiled into each package that keeps durable state (PlatformSdk.Inbox, PlatformSdk.Logistics) as internal
// code: the rules that make "stored" mean "survives a crash" are written once, and no public API is added for them.
using Microsoft.Data.Sqlite;
using PlatformSdk.Errors;
using StackExchange.Redis;

namespace PlatformSdk.Storage;

/// <summary>Opens a SQLite file the way every durable store of the SDK needs it.</summary>
internal static class SqliteDurableFile
{
    /// <summary>The connection string of a store file: created at first use, private cache, no pooling, the busy timeout.</summary>
    public static string ConnectionString(string path, TimeSpan busyTimeout) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        // A store holds its connections for its lifetime; pooling would only keep the file open after Dispose.
        Pooling = false,
        // Microsoft.Data.Sqlite retries SQLITE_BUSY for this many seconds, and forever at 0: never 0.
        DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
    }.ToString();

    /// <summary>
    /// Opens a connection with the busy timeout, WAL and <c>synchronous=FULL</c>, then lets the store check or create its
    /// schema. File-system failures become the store's own "unavailable" exception; the connection is never leaked.
    /// </summary>
    public static SqliteConnection Open(string connectionString, TimeSpan busyTimeout, Action<SqliteConnection> ensureSchema, Func<Exception, Exception> unavailable)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};");
            // WAL: readers never block the writer and a commit appends to one file; FULL: the WAL is fsynced at every commit,
            // so what a call reported stored survives power loss, not only a crash of the process (NORMAL could lose the last
            // commits).
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Execute(connection, "PRAGMA synchronous = FULL;");
            ensureSchema(connection);
            return connection;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            connection.Dispose();
            throw unavailable(ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The file's schema version (<c>PRAGMA user_version</c>, read with <paramref name="command"/> inside the store's
    /// transaction); a file written by a newer version of the store than this one knows is refused as configuration.
    /// </summary>
    public static long SchemaVersion(SqliteCommand command, long known, string platform, string code, string what)
    {
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > known)
        {
            throw new PlatformException(new PlatformError(
                platform,
                code,
                $"The {what} file has schema version {version}; this package knows versions up to {known}.",
                ErrorCategory.Configuration,
                "Open the file with the newer package version that created it, or give this process a file of its own.")
            { Delivery = RequestDelivery.NotSent });
        }

        return version;
    }

    /// <summary>Runs one statement without a result.</summary>
    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>Reads whether a Redis server fsyncs every write, which the SDK's Redis stores require by default.</summary>
internal static class RedisDurability
{
    /// <summary>The server's <c>appendonly</c> and <c>appendfsync</c> settings; <see langword="null"/> where the server does not say.</summary>
    public static async Task<(string? AppendOnly, string? AppendFsync)> ReadAsync(IDatabase database, CancellationToken cancellationToken)
    {
        var appendOnly = await ConfigGetAsync(database, "appendonly").WaitAsync(cancellationToken).ConfigureAwait(false);
        var appendFsync = await ConfigGetAsync(database, "appendfsync").WaitAsync(cancellationToken).ConfigureAwait(false);
        return (appendOnly, appendFsync);
    }

    /// <summary>Whether the settings make every acknowledged write survive a server crash.</summary>
    public static bool FsyncsEveryWrite((string? AppendOnly, string? AppendFsync) settings)
        => string.Equals(settings.AppendOnly, "yes", StringComparison.OrdinalIgnoreCase)
           && string.Equals(settings.AppendFsync, "always", StringComparison.OrdinalIgnoreCase);

    /// <summary>The refusal of a server that does not fsync every write, in the store's own platform and code.</summary>
    /// <param name="platform">The store's platform name in errors.</param>
    /// <param name="code">The store's "not durable" code.</param>
    /// <param name="settings">What the server said.</param>
    /// <param name="risk">What a server crash would cost this store.</param>
    /// <param name="optOut">The option that accepts the risk, with what is then lost.</param>
    public static PlatformException NotDurable(string platform, string code, (string? AppendOnly, string? AppendFsync) settings, string risk, string optOut)
        => new(new PlatformError(
            platform,
            code,
            $"The Redis server does not fsync every write (appendonly: {settings.AppendOnly ?? "cannot tell"}, appendfsync: {settings.AppendFsync ?? "cannot tell"}): " + risk + ".",
            ErrorCategory.Configuration,
            "Set 'appendonly yes' and 'appendfsync always' on the server (CONFIG SET, or redis.conf), and let the connection run CONFIG GET "
                + "(allowAdmin=true if CONFIG is refused); or " + optOut + ".")
        { Delivery = RequestDelivery.NotSent });

    /// <summary>A server setting, or <see langword="null"/> when the server does not say (unknown setting, CONFIG renamed or refused).</summary>
    private static async Task<string?> ConfigGetAsync(IDatabase database, string name)
    {
        RedisResult result;
        try
        {
            result = await database.ExecuteAsync("CONFIG", "GET", name).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisServerException or RedisCommandException)
        {
            return null;
        }

        if (result.Resp2Type != ResultType.Array)
        {
            return null;
        }

        var pairs = (RedisResult[])result!;
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            if (string.Equals((string?)pairs[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return (string?)pairs[i + 1];
            }
        }

        return null;
    }
}

/// <summary>
/// A Redis database behind the SDK's durability gate: the first command waits for the server's persistence settings to be
/// read, and every command runs only once the server is known to fsync every write (or the store opted out). Store failures
/// become the store's own "unavailable" exception.
/// </summary>
internal sealed class RedisDurableDatabase(IDatabase database, bool requireFsyncEveryWrite, Func<(string? AppendOnly, string? AppendFsync), Exception> notDurable,
    Func<Exception, Exception> unavailable)
{
    private volatile bool _durable = !requireFsyncEveryWrite;

    /// <summary>Runs one unit of work (typically one script) on the database, behind the durability gate.</summary>
    public async ValueTask<T> RunAsync<T>(Func<IDatabase, Task<T>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            if (!_durable)
            {
                // Calls racing at first use may each read the settings: two reads more, and no lock to own and dispose.
                var settings = await RedisDurability.ReadAsync(database, cancellationToken).ConfigureAwait(false);
                if (!RedisDurability.FsyncsEveryWrite(settings))
                {
                    throw notDurable(settings);
                }

                _durable = true;
            }

            // StackExchange.Redis takes no cancellation token: a cancelled caller stops waiting, the command still runs.
            return await work(database).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw unavailable(ex);
        }
    }
}

/// <summary>The one failure every durable store reports when its file or server does not answer.</summary>
internal static class DurableStoreFailure
{
    /// <summary>
    /// A transient failure whose outcome is unknown (the change may or may not be stored), named after the store, with the
    /// store's own remedy; a SQLite error says its code.
    /// </summary>
    public static PlatformException Unavailable(string platform, string code, string store, string remedy, Exception cause)
    {
        var detail = cause is SqliteException sqlite
            ? $"SQLite error {sqlite.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {sqlite.Message}"
            : cause.GetType().Name + ": " + cause.Message;
        return new PlatformException(
            new PlatformError(platform, code, "The " + store + " failed (" + detail + ").", ErrorCategory.Transient, remedy)
            { Delivery = RequestDelivery.OutcomeUnknown },
            cause)
        { MayHaveBeenProcessed = true };
    }
}
