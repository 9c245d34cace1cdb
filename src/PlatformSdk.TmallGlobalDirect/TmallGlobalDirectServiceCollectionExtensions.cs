using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlatformSdk;
using PlatformSdk.Inbox;
using PlatformSdk.TmallGlobalDirect;
using PlatformSdk.TmallGlobalDirect.Errors;
using PlatformSdk.TmallGlobalDirect.Push;
using PlatformSdk.TmallGlobalDirect.Validation;
using PlatformSdk.Top;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the Tmall Global direct-supply push receiver:
/// <c>services.AddPlatformSdk().AddTmallGlobalDirect(configuration.GetSection("PlatformSdk:TmallGlobalDirect"))</c>. The settings
/// are validated at start. The <see cref="TmallGlobalDirectPushHandler"/> takes the <see cref="IPushInbox"/> from the container:
/// register one (for example the SQLite store of <c>PlatformSdk.Inbox</c>) yourself. Also registers the callbacks
/// (<see cref="TmallGlobalDirectClient"/>, over the shared TOP host, which gets <see cref="TmallGlobalDirectErrorCatalogue"/>) and
/// <see cref="TmallGlobalDirectAuthorizationWatch"/>; configure the TOP app with <c>AddTop</c> (before or after) or the overloads taking
/// its settings. The shops' sessions are <c>TopOptions.Sellers</c>, by the names <see cref="TmallGlobalDirectOptions.Shop"/> uses.
/// </summary>
public static class TmallGlobalDirectServiceCollectionExtensions
{
    /// <summary>Registers the receiver from a configuration section (see <see cref="TmallGlobalDirectOptions"/> for the keys).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="section">The section, for example <c>PlatformSdk:TmallGlobalDirect</c>.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTmallGlobalDirect(this IPlatformSdkBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddTmallGlobalDirectCore(section, null);
    }

    /// <summary>Registers the receiver, the callbacks and the TOP app they call through in one call (the same as <c>AddTop(topSection)</c> plus this).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="section">The section, for example <c>PlatformSdk:TmallGlobalDirect</c>.</param>
    /// <param name="topSection">The TOP app's section, for example <c>PlatformSdk:Top</c> (see <see cref="TopOptions"/>).</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTmallGlobalDirect(this IPlatformSdkBuilder builder, IConfiguration section, IConfiguration topSection)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(topSection);
        builder.AddTop(topSection);
        return builder.AddTmallGlobalDirectCore(section, null);
    }

    /// <summary>Registers the receiver, the callbacks and the TOP app they call through in one call, both configured in code.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="configure">Sets the direct-supply options.</param>
    /// <param name="configureTop">Sets the TOP app's options (app key, secret, the shops' sessions under <c>Sellers</c>).</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTmallGlobalDirect(this IPlatformSdkBuilder builder, Action<TmallGlobalDirectOptions> configure, Action<TopOptions> configureTop)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(configureTop);
        builder.AddTop(configureTop);
        return builder.AddTmallGlobalDirectCore(null, configure);
    }

    /// <summary>Registers the receiver configured in code.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTmallGlobalDirect(this IPlatformSdkBuilder builder, Action<TmallGlobalDirectOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddTmallGlobalDirectCore(null, configure);
    }

    private static IPlatformSdkBuilder AddTmallGlobalDirectCore(this IPlatformSdkBuilder builder, IConfiguration? section, Action<TmallGlobalDirectOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // The callbacks are TOP calls: the TOP host is shared, its catalogue is extended (never replaced), and AddTop may come before or after.
        builder.AddTopCatalogue(TmallGlobalDirectServiceNames.Platform, TmallGlobalDirectErrorCatalogue.Instance);
        var options = services.AddOptions<TmallGlobalDirectOptions>();
        if (section is not null)
        {
            options.BindPlatformSection(TmallGlobalDirectServiceNames.Platform, section, static (s, o) => s.Bind(o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TmallGlobalDirectOptions>, TmallGlobalDirectOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TmallGlobalDirectPushHandler(
            sp.GetRequiredService<IOptions<TmallGlobalDirectOptions>>().Value,
            sp.GetService<IPushInbox>() ?? throw new InvalidOperationException(
                "TmallGlobalDirect: no IPushInbox is registered; register a durable inbox (PlatformSdk.Inbox) before resolving the push handler."),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new TmallGlobalDirectClient(
            sp.GetRequiredService<TopClient>(), sp.GetRequiredService<IOptions<TmallGlobalDirectOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new TmallGlobalDirectAuthorizationWatch(
            sp.GetRequiredService<IOptions<TmallGlobalDirectOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
