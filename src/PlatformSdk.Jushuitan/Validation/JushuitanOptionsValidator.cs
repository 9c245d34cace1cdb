using Microsoft.Extensions.Options;
using PlatformSdk.Configuration;
using PlatformSdk.Http;

namespace PlatformSdk.Jushuitan.Validation;

/// <summary>
/// Rejects unusable Jushuitan settings at startup (RJST-01): credentials missing for the chosen protocol, credentials
/// with surrounding whitespace (a copy-paste slip Jushuitan reports as "partnerid invalid"), undefined enum values and
/// invalid resilience settings. Messages name the setting, never its value.
/// </summary>
internal sealed class JushuitanOptionsValidator : PlatformOptionsValidator<JushuitanOptions>
{
    /// <summary>Creates the validator.</summary>
    /// <param name="resilience">The resilience options, whose problems are reported too; <see langword="null"/> to skip them.</param>
    public JushuitanOptionsValidator(IOptionsMonitor<PlatformResilienceOptions>? resilience = null)
        : base(Errors.JushuitanErrorCatalogue.Platform, resilience)
    {
    }

    /// <inheritdoc />
    protected override string DefaultTenantLabel => JushuitanOptions.DefaultTenant;

    /// <summary>The problems with a set of options, one message each (no secrets).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems; empty when valid.</returns>
    public static IReadOnlyList<string> ProblemsOf(JushuitanOptions options) => new JushuitanOptionsValidator().Problems(options);

    /// <inheritdoc />
    protected override void Check(JushuitanOptions options, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        DefinedEnum(problems, "Environment", options.Environment, "RJST-01");
        DefinedEnum(problems, "Protocol", options.Protocol);
        var legacy = options.Legacy ?? new JushuitanLegacyCredentials();
        var open = options.OpenApi ?? new JushuitanOpenApiCredentials();
        var required = options.Protocol == JushuitanProtocol.Legacy;
        const string ForProtocol = "for the chosen protocol";
        const string Rejected = "Jushuitan would reject it as an invalid partner or app (RJST-01).";
        Credential(problems, "Legacy:PartnerId", legacy.PartnerId, required, ForProtocol, Rejected);
        Credential(problems, "Legacy:PartnerKey", legacy.PartnerKey, required, ForProtocol, Rejected);
        Credential(problems, "Legacy:Token", legacy.Token, required, ForProtocol, Rejected);
        Credential(problems, "OpenApi:AppKey", open.AppKey, !required, ForProtocol, Rejected);
        Credential(problems, "OpenApi:AppSecret", open.AppSecret, !required, ForProtocol, Rejected);
        Credential(problems, "OpenApi:AccessToken", open.AccessToken, false, platformReply: Rejected);
        Credential(problems, "OpenApi:RefreshToken", open.RefreshToken, false, platformReply: Rejected);
        if (options.NewTokenActivationDelay < TimeSpan.Zero || options.NewTokenActivationDelay > TimeSpan.FromHours(1))
        {
            problems.Add($"NewTokenActivationDelay must be between 0 and 1 hour (got {options.NewTokenActivationDelay}).");
        }

        if (options.Billing is { } billing && (billing.ContractAmount < 0m || !Enum.IsDefined(billing.Edition)))
        {
            problems.Add("Billing:ContractAmount must not be negative and Billing:Edition must be 'Professional' or 'Enterprise'.");
        }

        if (options.EndpointsOverride is { } endpoints)
        {
            AbsoluteHttpUrl(problems, "EndpointsOverride.LegacyUrl", endpoints.LegacyUrl);
            AbsoluteHttpUrl(problems, "EndpointsOverride.OpenApiBaseUrl", endpoints.OpenApiBaseUrl);
            AbsoluteHttpUrl(problems, "EndpointsOverride.AuthorizeUrl", endpoints.AuthorizeUrl);
        }
    }
}
