using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Errors;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Testing.Faults;
using static PlatformSdk.Alibaba1688.Tests.Integration.Fake1688Harness;

namespace PlatformSdk.Alibaba1688.Tests.Integration;

public sealed class SecretsIntegrationTests
{
    [Fact]
    public async Task App_secret_tokens_codes_and_signatures_never_reach_trace_logs_or_exception_messages()
    {
        using var h = Create();
        var grant = await h.AuthorizeAsync(MainShop, Fake1688Seed.MainShopLoginId);
        var shop = h.Client.ForShop(MainShop);
        var failures = new List<Exception>();

        await shop.Products.GetAsync(Fake1688Seed.SkuOfferId);
        h.Fake.ExpireAccessTokens();
        await shop.Products.GetAsync(Fake1688Seed.SimpleOfferId);            // 401 → refresh → retry
        h.Fake.Faults.For(Fake1688Routes.CarrierList).Once(Fault.Throttle());
        await shop.Logistics.ListCarriersAsync();
        var created = await shop.PreOrders.CreateAsync(PreOrder("SO-SEC", 10m, Line(Fake1688Seed.SimpleOfferId)));
        h.Fake.DeleteOffer(Fake1688Seed.SimpleOfferId);
        failures.Add(await Assert.ThrowsAsync<PlatformException>(() => shop.PreOrders.CreateAsync(PreOrder("SO-SEC-2", 10m, Line(Fake1688Seed.SimpleOfferId)))));
        failures.Add(await Assert.ThrowsAsync<PlatformException>(() => shop.Logistics.ShipAsync(new Alibaba1688ShipRequest
        {
            OrderId = created.OrderId,
            Entries = [new Alibaba1688ShipEntry(1, 1)],
            CarrierCode = "NOPE",
            TrackingNumber = "X1",
            ShippedAt = h.Time.GetUtcNow(),
        })));
        using (var tampered = Create(o => o.AppSecret = "wrong-" + h.Fake.AppSecret, sharedStore: h.Store, sharedFake: h.Fake, sharedTime: h.Time))
        {
            failures.Add(await Assert.ThrowsAsync<PlatformException>(() => tampered.Client.ForShop(MainShop).Products.GetAsync(Fake1688Seed.SkuOfferId)));
            Assert.NotEmpty(tampered.Logs.Entries);
            AssertNoSecrets(Secrets(h, grant.RefreshToken!).Append("wrong-" + h.Fake.AppSecret), tampered.Logs.Entries, failures);
        }

        var secrets = Secrets(h, grant.RefreshToken!);
        Assert.True(secrets.Count > 6, "the flow must have produced tokens and signatures to look for");
        Assert.Contains(h.Logs.Entries, e => e.Contains("alibaba.product.get", StringComparison.Ordinal) && e.Contains("Trace", StringComparison.Ordinal));
        AssertNoSecrets(secrets, h.Logs.Entries, failures);
    }

    private static List<string> Secrets(Fake1688Harness h, string refreshToken)
    {
        var secrets = new List<string> { h.Fake.AppSecret, refreshToken };
        foreach (var entry in h.Fake.Journal.Entries)
        {
            foreach (var name in new[] { "access_token", "_aop_signature", "refresh_token", "client_secret", "code" })
            {
                if (entry.Form.TryGetValue(name, out var value) && value.Length >= 8)
                {
                    secrets.Add(value);
                }
            }
        }

        return [.. secrets.Distinct()];
    }

    private static void AssertNoSecrets(IEnumerable<string> secrets, IReadOnlyList<string> logs, IEnumerable<Exception> failures)
    {
        var texts = logs.Concat(failures.Select(f => f.ToString() + " " + ((PlatformException)f).Error)).ToArray();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        }
    }
}
