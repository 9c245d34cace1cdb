using System.Reflection;

namespace PlatformSdk.Conventions.Tests;

/// <summary>The assemblies the repository ships as packages (every project under src/); a new package is added here.</summary>
internal static class PackageAssemblies
{
    public static IReadOnlyList<Assembly> All { get; } =
    [
        typeof(PlatformSdk.Errors.PlatformException).Assembly,
        typeof(PlatformSdk.Alibaba1688.Alibaba1688Client).Assembly,
        typeof(PlatformSdk.Jushuitan.JushuitanClient).Assembly,
        typeof(PlatformSdk.Top.TopClient).Assembly,
        typeof(PlatformSdk.TaobaoVoucher.TaobaoVoucherClient).Assembly,
        typeof(PlatformSdk.Testing.FakePlatformServer).Assembly,
        typeof(PlatformSdk.Inbox.Sqlite.SqlitePushInbox).Assembly,
        typeof(PlatformSdk.TmallGlobalDirect.TmallGlobalDirectOptions).Assembly,
        typeof(Microsoft.AspNetCore.Builder.TmallGlobalDirectEndpointRouteBuilderExtensions).Assembly,
        typeof(PlatformSdk.Logistics.ShipmentPlatforms).Assembly,
        typeof(PlatformSdk.Redis.RedisPlatformRateLimiter).Assembly,
        typeof(PlatformSdk.HealthChecks.PlatformSdkHealthChecks).Assembly,
    ];
}
