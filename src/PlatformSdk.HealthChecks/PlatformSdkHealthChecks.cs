namespace PlatformSdk.HealthChecks;

/// <summary>The names and tags the PlatformSdk health checks are registered with.</summary>
public static class PlatformSdkHealthChecks
{
    /// <summary>The tag every PlatformSdk check carries.</summary>
    public const string Tag = "platformsdk";

    /// <summary>The tag of the token and session checks.</summary>
    public const string TokenTag = "token";

    /// <summary>The tag of the reachability checks.</summary>
    public const string ReachabilityTag = "reachability";

    /// <summary>The registration name of a tenant's token check: <c>platformsdk:{platform}:token:{tenant}</c>.</summary>
    /// <param name="platform">The platform, for example <c>Jushuitan</c>.</param>
    /// <param name="tenant">The tenant: a Jushuitan registration name (<c>default</c> for the default one), a 1688 shop, a TOP seller.</param>
    /// <returns>The name.</returns>
    public static string TokenCheckName(string platform, string tenant)
    {
        ArgumentException.ThrowIfNullOrEmpty(platform);
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        return $"{Tag}:{platform}:{TokenTag}:{tenant}";
    }

    /// <summary>
    /// The registration name of a reachability check: <c>platformsdk:{platform}:reachability:{tenant}</c>, or without the tenant for
    /// platforms with one gateway per application (Alibaba 1688, TOP).
    /// </summary>
    /// <param name="platform">The platform.</param>
    /// <param name="tenant">The tenant (Jushuitan), or <see langword="null"/>.</param>
    /// <returns>The name.</returns>
    public static string ReachabilityCheckName(string platform, string? tenant = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(platform);
        return string.IsNullOrEmpty(tenant) ? $"{Tag}:{platform}:{ReachabilityTag}" : $"{Tag}:{platform}:{ReachabilityTag}:{tenant}";
    }
}
