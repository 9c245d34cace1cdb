using PlatformSdk.Errors;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Jushuitan.Tests.Integration;

/// <summary>
/// A refresh whose reply was lost after Jushuitan rotated the refresh token does not lock the tenant out silently: the next
/// refresh is answered "refresh_token无效", which surfaces as an Authentication error saying to re-authorize, and the SDK stops
/// sending the dead refresh token.
/// </summary>
public sealed class LostRefreshReplyTests
{
    [Fact]
    [Rule("RJST-02")]
    public async Task RJST02_a_dead_refresh_token_asks_to_reauthorize_and_is_not_sent_again()
    {
        using var h = FakeJushuitanHarness.Create(JushuitanProtocol.OpenApi);
        await h.Client.Shops.ListAsync();
        h.Fake.ExpireTokens();
        h.Fake.Faults.For(JushuitanRoutes.TokenRefresh).Once(Fault.ServerError(503, processRequest: true));

        // The refresh happened on the platform, but its reply was lost: this call cannot get a token.
        var lost = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Shops.ListAsync());
        Assert.False(lost.MayHaveBeenProcessed); // a query: nothing to reconcile
        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.TokenRefresh));

        // The old refresh token is dead now.
        var dead = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Shops.ListAsync());
        Assert.Equal(ErrorCategory.Authentication, dead.Category);
        Assert.Contains("Re-authorize this tenant", dead.Remedy, StringComparison.Ordinal);
        var refreshes = h.Fake.CallsTo(JushuitanRoutes.TokenRefresh).Count;
        Assert.Equal(2, refreshes);

        // Further calls get the same answer without sending the dead refresh token again.
        var again = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Shops.ListAsync());
        Assert.Contains("Re-authorize this tenant", again.Remedy, StringComparison.Ordinal);
        Assert.Equal(refreshes, h.Fake.CallsTo(JushuitanRoutes.TokenRefresh).Count);
    }
}
