namespace PlatformSdk.Jushuitan;

/// <summary>The Jushuitan environment the credentials belong to (rule RJST-01: test credentials work only against test, production only against production).</summary>
public enum JushuitanEnvironment
{
    /// <summary>The sandbox: legacy <c>c.jushuitan.com</c>, open API <c>dev-api.jushuitan.com</c>.</summary>
    Test = 0,

    /// <summary>Production: legacy <c>open.erp321.com</c>, open API <c>openapi.jushuitan.com</c>.</summary>
    Production = 1,
}

/// <summary>Which of Jushuitan's two API generations the client speaks.</summary>
public enum JushuitanProtocol
{
    /// <summary>The legacy <c>query.aspx</c> API: partnerid, partnerkey and token; system parameters in the query string.</summary>
    Legacy = 0,

    /// <summary>The open API (openapi.jushuitan.com, version 2): app_key, app_secret and an OAuth access token; form-encoded.</summary>
    OpenApi = 1,
}

/// <summary>
/// The URLs one environment uses. Users choose an environment by name (<see cref="JushuitanOptions.Environment"/>);
/// an explicit instance exists only for bundled fakes and forwarding proxies (<see cref="JushuitanOptions.EndpointsOverride"/>).
/// </summary>
/// <param name="LegacyUrl">The legacy <c>query.aspx</c> endpoint.</param>
/// <param name="OpenApiBaseUrl">The open API host; operation paths such as <c>/open/shops/query</c> are appended.</param>
/// <param name="AuthorizeUrl">The merchant authorization page of the open API.</param>
public sealed record JushuitanEndpoints(Uri LegacyUrl, Uri OpenApiBaseUrl, Uri AuthorizeUrl)
{
    /// <summary>The production endpoints.</summary>
    public static JushuitanEndpoints Production { get; } = new(
        new Uri("https://open.erp321.com/api/open/query.aspx"),
        new Uri("https://openapi.jushuitan.com"),
        new Uri("https://openweb.jushuitan.com/auth"));

    /// <summary>The sandbox endpoints.</summary>
    public static JushuitanEndpoints Test { get; } = new(
        new Uri("https://c.jushuitan.com/api/open/query.aspx"),
        new Uri("https://dev-api.jushuitan.com"),
        new Uri("https://openweb.jushuitan.com/auth"));

    /// <summary>The endpoints of a named environment.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>Its endpoints.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined environment.</exception>
    public static JushuitanEndpoints For(JushuitanEnvironment environment) => environment switch
    {
        JushuitanEnvironment.Production => Production,
        JushuitanEnvironment.Test => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "Use JushuitanEnvironment.Test or JushuitanEnvironment.Production."),
    };

    /// <summary>The absolute URL of an open API path.</summary>
    /// <param name="path">The path, for example <c>/open/shops/query</c>.</param>
    /// <returns>The URL.</returns>
    public Uri OpenApi(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Concatenate rather than resolve, so a proxy or fake mounted under a path prefix keeps it.
        return new Uri(OpenApiBaseUrl.AbsoluteUri.TrimEnd('/') + "/" + path.TrimStart('/'));
    }
}
