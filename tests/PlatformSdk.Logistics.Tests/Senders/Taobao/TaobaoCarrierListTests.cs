using PlatformSdk.Logistics.Carriers;
using PlatformSdk.Logistics.Senders.Taobao;
using PlatformSdk.Testing.Top;
using static PlatformSdk.Logistics.Tests.Senders.Taobao.TaobaoHarness;

namespace PlatformSdk.Logistics.Tests.Senders.Taobao;

/// <summary>taobao.logistics.companies.get read into the registry's rows and diffed against the shipped mappings.</summary>
public sealed class TaobaoCarrierListTests
{
    [Fact]
    public async Task The_companies_list_is_read_with_id_code_name_and_tracking_pattern()
    {
        await using var h = Start();

        var carriers = await TaobaoCarrierList.GetAsync(h.Top);

        var sf = Assert.Single(carriers, c => c.Code == "SF");
        Assert.Equal("505", sf.Id);
        Assert.Equal("顺丰速运", sf.Name);
        Assert.Equal("^SF[0-9]{12,13}$", sf.TrackingNumberPattern);
        Assert.Null(Assert.Single(carriers, c => c.Code == "EMS").TrackingNumberPattern);
    }

    [Fact]
    public async Task The_diff_report_names_a_new_carrier_as_unmapped_and_a_delisted_mapping_as_no_longer_listed()
    {
        await using var h = Start();
        h.Platform.SetCarriers([.. FakeTaobaoLogisticsModule.DefaultCarriers, new FakeTaobaoCarrier(9001, "NEWCO", "新快递")]);

        var report = CarrierRegistry.Shipped.Diff(ShipmentPlatforms.Taobao, await TaobaoCarrierList.GetAsync(h.Top, Shop));

        Assert.Contains(report.Unmapped, c => c.Code == "NEWCO");
        Assert.DoesNotContain(report.Unmapped, c => c.Code == "SF");
        Assert.Contains(report.NoLongerListed, m => m.Code == "HTKY");
        Assert.False(report.IsInSync);
    }
}
