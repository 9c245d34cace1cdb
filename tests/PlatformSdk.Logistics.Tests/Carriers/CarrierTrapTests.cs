using PlatformSdk.Errors;
using PlatformSdk.Logistics;
using PlatformSdk.Logistics.Carriers;

namespace PlatformSdk.Logistics.Tests.Carriers;

/// <summary>The known carrier-mapping traps, each encoded so a wrong mapping cannot be built.</summary>
public sealed class CarrierTrapTests
{
    private static readonly CarrierRegistry Shipped = CarrierRegistry.Shipped;

    [Fact]
    [Rule("RLOG-02")]
    public void RLOG02_BEST_resolves_to_PDD_code_3_and_204_is_nobodys_code()
    {
        var best = Shipped.Resolve(ShipmentPlatforms.Pinduoduo, "BEST");
        Assert.Equal("3", best.Code);
        Assert.Equal("HT", best.Alias);
        Assert.Equal("BEST", Shipped.FindByCode("PDD", "HT")!.ErpCarrierId);
        Assert.Null(Shipped.FindByCode(ShipmentPlatforms.Pinduoduo, "204"));
        Assert.Null(Shipped.FindByCode(ShipmentPlatforms.Pinduoduo, "BSKD"));
    }

    [Theory]
    [InlineData("BEST", "204")]
    [InlineData("BEST", "BSKD")]
    [InlineData("ZTO", "204")]
    [Rule("RLOG-02")]
    public void RLOG02_mapping_PDD_code_204_is_refused_naming_the_rule_and_the_right_code(string carrier, string code)
    {
        var error = Assert.Throws<PlatformValidationException>(() => new CarrierRegistryBuilder().Map(carrier, ShipmentPlatforms.Pinduoduo, code).Build());
        Assert.Equal("RLOG-02", error.RuleId);
        Assert.Equal($"Carriers:{carrier}:Codes:Pinduoduo", error.Field);
        Assert.Equal(code, error.Value);
        Assert.Contains("BEST's retired code; map BEST to 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RLOG-06")]
    public void RLOG06_China_Posts_domestic_parcel_is_youzhengguonei_on_Douyin_and_the_economy_service_has_no_Douyin_code()
    {
        var parcel = Shipped.Resolve(ShipmentPlatforms.Douyin, "POST_PARCEL");
        Assert.Equal("youzhengguonei", parcel.Code);
        Assert.Equal(CarrierCodeConfidence.Documented, parcel.Confidence);
        Assert.False(Shipped.TryResolve(ShipmentPlatforms.Douyin, "EMS_ECONOMY", out _));
        Assert.DoesNotContain(Shipped.Carriers.SelectMany(c => c.Codes), c => c.Code is "yzguonei" or "youzhengbk");
    }

    [Theory]
    [InlineData("POST_PARCEL", "yzguonei")]
    [InlineData("POST_PARCEL", "youzhengbk")]
    [InlineData("EMS_ECONOMY", "youzhengbk")]
    [InlineData("EMS", "YZGUONEI")]
    [Rule("RLOG-06")]
    public void RLOG06_mapping_a_retired_Douyin_postal_code_is_refused(string carrier, string code)
    {
        var error = Assert.Throws<PlatformValidationException>(() => new CarrierRegistryBuilder().Map(carrier, "douyin", code).Build());
        Assert.Equal("RLOG-06", error.RuleId);
        Assert.Contains("youzhengguonei", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RLOG-25")]
    public void RLOG25_YTO_Express_is_PDD_code_85_and_YTO_International_is_another_carrier()
    {
        Assert.Equal("85", Shipped.Resolve(ShipmentPlatforms.Pinduoduo, "YTO").Code);
        Assert.Equal("圆通快递", Shipped.Resolve(ShipmentPlatforms.Pinduoduo, "YTO").PlatformName);
        Assert.Equal("YTO", Shipped.FindByCode(ShipmentPlatforms.Pinduoduo, "85")!.ErpCarrierId);
        Assert.Equal("YTO_INTL", Shipped.FindByCode(ShipmentPlatforms.Pinduoduo, "381")!.ErpCarrierId);
        Assert.Equal("YTO_INTL", Shipped.FindByCode(ShipmentPlatforms.Jushuitan, "YTO_EGLOBAL")!.ErpCarrierId);
    }

    [Theory]
    [InlineData(ShipmentPlatforms.Pinduoduo, "381", null)]
    [InlineData(ShipmentPlatforms.Pinduoduo, "YTGJ", null)]
    [InlineData(ShipmentPlatforms.Jushuitan, "YTO_EGLOBAL", null)]
    [InlineData(ShipmentPlatforms.Douyin, "yuantongguoji", "圆通国际")]
    [InlineData(ShipmentPlatforms.Suning, "YTGJ01", "圆通国际物流")]
    [Rule("RLOG-25")]
    public void RLOG25_mapping_YTO_Express_to_YTO_International_is_refused(string platform, string code, string? name)
    {
        var error = Assert.Throws<PlatformValidationException>(() => new CarrierRegistryBuilder().Map("YTO", platform, code, name).Build());
        Assert.Equal("RLOG-25", error.RuleId);
    }

    [Fact]
    [Rule("RLOG-25")]
    public void RLOG25_YTO_and_YTO_INTL_cannot_share_a_code()
    {
        var error = Assert.Throws<PlatformValidationException>(() => new CarrierRegistryBuilder().Map("YTO_INTL", ShipmentPlatforms.Pinduoduo, "85").Build());
        Assert.Equal("RLOG-25", error.RuleId);
        Assert.Contains("YTO", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RLOG-03")]
    public void RLOG03_Yunda_Express_and_Yunda_Freight_are_different_carriers()
    {
        var express = Shipped.FindCarrier("YUNDA")!;
        var freight = Shipped.FindCarrier("YUNDA_FREIGHT")!;
        Assert.Equal("韵达快递", express.Name);
        Assert.Equal("韵达快运", freight.Name);
        Assert.Equal("121", Shipped.Resolve(ShipmentPlatforms.Pinduoduo, "YUNDA").Code);
        // No source gives Yunda Freight's codes: it resolves to no mapping rather than to the express codes.
        var error = Assert.Throws<PlatformValidationException>(() => Shipped.Resolve(ShipmentPlatforms.Pinduoduo, "YUNDA_FREIGHT"));
        Assert.Contains("no mapping", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ShipmentPlatforms.Suning, "YDKY", "韵达快运")]
    [InlineData(ShipmentPlatforms.Douyin, "yundakuaiyun", null)]
    [InlineData(ShipmentPlatforms.Pinduoduo, "999", "韵达快运")]
    [Rule("RLOG-03")]
    public void RLOG03_mapping_Yunda_Express_to_a_freight_code_is_refused(string platform, string code, string? name)
    {
        var error = Assert.Throws<PlatformValidationException>(() => new CarrierRegistryBuilder().Map("YUNDA", platform, code, name).Build());
        Assert.Equal("RLOG-03", error.RuleId);
        Assert.Contains("Yunda Freight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RLOG-03")]
    public void RLOG03_Yunda_Freight_takes_its_own_freight_code_and_cannot_take_the_express_one()
    {
        var registry = new CarrierRegistryBuilder().Map("YUNDA_FREIGHT", ShipmentPlatforms.Suning, "YDKY", "韵达快运").Build();
        Assert.Equal("YDKY", registry.Resolve(ShipmentPlatforms.Suning, "YUNDA_FREIGHT").Code);
        var error = Assert.Throws<PlatformValidationException>(() => new CarrierRegistryBuilder().Map("YUNDA_FREIGHT", ShipmentPlatforms.Pinduoduo, "121").Build());
        Assert.Equal("RLOG-03", error.RuleId);
    }

    [Fact]
    [Rule("RLOG-02", "RLOG-03", "RLOG-06", "RLOG-25")]
    public void RLOG02_RLOG03_RLOG06_RLOG25_each_trap_is_a_listed_prohibition_that_FindProhibition_reports()
    {
        Assert.Equal(["RLOG-02", "RLOG-03", "RLOG-06", "RLOG-25"], Shipped.ForbiddenCodes.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("RLOG-02", Shipped.FindProhibition("BEST", "PDD", "204")!.RuleId);
        Assert.Equal("RLOG-06", Shipped.FindProhibition("POST_PARCEL", ShipmentPlatforms.Douyin, "yzguonei")!.RuleId);
        Assert.Equal("RLOG-25", Shipped.FindProhibition("YTO", ShipmentPlatforms.Pinduoduo, "381")!.RuleId);
        Assert.Equal("RLOG-03", Shipped.FindProhibition("YUNDA", ShipmentPlatforms.Suning, "X1", "韵达快运")!.RuleId);
        Assert.Null(Shipped.FindProhibition("YTO_INTL", ShipmentPlatforms.Pinduoduo, "381"));
        Assert.Null(Shipped.FindProhibition("SF_FREIGHT", ShipmentPlatforms.Douyin, "shunfengkuaiyun"));
    }
}
