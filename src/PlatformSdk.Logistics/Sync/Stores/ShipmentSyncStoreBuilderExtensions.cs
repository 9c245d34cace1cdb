using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlatformSdk.Errors;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Logistics.Sync.Stores;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers a durable <see cref="IShipmentSyncStore"/>: <c>services.AddPlatformSdk().AddSqliteShipmentSyncStore(o => o.Path = "sync.db")</c>
/// for one machine, or <c>AddRedisShipmentSyncStore(...)</c> for several workers.
/// </summary>
public static class ShipmentSyncStoreBuilderExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="IShipmentSyncStore"/> kept in one SQLite file. The options are validated when the host
    /// starts; the clock is <see cref="SqliteShipmentSyncStoreOptions.TimeProvider"/> if set, else the registered <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options (<see cref="SqliteShipmentSyncStoreOptions.Path"/> is required).</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddSqliteShipmentSyncStore(this IPlatformSdkBuilder builder, Action<SqliteShipmentSyncStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<SqliteShipmentSyncStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteShipmentSyncStoreOptions>, SqliteValidator>());
        UseStore(services, "AddSqliteShipmentSyncStore", sp =>
        {
            var options = sp.GetRequiredService<IOptions<SqliteShipmentSyncStoreOptions>>().Value;
            // A copy: the registered options object stays as configured, whoever else reads it.
            return new SqliteShipmentSyncStore(new SqliteShipmentSyncStoreOptions
            {
                Path = options.Path,
                BusyTimeout = options.BusyTimeout,
                MaxBatchSize = options.MaxBatchSize,
                TimeProvider = options.TimeProvider ?? sp.GetService<TimeProvider>() ?? TimeProvider.System,
            });
        });
        return builder;
    }

    /// <summary>
    /// Registers a singleton <see cref="IShipmentSyncStore"/> on Redis (or Garnet), on the <see cref="IConnectionMultiplexer"/>
    /// registered in the container (the application creates and owns it). The options are validated when the host starts; the
    /// clock is <see cref="RedisShipmentSyncStoreOptions.TimeProvider"/> if set, else the registered <see cref="TimeProvider"/>.
    /// The server's durability is checked at first use (see <see cref="RedisShipmentSyncStoreOptions.RequireAppendFsyncAlways"/>).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddRedisShipmentSyncStore(this IPlatformSdkBuilder builder, Action<RedisShipmentSyncStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<RedisShipmentSyncStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisShipmentSyncStoreOptions>, RedisValidator>());
        UseStore(services, "AddRedisShipmentSyncStore", sp =>
        {
            var options = sp.GetRequiredService<IOptions<RedisShipmentSyncStoreOptions>>().Value;
            return new RedisShipmentSyncStore(sp.GetRequiredService<IConnectionMultiplexer>(), new RedisShipmentSyncStoreOptions
            {
                KeyPrefix = options.KeyPrefix,
                Database = options.Database,
                RequireAppendFsyncAlways = options.RequireAppendFsyncAlways,
                TimeProvider = options.TimeProvider ?? sp.GetService<TimeProvider>() ?? TimeProvider.System,
            });
        });
        return builder;
    }

    /// <summary>The in-memory store <c>AddLogistics</c> registers when no other is: a durable store replaces it, in either order.</summary>
    internal static readonly Func<IServiceProvider, IShipmentSyncStore> InMemoryFallback =
        static sp => new InMemoryShipmentSyncStore(sp.GetService<TimeProvider>());

    // Registered before or after AddLogistics, the durable store must win over the in-memory fallback: a restart on the
    // fallback forgets every send and would send again. Two durable stores are a configuration mistake, refused here.
    private static void UseStore(IServiceCollection services, string method, Func<IServiceProvider, IShipmentSyncStore> factory)
    {
        var existing = services.Where(d => d.ServiceType == typeof(IShipmentSyncStore)).ToList();
        if (existing.Any(d => !ReferenceEquals(d.ImplementationFactory, InMemoryFallback)))
        {
            throw new InvalidOperationException(
                $"{method}: a shipment sync store is already registered; the engine uses one store, so register one (SQLite on one machine, Redis for several).");
        }

        foreach (var fallback in existing)
        {
            services.Remove(fallback);
        }

        services.AddSingleton(factory);
    }

    private static ValidateOptionsResult Check(Action validate)
    {
        try
        {
            validate();
            return ValidateOptionsResult.Success;
        }
        catch (PlatformValidationException ex)
        {
            return ValidateOptionsResult.Fail("Shipment sync store: " + ex.Message);
        }
    }

    /// <summary>Runs the store's own option checks at start, so a bad setting stops the host instead of the first sync.</summary>
    private sealed class SqliteValidator : IValidateOptions<SqliteShipmentSyncStoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, SqliteShipmentSyncStoreOptions options) => Check(() => SqliteShipmentSyncStore.Validate(options));
    }

    private sealed class RedisValidator : IValidateOptions<RedisShipmentSyncStoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, RedisShipmentSyncStoreOptions options) => Check(() => RedisShipmentSyncStore.Validate(options));
    }
}
