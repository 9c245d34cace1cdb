namespace PlatformSdk.Jushuitan.Tests;

public class PlatformsTests
{
    [Theory]
    [Rule("RJST-21")]
    [InlineData("淘宝天猫")]
    [InlineData("天猫供销")]
    [InlineData("考拉pop")]
    [InlineData("考拉供应商直发")]
    [InlineData("阿里巴巴")]
    [InlineData("淘工厂")]
    [InlineData("天猫超市")]
    [InlineData("天猫国际直营")]
    [InlineData("阿里健康直营")]
    [InlineData("淘宝定制")]
    [InlineData("速卖通")]
    [InlineData("阿里巴巴国际站")]
    [InlineData("lazada")]
    public void RJST21_taobao_family_platforms_require_qimen(string name)
    {
        Assert.True(JushuitanPlatforms.RequiresQimen(name));
        Assert.True(JushuitanPlatforms.RequiresQimen("  " + name + "\t"));
    }

    [Fact]
    [Rule("RJST-21")]
    public void RJST21_list_has_exactly_the_13_domain_names()
        => Assert.Equal(13, JushuitanPlatforms.QimenPlatformNames.Distinct().Count());

    [Theory]
    [Rule("RJST-21")]
    [InlineData("京东")]
    [InlineData("拼多多")]
    [InlineData("抖音")]
    [InlineData("自有商城")]
    [InlineData("淘宝")] // prefix of 淘宝天猫 but not a listed name
    [InlineData("阿里巴巴国际")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void RJST21_other_platforms_do_not_require_qimen(string? name)
        => Assert.False(JushuitanPlatforms.RequiresQimen(name));

    [Fact]
    [Rule("RJST-16")]
    public void RJST16_shop_model_exposes_the_predicate()
    {
        Assert.True(new Models.Shops.JushuitanShop { ShopSite = "天猫超市" }.RequiresQimen);
        Assert.False(new Models.Shops.JushuitanShop { ShopSite = "自有商城" }.RequiresQimen);
        Assert.False(new Models.Shops.JushuitanShop().RequiresQimen);
    }
}
