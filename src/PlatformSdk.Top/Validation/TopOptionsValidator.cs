using PlatformSdk.Configuration;
using Microsoft.Extensions.Options;
using PlatformSdk.Http;
using PlatformSdk.Top.Errors;

namespace PlatformSdk.Top.Validation;

/// <summary>
/// Rejects unusable TOP settings at startup: missing app key or secret, credentials or session keys containing whitespace
/// (a copy-paste slip TOP reports as an invalid app key, signature or session), undefined enum values, a bad endpoint
/// override and invalid resilience settings. Messages name the setting, never its value.
/// </summary>
internal sealed class TopOptionsValidator : PlatformOptionsValidator<TopOptions>
{
    /// <summary>Creates the validator.</summary>
    /// <param name="resilience">The resilience options, whose problems are reported too; <see langword="null"/> to skip them.</param>
    public TopOptionsValidator(IOptionsMonitor<PlatformResilienceOptions>? resilience = null)
        : base(TopErrorCatalogue.Platform, resilience)
    {
    }

    /// <inheritdoc />
    protected override string DefaultTenantLabel => "app";

    /// <summary>The problems with a set of options, one message each (no secrets).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems; empty when valid.</returns>
    public static IReadOnlyList<string> ProblemsOf(TopOptions options) => new TopOptionsValidator().Problems(options);

    /// <inheritdoc />
    protected override void Check(TopOptions options, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        Credential(problems, "AppKey", options.AppKey, required: true);
        Credential(problems, "AppSecret", options.AppSecret, required: true);
        Credential(problems, "PartnerId", options.PartnerId, required: false);
        Credential(problems, "TargetAppKey", options.TargetAppKey, required: false);
        DefinedEnum(problems, "Environment", options.Environment);
        DefinedEnum(problems, "SignMethod", options.SignMethod);
        foreach (var (seller, settings) in options.Sellers ?? [])
        {
            if (string.IsNullOrWhiteSpace(seller) || seller.Trim().Length != seller.Length)
            {
                problems.Add("Sellers: a seller name is blank or has surrounding whitespace.");
            }

            Credential(problems, $"Sellers:{seller}:Session", settings?.Session, required: true);
        }

        if (options.EndpointsOverride is { } endpoints)
        {
            AbsoluteHttpUrl(problems, "EndpointsOverride.Rest", endpoints.Rest);
            AbsoluteHttpUrl(problems, "EndpointsOverride.Qimen", endpoints.Qimen);
        }
    }
}
