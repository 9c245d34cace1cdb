using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlatformSdk;
using PlatformSdk.Http;
using PlatformSdk.Inbox;
using PlatformSdk.Jushuitan;
using PlatformSdk.Jushuitan.Errors;
using PlatformSdk.Jushuitan.Models.Billing;
using PlatformSdk.Jushuitan.Protocol;
using PlatformSdk.Jushuitan.Push;
using PlatformSdk.Jushuitan.Signing;
using PlatformSdk.Jushuitan.Validation;
using PlatformSdk.Tokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Jushuitan client: <c>services.AddPlatformSdk().AddJushuitan(configuration.GetSection("PlatformSdk:Jushuitan"))</c>.</summary>
public static class JushuitanServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client all Jushuitan tenants share (rate limits and resilience settings are still per tenant).</summary>
    public const string HttpClientName = "PlatformSdk.Jushuitan";

    /// <summary>Registers the default tenant from a configuration section (see <see cref="JushuitanOptions"/> for the keys).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="section">The section, for example <c>PlatformSdk:Jushuitan</c>; its <c>Resilience</c> subsection binds the retry and rate-limit settings.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddJushuitan(this IPlatformSdkBuilder builder, IConfiguration section)
        => builder.AddJushuitanCore(Options.Options.DefaultName, section, null);

    /// <summary>Registers the default tenant configured in code.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddJushuitan(this IPlatformSdkBuilder builder, Action<JushuitanOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddJushuitanCore(Options.Options.DefaultName, null, configure);
    }

    /// <summary>Registers a named tenant from a configuration section; get its client from <see cref="IJushuitanClientFactory"/>.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="name">The tenant name.</param>
    /// <param name="section">The section.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddJushuitan(this IPlatformSdkBuilder builder, string name, IConfiguration section)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return builder.AddJushuitanCore(name, section, null);
    }

    /// <summary>Registers a named tenant configured in code; get its client from <see cref="IJushuitanClientFactory"/>.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="name">The tenant name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddJushuitan(this IPlatformSdkBuilder builder, string name, Action<JushuitanOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddJushuitanCore(name, null, configure);
    }

    /// <summary>
    /// Registers the own-mall push receiver (RJST-05): a singleton <see cref="JushuitanPushHandler"/> over the <see cref="IPushInbox"/>
    /// registered in the container (for example the SQLite inbox of <c>PlatformSdk.Inbox</c>; register one yourself). Map a POST
    /// route to <see cref="JushuitanPushHandler.HandleAsync"/>. The settings are validated at start.
    /// </summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="section">The section, for example <c>PlatformSdk:JushuitanPush</c> (see <see cref="JushuitanPushReceiverOptions"/>).</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddJushuitanPushReceiver(this IPlatformSdkBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddJushuitanPushReceiverCore(section, null);
    }

    /// <summary>Registers the own-mall push receiver configured in code (RJST-05); see the overload taking a section.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="configure">Sets the receiver's options (the app key and secret the pushes are signed for).</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddJushuitanPushReceiver(this IPlatformSdkBuilder builder, Action<JushuitanPushReceiverOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddJushuitanPushReceiverCore(null, configure);
    }

    private static IPlatformSdkBuilder AddJushuitanPushReceiverCore(this IPlatformSdkBuilder builder, IConfiguration? section, Action<JushuitanPushReceiverOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<JushuitanPushReceiverOptions>();
        if (section is not null)
        {
            options.BindPlatformSection(JushuitanErrorCatalogue.Platform, section, static (s, o) => s.Bind(o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        // The messages name the setting, never its value.
        options.Validate(static o => !string.IsNullOrWhiteSpace(o.AppKey) && o.AppKey.Trim() == o.AppKey,
                "Jushuitan push receiver: AppKey is required and has no surrounding whitespace (RJST-05).")
            .Validate(static o => !string.IsNullOrWhiteSpace(o.AppSecret) && o.AppSecret.Trim() == o.AppSecret,
                "Jushuitan push receiver: AppSecret is required and has no surrounding whitespace (RJST-05).")
            .Validate(static o => o.TimestampTolerance > TimeSpan.Zero, "Jushuitan push receiver: TimestampTolerance must be positive.")
            .Validate(static o => o.MaxPushBodyBytes > 0, "Jushuitan push receiver: MaxPushBodyBytes must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new JushuitanPushHandler(
            sp.GetRequiredService<IOptions<JushuitanPushReceiverOptions>>().Value,
            sp.GetService<IPushInbox>() ?? throw new InvalidOperationException(
                "Jushuitan: no IPushInbox is registered; register a durable inbox (PlatformSdk.Inbox) before resolving the push handler."),
            sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    private static IPlatformSdkBuilder AddJushuitanCore(this IPlatformSdkBuilder builder, string name, IConfiguration? section, Action<JushuitanOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPlatformTenant(Package, name, section, configure);
        if (name == Options.Options.DefaultName)
        {
            builder.Services.TryAddSingleton(sp => sp.GetRequiredService<IJushuitanClientFactory>().CreateClient(Options.Options.DefaultName));
        }

        return builder;
    }

    private static readonly PlatformPackage<JushuitanOptions> Package = new()
    {
        Platform = JushuitanErrorCatalogue.Platform,
        DefaultTenantLabel = JushuitanOptions.DefaultTenant,
        Bind = static (section, options) => section.Bind(options),
        Signer = static sp => sp.GetRequiredService<JushuitanRequestSigner>(),
        Classifier = static sp => sp.GetRequiredService<JushuitanResponseClassifier>(),
        Validator = static sp => new JushuitanOptionsValidator(sp.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>()),
        ResilienceDefaults = static o => o.PermitsPerSecond = JushuitanWireChoices.DefaultRequestsPerSecond,
        TokenRefreshMargin = JushuitanWireChoices.TokenRefreshMargin,
        // RJST-01: environments are chosen by name; a URL typed into configuration is refused before binding reads it.
        CodeOnlySettings = new Dictionary<string, string>
        {
            [nameof(JushuitanOptions.EndpointsOverride)] = "choose Environment 'Test' or 'Production' (RJST-01).",
        },
        Services = static services =>
        {
            // RJST-03: counted in the shared store when one is registered (PlatformSdk.Redis), so every process adds to one count.
            services.TryAddSingleton(static sp => new JushuitanCallMeter(sp.GetService<IPlatformCallCounter>()));
            services.TryAddSingleton<JushuitanResponseClassifier>();
            services.TryAddSingleton<JushuitanRequestSigner>();
            services.TryAddSingleton<IJushuitanClientFactory, JushuitanClientFactory>();
            services.TryAddSingleton<IPlatformClientFactory<JushuitanClient>>(sp => sp.GetRequiredService<IJushuitanClientFactory>());
        },
    };

    private static string TenantOf(string name) => string.IsNullOrEmpty(name) ? JushuitanOptions.DefaultTenant : name;

    private sealed class JushuitanClientFactory(
        IOptionsMonitor<JushuitanOptions> options,
        PlatformExecutors executors,
        TimeProvider time,
        IAccessTokenStore store,
        JushuitanCallMeter meter) : IJushuitanClientFactory
    {
        private readonly ConcurrentDictionary<string, Lazy<JushuitanClient>> _clients = new(StringComparer.Ordinal);

        public JushuitanClient CreateClient(string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            var optionsName = name == JushuitanOptions.DefaultTenant ? Options.Options.DefaultName : name;
            return _clients.GetOrAdd(optionsName, n => new Lazy<JushuitanClient>(() =>
            {
                var settings = options.Get(n);
                var transport = new JushuitanTransport(TenantOf(n), settings, executors.Get(JushuitanErrorCatalogue.Platform, n), time, store);
                return new JushuitanClient(transport, meter);
            })).Value;
        }
    }
}
