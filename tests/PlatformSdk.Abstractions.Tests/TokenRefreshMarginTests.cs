using PlatformSdk.Tokens;

namespace PlatformSdk.Abstractions.Tests;

/// <summary>The refresh margin is a setting of the platform's registration, not an expiry faked inside each token source.</summary>
public class TokenRefreshMarginTests
{
    private static readonly DateTimeOffset Obtained = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_long_lived_token_is_refreshed_the_platform_margin_earlier()
    {
        var options = new AccessTokenProviderOptions();
        options.PlatformRefreshMargins["Jushuitan"] = TimeSpan.FromHours(24);
        var token = new AccessToken("t", Obtained.AddDays(30)) { ObtainedAt = Obtained };

        Assert.Equal(token.ExpiresAt - TimeSpan.FromHours(24) - TimeSpan.FromMinutes(10), options.RefreshAt("Jushuitan", token));
        Assert.Equal(token.ExpiresAt - TimeSpan.FromMinutes(10), options.RefreshAt("Alibaba1688", token));
    }

    [Fact]
    public void A_short_lived_token_keeps_the_shared_margin_only()
    {
        var options = new AccessTokenProviderOptions();
        options.PlatformRefreshMargins["Jushuitan"] = TimeSpan.FromHours(24);
        var token = new AccessToken("t", Obtained.AddHours(2)) { ObtainedAt = Obtained };

        Assert.Equal(token.ExpiresAt - TimeSpan.FromMinutes(10), options.RefreshAt("Jushuitan", token));
    }
}
