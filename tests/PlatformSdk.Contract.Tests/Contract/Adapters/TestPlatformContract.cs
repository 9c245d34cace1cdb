using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.TestPlatform;
using PlatformSdk.TestPlatform.Models.Items;
using PlatformSdk.TestPlatform.Models.Orders;
using PlatformSdk.Testing;
using PlatformSdk.Testing.TestPlatform;

namespace PlatformSdk.Contract.Tests.Contract.Adapters;

/// <summary>The fictional sixth platform over its own fake, which damages replies itself (<see cref="FakeTestPlatformServer.MangleNext"/>).</summary>
public sealed class TestPlatformContractFixture : PlatformContractFixture
{
    public override string Platform => "TestPlatform";

    public override string ReadRoute => FakeTestPlatformRoutes.ItemsQuery;

    public override string WriteRoute => FakeTestPlatformRoutes.OrdersCreate;

    public override string SecretSetting => "AppSecret";

    public override FakePlatformServer CreateFake(FakeTimeProvider time) => new FakeTestPlatformServer(timeProvider: time);

    public override IReadOnlyList<Action<IPlatformSdkBuilder>> Registration(FakePlatformServer fake, string? tenant, bool brokenSecret)
    {
        var f = (FakeTestPlatformServer)fake;
        void Configure(TestPlatformOptions o)
        {
            o.AppKey = f.AppKey;
            o.AppSecret = brokenSecret ? " " + f.AppSecret : f.AppSecret;
            o.AccessToken = f.AccessToken;
            o.RefreshToken = f.RefreshToken;
            o.EndpointsOverride = new TestPlatformEndpoints(f.RouterUrl);
        }

        return [tenant is null ? b => b.AddTestPlatform(Configure) : b => b.AddTestPlatform(tenant, Configure)];
    }

    public override void RegisterFromConfiguration(IPlatformSdkBuilder builder, IConfiguration section) => builder.AddTestPlatform(section);

    public override IDictionary<string, string?> Configuration(FakePlatformServer fake)
    {
        var f = (FakeTestPlatformServer)fake;
        return new Dictionary<string, string?>
        {
            ["Environment"] = "Sandbox",
            ["AppKey"] = f.AppKey,
            ["AppSecret"] = f.AppSecret,
            ["AccessToken"] = f.AccessToken,
        };
    }

    public override IDictionary<string, string?> EndpointsOverrideConfiguration(FakePlatformServer fake)
        => new Dictionary<string, string?> { ["EndpointsOverride:RouterUrl"] = ((FakeTestPlatformServer)fake).RouterUrl.AbsoluteUri };

    public override Task ReadAsync(ContractSession session, string? tenant = null)
        => Client(session, tenant).Items.ListAsync(new TestPlatformItemQuery { PageSize = 100 });

    public override Task WriteAsync(ContractSession session)
        => Client(session, null).Orders.CreateAsync(new TestPlatformOrderRequest { OutOrderId = "CT-" + Guid.NewGuid().ToString("N")[..12], ItemId = "TP-ITEM-001", Quantity = 1 });

    public override Task InvalidWriteAsync(ContractSession session)
        => Client(session, null).Orders.CreateAsync(new TestPlatformOrderRequest { OutOrderId = "has space", ItemId = "TP-ITEM-001", Quantity = 1 });

    public override (string Timestamp, string Signature) StampOf(FakeJournalEntry entry) => (entry.Form["timestamp"], entry.Form["sign"]);

    public override IEnumerable<string> Secrets(ContractSession session)
    {
        var f = (FakeTestPlatformServer)session.Fake;
        return [f.AppSecret, f.AccessToken, f.RefreshToken, .. session.Fake.Journal.Entries.Select(e => e.Form.GetValueOrDefault("sign") ?? string.Empty)];
    }

    /// <summary>TestPlatform's fake damages replies itself, so the SDK's whole pipeline, primary handler included, sees them on the wire.</summary>
    public override void Mangle(ContractSession session, ContractRoute route, ReplyMangle mangle, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(session);
        var fake = (FakeTestPlatformServer)session.Fake;
        for (var i = 0; i < count; i++)
        {
            fake.MangleNext(RouteName(route), mangle switch
            {
                ReplyMangle.Redirect => FakeReplyMangle.Redirect,
                ReplyMangle.Oversized => FakeReplyMangle.Oversized,
                ReplyMangle.ByteOrderMark => FakeReplyMangle.ByteOrderMark,
                _ => FakeReplyMangle.TrailingBytes,
            }, redirectTo: mangle == ReplyMangle.Redirect ? session.Tamper.Landing : null, size: ReplyTamper.OversizedBytes);
        }
    }

    public override int PendingMangles(ContractSession session) => ((FakeTestPlatformServer)session.Fake).PendingMangles;

    private static TestPlatformClient Client(ContractSession session, string? tenant)
        => tenant is null ? session.Services.GetRequiredService<TestPlatformClient>() : session.Services.GetRequiredService<ITestPlatformClientFactory>().CreateClient(tenant);
}

public sealed class TestPlatformContractTests(TestPlatformContractFixture adapter) : NamedTenantContractTests<TestPlatformContractFixture>(adapter);
