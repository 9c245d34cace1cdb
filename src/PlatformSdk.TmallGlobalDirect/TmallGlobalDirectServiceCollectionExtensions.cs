using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlatformSdk;
using PlatformSdk.Inbox;
using PlatformSdk.TmallGlobalDirect;
using PlatformSdk.TmallGlobalDirect.Push;
using PlatformSdk.TmallGlobalDirect.Validation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the Tmall Global direct-supply push receiver:
/// <c>services.AddPlatformSdk().AddTmallGlobalDirect(configuration.GetSection("PlatformSdk:TmallGlobalDirect"))</c>. The settings
/// are validated at start. The <see cref="TmallGlobalDirectPushHandler"/> takes the <see cref="IPushInbox"/> from the container:
/// register one (for example the SQLite store of <c>PlatformSdk.Inbox</c>) yourself.
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
        return builder;
    }
}
