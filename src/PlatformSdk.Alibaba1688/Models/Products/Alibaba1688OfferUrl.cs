using System.Globalization;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688.Models.Products;

/// <summary>
/// Reads the offer id from a 1688 offer link (R1688-10): exactly <c>https://detail.1688.com/offer/{offerId}.html</c> with any
/// query string or fragment (<c>http</c> is accepted too). Anything else is rejected with the reason: another host (mobile
/// <c>m.1688.com</c>, the international Alibaba.com site, R1688-01), a non-numeric id, a missing <c>.html</c>, extra path segments.
/// </summary>
public static class Alibaba1688OfferUrl
{
    private const string Field = "offerUrl";

    /// <summary>Parses the offer id.</summary>
    /// <param name="url">The link.</param>
    /// <returns>The offer id, for example <c>549605719581</c>.</returns>
    /// <exception cref="PlatformValidationException">The link is not a 1688 offer link; the message says why.</exception>
    public static long Parse(string? url)
        => TryParse(url, out var offerId, out var problem)
            ? offerId
            : throw new PlatformValidationException(Alibaba1688ErrorCatalogue.Platform, Field, url, "R1688-10", problem!);

    /// <summary>Tries to parse the offer id.</summary>
    /// <param name="url">The link.</param>
    /// <param name="offerId">The offer id when parsed.</param>
    /// <param name="problem">Why the link was rejected, otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when parsed.</returns>
    public static bool TryParse(string? url, out long offerId, out string? problem)
    {
        offerId = 0;
        problem = Check(url?.Trim(), ref offerId);
        return problem is null;
    }

    private static string? Check(string? url, ref long offerId)
    {
        const string expected = " Expected https://detail.1688.com/offer/{offerId}.html, for example https://detail.1688.com/offer/549605719581.html?spm=a2615.";
        if (string.IsNullOrEmpty(url))
        {
            return "a link is required." + expected;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "it is not an absolute http(s) link." + expected;
        }

        var host = uri.Host.ToLowerInvariant();
        if (host.EndsWith("alibaba.com", StringComparison.Ordinal) || host.EndsWith("aliexpress.com", StringComparison.Ordinal))
        {
            return $"'{uri.Host}' is an international Alibaba site; only the domestic 1688 site is supported (R1688-01)." + expected;
        }

        if (host != "detail.1688.com")
        {
            return $"the host is '{uri.Host}', not detail.1688.com." + expected;
        }

        if (!uri.IsDefaultPort || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return "the link has a port or user information." + expected;
        }

        var path = uri.AbsolutePath;
        const string prefix = "/offer/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return "the path does not start with /offer/." + expected;
        }

        var rest = path[prefix.Length..];
        if (!rest.EndsWith(".html", StringComparison.Ordinal))
        {
            return "the offer id is not followed by .html." + expected;
        }

        var id = rest[..^".html".Length];
        if (id.Length == 0 || id.Length > 18 || !id.All(char.IsAsciiDigit))
        {
            return $"the offer id '{id}' is not a number." + expected;
        }

        offerId = long.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture);
        if (offerId == 0)
        {
            return "the offer id is zero." + expected;
        }

        return null;
    }
}
