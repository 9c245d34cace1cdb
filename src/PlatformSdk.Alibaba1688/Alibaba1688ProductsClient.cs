using System.Runtime.CompilerServices;
using System.Text.Json;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Models.Products;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Alibaba1688.Validation;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Paging;

namespace PlatformSdk.Alibaba1688;

/// <summary>One shop's products: publish as a simple offer (R1688-06..08), download by id, by link or all (R1688-05, R1688-09, R1688-10).</summary>
public class Alibaba1688ProductsClient
{
    private readonly Alibaba1688Transport _transport = null!;
    private readonly string _shop = null!;

    internal Alibaba1688ProductsClient(Alibaba1688Transport transport, string shop)
    {
        _transport = transport;
        _shop = shop;
    }

    /// <summary>For mocking.</summary>
    protected Alibaba1688ProductsClient()
    {
    }

    /// <summary>
    /// Publishes an ERP main product as a simple offer without SKU specs (R1688-08). Images are checked before anything is
    /// uploaded: only the first 5 are uploaded and the rest reported in <see cref="Alibaba1688PublishResult.DroppedImages"/>;
    /// a kept image over 2 MB is rejected with its index and size (R1688-06). Each image goes to the photobank
    /// (<c>alibaba.photobank.photo.add</c>), then the offer is created (<c>alibaba.product.add</c>).
    /// The offer is private and tradable online (R1688-07). Not retried once it may have reached 1688. The uploads and the publish
    /// share one deadline (the total timeout); running out of it is a timeout with <c>MayHaveBeenProcessed</c> once anything was sent.
    /// </summary>
    /// <param name="request">The product.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new offer.</returns>
    public virtual async Task<Alibaba1688PublishResult> PublishAsync(Alibaba1688PublishRequest request, CancellationToken cancellationToken = default)
    {
        var selection = Alibaba1688ProductValidator.Validate(request);
        // The uploads and the publish share one deadline: together they never outlast the total timeout.
        using var deadline = PlatformDeadline.Start(_transport.Resilience.TotalTimeout, _transport.Time, cancellationToken);
        var sent = false;
        try
        {
            return await PublishCoreAsync(request, selection, () => sent = true, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            throw deadline.Exceeded(Alibaba1688ErrorCatalogue.Platform, "Publishing the offer (photo uploads and product.add)", mayHaveHappened: sent);
        }
    }

    private async Task<Alibaba1688PublishResult> PublishCoreAsync(Alibaba1688PublishRequest request, Alibaba1688ImageSelection selection, Action sending,
        CancellationToken cancellationToken)
    {
        var paths = new List<string>(selection.Kept.Count);
        foreach (var image in selection.Kept)
        {
            var parameters = new List<KeyValuePair<string, string>>
            {
                new("name", image.Name),
                new("webSite", "1688"),
            };
            if (request.AlbumId is { } album)
            {
                parameters.Add(new("albumID", Alibaba1688Mappers.Text(album)));
            }

            sending();
            var text = await _transport.SendAsync(_shop, Alibaba1688Api.PhotoAdd, parameters, root =>
            {
                var url = Alibaba1688Json.Path(root, "image", "url") ?? Alibaba1688Json.Path(root, "result", "image", "url")
                    ?? Alibaba1688Json.Path(root, "image") ?? Alibaba1688Json.Path(root, "result", "url");
                var text = url is { ValueKind: JsonValueKind.String } u ? Alibaba1688Json.Text(u) : null;
                return string.IsNullOrEmpty(text)
                    ? throw Malformed("the photobank reply has no image URL", "The image may have been stored; check the photobank before publishing again.")
                    : text;
            }, cancellationToken, new Alibaba1688FilePart("imageBytes", image.Name, image.Content)).ConfigureAwait(false);

            paths.Add(Alibaba1688Mappers.RelativeImagePath(text));
        }

        var publish = new List<KeyValuePair<string, string>>
        {
            new("productType", Alibaba1688WireChoices.PublishProductType),
            new("categoryID", Alibaba1688Mappers.Text(request.CategoryId)),
            new("subject", request.Subject),
            new("webSite", "1688"),
            new("image", Alibaba1688JsonContext.Serialize(new ProductImageWire { Images = paths }, Alibaba1688JsonContext.Wire.ProductImageWire)),
        };
        if (!string.IsNullOrEmpty(request.Description))
        {
            publish.Add(new("description", request.Description));
        }

        if (request.Price is not null || request.AmountOnSale is not null)
        {
            publish.Add(new("saleInfo", Alibaba1688JsonContext.Serialize(new SaleInfoWire
            {
                AmountOnSale = request.AmountOnSale,
                PriceRanges = request.Price is { } price ? [new PriceRangeWire { StartQuantity = 1, Price = price }] : null,
            }, Alibaba1688JsonContext.Wire.SaleInfoWire)));
        }

        sending();
        var productId = await _transport.SendAsync(_shop, Alibaba1688Api.Publish, publish,
            root => Alibaba1688Json.Long(root, "productID", "productId")
                ?? (Alibaba1688Json.Property(root, "result") is { } result ? Alibaba1688Json.Long(result, "productID", "productId") : null)
                ?? throw Malformed("the publish reply has no productID", "The offer may have been created; check the shop's offers before publishing again."),
            cancellationToken).ConfigureAwait(false);
        return new Alibaba1688PublishResult { ProductId = productId, ImagePaths = paths, DroppedImages = selection.Dropped };
    }

    /// <summary>Reads one offer (<c>alibaba.product.get</c>).</summary>
    /// <param name="offerId">The offer id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The offer, or <see langword="null"/> when the reply has none.</returns>
    public virtual async Task<Alibaba1688Product?> GetAsync(long offerId, CancellationToken cancellationToken = default)
    {
        Alibaba1688RequestValidator.OfferId(offerId);
        return await _transport.SendAsync(_shop, Alibaba1688Api.ProductGet,
            [new("productID", Alibaba1688Mappers.Text(offerId)), new("webSite", "1688")], root =>
            {
                var info = Alibaba1688Json.Property(root, "productInfo") ?? Alibaba1688Json.Path(root, "result", "productInfo") ?? Alibaba1688Json.Property(root, "result");
                return info is { } i ? Alibaba1688Mappers.Product(i) : null;
            }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the offer of a link such as <c>https://detail.1688.com/offer/549605719581.html?spm=…</c> (R1688-10).</summary>
    /// <param name="offerUrl">The link.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The offer, or <see langword="null"/>.</returns>
    /// <exception cref="PlatformSdk.Errors.PlatformValidationException">The link is not a 1688 offer link; nothing was sent.</exception>
    public virtual Task<Alibaba1688Product?> GetByUrlAsync(string offerUrl, CancellationToken cancellationToken = default)
        => GetAsync(Alibaba1688OfferUrl.Parse(offerUrl), cancellationToken);

    /// <summary>
    /// Downloads every product of the shop, a page (≤ 20) at a time (R1688-05, R1688-09). Enumerate the result for the products, or
    /// <see cref="PlatformPageable{T}.AsPages"/> for the pages: persist each page's <see cref="PlatformPage{T}.ContinuationToken"/>
    /// (<c>page:&lt;n&gt;</c>, <see cref="Alibaba1688ProductCursor"/>) and pass it to <c>AsPages</c> to resume after a restart.
    /// Products are de-duplicated by offer id within one enumeration. <see cref="PlatformPage{T}.TotalCount"/> is 1688's <c>totalRecords</c>.
    /// </summary>
    /// <remarks>
    /// Cost: one <c>alibaba.product.list.get</c> per 20 offers, plus one <c>alibaba.product.get</c> per offer read again as
    /// <paramref name="details"/> says. At the default 5 calls per second per shop a list page takes 0.2 s and each detail read
    /// 0.2 s more: 5,000 offers take about 50 s with <see cref="Alibaba1688ProductDetails.ListOnly"/> and about 17.5 minutes when
    /// every offer is read again. The default, <see cref="Alibaba1688ProductDetails.WhenListIsIncomplete"/>, reads again only
    /// offers whose list item shows SKUs without listing them; simple offers (<c>saleInfo.quoteType</c> 0) cost nothing extra.
    /// </remarks>
    /// <param name="details">Which offers are read again with <c>alibaba.product.get</c>; see <see cref="Alibaba1688ProductDetails"/>.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the result.</param>
    /// <returns>The products, fetched page by page as they are enumerated.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="details"/> is not a defined value.</exception>
    public virtual PlatformPageable<Alibaba1688Product> DownloadAllAsync(Alibaba1688ProductDetails details = Alibaba1688ProductDetails.WhenListIsIncomplete,
        CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(details))
        {
            throw new ArgumentOutOfRangeException(nameof(details), details, "Use ListOnly, WhenListIsIncomplete or Always.");
        }

        return PlatformPageable.Create<Alibaba1688Product>((token, _, ct) => DownloadPagesAsync(token is null ? Alibaba1688ProductCursor.Start : Alibaba1688ProductCursor.Parse(token), details, ct),
            cancellationToken);
    }

    private async IAsyncEnumerable<PlatformPage<Alibaba1688Product>> DownloadPagesAsync(Alibaba1688ProductCursor from, Alibaba1688ProductDetails details,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<long>();
        var pagesRead = 0;
        for (var cursor = from; ;)
        {
            var products = new List<Alibaba1688Product>();
            var needDetail = new HashSet<long>();
            long? total;
            int count;
            var pageNo = cursor.PageNo;
            (total, count) = await _transport.SendAsync(_shop, Alibaba1688Api.ProductList,
            [
                new("pageNo", Alibaba1688Mappers.Text(pageNo)),
                new("pageSize", Alibaba1688Mappers.Text(Alibaba1688WireChoices.ProductPageSize)),
                new("needDetail", Alibaba1688WireChoices.FetchDetailWhenSkusMissing ? "true" : "false"),
            ], root =>
            {
                var page = Alibaba1688Json.Path(root, "result", "pageResult") ?? Alibaba1688Json.Path(root, "pageResult")
                    ?? Alibaba1688Json.Path(root, "result", "result", "pageResult");
                var items = page is { } p ? Alibaba1688Json.Array(p, "resultList").ToArray() : [];
                var pageTotal = page is { } pt ? Alibaba1688Json.Long(pt, "totalRecords") : null;
                products.Clear();
                needDetail.Clear();
                var onThisPage = new HashSet<long>();
                foreach (var item in items)
                {
                    if (Alibaba1688Mappers.Product(item) is not { } product || seen.Contains(product.ProductId) || !onThisPage.Add(product.ProductId))
                    {
                        continue;
                    }

                    if (NeedsDetail(item, details))
                    {
                        needDetail.Add(product.ProductId);
                    }

                    products.Add(product);
                }

                return (pageTotal, items.Length);
            }, cancellationToken).ConfigureAwait(false);
            foreach (var product in products)
            {
                seen.Add(product.ProductId);
            }

            if (count > 0 && products.Count == 0)
            {
                // Every offer on this page was already seen (a platform repeating a page): it adds nothing, and more would loop.
                yield break;
            }

            if (++pagesRead > Alibaba1688WireChoices.MaxProductPages)
            {
                throw new PlatformException(new PlatformError(Alibaba1688ErrorCatalogue.Platform, "too-many-pages",
                    $"The product list kept reporting more pages after {Alibaba1688WireChoices.MaxProductPages} pages.", ErrorCategory.Unknown,
                    "Resume from the last page's Next cursor later; if 1688 keeps reporting more pages, report it to 1688."));
            }

            for (var i = 0; i < products.Count; i++)
            {
                if (needDetail.Contains(products[i].ProductId)
                    && await GetAsync(products[i].ProductId, cancellationToken).ConfigureAwait(false) is { } detail)
                {
                    products[i] = detail;
                }
            }

            var last = count == 0 || (total is { } t && (long)cursor.PageNo * Alibaba1688WireChoices.ProductPageSize >= t);
            var next = last ? null : new Alibaba1688ProductCursor(cursor.PageNo + 1);
            yield return new PlatformPage<Alibaba1688Product>(products, next?.ToString(), total);
            if (next is null)
            {
                yield break;
            }

            cursor = next;
        }
    }

    // What a list item lacks is the SKUs: everything else the product model holds (cargo number, images, price) is in the list item.
    // A simple offer has no skuInfos because it has no SKUs, and says so with saleInfo.quoteType 0 (0 = no SKU, priced by quantity;
    // 1 = SKUs priced by spec; 2 = SKUs priced by quantity; official ProductSaleInfo model). Only an item with SKUs it does not list,
    // or one that says neither, is read again.
    private static bool NeedsDetail(JsonElement item, Alibaba1688ProductDetails details) => details switch
    {
        Alibaba1688ProductDetails.ListOnly => false,
        Alibaba1688ProductDetails.Always => true,
        _ => Alibaba1688WireChoices.FetchDetailWhenSkusMissing && !Alibaba1688Mappers.HasSkuInfos(item) && !SaysItHasNoSkus(item),
    };

    private static bool SaysItHasNoSkus(JsonElement item)
        => Alibaba1688Json.Property(item, "saleInfo") is { ValueKind: JsonValueKind.Object } sale && Alibaba1688Json.Long(sale, "quoteType") == 0;

    private static PlatformException Malformed(string detail, string remedy)
        => new(new PlatformError(Alibaba1688ErrorCatalogue.Platform, PlatformErrorCodes.MalformedResponse, "1688's reply could not be read: " + detail, ErrorCategory.Unknown, remedy)
        {
            Delivery = RequestDelivery.OutcomeUnknown,
        });
}
