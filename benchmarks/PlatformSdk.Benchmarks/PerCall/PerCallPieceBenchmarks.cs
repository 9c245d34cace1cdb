using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PlatformSdk.Diagnostics;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan;
using PlatformSdk.Jushuitan.Signing;
using PlatformSdk.Tokens;
using PlatformSdk.Top;
using Polly;
using Polly.Retry;

namespace PlatformSdk.Benchmarks.PerCall;

/// <summary>
/// Where the SDK's per-call cost goes: the whole call over an in-memory handler (no sockets, no server), then its pieces one by
/// one against what the hand-written client does for the same step. Public API only: the Jushuitan signer and classifier come
/// from the service provider's pipeline registration, the Jushuitan payload is captured from a real call by a call policy.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
#pragma warning disable CA1001, CA1822 // disposed in [GlobalCleanup]; benchmarks are instance methods
public class PerCallPieceBenchmarks
#pragma warning restore CA1001
{
    private static readonly ActivitySource Source = new("PlatformSdk.Bench.NoListener");
    private static readonly Meter BenchMeter = new("PlatformSdk.Bench.NoListener");
    private static readonly Counter<long> Requests = BenchMeter.CreateCounter<long>("requests");
    private static readonly Histogram<double> Duration = BenchMeter.CreateHistogram<double>("duration");
    private static readonly Action<ILogger, string, string, string, int, Exception?> AttemptStarting =
        LoggerMessage.Define<string, string, string, int>(LogLevel.Debug, new EventId(1, "AttemptStarting"), "{Platform} {Operation} for tenant {Tenant}: attempt {Attempt}");

    private SdkCallers _sdk = null!;
    private SdkCallers _sdkNoHttpLogging = null!;
    private HandCallers _hand = null!;
    private HttpClient _cannedClient = null!;
    private IHttpMessageHandlerFactory _handlers = null!;
    private IPlatformRequestSigner _jushuitanSigner = null!;
    private IPlatformRequestSigner _topSigner = null!;
    private PlatformResponseClassifier _jushuitanClassifier = null!;
    private PlatformResponseClassifier _topClassifier = null!;
    private PlatformOperation _jushuitanOperation = null!;
    private object _jushuitanPayload = null!;
    private TopCall _topCall = null!;
    private HttpResponseMessage _okResponse = null!;
    private ResiliencePipeline _pipeline = null!;
    private PlatformRequestExecutor _bareExecutor = null!;
    private AccessTokenProvider _tokens = null!;
    private IAccessTokenSource _tokenSource = null!;
    private ILogger _disabledLogger = null!;
    private JushuitanEndpoints _endpoints = null!;
    private byte[] _shopsBody = null!;
    private byte[] _topBody = null!;

    [GlobalSetup]
    public void Setup()
    {
        static void InMemory(IServiceCollection services)
        {
            services.AddHttpClient("PlatformSdk.Jushuitan").ConfigurePrimaryHttpMessageHandler(() => new CannedHandler());
            services.AddHttpClient("PlatformSdk.Top").ConfigurePrimaryHttpMessageHandler(() => new CannedHandler());
        }

        var capture = new PayloadCapture();
        _sdk = new SdkCallers("http://platform.invalid", services =>
        {
            InMemory(services);
            services.AddPlatformSdk().AddPolicy("Jushuitan", capture);
        });
        _sdkNoHttpLogging = new SdkCallers("http://platform.invalid", services =>
        {
            InMemory(services);
            services.AddHttpClient("PlatformSdk.Jushuitan").RemoveAllLoggers();
            services.AddHttpClient("PlatformSdk.Top").RemoveAllLoggers();
        });
        _hand = new HandCallers("http://platform.invalid", new CannedHandler());
        _cannedClient = new HttpClient(new CannedHandler());
        PerCallCheck.VerifyAsync(_sdk, _hand).GetAwaiter().GetResult();

        var sp = _sdk.Services;
        _handlers = sp.GetRequiredService<IHttpMessageHandlerFactory>();
        var registrations = sp.GetServices<PlatformPipelineRegistration>().ToList();
        var jushuitan = registrations.Last(r => r.Platform == "Jushuitan");
        var top = registrations.Last(r => r.Platform == "Top");
        _jushuitanSigner = jushuitan.Signer(sp);
        _jushuitanClassifier = jushuitan.Classifier(sp);
        _topSigner = top.Signer(sp);
        _topClassifier = top.Classifier(sp);
        _jushuitanOperation = capture.Context!.Operation;
        _jushuitanPayload = capture.Context.Payload!;
        _topCall = new TopCall(BenchCredentials.TopMethod)
        {
            Parameters = [new("fields", BenchCredentials.TopFields), new("num_iid", BenchCredentials.TopNumIid)],
            Seller = BenchCredentials.TopSeller,
        };
        _okResponse = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        _shopsBody = CannedReplies.JushuitanShops;
        _topBody = CannedReplies.TopItem;

        // The executor's Polly pipeline, as PlatformRequestExecutor.BuildPipeline builds it with the default settings.
        var resilience = new PlatformResilienceOptions();
        _pipeline = new ResiliencePipelineBuilder()
            .AddTimeout(resilience.TotalTimeout)
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = resilience.MaxRetries, ShouldHandle = static _ => new ValueTask<bool>(false) })
            .AddTimeout(resilience.AttemptTimeout)
            .Build();
        _bareExecutor = new PlatformRequestExecutor(new PlatformPipelineOptions
        {
            Platform = "Bench",
            Signer = new UriOnlySigner(),
            Classifier = new AcceptAllClassifier(),
            Handler = static () => CannedHandlerInstance,
        });
        _tokens = new AccessTokenProvider(new InMemoryAccessTokenStore(), TimeProvider.System);
        _tokenSource = new FixedTokenSource();
        _tokens.GetTokenAsync(new TokenKey("Bench", "t"), _tokenSource, default).AsTask().GetAwaiter().GetResult();
        _disabledLogger = NullLoggerFactory.Instance.CreateLogger("PlatformSdk.Bench");
        _endpoints = new JushuitanEndpoints(new Uri("http://platform.invalid/api/open/query.aspx"), new Uri("http://platform.invalid"), new Uri("http://platform.invalid/auth"));
        CheckProposedFixes();
    }

    private static readonly CannedHandler CannedHandlerInstance = new();

    private static readonly KeyValuePair<string, string?>[] JushuitanSigned =
    [
        new("app_key", BenchCredentials.JushuitanAppKey), new("timestamp", "1764600000"), new("charset", "utf-8"),
        new("access_token", BenchCredentials.JushuitanAccessToken), new("version", "2"), new("biz", BenchCredentials.JushuitanShopsBiz),
    ];

    private List<KeyValuePair<string, string>> _topParameters = null!;

    /// <summary>The sketches in <see cref="ProposedFixes"/> give the SDK's answers.</summary>
    private void CheckProposedFixes()
    {
        using var document = JsonDocument.Parse(_shopsBody);
        var data = document.RootElement.GetProperty("data");
        if (!SdkReaderReplica.ReadShops(data).SequenceEqual(ProposedFixes.ReadShops(data)))
        {
            throw new InvalidOperationException("The proposed reader reads different shops.");
        }

        if (JushuitanSignature.OpenApi(BenchCredentials.JushuitanAppSecret, JushuitanSigned) != ProposedFixes.JushuitanOpenApiSign(BenchCredentials.JushuitanAppSecret, [.. JushuitanSigned]))
        {
            throw new InvalidOperationException("The proposed Jushuitan signature differs.");
        }

        _topParameters = TopRequestSignerParameters();
        var sdkSign = _topParameters[^1].Value;
        if (sdkSign != ProposedFixes.TopMd5Sign(BenchCredentials.TopAppSecret, _topParameters[..^1]))
        {
            throw new InvalidOperationException("The proposed TOP signature differs.");
        }
    }

    private List<KeyValuePair<string, string>> TopRequestSignerParameters()
        => [.. Top.Signing.TopRequestSigner.BuildParameters(_topCall, new TopOptions { AppKey = BenchCredentials.TopAppKey, AppSecret = BenchCredentials.TopAppSecret },
            BenchCredentials.TopSession, DateTimeOffset.UtcNow)];

    [GlobalCleanup]
    public void Cleanup()
    {
        _cannedClient.Dispose();
        _hand.Dispose();
        _okResponse.Dispose();
        _sdk.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sdkNoHttpLogging.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    // ---- whole calls, in memory --------------------------------------------------------------------------------------------

    [BenchmarkCategory("1 whole call (in-memory handler)"), Benchmark(Baseline = true)]
    public Task<List<Jushuitan.Models.Shops.JushuitanShop>> Jushuitan_Hand() => _hand.JushuitanShopsAsync();

    [BenchmarkCategory("1 whole call (in-memory handler)"), Benchmark]
    public Task<IReadOnlyList<Jushuitan.Models.Shops.JushuitanShop>> Jushuitan_Sdk() => _sdk.JushuitanShopsAsync();

    [BenchmarkCategory("1 whole call (in-memory handler)"), Benchmark]
    public Task<IReadOnlyList<Jushuitan.Models.Shops.JushuitanShop>> Jushuitan_Sdk_HttpClientLoggersRemoved() => _sdkNoHttpLogging.JushuitanShopsAsync();

    [BenchmarkCategory("1 whole call (in-memory handler)"), Benchmark]
    public Task<ItemSellerGetResult> Top_Hand() => _hand.TopItemAsync();

    [BenchmarkCategory("1 whole call (in-memory handler)"), Benchmark]
    public Task<ItemSellerGetResult> Top_Sdk() => _sdk.TopItemAsync();

    [BenchmarkCategory("1 whole call (in-memory handler)"), Benchmark]
    public Task<ItemSellerGetResult> Top_Sdk_HttpClientLoggersRemoved() => _sdkNoHttpLogging.TopItemAsync();

    // ---- writing and signing the request -----------------------------------------------------------------------------------

    [BenchmarkCategory("2 sign + write request"), Benchmark(Baseline = true)]
    public long Jushuitan_Sign_Hand()
    {
        using var request = _hand.JushuitanShopsRequest();
        return request.Content!.Headers.ContentLength ?? 0;
    }

    [BenchmarkCategory("2 sign + write request"), Benchmark]
    public long Jushuitan_Sign_Sdk()
    {
        using var request = new HttpRequestMessage();
        _jushuitanSigner.SignAsync(request, new PlatformRequestContext(_jushuitanOperation, "default", _jushuitanPayload), default).AsTask().GetAwaiter().GetResult();
        return request.Content!.Headers.ContentLength ?? 0;
    }

    [BenchmarkCategory("2 sign + write request"), Benchmark]
    public string Jushuitan_SignatureOnly_Sdk() => JushuitanSignature.OpenApi(BenchCredentials.JushuitanAppSecret,
    [
        new("app_key", BenchCredentials.JushuitanAppKey), new("timestamp", "1764600000"), new("charset", "utf-8"),
        new("access_token", BenchCredentials.JushuitanAccessToken), new("version", "2"), new("biz", BenchCredentials.JushuitanShopsBiz),
    ]);

    [BenchmarkCategory("2 sign + write request"), Benchmark]
    public string Jushuitan_SignatureOnly_Hand() => HandCallers.Md5Hex(string.Concat(
        [BenchCredentials.JushuitanAppSecret, "access_token", BenchCredentials.JushuitanAccessToken, "app_key", BenchCredentials.JushuitanAppKey,
         "biz", BenchCredentials.JushuitanShopsBiz, "charset", "utf-8", "timestamp", "1764600000", "version", "2"]), lower: true);

    [BenchmarkCategory("2 sign + write request"), Benchmark]
    public long Top_Sign_Hand()
    {
        using var request = _hand.TopItemRequest();
        return request.Content!.Headers.ContentLength ?? 0;
    }

    [BenchmarkCategory("2 sign + write request"), Benchmark]
    public long Top_Sign_Sdk()
    {
        using var request = new HttpRequestMessage();
        _topSigner.SignAsync(request, new PlatformRequestContext(SdkCallers.ItemGet.ToPlatformOperation(), BenchCredentials.TopSeller, _topCall), default).AsTask().GetAwaiter().GetResult();
        return request.Content!.Headers.ContentLength ?? 0;
    }

    [BenchmarkCategory("2 sign + write request"), Benchmark]
    public long FormUrlEncodedContent_TopForm()
    {
        using var content = new FormUrlEncodedContent(_topParameters);
        return content.Headers.ContentLength ?? 0;
    }

    [BenchmarkCategory("2 sign + write request"), Benchmark]
    public MediaTypeHeaderValue ContentType_Parse() => MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded;charset=UTF-8");

    [BenchmarkCategory("2 sign + write request"), Benchmark]
    public Uri Jushuitan_OpenApiUri_PerCall() => _endpoints.OpenApi("/open/shops/query");

    // ---- reading the reply --------------------------------------------------------------------------------------------------

    [BenchmarkCategory("3 parse reply"), Benchmark(Baseline = true)]
    public int Jushuitan_Parse_Hand() => HandCallers.ToShops(JsonSerializer.Deserialize(_shopsBody, BenchJsonContext.Default.HandShopsReply)).Count;

    [BenchmarkCategory("3 parse reply"), Benchmark]
    public int Jushuitan_Classify_Sdk()
    {
        var result = _jushuitanClassifier.Classify(_okResponse, _shopsBody, new PlatformRequestContext(_jushuitanOperation, "default", _jushuitanPayload));
        (result.Parsed as IDisposable)?.Dispose();
        return result.Error is null ? 1 : 0;
    }

    /// <summary>A copy of what the SDK's reader does with the parsed document (JushuitanJson.ReadPage + JushuitanMappers.Shop, internal).</summary>
    [BenchmarkCategory("3 parse reply"), Benchmark]
    public int Jushuitan_ReadDocument_SdkPattern()
    {
        using var document = JsonDocument.Parse(_shopsBody);
        return SdkReaderReplica.ReadShops(document.RootElement.GetProperty("data")).Count;
    }

    [BenchmarkCategory("3 parse reply"), Benchmark]
    public bool ChinaTime_TryParse() => ChinaTime.TryParse("2026-12-31 23:59:59", out _);

    [BenchmarkCategory("3 parse reply"), Benchmark]
    public int Jushuitan_ReadDocument_SdkPattern_WithoutDates()
    {
        using var document = JsonDocument.Parse(_shopsBody);
        return SdkReaderReplica.ReadShops(document.RootElement.GetProperty("data"), dates: false).Count;
    }

    [BenchmarkCategory("3 parse reply"), Benchmark]
    public int Top_Parse_Hand() => HandCallers.ToItem(JsonSerializer.Deserialize(_topBody, BenchJsonContext.Default.HandTopReply)).Item!.Num;

    [BenchmarkCategory("3 parse reply"), Benchmark]
    public int Top_ClassifyAndDeserialize_Sdk()
    {
        var result = _topClassifier.Classify(_okResponse, _topBody, new PlatformRequestContext(SdkCallers.ItemGet.ToPlatformOperation(), BenchCredentials.TopSeller, _topCall));
        using var document = (JsonDocument)result.Parsed!;
        return document.RootElement.GetProperty("item_seller_get_response").Deserialize(BenchJsonContext.Default.ItemSellerGetResult)!.Item!.Num;
    }

    // ---- the executor and its plumbing --------------------------------------------------------------------------------------

    [BenchmarkCategory("4 executor"), Benchmark(Baseline = true)]
    public async Task<int> HttpClient_Send_InMemory()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://platform.invalid/x");
        using var response = await _cannedClient.SendAsync(request).ConfigureAwait(false);
        return (await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false)).Length;
    }

    /// <summary>PlatformRequestExecutor with a signer that only sets the URI, a classifier that accepts everything and the same in-memory handler.</summary>
    [BenchmarkCategory("4 executor"), Benchmark]
    public Task<int> Executor_Bare_InMemory()
        => _bareExecutor.SendAsync(new PlatformOperation("Bench", "bench.op", OperationIdempotency.Read), "t", "payload", static reply => reply.Body.Length);

    [BenchmarkCategory("4 executor"), Benchmark]
    public ValueTask<int> Polly_Pipeline_TimeoutRetryTimeout()
        => _pipeline.ExecuteAsync(static _ => new ValueTask<int>(1));

    [BenchmarkCategory("4 executor"), Benchmark]
    public int HandlerFactory_CreateHandler_AndInvoker()
    {
        using var invoker = new HttpMessageInvoker(_handlers.CreateHandler("PlatformSdk.Jushuitan"), disposeHandler: false);
        return invoker.GetHashCode();
    }

    [BenchmarkCategory("4 executor"), Benchmark]
    public ValueTask<AccessToken> TokenProvider_GetToken_Cached() => _tokens.GetTokenAsync(new TokenKey("Bench", "t"), _tokenSource, default);

    [BenchmarkCategory("4 executor"), Benchmark]
    public int Activity_And_Metrics_NoListener()
    {
        using var activity = Source.StartActivity("Jushuitan /open/shops/query", ActivityKind.Client);
        activity?.SetTag("platform", "Jushuitan");
        var tags = new TagList { { "platform", "Jushuitan" }, { "operation", "/open/shops/query" }, { "outcome", "success" } };
        Requests.Add(1, tags);
        Duration.Record(0.001, tags);
        return tags.Count;
    }

    [BenchmarkCategory("4 executor"), Benchmark]
    public int SdkActivitySource_NoListener()
    {
        using var activity = PlatformSdkDiagnostics.ActivitySource.StartActivity("Jushuitan /open/shops/query", ActivityKind.Client);
        return activity is null ? 0 : 1;
    }

    [BenchmarkCategory("4 executor"), Benchmark]
    public bool Logging_Disabled()
    {
        AttemptStarting(_disabledLogger, "Jushuitan", "/open/shops/query", "default", 1, null);
        return _disabledLogger.IsEnabled(LogLevel.Debug);
    }

    // ---- the proposed fixes (ProposedFixes.cs) against replicas of the current code ----------------------------------------

    [BenchmarkCategory("5 proposed fixes"), Benchmark(Baseline = true)]
    public int Fix_Reader_Current()
    {
        using var document = JsonDocument.Parse(_shopsBody);
        return SdkReaderReplica.ReadShops(document.RootElement.GetProperty("data")).Count;
    }

    [BenchmarkCategory("5 proposed fixes"), Benchmark]
    public int Fix_Reader_Proposed()
    {
        using var document = JsonDocument.Parse(_shopsBody);
        return ProposedFixes.ReadShops(document.RootElement.GetProperty("data")).Count;
    }

    [BenchmarkCategory("5 proposed fixes"), Benchmark]
    public bool Fix_Date_Proposed() => ProposedFixes.TryParseWireDateTime("2026-12-31 23:59:59"u8, out _);

    [BenchmarkCategory("5 proposed fixes"), Benchmark]
    public async Task<int> Fix_ReadBody_Current()
    {
        using var stream = new MemoryStream(_shopsBody, writable: false);
        return (await ProposedFixes.ReadBodyCurrentAsync(stream, _shopsBody.Length, 32L << 20).ConfigureAwait(false)).Length;
    }

    [BenchmarkCategory("5 proposed fixes"), Benchmark]
    public async Task<int> Fix_ReadBody_ExactSize()
    {
        using var stream = new MemoryStream(_shopsBody, writable: false);
        return (await ProposedFixes.ReadBodyExactAsync(stream, _shopsBody.Length, 32L << 20).ConfigureAwait(false)).Length;
    }

    [BenchmarkCategory("5 proposed fixes"), Benchmark]
    public async Task<int> Fix_ReadBody_Pooled()
    {
        using var stream = new MemoryStream(_shopsBody, writable: false);
        var (rented, length) = await ProposedFixes.ReadBodyPooledAsync(stream, _shopsBody.Length, 32L << 20).ConfigureAwait(false);
        System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        return length;
    }

    [BenchmarkCategory("5 proposed fixes"), Benchmark]
    public string Fix_JushuitanSign_Proposed() => ProposedFixes.JushuitanOpenApiSign(BenchCredentials.JushuitanAppSecret, [.. JushuitanSigned]);

    [BenchmarkCategory("5 proposed fixes"), Benchmark]
    public string Fix_TopSign_Current() => Top.Signing.TopSignature.Sign(Top.Signing.TopSignMethod.Md5, BenchCredentials.TopAppSecret,
        _topParameters.Take(_topParameters.Count - 1).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));

    [BenchmarkCategory("5 proposed fixes"), Benchmark]
    public string Fix_TopSign_Proposed() => ProposedFixes.TopMd5Sign(BenchCredentials.TopAppSecret, _topParameters);

    private sealed class PayloadCapture : PlatformCallPolicy
    {
        public PlatformRequestContext? Context { get; private set; }

        public override ValueTask OnCallStartingAsync(PlatformRequestContext context, CancellationToken cancellationToken)
        {
            Context ??= context;
            return default;
        }
    }

    private sealed class UriOnlySigner : IPlatformRequestSigner
    {
        private static readonly Uri Target = new("http://platform.invalid/bare");

        public ValueTask SignAsync(HttpRequestMessage request, PlatformRequestContext context, CancellationToken cancellationToken)
        {
            request.Method = HttpMethod.Post;
            request.RequestUri = Target;
            return default;
        }
    }

    private sealed class AcceptAllClassifier() : PlatformResponseClassifier(Errors.ErrorCatalogue.CreateBuilder("Bench").Build())
    {
        protected override PlatformClassification ClassifyBody(HttpResponseMessage response, ReadOnlyMemory<byte> body, PlatformRequestContext context)
            => PlatformClassification.Success();
    }

    private sealed class FixedTokenSource : IAccessTokenSource
    {
        public Task<AccessToken> AcquireAsync(TokenKey key, CancellationToken cancellationToken)
            => Task.FromResult(new AccessToken("token", DateTimeOffset.UtcNow.AddDays(30)));

        public Task<AccessToken> RefreshAsync(TokenKey key, AccessToken current, CancellationToken cancellationToken) => AcquireAsync(key, cancellationToken);
    }
}
#pragma warning restore CA1822
