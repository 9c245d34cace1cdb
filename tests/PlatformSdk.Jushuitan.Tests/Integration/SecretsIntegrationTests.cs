using Microsoft.Extensions.DependencyInjection;
using PlatformSdk.Errors;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Jushuitan.Tests.Integration;

/// <summary>Secrets (partnerkey, app_secret, tokens, signs) never appear in logs, exception messages or ToString().</summary>
public sealed class SecretsIntegrationTests
{
    public static TheoryData<JushuitanProtocol> Protocols => new() { JushuitanProtocol.Legacy, JushuitanProtocol.OpenApi };

    [Theory]
    [Rule("RJST-01", "RJST-02")]
    [MemberData(nameof(Protocols))]
    public async Task RJST01_RJST02_Secrets_NeverAppear_InTraceLogs_Exceptions_OrToString(JushuitanProtocol protocol)
    {
        using var h = FakeJushuitanHarness.Create(protocol);
        var texts = new List<string>();
        var options = h.Provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<JushuitanOptions>>().CurrentValue;
        texts.Add(options.ToString()!);
        texts.Add(options.Legacy.ToString());
        texts.Add(options.OpenApi.ToString());

        texts.Add(string.Join("\n", (await h.Client.Shops.ListAsync()).Select(s => s.ToString())));
        h.Fake.Faults.For(JushuitanRoutes.OrdersUpload).Once(Fault.ServerError(503)); // a retry
        h.Fake.ExpireTokens(); // a refresh
        var upload = await h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-SECRET", paid: true)]);
        texts.Add(upload.ToString());
        texts.AddRange(upload.Orders.Select(o => o.ToString()));
        var ex = await Assert.ThrowsAsync<PlatformException>(() =>
            h.Client.Orders.UploadAsync([FakeJushuitanHarness.Order("SO-TB", paid: true, shopId: FakeJushuitanSeed.TaobaoShopId)]));
        texts.Add(ex.ToString());
        texts.Add(ex.Error.ToString());
        h.Fake.Faults.For(JushuitanRoutes.OrdersCancel).Once(Fault.DropConnection(processRequest: true));
        var cancel = await Assert.ThrowsAsync<PlatformException>(() =>
            h.Client.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = FakeJushuitanSeed.OwnMallShopId, SoIds = ["SO-SECRET"] }));
        texts.Add(cancel.ToString());
        texts.Add(h.Client.GetUsage().ToString());

        Assert.Single(h.Fake.CallsTo(JushuitanRoutes.TokenRefresh));
        Assert.NotEmpty(h.Logs.Entries);
        texts.AddRange(h.Logs.Entries);
        var secrets = new List<string> { h.Fake.PartnerKey, h.Fake.AppSecret, h.Fake.LegacyToken, FakeJushuitanOptions.SandboxAccessToken, FakeJushuitanOptions.SandboxRefreshToken };
        secrets.Add(h.Fake.AccessToken);
        secrets.Add(h.Fake.RefreshToken);
        foreach (var entry in h.Fake.Journal.Entries)
        {
            if (entry.Query.TryGetValue("sign", out var legacySign))
            {
                secrets.Add(legacySign);
            }

            if (entry.Form.TryGetValue("sign", out var openSign))
            {
                secrets.Add(openSign);
            }
        }

        Assert.True(secrets.Count > 7, "the flow must have signed requests");
        foreach (var text in texts)
        {
            foreach (var secret in secrets.Distinct())
            {
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"secret found in: {text}");
            }
        }
    }
}
