using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlatformSdk.Http;
using PlatformSdk.Top.Signing;
using PlatformSdk.Top.Validation;

namespace PlatformSdk.Top.Tests;

public class OptionsTests
{
    private static TopOptions Valid() => new()
    {
        AppKey = "12345678",
        AppSecret = "helloworld",
        Sellers = { ["shop-a"] = new TopSellerOptions { Session = "6100a1b2c3" } },
    };

    [Fact]
    public void Valid_options_have_no_problems() => Assert.Empty(TopOptionsValidator.ProblemsOf(Valid()));

    [Theory]
    [InlineData("AppKey", " 12345678")]
    [InlineData("AppKey", "1234 5678")]
    [InlineData("AppSecret", "helloworld\n")]
    [InlineData("AppSecret", "\thelloworld")]
    public void Whitespace_in_credentials_is_rejected_without_echoing_the_value(string setting, string value)
    {
        var options = Valid();
        if (setting == "AppKey")
        {
            options.AppKey = value;
        }
        else
        {
            options.AppSecret = value;
        }

        var problem = Assert.Single(TopOptionsValidator.ProblemsOf(options));
        Assert.StartsWith(setting, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(value.Trim(), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_credentials_bad_sessions_and_undefined_enums_are_reported()
    {
        var options = new TopOptions
        {
            Environment = (TopEnvironment)7,
            SignMethod = (TopSignMethod)9,
            Sellers = { ["shop-a"] = new TopSellerOptions { Session = "61 00" }, ["shop-b"] = new TopSellerOptions() },
            EndpointsOverride = new TopEndpoints(new Uri("/relative", UriKind.Relative), new Uri("ftp://x")),
        };
        var problems = TopOptionsValidator.ProblemsOf(options).ToList();
        Assert.Contains(problems, p => p.StartsWith("AppKey is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("AppSecret is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Environment", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("SignMethod", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Sellers:shop-a:Session contains whitespace", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Sellers:shop-b:Session is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("EndpointsOverride.Rest", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("EndpointsOverride.Qimen", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_are_production_md5_json_without_simplify()
    {
        var options = new TopOptions();
        Assert.Equal(TopEnvironment.Production, options.Environment);
        Assert.Equal(TopSignMethod.Md5, options.SignMethod);
        Assert.False(options.Simplify);
        Assert.Equal(new Uri("https://eco.taobao.com/router/rest"), options.ResolveEndpoints().Rest);
        Assert.Equal(new Uri("https://gw.api.tbsandbox.com/router/rest"), TopEndpoints.For(TopEnvironment.Sandbox).Rest);
        Assert.Equal(new Uri("https://qimen.api.taobao.com/router/qimen/service"), TopEndpoints.Production.Qimen);
        Assert.Equal(new Uri("http://qimenapi.tbsandbox.com/router/qimen/service"), TopEndpoints.Sandbox.Qimen);
    }

    [Fact]
    public void ToString_never_shows_secrets()
    {
        var options = Valid();
        Assert.DoesNotContain("helloworld", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("6100a1b2c3", options.Sellers["shop-a"].ToString(), StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().AddTop(configuration.GetSection("PlatformSdk:Top"));
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData("Environment", "Staging", "'Production' or 'Sandbox'")]
    [InlineData("SignMethod", "Sha1", "'Md5', 'Hmac' or 'HmacSha256'")]
    public void An_unknown_enum_name_fails_at_start_listing_the_allowed_names(string setting, string value, string allowed)
    {
        using var provider = Build(new()
        {
            ["PlatformSdk:Top:AppKey"] = "12345678",
            ["PlatformSdk:Top:AppSecret"] = "helloworld",
            ["PlatformSdk:Top:" + setting] = value,
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"{setting} must be {allowed} (got '{value}')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binds_from_configuration_including_sellers_and_the_Top_resilience_options()
    {
        using var provider = Build(new()
        {
            ["PlatformSdk:Top:AppKey"] = "12345678",
            ["PlatformSdk:Top:AppSecret"] = "helloworld",
            ["PlatformSdk:Top:Environment"] = "Sandbox",
            ["PlatformSdk:Top:SignMethod"] = "HmacSha256",
            ["PlatformSdk:Top:Sellers:shop-a:Session"] = "6100a1b2c3",
            ["PlatformSdk:Top:Sellers:shop-a:SessionExpiresAt"] = "2030-01-01T00:00:00+08:00",
            ["PlatformSdk:Top:Resilience:MaxRetries"] = "5",
        });
        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<TopOptions>>().Value;
        Assert.Equal(TopEnvironment.Sandbox, options.Environment);
        Assert.Equal(TopSignMethod.HmacSha256, options.SignMethod);
        Assert.Equal("6100a1b2c3", options.Sellers["shop-a"].Session);
        Assert.Equal(5, provider.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>().Get("Top").MaxRetries);
        Assert.Equal(TopEnvironment.Sandbox, provider.GetRequiredService<TopClient>().Environment);
        Assert.Equal(TimeSpan.FromMinutes(5), provider.GetRequiredService<Qimen.QimenRequestVerifier>().TimestampTolerance);
    }

    [Fact]
    public void Invalid_settings_fail_at_startup_naming_the_setting()
    {
        using var provider = Build(new()
        {
            ["PlatformSdk:Top:AppKey"] = "12345678 ",
            ["PlatformSdk:Top:AppSecret"] = "helloworld",
            ["PlatformSdk:Top:Resilience:MaxRetries"] = "50",
        });
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(ex.Failures, f => f.Contains("AppKey contains whitespace", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("MaxRetries", StringComparison.Ordinal));
        Assert.DoesNotContain("helloworld", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_override_is_refused_from_configuration()
    {
        using var provider = Build(new()
        {
            ["PlatformSdk:Top:AppKey"] = "12345678",
            ["PlatformSdk:Top:AppSecret"] = "helloworld",
            ["PlatformSdk:Top:EndpointsOverride:Rest"] = "http://evil.example/router/rest",
        });
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("EndpointsOverride cannot be set from configuration", ex.Message, StringComparison.Ordinal);
    }
}
