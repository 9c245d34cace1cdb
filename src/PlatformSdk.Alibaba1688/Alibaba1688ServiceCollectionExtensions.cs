using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlatformSdk;
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
        builder.AddPlatformTenant(Package, Options.Options.DefaultName, section, configure);
        return builder;
    }

    // The tenant picker every package shares: a 1688 tenant is a shop (Alibaba1688Client.ForShop).
    private sealed class ShopClientFactory(Alibaba1688Client client) : IPlatformClientFactory<Alibaba1688ShopClient>
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Alibaba1688ShopClient> _shops = new(StringComparer.Ordinal);

        public Alibaba1688ShopClient CreateClient(string tenant)
        {
            Alibaba1688RequestValidator.Shop(tenant);
            return _shops.GetOrAdd(tenant, client.ForShop);
        }
    }

    private static readonly PlatformPackage<Alibaba1688Options> Package = new()
    {
        Platform = Alibaba1688ErrorCatalogue.Platform,
        Bind = static (section, options) => section.Bind(options),
        Signer = static sp => sp.GetRequiredService<Alibaba1688RequestSigner>(),
        Classifier = static sp => sp.GetRequiredService<Alibaba1688ResponseClassifier>(),
        Validator = static sp => new Alibaba1688OptionsValidator(sp.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>()),
        ResilienceDefaults = static o => o.PermitsPerSecond = Alibaba1688WireChoices.DefaultRequestsPerSecond,
        TokenRefreshMargin = Alibaba1688WireChoices.TokenRefreshMargin,
        // R1688-01: only the domestic site; URLs are never taken from configuration.
        CodeOnlySettings = new Dictionary<string, string>
        {
            [nameof(Alibaba1688Options.EndpointsOverride)] = "the SDK talks only to gw.open.1688.com and auth.1688.com (R1688-01).",
        },
        Services = static services =>
        {
            services.TryAddSingleton<Alibaba1688ResponseClassifier>();
            services.TryAddSingleton<Alibaba1688RequestSigner>();
            services.TryAddSingleton(sp => new Alibaba1688Client(new Alibaba1688Transport(
                sp.GetRequiredService<IOptions<Alibaba1688Options>>().Value,
                sp.GetRequiredService<PlatformExecutors>().Get(Alibaba1688ErrorCatalogue.Platform, Options.Options.DefaultName),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IAccessTokenStore>())));
            services.TryAddSingleton<IPlatformClientFactory<Alibaba1688ShopClient>>(sp => new ShopClientFactory(sp.GetRequiredService<Alibaba1688Client>()));
        },
    };
}
