using System.Globalization;
using System.Text.Json.Nodes;
using PlatformSdk.Testing.Alibaba1688;
using static PlatformSdk.Testing.Tests.Alibaba1688.Ali1688TestClient;

namespace PlatformSdk.Testing.Tests.Alibaba1688;

public sealed class Fake1688ProductTests
{
    private const string Product = "com.alibaba.product";
    private const int TwoMegabytes = 2 * 1024 * 1024;

    private static byte[] BinaryImage(int size)
    {
        // Bytes that are not valid UTF-8 prove the fake measures the upload in bytes, not in decoded characters.
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)(i % 7 == 0 ? 0xFF : i % 256);
        }

        return bytes;
    }

    [Fact]
    [Rule("R1688-06")]
    public async Task R168806_image_of_exactly_2MB_is_stored_with_its_byte_size()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();

        var (status, body) = await client.UploadImageAsync(token, BinaryImage(TwoMegabytes), "main.png");

        Assert.Equal(200, status);
        var image = Assert.Single(client.Fake.Images);
        Assert.Equal(TwoMegabytes, image.Size);
        Assert.Equal(image.Url, S(body["image"], "url"));
        Assert.EndsWith(".png", image.Url, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("R1688-06")]
    public async Task R168806_image_over_2MB_is_rejected()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();

        var (status, body) = await client.UploadImageAsync(token, BinaryImage(TwoMegabytes + 1));

        Assert.Equal(200, status);
        Assert.Equal("400", S(body, "errorCode"));
        Assert.Contains("2M", S(body, "errorMsg"), StringComparison.Ordinal);
        Assert.Contains("2097153", S(body, "errorMsg"), StringComparison.Ordinal);
        Assert.Empty(client.Fake.Images);
    }

    [Fact]
    public async Task Photo_upload_rejects_formats_other_than_jpg_jpeg_gif_bmp_png()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();

        var (_, body) = await client.UploadImageAsync(token, [1, 2, 3], "photo.webp");

        Assert.Contains("jpg", S(body, "errorMsg"), StringComparison.Ordinal);
        Assert.Empty(client.Fake.Images);
    }

    [Fact]
    [Rule("R1688-07", "R1688-08")]
    public async Task R168807_R168808_publish_without_skus_creates_a_private_tradable_simple_offer()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();
        var (_, upload) = await client.UploadImageAsync(token, [1, 2, 3, 4]);
        var imagePath = S(upload["image"], "url");

        var added = await client.OkAsync(Product, "alibaba.product.add", token, new()
        {
            ["productType"] = "wholesale",
            ["categoryID"] = "1031910",
            ["subject"] = "ERP商品 保温杯",
            ["productCargoNumber"] = "BWB-01",
            ["image"] = new JsonObject { ["images"] = new JsonArray(imagePath) }.ToJsonString(),
            ["saleInfo"] = "{\"priceRanges\":[{\"startQuantity\":1,\"price\":18.5}]}",
            ["webSite"] = "1688",
        });
        var offerId = added["productID"]!.GetValue<long>();
        var get = await client.OkAsync(Product, "alibaba.product.get", token, new() { ["productID"] = offerId.ToString(CultureInfo.InvariantCulture), ["webSite"] = "1688" });

        var offer = client.Fake.GetOffer(offerId)!;
        Assert.True(offer.IsPrivate);
        Assert.True(offer.Tradable);
        Assert.Empty(offer.Skus);
        Assert.Equal(18.5m, offer.Price);
        Assert.Equal(new[] { imagePath }, offer.Images);
        var info = get["productInfo"]!;
        Assert.Equal("BWB-01", S(info, "productCargoNumber"));
        Assert.Equal("published", S(info, "status"));
        Assert.Null(info["skuInfos"]);
    }

    [Fact]
    public async Task Publish_rejects_images_not_in_the_shops_photo_bank_and_long_subjects()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();

        var foreignImage = await client.OkAsync(Product, "alibaba.product.add", token, new()
        {
            ["subject"] = "x",
            ["image"] = "{\"images\":[\"img/ibank/not-uploaded.jpg\"]}",
        });
        var longSubject = await client.OkAsync(Product, "alibaba.product.add", token, new() { ["subject"] = new string('字', 129) });

        Assert.False(foreignImage["success"]!.GetValue<bool>());
        Assert.Contains("not-uploaded.jpg", S(foreignImage, "errorMsg"), StringComparison.Ordinal);
        Assert.Contains("128", S(longSubject, "errorMsg"), StringComparison.Ordinal);
        Assert.Null(longSubject["productID"]);
        Assert.Equal(Fake1688Seed.MainShopOfferCount, client.Fake.Offers.Count);
    }

    [Fact]
    [Rule("R1688-11")]
    public async Task Product_get_returns_sku_infos_with_spec_id_sku_id_cargo_number_and_price_R168811()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();

        var body = await client.OkAsync(Product, "alibaba.product.get", token, new() { ["productID"] = Fake1688Seed.SkuOfferId.ToString(CultureInfo.InvariantCulture), ["webSite"] = "1688" });

        var info = body["productInfo"]!;
        Assert.Equal("TS-100", S(info, "productCargoNumber"));
        var skus = info["skuInfos"]!.AsArray();
        Assert.Equal(new[] { "TS-RED-M", "TS-RED-L", "TS-BLUE-M" }, skus.Select(sku => S(sku, "cargoNumber")));
        var seeded = client.Fake.GetOffer(Fake1688Seed.SkuOfferId)!.Skus;
        Assert.Equal(seeded.Select(sku => sku.SpecId), skus.Select(sku => S(sku, "specId")));
        Assert.Equal(seeded.Select(sku => sku.SkuId), skus.Select(sku => sku!["skuId"]!.GetValue<long>()));
        Assert.Equal(42.5m, skus[1]!["price"]!.GetValue<decimal>());
        Assert.Equal(32, S(skus[0], "specId").Length);
    }

    [Fact]
    [Rule("R1688-05")]
    public async Task R168805_product_list_pages_of_at_most_20_from_page_1_with_total_records()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();
        var seen = new List<long>();
        var sizes = new List<int>();

        for (var page = 1; page <= 4; page++)
        {
            var body = await client.OkAsync(Product, "alibaba.product.list.get", token, new() { ["pageNo"] = page.ToString(CultureInfo.InvariantCulture), ["pageSize"] = "50" });
            var result = body["result"]!["pageResult"]!;
            Assert.True(body["success"]!.GetValue<bool>());
            Assert.Equal(Fake1688Seed.MainShopOfferCount, result["totalRecords"]!.GetValue<int>());
            Assert.Equal(20, result["sizePerPage"]!.GetValue<int>()); // 50 is treated as 20
            Assert.Equal(page, result["pageIndex"]!.GetValue<int>());
            var items = result["resultList"]!.AsArray();
            sizes.Add(items.Count);
            seen.AddRange(items.Select(item => item!["productID"]!.GetValue<long>()));
        }

        Assert.Equal(new[] { 20, 20, 5, 0 }, sizes);
        Assert.Equal(Fake1688Seed.MainShopOfferCount, seen.Distinct().Count());
    }

    [Fact]
    public async Task Product_list_carries_sku_infos_only_with_needDetail()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();
        var ids = $"[{Fake1688Seed.SkuOfferId}]";

        var plain = await client.OkAsync(Product, "alibaba.product.list.get", token, new() { ["pageNo"] = "1", ["pageSize"] = "20", ["productIds"] = ids });
        var detailed = await client.OkAsync(Product, "alibaba.product.list.get", token, new() { ["pageNo"] = "1", ["pageSize"] = "20", ["productIds"] = ids, ["needDetail"] = "true" });

        Assert.Null(plain["result"]!["pageResult"]!["resultList"]![0]!["skuInfos"]);
        Assert.Equal(3, detailed["result"]!["pageResult"]!["resultList"]![0]!["skuInfos"]!.AsArray().Count);
    }

    [Fact]
    [Rule("R1688-12")]
    public async Task R168812_deleted_offer_leaves_the_default_list_and_shows_status_deleted()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();
        client.Fake.DeleteOffer(Fake1688Seed.SimpleOfferId);

        var list = await client.OkAsync(Product, "alibaba.product.list.get", token, new() { ["pageNo"] = "1" });
        var get = await client.OkAsync(Product, "alibaba.product.get", token, new() { ["productID"] = Fake1688Seed.SimpleOfferId.ToString(CultureInfo.InvariantCulture) });

        Assert.Equal(Fake1688Seed.MainShopOfferCount - 1, list["result"]!["pageResult"]!["totalRecords"]!.GetValue<int>());
        Assert.Equal("deleted", S(get["productInfo"], "status"));
    }

    [Fact]
    public async Task Product_list_filters_by_cargo_number_of_product_or_sku()
    {
        using var client = new Ali1688TestClient();
        var token = await client.TokenAsync();

        var bySku = await client.OkAsync(Product, "alibaba.product.list.get", token, new() { ["cargoNumber"] = "TS-BLUE-M" });
        var byProduct = await client.OkAsync(Product, "alibaba.product.list.get", token, new() { ["cargoNumber"] = "HX-1001" });

        Assert.Equal(Fake1688Seed.SkuOfferId, bySku["result"]!["pageResult"]!["resultList"]![0]!["productID"]!.GetValue<long>());
        Assert.Equal(Fake1688Seed.SimpleOfferId, byProduct["result"]!["pageResult"]!["resultList"]![0]!["productID"]!.GetValue<long>());
    }
}
