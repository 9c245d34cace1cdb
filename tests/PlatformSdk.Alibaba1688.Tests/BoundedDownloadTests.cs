using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;
using PlatformSdk.Testing;

namespace PlatformSdk.Alibaba1688.Tests;

/// <summary>A product download makes progress or stops: a platform repeating the same page ends it instead of looping.</summary>
public sealed class BoundedDownloadTests
{
    [Fact]
    public async Task A_platform_repeating_the_same_page_ends_the_download()
    {
        const string Page = "{\"result\":{\"success\":true,\"pageResult\":{\"totalRecords\":100000,\"resultList\":["
            + "{\"productID\":1,\"skuInfos\":[{\"skuId\":11,\"cargoNumber\":\"A\"}]},{\"productID\":2,\"skuInfos\":[{\"skuId\":21,\"cargoNumber\":\"B\"}]}]}}}";
        using var stub = new LoopbackStubServer(_ => StubReply.Json(Page));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1700000000))).AddAlibaba1688(o =>
        {
            o.AppKey = "1000000";
            o.AppSecret = "secret-0123456789";
            o.RedirectUri = new Uri("https://erp.example.com/cb");
            o.EndpointsOverride = stub.Alibaba1688Endpoints();
            o.Shops["shopA"] = new Alibaba1688ShopOptions { AccessToken = "at-A", Market = "其他" };
        });
        services.Configure<PlatformResilienceOptions>("Alibaba1688", o => o.PermitsPerSecond = 0);
        await using var provider = services.BuildServiceProvider();
        var shop = provider.GetRequiredService<Alibaba1688Client>().ForShop("shopA");

        var products = new List<long>();
        await foreach (var product in shop.Products.DownloadAllAsync())
        {
            products.Add(product.ProductId);
        }

        Assert.Equal([1L, 2L], products);
        Assert.Equal(2, stub.Requests.Count); // the second, repeated page ends it
    }
}
