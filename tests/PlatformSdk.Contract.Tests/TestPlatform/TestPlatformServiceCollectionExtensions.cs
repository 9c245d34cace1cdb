using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlatformSdk.Http;
using PlatformSdk.TestPlatform;
using PlatformSdk.TestPlatform.Errors;
using PlatformSdk.TestPlatform.Protocol;
using PlatformSdk.TestPlatform.Signing;
using PlatformSdk.TestPlatform.Validation;
using PlatformSdk.Tokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the TestPlatform client: <c>services.AddPlatformSdk().AddTestPlatform(configuration.GetSection("PlatformSdk:TestPlatform"))</c>.</summary>
public static class TestPlatformServiceCollectionExtensions
{
    /// <summary>Registers the default tenant from a configuration section (see <see cref="TestPlatformOptions"/> for the keys).</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="section">The section; its <c>Resilience</c> subsection binds the tenant's retry, timeout and rate-limit settings.</param>
    /// <param name="configure">Code applied after binding (for example <see cref="TestPlatformOptions.EndpointsOverride"/>), or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTestPlatform(this IPlatformSdkBuilder builder, IConfiguration section, Action<TestPlatformOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddTestPlatformCore(Options.Options.DefaultName, section, configure);
    }

    /// <summary>Registers the default tenant configured in code.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTestPlatform(this IPlatformSdkBuilder builder, Action<TestPlatformOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddTestPlatformCore(Options.Options.DefaultName, null, configure);
    }

    /// <summary>Registers a named tenant from a configuration section; get its client from <see cref="ITestPlatformClientFactory"/>.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="name">The tenant name.</param>
    /// <param name="section">The section; its <c>Resilience</c> subsection holds this tenant's own settings.</param>
    /// <param name="configure">Code applied after binding, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTestPlatform(this IPlatformSdkBuilder builder, string name, IConfiguration section, Action<TestPlatformOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddTestPlatformCore(name, section, configure);
    }

    /// <summary>Registers a named tenant configured in code; get its client from <see cref="ITestPlatformClientFactory"/>.</summary>
    /// <param name="builder">The PlatformSdk builder.</param>
    /// <param name="name">The tenant name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddTestPlatform(this IPlatformSdkBuilder builder, string name, Action<TestPlatformOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddTestPlatformCore(name, null, configure);
    }

    private static IPlatformSdkBuilder AddTestPlatformCore(this IPlatformSdkBuilder builder, string name, IConfiguration? section, Action<TestPlatformOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPlatformTenant(Package, name, section, configure);
        if (name == Options.Options.DefaultName)
        {
            builder.Services.TryAddSingleton(sp => sp.GetRequiredService<ITestPlatformClientFactory>().CreateClient(Options.Options.DefaultName));
        }

        return builder;
    }

    private static readonly PlatformPackage<TestPlatformOptions> Package = new()
    {
        Platform = TestPlatformErrorCatalogue.Platform,
        DefaultTenantLabel = TestPlatformOptions.DefaultTenant,
        Bind = static (section, options) => section.Bind(options),
        Signer = static sp => sp.GetRequiredService<TestPlatformRequestSigner>(),
        Classifier = static sp => sp.GetRequiredService<TestPlatformResponseClassifier>(),
        Validator = static sp => new TestPlatformOptionsValidator(sp.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>()),
        CodeOnlySettings = new Dictionary<string, string>
        {
            [nameof(TestPlatformOptions.EndpointsOverride)] = "choose Environment 'Sandbox' or 'Production'.",
        },
        Services = static services =>
        {
            services.TryAddSingleton<TestPlatformResponseClassifier>();
            services.TryAddSingleton(sp => new TestPlatformRequestSigner(sp.GetRequiredService<AccessTokenProvider>(), sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<ITestPlatformClientFactory, TestPlatformClientFactory>();
        },
    };

    private sealed class TestPlatformClientFactory(IOptionsMonitor<TestPlatformOptions> options, PlatformExecutors executors, TimeProvider time) : ITestPlatformClientFactory
    {
        private readonly ConcurrentDictionary<string, Lazy<TestPlatformClient>> _clients = new(StringComparer.Ordinal);

        public TestPlatformClient CreateClient(string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            var optionsName = name == TestPlatformOptions.DefaultTenant ? Options.Options.DefaultName : name;
            return _clients.GetOrAdd(optionsName, n => new Lazy<TestPlatformClient>(() => new TestPlatformClient(new TestPlatformTransport(
                string.IsNullOrEmpty(n) ? TestPlatformOptions.DefaultTenant : n, options.Get(n), executors.Get(TestPlatformErrorCatalogue.Platform, n), time)))).Value;
        }
    }
}
