using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlatformSdk.Logistics;
using PlatformSdk.Logistics.Carriers;

namespace PlatformSdk.Logistics.Tests.Carriers;

/// <summary>User overrides from configuration and code through <c>AddLogistics</c>, checked when the host starts.</summary>
public sealed class CarrierConfigurationTests
{
    private static ServiceProvider Provider(Dictionary<string, string?> settings, Action<LogisticsOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        var sdk = services.AddPlatformSdk();
        if (configure is null)
        {
            sdk.AddLogistics(configuration.GetSection("PlatformSdk:Logistics"));
        }
        else
        {
            sdk.AddLogistics(configuration.GetSection("PlatformSdk:Logistics"), configure);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>What a host does at start for ValidateOnStart.</summary>
    private static void Start(IServiceProvider provider) => provider.GetRequiredService<IStartupValidator>().Validate();

    [Fact]
    public void Configuration_adds_a_carrier_replaces_a_code_and_removes_a_mapping()
    {
        using var provider = Provider(new()
        {
            ["PlatformSdk:Logistics:Carriers:ANE:Name"] = "安能物流",
            ["PlatformSdk:Logistics:Carriers:ANE:Codes:Pinduoduo:Code"] = "208",
            ["PlatformSdk:Logistics:Carriers:ANE:Codes:Pinduoduo:Name"] = "安能物流",
            ["PlatformSdk:Logistics:Carriers:JT:Codes:PDD:Code"] = "384",
            ["PlatformSdk:Logistics:Carriers:JT:Codes:PDD:Confidence"] = "Documented",
            ["PlatformSdk:Logistics:Carriers:jd:Remove:0"] = "Douyin",
            ["PlatformSdk:Logistics:Carriers:SF:TrackingNumberFormats:0:Pattern"] = @"\d{12}",
            ["PlatformSdk:Logistics:Carriers:SF:TrackingNumberFormats:0:Description"] = "12 digits (older SF numbers)",
        });
        Start(provider);
        var registry = provider.GetRequiredService<CarrierRegistry>();

        var ane = registry.Resolve(ShipmentPlatforms.Pinduoduo, "ANE");
        Assert.Equal(("208", "安能物流", "configuration", CarrierCodeConfidence.Confirmed), (ane.Code, ane.PlatformName, ane.Source, ane.Confidence));
        Assert.Equal(CarrierCodeConfidence.Documented, registry.Resolve(ShipmentPlatforms.Pinduoduo, "JT").Confidence);
        Assert.Equal("configuration", registry.Resolve(ShipmentPlatforms.Pinduoduo, "JT").Source);
        Assert.False(registry.TryResolve(ShipmentPlatforms.Douyin, "JD", out _));
        Assert.Equal(TrackingNumberVerdict.Accepted, registry.CheckTrackingNumber("SF", "123456789012").Verdict);
        Assert.Same(registry, provider.GetRequiredService<CarrierRegistry>());
    }

    [Fact]
    public void Code_configuration_runs_after_the_section_and_can_leave_out_the_shipped_data()
    {
        using var provider = Provider(new()
        {
            ["PlatformSdk:Logistics:IncludeShippedCarriers"] = "false",
            ["PlatformSdk:Logistics:Carriers:BEST:Name"] = "百世快递",
            ["PlatformSdk:Logistics:Carriers:BEST:Codes:Pinduoduo:Code"] = "3",
        }, o => o.ConfigureCarriers(b => b.Map("BEST", ShipmentPlatforms.Douyin, "huitongkuaidi").Map("BEST", ShipmentPlatforms.Pinduoduo, "3", "百世快递")));
        Start(provider);
        var registry = provider.GetRequiredService<CarrierRegistry>();

        Assert.Equal(["BEST"], registry.Carriers.Select(c => c.Id));
        Assert.Equal("code", registry.Resolve(ShipmentPlatforms.Pinduoduo, "BEST").Source);
        Assert.Equal("huitongkuaidi", registry.Resolve(ShipmentPlatforms.Douyin, "BEST").Code);
    }

    [Fact]
    [Rule("RLOG-02")]
    public void RLOG02_a_configured_PDD_204_for_BEST_stops_the_host_at_start_naming_the_rule_and_the_setting()
    {
        using var provider = Provider(new() { ["PlatformSdk:Logistics:Carriers:BEST:Codes:Pinduoduo:Code"] = "204" });
        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));
        Assert.Contains("Logistics: Invalid Carriers:BEST:Codes:Pinduoduo = '204' (rule RLOG-02): RLOG-02: PDD code 204 is BEST's retired code; map BEST to 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("map BEST to 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("Carriers:BEST:Codes:Pinduoduo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RLOG-06")]
    public void RLOG06_a_configured_retired_Douyin_postal_code_stops_the_host_at_start()
    {
        using var provider = Provider(new() { ["PlatformSdk:Logistics:Carriers:POST_PARCEL:Codes:Douyin:Code"] = "yzguonei" });
        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));
        Assert.Contains("RLOG-06", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RLOG-25")]
    public void RLOG25_YTO_Express_mapped_in_code_to_381_stops_the_host_at_start()
    {
        using var provider = Provider([], o => o.ConfigureCarriers(b => b.Map("YTO", ShipmentPlatforms.Pinduoduo, "381")));
        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));
        Assert.Contains("RLOG-25", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RLOG-03")]
    public void RLOG03_Yunda_Express_configured_to_Sunings_freight_carrier_stops_the_host_at_start()
    {
        using var provider = Provider(new()
        {
            ["PlatformSdk:Logistics:Carriers:YUNDA:Codes:Suning:Code"] = "YDKY",
            ["PlatformSdk:Logistics:Carriers:YUNDA:Codes:Suning:Name"] = "韵达快运",
        });
        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));
        Assert.Contains("RLOG-03", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_confidence_name_fails_at_start_listing_the_allowed_values()
    {
        using var provider = Provider(new()
        {
            ["PlatformSdk:Logistics:Carriers:SF:Codes:Suning:Code"] = "SF",
            ["PlatformSdk:Logistics:Carriers:SF:Codes:Suning:Confidence"] = "Sure",
        });
        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));
        Assert.Contains("Confidence", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unconfirmed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Confirmed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_platform_or_a_missing_code_fails_at_start_naming_the_setting()
    {
        using var platform = Provider(new() { ["PlatformSdk:Logistics:Carriers:SF:Codes:Shopee:Code"] = "SF" });
        var error = Assert.Throws<OptionsValidationException>(() => Start(platform));
        Assert.Contains("Carriers:SF:Codes:Shopee", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pinduoduo", error.Message, StringComparison.Ordinal);

        using var missing = Provider(new() { ["PlatformSdk:Logistics:Carriers:SF:Codes:Suning:Name"] = "顺丰" });
        Assert.Contains("Carriers:SF:Codes:Suning:Code", Assert.Throws<OptionsValidationException>(() => Start(missing)).Message, StringComparison.Ordinal);

        using var unnamed = Provider(new() { ["PlatformSdk:Logistics:Carriers:ANE:Codes:Pinduoduo:Code"] = "208" });
        Assert.Contains("Carriers:ANE:Name", Assert.Throws<OptionsValidationException>(() => Start(unnamed)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_twice_keeps_one_registry_and_one_validator()
    {
        var services = new ServiceCollection();
        services.AddPlatformSdk().AddLogistics(_ => { }).AddLogistics(_ => { });
        Assert.Single(services, d => d.ServiceType == typeof(CarrierRegistry));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<LogisticsOptions>));
    }
}
