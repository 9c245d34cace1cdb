using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Tokens;
using PlatformSdk.Top;
using PlatformSdk.Top.Errors;
using PlatformSdk.Top.Qimen;
using PlatformSdk.Top.Sessions;
using PlatformSdk.Top.Signing;
using PlatformSdk.Top.Validation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the TOP client: <c>services.AddPlatformSdk().AddTop(configuration.GetSection("PlatformSdk:Top"))</c>. Also registers
/// <see cref="TopSessionProvider"/> (as <see cref="ITopSessionProvider"/>), the TOP error classifier and request signer
/// and a <see cref="QimenRequestVerifier"/> over the app secret.
/// </summary>
public static class TopServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client carrying the TOP pipeline.</summary>
    public const string HttpClientName = "PlatformSdk.Top";

    /// <summary>Registers TOP from a configuration section (see <see cref="TopOptions"/> for the keys).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="section">The section, for example <c>PlatformSdk:Top</c>; its <c>Resilience</c> subsection binds the named resilience options <c>"Top"</c>.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTop(this IPlatformSdkBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddTopCore(section, null);
    }

    /// <summary>Registers TOP configured in code.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTop(this IPlatformSdkBuilder builder, Action<TopOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddTopCore(null, configure);
    }

    /// <summary>
    /// Makes sure the TOP host is registered (client, signer, sessions, classifier, Qimen verifier) without configuring it: TOP-based
    /// packages call this, so they work whether <c>AddTop</c> is called before them, after them, or binds the settings elsewhere.
    /// </summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTopHost(this IPlatformSdkBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPlatformTenant(Package, Options.Options.DefaultName, null, null);
        return builder;
    }

    /// <summary>
    /// Contributes a TOP-based package's error catalogue for the operations it labels with <paramref name="platform"/>
    /// (<see cref="TopOperation.Platform"/>). Catalogues are added, never replaced, so several packages share one TOP host.
    /// </summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="platform">The package's platform label.</param>
    /// <param name="catalogue">Its catalogue, built with TOP's entries included.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTopCatalogue(this IPlatformSdkBuilder builder, string platform, ErrorCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(platform);
        ArgumentNullException.ThrowIfNull(catalogue);
        builder.AddTopHost();
        if (!builder.Services.Any(d => d.ImplementationInstance is TopCatalogueContribution c && c.Platform == platform))
        {
            builder.Services.AddSingleton(new TopCatalogueContribution(platform, catalogue));
        }

        return builder;
    }

    private static IPlatformSdkBuilder AddTopCore(this IPlatformSdkBuilder builder, IConfiguration? section, Action<TopOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPlatformTenant(Package, Options.Options.DefaultName, section, configure);
        return builder;
    }

    private static readonly PlatformPackage<TopOptions> Package = new()
    {
        Platform = TopErrorCatalogue.Platform,
        DefaultTenantLabel = "app",
        Bind = static (section, options) => section.Bind(options),
        Signer = static sp => sp.GetRequiredService<TopRequestSigner>(),
        Classifier = static sp => sp.GetRequiredService<TopResponseClassifier>(),
        Validator = static sp => new TopOptionsValidator(sp.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>()),
        CodeOnlySettings = new Dictionary<string, string>
        {
            [nameof(TopOptions.EndpointsOverride)] = "choose Environment 'Production' or 'Sandbox'.",
        },
        Services = static services =>
        {
            services.TryAddSingleton(sp => new TopSessionProvider(
                sp.GetRequiredService<AccessTokenProvider>(), sp.GetRequiredService<IAccessTokenStore>(),
                sp.GetRequiredService<IOptionsMonitor<TopOptions>>(), sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<ITopSessionProvider>(sp => sp.GetRequiredService<TopSessionProvider>());
            services.TryAddSingleton(sp => new TopResponseClassifier(TopErrorCatalogue.Instance, sp.GetServices<TopCatalogueContribution>()));
            // Qimen re-signs pushes with the receiving app's secret, which is this app's.
            services.TryAddSingleton(sp => new QimenRequestVerifier(
                sp.GetRequiredService<IOptions<TopOptions>>().Value.AppSecret ?? throw new InvalidOperationException("TOP: AppSecret is not configured."),
                sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<TopRequestSigner>();
            services.TryAddSingleton(sp => new TopClient(sp.GetRequiredService<IOptions<TopOptions>>().Value,
                sp.GetRequiredService<PlatformExecutors>().Get(TopErrorCatalogue.Platform, Options.Options.DefaultName)));
        },
    };
}
