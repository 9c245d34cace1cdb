using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Errors;
using PlatformSdk.Jushuitan.Models.Logistics;
using PlatformSdk.Logistics;
using PlatformSdk.Logistics.Carriers;

namespace PlatformSdk.Logistics.Tests.Carriers;

/// <summary>Refreshing from a platform's own carrier list: the diff report and the adapters of the SDK's clients.</summary>
public sealed class CarrierDiffTests
{
    [Fact]
    public void The_report_lists_unmapped_codes_codes_no_longer_listed_unavailable_ones_and_renames()
    {
        var registry = new CarrierRegistryBuilder(includeShippedCarriers: false)
            .AddCarrier("SF", "顺丰").Map("SF", ShipmentPlatforms.Pinduoduo, "44", "顺丰快递", alias: "SF")
            .AddCarrier("ZTO", "中通").Map("ZTO", ShipmentPlatforms.Pinduoduo, "115", "中通快递")
            .AddCarrier("JT", "极兔").Map("JT", ShipmentPlatforms.Pinduoduo, "384", "极兔快递")
            .AddCarrier("UC", "优速").Map("UC", ShipmentPlatforms.Pinduoduo, "117", "优速快递")
            .Build();
        PlatformCarrier[] list =
        [
            new("SF", "顺丰速运") { Id = "44", Available = true },
            new("115", "中通快递") { Available = true },
            new("384", "极兔速递") { Available = false },
            new("208", "安能物流") { Available = true },
        ];

        var report = registry.Diff("PDD", list);

        Assert.Equal(ShipmentPlatforms.Pinduoduo, report.Platform);
        Assert.Equal(["208"], report.Unmapped.Select(c => c.Code));
        Assert.Equal(["UC"], report.NoLongerListed.Select(c => c.ErpCarrierId));
        Assert.Equal(["JT"], report.Unavailable.Select(c => c.ErpCarrierId));
        Assert.Equal([("SF", "顺丰速运"), ("JT", "极兔速递")], report.Renamed.Select(r => (r.Mapping.ErpCarrierId, r.ListedName)));
        Assert.False(report.IsInSync);
    }

    [Fact]
    public void A_list_that_matches_the_mappings_is_in_sync()
    {
        var registry = new CarrierRegistryBuilder(false).AddCarrier("SF", "顺丰").Map("SF", ShipmentPlatforms.Douyin, "shunfeng").Build();
        var report = registry.Diff(ShipmentPlatforms.Douyin, [new PlatformCarrier("SHUNFENG", "顺丰速运")]);
        Assert.True(report.IsInSync, report.ToString());
    }

    [Fact]
    [Rule("RLOG-02", "RLOG-06")]
    public void RLOG02_RLOG06_retired_codes_on_a_platforms_list_are_reported_as_forbidden_not_offered_as_unmapped()
    {
        var pdd = CarrierRegistry.Shipped.Diff(ShipmentPlatforms.Pinduoduo, [new PlatformCarrier("BSKD", "百世快递") { Id = "204", Available = false }, new PlatformCarrier("HT", "百世快递") { Id = "3" }]);
        Assert.Empty(pdd.Unmapped);
        Assert.Equal("RLOG-02", Assert.Single(pdd.ForbiddenListed).RuleId);
        var douyin = CarrierRegistry.Shipped.Diff(ShipmentPlatforms.Douyin, [new PlatformCarrier("youzhengbk", "邮政标快"), new PlatformCarrier("youzhengguonei", "邮政快递包裹")]);
        Assert.Equal("RLOG-06", Assert.Single(douyin.ForbiddenListed).RuleId);
        Assert.DoesNotContain(douyin.Unmapped, c => c.Code == "youzhengbk");
    }

    [Fact]
    public void The_1688_own_carrier_list_becomes_the_diff_input_and_every_code_is_unmapped_since_none_is_shipped()
    {
        Alibaba1688Carrier[] carriers =
        [
            new() { Id = 12, CompanyNo = "SF", Name = "顺丰速运" },
            new() { Id = 13, CompanyNo = " YUNDA ", Name = "韵达快递" },
            new() { CompanyNo = " ", Name = "blank code" },
        ];

        var list = PlatformCarrierLists.From1688(carriers);

        Assert.Equal([new PlatformCarrier("SF", "顺丰速运") { Id = "12" }, new PlatformCarrier("YUNDA", "韵达快递") { Id = "13" }], list);
        var report = CarrierRegistry.Shipped.Diff("1688", list);
        Assert.Equal(["SF", "YUNDA"], report.Unmapped.Select(c => c.Code));
        Assert.Empty(report.NoLongerListed);
    }

    [Fact]
    public void The_Jushuitan_carriers_become_the_diff_input_against_the_ERP_codes()
    {
        JushuitanLogisticsCompany[] companies =
        [
            new() { LcId = "SF", LcName = "顺丰速运" },
            new() { LcId = "HTKY", LcName = "百世快递" },
            new() { LcId = "ANE", LcName = "安能物流" },
        ];

        var list = PlatformCarrierLists.FromJushuitan(companies);
        var report = CarrierRegistry.Shipped.Diff(ShipmentPlatforms.Jushuitan, list);

        Assert.Equal(["SF", "HTKY", "ANE"], list.Select(c => c.Code));
        Assert.Equal(["ANE"], report.Unmapped.Select(c => c.Code));
        Assert.Contains(report.NoLongerListed, c => c.ErpCarrierId == "ZTO");
        Assert.DoesNotContain(report.NoLongerListed, c => c.ErpCarrierId is "SF" or "BEST");
    }

    [Fact]
    public void Diff_of_an_unknown_platform_is_a_validation_error()
    {
        Assert.Throws<PlatformValidationException>(() => CarrierRegistry.Shipped.Diff("Shopee", []));
    }
}
