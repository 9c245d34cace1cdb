using PlatformSdk.Alibaba1688.Models.Products;
using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688.Tests;

public class OfferUrlTests
{
    [Theory]
    [Rule("R1688-10")]
    [InlineData("https://detail.1688.com/offer/549605719581.html", 549605719581L)]
    [InlineData("https://detail.1688.com/offer/549605719581.html?spm=a2615.7691456.autotrace-offerGeneral.1", 549605719581L)]
    [InlineData("https://detail.1688.com/offer/549605719581.html?spm=a&sk=consign&__x=1#detail", 549605719581L)]
    [InlineData("  https://DETAIL.1688.com/offer/1.html  ", 1L)]
    [InlineData("http://detail.1688.com/offer/549605719581.html", 549605719581L)]
    public void R168810_accepts_offer_links_with_any_query(string url, long expected)
        => Assert.Equal(expected, Alibaba1688OfferUrl.Parse(url));

    [Theory]
    [Rule("R1688-10")]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("549605719581", "absolute")]
    [InlineData("ftp://detail.1688.com/offer/549605719581.html", "absolute")]
    [InlineData("https://m.1688.com/offer/549605719581.html", "not detail.1688.com")]
    [InlineData("https://detail.1688.com.evil.cn/offer/549605719581.html", "not detail.1688.com")]
    [InlineData("https://www.alibaba.com/product-detail/Shirt_1600123456789.html", "international")]
    [InlineData("https://detail.alibaba.com/offer/549605719581.html", "international")]
    [InlineData("https://detail.1688.com/offer/54960571958a.html", "not a number")]
    [InlineData("https://detail.1688.com/offer/-5.html", "not a number")]
    [InlineData("https://detail.1688.com/offer/.html", "not a number")]
    [InlineData("https://detail.1688.com/offer/549605719581", "not followed by .html")]
    [InlineData("https://detail.1688.com/offer/549605719581.htm", "not followed by .html")]
    [InlineData("https://detail.1688.com/offer/549605719581.html/x", "not followed by .html")]
    [InlineData("https://detail.1688.com/product/549605719581.html", "/offer/")]
    [InlineData("https://detail.1688.com:8443/offer/549605719581.html", "port")]
    [InlineData("https://detail.1688.com/offer/0.html", "zero")]
    [InlineData("https://detail.1688.com/offer/1234567890123456789012.html", "not a number")]
    public void R168810_rejects_anything_else_with_the_reason(string? url, string reason)
    {
        var ex = Assert.Throws<PlatformValidationException>(() => Alibaba1688OfferUrl.Parse(url));

        Assert.Equal("R1688-10", ex.RuleId);
        Assert.Equal("offerUrl", ex.Field);
        Assert.Contains(reason, ex.Problem, StringComparison.Ordinal);
        Assert.False(Alibaba1688OfferUrl.TryParse(url, out _, out var problem));
        Assert.Equal(ex.Problem, problem);
    }
}
