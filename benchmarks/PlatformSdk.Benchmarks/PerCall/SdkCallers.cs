using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan;
using PlatformSdk.Top;

namespace PlatformSdk.Benchmarks.PerCall;

/// <summary>
/// The SDK side: one service provider with Jushuitan (open API) and TOP registered in code as an application would, the endpoints
/// pointed at the loopback server and client-side rate limiting off, so the benchmark measures work, not waiting.
/// </summary>
internal sealed class SdkCallers : IAsyncDisposable
{
    public static readonly TopOperation ItemGet = new(BenchCredentials.TopMethod, OperationIdempotency.Read);

    private static readonly KeyValuePair<string, string?>[] ItemParameters =
    [
        new("fields", BenchCredentials.TopFields),
        new("num_iid", BenchCredentials.TopNumIid),
    ];

    private readonly ServiceProvider _provider;

    public SdkCallers(string baseUrl, Action<IServiceCollection>? tweak = null)
    {
        var services = new ServiceCollection();
        var sdk = services.AddPlatformSdk();
        sdk.AddJushuitan(o =>
        {
            o.Environment = JushuitanEnvironment.Test;
            o.Protocol = JushuitanProtocol.OpenApi;
            o.EndpointsOverride = new JushuitanEndpoints(new Uri(baseUrl + "/api/open/query.aspx"), new Uri(baseUrl), new Uri(baseUrl + "/auth"));
            o.OpenApi.AppKey = BenchCredentials.JushuitanAppKey;
            o.OpenApi.AppSecret = BenchCredentials.JushuitanAppSecret;
            o.OpenApi.AccessToken = BenchCredentials.JushuitanAccessToken;
            o.OpenApi.RefreshToken = BenchCredentials.JushuitanRefreshToken;
        });
        sdk.AddTop(o =>
        {
            o.AppKey = BenchCredentials.TopAppKey;
            o.AppSecret = BenchCredentials.TopAppSecret;
            o.EndpointsOverride = new TopEndpoints(new Uri(baseUrl + BenchCredentials.TopRestPath), new Uri(baseUrl + "/router/qimen/service"));
            o.Sellers[BenchCredentials.TopSeller] = new TopSellerOptions { Session = BenchCredentials.TopSession };
        });
        // Rate limiting off (Jushuitan's default is 5/s per tenant): CPU, not waiting, is measured.
        services.Configure<PlatformResilienceOptions>(PlatformResilienceOptions.NameFor("Jushuitan", null), o => o.PermitsPerSecond = 0);
        services.Configure<PlatformResilienceOptions>(PlatformResilienceOptions.NameFor("Top", null), o => o.PermitsPerSecond = 0);
        tweak?.Invoke(services);
        _provider = services.BuildServiceProvider();
        _provider.GetRequiredService<IStartupValidator>().Validate();
        Jushuitan = _provider.GetRequiredService<JushuitanClient>();
        Top = _provider.GetRequiredService<TopClient>();
    }

    public JushuitanClient Jushuitan { get; }

    public TopClient Top { get; }

    public IServiceProvider Services => _provider;

    /// <summary>The shops query (one page of 20 shops).</summary>
    public Task<IReadOnlyList<Jushuitan.Models.Shops.JushuitanShop>> JushuitanShopsAsync() => Jushuitan.Shops.ListAsync();

    /// <summary><c>taobao.item.seller.get</c> for one item, deserialized with source-generated metadata.</summary>
    public Task<ItemSellerGetResult> TopItemAsync()
        => Top.ExecuteAsync(ItemGet, ItemParameters, BenchCredentials.TopSeller, BenchJsonContext.Default.ItemSellerGetResult, CancellationToken.None);

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
