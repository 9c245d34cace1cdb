using PlatformSdk.Jushuitan.Models.Logistics;
using PlatformSdk.Jushuitan.Models.Shops;
using PlatformSdk.Jushuitan.Models.Warehouses;
using PlatformSdk.Jushuitan.Protocol;
using PlatformSdk.Jushuitan.Validation;
using PlatformSdk.Paging;

namespace PlatformSdk.Jushuitan;

/// <summary>Shops configured in the ERP (RJST-04).</summary>
public class JushuitanShopsClient
{
    private readonly JushuitanTransport _transport = null!;

    internal JushuitanShopsClient(JushuitanTransport transport) => _transport = transport;

    /// <summary>For mocking.</summary>
    protected JushuitanShopsClient()
    {
    }

    /// <summary>
    /// Lists shops, page by page as they are read. Platform API: legacy <c>shops.query</c>, open API <c>/open/shops/query</c>.
    /// Shop ids for order upload and query come from here (RJST-04); use <see cref="JushuitanShop.RequiresQimen"/> to spot
    /// Taobao-family shops whose orders the time query does not return (RJST-16).
    /// </summary>
    /// <param name="query">Optional filters.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the result.</param>
    /// <returns>The shops, fetched page by page as they are enumerated; <see cref="PlatformPageable{T}.AsPages"/> gives the pages and resumes from a continuation token.</returns>
    public virtual PlatformPageable<JushuitanShop> QueryAsync(JushuitanShopQuery? query = null, CancellationToken cancellationToken = default)
    {
        var legacy = _transport.Protocol == JushuitanProtocol.Legacy;
        return JushuitanPaging.Pageable(_transport, JushuitanApi.QueryShops, (index, size) => JushuitanTransport.Serialize(new PageQueryWire
        {
            PageIndex = index,
            PageSize = size,
            ShopIds = !legacy && query?.ShopIds is { Count: > 0 } ids ? ids.ToList() : null,
            Nicks = legacy && query?.Nicks is { Count: > 0 } nicks ? nicks.ToList() : null,
        }, JushuitanJsonContext.Wire.PageQueryWire), JushuitanWireChoices.ListPageSize, JushuitanMappers.Shop, () => JushuitanRequestValidator.Shops(query), cancellationToken);
    }

    /// <summary>Reads every shop into a list (see <see cref="QueryAsync"/>).</summary>
    /// <param name="query">Optional filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The shops.</returns>
    public virtual async Task<IReadOnlyList<JushuitanShop>> ListAsync(JushuitanShopQuery? query = null, CancellationToken cancellationToken = default)
    {
        var shops = new List<JushuitanShop>();
        await foreach (var shop in QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            shops.Add(shop);
        }

        return shops;
    }
}

/// <summary>Branch warehouses (分仓) of the company (RJST-04).</summary>
public class JushuitanWarehousesClient
{
    private readonly JushuitanTransport _transport = null!;

    internal JushuitanWarehousesClient(JushuitanTransport transport) => _transport = transport;

    /// <summary>For mocking.</summary>
    protected JushuitanWarehousesClient()
    {
    }

    /// <summary>
    /// Lists warehouse partners; their <c>wms_co_id</c> is the warehouse company id (RJST-04). Platform API: legacy
    /// <c>wms.partner.query</c>, open API <c>/open/wms/partner/query</c>.
    /// </summary>
    /// <param name="cancellationToken">Cancels every enumeration of the result.</param>
    /// <returns>The partners, fetched page by page as they are enumerated; <see cref="PlatformPageable{T}.AsPages"/> gives the pages and resumes from a continuation token.</returns>
    public virtual PlatformPageable<JushuitanWarehousePartner> QueryPartnersAsync(CancellationToken cancellationToken = default)
        => JushuitanPaging.Pageable(_transport, JushuitanApi.QueryWarehousePartners,
            (index, size) => JushuitanTransport.Serialize(new PageQueryWire { PageIndex = index, PageSize = size }, JushuitanJsonContext.Wire.PageQueryWire),
            JushuitanWireChoices.ListPageSize, JushuitanMappers.Warehouse, null, cancellationToken);
}

/// <summary>Carriers configured in the ERP (RJST-04).</summary>
public class JushuitanLogisticsCompaniesClient
{
    private readonly JushuitanTransport _transport = null!;

    internal JushuitanLogisticsCompaniesClient(JushuitanTransport transport) => _transport = transport;

    /// <summary>For mocking.</summary>
    protected JushuitanLogisticsCompaniesClient()
    {
    }

    /// <summary>
    /// Lists carriers and their <c>lc_id</c> codes; without a window it returns all of them (RJST-04). Platform API:
    /// legacy <c>logisticscompany.query</c>, open API <c>/open/logisticscompany/query</c>.
    /// </summary>
    /// <param name="modifiedBegin">Only carriers modified since, or <see langword="null"/> for all.</param>
    /// <param name="modifiedEnd">Only carriers modified until; required with <paramref name="modifiedBegin"/>.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the result.</param>
    /// <returns>The carriers, fetched page by page as they are enumerated; <see cref="PlatformPageable{T}.AsPages"/> gives the pages and resumes from a continuation token.</returns>
    public virtual PlatformPageable<JushuitanLogisticsCompany> QueryAsync(DateTimeOffset? modifiedBegin = null, DateTimeOffset? modifiedEnd = null,
        CancellationToken cancellationToken = default)
        => JushuitanPaging.Pageable(_transport, JushuitanApi.QueryLogisticsCompanies, (index, size) => JushuitanTransport.Serialize(new PageQueryWire
        {
            PageIndex = index,
            PageSize = size,
            ModifiedBegin = modifiedBegin is { } b ? JushuitanWireTime.Format(b) : null,
            ModifiedEnd = modifiedEnd is { } e ? JushuitanWireTime.Format(e) : null,
        }, JushuitanJsonContext.Wire.PageQueryWire), JushuitanWireChoices.ListPageSize, JushuitanMappers.Logistics,
            () => JushuitanRequestValidator.LogisticsWindow(modifiedBegin, modifiedEnd), cancellationToken);
}
