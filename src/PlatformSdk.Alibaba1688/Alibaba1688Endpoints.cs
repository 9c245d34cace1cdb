namespace PlatformSdk.Alibaba1688;

/// <summary>
/// The URLs the client uses. Only the domestic 1688 site exists here (R1688-01: no Alibaba.com international endpoints);
/// an explicit instance exists only for bundled fakes and forwarding proxies (<see cref="Alibaba1688Options.EndpointsOverride"/>).
/// </summary>
/// <param name="GatewayBaseUrl">The API gateway up to and including <c>/openapi</c>; <c>{protocol}/{version}/{namespace}/{api}/{appKey}</c> is appended.</param>
/// <param name="AuthorizeUrl">The shop authorization page (<c>client_id</c>, <c>site</c>, <c>redirect_uri</c>, <c>state</c> are appended).</param>
public sealed record Alibaba1688Endpoints(Uri GatewayBaseUrl, Uri AuthorizeUrl)
{
    /// <summary>The production endpoints: <c>https://gw.open.1688.com/openapi</c> and <c>https://auth.1688.com/oauth/authorize</c> (doc §1, §4).</summary>
    public static Alibaba1688Endpoints Production { get; } = new(
        new Uri("https://gw.open.1688.com/openapi"),
        new Uri("https://auth.1688.com/oauth/authorize"));

    /// <summary>The URL path that is signed: <c>{protocol}/{version}/{namespace}/{apiName}/{appKey}</c>, no leading slash (doc §3).</summary>
    /// <param name="protocol">The protocol segment, <c>param2</c> or <c>http</c>.</param>
    /// <param name="version">The API version.</param>
    /// <param name="apiNamespace">The API namespace, for example <c>com.alibaba.product</c>.</param>
    /// <param name="apiName">The API name, for example <c>alibaba.product.get</c>.</param>
    /// <param name="appKey">The app key.</param>
    /// <returns>The url path.</returns>
    public static string UrlPath(string protocol, int version, string apiNamespace, string apiName, string appKey)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{protocol}/{version}/{apiNamespace}/{apiName}/{appKey}");

    /// <summary>The absolute URL of a url path on <see cref="GatewayBaseUrl"/>.</summary>
    /// <param name="urlPath">The path from <see cref="UrlPath"/>.</param>
    /// <returns>The URL.</returns>
    public Uri Gateway(string urlPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(urlPath);
        // Concatenate rather than resolve, so a proxy or fake mounted under a path prefix keeps it.
        return new Uri(GatewayBaseUrl.AbsoluteUri.TrimEnd('/') + "/" + urlPath.TrimStart('/'));
    }
}
