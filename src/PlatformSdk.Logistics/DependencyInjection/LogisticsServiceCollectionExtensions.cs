using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlatformSdk.Alibaba1688;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Logistics;
using PlatformSdk.Logistics.Carriers;
using PlatformSdk.Logistics.Senders.Alibaba1688;
using PlatformSdk.Logistics.Senders.Taobao;
using PlatformSdk.Logistics.Senders.TmallGlobalDirect;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.TmallGlobalDirect;
using PlatformSdk.Top;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the Logistics package: <c>services.AddPlatformSdk().AddLogistics(configuration.GetSection("PlatformSdk:Logistics"))</c>.
/// Registers the <see cref="CarrierRegistry"/> (shipped data plus <see cref="LogisticsOptions.Carriers"/> and
/// <see cref="LogisticsOptions.ConfigureCarriers"/>), checked when the host starts: a retired or known-wrong code, an unknown
/// platform or an unknown enum name stops the host with an <see cref="OptionsValidationException"/> naming the setting and the rule.
/// Also registers the <see cref="ShipmentSyncEngine"/> (settings under <c>Sync</c>) over every registered <see cref="ShipmentSender"/>
/// (<see cref="AddShipmentSender{TSender}"/>, <see cref="AddAlibaba1688ShipmentSender"/>, <see cref="AddTmallGlobalDirectShipmentSender"/>)
/// and the registered <see cref="IShipmentSyncStore"/>, or the <see cref="InMemoryShipmentSyncStore"/> when none is.
/// </summary>
public static class LogisticsServiceCollectionExtensions
{
    private const string Platform = "Logistics";

    /// <summary>Registers the package from a configuration section (see <see cref="LogisticsOptions"/> for the keys).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="section">The section, for example <c>PlatformSdk:Logistics</c>.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddLogistics(this IPlatformSdkBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddLogisticsCore(section, null);
    }

    /// <summary>Registers the package from a configuration section, then changes the options in code.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="section">The section, for example <c>PlatformSdk:Logistics</c>.</param>
    /// <param name="configure">Changes the options (for example <see cref="LogisticsOptions.ConfigureCarriers"/>).</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddLogistics(this IPlatformSdkBuilder builder, IConfiguration section, Action<LogisticsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddLogisticsCore(section, configure);
    }

    /// <summary>Registers the package configured in code.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddLogistics(this IPlatformSdkBuilder builder, Action<LogisticsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddLogisticsCore(null, configure);
    }

    private static IPlatformSdkBuilder AddLogisticsCore(this IPlatformSdkBuilder builder, IConfiguration? section, Action<LogisticsOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<LogisticsOptions>();
        if (section is not null)
        {
            options.BindPlatformSection(Platform, section, static (s, o) =>
            {
                CheckConfidenceNames(s);
                s.Bind(o);
            });
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LogisticsOptions>, LogisticsOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<LogisticsOptions>>().Value.BuildCarrierRegistry());
        services.TryAddSingleton(ShipmentSyncStoreBuilderExtensions.InMemoryFallback);
        services.TryAddSingleton(sp => new ShipmentSyncEngine(
            sp.GetServices<ShipmentSender>(),
            sp.GetRequiredService<IShipmentSyncStore>(),
            sp.GetRequiredService<CarrierRegistry>(),
            sp.GetRequiredService<IOptions<LogisticsOptions>>().Value.Sync,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<ShipmentSyncEngine>(),
            sp.GetService<PlatformRateLimiters>(),
            sp.GetService<IOptionsMonitor<PlatformResilienceOptions>>()));
        return builder;
    }

    /// <summary>Registers a shipment sender for the engine (one per platform), built from the container.</summary>
    /// <typeparam name="TSender">The sender.</typeparam>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddShipmentSender<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSender>(this IPlatformSdkBuilder builder)
        where TSender : ShipmentSender
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ShipmentSender, TSender>());
        return builder;
    }

    /// <summary>Registers a shipment sender for the engine (one per platform), built by <paramref name="factory"/>.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="factory">Builds the sender.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddShipmentSender(this IPlatformSdkBuilder builder, Func<IServiceProvider, ShipmentSender> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddSingleton(factory);
        return builder;
    }

    /// <summary>Registers the 1688 sender (<see cref="Alibaba1688ShipmentSender"/>) over the registered <see cref="Alibaba1688Client"/> (<c>AddAlibaba1688</c>).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddAlibaba1688ShipmentSender(this IPlatformSdkBuilder builder)
        => builder.AddShipmentSender(sp => new Alibaba1688ShipmentSender(sp.GetRequiredService<Alibaba1688Client>(), sp.GetService<TimeProvider>()));

    /// <summary>Registers the Tmall Global direct sender (<see cref="TmallGlobalDirectShipmentSender"/>) over the registered <see cref="TmallGlobalDirectClient"/> (<c>AddTmallGlobalDirect</c>).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="findOrder">Builds the lookup of a shipment's pushed order (for example over the ERP's push inbox).</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTmallGlobalDirectShipmentSender(this IPlatformSdkBuilder builder, Func<IServiceProvider, Func<Shipment, CancellationToken, ValueTask<PlatformSdk.TmallGlobalDirect.Push.ConsignOrderNotify?>>> findOrder)
    {
        ArgumentNullException.ThrowIfNull(findOrder);
        return builder.AddShipmentSender(sp => new TmallGlobalDirectShipmentSender(sp.GetRequiredService<TmallGlobalDirectClient>(), findOrder(sp)));
    }

    /// <summary>
    /// Registers the Taobao sender (<see cref="TaobaoShipmentSender"/>) over the registered <see cref="TopClient"/> (<c>AddTop</c>),
    /// and the shipment catalogue's Taobao rows for TOP's replies on that platform, so a refusal carries its RLOG rule and remedy.
    /// </summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="method">Offline (the ERP's own carrier, the usual case) or online (a Cainiao waybill) send.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTaobaoShipmentSender(this IPlatformSdkBuilder builder, TaobaoShipMethod method = TaobaoShipMethod.Offline)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTopCatalogue(ShipmentPlatforms.Taobao, TaobaoShipmentSender.ErrorCatalogueFor(ShipmentPlatforms.Taobao));
        return builder.AddShipmentSender(sp => new TaobaoShipmentSender(sp.GetRequiredService<TopClient>(), ShipmentPlatforms.Taobao, method));
    }

    /// <summary>
    /// The shared binding check does not look into dictionaries: a confidence under <c>Carriers:&lt;id&gt;:Codes:&lt;platform&gt;</c>
    /// that is not a name of <see cref="CarrierCodeConfidence"/> would fail with the binder's text, so it is checked here first.
    /// </summary>
    private static void CheckConfidenceNames(IConfiguration section)
    {
        var problems = new List<string>();
        foreach (var carrier in section.GetSection(nameof(LogisticsOptions.Carriers)).GetChildren())
        {
            foreach (var code in carrier.GetSection(nameof(LogisticsCarrierOptions.Codes)).GetChildren())
            {
                var value = code[nameof(LogisticsCarrierCodeOptions.Confidence)];
                if (value is not null && !(Enum.TryParse<CarrierCodeConfidence>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)))
                {
                    problems.Add($"Logistics: Carriers:{carrier.Key}:Codes:{code.Key}:Confidence must be {PlatformSdk.Configuration.EnumNames.Allowed<CarrierCodeConfidence>()} (got '{value}').");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(string.Empty, typeof(LogisticsOptions), problems);
        }
    }

    /// <summary>Builds the registry at start, so a retired or wrong code stops the host instead of the first shipment.</summary>
    private sealed class LogisticsOptionsValidator : IValidateOptions<LogisticsOptions>
    {
        public ValidateOptionsResult Validate(string? name, LogisticsOptions options)
        {
            try
            {
                options.Sync.Validate();
                _ = options.BuildCarrierRegistry();
                return ValidateOptionsResult.Success;
            }
            catch (PlatformValidationException ex)
            {
                // The error text alone: its remedy ("send again") is for requests, not for a setting.
                return ValidateOptionsResult.Fail("Logistics: " + ex.Error.Message);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                return ValidateOptionsResult.Fail($"Logistics: Sync:{ex.ParamName} is out of range ({ex.ActualValue}).");
            }
        }
    }
}
