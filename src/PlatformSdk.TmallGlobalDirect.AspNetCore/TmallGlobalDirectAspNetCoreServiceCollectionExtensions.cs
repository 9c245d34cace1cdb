using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PlatformSdk;
using PlatformSdk.TmallGlobalDirect;
using PlatformSdk.TmallGlobalDirect.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the Tmall Global direct-supply receiver together with its ASP.NET Core endpoint:
/// <c>services.AddPlatformSdk().AddTmallGlobalDirectPushEndpoint(configuration.GetSection("PlatformSdk:TmallGlobalDirect"))</c>,
/// then <c>app.MapTmallGlobalDirectPush("/qimen")</c>. Register an <c>IPushInbox</c> as well.
/// </summary>
public static class TmallGlobalDirectAspNetCoreServiceCollectionExtensions
{
    /// <summary>Registers the receiver from a configuration section (see <see cref="TmallGlobalDirectOptions"/>) and its endpoint.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="section">The section, for example <c>PlatformSdk:TmallGlobalDirect</c>.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTmallGlobalDirectPushEndpoint(this IPlatformSdkBuilder builder, IConfiguration section)
        => builder.AddTmallGlobalDirect(section).AddEndpoint();

    /// <summary>Registers the receiver configured in code and its endpoint.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTmallGlobalDirectPushEndpoint(this IPlatformSdkBuilder builder, Action<TmallGlobalDirectOptions> configure)
        => builder.AddTmallGlobalDirect(configure).AddEndpoint();

    private static IPlatformSdkBuilder AddEndpoint(this IPlatformSdkBuilder builder)
    {
        builder.Services.TryAddSingleton<TmallGlobalDirectPushEndpoint>();
        return builder;
    }
}
