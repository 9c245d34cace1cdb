namespace PlatformSdk.Alibaba1688.Models.Products;

/// <summary>
/// How much <see cref="Alibaba1688ProductsClient.DownloadAllAsync"/> reads beyond the product list (<c>alibaba.product.list.get</c>,
/// 20 offers a call). Every extra read is one <c>alibaba.product.get</c> per offer: at the default 5 calls per second per shop,
/// 5,000 offers cost 250 list calls (about 50 s) plus up to 5,000 detail calls (about 17 minutes).
/// </summary>
public enum Alibaba1688ProductDetails
{
    /// <summary>
    /// The default: read an offer again only when its list item shows that SKUs exist but leaves them out (no <c>skuInfos</c> and
    /// <c>saleInfo.quoteType</c> 1 or 2, "has SKUs"), or does not say (neither field). A simple offer (<c>quoteType</c> 0, no SKUs)
    /// is complete in the list and costs nothing extra. Calls: 1 per 20 offers, plus 1 per incomplete item.
    /// </summary>
    WhenListIsIncomplete = 0,

    /// <summary>
    /// Only the list: 1 call per 20 offers (5,000 offers: 250 calls, about 50 s at 5 calls/s). An offer whose list item leaves out
    /// its SKUs comes back with empty <see cref="Alibaba1688Product.Skus"/>; read it with <see cref="Alibaba1688ProductsClient.GetAsync"/>
    /// when needed.
    /// </summary>
    ListOnly = 1,

    /// <summary>
    /// Every offer read again with <c>alibaba.product.get</c>, whatever the list says: 1 call per offer plus 1 per 20 (5,000 offers:
    /// 5,250 calls, about 17.5 minutes at 5 calls/s). For when the list's copy of an offer is not trusted.
    /// </summary>
    Always = 2,
}
