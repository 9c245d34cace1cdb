using PlatformSdk.Jushuitan.Protocol;

namespace PlatformSdk.Jushuitan.Tests;

public class PagingTokenTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("page:1", 1)]
    [InlineData("page:42", 42)]
    public void A_page_token_names_the_page_to_start_at(string? token, int page)
        => Assert.Equal(page, JushuitanPaging.StartPage(token));

    [Theory]
    [InlineData("page:0")]
    [InlineData("page:-1")]
    [InlineData("42")]
    [InlineData("part:1;page:2")]
    public void Anything_else_is_not_a_page_token(string token)
        => Assert.Throws<FormatException>(() => JushuitanPaging.StartPage(token));

    [Fact]
    public void The_token_of_a_page_reads_back()
        => Assert.Equal(7, JushuitanPaging.StartPage(JushuitanPaging.PageToken(7)));
}
