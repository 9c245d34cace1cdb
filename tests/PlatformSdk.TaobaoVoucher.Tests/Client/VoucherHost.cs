using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;
using PlatformSdk.Testing;
using PlatformSdk.Top;

namespace PlatformSdk.TaobaoVoucher.Tests.Client;

/// <summary>Replies and request views for client tests over a <see cref="LoopbackStubServer"/> standing for the TOP router.</summary>
internal static class VoucherReplies
{
    /// <summary>A handler that answers from the request's form fields with a status and body.</summary>
    public static Func<FakeRequest, StubReply> ByForm(Func<FormFieldCollection, (int Status, string Body)> reply) => request =>
    {
        var (status, body) = reply(request.Form);
        return StubReply.Json(body, status);
    };

    /// <summary>A handler that answers every method with its success wrapper around <paramref name="inner"/>.</summary>
    public static Func<FakeRequest, StubReply> Success(string inner) => ByForm(form => Ok(form["method"], inner));

    /// <summary>The success wrapper of a method: <c>{"taobao_x_y_response": inner}</c>.</summary>
    public static (int, string) Ok(string method, string inner) => (200, $"{{\"{method.Replace('.', '_')}_response\":{inner}}}");

    /// <summary>The form fields of every request, oldest first.</summary>
    public static IReadOnlyList<FormFieldCollection> Forms(this LoopbackStubServer stub) => stub.Requests.Select(r => r.Form).ToArray();

    /// <summary>The form fields of the requests calling one TOP method.</summary>
    public static FormFieldCollection[] CallsTo(this LoopbackStubServer stub, string method) =>
        stub.Forms().Where(form => form.GetValueOrDefault("method") == method).ToArray();
}

/// <summary>Builds the client over DI against a stub, on a fake clock.</summary>
internal sealed class VoucherHost : IDisposable
{
    public const string Seller = "shop-a";

    public VoucherHost(LoopbackStubServer stub, Action<TaobaoVoucherOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(Time).AddTop(o =>
        {
            o.AppKey = "12345678";
            o.AppSecret = "voucher-test-secret";
            o.EndpointsOverride = new TopEndpoints(new Uri(stub.Url + "/router/rest"), new Uri(stub.Url + "/router/qimen/service"));
            o.Sellers[Seller] = new TopSellerOptions { Session = "6100-session" };
        }).AddTaobaoVoucher(o =>
        {
            o.Seller = Seller;
            o.CodeMerchantId = 9001;
            o.BizType = 1;
            configure?.Invoke(o);
        });
        services.Configure<PlatformResilienceOptions>("Top", o =>
        {
            o.BaseDelay = TimeSpan.Zero;
            o.PermitsPerSecond = 0;
        });
        Provider = services.BuildServiceProvider();
        Provider.GetRequiredService<IStartupValidator>().Validate();
        Client = Provider.GetRequiredService<TaobaoVoucherClient>();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 6, 1, 2, 0, 0, TimeSpan.Zero));

    public ServiceProvider Provider { get; }

    public TaobaoVoucherClient Client { get; }

    public void Dispose() => Provider.Dispose();
}
