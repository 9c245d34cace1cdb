using Microsoft.Extensions.Options;
using PlatformSdk.Http;
using PlatformSdk.Top.Errors;

namespace PlatformSdk.Top.Validation;

/// <summary>
/// Rejects unusable TOP settings at startup: missing app key or secret, credentials or session keys containing whitespace
/// (a copy-paste slip TOP reports as an invalid app key, signature or session), undefined enum values, a bad endpoint
/// override and invalid resilience settings. Messages name the setting, never its value.
/// </summary>
public sealed class TopOptionsValidator : IValidateOptions<TopOptions>
{
    private readonly IOptionsMonitor<PlatformResilienceOptions>? _resilience;

    /// <summary>Creates the validator.</summary>
    /// <param name="resilience">The resilience options, whose problems are reported too; <see langword="null"/> to skip them.</param>
    public TopOptionsValidator(IOptionsMonitor<PlatformResilienceOptions>? resilience = null) => _resilience = resilience;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TopOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options).ToList();
        if (_resilience is not null)
        {
            problems.AddRange(_resilience.Get(TopErrorCatalogue.Platform).Validate());
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => "TOP: " + p));
    }

    /// <summary>The problems with a set of options, one message each (no secrets).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems; empty when valid.</returns>
    public static IEnumerable<string> Problems(TopOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var problem in Credential("AppKey", options.AppKey, required: true)
            .Concat(Credential("AppSecret", options.AppSecret, required: true))
            .Concat(Credential("PartnerId", options.PartnerId, required: false))
            .Concat(Credential("TargetAppKey", options.TargetAppKey, required: false)))
        {
            yield return problem;
        }

        if (!Enum.IsDefined(options.Environment))
        {
            yield return $"Environment must be 'Production' or 'Sandbox' (got {(int)options.Environment}).";
        }

        if (!Enum.IsDefined(options.SignMethod))
        {
            yield return $"SignMethod must be 'Md5', 'Hmac' or 'HmacSha256' (got {(int)options.SignMethod}).";
        }

        foreach (var (seller, settings) in options.Sellers ?? [])
        {
            if (string.IsNullOrWhiteSpace(seller) || seller.Trim().Length != seller.Length)
            {
                yield return "Sellers: a seller name is blank or has surrounding whitespace.";
            }

            foreach (var problem in Credential($"Sellers:{seller}:Session", settings?.Session, required: true))
            {
                yield return problem;
            }
        }

        if (options.EndpointsOverride is { } endpoints)
        {
            foreach (var (setting, uri) in new[] { ("Rest", endpoints.Rest), ("Qimen", endpoints.Qimen) })
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
                yield return $"{setting} is required but is missing.";
            }

            yield break;
        }

        if (value.Any(char.IsWhiteSpace))
        {
            yield return $"{setting} contains whitespace (spaces, tabs or line breaks); remove it. TOP keys, secrets and session keys never contain any.";
        }
    }
}
