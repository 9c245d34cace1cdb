using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlatformSdk;
using PlatformSdk.TaobaoVoucher;
using PlatformSdk.TaobaoVoucher.Errors;
using PlatformSdk.TaobaoVoucher.Notifications;
using PlatformSdk.TaobaoVoucher.Validation;
using PlatformSdk.Top;
using PlatformSdk.Top.Errors;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the e-voucher client on top of TOP: <c>services.AddPlatformSdk().AddTop(topSection).AddTaobaoVoucher(voucherSection)</c>.
/// Also registers <see cref="PollingVoucherNotificationSource"/> as the default <see cref="IVoucherNotificationSource"/>
/// (replace it with <see cref="QueueVoucherNotificationSource"/> for pushed notices), <see cref="VoucherNotificationProcessor"/>,
/// and contributes <see cref="TaobaoVoucherErrorCatalogue"/> to the shared TOP host for the e-voucher operations.
/// </summary>
public static class TaobaoVoucherServiceCollectionExtensions
{
    /// <summary>Registers the client from a configuration section (see <see cref="TaobaoVoucherOptions"/>). Configure the TOP app with <c>AddTop</c> (before or after).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="section">The section, for example <c>PlatformSdk:TaobaoVoucher</c>.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTaobaoVoucher(this IPlatformSdkBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddTaobaoVoucherCore(o => o.BindPlatformSection(TaobaoVoucherClient.Platform, section, static (s, v) => s.Bind(v)));
    }

    /// <summary>Registers the client and the TOP app it calls through in one call (the same as <c>AddTop(topSection)</c> plus this).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="section">The e-voucher section, for example <c>PlatformSdk:TaobaoVoucher</c>.</param>
    /// <param name="topSection">The TOP app's section, for example <c>PlatformSdk:Top</c> (see <see cref="TopOptions"/>).</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTaobaoVoucher(this IPlatformSdkBuilder builder, IConfiguration section, IConfiguration topSection)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(topSection);
        builder.AddTop(topSection);
        return builder.AddTaobaoVoucherCore(o => o.BindPlatformSection(TaobaoVoucherClient.Platform, section, static (s, v) => s.Bind(v)));
    }

    /// <summary>Registers the client and the TOP app it calls through in one call, both configured in code.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="configure">Sets the e-voucher options.</param>
    /// <param name="configureTop">Sets the TOP app's options (app key, secret, sellers' sessions).</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTaobaoVoucher(this IPlatformSdkBuilder builder, Action<TaobaoVoucherOptions> configure, Action<TopOptions> configureTop)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(configureTop);
        builder.AddTop(configureTop);
        return builder.AddTaobaoVoucherCore(o => o.Configure(configure));
    }

    /// <summary>Registers the client configured in code. Configure the TOP app with <c>AddTop</c> (before or after).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTaobaoVoucher(this IPlatformSdkBuilder builder, Action<TaobaoVoucherOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddTaobaoVoucherCore(o => o.Configure(configure));
    }

    // The tenant picker every package shares: an e-voucher tenant is a seller. Its client sends that seller's session unless a
    // request names another (VoucherRequest.Seller); every other option is the registered one.
    private sealed class SellerClientFactory(TopClient top, TaobaoVoucherOptions options, TimeProvider time) : IPlatformClientFactory<TaobaoVoucherClient>
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaobaoVoucherClient> _sellers = new(StringComparer.Ordinal);

        public TaobaoVoucherClient CreateClient(string tenant)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
            return _sellers.GetOrAdd(tenant, seller => new TaobaoVoucherClient(top, new TaobaoVoucherOptions
            {
                Seller = seller,
                CodeMerchantId = options.CodeMerchantId,
                Family = options.Family,
                BizType = options.BizType,
                SessionsStoredAtRuntime = options.SessionsStoredAtRuntime,
                PollingPageSize = options.PollingPageSize,
            }, time));
        }
    }

    private static IPlatformSdkBuilder AddTaobaoVoucherCore(this IPlatformSdkBuilder builder, Action<OptionsBuilder<TaobaoVoucherOptions>> apply)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // The e-voucher APIs are TOP calls: the TOP host is shared, its catalogue is extended (never replaced), and AddTop may come before or after.
        builder.AddTopCatalogue(TaobaoVoucherClient.Platform, TaobaoVoucherErrorCatalogue.Instance);
        var options = services.AddOptions<TaobaoVoucherOptions>();
        apply(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TaobaoVoucherOptions>, TaobaoVoucherOptionsValidator>());
        services.TryAddSingleton(sp => new TaobaoVoucherClient(
            sp.GetRequiredService<TopClient>(), sp.GetRequiredService<IOptions<TaobaoVoucherOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IPlatformClientFactory<TaobaoVoucherClient>>(sp => new SellerClientFactory(
            sp.GetRequiredService<TopClient>(), sp.GetRequiredService<IOptions<TaobaoVoucherOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IVoucherNotificationSource>(sp => new PollingVoucherNotificationSource(sp.GetRequiredService<TaobaoVoucherClient>()));
        services.TryAddSingleton(sp => new VoucherNotificationProcessor(sp.GetRequiredService<TaobaoVoucherClient>(), sp.GetRequiredService<IVoucherNotificationSource>()));
        return builder;
    }
}
