using Microsoft.Extensions.Options;
using PlatformSdk.Configuration;
using PlatformSdk.Http;
using PlatformSdk.TestPlatform.Errors;

namespace PlatformSdk.TestPlatform.Validation;

/// <summary>
/// Rejects unusable TestPlatform settings at startup: credentials missing or with whitespace, an undefined environment, an override
/// URL that is not absolute http(s), and the tenant's invalid resilience settings. Messages name the setting, never its value.
/// </summary>
public sealed class TestPlatformOptionsValidator : PlatformOptionsValidator<TestPlatformOptions>
{
    /// <summary>Creates the validator.</summary>
    /// <param name="resilience">The resilience options, whose problems are reported too; <see langword="null"/> to skip them.</param>
    public TestPlatformOptionsValidator(IOptionsMonitor<PlatformResilienceOptions>? resilience = null)
        : base(TestPlatformErrorCatalogue.Platform, resilience)
    {
    }

    /// <inheritdoc />
    protected override string DefaultTenantLabel => TestPlatformOptions.DefaultTenant;

    /// <inheritdoc />
    protected override void Check(TestPlatformOptions options, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        DefinedEnum(problems, "Environment", options.Environment);
        const string Rejected = "TestPlatform would reject it as an invalid app or signature.";
        Credential(problems, "AppKey", options.AppKey, required: true, platformReply: Rejected);
        Credential(problems, "AppSecret", options.AppSecret, required: true, platformReply: Rejected);
        Credential(problems, "AccessToken", options.AccessToken, required: true, "to call shop APIs", Rejected);
        Credential(problems, "RefreshToken", options.RefreshToken, required: false, platformReply: Rejected);
        if (options.EndpointsOverride is { } endpoints)
        {
            AbsoluteHttpUrl(problems, "EndpointsOverride.RouterUrl", endpoints.RouterUrl);
        }
    }
}
