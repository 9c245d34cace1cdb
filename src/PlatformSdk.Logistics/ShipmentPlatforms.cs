namespace PlatformSdk.Logistics;

/// <summary>
/// The names of the sales platforms a shipment is synced to, as the Logistics package spells them. Names compare without
/// regard to ASCII case; a few common aliases are accepted (<c>PDD</c>, <c>1688</c>, <c>Alibaba</c>, <c>TOP</c>).
/// </summary>
public static class ShipmentPlatforms
{
    /// <summary>Taobao (淘宝), through TOP.</summary>
    public const string Taobao = "Taobao";

    /// <summary>Tmall (天猫): Taobao's APIs and, for shipment errors, Taobao's catalogue plus its own rows.</summary>
    public const string Tmall = "Tmall";

    /// <summary>Pinduoduo (拼多多).</summary>
    public const string Pinduoduo = "Pinduoduo";

    /// <summary>Douyin shop (抖店).</summary>
    public const string Douyin = "Douyin";

    /// <summary>Alibaba 1688.</summary>
    public const string Alibaba1688 = "Alibaba1688";

    /// <summary>Tmall Global direct supply (天猫国际直营).</summary>
    public const string TmallGlobalDirect = "TmallGlobalDirect";

    /// <summary>JD (京东).</summary>
    public const string JD = "JD";

    /// <summary>Suning (苏宁).</summary>
    public const string Suning = "Suning";

    /// <summary>Youzan (有赞).</summary>
    public const string Youzan = "Youzan";

    /// <summary>Vipshop (唯品会).</summary>
    public const string Vipshop = "Vipshop";

    /// <summary>Aikucun (爱库存).</summary>
    public const string Aikucun = "Aikucun";

    /// <summary>Gegejia (格格家).</summary>
    public const string Gegejia = "Gegejia";

    /// <summary>A warehouse (WMS) connected over Qimen.</summary>
    public const string Wms = "Wms";

    /// <summary>
    /// Jushuitan (聚水潭), the ERP, as a carrier-code system: its <c>lc_id</c> codes are in the carrier registry like a platform's,
    /// but shipments are synced from it, not to it, so it is not in <see cref="All"/> and has no shipment-error rows.
    /// </summary>
    public const string Jushuitan = "Jushuitan";

    /// <summary>Every platform the catalogue knows, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Taobao, Tmall, Pinduoduo, Douyin, Alibaba1688, TmallGlobalDirect, JD, Suning, Youzan, Vipshop, Aikucun, Gegejia, Wms];

    /// <summary>The canonical name of <paramref name="name"/> (a known name in any case, or an alias), or <see langword="null"/> when unknown.</summary>
    /// <param name="name">A platform name.</param>
    /// <returns>The canonical name, or <see langword="null"/>.</returns>
    public static string? Canonical(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        foreach (var known in All)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return name.Trim().ToUpperInvariant() switch
        {
            "PDD" => Pinduoduo,
            "1688" or "ALIBABA" => Alibaba1688,
            "TOP" => Taobao,
            _ => null,
        };
    }
}
