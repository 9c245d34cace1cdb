using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PlatformSdk.TaobaoVoucher.Tests.Client;

/// <summary>Configuration mistakes in the e-voucher section fail at start with a message that says what to write instead.</summary>
public sealed class OptionsBindingTests
{
    private static ServiceProvider Build(Dictionary<string, string?> voucher)
    {
        var settings = new Dictionary<string, string?>
        {
            ["PlatformSdk:Top:AppKey"] = "12345678",
            ["PlatformSdk:Top:AppSecret"] = "helloworld",
            ["PlatformSdk:Top:Sellers:shop-a:Session"] = "6100a1b2c3",
        };
        foreach (var (key, value) in voucher)
        {
            settings["PlatformSdk:TaobaoVoucher:" + key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().AddTaobaoVoucher(configuration.GetSection("PlatformSdk:TaobaoVoucher"), configuration.GetSection("PlatformSdk:Top"));
        return services.BuildServiceProvider();
    }

    [Fact]
    public void An_unknown_api_family_name_fails_at_start_listing_the_allowed_names()
    {
        using var provider = Build(new() { ["Seller"] = "shop-a", ["Family"] = "Modern" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Family must be 'Legacy' or 'Merchant' (got 'Modern')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_the_binder_cannot_convert_fails_at_start_as_an_options_failure_naming_the_setting()
    {
        using var provider = Build(new() { ["Seller"] = "shop-a", ["CodeMerchantId"] = "not-a-number" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("CodeMerchantId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_names_bind_in_any_case()
    {
        using var provider = Build(new() { ["Seller"] = "shop-a", ["Family"] = "merchant", ["CodeMerchantId"] = "1001" });

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(VoucherApiFamily.Merchant, provider.GetRequiredService<IOptions<TaobaoVoucherOptions>>().Value.Family);
    }
}
