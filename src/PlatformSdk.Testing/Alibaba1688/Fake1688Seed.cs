namespace PlatformSdk.Testing.Alibaba1688;

/// <summary>The ids of the data a <see cref="Fake1688Server"/> is seeded with (see <see cref="Fake1688Options.Seed"/>).</summary>
public static class Fake1688Seed
{
    /// <summary>The main shop: subscribed, market <c>其他</c> bound; owns every seeded offer and order.</summary>
    public const string MainShopMemberId = "b2b-2208857268871e4d5b";

    /// <summary>The main shop's login id (shop name).</summary>
    public const string MainShopLoginId = "e经经测试店";

    /// <summary>A second subscribed shop without a bound market (R1688-04).</summary>
    public const string NoMarketShopMemberId = "b2b-2201111111111aa001";

    /// <summary>The no-market shop's login id.</summary>
    public const string NoMarketShopLoginId = "无市场测试店";

    /// <summary>A shop whose main account has not subscribed to the app (R1688-02).</summary>
    public const string UnsubscribedShopMemberId = "b2b-2202222222222bb002";

    /// <summary>The unsubscribed shop's login id.</summary>
    public const string UnsubscribedShopLoginId = "未订购测试店";

    /// <summary>A published offer without SKUs; <c>productCargoNumber</c> <c>HX-1001</c>, 25.00 yuan.</summary>
    public const long SimpleOfferId = 549605719581;

    /// <summary>A published offer with three SKUs (cargo numbers <c>TS-RED-M</c>, <c>TS-RED-L</c>, <c>TS-BLUE-M</c>); product cargo number <c>TS-100</c>.</summary>
    public const long SkuOfferId = 549605719582;

    /// <summary>The total number of seeded offers of the main shop (for paging tests): the two above plus simple offers.</summary>
    public const int MainShopOfferCount = 45;

    /// <summary>A paid order (status <c>waitsellersend</c>) with two lines, not created as a pre-order.</summary>
    public const long PaidOrderId = 3712001234567890001;

    /// <summary>An order already shipped (status <c>waitbuyerreceive</c>), for RLOG-13.</summary>
    public const long ShippedOrderId = 3712001234567890002;

    /// <summary>The carrier codes (<c>companyNo</c>) seeded, in list order.</summary>
    public static IReadOnlyList<string> CarrierCodes { get; } = ["SF", "ZTO", "YTO", "YUNDA", "STO", "EMS", "JD"];
}
