using PlatformSdk.Testing.Logging;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlatformSdk.Http;
using PlatformSdk.Tokens;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace PlatformSdk.Abstractions.Tests.Infrastructure;

/// <summary>A reply the fake server sends for the n-th request (1-based).</summary>
internal sealed record ServerReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ServerReply Ok { get; } = new(200, TestPlatform.Ok);

    public static ServerReply Json(int code, string msg, int status = 200) => new(status, TestPlatform.Reply(code, msg));
}

/// <summary>
/// One test's world: a loopback WireMock server, a service provider with the platform pipeline, and an
/// executor. Everything is per test so counts, limiters and options never leak between tests.
/// </summary>
internal sealed class PipelineHarness : IDisposable
{
    private int _served;

    private PipelineHarness(Func<int, IRequestMessage, Task<ServerReply>>? replies, Action<PlatformResilienceOptions> configure, TimeProvider? time, Uri? endpoint, Action<IPlatformSdkBuilder>? register = null)
    {
        if (replies is not null)
        {
            Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{Loopback.FreePort()}"] });
            Server.Given(Request.Create().UsingPost().WithPath("/api"))
                .RespondWith(Response.Create().WithCallback(async request =>
                {
                    var reply = await replies(Interlocked.Increment(ref _served), request);
                    var message = new ResponseMessage
                    {
                        StatusCode = reply.Status,
                        BodyData = new BodyData { BodyAsString = reply.Body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
                        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(reply.Body.TrimStart().StartsWith('<') ? "text/html" : "application/json") },
                    };
                    foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
                    {
                        message.Headers[name] = new WireMockList<string>(value);
                    }

                    return (IResponseMessage)message;
                }));
            Endpoint = new Uri(Server.Url! + "/api");
        }
        else
        {
            Endpoint = endpoint!;
        }

        Time = time ?? TimeProvider.System;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        var sdk = services.AddPlatformSdk();
        if (time is not null)
        {
            sdk.UseTimeProvider(time);
        }

        services.Configure<PlatformResilienceOptions>(TestPlatform.Name, o =>
        {
            o.BaseDelay = TimeSpan.FromMilliseconds(1);
            configure(o);
        });
        sdk.AddPlatformTenant(new PlatformPackage<HarnessOptions>
        {
            Platform = TestPlatform.Name,
            Bind = static (_, _) => { },
            Signer = _ => Signer!,
            Classifier = _ => new TestClassifier(TestPlatform.Catalogue),
            Validator = _ => new HarnessOptionsValidator(),
        }, string.Empty, null, null);
        register?.Invoke(sdk);
        Provider = services.BuildServiceProvider();
        Tokens = new CountingTokenSource(Time);
        Signer = new TestSigner(Provider.GetRequiredService<AccessTokenProvider>(), Tokens, Time) { Endpoint = Endpoint };
        Executor = Provider.GetRequiredService<PlatformExecutors>().Get(TestPlatform.Name, null);
    }

    public WireMockServer? Server { get; }

    public Uri Endpoint { get; }

    public ServiceProvider Provider { get; }

    public TimeProvider Time { get; }

    public CountingTokenSource Tokens { get; }

    public TestSigner Signer { get; }

    public PlatformRequestExecutor Executor { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public int ServerRequests => Server!.LogEntries.Count;

    public static PipelineHarness Create(Func<int, ServerReply> replies, Action<PlatformResilienceOptions>? configure = null, TimeProvider? time = null)
        => new((n, _) => Task.FromResult(replies(n)), configure ?? (_ => { }), time, null);

    /// <summary>A harness with extra registrations (user policies) on the PlatformSdk builder.</summary>
    public static PipelineHarness CreateWith(Func<int, ServerReply> replies, Action<IPlatformSdkBuilder> register)
        => new((n, _) => Task.FromResult(replies(n)), _ => { }, null, null, register);

    public static PipelineHarness CreateAsync(Func<int, IRequestMessage, Task<ServerReply>> replies, Action<PlatformResilienceOptions>? configure = null, TimeProvider? time = null)
        => new(replies, configure ?? (_ => { }), time, null);

    /// <summary>A harness whose endpoint is a loopback port nothing listens on.</summary>
    public static PipelineHarness CreateWithoutServer(Action<PlatformResilienceOptions>? configure = null)
        => new(null, configure ?? (_ => { }), null, new Uri($"http://127.0.0.1:{Loopback.FreePort()}/api"));

    public static PlatformRequestContext Context(string operation, OperationIdempotency idempotency, string tenant = "tenant-a", string payload = "{\"so_id\":\"SO-1\"}")
        => new(new PlatformOperation(TestPlatform.Name, operation, idempotency), tenant, payload);

    public Task<PlatformResponse> SendAsync(PlatformRequestContext context, CancellationToken cancellationToken = default)
        => Executor.SendAsync(context, reply => new PlatformResponse(reply.StatusCode, reply.Body.ToArray(), reply.Attempts), cancellationToken);

    /// <summary>Waits until the server has logged <paramref name="count"/> requests (its log may trail the client), then returns the count.</summary>
    public async Task<int> ServerRequestsAfterAsync(int count)
    {
        await Loopback.WaitUntilAsync(() => ServerRequests >= count, $"{count} server requests (have {ServerRequests})");
        return ServerRequests;
    }

    public void Dispose()
    {
        Provider.Dispose();
        Server?.Stop();
        Server?.Dispose();
    }
}

/// <summary>What a successful call returned, as the tests read it.</summary>
internal sealed record PlatformResponse(int StatusCode, ReadOnlyMemory<byte> Body, int Attempts);

internal sealed class HarnessOptions;

internal sealed class HarnessOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<HarnessOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, HarnessOptions options) => Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
