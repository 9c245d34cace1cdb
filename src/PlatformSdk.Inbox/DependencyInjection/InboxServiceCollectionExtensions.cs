using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlatformSdk.Errors;
using PlatformSdk.Inbox;
using PlatformSdk.Inbox.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a durable push inbox (<see cref="IPushInbox"/>): <c>services.AddPlatformSdk().AddSqlitePushInbox(o => o.Path = "inbox.db")</c>.</summary>
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
