using System.Globalization;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Alibaba1688;

public sealed partial class Fake1688Server
{
    /// <summary>The largest page <c>alibaba.product.list.get</c> returns; a larger <c>pageSize</c> is treated as 20 (official doc).</summary>
    public const int MaxProductPageSize = 20;

    /// <summary>The image CDN the relative image paths are under.</summary>
    public const string ImageCdn = "https://cbu01.alicdn.com/";

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".gif", ".bmp", ".png"];

    private readonly Dictionary<long, Fake1688Offer> _offers = [];
    private readonly Dictionary<long, Fake1688Image> _images = [];
    private long _nextOfferId;
    private long _nextImageId;
    private long _nextSkuId;

    /// <summary>A snapshot of every offer of every shop, deleted ones included, by offer id.</summary>
    public IReadOnlyList<Fake1688Offer> Offers
    {
        get
        {
            lock (_gate)
            {
                return _offers.Values.OrderBy(offer => offer.OfferId).ToArray();
            }
        }
    }

    /// <summary>A snapshot of every photo-bank image, by image id.</summary>
    public IReadOnlyList<Fake1688Image> Images
    {
        get
        {
            lock (_gate)
            {
                return _images.Values.OrderBy(image => image.ImageId).ToArray();
            }
        }
    }

    /// <summary>Returns an offer, or <see langword="null"/> when the fake has none with that id.</summary>
    /// <param name="offerId">The offer id.</param>
    /// <returns>The snapshot.</returns>
    public Fake1688Offer? GetOffer(long offerId)
    {
        lock (_gate)
        {
            return _offers.GetValueOrDefault(offerId);
        }
    }

    /// <summary>Adds or replaces an offer (seed data for download and matching scenarios). Its shop must exist.</summary>
    /// <param name="offer">The offer.</param>
    public void AddOffer(Fake1688Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        lock (_gate)
        {
            ShopOrThrowLocked(offer.MemberId);
            _offers[offer.OfferId] = offer;
        }
    }

    /// <summary>
    /// Adds SKU specs to an offer in the 1688 backend, as a seller would by hand. Afterwards a pre-order line for that offer without a
    /// <c>specId</c> fails with <c>{offerId} : null no exist!</c> (R1688-08).
    /// </summary>
    /// <param name="offerId">The offer id.</param>
    /// <param name="skus">The SKUs; <see cref="Fake1688Sku.SpecId"/> must be unique within the offer.</param>
    /// <returns>The changed offer.</returns>
    public Fake1688Offer AddSkusToOffer(long offerId, params Fake1688Sku[] skus)
    {
        ArgumentNullException.ThrowIfNull(skus);
        if (skus.Length == 0)
        {
            throw new ArgumentException("At least one SKU is required.", nameof(skus));
        }

        lock (_gate)
        {
            var offer = OfferOrThrowLocked(offerId);
            var all = offer.Skus.Concat(skus).ToArray();
            if (all.Select(sku => sku.SpecId).Distinct(StringComparer.Ordinal).Count() != all.Length)
            {
                throw new ArgumentException("A specId is used twice in the offer.", nameof(skus));
            }

            var changed = offer with { Skus = all, LastUpdateTime = TimeProvider.GetUtcNow() };
            _offers[offerId] = changed;
            return changed;
        }
    }

    /// <summary>
    /// Deletes an offer, as happens to offers of the shared public test account (R1688-12). It stays visible to
    /// <c>alibaba.product.get</c> with status <c>deleted</c>; ordering it fails with <c>商品【{offerId}】不支持在线交易</c>.
    /// </summary>
    /// <param name="offerId">The offer id.</param>
    public void DeleteOffer(long offerId)
    {
        lock (_gate)
        {
            var offer = OfferOrThrowLocked(offerId);
            _offers[offerId] = offer with { Status = "deleted", Tradable = false, LastUpdateTime = TimeProvider.GetUtcNow() };
        }
    }

    private Fake1688Offer OfferOrThrowLocked(long offerId) =>
        _offers.TryGetValue(offerId, out var offer) ? offer : throw new KeyNotFoundException($"Offer {offerId} does not exist in the fake.");

    private void ResetProductsLocked()
    {
        _offers.Clear();
        _images.Clear();
        _nextOfferId = 710000000001;
        _nextImageId = 30000001;
        _nextSkuId = 4100000000001;
    }

    private static FakeResponse ProductError(string field, string message) =>
        FakeResponse.Json(Fake1688Json.Write(new JsonObject { ["success"] = false, [field] = message }));

    // alibaba.photobank.photo.add: answer `image` or errorCode/errorMsg. The error texts are the fake's choice (none is documented).
    private FakeResponse PhotoAddLocked(ApiCall call)
    {
        if (call.Files.Count == 0)
        {
            return PhotoError("imageBytes不能为空");
        }

        var file = call.Files[0];
        if (file.Size > _options.MaxImageBytes)
        {
            return PhotoError(string.Create(CultureInfo.InvariantCulture, $"图片大小不能超过2M，当前大小{file.Size}字节"));
        }

        var extension = ".jpg";
        if (file.FileName is { } fileName && Path.GetExtension(fileName) is { Length: > 0 } given)
        {
            if (!ImageExtensions.Contains(given.ToLowerInvariant()))
            {
                return PhotoError("图片格式只支持jpg、jpeg、gif、bmp、png");
            }

            extension = given.ToLowerInvariant();
        }

        if (call.Field("webSite") is { } site && site != "1688")
        {
            return PhotoError("webSite只支持1688");
        }

        long? albumId = null;
        if (call.Field("albumID") is { } albumText)
        {
            if (!long.TryParse(albumText, NumberStyles.None, CultureInfo.InvariantCulture, out var album))
            {
                return PhotoError("albumID必须为数字");
            }

            albumId = album;
        }

        var id = _nextImageId++;
        var image = new Fake1688Image
        {
            ImageId = id,
            MemberId = call.Shop.MemberId,
            Url = string.Create(CultureInfo.InvariantCulture, $"img/ibank/O1CN01{id}_{call.Shop.AliId}{extension}"),
            Name = call.Field("name") ?? file.FileName ?? string.Empty,
            AlbumId = albumId,
            Size = (int)file.Size,
        };
        _images[id] = image;
        return FakeResponse.Json(Fake1688Json.Write(new JsonObject
        {
            ["image"] = new JsonObject
            {
                ["imageID"] = image.ImageId,
                ["albumID"] = image.AlbumId,
                ["name"] = image.Name,
                ["url"] = image.Url,
                ["size"] = image.Size,
            },
        }));

        static FakeResponse PhotoError(string message) =>
            FakeResponse.Json(Fake1688Json.Write(new JsonObject { ["errorCode"] = "400", ["errorMsg"] = message }));
    }

    // alibaba.product.add: publishes a private, tradable offer (R1688-07); without skuInfos it is a simple offer (R1688-08).
    private FakeResponse ProductAddLocked(ApiCall call)
    {
        const string Error = "errorMsg";
        if (call.Field("webSite") is { } site && site != "1688")
        {
            return ProductError(Error, "webSite只支持1688");
        }

        var subject = call.Field("subject");
        if (subject is null)
        {
            return ProductError(Error, "subject不能为空");
        }

        if (subject.Length > 128)
        {
            return ProductError(Error, "subject长度不能超过128个字符");
        }

        long categoryId = 0;
        if (call.Field("categoryID") is { } categoryText && !long.TryParse(categoryText, NumberStyles.None, CultureInfo.InvariantCulture, out categoryId))
        {
            return ProductError(Error, "categoryID必须为数字");
        }

        var images = new List<string>();
        if (call.Field("image") is { } imageText)
        {
            if (Fake1688Json.TryParse(imageText) is not JsonObject imageInfo || imageInfo["images"] is not JsonArray paths)
            {
                return ProductError(Error, "image格式错误,应为{\"images\":[...]}");
            }

            foreach (var path in paths.Select(Fake1688Json.String))
            {
                var relative = path is null ? null : path.StartsWith(ImageCdn, StringComparison.Ordinal) ? path[ImageCdn.Length..] : path;
                if (relative is null || !_images.Values.Any(image => image.MemberId == call.Shop.MemberId && image.Url == relative))
                {
                    return ProductError(Error, $"图片[{path}]不在当前用户的图片银行中");
                }

                images.Add(relative);
            }
        }

        var price = 0m;
        if (Fake1688Json.TryParse(call.Field("saleInfo")) is JsonObject saleInfo
            && saleInfo["priceRanges"] is JsonArray { Count: > 0 } ranges
            && ranges[0] is JsonObject firstRange)
        {
            price = Fake1688Json.Decimal(firstRange["price"]) ?? 0m;
        }
        else if (call.Field("referencePrice") is { } referencePrice)
        {
            price = decimal.TryParse(referencePrice, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0m;
        }

        var skus = new List<Fake1688Sku>();
        if (call.Field("skuInfos") is { } skuText)
        {
            if (Fake1688Json.TryParse(skuText) is not JsonArray skuArray)
            {
                return ProductError(Error, "skuInfos格式错误");
            }

            foreach (var sku in skuArray.OfType<JsonObject>())
            {
                var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                if (sku["attributes"] is JsonArray attributeArray)
                {
                    foreach (var attribute in attributeArray.OfType<JsonObject>())
                    {
                        var name = Fake1688Json.String(attribute, "attributeName") ?? Fake1688Json.String(attribute, "attributeID") ?? string.Empty;
                        attributes[name] = Fake1688Json.String(attribute, "attributeValue") ?? Fake1688Json.String(attribute, "value") ?? string.Empty;
                    }
                }

                var skuId = _nextSkuId++;
                skus.Add(new Fake1688Sku
                {
                    SkuId = skuId,
                    SpecId = SpecIdFor(skuId),
                    CargoNumber = Fake1688Json.String(sku, "cargoNumber"),
                    Price = Fake1688Json.Decimal(sku["price"]) ?? price,
                    AmountOnSale = (int)(Fake1688Json.Long(sku["amountOnSale"]) ?? 0),
                    Attributes = attributes,
                });
            }
        }

        var offer = new Fake1688Offer
        {
            OfferId = _nextOfferId++,
            MemberId = call.Shop.MemberId,
            Subject = subject,
            ProductCargoNumber = call.Field("productCargoNumber") ?? call.Field("cargoNumber"),
            CategoryId = categoryId,
            Price = price,
            IsPrivate = true,
            Tradable = true,
            Images = images,
            Skus = skus,
            LastUpdateTime = call.Now,
        };
        _offers[offer.OfferId] = offer;
        return FakeResponse.Json(Fake1688Json.Write(new JsonObject { ["productID"] = offer.OfferId }));
    }

    private FakeResponse ProductGetLocked(ApiCall call)
    {
        const string Error = "errMsg";
        if (call.Field("webSite") is { } site && site != "1688")
        {
            return ProductError(Error, "webSite只支持1688");
        }

        if (!long.TryParse(call.Field("productID"), NumberStyles.None, CultureInfo.InvariantCulture, out var offerId))
        {
            return ProductError(Error, "productID不能为空且必须为数字");
        }

        if (!_offers.TryGetValue(offerId, out var offer) || offer.MemberId != call.Shop.MemberId)
        {
            return ProductError(Error, $"商品[{offerId}]不存在或不属于当前用户");
        }

        return FakeResponse.Json(Fake1688Json.Write(new JsonObject { ["success"] = true, ["productInfo"] = ProductInfo(offer, withSkus: true) }));
    }

    private FakeResponse ProductListLocked(ApiCall call)
    {
        var pageNo = int.TryParse(call.Field("pageNo"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1;
        var pageSize = int.TryParse(call.Field("pageSize"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? Math.Min(size, MaxProductPageSize)
            : MaxProductPageSize;
        var statuses = Fake1688Json.StringList(call.Field("statusList")) ?? ["published"];
        var ids = Fake1688Json.StringList(call.Field("productIds"));
        var cargoNumber = call.Field("cargoNumber");
        var subjectKey = call.Field("subjectKey");
        var needDetail = string.Equals(call.Field("needDetail"), "true", StringComparison.OrdinalIgnoreCase);

        var matches = _offers.Values
            .Where(offer => offer.MemberId == call.Shop.MemberId && statuses.Contains(offer.Status, StringComparer.Ordinal))
            .Where(offer => ids is null || ids.Contains(offer.OfferId.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal))
            .Where(offer => cargoNumber is null || offer.ProductCargoNumber == cargoNumber || offer.Skus.Any(sku => sku.CargoNumber == cargoNumber))
            .Where(offer => subjectKey is null || offer.Subject.Contains(subjectKey, StringComparison.Ordinal))
            .OrderBy(offer => offer.OfferId)
            .ToList();
        var items = matches.Skip((pageNo - 1) * pageSize).Take(pageSize).Select(offer => (JsonNode?)ProductInfo(offer, needDetail && !_options.ProductListOmitsSkuInfos));
        return FakeResponse.Json(Fake1688Json.Write(new JsonObject
        {
            ["result"] = new JsonObject
            {
                ["pageResult"] = new JsonObject
                {
                    ["resultList"] = Fake1688Json.Array(items),
                    ["totalRecords"] = matches.Count,
                    ["pageIndex"] = pageNo,
                    ["sizePerPage"] = pageSize,
                },
            },
            ["success"] = true,
        }));
    }

    private static JsonObject ProductInfo(Fake1688Offer offer, bool withSkus)
    {
        var info = new JsonObject
        {
            ["productID"] = offer.OfferId,
            ["productType"] = "wholesale",
            ["subject"] = offer.Subject,
            ["status"] = offer.Status,
            ["categoryID"] = offer.CategoryId,
            ["productCargoNumber"] = offer.ProductCargoNumber,
            ["referencePrice"] = offer.Price.ToString("0.00", CultureInfo.InvariantCulture),
            ["image"] = new JsonObject { ["images"] = Fake1688Json.Array(offer.Images.Select(path => (JsonNode?)path)) },
            ["saleInfo"] = new JsonObject
            {
                ["amountOnSale"] = offer.Skus.Count == 0 ? 999 : offer.Skus.Sum(sku => sku.AmountOnSale),
                ["quoteType"] = offer.Skus.Count == 0 ? 0 : 1,
                ["priceRanges"] = new JsonArray(new JsonObject { ["startQuantity"] = 1, ["price"] = offer.Price }),
            },
            ["lastUpdateTime"] = Fake1688Json.FormatTime(offer.LastUpdateTime),
        };
        if (withSkus && offer.Skus.Count > 0)
        {
            info["skuInfos"] = Fake1688Json.Array(offer.Skus.Select(sku => (JsonNode?)new JsonObject
            {
                ["skuId"] = sku.SkuId,
                ["specId"] = sku.SpecId,
                ["cargoNumber"] = sku.CargoNumber,
                ["price"] = sku.Price,
                ["amountOnSale"] = sku.AmountOnSale,
                ["attributes"] = Fake1688Json.Array(sku.Attributes.Select(attribute => (JsonNode?)new JsonObject
                {
                    ["attributeName"] = attribute.Key,
                    ["attributeValue"] = attribute.Value,
                })),
            }));
        }

        return info;
    }

    private static string SpecIdFor(long skuId) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(skuId)))[..32].ToLowerInvariant();
}
