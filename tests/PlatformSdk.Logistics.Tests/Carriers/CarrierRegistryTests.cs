using PlatformSdk.Errors;
using PlatformSdk.Logistics;
using PlatformSdk.Logistics.Carriers;

namespace PlatformSdk.Logistics.Tests.Carriers;

/// <summary>Resolving, reverse lookup, code overrides and immutability of the registry.</summary>
public sealed class CarrierRegistryTests
{
    [Fact]
    public void Resolve_gives_the_platform_code_with_its_source_and_confidence()
    {
        var sf = CarrierRegistry.Shipped.Resolve("pdd", "sf");
        Assert.Equal(new CarrierCode("SF", ShipmentPlatforms.Pinduoduo, "44", "pdd-companies-dump-2020", CarrierCodeConfidence.Documented) { Alias = "SF" }, sf);
        Assert.Equal("HTKY", CarrierRegistry.Shipped.Resolve("JST", "BEST").Code);
        Assert.Equal("TTKDEX", CarrierRegistry.Shipped.Resolve(ShipmentPlatforms.Taobao, "TTK").Code);
    }

    [Fact]
    public void Tmall_ships_with_the_Taobao_codes_unless_a_Tmall_code_is_mapped()
    {
        Assert.Equal("POSTB", CarrierRegistry.Shipped.Resolve(ShipmentPlatforms.Tmall, "POST_PARCEL").Code);
        Assert.Equal("POST_PARCEL", CarrierRegistry.Shipped.FindByCode(ShipmentPlatforms.Tmall, "POSTB")!.ErpCarrierId);
        var registry = new CarrierRegistryBuilder().Map("POST_PARCEL", ShipmentPlatforms.Tmall, "POSTB_TM").Build();
        Assert.Equal("POSTB_TM", registry.Resolve(ShipmentPlatforms.Tmall, "POST_PARCEL").Code);
        Assert.Equal("POSTB", registry.Resolve(ShipmentPlatforms.Taobao, "POST_PARCEL").Code);
    }

    [Fact]
    public void An_unmapped_carrier_is_a_validation_error_naming_the_field_the_value_and_how_to_map_it()
    {
        var error = Assert.Throws<PlatformValidationException>(() => CarrierRegistry.Shipped.Resolve(ShipmentPlatforms.Vipshop, "SF"));
        Assert.Equal("erpCarrierId", error.Field);
        Assert.Equal("SF", error.Value);
        Assert.Contains("no mapping", error.Message, StringComparison.Ordinal);
        Assert.Contains("PlatformSdk:Logistics:Carriers:SF:Codes:Vipshop", error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.Validation, error.Error.Category);
    }

    [Fact]
    public void An_unknown_platform_or_carrier_is_a_validation_error_listing_what_is_known()
    {
        var platform = Assert.Throws<PlatformValidationException>(() => CarrierRegistry.Shipped.Resolve("Shopee", "SF"));
        Assert.Equal("platform", platform.Field);
        Assert.Contains("Pinduoduo", platform.Message, StringComparison.Ordinal);
        var carrier = Assert.Throws<PlatformValidationException>(() => CarrierRegistry.Shipped.Resolve(ShipmentPlatforms.Pinduoduo, "ANE"));
        Assert.Equal("erpCarrierId", carrier.Field);
        Assert.Contains("YUNDA_FREIGHT", carrier.Message, StringComparison.Ordinal);
        Assert.False(CarrierRegistry.Shipped.TryResolve("Shopee", "SF", out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Reverse_lookup_finds_the_carrier_by_code_or_alias_in_any_case_and_nothing_for_an_unknown_code()
    {
        Assert.Equal("DEPPON_FREIGHT", CarrierRegistry.Shipped.FindByCode(ShipmentPlatforms.Pinduoduo, "debangwuliu")!.ErpCarrierId);
        Assert.Equal("DEPPON_EXPRESS", CarrierRegistry.Shipped.FindByCode(ShipmentPlatforms.Pinduoduo, "131")!.ErpCarrierId);
        Assert.Equal("JD", CarrierRegistry.Shipped.FindByCode(ShipmentPlatforms.Douyin, " jd ")!.ErpCarrierId);
        Assert.Null(CarrierRegistry.Shipped.FindByCode(ShipmentPlatforms.Douyin, "nosuchcode"));
        Assert.Null(CarrierRegistry.Shipped.FindByCode("Shopee", "jd"));
    }

    [Fact]
    public void Code_can_add_a_carrier_replace_a_code_and_remove_a_mapping()
    {
        var registry = new CarrierRegistryBuilder()
            .AddCarrier("ANE", "安能物流")
            .Map("ANE", ShipmentPlatforms.Pinduoduo, "208", platformName: "安能物流")
            .Map("JT", ShipmentPlatforms.Pinduoduo, "384", "极兔速递", CarrierCodeConfidence.Confirmed, source: "pdd list 2026-12")
            .Unmap("JD", ShipmentPlatforms.Douyin)
            .Build();

        Assert.Equal("208", registry.Resolve(ShipmentPlatforms.Pinduoduo, "ANE").Code);
        Assert.Equal("code", registry.Resolve(ShipmentPlatforms.Pinduoduo, "ANE").Source);
        Assert.Equal(CarrierCodeConfidence.Confirmed, registry.Resolve(ShipmentPlatforms.Pinduoduo, "JT").Confidence);
        Assert.Equal("pdd list 2026-12", registry.Resolve(ShipmentPlatforms.Pinduoduo, "JT").Source);
        Assert.False(registry.TryResolve(ShipmentPlatforms.Douyin, "JD", out _));
        Assert.Equal("ANE", registry.FindByCode(ShipmentPlatforms.Pinduoduo, "208")!.ErpCarrierId);
        // The shipped registry is not touched by a builder.
        Assert.True(CarrierRegistry.Shipped.TryResolve(ShipmentPlatforms.Douyin, "JD", out _));
        Assert.Null(CarrierRegistry.Shipped.FindCarrier("ANE"));
    }

    [Fact]
    public void Without_the_shipped_data_only_the_users_carriers_exist_but_the_prohibitions_still_hold()
    {
        var registry = new CarrierRegistryBuilder(includeShippedCarriers: false).AddCarrier("BEST", "百世").Map("BEST", "PDD", "3").Build();
        Assert.Equal(["BEST"], registry.Carriers.Select(c => c.Id));
        Assert.NotEmpty(registry.ForbiddenCodes);
        Assert.Throws<PlatformValidationException>(() => new CarrierRegistryBuilder(false).AddCarrier("BEST", "百世").Map("BEST", "PDD", "204").Build());
    }

    [Theory]
    [InlineData("NEW", null, "Pinduoduo", "1", "Carriers:NEW:Name")]
    [InlineData("SF", null, "Shopee", "1", "Carriers:SF:Codes:Shopee")]
    [InlineData("SF", null, "Pinduoduo", "4\u00014", "Carriers:SF:Codes:Pinduoduo")]
    [InlineData("BAD ID", "x", "Pinduoduo", "1", "Carriers:BAD ID")]
    [InlineData("ZTO", null, "Pinduoduo", "44", "Carriers:ZTO:Codes:Pinduoduo")]
    public void Build_refuses_bad_carriers_codes_platforms_and_shared_codes_naming_the_field(string id, string? name, string platform, string code, string field)
    {
        var builder = new CarrierRegistryBuilder();
        if (name is not null)
        {
            builder.AddCarrier(id, name);
        }

        var error = Assert.Throws<PlatformValidationException>(() => builder.Map(id, platform, code).Build());
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void A_tracking_format_that_is_not_a_usable_regular_expression_is_refused_at_build()
    {
        var error = Assert.Throws<PlatformValidationException>(() => new CarrierRegistryBuilder().AddTrackingNumberFormat("SF", new TrackingNumberFormat("(a", "broken", "code")).Build());
        Assert.Equal("Carriers:SF:TrackingNumberFormats:1:Pattern", error.Field);
        Assert.Throws<PlatformValidationException>(() => new CarrierRegistryBuilder().AddTrackingNumberFormat("SF", new TrackingNumberFormat(@"(\d)\1", "backreference", "code")).Build());
    }

    [Theory]
    [InlineData(@"(\d)\1")]
    [InlineData(@"(?<n>\d)\k<n>")]
    [InlineData(@"SF(?=\d)\d+")]
    [InlineData(@"(?<!X)\d+")]
    [InlineData(@"(?>\d+)")]
    [InlineData(@"(?(\d)\d|X)")]
    public void Every_construct_the_non_backtracking_engine_lacks_is_refused_on_every_target_framework(string pattern)
    {
        var error = Assert.Throws<PlatformValidationException>(() => new CarrierRegistryBuilder().AddTrackingNumberFormat("SF", new TrackingNumberFormat(pattern, "x", "code")).Build());
        Assert.Equal("Carriers:SF:TrackingNumberFormats:1:Pattern", error.Field);
    }

    [Theory]
    [InlineData(@"SF\d{12}")]
    [InlineData(@"[(?=\]]\d+")]
    [InlineData(@"(?<serial>\d{10})")]
    [InlineData(@"(?:JT|JD)\d{13}")]
    [InlineData(@"\(\?=\d+")]
    public void Patterns_the_non_backtracking_engine_accepts_are_accepted_on_every_target_framework(string pattern)
        => Assert.NotNull(new CarrierRegistryBuilder().AddTrackingNumberFormat("SF", new TrackingNumberFormat(pattern, "x", "code")).Build());

    [Fact]
    public void The_registry_is_immutable_once_built()
    {
        var builder = new CarrierRegistryBuilder().AddCarrier("ANE", "安能物流").Map("ANE", ShipmentPlatforms.Pinduoduo, "208");
        var registry = builder.Build();
        builder.Map("ANE", ShipmentPlatforms.Pinduoduo, "209").Unmap("SF", ShipmentPlatforms.Pinduoduo).AddCarrier("XYZ", "x");

        Assert.Equal("208", registry.Resolve(ShipmentPlatforms.Pinduoduo, "ANE").Code);
        Assert.True(registry.TryResolve(ShipmentPlatforms.Pinduoduo, "SF", out _));
        Assert.Null(registry.FindCarrier("XYZ"));
        Assert.True(((ICollection<ErpCarrier>)registry.Carriers).IsReadOnly);
        Assert.Throws<NotSupportedException>(() => ((IList<ErpCarrier>)registry.Carriers)[0] = new ErpCarrier("X", "x"));
        Assert.Throws<NotSupportedException>(() => ((IList<CarrierCode>)registry.Carriers[0].Codes).Clear());
        Assert.Throws<NotSupportedException>(() => ((IList<TrackingNumberFormat>)registry.Carriers[0].TrackingNumberFormats).Clear());
        Assert.Throws<NotSupportedException>(() => ((IList<ForbiddenCarrierCode>)registry.ForbiddenCodes).Clear());
        Assert.Throws<NotSupportedException>(() => ((IList<string>)registry.ForbiddenCodes[0].Contains).Clear());
    }

    [Fact]
    public void A_user_prohibition_is_enforced_like_the_shipped_ones()
    {
        var builder = new CarrierRegistryBuilder().Forbid(new ForbiddenCarrierCode("RLOG-51", "our PDD shop may not use 44") { Platform = "PDD", Code = "44" });
        var error = Assert.Throws<PlatformValidationException>(() => builder.Build());
        Assert.Equal("RLOG-51", error.RuleId);
    }
}
