using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;
using PlatformSdk.Testing.Top;
using PlatformSdk.TaobaoVoucher.Models;
using PlatformSdk.TaobaoVoucher.Models.Sending;
using PlatformSdk.Top;
using PlatformSdk.Top.Signing;

namespace PlatformSdk.TaobaoVoucher.Tests.Integration;

/// <summary>FakeTopServer + the client wired through DI the way users do; one per test.</summary>
internal sealed class TopVoucherHarness : IAsyncDisposable
{
    public static readonly string Seller = FakeTopSeed.MainSeller.Nick;
    public const string Mobile = "13800005678";
    public const string LastFour = "5678";

    private TopVoucherHarness(FakeTimeProvider time, FakeTopServer fake, ServiceProvider provider)
    {
        Time = time;
        Fake = fake;
        Provider = provider;
        Client = provider.GetRequiredService<TaobaoVoucherClient>();
    }

    public FakeTimeProvider Time { get; }

    public FakeTopServer Fake { get; }

    public ServiceProvider Provider { get; }

    public TaobaoVoucherClient Client { get; }

    public static TopVoucherHarness Start(
        VoucherApiFamily family = VoucherApiFamily.Legacy,
        TopSignMethod signMethod = TopSignMethod.Md5,
        Action<IServiceCollection>? services = null)
    {
        // 10:00 in China (GMT+8): far from midnight, so "same day" resend checks are unambiguous.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));
        var fake = new FakeTopServer(new FakeTopOptions(), time);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddPlatformSdk().UseTimeProvider(time).AddTop(o =>
        {
            o.AppKey = fake.AppKey;
            o.AppSecret = fake.AppSecret;
            o.SignMethod = signMethod;
            o.EndpointsOverride = new TopEndpoints(fake.RouterUrl, new Uri(fake.Url + "/router/qimen/service"));
            o.Sellers[Seller] = new TopSellerOptions { Session = FakeTopSeed.MainSeller.Session };
        }).AddTaobaoVoucher(o =>
        {
            o.Seller = Seller;
            o.Family = family;
            o.BizType = 1;
        });
        collection.Configure<PlatformResilienceOptions>("Top", o =>
        {
            o.BaseDelay = TimeSpan.Zero;
            o.PermitsPerSecond = 0;
        });
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new TopVoucherHarness(time, fake, provider);
    }

    public FakeTopNotice Issue(long orderId, int units = 3, int validDays = 30)
        => Fake.IssueNotice(orderId, Seller, units, Mobile, Time.GetUtcNow().AddDays(validDays));

    public async Task<FakeTopNotice> IssueAndSendLegacyAsync(long orderId, string code, int units = 3)
    {
        var notice = Issue(orderId, units);
        await Client.Legacy.SendAsync(new LegacySendCodesRequest { OrderId = orderId, Token = notice.Token, Codes = [new VoucherCodeAllotment(code, units)] }, CancellationToken.None);
        return notice;
    }

    public async Task<FakeTopNotice> IssueAndSendMerchantAsync(long orderId, string code, int units = 3)
    {
        var notice = Issue(orderId, units);
        await Client.Merchant.SendAsync(new MerchantSendCodesRequest { OuterId = Outer(orderId), Token = notice.Token, Codes = [new VoucherCodeAllotment(code, units)] }, CancellationToken.None);
        return notice;
    }

    public static string Outer(long orderId) => orderId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public FakeTopVoucherOrder Order(long orderId) => Fake.GetOrder(orderId) ?? throw new InvalidOperationException($"no order {orderId} on the fake");

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
