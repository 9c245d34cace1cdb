using PlatformSdk.Errors;
using PlatformSdk.Logistics;
using PlatformSdk.Logistics.Carriers;

namespace PlatformSdk.Logistics.Tests.Carriers;

/// <summary>The data shipped in the package: it loads, every code has a source and a confidence, and it breaks none of its own prohibitions.</summary>
public sealed class CarrierDataTests
{
    private static readonly string[] ExpectedCarriers =
    [
        "SF", "ZTO", "YTO", "YTO_INTL", "STO", "YUNDA", "YUNDA_FREIGHT", "BEST", "JT", "POST_PARCEL", "EMS", "EMS_ECONOMY", "JD",
        "DEPPON_EXPRESS", "DEPPON_FREIGHT", "TTK", "UC", "ZJS", "SF_FREIGHT", "KYE", "FENGWANG", "ZHONGYOU",
    ];

    [Fact]
    public void The_embedded_data_loads_with_every_ERP_carrier_of_the_issue_in_order()
    {
        Assert.Equal(ExpectedCarriers, CarrierRegistry.Shipped.Carriers.Select(c => c.Id));
        Assert.All(CarrierRegistry.Shipped.Carriers, c => Assert.False(string.IsNullOrWhiteSpace(c.Name), c.Id));
    }

    [Fact]
    public void Every_shipped_code_names_a_described_source_and_a_defined_confidence_on_a_known_platform()
    {
        var codes = CarrierRegistry.Shipped.Carriers.SelectMany(c => c.Codes).ToList();
        Assert.True(codes.Count > 70, "expected the shipped codes, found " + codes.Count);
        Assert.All(codes, code =>
        {
            Assert.True(CarrierRegistryBuilder.ShippedSources.ContainsKey(code.Source), $"{code.ErpCarrierId}/{code.Platform}: source '{code.Source}' is not described");
            Assert.True(Enum.IsDefined(code.Confidence), $"{code.ErpCarrierId}/{code.Platform}");
            Assert.Contains(code.Platform, CarrierRegistry.Platforms);
            Assert.False(string.IsNullOrWhiteSpace(code.Code));
        });
        Assert.All(CarrierRegistry.Shipped.Carriers.SelectMany(c => c.TrackingNumberFormats),
            f => Assert.True(CarrierRegistryBuilder.ShippedSources.ContainsKey(f.Source) && !f.Refuse, f.Pattern));
        Assert.All(CarrierRegistryBuilder.ShippedSources, s => Assert.False(string.IsNullOrWhiteSpace(s.Value), s.Key));
    }

    [Fact]
    public void No_shipped_code_is_confirmed_because_none_was_checked_against_a_live_platform_list()
    {
        // Confirmed is kept for codes the user asserts or verifies with a refresh; the shipped data is at best a dated dump of the platform's list.
        Assert.DoesNotContain(CarrierRegistry.Shipped.Carriers.SelectMany(c => c.Codes), c => c.Confidence == CarrierCodeConfidence.Confirmed);
        Assert.Equal(CarrierCodeConfidence.Unconfirmed, CarrierRegistry.Shipped.Resolve(ShipmentPlatforms.Douyin, "SF").Confidence);
        Assert.Equal(CarrierCodeConfidence.Documented, CarrierRegistry.Shipped.Resolve(ShipmentPlatforms.Pinduoduo, "SF").Confidence);
        Assert.Equal(CarrierCodeConfidence.Community, CarrierRegistry.Shipped.Resolve(ShipmentPlatforms.Jushuitan, "SF").Confidence);
        Assert.Equal(CarrierCodeConfidence.Unconfirmed, CarrierRegistry.Shipped.Resolve(ShipmentPlatforms.Pinduoduo, "JT").Confidence);
    }

    [Fact]
    public void No_code_is_shipped_for_1688_because_its_codes_come_from_the_shops_own_list()
    {
        Assert.DoesNotContain(CarrierRegistry.Shipped.Carriers.SelectMany(c => c.Codes), c => c.Platform == ShipmentPlatforms.Alibaba1688);
        var error = Assert.Throws<PlatformValidationException>(() => CarrierRegistry.Shipped.Resolve("1688", "SF"));
        Assert.Equal("RLOG-05", error.RuleId);
    }

    [Fact]
    public void The_shipped_data_obeys_its_own_prohibitions_and_no_two_carriers_share_a_code()
    {
        var registry = CarrierRegistry.Shipped;
        foreach (var code in registry.Carriers.SelectMany(c => c.Codes))
        {
            Assert.Null(registry.FindProhibition(code.ErpCarrierId, code.Platform, code.Code, code.PlatformName));
        }

        var duplicates = registry.Carriers.SelectMany(c => c.Codes).GroupBy(c => (c.Platform, c.Code.ToUpperInvariant())).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Malformed_carrier_data_is_a_platform_exception_not_a_raw_json_exception()
    {
        var error = Assert.Throws<PlatformException>(() => CarrierData.Parse("{\"carriers\": [ {\"id\": 1 "u8));
        Assert.Equal(ErrorCategory.Configuration, error.Error.Category);
        Assert.Throws<PlatformException>(() => CarrierData.Parse("{\"unexpected\": true}"u8));
        Assert.Throws<PlatformException>(() => CarrierData.Parse("null"u8));
    }
}
