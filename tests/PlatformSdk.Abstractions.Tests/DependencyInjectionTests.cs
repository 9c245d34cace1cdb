using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;
using PlatformSdk.Tokens;

namespace PlatformSdk.Abstractions.Tests;

public class DependencyInjectionTests
{
    [Fact]
    public void AddPlatformSdk_registers_the_shared_services()
    {
        using var provider = new ServiceCollection().AddPlatformSdk().Services.BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.IsType<InMemoryAccessTokenStore>(provider.GetRequiredService<IAccessTokenStore>());
        Assert.Same(provider.GetRequiredService<AccessTokenProvider>(), provider.GetRequiredService<AccessTokenProvider>());
        Assert.NotNull(provider.GetRequiredService<PlatformRateLimiters>());
    }

    [Fact]
    public void AddPlatformSdk_twice_registers_each_service_once()
    {
        var services = new ServiceCollection();
        services.AddPlatformSdk();
        services.AddPlatformSdk();

        Assert.Single(services, d => d.ServiceType == typeof(IAccessTokenStore));
        Assert.Single(services, d => d.ServiceType == typeof(AccessTokenProvider));
        Assert.Single(services, d => d.ServiceType == typeof(PlatformRateLimiters));
        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<AccessTokenProvider>());
    }

    [Fact]
    public void AddPlatformSdk_with_token_options_configures_the_provider_options()
    {
        var services = new ServiceCollection();
        services.AddPlatformSdk(o => o.RefreshBeforeExpiry = TimeSpan.FromMinutes(3));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMinutes(3), provider.GetRequiredService<IOptions<AccessTokenProviderOptions>>().Value.RefreshBeforeExpiry);
    }

    [Fact]
    public void UseDistributedTokenStore_replaces_the_in_memory_store_whatever_the_order()
    {
        var services = new ServiceCollection();
        services.AddDistributedMemoryCache();
        services.AddPlatformSdk().UseDistributedTokenStore();
        services.AddPlatformSdk(); // a platform package calling it again must not undo the choice

        Assert.Single(services, d => d.ServiceType == typeof(IAccessTokenStore));
        using var provider = services.BuildServiceProvider();
        Assert.IsType<DistributedCacheAccessTokenStore>(provider.GetRequiredService<IAccessTokenStore>());
        Assert.NotNull(provider.GetRequiredService<IDistributedCache>());
    }

    [Fact]
    public async Task UseTimeProvider_is_the_clock_of_the_token_provider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddPlatformSdk().UseTimeProvider(time);
        services.AddPlatformSdk();
        using var provider = services.BuildServiceProvider();

        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
        var token = await provider.GetRequiredService<AccessTokenProvider>()
            .GetTokenAsync(new TokenKey("P", "t"), new Infrastructure.CountingTokenSource(time), CancellationToken.None);
        Assert.Equal(time.GetUtcNow(), token.ObtainedAt);
        Assert.Equal(time.GetUtcNow().AddHours(2), token.ExpiresAt);
    }

    [Fact]
    public void Builder_methods_reject_null_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddPlatformSdk());
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddPlatformSdk().UseTimeProvider(null!));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddPlatformSdk().AddPlatformTenant<Infrastructure.HarnessOptions>(null!, "", null, null));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddPlatformSdk().AddPolicy("", _ => null!));
    }
}
