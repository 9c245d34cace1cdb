using System.Collections.Frozen;

namespace PlatformSdk.Jushuitan;

/// <summary>Facts about the sales platforms Jushuitan shops belong to.</summary>
public static class JushuitanPlatforms
{
    /// <summary>
    /// The Taobao-family platforms whose orders need the Qimen (奇门) protocol (RJST-21). Jushuitan's query-by-time
    /// does not return their orders (RJST-16), and the SDK does not implement Qimen signing.
    /// </summary>
    public static IReadOnlyCollection<string> QimenPlatformNames { get; } =
    [
        "淘宝天猫", "天猫供销", "考拉pop", "考拉供应商直发", "阿里巴巴", "淘工厂", "天猫超市",
        "天猫国际直营", "阿里健康直营", "淘宝定制", "速卖通", "阿里巴巴国际站", "lazada",
    ];

    private static readonly FrozenSet<string> QimenSet = QimenPlatformNames.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="platformName"/> is one of the 13 Taobao-family platforms (RJST-21). Surrounding whitespace is ignored.</summary>
    /// <param name="platformName">The platform (shop site) name as Jushuitan shows it.</param>
    /// <returns><see langword="true"/> when orders of that platform need Qimen.</returns>
    public static bool RequiresQimen(string? platformName)
        => !string.IsNullOrWhiteSpace(platformName) && QimenSet.Contains(platformName.Trim());
}
