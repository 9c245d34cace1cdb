using PlatformSdk.Configuration;
using Microsoft.Extensions.Options;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Errors;
using PlatformSdk.Http;

namespace PlatformSdk.Alibaba1688.Validation;

/// <summary>
/// Rejects unusable 1688 settings at startup: missing or whitespace-padded credentials and tokens (a copy-paste slip 1688 reports as
/// gw.SignatureInvalid or 401), blank shop names, a missing, relative or fragment-carrying redirect URI, a non-http(s) endpoint
/// override and invalid resilience settings. Messages name the setting, never its value.
/// </summary>
/// <remarks>
/// <see cref="Alibaba1688Options.RedirectUri"/> is required always, not only when a shop is authorized at run time: shops configured
/// with tokens still go through the authorization-code flow again when their refresh token expires (about half a year, doc §4), and
/// a missing callback found then, months after start, would leave the shop without a way back.
/// </remarks>
internal sealed class Alibaba1688OptionsValidator : PlatformOptionsValidator<Alibaba1688Options>
{
    /// <summary>Creates the validator.</summary>
    /// <param name="resilience">The resilience options, whose problems are reported too; <see langword="null"/> to skip them.</param>
    public Alibaba1688OptionsValidator(IOptionsMonitor<PlatformResilienceOptions>? resilience = null)
        : base(Alibaba1688ErrorCatalogue.Platform, resilience)
    {
    }

    /// <summary>The problems with a set of options, one message each (no secrets).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems; empty when valid.</returns>
    public static IReadOnlyList<string> ProblemsOf(Alibaba1688Options options) => new Alibaba1688OptionsValidator().Problems(options);

    private const string RedirectUriMissing = "RedirectUri is required but is missing: shops are authorized through 1688's OAuth code flow "
        + "(Auth.BuildAuthorizationUrl, then Auth.ExchangeCodeAsync), also again when a refresh token expires. Set it to the callback URL "
        + "registered for the app on open.1688.com, for example https://erp.example.com/1688/callback.";

    /// <summary>
    /// The redirect URI for the authorization URL and the code exchange, for the late path of options that skipped start-up validation:
    /// a <see cref="PlatformException"/> (Configuration, nothing sent) with the remedy instead of an <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <param name="options">The options in effect.</param>
    /// <returns>The absolute redirect URI.</returns>
    /// <exception cref="PlatformException">RedirectUri is missing or not an absolute http(s) URL.</exception>
    public static string RedirectUriOf(Alibaba1688Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RedirectUri is { IsAbsoluteUri: true } redirect && (redirect.Scheme == Uri.UriSchemeHttp || redirect.Scheme == Uri.UriSchemeHttps))
        {
            return redirect.AbsoluteUri;
        }

        throw new PlatformException(new PlatformError(Alibaba1688ErrorCatalogue.Platform, "redirect-uri-not-configured",
            options.RedirectUri is null ? "Alibaba1688 RedirectUri is not configured; nothing was sent." : "Alibaba1688 RedirectUri is not an absolute http(s) URL; nothing was sent.",
            ErrorCategory.Configuration, RedirectUriMissing)
        {
            Delivery = RequestDelivery.NotSent,
        });
    }

    /// <inheritdoc />
    protected override void Check(Alibaba1688Options options, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        Credential(problems, "AppKey", options.AppKey, required: true);
        Credential(problems, "AppSecret", options.AppSecret, required: true);
        if (options.AppKey is { Length: > 0 } key && !key.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add("AppKey must contain only letters and digits (it is part of every URL path).");
        }

        if (options.RedirectUri is not { } redirect)
        {
            problems.Add(RedirectUriMissing);
        }
        else if (!redirect.IsAbsoluteUri || (redirect.Scheme != Uri.UriSchemeHttp && redirect.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("RedirectUri must be an absolute http or https URL (the callback registered for the app).");
        }
        else if (redirect.Fragment.Length > 0)
        {
            problems.Add("RedirectUri must not contain a fragment (#…): OAuth callbacks cannot carry one; use the callback URL registered for the app.");
        }

        foreach (var (shop, settings) in options.Shops)
        {
            if (string.IsNullOrWhiteSpace(shop) || shop.Trim().Length != shop.Length)
            {
                problems.Add("Shops: a shop name is blank or has surrounding whitespace.");
                continue;
            }

            if (settings is null)
            {
                continue;
            }

            Credential(problems, $"Shops:{shop}:AccessToken", settings.AccessToken, false);
            Credential(problems, $"Shops:{shop}:RefreshToken", settings.RefreshToken, false);
            if (settings.Market is { } market && string.IsNullOrWhiteSpace(market))
            {
                problems.Add($"Shops:{shop}:Market is blank; remove it or name the bound market (R1688-04).");
            }
        }

        if (options.EndpointsOverride is { } endpoints)
        {
            AbsoluteHttpUrl(problems, "EndpointsOverride.GatewayBaseUrl", endpoints.GatewayBaseUrl);
            AbsoluteHttpUrl(problems, "EndpointsOverride.AuthorizeUrl", endpoints.AuthorizeUrl);
        }
    }
}
