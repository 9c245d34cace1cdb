namespace PlatformSdk.Testing.Jushuitan;

/// <summary>The ids of the data a <see cref="FakeJushuitanServer"/> is seeded with (see <see cref="FakeJushuitanOptions.Seed"/>).</summary>
public static class FakeJushuitanSeed
{
    /// <summary>The default company (<c>co_id</c>) of the credentials.</summary>
    public const int CompanyId = 10174711;

    /// <summary>Another company; <see cref="OtherCompanyShopId"/> belongs to it.</summary>
    public const int OtherCompanyId = 10200002;

    /// <summary>An own-mall (自有商城) shop of <see cref="CompanyId"/>: uploads are accepted.</summary>
    public const long OwnMallShopId = 10010001;

    /// <summary>A second own-mall shop of <see cref="CompanyId"/>, for RJST-09 (same so_id in two shops).</summary>
    public const long SecondOwnMallShopId = 10010002;

    /// <summary>A Taobao/Tmall shop of <see cref="CompanyId"/>: uploads fail with RJST-06.</summary>
    public const long TaobaoShopId = 10010003;

    /// <summary>An own-mall shop of <see cref="OtherCompanyId"/>: uploads fail with RJST-07.</summary>
    public const long OtherCompanyShopId = 10020001;

    /// <summary>The main warehouse's <c>wms_co_id</c>.</summary>
    public const int MainWarehouseId = 10174711;

    /// <summary>The logistics-company codes seeded, in <c>lc_id</c> order of insertion.</summary>
    public static IReadOnlyList<string> LogisticsCompanyIds { get; } = ["SF", "ZTO", "YTO", "YUNDA", "STO", "EMS", "JD"];
}
