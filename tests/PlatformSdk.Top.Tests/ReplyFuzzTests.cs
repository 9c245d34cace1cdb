using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;
using PlatformSdk.Testing;
using PlatformSdk.Top.Errors;
using PlatformSdk.Top.Protocol;

namespace PlatformSdk.Top.Tests;

/// <summary>
/// Hostile replies become platform errors (never a raw exception): real TOP calls over loopback answered with replies mutated
/// from valid ones, and the classifier and parser called in-process. Fixed seeds; a failure prints the seed and input.
/// </summary>
public sealed class ReplyFuzzTests : IDisposable
{
    private const int Seed = 8_0403;
    private static readonly TopOperation ItemGet = new("taobao.item.seller.get", OperationIdempotency.Read);
    private static readonly TopOperation CodeSend = new("taobao.eticket.merchant.ma.send", OperationIdempotency.NonIdempotentWrite);

    private const string ItemReply = "{\"item_seller_get_response\":{\"item\":{\"num_iid\":11223344,\"title\":\"T\"},\"num_iid\":5,\"title\":\"Tea\",\"request_id\":\"r1\"}}";
    private const string SendReply = "{\"eticket_merchant_ma_send_response\":{\"ret_code\":\"1\",\"ret_msg\":\"ok\",\"request_id\":\"r2\"}}";
    private const string ErrorReply = "{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\",\"sub_code\":\"isp.top-remote-service-unavailable\",\"sub_msg\":\"backend down\",\"request_id\":\"e1\"}}";
    private const string BanReply = "{\"error_response\":{\"code\":7,\"msg\":\"App Call Limited\",\"sub_code\":\"accesscontrol.limited-by-app-access-count\",\"sub_msg\":\"This ban will last for 17 more seconds\"}}";
    private const string SessionReply = "{\"error_response\":{\"code\":\"27\",\"msg\":\"Invalid session\",\"sub_code\":\"invalid-sessionkey\"}}";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 3, 1, 4, 5, 6, TimeSpan.Zero));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private TopClient Client(LoopbackStubServer stub, bool simplify)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(_time).AddTop(o =>
        {
            o.AppKey = "12345678";
            o.AppSecret = "helloworld0123456789";
            o.EndpointsOverride = new TopEndpoints(new Uri(stub.Url + "/router/rest"), new Uri(stub.Url + "/router/qimen/service"));
            o.Sellers["shop-a"] = new TopSellerOptions { Session = "6100e2b7a9c8d5f4session" };
            o.Simplify = simplify;
        });
        // One retry and no waits on the fake clock (a longer Retry-After, such as a ban, is not retried).
        services.Configure<PlatformResilienceOptions>("Top", o =>
        {
            o.PermitsPerSecond = 0;
            o.MaxRetries = 1;
            o.BaseDelay = TimeSpan.Zero;
            o.MaxDelay = TimeSpan.Zero;
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider.GetRequiredService<TopClient>();
    }

    private sealed record Target(string Name, string ValidReply, bool Simplify, Func<TopClient, Task> Call);

    private static readonly Target[] Targets =
    [
        new("read", ItemReply, false, async c => _ = (await c.ExecuteAsync(ItemGet, [new("num_iid", "5")], "shop-a", CancellationToken.None)).RequestId),
        new("typed read", ItemReply, false, c => c.ExecuteAsync(ItemGet, [new("num_iid", "5")], "shop-a", TestJsonContext.Default.ItemResult, CancellationToken.None)),
        new("write", SendReply, false, async c => _ = (await c.ExecuteAsync(CodeSend, [new("outer_id", "o1")], "shop-a", CancellationToken.None)).RequestId),
        new("simplified read", "{\"item\":{\"num_iid\":1},\"request_id\":\"r\"}", true, c => c.ExecuteAsync(ItemGet, [new("num_iid", "5")], "shop-a", TestJsonContext.Default.ItemResult, CancellationToken.None)),
        new("error", ErrorReply, false, c => c.ExecuteAsync(ItemGet, [new("num_iid", "5")], "shop-a", CancellationToken.None)),
        new("ban", BanReply, false, c => c.ExecuteAsync(CodeSend, [new("outer_id", "o1")], "shop-a", CancellationToken.None)),
        new("session", SessionReply, false, c => c.ExecuteAsync(ItemGet, [new("num_iid", "5")], "shop-a", CancellationToken.None)),
    ];

    [Fact]
    public async Task Every_client_call_answered_with_a_hostile_reply_returns_or_throws_a_PlatformException()
    {
        using var stub = new LoopbackStubServer();
        var clients = new Dictionary<bool, TopClient> { [false] = Client(stub, false), [true] = Client(stub, true) };
        var runs = Targets.SelectMany((target, i) => ReplyFuzz.Cases(Seed + i, target.ValidReply, 220, i * 1000).Select(c => (Target: target, Case: c))).ToList();
        var byIndex = runs.ToDictionary(r => r.Case.Index);

        await ReplyFuzz.AssertOnlyPlatformErrorsAsync(Seed, runs.Select(r => r.Case with { Kind = r.Target.Name + ": " + r.Case.Kind }), async @case =>
        {
            var (target, fuzzed) = byIndex[@case.Index];
            stub.SetHandler(_ => new StubReply(fuzzed.Status, fuzzed.Body, "text/javascript;charset=UTF-8"));
            await target.Call(clients[target.Simplify]);
        });
    }

    [Fact]
    public void The_classifier_and_the_parser_turn_every_hostile_body_into_a_result_or_a_PlatformException()
    {
        var classifier = new TopResponseClassifier();
        var replies = new[] { ItemReply, SendReply, ErrorReply, BanReply, SessionReply };
        var cases = replies.SelectMany((reply, i) => ReplyFuzz.Cases(Seed + 100 + i, reply, 300, i * 1000)).ToList();

        ReplyFuzz.AssertOnlyPlatformErrors(Seed + 100, cases, @case =>
        {
            _ = classifier.ClassifyBody(@case.Body, ItemGet.Method);
            _ = classifier.ClassifyBody(@case.Body, CodeSend.Method, simplify: true);
            _ = classifier.ClassifyBody(@case.Body, method: null);
            if (!PlatformResponseClassifier.TryParseJsonObject(@case.Body, out var document, out _))
            {
                return;
            }

            using (document)
            {
                var root = document.RootElement;
                if (TopResponseParser.TryReadError(root, out var error))
                {
                    _ = error.FullMessage;
                    _ = TopResponseClassifier.ParseBanSeconds(error.SubMessage);
                }

                if (TopResponseParser.TryGetSuccess(root, ItemGet.Method, simplify: true, out var success))
                {
                    _ = TopResponseParser.Text(success, "request_id");
                    _ = TopResponseParser.Text(success, "num_iid");
                    _ = TopResponseParser.Text(success, "title");
                }
            }
        });
    }
}
