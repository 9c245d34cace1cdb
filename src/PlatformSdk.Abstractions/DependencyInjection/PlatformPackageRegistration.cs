using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlatformSdk.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What a platform package tells the shared registration about itself: its name, its signer and classifier, its resilience
/// defaults and the settings that may only be set in code. <see cref="PlatformPackageRegistration.AddPlatformTenant"/> does the
/// rest of the ritual, the same for every platform.
/// </summary>
/// <typeparam name="TOptions">The platform's options type.</typeparam>
public sealed class PlatformPackage<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>
    where TOptions : class
{
    /// <summary>
    /// Binds a configuration section onto the options: <c>(section, options) =&gt; section.Bind(options)</c> written in the package, so
    /// the configuration binding source generator sees the concrete type (trimming and AOT safe).
    /// </summary>
    public required Action<IConfiguration, TOptions> Bind { get; init; }

    /// <summary>The platform name (errors, metrics, resilience option names).</summary>
    public required string Platform { get; init; }

    /// <summary>Creates the platform's signer (one per service provider).</summary>
    public required Func<IServiceProvider, IPlatformRequestSigner> Signer { get; init; }

    /// <summary>Creates the platform's classifier (one per service provider).</summary>
    public required Func<IServiceProvider, PlatformResponseClassifier> Classifier { get; init; }

    /// <summary>Creates the platform's options validator, run at start (<c>ValidateOnStart</c>).</summary>
    public required Func<IServiceProvider, IValidateOptions<TOptions>> Validator { get; init; }

    /// <summary>Registers the platform's own singletons once (token sources, meters, client factories); use <c>TryAdd</c>.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>The platform's resilience defaults (for example its documented rate limit), applied before any configuration.</summary>
    public Action<PlatformResilienceOptions>? ResilienceDefaults { get; init; }

    /// <summary>
    /// Option names that are refused when they appear in a configuration section (URL overrides: environments are chosen by name),
    /// with the hint shown to the user.
    /// </summary>
    public IReadOnlyDictionary<string, string> CodeOnlySettings { get; init; } = new Dictionary<string, string>();

    /// <summary>The label of the default tenant in messages.</summary>
    public string DefaultTenantLabel { get; init; } = "default";

    /// <summary>
    /// How much earlier than the shared <see cref="PlatformSdk.Tokens.AccessTokenProviderOptions.RefreshBeforeExpiry"/> this platform's tokens are
    /// refreshed (for tokens living more than twice as long), or <see langword="null"/> for none.
    /// </summary>
    public TimeSpan? TokenRefreshMargin { get; init; }

    /// <summary>The name of the platform's HTTP client in <see cref="IHttpClientFactory"/>: <c>PlatformSdk.{Platform}</c>.</summary>
    public string HttpClientName => PlatformPackageRegistration.HttpClientNameFor(Platform);
}

/// <summary>
/// The one registration ritual of every platform package: shared services once per platform (signer, classifier, validator, the
/// named HTTP client without redirects, the executor per tenant), then per tenant its options (bound, code-only settings refused,
/// validated at start) and its own resilience settings.
/// </summary>
public static class PlatformPackageRegistration
{
    /// <summary>The HTTP client name of a platform.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns><c>PlatformSdk.{platform}</c>.</returns>
    public static string HttpClientNameFor(string platform) => "PlatformSdk." + platform;

    /// <summary>
    /// Registers one tenant of a platform (the default tenant when <paramref name="name"/> is empty), and the platform's shared
    /// services the first time. Order of calls never matters.
    /// </summary>
    /// <typeparam name="TOptions">The platform's options.</typeparam>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="package">The platform.</param>
    /// <param name="name">The tenant (options) name; <c>Options.DefaultName</c> (empty) for the default tenant.</param>
    /// <param name="section">A configuration section to bind, or <see langword="null"/>; its <c>Resilience</c> subsection holds this tenant's settings.</param>
    /// <param name="configure">Code configuration applied after binding, or <see langword="null"/>.</param>
    /// <returns>The tenant's options builder.</returns>
    public static OptionsBuilder<TOptions> AddPlatformTenant<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(this IPlatformSdkBuilder builder, PlatformPackage<TOptions> package, string name, IConfiguration? section, Action<TOptions>? configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(name);
        var services = builder.Services;
        AddPlatform(services, package);
        var tenantLabel = string.IsNullOrEmpty(name) ? package.DefaultTenantLabel : name;
        var options = services.AddOptions<TOptions>(name);
        var resilienceName = PlatformResilienceOptions.NameFor(package.Platform, name);
        var resilience = services.AddOptions<PlatformResilienceOptions>(resilienceName);
        var tenantMarker = new PlatformTenantMarker(resilienceName);
        if (!services.Any(d => d.ServiceType == typeof(PlatformTenantMarker) && Equals(d.ImplementationInstance, tenantMarker)))
        {
            // Each tenant has its own settings: the platform's defaults, then its own Resilience section and code. Registered once per
            // tenant and before any binding, so configured values always win and one tenant's section never changes another's.
            services.AddSingleton(tenantMarker);
            if (package.ResilienceDefaults is { } defaults)
            {
                resilience.Configure(defaults);
            }
        }

        if (section is not null)
        {
            options.Configure(_ =>
            {
                foreach (var (setting, hint) in package.CodeOnlySettings)
                {
                    if (section.GetSection(setting).Exists())
                    {
                        throw new OptionsValidationException(name, typeof(TOptions),
                            [$"{package.Platform} tenant '{tenantLabel}': {setting} cannot be set from configuration; {hint}"]);
                    }
                }
            });
            options.Configure(o => BindChecked(package.Platform, tenantLabel, name, section, o, package.Bind));
            services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(new ConfigurationChangeTokenSource<TOptions>(name, section));
            var resilienceSection = section.GetSection("Resilience");
            if (resilienceSection.Exists())
            {
                resilience.Bind(resilienceSection);
            }
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        return options;
    }

    /// <summary>
    /// Binds a configuration section onto a platform's options the way <see cref="AddPlatformTenant"/> does, for packages that register
    /// their options themselves: a value that is not a name of its enum setting (<c>Environment=Sandbox</c>) fails with an
    /// <see cref="OptionsValidationException"/> that names the setting and lists the allowed values, and any other value the binder
    /// cannot convert fails with an <see cref="OptionsValidationException"/> naming the setting, instead of the binder's
    /// <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <typeparam name="TOptions">The options.</typeparam>
    /// <param name="options">The options builder.</param>
    /// <param name="platform">The platform, for the message prefix.</param>
    /// <param name="section">The section.</param>
    /// <param name="bind">The package's binding, <c>(section, options) =&gt; section.Bind(options)</c> (the binding source generator sees the concrete type).</param>
    /// <returns>The options builder.</returns>
    public static OptionsBuilder<TOptions> BindPlatformSection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(this OptionsBuilder<TOptions> options, string platform,
        IConfiguration section, Action<IConfiguration, TOptions> bind)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(platform);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(bind);
        var name = options.Name;
        var tenantLabel = string.IsNullOrEmpty(name) ? "default" : name;
        options.Configure(o => BindChecked(platform, tenantLabel, name, section, o, bind));
        options.Services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(new ConfigurationChangeTokenSource<TOptions>(name, section));
        return options;
    }

    /// <summary>Adds a user policy to a platform's pipeline at a position (see <see cref="PlatformPipelinePosition"/>).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="platform">The platform, for example <c>Jushuitan</c>.</param>
    /// <param name="policy">The per-call policy.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddPolicy(this IPlatformSdkBuilder builder, string platform, PlatformCallPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(platform);
        ArgumentNullException.ThrowIfNull(policy);
        builder.Services.AddSingleton(new PlatformCallPolicyRegistration(platform, policy));
        return builder;
    }

    /// <summary>
    /// Adds a per-attempt handler to a platform's pipeline: it runs on every attempt after signing, sees the signed request and the
    /// raw response, and is rebuilt with the handler chain (<see cref="PlatformPipelinePosition.PerAttempt"/>).
    /// </summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="platform">The platform.</param>
    /// <param name="handler">Creates the handler.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddPolicy(this IPlatformSdkBuilder builder, string platform, Func<IServiceProvider, DelegatingHandler> handler)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(platform);
        ArgumentNullException.ThrowIfNull(handler);
        builder.Services.AddHttpClient(HttpClientNameFor(platform)).AddHttpMessageHandler(handler);
        return builder;
    }

    private static void AddPlatform<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IServiceCollection services, PlatformPackage<TOptions> package)
        where TOptions : class
    {
        var marker = new PlatformMarker(package.Platform);
        if (services.Any(d => d.ServiceType == typeof(PlatformMarker) && Equals(d.ImplementationInstance, marker)))
        {
            return;
        }

        services.AddSingleton(marker);
        services.AddPlatformSdkCore();
        services.TryAddSingleton<PlatformExecutors>();
        services.AddSingleton(new PlatformPipelineRegistration(package.Platform, package.Signer, package.Classifier));
        if (package.TokenRefreshMargin is { } margin)
        {
            services.Configure<PlatformSdk.Tokens.AccessTokenProviderOptions>(o => o.PlatformRefreshMargins[package.Platform] = margin);
        }

        services.AddSingleton(package.Validator);
        package.Services?.Invoke(services);
        services.AddHttpClient(package.HttpClientName)
            // The executor logs every attempt itself, with secrets masked; the factory's own request loggers would only add cost.
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
    }

    // A redirect is a classified error, never followed: the target is not the platform, and a write may have happened.
    private static HttpMessageHandler CreatePrimaryHandler()
#if NET8_0_OR_GREATER
        => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
#else
        // netstandard2.0 has no SocketsHttpHandler; the factory's handler rotation (two minutes by default) renews
        // connections instead of PooledConnectionLifetime, and .NET Framework knows no Brotli.
        => new HttpClientHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
#endif

    // The binder (reflection or source-generated) turns an unknown enum name into an InvalidOperationException that names the type
    // but not its values, thrown when the options are first read. Enum settings are checked first so the message lists the names the
    // binder would accept (any case, or a number, which the validator then checks); any other conversion failure keeps the binder's
    // text, as an options failure naming the tenant.
    private static void BindChecked<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(string platform, string tenantLabel, string name,
        IConfiguration section, TOptions options, Action<IConfiguration, TOptions> bind)
        where TOptions : class
    {
        var problems = new List<string>();
        CheckEnumSettings(typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance), section, string.Empty, problems, depth: 0);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(name, typeof(TOptions), problems.Select(p => $"{platform} tenant '{tenantLabel}': {p}"));
        }

        try
        {
            bind(section, options);
        }
        catch (InvalidOperationException ex)
        {
            throw new OptionsValidationException(name, typeof(TOptions),
                [$"{platform} tenant '{tenantLabel}': {ex.Message}{(ex.InnerException is { } inner ? " " + inner.Message : string.Empty)} Fix the setting in configuration."]);
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Nested settings are only inspected to word an error message; when trimming removed "
        + "their property metadata they are skipped and a bad value still fails, with the binder's own text.")]
    private static void CheckEnumSettings(PropertyInfo[] properties, IConfiguration section, string prefix, List<string> problems, int depth)
    {
        foreach (var property in properties)
        {
            if (property.GetIndexParameters().Length > 0 || property.SetMethod is null && !property.PropertyType.IsClass)
            {
                continue;
            }

            var setting = section.GetSection(property.Name);
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsEnum)
            {
                if (setting.Value is { } value && !Enum.TryParse(type, value, ignoreCase: true, out _))
                {
                    problems.Add($"{prefix}{property.Name} must be {PlatformSdk.Configuration.EnumNames.Allowed(type)} (got '{value}').");
                }
            }
            else if (depth < 3 && type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && setting.GetChildren().Any())
            {
                CheckEnumSettings(NestedProperties(type), setting, $"{prefix}{property.Name}:", problems, depth + 1);
            }
        }
    }

    private static PropertyInfo[] NestedProperties([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance);

    private sealed record PlatformMarker(string Platform);

    private sealed record PlatformTenantMarker(string ResilienceName);
}

/// <summary>A platform's signer and classifier factories, registered once per platform.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Signer">Creates the signer.</param>
/// <param name="Classifier">Creates the classifier.</param>
public sealed record PlatformPipelineRegistration(string Platform, Func<IServiceProvider, IPlatformRequestSigner> Signer, Func<IServiceProvider, PlatformResponseClassifier> Classifier);

/// <summary>A per-call policy registered for a platform.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Policy">The policy.</param>
public sealed record PlatformCallPolicyRegistration(string Platform, PlatformCallPolicy Policy);

/// <summary>
/// Hands out one <see cref="PlatformRequestExecutor"/> per platform and tenant, built from the tenant's own resilience settings.
/// Registered once; platform client factories ask it for their tenant's executor.
/// </summary>
public sealed class PlatformExecutors
{
    private readonly IServiceProvider _services;
    private readonly ConcurrentDictionary<string, Lazy<PlatformRequestExecutor>> _executors = new(StringComparer.Ordinal);

    /// <summary>Creates the registry.</summary>
    /// <param name="services">The service provider.</param>
    public PlatformExecutors(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
    }

    /// <summary>The executor of a platform tenant.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="tenant">The tenant (options) name; empty for the default tenant.</param>
    /// <returns>The executor.</returns>
    /// <exception cref="InvalidOperationException">The platform was not registered.</exception>
    public PlatformRequestExecutor Get(string platform, string? tenant)
    {
        ArgumentException.ThrowIfNullOrEmpty(platform);
        var key = PlatformResilienceOptions.NameFor(platform, tenant);
        return _executors.GetOrAdd(key, k => new Lazy<PlatformRequestExecutor>(() => Create(platform, k))).Value;
    }

    private PlatformRequestExecutor Create(string platform, string optionsName)
    {
        var registration = _services.GetServices<PlatformPipelineRegistration>().LastOrDefault(r => r.Platform == platform)
            ?? throw new InvalidOperationException($"The platform {platform} is not registered: call its Add{platform}(...) extension.");
        var handlers = _services.GetRequiredService<IHttpMessageHandlerFactory>();
        var clientName = PlatformPackageRegistration.HttpClientNameFor(platform);
        return new PlatformRequestExecutor(new PlatformPipelineOptions
        {
            Platform = platform,
            Signer = registration.Signer(_services),
            Classifier = registration.Classifier(_services),
            // A handler chain per call lets the factory rotate handlers (DNS changes); limiter and token state live in singletons.
            Handler = () => handlers.CreateHandler(clientName),
            Resilience = _services.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>().Get(optionsName),
            RateLimiters = _services.GetRequiredService<PlatformRateLimiters>(),
            Logger = _services.GetRequiredService<ILoggerFactory>().CreateLogger("PlatformSdk." + platform),
            Time = _services.GetRequiredService<TimeProvider>(),
            CallPolicies = _services.GetServices<PlatformCallPolicyRegistration>().Where(p => p.Platform == platform).Select(p => p.Policy).ToArray(),
        });
    }
}
