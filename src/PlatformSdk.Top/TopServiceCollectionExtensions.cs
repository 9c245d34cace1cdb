using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
/// <see cref="TopSessionProvider"/> (as <see cref="ITopSessionProvider"/>), <see cref="TopResponseClassifier"/>, <see cref="TopRequestSigner"/>
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

    private static IPlatformSdkBuilder AddTopCore(this IPlatformSdkBuilder builder, IConfiguration? section, Action<TopOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<TopOptions>();
        if (section is not null)
        {
            // Environments are chosen by name; a URL typed into configuration is refused before binding reads it.
            options.Configure(_ =>
            {
                if (section.GetSection(nameof(TopOptions.EndpointsOverride)).Exists())
                {
                    throw new OptionsValidationException(Options.Options.DefaultName, typeof(TopOptions),
                        ["TOP: EndpointsOverride cannot be set from configuration; choose Environment 'Production' or 'Sandbox'."]);
                }
            });
            options.Bind(section);
            var resilience = section.GetSection("Resilience");
            if (resilience.Exists())
            {
                services.AddOptions<PlatformResilienceOptions>(TopErrorCatalogue.Platform).Bind(resilience);
            }
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        if (services.Any(d => d.ServiceType == typeof(TopMarker)))
        {
            return builder;
        }

        services.AddSingleton<TopMarker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TopOptions>, TopOptionsValidator>(
            sp => new TopOptionsValidator(sp.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>())));
        services.TryAddSingleton(sp => new TopSessionProvider(
            sp.GetRequiredService<AccessTokenProvider>(), sp.GetRequiredService<IAccessTokenStore>(),
            sp.GetRequiredService<IOptionsMonitor<TopOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ITopSessionProvider>(sp => sp.GetRequiredService<TopSessionProvider>());
        services.TryAddSingleton<TopResponseClassifier>();
        // Qimen re-signs pushes with the receiving app's secret, which is this app's.
        services.TryAddSingleton(sp => new QimenRequestVerifier(
            sp.GetRequiredService<IOptions<TopOptions>>().Value.AppSecret ?? throw new InvalidOperationException("TOP: AppSecret is not configured."),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<TopRequestSigner>();
        services.AddHttpClient(HttpClientName)
            .AddPlatformPipeline(TopErrorCatalogue.Platform,
                sp => sp.GetRequiredService<TopRequestSigner>(),
                sp => sp.GetRequiredService<TopResponseClassifier>());
        services.TryAddSingleton(sp =>
        {
            var httpClients = sp.GetRequiredService<IHttpClientFactory>();
            // A fresh HttpClient per call lets the factory rotate handlers (DNS changes); the pipeline state is shared.
            return new TopClient(sp.GetRequiredService<IOptions<TopOptions>>().Value, () => new PlatformRequestExecutor(httpClients.CreateClient(HttpClientName)));
        });
        return builder;
    }

    private sealed class TopMarker;
}
