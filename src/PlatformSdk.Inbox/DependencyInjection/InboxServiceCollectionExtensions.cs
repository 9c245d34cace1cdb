using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlatformSdk.Errors;
using PlatformSdk.Inbox;
using PlatformSdk.Inbox.Redis;
using PlatformSdk.Inbox.Sqlite;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers a durable push inbox (<see cref="IPushInbox"/>): <c>services.AddPlatformSdk().AddSqlitePushInbox(o => o.Path = "inbox.db")</c>
/// for one machine, or <c>AddRedisPushInbox(...)</c> for several receiver instances.
/// </summary>
public static class InboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="IPushInbox"/> kept in one SQLite file. The options are validated when the host starts;
    /// the clock is <see cref="SqlitePushInboxOptions.TimeProvider"/> if set, else the registered <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options (<see cref="SqlitePushInboxOptions.Path"/> is required).</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddSqlitePushInbox(this IPlatformSdkBuilder builder, Action<SqlitePushInboxOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSqlitePushInbox(configure);
        return builder;
    }

    /// <summary>
    /// Registers a singleton <see cref="IPushInbox"/> kept in one SQLite file. The options are validated when the host starts;
    /// the clock is <see cref="SqlitePushInboxOptions.TimeProvider"/> if set, else the registered <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (<see cref="SqlitePushInboxOptions.Path"/> is required).</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSqlitePushInbox(this IServiceCollection services, Action<SqlitePushInboxOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqlitePushInboxOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqlitePushInboxOptions>, InboxOptionsValidator>());
        services.TryAddSingleton<IPushInbox>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SqlitePushInboxOptions>>().Value;
            // A copy: the registered options object stays as configured, whoever else reads it.
            return new SqlitePushInbox(new SqlitePushInboxOptions
            {
                Path = options.Path,
                MaxDeliveries = options.MaxDeliveries,
                BusyTimeout = options.BusyTimeout,
                MaxBatchSize = options.MaxBatchSize,
                TimeProvider = options.TimeProvider ?? sp.GetService<TimeProvider>() ?? TimeProvider.System,
            });
        });
        return services;
    }

    /// <summary>
    /// Registers a singleton <see cref="IPushInbox"/> on Redis (or Garnet), on the <see cref="IConnectionMultiplexer"/> registered
    /// in the container (the application creates and owns it). The options are validated when the host starts; the clock is
    /// <see cref="RedisPushInboxOptions.TimeProvider"/> if set, else the registered <see cref="TimeProvider"/>. The server's
    /// durability is checked at first use (see <see cref="RedisPushInboxOptions.RequireAppendFsyncAlways"/>).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddRedisPushInbox(this IPlatformSdkBuilder builder, Action<RedisPushInboxOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRedisPushInbox(configure);
        return builder;
    }

    /// <summary>
    /// Registers a singleton <see cref="IPushInbox"/> on Redis (or Garnet), on the <see cref="IConnectionMultiplexer"/> registered
    /// in the container (the application creates and owns it). The options are validated when the host starts; the clock is
    /// <see cref="RedisPushInboxOptions.TimeProvider"/> if set, else the registered <see cref="TimeProvider"/>. The server's
    /// durability is checked at first use (see <see cref="RedisPushInboxOptions.RequireAppendFsyncAlways"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddRedisPushInbox(this IServiceCollection services, Action<RedisPushInboxOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RedisPushInboxOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisPushInboxOptions>, RedisOptionsValidator>());
        services.TryAddSingleton<IPushInbox>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RedisPushInboxOptions>>().Value;
            return new RedisPushInbox(sp.GetRequiredService<IConnectionMultiplexer>(), new RedisPushInboxOptions
            {
                KeyPrefix = options.KeyPrefix,
                Database = options.Database,
                MaxDeliveries = options.MaxDeliveries,
                RequireAppendFsyncAlways = options.RequireAppendFsyncAlways,
                TimeProvider = options.TimeProvider ?? sp.GetService<TimeProvider>() ?? TimeProvider.System,
            });
        });
        return services;
    }

    private sealed class RedisOptionsValidator : IValidateOptions<RedisPushInboxOptions>
    {
        public ValidateOptionsResult Validate(string? name, RedisPushInboxOptions options) => Check(() => RedisPushInbox.Validate(options));
    }

    /// <summary>Runs the stores' own option checks at start, so a bad setting stops the host instead of the first push.</summary>
    private sealed class InboxOptionsValidator : IValidateOptions<SqlitePushInboxOptions>
    {
        public ValidateOptionsResult Validate(string? name, SqlitePushInboxOptions options) => Check(() => SqlitePushInbox.Validate(options));
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
            return ValidateOptionsResult.Fail("Inbox: " + ex.Message);
        }
    }
}
