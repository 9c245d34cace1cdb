using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Alibaba1688;
using PlatformSdk.Alibaba1688.Models.Products;
using PlatformSdk.Testing;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Tokens;

namespace PlatformSdk.Contract.Tests.Contract.Adapters;

/// <summary>
/// 1688 over <see cref="Fake1688Server"/>, for a shop authorized beforehand (code exchange). The read is the carrier list; the write
/// is publishing a product (photobank upload, then <c>alibaba.product.add</c>, a non-idempotent write without reconciliation).
/// </summary>
public sealed class Alibaba1688ContractFixture : PlatformContractFixture
{
    private const string Shop = "main";
    private static readonly Uri Callback = new("https://erp.example.com/1688/callback");

    public override string Platform => "Alibaba1688";

    public override string ReadRoute => Fake1688Routes.CarrierList;

    public override string WriteRoute => Fake1688Routes.ProductAdd;

    public override string SecretSetting => "AppSecret";

    public override FakePlatformServer CreateFake(FakeTimeProvider time) => new Fake1688Server(null, time);

    public override IReadOnlyList<Action<IPlatformSdkBuilder>> Registration(FakePlatformServer fake, string? tenant, bool brokenSecret)
    {
        if (tenant is not null)
        {
            throw new NotSupportedException("1688 has one app per process; shops are chosen per call (ForShop), not registered.");
        }

        var f = (Fake1688Server)fake;
        return
        [
            b => b.AddAlibaba1688(o =>
            {
                o.AppKey = f.AppKey;
                o.AppSecret = brokenSecret ? " " + f.AppSecret : f.AppSecret;
                o.RedirectUri = Callback;
                o.EndpointsOverride = new Alibaba1688Endpoints(new Uri(f.GatewayUrl, "openapi"), f.AuthorizeUrl);
            }),
        ];
    }

    public override void RegisterFromConfiguration(IPlatformSdkBuilder builder, IConfiguration section) => builder.AddAlibaba1688(section);

    public override IDictionary<string, string?> Configuration(FakePlatformServer fake)
    {
        var f = (Fake1688Server)fake;
        return new Dictionary<string, string?> { ["AppKey"] = f.AppKey, ["AppSecret"] = f.AppSecret, ["RedirectUri"] = Callback.AbsoluteUri };
    }

    public override IDictionary<string, string?> EndpointsOverrideConfiguration(FakePlatformServer fake)
    {
        var f = (Fake1688Server)fake;
        return new Dictionary<string, string?>
        {
            ["EndpointsOverride:GatewayBaseUrl"] = new Uri(f.GatewayUrl, "openapi").AbsoluteUri,
            ["EndpointsOverride:AuthorizeUrl"] = f.AuthorizeUrl.AbsoluteUri,
        };
    }

    public override async Task PrepareAsync(ContractSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var code = ((Fake1688Server)session.Fake).AuthorizeShop(Fake1688Seed.MainShopLoginId);
        await Client(session).Auth.ExchangeCodeAsync(Shop, code);
    }

    public override Task ReadAsync(ContractSession session, string? tenant = null)
        => tenant is null ? Client(session).ForShop(Shop).Logistics.ListCarriersAsync() : throw new NotSupportedException("1688 has no named tenants.");

    public override Task WriteAsync(ContractSession session)
        => Client(session).ForShop(Shop).Products.PublishAsync(new Alibaba1688PublishRequest
        {
            Subject = "契约测试商品",
            CategoryId = 1031910,
            Images = [new Alibaba1688Image("a.jpg", new byte[16])],
        });

    public override Task InvalidWriteAsync(ContractSession session)
        => Client(session).ForShop(Shop).Products.PublishAsync(new Alibaba1688PublishRequest
        {
            Subject = " ",
            CategoryId = 1031910,
            Images = [new Alibaba1688Image("a.jpg", new byte[16])],
        });

    public override (string Timestamp, string Signature) StampOf(FakeJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (entry.Form.GetValueOrDefault("_aop_timestamp") ?? entry.Query["_aop_timestamp"], entry.Form.GetValueOrDefault("_aop_signature") ?? entry.Query["_aop_signature"]);
    }

    public override IEnumerable<string> Secrets(ContractSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var token = session.Services.GetRequiredService<IAccessTokenStore>().GetAsync(new TokenKey(Platform, Shop), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return [((Fake1688Server)session.Fake).AppSecret, token?.Value ?? string.Empty, token?.RefreshToken ?? string.Empty,
            .. session.Fake.Journal.Entries.Select(e => e.Form.GetValueOrDefault("_aop_signature") ?? e.Query.GetValueOrDefault("_aop_signature") ?? string.Empty)];
    }

    protected override bool Matches(HttpRequestMessage request, ContractRoute route)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.RequestUri!.AbsolutePath.Contains(route == ContractRoute.Write ? "/alibaba.product.add/" : "/alibaba.logistics.OpQueryLogisticCompanyList.offline/", StringComparison.Ordinal);
    }

    private static Alibaba1688Client Client(ContractSession session) => session.Services.GetRequiredService<Alibaba1688Client>();
}

public sealed class Alibaba1688ContractTests(Alibaba1688ContractFixture adapter) : PlatformContractTests<Alibaba1688ContractFixture>(adapter);
