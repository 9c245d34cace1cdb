using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Jushuitan;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Testing;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Contract.Tests.Contract.Adapters;

/// <summary>
/// Jushuitan over <see cref="FakeJushuitanServer"/>, in one of its two protocols. The read is the shops query; the write is the
/// order cancel (the package's one non-idempotent write; the upload is an idempotent write), of orders uploaded beforehand.
/// </summary>
public abstract class JushuitanContractFixture(JushuitanProtocol protocol) : PlatformContractFixture
{
    private const string NextOrder = "next-order";

    public override string Platform => "Jushuitan";

    public override string ReadRoute => JushuitanRoutes.ShopsQuery;

    public override string WriteRoute => JushuitanRoutes.OrdersCancel;

    public override string SecretSetting => protocol == JushuitanProtocol.Legacy ? "Legacy:PartnerKey" : "OpenApi:AppSecret";

    public override FakePlatformServer CreateFake(FakeTimeProvider time) => new FakeJushuitanServer(null, time);

    public override IReadOnlyList<Action<IPlatformSdkBuilder>> Registration(FakePlatformServer fake, string? tenant, bool brokenSecret)
    {
        var f = (FakeJushuitanServer)fake;
        void Configure(JushuitanOptions o)
        {
            o.Protocol = protocol;
            o.EndpointsOverride = new JushuitanEndpoints(f.LegacyUrl, f.OpenApiUrl, new Uri(f.Url + "/auth"));
            o.Legacy.PartnerId = f.PartnerId;
            o.Legacy.PartnerKey = brokenSecret ? " " + f.PartnerKey : f.PartnerKey;
            o.Legacy.Token = f.LegacyToken;
            o.OpenApi.AppKey = f.AppKey;
            o.OpenApi.AppSecret = brokenSecret ? " " + f.AppSecret : f.AppSecret;
            o.OpenApi.AccessToken = f.AccessToken;
            o.OpenApi.RefreshToken = f.RefreshToken;
            // Not what this contract measures: the upload's read-back costs calls that would blur the request counts.
            o.Orders.VerifyAfterUpload = false;
        }

        return [tenant is null ? b => b.AddJushuitan(Configure) : b => b.AddJushuitan(tenant, Configure)];
    }

    public override void RegisterFromConfiguration(IPlatformSdkBuilder builder, IConfiguration section) => builder.AddJushuitan(section);

    public override IDictionary<string, string?> Configuration(FakePlatformServer fake)
    {
        var f = (FakeJushuitanServer)fake;
        return new Dictionary<string, string?>
        {
            ["Environment"] = "Test",
            ["Protocol"] = protocol.ToString(),
            ["Legacy:PartnerId"] = f.PartnerId,
            ["Legacy:PartnerKey"] = f.PartnerKey,
            ["Legacy:Token"] = f.LegacyToken,
            ["OpenApi:AppKey"] = f.AppKey,
            ["OpenApi:AppSecret"] = f.AppSecret,
        };
    }

    public override IDictionary<string, string?> EndpointsOverrideConfiguration(FakePlatformServer fake)
    {
        var f = (FakeJushuitanServer)fake;
        return new Dictionary<string, string?>
        {
            ["EndpointsOverride:LegacyUrl"] = f.LegacyUrl.AbsoluteUri,
            ["EndpointsOverride:OpenApiBaseUrl"] = f.OpenApiUrl.AbsoluteUri,
            ["EndpointsOverride:AuthorizeUrl"] = f.Url + "/auth",
        };
    }

    public override async Task PrepareAsync(ContractSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var soIds = Enumerable.Range(1, 3).Select(i => $"SO-CT-{i}").ToArray();
        await Client(session, null).Orders.UploadAsync(soIds.Select(Order).ToArray());
        session.State[NextOrder] = new Queue<string>(soIds);
    }

    public override Task ReadAsync(ContractSession session, string? tenant = null) => Client(session, tenant).Shops.ListAsync();

    public override Task WriteAsync(ContractSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var soId = ((Queue<string>)session.State[NextOrder]).Dequeue();
        return Client(session, null).Orders.CancelAsync(new JushuitanCancelRequest { ShopId = FakeJushuitanSeed.OwnMallShopId, SoIds = [soId] });
    }

    public override Task InvalidWriteAsync(ContractSession session)
        => Client(session, null).Orders.CancelAsync(new JushuitanCancelRequest { ShopId = FakeJushuitanSeed.OwnMallShopId, SoIds = [] });

    public override (string Timestamp, string Signature) StampOf(FakeJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return protocol == JushuitanProtocol.Legacy ? (entry.Query["ts"], entry.Query["sign"]) : (entry.Form["timestamp"], entry.Form["sign"]);
    }

    public override IEnumerable<string> Secrets(ContractSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var f = (FakeJushuitanServer)session.Fake;
        return [f.PartnerKey, f.LegacyToken, f.AppSecret, f.AccessToken, f.RefreshToken,
            .. f.Journal.Entries.Select(e => e.Query.GetValueOrDefault("sign") ?? e.Form.GetValueOrDefault("sign") ?? string.Empty)];
    }

    protected override bool Matches(HttpRequestMessage request, ContractRoute route)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.RequestUri!.PathAndQuery;
        return route == ContractRoute.Write
            ? url.Contains("cancel", StringComparison.Ordinal)
            : url.Contains("shops", StringComparison.Ordinal);
    }

    private static JushuitanClient Client(ContractSession session, string? tenant)
        => tenant is null ? session.Services.GetRequiredService<JushuitanClient>() : session.Services.GetRequiredService<IJushuitanClientFactory>().CreateClient(tenant);

    private static JushuitanOrderUpload Order(string soId) => new()
    {
        ShopId = FakeJushuitanSeed.OwnMallShopId,
        SoId = soId,
        OrderDate = Start,
        ShopStatus = JushuitanShopStatus.WaitSellerSendGoods,
        PayAmount = 39.00m,
        ReceiverName = "张三",
        ReceiverMobile = "13800000000",
        ReceiverState = "浙江省",
        ReceiverCity = "杭州市",
        ReceiverDistrict = "西湖区",
        ReceiverAddress = "文三路 1 号",
        Items = [new JushuitanUploadItem { SkuId = "SKU-A", Name = "Tea", Price = 39.00m, Amount = 39.00m, Qty = 1, OuterOiId = soId + "-1" }],
        Pay = new JushuitanUploadPay { OuterPayId = "PAY-" + soId, PayDate = Start, Payment = "支付宝", Amount = 39.00m },
    };
}

public sealed class JushuitanOpenApiContractFixture() : JushuitanContractFixture(JushuitanProtocol.OpenApi);

public sealed class JushuitanLegacyContractFixture() : JushuitanContractFixture(JushuitanProtocol.Legacy);

public sealed class JushuitanOpenApiContractTests(JushuitanOpenApiContractFixture adapter) : NamedTenantContractTests<JushuitanOpenApiContractFixture>(adapter);

public sealed class JushuitanLegacyContractTests(JushuitanLegacyContractFixture adapter) : NamedTenantContractTests<JushuitanLegacyContractFixture>(adapter);
