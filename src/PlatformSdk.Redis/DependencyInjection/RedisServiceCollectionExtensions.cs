using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PlatformSdk.Http;
using PlatformSdk.Redis;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Shares rate limits, throttling pauses and call counts across processes through Redis.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Makes every process that calls this on the same Redis and <see cref="RedisRateLimitOptions.KeyPrefix"/> share one
    /// token bucket per platform and tenant (the settings stay each platform's <c>Resilience:PermitsPerSecond</c>, <c>Burst</c>
    /// and <c>QueueLimit</c>), one pause after a throttled reply, and, unless <see cref="RedisRateLimitOptions.CountCalls"/>
    /// is off, one call count per tenant (Jushuitan billing, RJST-03). Uses the <see cref="IConnectionMultiplexer"/> registered
    /// in the container. Call it in any order with the platform registrations.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets key prefix, database and clock; defaults when omitted.</param>
    /// <returns>The builder.</returns>
    public static IPlatformSdkBuilder UseRedisRateLimits(this IPlatformSdkBuilder builder, Action<RedisRateLimitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new RedisRateLimitOptions();
        configure?.Invoke(options);
        options.Validate();
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton<IPlatformRateLimiter>(sp => new RedisPlatformRateLimiter(
            Multiplexer(sp), options, sp.GetService<TimeProvider>(), sp.GetService<ILogger<RedisPlatformRateLimiter>>())));
        if (options.CountCalls)
        {
            services.Replace(ServiceDescriptor.Singleton<IPlatformCallCounter>(sp => new RedisPlatformCallCounter(Multiplexer(sp), options)));
        }

        return builder;
    }

    private static IConnectionMultiplexer Multiplexer(IServiceProvider services)
        => services.GetService<IConnectionMultiplexer>() ?? throw new InvalidOperationException(
            "UseRedisRateLimits: no IConnectionMultiplexer is registered; register one (services.AddSingleton<IConnectionMultiplexer>(ConnectionMultiplexer.Connect(...))).");
}
