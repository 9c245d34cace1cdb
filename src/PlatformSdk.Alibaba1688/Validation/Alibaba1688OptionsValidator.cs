using Microsoft.Extensions.Options;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Http;

namespace PlatformSdk.Alibaba1688.Validation;

/// <summary>
/// Rejects unusable 1688 settings at startup: missing or whitespace-padded credentials and tokens (a copy-paste slip 1688 reports as
/// gw.SignatureInvalid or 401), blank shop names, a relative redirect URI, a non-http(s) endpoint override and invalid resilience
/// settings. Messages name the setting, never its value.
/// </summary>
public sealed class Alibaba1688OptionsValidator : IValidateOptions<Alibaba1688Options>
{
    private readonly IOptionsMonitor<PlatformResilienceOptions>? _resilience;

    /// <summary>Creates the validator.</summary>
    /// <param name="resilience">The resilience options, whose problems are reported too; <see langword="null"/> to skip them.</param>
    public Alibaba1688OptionsValidator(IOptionsMonitor<PlatformResilienceOptions>? resilience = null) => _resilience = resilience;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, Alibaba1688Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options).ToList();
        if (_resilience is not null)
        {
            problems.AddRange(_resilience.Get(Alibaba1688ErrorCatalogue.Platform).Validate());
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => "Alibaba1688: " + p));
    }

    /// <summary>The problems with a set of options, one message each (no secrets).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems; empty when valid.</returns>
    public static IEnumerable<string> Problems(Alibaba1688Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var problem in Credential("AppKey", options.AppKey, required: true).Concat(Credential("AppSecret", options.AppSecret, required: true)))
        {
            yield return problem;
        }

        if (options.AppKey is { Length: > 0 } key && !key.All(char.IsAsciiLetterOrDigit))
        {
            yield return "AppKey must contain only letters and digits (it is part of every URL path).";
        }

        if (options.RedirectUri is { } redirect && (!redirect.IsAbsoluteUri || (redirect.Scheme != Uri.UriSchemeHttp && redirect.Scheme != Uri.UriSchemeHttps)))
        {
            yield return "RedirectUri must be an absolute http or https URL (the callback registered for the app).";
        }

        foreach (var (shop, settings) in options.Shops)
        {
            if (string.IsNullOrWhiteSpace(shop) || shop.Trim().Length != shop.Length)
            {
                yield return "Shops: a shop name is blank or has surrounding whitespace.";
                continue;
            }

            if (settings is null)
            {
                continue;
            }

            foreach (var problem in Credential($"Shops:{shop}:AccessToken", settings.AccessToken, false)
                .Concat(Credential($"Shops:{shop}:RefreshToken", settings.RefreshToken, false)))
            {
                yield return problem;
            }

            if (settings.Market is { } market && string.IsNullOrWhiteSpace(market))
            {
                yield return $"Shops:{shop}:Market is blank; remove it or name the bound market (R1688-04).";
            }
        }

        if (options.EndpointsOverride is { } endpoints)
        {
            foreach (var (setting, uri) in new[] { ("GatewayBaseUrl", endpoints.GatewayBaseUrl), ("AuthorizeUrl", endpoints.AuthorizeUrl) })
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
                yield return $"{setting} is required but missing.";
            }

            yield break;
        }

        if (value.Any(char.IsWhiteSpace))
        {
            yield return $"{setting} contains whitespace (leading, trailing or inside: spaces, tabs or line breaks); remove it. "
                + "1688 would reject the signature or the token.";
        }
    }
}
