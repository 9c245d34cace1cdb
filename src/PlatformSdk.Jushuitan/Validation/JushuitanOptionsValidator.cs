using Microsoft.Extensions.Options;
using PlatformSdk.Http;

namespace PlatformSdk.Jushuitan.Validation;

/// <summary>
/// Rejects unusable Jushuitan settings at startup (RJST-01): credentials missing for the chosen protocol, credentials
/// with surrounding whitespace (a copy-paste slip Jushuitan reports as "partnerid invalid"), undefined enum values and
/// invalid resilience settings. Messages name the setting, never its value.
/// </summary>
public sealed class JushuitanOptionsValidator : IValidateOptions<JushuitanOptions>
{
    private readonly IOptionsMonitor<PlatformResilienceOptions>? _resilience;

    /// <summary>Creates the validator.</summary>
    /// <param name="resilience">The resilience options, whose problems are reported too; <see langword="null"/> to skip them.</param>
    public JushuitanOptionsValidator(IOptionsMonitor<PlatformResilienceOptions>? resilience = null) => _resilience = resilience;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, JushuitanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options).ToList();
        if (_resilience is not null)
        {
            problems.AddRange(_resilience.Get(Errors.JushuitanErrorCatalogue.Platform).Validate());
        }

        if (problems.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var tenant = string.IsNullOrEmpty(name) ? JushuitanOptions.DefaultTenant : name;
        return ValidateOptionsResult.Fail(problems.Select(p => $"Jushuitan tenant '{tenant}': {p}"));
    }

    /// <summary>The problems with a set of options, one message each (no secrets).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems; empty when valid.</returns>
    public static IEnumerable<string> Problems(JushuitanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Environment))
        {
            yield return $"Environment must be 'Test' or 'Production' (got {(int)options.Environment}) (RJST-01).";
        }

        if (!Enum.IsDefined(options.Protocol))
        {
            yield return $"Protocol must be 'Legacy' or 'OpenApi' (got {(int)options.Protocol}).";
        }

        var legacy = options.Legacy ?? new JushuitanLegacyCredentials();
        var open = options.OpenApi ?? new JushuitanOpenApiCredentials();
        var required = options.Protocol == JushuitanProtocol.Legacy;
        foreach (var problem in Credential("Legacy:PartnerId", legacy.PartnerId, required)
            .Concat(Credential("Legacy:PartnerKey", legacy.PartnerKey, required))
            .Concat(Credential("Legacy:Token", legacy.Token, required))
            .Concat(Credential("OpenApi:AppKey", open.AppKey, !required))
            .Concat(Credential("OpenApi:AppSecret", open.AppSecret, !required))
            .Concat(Credential("OpenApi:AccessToken", open.AccessToken, false))
            .Concat(Credential("OpenApi:RefreshToken", open.RefreshToken, false)))
        {
            yield return problem;
        }

        if (options.NewTokenActivationDelay < TimeSpan.Zero || options.NewTokenActivationDelay > TimeSpan.FromHours(1))
        {
            yield return $"NewTokenActivationDelay must be between 0 and 1 hour (got {options.NewTokenActivationDelay}).";
        }

        if (options.Billing is { } billing && (billing.ContractAmount < 0m || !Enum.IsDefined(billing.Edition)))
        {
            yield return "Billing:ContractAmount must not be negative and Billing:Edition must be 'Professional' or 'Enterprise'.";
        }

        if (options.EndpointsOverride is { } endpoints)
        {
            foreach (var (setting, uri) in new[] { ("LegacyUrl", endpoints.LegacyUrl), ("OpenApiBaseUrl", endpoints.OpenApiBaseUrl), ("AuthorizeUrl", endpoints.AuthorizeUrl) })
            {
                if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    yield return $"EndpointsOverride.{setting} must be an absolute http or https URL.";
                }
            }
        }
    }

    private static IEnumerable<string> Credential(string setting, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                yield return $"{setting} is required for the chosen protocol but is missing.";
            }

            yield break;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            yield return $"{setting} is blank (only whitespace).";
        }
        else if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            yield return $"{setting} has surrounding whitespace (leading or trailing spaces, tabs or line breaks); remove it. "
                + "Jushuitan would reject it as an invalid partner or app (RJST-01).";
        }
    }
}
