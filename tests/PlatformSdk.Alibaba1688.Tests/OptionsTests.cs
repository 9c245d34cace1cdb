using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlatformSdk.Alibaba1688.Validation;
using PlatformSdk.Http;

namespace PlatformSdk.Alibaba1688.Tests;

public class OptionsTests
{
    private static Alibaba1688Options Valid() => new() { AppKey = "1000000", AppSecret = "secret", RedirectUri = new Uri("https://erp.example.com/cb") };

    [Fact]
    public void Valid_options_have_no_problems() => Assert.Empty(Alibaba1688OptionsValidator.ProblemsOf(Valid()));

    [Theory]
    [InlineData(null, "secret", "AppKey is required")]
    [InlineData("1000000", null, "AppSecret is required")]
    [InlineData(" 1000000", "secret", "AppKey contains whitespace")]
    [InlineData("1000000", "secret\n", "AppSecret contains whitespace")]
    [InlineData("1000000", "sec ret", "AppSecret contains whitespace")]
    [InlineData("10/00", "secret", "letters and digits")]
    public void Credentials_are_required_and_whitespace_is_rejected(string? key, string? secret, string problem)
    {
        var options = Valid();
        options.AppKey = key;
        options.AppSecret = secret;

        var problems = Alibaba1688OptionsValidator.ProblemsOf(options).ToList();

        Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("sec ret", StringComparison.Ordinal));
    }

    [Fact]
    public void Shop_tokens_with_whitespace_blank_markets_and_relative_redirects_are_rejected()
    {
        var options = Valid();
        options.RedirectUri = new Uri("/cb", UriKind.Relative);
        options.Shops["shopA"] = new Alibaba1688ShopOptions { AccessToken = "tok en", Market = " " };

        var problems = Alibaba1688OptionsValidator.ProblemsOf(options).ToList();

        Assert.Contains(problems, p => p.StartsWith("RedirectUri", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Shops:shopA:AccessToken", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Shops:shopA:Market", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_RedirectUri_fails_at_start_naming_the_setting_and_the_callback_to_set()
    {
        var services = new ServiceCollection();
        services.AddPlatformSdk().AddAlibaba1688(o =>
        {
            o.AppKey = "1000000";
            o.AppSecret = "secret";
            o.Shops["shopA"] = new Alibaba1688ShopOptions { AccessToken = "at", RefreshToken = "rt" };
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("RedirectUri is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("open.1688.com", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_RedirectUri_with_a_fragment_is_rejected()
    {
        var options = Valid();
        options.RedirectUri = new Uri("https://erp.example.com/cb#x");

        Assert.Contains(Alibaba1688OptionsValidator.ProblemsOf(options), p => p.Contains("fragment", StringComparison.Ordinal));
    }

    [Fact]
    public void The_late_RedirectUri_path_throws_a_Configuration_PlatformException_with_the_remedy_not_InvalidOperationException()
    {
        var options = Valid();
        options.RedirectUri = null;

        var ex = Assert.Throws<PlatformSdk.Errors.PlatformException>(() => Alibaba1688OptionsValidator.RedirectUriOf(options));

        Assert.Equal(PlatformSdk.Errors.ErrorCategory.Configuration, ex.Category);
        Assert.Equal("redirect-uri-not-configured", ex.ErrorCode);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Contains("open.1688.com", ex.Remedy, StringComparison.Ordinal);
        Assert.Equal("https://erp.example.com/cb", Alibaba1688OptionsValidator.RedirectUriOf(Valid()));
    }

    [Fact]
    public void Configuration_binds_shops_and_resilience_and_validates_on_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["A:AppKey"] = "1000000",
            ["A:AppSecret"] = "secret",
            ["A:RedirectUri"] = "https://erp.example.com/cb",
            ["A:Shops:shopA:AccessToken"] = "at",
            ["A:Shops:shopA:RefreshToken"] = "rt",
            ["A:Shops:shopA:Market"] = "其他",
            ["A:Resilience:PermitsPerSecond"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddPlatformSdk().AddAlibaba1688(configuration.GetSection("A"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<Alibaba1688Options>>().Value;

        Assert.Equal("at", options.Shops["shopA"].AccessToken);
        Assert.Equal("其他", options.Shops["shopA"].Market);
        Assert.Equal(2, provider.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>().Get("Alibaba1688").PermitsPerSecond);
        Assert.NotNull(provider.GetRequiredService<Alibaba1688Client>());
        var shops = provider.GetRequiredService<PlatformSdk.IPlatformClientFactory<Alibaba1688ShopClient>>();
        Assert.Equal("shopA", shops.CreateClient("shopA").Shop);
        Assert.Same(shops.CreateClient("shopA"), shops.CreateClient("shopA"));
        Assert.Throws<PlatformSdk.Errors.PlatformValidationException>(() => shops.CreateClient(" "));
    }

    [Fact]
    public void A_value_the_binder_cannot_convert_fails_at_start_as_an_options_failure_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["A:AppKey"] = "1000000",
            ["A:AppSecret"] = "secret",
            ["A:RedirectUri"] = "https://erp.example.com/cb",
            ["A:Shops:shopA:AccessTokenExpiresAt"] = "next tuesday",
        }).Build();
        var services = new ServiceCollection();
        services.AddPlatformSdk().AddAlibaba1688(configuration.GetSection("A"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Alibaba1688 tenant 'default'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at 'A:Shops:shopA:AccessTokenExpiresAt' to type 'System.DateTimeOffset'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_rate_limit_is_5_per_second_per_shop()
    {
        var services = new ServiceCollection();
        services.AddPlatformSdk().AddAlibaba1688(o => { o.AppKey = "1"; o.AppSecret = "s"; });
        using var provider = services.BuildServiceProvider();

        Assert.Equal(5, provider.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>().Get("Alibaba1688").PermitsPerSecond);
    }

    [Fact]
    [Rule("R1688-01")]
    public void R168801_endpoints_cannot_come_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["A:AppKey"] = "1", ["A:AppSecret"] = "s", ["A:EndpointsOverride:GatewayBaseUrl"] = "https://gw.alibaba.com/openapi",
        }).Build();
        var services = new ServiceCollection();
        services.AddPlatformSdk().AddAlibaba1688(configuration.GetSection("A"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Alibaba1688Options>>().Value);
        Assert.Contains("R1688-01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("R1688-01")]
    public void R168801_production_endpoints_are_the_domestic_site()
    {
        Assert.Equal("gw.open.1688.com", Alibaba1688Endpoints.Production.GatewayBaseUrl.Host);
        Assert.Equal("auth.1688.com", Alibaba1688Endpoints.Production.AuthorizeUrl.Host);
        Assert.Same(Alibaba1688Endpoints.Production, new Alibaba1688Options().ResolveEndpoints());
    }

    [Fact]
    public void Invalid_options_fail_validation_without_echoing_secrets()
    {
        var services = new ServiceCollection();
        services.AddPlatformSdk().AddAlibaba1688(o => { o.AppKey = "1"; o.AppSecret = " topsecret"; });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Alibaba1688Options>>().Value);
        Assert.Contains("AppSecret contains whitespace", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_hides_secrets()
    {
        var options = Valid();
        options.Shops["s"] = new Alibaba1688ShopOptions { AccessToken = "at-secret" };

        Assert.DoesNotContain("secret", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", options.Shops["s"].ToString(), StringComparison.Ordinal);
    }
}
