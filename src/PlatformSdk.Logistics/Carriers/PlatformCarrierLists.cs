using System.Globalization;
using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Jushuitan.Models.Logistics;

namespace PlatformSdk.Logistics.Carriers;

/// <summary>
/// Turns the carrier lists the SDK's clients return into the input of <see cref="CarrierRegistry.Diff"/>. 1688:
/// <c>Alibaba1688LogisticsClient.ListCarriersAsync</c>; Jushuitan: <c>JushuitanLogisticsCompaniesClient.QueryAsync</c>. Taobao's
/// <c>taobao.logistics.companies.get</c> is read by <c>TaobaoCarrierList.GetAsync</c> (Senders/Taobao), whose rows (id, code,
/// name, reg_mail_no) map onto <see cref="PlatformCarrier"/> the same way.
/// </summary>
public static class PlatformCarrierLists
{
    /// <summary>The shop's 1688 own-carrier list: the code is <c>companyNo</c> (the <c>cpCode</c> shipments use), the id 1688's numeric id.</summary>
    /// <param name="carriers">The carriers, as <c>ListCarriersAsync</c> returns them.</param>
    /// <returns>The list, for <c>Diff(ShipmentPlatforms.Alibaba1688, …)</c>.</returns>
    public static IReadOnlyList<PlatformCarrier> From1688(IEnumerable<Alibaba1688Carrier> carriers)
    {
        ArgumentNullException.ThrowIfNull(carriers);
        return carriers.Where(c => c is not null && !string.IsNullOrWhiteSpace(c.CompanyNo))
            .Select(c => new PlatformCarrier(c.CompanyNo.Trim(), c.Name) { Id = c.Id?.ToString(CultureInfo.InvariantCulture) })
            .ToArray().AsReadOnly();
    }

    /// <summary>The ERP's carriers in Jushuitan: the code is <c>lc_id</c> (RJST-04).</summary>
    /// <param name="companies">The carriers, as <c>QueryAsync</c> returns them (collect the pages first).</param>
    /// <returns>The list, for <c>Diff(ShipmentPlatforms.Jushuitan, …)</c>.</returns>
    public static IReadOnlyList<PlatformCarrier> FromJushuitan(IEnumerable<JushuitanLogisticsCompany> companies)
    {
        ArgumentNullException.ThrowIfNull(companies);
        return companies.Where(c => c is not null && !string.IsNullOrWhiteSpace(c.LcId))
            .Select(c => new PlatformCarrier(c.LcId.Trim(), c.LcName))
            .ToArray().AsReadOnly();
    }
}
