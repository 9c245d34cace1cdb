using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.TaobaoVoucher;
using PlatformSdk.TaobaoVoucher.Models;
using PlatformSdk.TaobaoVoucher.Models.Sending;
using PlatformSdk.Testing;
using PlatformSdk.Testing.Top;
using PlatformSdk.Top;

namespace PlatformSdk.Contract.Tests.Contract.Adapters;

/// <summary>
/// Taobao e-vouchers over the shared TOP host and <see cref="FakeTopServer"/> (legacy family). The read is <c>codes.get</c> of an
/// order sent beforehand; the write is <c>send</c> (a non-idempotent write) answering a fresh send notice each time.
/// </summary>
public sealed class TaobaoVoucherContractFixture : PlatformContractFixture
{
    private const long SentOrder = 3100001;
    private const string NextOrder = "next-order";
    private static readonly string Seller = FakeTopSeed.MainSeller.Nick;

    public override string Platform => "Top";

    public override string ReadRoute => FakeTopMethods.VmarketCodesGet;

    public override string WriteRoute => FakeTopMethods.VmarketSend;

    public override string SecretSetting => "AppSecret";

    public override FakePlatformServer CreateFake(FakeTimeProvider time) => new FakeTopServer(new FakeTopOptions(), time);

    public override IReadOnlyList<Action<IPlatformSdkBuilder>> Registration(FakePlatformServer fake, string? tenant, bool brokenSecret)
    {
        if (tenant is not null)
        {
            throw new NotSupportedException("TOP has one app per process; sellers are chosen per call, not registered as tenants.");
        }

        var f = (FakeTopServer)fake;
        return
        [
            b => b.AddTaobaoVoucher(Voucher, o =>
            {
                o.AppKey = f.AppKey;
                o.AppSecret = brokenSecret ? " " + f.AppSecret : f.AppSecret;
                o.EndpointsOverride = new TopEndpoints(f.RouterUrl, new Uri(f.Url + "/router/qimen/service"));
                o.Sellers[Seller] = new TopSellerOptions { Session = FakeTopSeed.MainSeller.Session };
            }),
        ];
    }

    public override void RegisterFromConfiguration(IPlatformSdkBuilder builder, IConfiguration section)
        => builder.AddTop(section).AddTaobaoVoucher(Voucher);

    public override IDictionary<string, string?> Configuration(FakePlatformServer fake)
    {
        var f = (FakeTopServer)fake;
        return new Dictionary<string, string?>
        {
            ["AppKey"] = f.AppKey,
            ["AppSecret"] = f.AppSecret,
            [$"Sellers:{Seller}:Session"] = FakeTopSeed.MainSeller.Session,
        };
    }

    public override IDictionary<string, string?> EndpointsOverrideConfiguration(FakePlatformServer fake)
    {
        var f = (FakeTopServer)fake;
        return new Dictionary<string, string?>
        {
            ["EndpointsOverride:Rest"] = f.RouterUrl.AbsoluteUri,
            ["EndpointsOverride:Qimen"] = f.Url + "/router/qimen/service",
        };
    }

    public override async Task PrepareAsync(ContractSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var notice = Issue(session, SentOrder);
        await Client(session).Legacy.SendAsync(new LegacySendCodesRequest { OrderId = SentOrder, Token = notice.Token, Codes = [new VoucherCodeAllotment("31000010", 3)] }, CancellationToken.None);
        session.State[NextOrder] = SentOrder + 1;
    }

    public override Task ReadAsync(ContractSession session, string? tenant = null)
        => tenant is null ? Client(session).Legacy.GetCodesAsync(SentOrder, null, CancellationToken.None) : throw new NotSupportedException("TOP has no named tenants.");

    public override Task WriteAsync(ContractSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var orderId = (long)session.State[NextOrder];
        session.State[NextOrder] = orderId + 1;
        var notice = Issue(session, orderId);
        return Client(session).Legacy.SendAsync(new LegacySendCodesRequest
        {
            OrderId = orderId,
            Token = notice.Token,
            Codes = [new VoucherCodeAllotment(orderId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "0", 3)],
        }, CancellationToken.None);
    }

    public override Task InvalidWriteAsync(ContractSession session)
        => Client(session).Legacy.SendAsync(new LegacySendCodesRequest { OrderId = 0, Token = "token", Codes = [new VoucherCodeAllotment("99999999", 1)] }, CancellationToken.None);

    public override (string Timestamp, string Signature) StampOf(FakeJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (entry.Form.GetValueOrDefault("timestamp") ?? entry.Query["timestamp"], entry.Form.GetValueOrDefault("sign") ?? entry.Query["sign"]);
    }

    public override IEnumerable<string> Secrets(ContractSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return [((FakeTopServer)session.Fake).AppSecret, FakeTopSeed.MainSeller.Session,
            .. session.Fake.Journal.Entries.Select(e => e.Form.GetValueOrDefault("sign") ?? e.Query.GetValueOrDefault("sign") ?? string.Empty)];
    }

    private static void Voucher(TaobaoVoucherOptions o)
    {
        o.Seller = Seller;
        o.Family = VoucherApiFamily.Legacy;
        o.BizType = 1;
    }

    private static FakeTopNotice Issue(ContractSession session, long orderId)
        => ((FakeTopServer)session.Fake).IssueNotice(orderId, Seller, 3, "13800005678", session.Time.GetUtcNow().AddDays(30));

    private static TaobaoVoucherClient Client(ContractSession session) => session.Services.GetRequiredService<TaobaoVoucherClient>();
}

public sealed class TaobaoVoucherContractTests(TaobaoVoucherContractFixture adapter) : PlatformContractTests<TaobaoVoucherContractFixture>(adapter);
