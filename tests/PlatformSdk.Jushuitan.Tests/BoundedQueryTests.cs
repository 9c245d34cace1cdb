using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Testing;

namespace PlatformSdk.Jushuitan.Tests;

/// <summary>Every loop over pages or windows makes progress and has a cap; absurd windows are refused before anything is sent.</summary>
public sealed class BoundedQueryTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1700000000));
    private readonly List<ServiceProvider> _providers = [];

    private JushuitanClient Client(LoopbackStubServer server)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(_time).AddJushuitan(o =>
        {
            o.Protocol = JushuitanProtocol.OpenApi;
            o.EndpointsOverride = server.JushuitanEndpoints();
            o.OpenApi.AppKey = "b0b7d1db226d4216a3d58df9ffa2dde5";
            o.OpenApi.AppSecret = "99c4cef262f34ca882975a7064de0b87";
            o.OpenApi.AccessToken = "b7e3b1e24e174593af8ca5c397e53dad";
        });
        services.Configure<PlatformResilienceOptions>("Jushuitan", o => o.PermitsPerSecond = 0);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider.GetRequiredService<JushuitanClient>();
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public async Task A_platform_answering_the_same_page_with_has_next_forever_is_read_once()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":0,\"data\":{\"datas\":[{\"shop_id\":1,\"shop_name\":\"A\"},{\"shop_id\":2,\"shop_name\":\"B\"}],\"has_next\":true}}"));

        var shops = await Client(server).Shops.ListAsync();

        Assert.Equal(2, shops.Count);
        Assert.Equal(2, server.Requests.Count); // the repeated second page ends the loop
    }

    [Fact]
    public async Task A_forgotten_window_start_is_refused_before_sending()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":0,\"data\":{\"orders\":[],\"has_next\":false}}"));
        var client = Client(server);

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(async () =>
        {
            await foreach (var _ in client.Orders.QueryAsync(new JushuitanOrderQuery { ModifiedBegin = default(DateTimeOffset), ModifiedEnd = _time.GetUtcNow() }))
            {
            }
        });

        Assert.Equal("modified_begin", ex.Field);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_window_longer_than_a_year_is_refused_before_sending()
    {
        using var server = new LoopbackStubServer(_ => StubReply.Json("{\"code\":0,\"data\":{\"orders\":[],\"has_next\":false}}"));
        var client = Client(server);
        var end = _time.GetUtcNow();

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(async () =>
        {
            await foreach (var _ in client.Orders.QueryAsync(new JushuitanOrderQuery { ModifiedBegin = end.AddDays(-400), ModifiedEnd = end }))
            {
            }
        });

        Assert.Contains("366 days", ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
