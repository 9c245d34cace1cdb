using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PlatformSdk.Http;
using PlatformSdk.Tokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The entry point platform packages extend: <c>services.AddPlatformSdk().AddJushuitan(...)</c>.</summary>
public interface IPlatformSdkBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }
}

/// <summary>Registers PlatformSdk's shared services.</summary>
public static class PlatformSdkServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shared services (clock, token store and provider, rate limiters) and returns the builder
    /// that platform packages extend. Safe to call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddPlatformSdk(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddPlatformSdkCore();
        return new PlatformSdkBuilder(services);
    }

    /// <summary>Registers the shared services and configures the token provider.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configureTokens">Configures token refresh.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder AddPlatformSdk(this IServiceCollection services, Action<AccessTokenProviderOptions> configureTokens)
    {
        var builder = services.AddPlatformSdk();
        services.Configure(configureTokens);
        return builder;
    }

    /// <summary>Keeps tokens in the registered <see cref="IDistributedCache"/> so several processes share them.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder UseDistributedTokenStore(this IPlatformSdkBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IAccessTokenStore>(sp => new DistributedCacheAccessTokenStore(sp.GetRequiredService<IDistributedCache>(), timeProvider: sp.GetService<TimeProvider>())));
        return builder;
    }

    /// <summary>Uses <paramref name="timeProvider"/> as the SDK's clock (tests pass a fake one).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder UseTimeProvider(this IPlatformSdkBuilder builder, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(timeProvider);
        builder.Services.Replace(ServiceDescriptor.Singleton(timeProvider));
        return builder;
    }

    internal static IServiceCollection AddPlatformSdkCore(this IServiceCollection services)
    {
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAccessTokenStore, InMemoryAccessTokenStore>();
        services.TryAddSingleton<AccessTokenProvider>();
        // A limiter registered in the container (PlatformSdk.Redis: shared across processes) replaces the in-process buckets.
        services.TryAddSingleton(sp => sp.GetService<IPlatformRateLimiter>() is { } shared
            ? new PlatformRateLimiters(shared)
            : new PlatformRateLimiters(sp.GetService<TimeProvider>()));
        return services;
    }

    private sealed class PlatformSdkBuilder(IServiceCollection services) : IPlatformSdkBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
