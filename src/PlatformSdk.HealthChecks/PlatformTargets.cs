using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlatformSdk.Alibaba1688;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.HealthChecks.Tokens;
using PlatformSdk.Jushuitan;
using PlatformSdk.Jushuitan.Errors;
using PlatformSdk.Tokens;
using PlatformSdk.Top;
using PlatformSdk.Top.Errors;
using PlatformSdk.Top.Sessions;

namespace PlatformSdk.HealthChecks;

/// <summary>
/// Where each platform package keeps a tenant's token and gateway, read through its public options and token keys only: the same
/// keys the packages' transports use (<c>Jushuitan:{tenant}</c>, <c>Alibaba1688:{shop}</c>, <c>Top:{seller}</c>).
/// </summary>
internal static class PlatformTargets
{
    public const string Jushuitan = JushuitanErrorCatalogue.Platform;
    public const string Alibaba1688 = Alibaba1688ErrorCatalogue.Platform;
    public const string Top = TopErrorCatalogue.Platform;

    public static bool HasJushuitan(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(IJushuitanClientFactory));

    public static bool HasAlibaba1688(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(Alibaba1688Client));

    public static bool HasTop(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(TopSessionProvider));

    /// <summary>The Jushuitan tenants registered: each <c>AddJushuitan(name, …)</c> configures the options of that name.</summary>
    public static IEnumerable<string> JushuitanTenants(IServiceCollection services)
        => services.Select(d => d.ImplementationInstance)
            .Select(i => i is ConfigureNamedOptions<JushuitanOptions> c ? c.Name : i is IOptionsChangeTokenSource<JushuitanOptions> s ? s.Name : null)
            .Where(n => n is not null)
            .Select(n => JushuitanLabel(n!))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> Alibaba1688Shops(IServiceProvider services)
        => services.GetRequiredService<IOptionsMonitor<Alibaba1688Options>>().Get(Options.DefaultName).Shops.Keys.Order(StringComparer.Ordinal);

    public static IEnumerable<string> TopSellers(IServiceProvider services)
        => services.GetRequiredService<IOptionsMonitor<TopOptions>>().Get(Options.DefaultName).Sellers.Keys.Order(StringComparer.Ordinal);

    public static TokenTarget JushuitanToken(string tenant) => new(Jushuitan, tenant, new TokenKey(Jushuitan, tenant), sp =>
    {
        var options = JushuitanOptionsOf(sp, tenant);
        if (options.Protocol == JushuitanProtocol.Legacy)
        {
            return string.IsNullOrEmpty(options.Legacy.Token)
                ? null
                : new TokenSnapshot(options.Legacy.TokenExpiresAt, HasAccessToken: true, HasRefreshToken: false, null, TokenSnapshot.FromConfiguration);
        }

        return string.IsNullOrEmpty(options.OpenApi.AccessToken)
            ? null
            : new TokenSnapshot(options.OpenApi.AccessTokenExpiresAt, HasAccessToken: true, !string.IsNullOrEmpty(options.OpenApi.RefreshToken), null,
                TokenSnapshot.FromConfiguration);
    }, $"Re-authorize Jushuitan tenant '{tenant}': run the authorization flow (JushuitanClient.Auth.ExchangeCodeAsync, or GetInitTokenAsync for a self-built app), which stores the new token, or configure OpenApi:AccessToken and OpenApi:RefreshToken (Legacy:Token for the legacy API) again.");

    public static EndpointTarget JushuitanEndpoint(string tenant) => new(Jushuitan, tenant, sp =>
    {
        var options = JushuitanOptionsOf(sp, tenant);
        var endpoints = options.ResolveEndpoints();
        return options.Protocol == JushuitanProtocol.Legacy ? endpoints.LegacyUrl : endpoints.OpenApiBaseUrl;
    });

    public static TokenTarget Alibaba1688Token(string shop) => new(Alibaba1688, shop, new TokenKey(Alibaba1688, shop), sp =>
    {
        var options = sp.GetRequiredService<IOptionsMonitor<Alibaba1688Options>>().Get(Options.DefaultName);
        if (!options.Shops.TryGetValue(shop, out var settings) || settings is null
            || (string.IsNullOrEmpty(settings.AccessToken) && string.IsNullOrEmpty(settings.RefreshToken)))
        {
            return null;
        }

        var hasAccess = !string.IsNullOrEmpty(settings.AccessToken);
        return new TokenSnapshot(hasAccess ? settings.AccessTokenExpiresAt : null, hasAccess, !string.IsNullOrEmpty(settings.RefreshToken),
            settings.RefreshTokenExpiresAt, TokenSnapshot.FromConfiguration);
    }, $"Have shop '{shop}' authorize the app again with its main account (the authorization URL of Alibaba1688AuthClient, then ExchangeCodeAsync stores the token), or configure Shops:{shop}:RefreshToken again (R1688-02/03).");

    public static EndpointTarget Alibaba1688Endpoint() => new(Alibaba1688, null,
        sp => sp.GetRequiredService<IOptionsMonitor<Alibaba1688Options>>().Get(Options.DefaultName).ResolveEndpoints().GatewayBaseUrl);

    public static TokenTarget TopSession(string seller) => new(Top, seller, TopSessionProvider.KeyFor(seller), sp =>
    {
        var options = sp.GetRequiredService<IOptionsMonitor<TopOptions>>().Get(Options.DefaultName);
        return options.Sellers.TryGetValue(seller, out var settings) && !string.IsNullOrEmpty(settings?.Session)
            ? new TokenSnapshot(settings.SessionExpiresAt, HasAccessToken: true, HasRefreshToken: false, null, TokenSnapshot.FromConfiguration)
            : null;
    }, $"TOP sessions cannot be refreshed: have seller '{seller}' authorize the app again and update Sellers:{seller}:Session, or store the new session with TopSessionProvider.StoreSessionAsync.");

    public static EndpointTarget TopEndpoint() => new(Top, null,
        sp => sp.GetRequiredService<IOptionsMonitor<TopOptions>>().Get(Options.DefaultName).ResolveEndpoints().Rest);

    private static string JushuitanLabel(string optionsName) => string.IsNullOrEmpty(optionsName) ? JushuitanOptions.DefaultTenant : optionsName;

    private static JushuitanOptions JushuitanOptionsOf(IServiceProvider services, string tenant)
        => services.GetRequiredService<IOptionsMonitor<JushuitanOptions>>().Get(tenant == JushuitanOptions.DefaultTenant ? Options.DefaultName : tenant);
}
