using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlatformSdk.Alibaba1688;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Alibaba1688.Signing;
using PlatformSdk.Alibaba1688.Validation;
using PlatformSdk.Http;
using PlatformSdk.Tokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the 1688 client: <c>services.AddPlatformSdk().AddAlibaba1688(configuration.GetSection("PlatformSdk:Alibaba1688"))</c>.</summary>
public static class Alibaba1688ServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client all shops share (rate limits are still per shop).</summary>
    public const string HttpClientName = "PlatformSdk.Alibaba1688";

    /// <summary>Registers the client from a configuration section (see <see cref="Alibaba1688Options"/> for the keys).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="section">The section, for example <c>PlatformSdk:Alibaba1688</c>; its <c>Resilience</c> subsection binds the named resilience options <c>"Alibaba1688"</c>.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddAlibaba1688(this IPlatformSdkBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddAlibaba1688Core(section, null);
    }

    /// <summary>Registers the client configured in code (this is also where <see cref="Alibaba1688Options.EndpointsOverride"/> is set for fakes).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddAlibaba1688(this IPlatformSdkBuilder builder, Action<Alibaba1688Options> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddAlibaba1688Core(null, configure);
    }

    private static IPlatformSdkBuilder AddAlibaba1688Core(this IPlatformSdkBuilder builder, IConfiguration? section, Action<Alibaba1688Options>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        AddShared(services);
        var options = services.AddOptions<Alibaba1688Options>();
        if (section is not null)
        {
            // R1688-01: only the domestic site; URLs are never taken from configuration.
            options.Configure(_ =>
            {
                if (section.GetSection(nameof(Alibaba1688Options.EndpointsOverride)).Exists())
                {
                    throw new OptionsValidationException(Options.Options.DefaultName, typeof(Alibaba1688Options),
                        ["Alibaba1688: EndpointsOverride cannot be set from configuration; the SDK talks only to gw.open.1688.com and auth.1688.com (R1688-01)."]);
                }
            });
            options.Bind(section);
            var resilience = section.GetSection("Resilience");
            if (resilience.Exists())
            {
                services.AddOptions<PlatformResilienceOptions>(Alibaba1688ErrorCatalogue.Platform).Bind(resilience);
            }
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        return builder;
    }

    private static void AddShared(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(Alibaba1688Marker)))
        {
            return;
        }

        services.AddSingleton<Alibaba1688Marker>();
        // Runs before any Resilience section binding, so configured values win over this default.
        services.AddOptions<PlatformResilienceOptions>(Alibaba1688ErrorCatalogue.Platform)
            .Configure(o => o.PermitsPerSecond = Alibaba1688WireChoices.DefaultRequestsPerSecond);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Alibaba1688Options>, Alibaba1688OptionsValidator>(
            sp => new Alibaba1688OptionsValidator(sp.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>())));
        services.TryAddSingleton<Alibaba1688ResponseClassifier>();
        services.TryAddSingleton<Alibaba1688RequestSigner>();
        services.TryAddSingleton(sp =>
        {
            var httpClients = sp.GetRequiredService<IHttpClientFactory>();
            // A fresh HttpClient per call lets the factory rotate handlers (DNS changes); the pipeline state is shared.
            var transport = new Alibaba1688Transport(sp.GetRequiredService<IOptions<Alibaba1688Options>>().Value,
                () => new PlatformRequestExecutor(httpClients.CreateClient(HttpClientName)),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IAccessTokenStore>());
            return new Alibaba1688Client(transport);
        });
        services.AddHttpClient(HttpClientName)
            .AddPlatformPipeline(Alibaba1688ErrorCatalogue.Platform,
                sp => sp.GetRequiredService<Alibaba1688RequestSigner>(),
                sp => sp.GetRequiredService<Alibaba1688ResponseClassifier>());
    }

    private sealed class Alibaba1688Marker;
}
