using PlatformSdk.Alibaba1688.Models.Products;
using PlatformSdk.Errors;
using PlatformSdk.Testing.Alibaba1688;

namespace PlatformSdk.Alibaba1688.Tests.Integration;

public sealed class ProductIntegrationTests
{
    private static Alibaba1688Image Image(int index, int bytes = 1024) => new($"photo-{index}.jpg", new byte[bytes]);

    [Fact]
    [Rule("R1688-06", "R1688-07")]
    public async Task R168806_R168807_publish_with_7_images_uploads_5_reports_2_dropped_and_the_offer_is_private_and_tradable()
    {
        using var h = Fake1688Harness.Create();
        await h.AuthorizeAsync(Fake1688Harness.MainShop, Fake1688Seed.MainShopLoginId);

        var result = await h.Client.ForShop(Fake1688Harness.MainShop).Products.PublishAsync(new Alibaba1688PublishRequest
        {
            Subject = "纯棉T恤 白色",
            CategoryId = 1031910,
            Price = 39.90m,
            AmountOnSale = 100,
            Images = [.. Enumerable.Range(0, 7).Select(i => Image(i))],
        });

        Assert.Equal(5, h.Fake.CallsTo(Fake1688Routes.PhotoAdd).Count);
        Assert.Single(h.Fake.CallsTo(Fake1688Routes.ProductAdd));
        Assert.Equal([(5, "photo-5.jpg"), (6, "photo-6.jpg")], result.DroppedImages.Select(d => (d.Index, d.Name)));
        Assert.True(result.IsPrivateOffer);
        Assert.True(result.SupportsOnlineTrading);
        var offer = h.Fake.GetOffer(result.ProductId)!;
        Assert.True(offer.IsPrivate);
        Assert.True(offer.Tradable);
        Assert.Empty(offer.Skus);
        Assert.Equal(result.ImagePaths, offer.Images);
        Assert.Equal(5, offer.Images.Count);
        Assert.Equal(39.90m, offer.Price);
    }

    [Fact]
    [Rule("R1688-06")]
    public async Task R168806_an_image_over_2_MB_is_refused_with_index_and_size_and_nothing_is_sent()
    {
        using var h = Fake1688Harness.Create();
        await h.AuthorizeAsync(Fake1688Harness.MainShop, Fake1688Seed.MainShopLoginId);
        h.Fake.Journal.Clear();
        const int tooBig = (2 * 1024 * 1024) + 1;

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.ForShop(Fake1688Harness.MainShop).Products.PublishAsync(new Alibaba1688PublishRequest
        {
            Subject = "大图商品",
            CategoryId = 1031910,
            Images = [Image(0), Image(1), Image(2, tooBig)],
        }));

        Assert.Equal("R1688-06", ex.RuleId);
        Assert.Contains("images[2]", ex.Message, StringComparison.Ordinal);
        Assert.Contains(tooBig.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Fake.Journal.Count);
        Assert.Empty(h.Fake.Images);
    }

    [Fact]
    [Rule("R1688-10")]
    public async Task R168810_download_by_id_and_by_offer_link_returns_skus_and_cargo_numbers()
    {
        using var h = Fake1688Harness.Create();
        await h.AuthorizeAsync(Fake1688Harness.MainShop, Fake1688Seed.MainShopLoginId);
        var products = h.Client.ForShop(Fake1688Harness.MainShop).Products;

        var withSkus = await products.GetAsync(Fake1688Seed.SkuOfferId);
        var simple = await products.GetByUrlAsync($"https://detail.1688.com/offer/{Fake1688Seed.SimpleOfferId}.html?spm=a2615.7691456.autotrace-offerGeneral.1");

        Assert.Equal("TS-100", withSkus!.ProductCargoNumber);
        Assert.Equal(["TS-RED-M", "TS-RED-L", "TS-BLUE-M"], withSkus.Skus.Select(s => s.CargoNumber));
        Assert.Equal(h.Fake.GetOffer(Fake1688Seed.SkuOfferId)!.Skus.Select(s => s.SpecId), withSkus.Skus.Select(s => s.SpecId));
        Assert.Equal(Fake1688Seed.SimpleOfferId, simple!.ProductId);
        Assert.Equal("HX-1001", simple.ProductCargoNumber);
        Assert.Empty(simple.Skus);
        Assert.Equal(Fake1688Seed.SimpleOfferId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Assert.Single(h.Fake.CallsTo(Fake1688Routes.ProductGet), e => e.Form["productID"] != Fake1688Seed.SkuOfferId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Form["productID"]);
    }

    [Fact]
    [Rule("R1688-10")]
    public async Task R168810_a_link_that_is_not_a_1688_offer_is_refused_before_sending()
    {
        using var h = Fake1688Harness.Create();
        await h.AuthorizeAsync(Fake1688Harness.MainShop, Fake1688Seed.MainShopLoginId);
        h.Fake.Journal.Clear();

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(
            () => h.Client.ForShop(Fake1688Harness.MainShop).Products.GetByUrlAsync("https://www.alibaba.com/product-detail/549605719581.html"));

        Assert.Equal("R1688-10", ex.RuleId);
        Assert.Equal(0, h.Fake.Journal.Count);
    }

    [Fact]
    [Rule("R1688-05", "R1688-09")]
    public async Task R168805_R168809_download_all_is_resumable_from_the_cursor_without_duplicates_or_gaps()
    {
        using var h = Fake1688Harness.Create();
        await h.AuthorizeAsync(Fake1688Harness.MainShop, Fake1688Seed.MainShopLoginId);
        var products = h.Client.ForShop(Fake1688Harness.MainShop).Products;

        Alibaba1688ProductCursor? saved = null;
        var downloaded = new List<Alibaba1688Product>();
        await foreach (var page in products.DownloadAllAsync().AsPages())
        {
            downloaded.AddRange(page.Values);
            saved = page.ContinuationToken is { } token ? Alibaba1688ProductCursor.Parse(token) : null;
            break; // the process "stops" after page 1; only the persisted cursor text survives
        }

        var resumedFrom = Alibaba1688ProductCursor.Parse(saved!.ToString());
        await foreach (var page in products.DownloadAllAsync().AsPages(resumedFrom.ToString()))
        {
            downloaded.AddRange(page.Values);
        }

        var expected = h.Fake.Offers.Where(o => o.MemberId == Fake1688Seed.MainShopMemberId && o.Status == "published").Select(o => o.OfferId).Order().ToArray();
        Assert.Equal(Fake1688Seed.MainShopOfferCount, expected.Length);
        Assert.Equal(expected, downloaded.Select(p => p.ProductId).Order());
        Assert.Equal(downloaded.Count, downloaded.Select(p => p.ProductId).Distinct().Count());
        Assert.Equal(["1", "2", "3"], h.Fake.CallsTo(Fake1688Routes.ProductList).Select(e => e.Form["pageNo"]));
        Assert.All(h.Fake.CallsTo(Fake1688Routes.ProductList), e => Assert.Equal("20", e.Form["pageSize"]));
        Assert.Equal(3, downloaded.Single(p => p.ProductId == Fake1688Seed.SkuOfferId).Skus.Count);
    }
}
