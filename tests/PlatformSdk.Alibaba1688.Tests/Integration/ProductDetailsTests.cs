using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Alibaba1688.Models.Products;
using PlatformSdk.Http;
using PlatformSdk.Testing;
using PlatformSdk.Testing.Alibaba1688;

namespace PlatformSdk.Alibaba1688.Tests.Integration;

/// <summary>
/// A download reads an offer again (<c>alibaba.product.get</c>) only when asked to, and by default only when its list item lacks
/// the SKUs it has: simple offers are complete in the list. Requests are counted at the fake.
/// </summary>
public sealed class ProductDetailsTests
{
    private static async Task<List<Alibaba1688Product>> DownloadAsync(Fake1688Harness h, Alibaba1688ProductDetails? details = null)
    {
        var products = h.Client.ForShop(Fake1688Harness.MainShop).Products;
        var all = new List<Alibaba1688Product>();
        await foreach (var product in details is { } d ? products.DownloadAllAsync(d) : products.DownloadAllAsync())
        {
            all.Add(product);
        }

        return all;
    }

    private static async Task<Fake1688Harness> AuthorizedAsync(bool listOmitsSkuInfos)
    {
        var h = Fake1688Harness.Create(fakeOptions: new Fake1688Options { ProductListOmitsSkuInfos = listOmitsSkuInfos });
        await h.AuthorizeAsync(Fake1688Harness.MainShop, Fake1688Seed.MainShopLoginId);
        return h;
    }

    [Fact]
    [Rule("R1688-09")]
    public async Task R168809_by_default_45_offers_whose_list_items_are_complete_cost_3_list_calls_and_no_detail_reads()
    {
        using var h = await AuthorizedAsync(listOmitsSkuInfos: false);

        var products = await DownloadAsync(h);

        Assert.Equal(Fake1688Seed.MainShopOfferCount, products.Count);
        Assert.Equal(3, h.Fake.CallsTo(Fake1688Routes.ProductList).Count);
        Assert.Empty(h.Fake.CallsTo(Fake1688Routes.ProductGet));
        Assert.Equal(3, products.Single(p => p.ProductId == Fake1688Seed.SkuOfferId).Skus.Count);
        Assert.Equal("HX-1001", products.Single(p => p.ProductId == Fake1688Seed.SimpleOfferId).ProductCargoNumber);
    }

    [Fact]
    [Rule("R1688-09")]
    public async Task R168809_by_default_only_the_offer_whose_list_item_leaves_out_its_SKUs_is_read_again_and_simple_offers_never_are()
    {
        using var h = await AuthorizedAsync(listOmitsSkuInfos: true);

        var products = await DownloadAsync(h, Alibaba1688ProductDetails.WhenListIsIncomplete);

        var get = Assert.Single(h.Fake.CallsTo(Fake1688Routes.ProductGet));
        Assert.Equal(Fake1688Seed.SkuOfferId.ToString(System.Globalization.CultureInfo.InvariantCulture), get.Form["productID"]);
        Assert.Equal(["TS-RED-M", "TS-RED-L", "TS-BLUE-M"], products.Single(p => p.ProductId == Fake1688Seed.SkuOfferId).Skus.Select(s => s.CargoNumber));
        Assert.Equal(Fake1688Seed.MainShopOfferCount, products.Count);
    }

    [Fact]
    [Rule("R1688-09")]
    public async Task R168809_ListOnly_makes_one_call_per_20_offers_and_reads_nothing_again()
    {
        using var h = await AuthorizedAsync(listOmitsSkuInfos: true);

        var products = await DownloadAsync(h, Alibaba1688ProductDetails.ListOnly);

        Assert.Equal(3, h.Fake.CallsTo(Fake1688Routes.ProductList).Count);
        Assert.Empty(h.Fake.CallsTo(Fake1688Routes.ProductGet));
        Assert.Empty(products.Single(p => p.ProductId == Fake1688Seed.SkuOfferId).Skus);
    }

    [Fact]
    [Rule("R1688-09")]
    public async Task R168809_Always_reads_every_offer_again_once()
    {
        using var h = await AuthorizedAsync(listOmitsSkuInfos: false);

        await DownloadAsync(h, Alibaba1688ProductDetails.Always);

        var gets = h.Fake.CallsTo(Fake1688Routes.ProductGet);
        Assert.Equal(Fake1688Seed.MainShopOfferCount, gets.Count);
        Assert.Equal(gets.Count, gets.Select(g => g.Form["productID"]).Distinct().Count());
    }

    [Fact]
    public async Task An_undefined_details_value_is_refused_before_anything_is_sent()
    {
        using var h = await AuthorizedAsync(listOmitsSkuInfos: false);
        h.Fake.Journal.Clear();

        Assert.Throws<ArgumentOutOfRangeException>(() => h.Client.ForShop(Fake1688Harness.MainShop).Products.DownloadAllAsync((Alibaba1688ProductDetails)7));

        Assert.Equal(0, h.Fake.Journal.Count);
    }

    [Theory]
    [InlineData("\"saleInfo\":{\"quoteType\":0}", false)]
    [InlineData("\"saleInfo\":{\"quoteType\":\"0\"}", false)]
    [InlineData("\"skuInfos\":[]", false)]
    [InlineData("\"skuInfos\":[{\"skuId\":1,\"cargoNumber\":\"A\"}]", false)]
    [InlineData("\"saleInfo\":{\"quoteType\":1}", true)]
    [InlineData("\"saleInfo\":{\"quoteType\":2}", true)]
    [InlineData("\"saleInfo\":{\"amountOnSale\":5}", true)]
    [InlineData("\"subject\":\"no sale info\"", true)]
    public async Task By_default_a_list_item_is_read_again_only_when_it_has_SKUs_it_does_not_list_or_does_not_say(string fields, bool readAgain)
    {
        var list = "{\"result\":{\"success\":true,\"pageResult\":{\"totalRecords\":1,\"resultList\":[{\"productID\":7," + fields + "}]}}}";
        using var stub = new LoopbackStubServer(r => StubReply.Json(r.Api() == "alibaba.product.list.get" ? list
            : "{\"productInfo\":{\"productID\":7,\"skuInfos\":[{\"skuId\":1,\"cargoNumber\":\"FROM-GET\"}]}}"));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(new FakeTimeProvider(Fake1688Harness.Start)).AddAlibaba1688(o =>
        {
            o.AppKey = "1000000";
            o.AppSecret = "secret";
            o.RedirectUri = Fake1688Harness.Callback;
            o.EndpointsOverride = stub.Alibaba1688Endpoints();
            o.Shops["shopA"] = new Alibaba1688ShopOptions { AccessToken = "at-A" };
        });
        services.Configure<PlatformResilienceOptions>("Alibaba1688", o => o.PermitsPerSecond = 0);
        await using var provider = services.BuildServiceProvider();

        var products = new List<Alibaba1688Product>();
        await foreach (var product in provider.GetRequiredService<Alibaba1688Client>().ForShop("shopA").Products.DownloadAllAsync())
        {
            products.Add(product);
        }

        Assert.Equal(readAgain ? 1 : 0, stub.Requests.Count(r => r.Api() == "alibaba.product.get"));
        Assert.Equal(readAgain, Assert.Single(products).Skus.Any(s => s.CargoNumber == "FROM-GET"));
    }
}
