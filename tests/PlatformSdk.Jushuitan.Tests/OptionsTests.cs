using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlatformSdk.Http;

namespace PlatformSdk.Jushuitan.Tests;

public class OptionsTests
{
    private const string SecretLooking = "ywv5jGT8ge6Pvlq3FZSPol2323";

    private static ServiceProvider Build(Dictionary<string, string?> settings, string section = "PlatformSdk:Jushuitan")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().AddJushuitan(configuration.GetSection(section));
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> ValidLegacy(string environment = "Test") => new()
    {
        ["PlatformSdk:Jushuitan:Environment"] = environment,
        ["PlatformSdk:Jushuitan:Protocol"] = "Legacy",
        ["PlatformSdk:Jushuitan:Legacy:PartnerId"] = "ywv5jGT8ge6Pvlq3FZSPol345asd",
        ["PlatformSdk:Jushuitan:Legacy:PartnerKey"] = SecretLooking,
        ["PlatformSdk:Jushuitan:Legacy:Token"] = "181ee8952a88f5a57db52587472c3798",
    };

    private static Dictionary<string, string?> ValidOpen(string environment = "Production") => new()
    {
        ["PlatformSdk:Jushuitan:Environment"] = environment,
        ["PlatformSdk:Jushuitan:Protocol"] = "OpenApi",
        ["PlatformSdk:Jushuitan:OpenApi:AppKey"] = "b0b7d1db226d4216a3d58df9ffa2dde5",
        ["PlatformSdk:Jushuitan:OpenApi:AppSecret"] = "99c4cef262f34ca882975a7064de0b87",
        ["PlatformSdk:Jushuitan:OpenApi:AccessToken"] = "b7e3b1e24e174593af8ca5c397e53dad",
    };

    private static OptionsValidationException StartupFailure(ServiceProvider provider)
        => Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

    [Theory]
    [Rule("RJST-01")]
    [InlineData("Test", "https://c.jushuitan.com/api/open/query.aspx", "https://dev-api.jushuitan.com/")]
    [InlineData("Production", "https://open.erp321.com/api/open/query.aspx", "https://openapi.jushuitan.com/")]
    public void RJST01_environment_is_chosen_by_name_and_maps_to_its_endpoints(string environment, string legacyUrl, string openApiUrl)
    {
        using var provider = Build(ValidLegacy(environment));
        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptionsMonitor<JushuitanOptions>>().CurrentValue;
        Assert.Equal(Enum.Parse<JushuitanEnvironment>(environment), options.Environment);
        var endpoints = options.ResolveEndpoints();
        Assert.Equal(legacyUrl, endpoints.LegacyUrl.AbsoluteUri);
        Assert.Equal(openApiUrl, endpoints.OpenApiBaseUrl.AbsoluteUri);
        Assert.Equal("https://openweb.jushuitan.com/auth", endpoints.AuthorizeUrl.AbsoluteUri);
        Assert.Equal(JushuitanProtocol.Legacy, provider.GetRequiredService<JushuitanClient>().Protocol);
    }

    [Fact]
    [Rule("RJST-01")]
    public void RJST01_endpoint_paths_keep_a_proxy_prefix()
    {
        var endpoints = new JushuitanEndpoints(new Uri("http://127.0.0.1:1/q"), new Uri("http://127.0.0.1:1/jst/"), new Uri("http://127.0.0.1:1/auth"));
        Assert.Equal("http://127.0.0.1:1/jst/open/shops/query", endpoints.OpenApi("/open/shops/query").AbsoluteUri);
        Assert.Equal("https://openapi.jushuitan.com/open/shops/query", JushuitanEndpoints.Production.OpenApi("/open/shops/query").AbsoluteUri);
    }

    [Fact]
    [Rule("RJST-01")]
    public void RJST01_an_undefined_environment_value_is_rejected()
    {
        var settings = ValidLegacy();
        settings["PlatformSdk:Jushuitan:Environment"] = "7";
        using var provider = Build(settings);
        Assert.Contains("Environment must be 'Test' or 'Production'", StartupFailure(provider).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => JushuitanEndpoints.For((JushuitanEnvironment)7));
    }

    [Fact]
    [Rule("RJST-01")]
    public void RJST01_an_unknown_environment_name_fails_at_start_listing_the_allowed_names()
    {
        var settings = ValidLegacy();
        settings["PlatformSdk:Jushuitan:Environment"] = "Sandbox";
        using var provider = Build(settings);

        var message = StartupFailure(provider).Message;

        Assert.Contains("Jushuitan tenant 'default': Environment must be 'Test' or 'Production' (got 'Sandbox')", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_name_in_a_nested_enum_setting_names_its_path_and_the_allowed_names()
    {
        var settings = ValidLegacy();
        settings["PlatformSdk:Jushuitan:Billing:Edition"] = "Ultimate";
        using var provider = Build(settings);

        Assert.Contains("Billing:Edition must be 'Professional' or 'Enterprise' (got 'Ultimate')", StartupFailure(provider).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_names_bind_in_any_case_as_before()
    {
        var settings = ValidLegacy();
        settings["PlatformSdk:Jushuitan:Environment"] = "production";
        settings["PlatformSdk:Jushuitan:Protocol"] = "legacy";
        using var provider = Build(settings);

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(JushuitanEnvironment.Production, provider.GetRequiredService<IOptions<JushuitanOptions>>().Value.Environment);
    }

    [Fact]
    [Rule("RJST-01")]
    public void RJST01_endpoints_cannot_be_typed_into_configuration()
    {
        var settings = ValidLegacy();
        settings["PlatformSdk:Jushuitan:EndpointsOverride:LegacyUrl"] = "https://example.invalid/query.aspx";
        using var provider = Build(settings);
        Assert.Contains("EndpointsOverride cannot be set from configuration", StartupFailure(provider).Message, StringComparison.Ordinal);
    }

    [Theory]
    [Rule("RJST-01")]
    [InlineData("Legacy:PartnerId", " ywv5jGT8ge6Pvlq3FZSPol345asd")]
    [InlineData("Legacy:PartnerId", "ywv5jGT8ge6Pvlq3FZSPol345asd ")]
    [InlineData("Legacy:PartnerKey", SecretLooking + "\n")]
    [InlineData("Legacy:Token", "\t181ee8952a88f5a57db52587472c3798")]
    public void RJST01_legacy_credentials_with_surrounding_whitespace_are_rejected_without_echoing_them(string setting, string value)
    {
        var settings = ValidLegacy();
        settings["PlatformSdk:Jushuitan:" + setting] = value;
        using var provider = Build(settings);
        var message = StartupFailure(provider).Message;
        Assert.Contains(setting + " has surrounding whitespace", message, StringComparison.Ordinal);
        Assert.DoesNotContain(value.Trim(), message, StringComparison.Ordinal);
        Assert.Contains("RJST-01", message, StringComparison.Ordinal);
    }

    [Theory]
    [Rule("RJST-01")]
    [InlineData("OpenApi:AppKey")]
    [InlineData("OpenApi:AppSecret")]
    [InlineData("OpenApi:AccessToken")]
    [InlineData("OpenApi:RefreshToken")]
    public void RJST01_open_api_credentials_with_surrounding_whitespace_are_rejected(string setting)
    {
        var settings = ValidOpen();
        var value = "0123456789abcdef0123456789abcdef";
        settings["PlatformSdk:Jushuitan:" + setting] = value + " ";
        using var provider = Build(settings);
        var message = StartupFailure(provider).Message;
        Assert.Contains(setting + " has surrounding whitespace", message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Legacy:PartnerId")]
    [InlineData("Legacy:PartnerKey")]
    [InlineData("Legacy:Token")]
    public void Missing_legacy_credentials_are_rejected_for_the_legacy_protocol(string setting)
    {
        var settings = ValidLegacy();
        settings.Remove("PlatformSdk:Jushuitan:" + setting);
        using var provider = Build(settings);
        Assert.Contains(setting + " is required", StartupFailure(provider).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OpenApi:AppKey")]
    [InlineData("OpenApi:AppSecret")]
    public void Missing_open_api_credentials_are_rejected_for_the_open_api_protocol(string setting)
    {
        var settings = ValidOpen();
        settings.Remove("PlatformSdk:Jushuitan:" + setting);
        using var provider = Build(settings);
        Assert.Contains(setting + " is required", StartupFailure(provider).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_api_access_token_is_optional_because_it_can_come_from_authorization()
    {
        var settings = ValidOpen();
        settings.Remove("PlatformSdk:Jushuitan:OpenApi:AccessToken");
        using var provider = Build(settings);
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Blank_credential_is_reported_as_blank()
    {
        var settings = ValidLegacy();
        settings["PlatformSdk:Jushuitan:Legacy:Token"] = "   ";
        using var provider = Build(settings);
        Assert.Contains("Legacy:Token is blank", StartupFailure(provider).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resilience_problems_are_reported_at_startup()
    {
        var settings = ValidLegacy();
        settings["PlatformSdk:Jushuitan:Resilience:MaxRetries"] = "3";
        settings["PlatformSdk:Jushuitan:Resilience:AttemptTimeout"] = "00:10:00";
        settings["PlatformSdk:Jushuitan:Resilience:TotalTimeout"] = "00:01:00";
        using var provider = Build(settings);
        Assert.Contains("Resilience:AttemptTimeout", StartupFailure(provider).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_rate_limit_is_5_per_second_and_configuration_wins()
    {
        using (var provider = Build(ValidLegacy()))
        {
            Assert.Equal(5, provider.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>().Get("Jushuitan").PermitsPerSecond);
        }

        var settings = ValidLegacy();
        settings["PlatformSdk:Jushuitan:Resilience:PermitsPerSecond"] = "2";
        using (var provider = Build(settings))
        {
            Assert.Equal(2, provider.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>().Get("Jushuitan").PermitsPerSecond);
        }
    }

    [Fact]
    public void Bad_activation_delay_and_contract_amount_are_rejected()
    {
        var problems = Validation.JushuitanOptionsValidator.ProblemsOf(new JushuitanOptions
        {
            Protocol = JushuitanProtocol.Legacy,
            Legacy = { PartnerId = "p", PartnerKey = "k", Token = "t" },
            NewTokenActivationDelay = TimeSpan.FromMinutes(-1),
            Billing = { ContractAmount = -1m },
            EndpointsOverride = new JushuitanEndpoints(new Uri("ftp://x/"), new Uri("http://127.0.0.1/"), new Uri("http://127.0.0.1/auth")),
        }).ToList();
        Assert.Contains(problems, p => p.StartsWith("NewTokenActivationDelay", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Billing:ContractAmount", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("EndpointsOverride.LegacyUrl", StringComparison.Ordinal));
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void Named_tenants_are_validated_and_created_separately()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ValidOpen()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk()
            .AddJushuitan("north", configuration.GetSection("PlatformSdk:Jushuitan"))
            .AddJushuitan("south", o => { o.Protocol = JushuitanProtocol.Legacy; o.Legacy.PartnerId = "p "; });
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IJushuitanClientFactory>();
        var north = factory.CreateClient("north");
        Assert.Equal("north", north.Tenant);
        Assert.Same(north, factory.CreateClient("north"));
        Assert.Same(north, provider.GetRequiredService<PlatformSdk.IPlatformClientFactory<JushuitanClient>>().CreateClient("north"));
        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient("south"));
        Assert.Contains("tenant 'south'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Legacy:PartnerId has surrounding whitespace", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_never_appear_in_ToString()
    {
        var options = new JushuitanOptions { Legacy = { PartnerKey = SecretLooking }, OpenApi = { AppSecret = SecretLooking } };
        Assert.DoesNotContain(SecretLooking, options.Legacy.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SecretLooking, options.OpenApi.ToString(), StringComparison.Ordinal);
    }
}
