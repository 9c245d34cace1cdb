using System.Text;
using PlatformSdk.Alibaba1688.Models.Auth;
using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688.Tests;

public class TokenGrantTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static Alibaba1688TokenGrant Parse(string json) => Alibaba1688TokenGrant.Parse(Encoding.UTF8.GetBytes(json), Now);

    [Fact]
    public void Official_sample_with_string_expires_in_and_resourceOwner()
    {
        var grant = Parse("{\"aliId\":\"8888888888\",\"resourceOwner\":\"xxx\",\"expires_in\":\"36000\",\"access_token\":\"at\",\"refresh_token\":\"rt\",\"refresh_token_timeout\":\"20121222222222+0800\"}");

        Assert.Equal("at", grant.AccessToken);
        Assert.Equal("rt", grant.RefreshToken);
        Assert.Equal(Now.AddHours(10), grant.AccessTokenExpiresAt);
        Assert.Equal("xxx", grant.ResourceOwner);
        Assert.Equal("8888888888", grant.AliId);
        Assert.Equal(new DateTimeOffset(2012, 12, 22, 22, 22, 22, TimeSpan.FromHours(8)), grant.RefreshTokenExpiresAt);
    }

    [Fact]
    public void Numeric_expires_in_resource_owner_member_id_and_millisecond_timeout()
    {
        var grant = Parse("{\"access_token\":\"at\",\"expires_in\":3600,\"resource_owner\":\"shopA\",\"member_id\":\"b2b-1\",\"refresh_token_timeout\":\"20261014200339000+0800\"}");

        Assert.Equal(Now.AddHours(1), grant.AccessTokenExpiresAt);
        Assert.Equal("shopA", grant.ResourceOwner);
        Assert.Equal("b2b-1", grant.MemberId);
        Assert.Equal(new DateTimeOffset(2026, 10, 14, 20, 3, 39, TimeSpan.FromHours(8)), grant.RefreshTokenExpiresAt);
        Assert.Null(grant.RefreshToken);
    }

    [Fact]
    public void MemberId_camel_case_and_missing_expires_in_assumes_10_hours()
    {
        var grant = Parse("{\"access_token\":\"at\",\"memberId\":\"b2b-2\"}");

        Assert.Equal("b2b-2", grant.MemberId);
        Assert.Equal(Now.AddHours(10), grant.AccessTokenExpiresAt);
    }

    [Theory]
    [InlineData("{\"refresh_token\":\"rt\"}")]
    [InlineData("not json")]
    [InlineData("[]")]
    public void Replies_without_an_access_token_are_malformed(string json)
        => Assert.Equal("malformed-token-response", Assert.Throws<PlatformException>(() => Parse(json)).ErrorCode);

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("\"9223372036854775807\"")]
    [InlineData("3155760000000")]
    public void The_public_parser_turns_an_expires_in_beyond_any_lifetime_into_a_platform_error_not_an_overflow(string expiresIn)
        => Assert.Equal("malformed-token-response",
            Assert.Throws<PlatformException>(() => Parse("{\"access_token\":\"at\",\"expires_in\":" + expiresIn + "}")).ErrorCode);

    [Theory]
    [InlineData("00010101000000+1400")]
    [InlineData("99991231235959-1200")]
    [InlineData("20240101000000+1459")]
    public void A_wire_time_that_leaves_the_calendar_once_its_offset_is_applied_does_not_parse(string text)
        => Assert.False(Protocol.Alibaba1688WireTime.TryParse(text, out _));

    [Fact]
    public void ToString_hides_tokens()
    {
        var text = Parse("{\"access_token\":\"secret-at\",\"refresh_token\":\"secret-rt\"}").ToString();

        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
    }
}
