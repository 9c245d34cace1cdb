using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Testing.Logging;

namespace PlatformSdk.Top.Tests;

/// <summary>
/// Invariant (issue "Hardening" §2): every <see cref="PlatformException"/> is redacted, whichever layer throws it. A TOP
/// gateway that echoes the request in its error (an invalid session, code 27, among them) must not put the session or the
/// signature into the exception or the log lines.
/// </summary>
public sealed class EchoedSecretTests
{
    private const string Session = "6100e2b7a9c8d5f4echoed";
    private static readonly TopOperation ItemGet = new("taobao.item.seller.get", OperationIdempotency.Read);

    public static TheoryData<int, string> EchoingErrors => new()
    {
        { 27, "Invalid session" },
        { 15, "Remote service error" },
        { 7, "App Call Limited" },
    };

    [Theory]
    [MemberData(nameof(EchoingErrors))]
    public async Task A_session_and_signature_echoed_in_an_error_reply_appear_neither_in_the_exception_nor_in_the_logs(int code, string message)
    {
        string? sentSign = null;
        using var stub = new TopStub(form =>
        {
            sentSign = form["sign"];
            // The gateway quotes the request back: raw, URL-encoded, and JSON-escaped.
            var echoed = $"session={form["session"]}&sign={form["sign"]} session%3D{Uri.EscapeDataString(form["session"])} \\u0073ession {form["session"]}";
            return "{\"error_response\":{\"code\":" + code + ",\"msg\":\"" + message + "\",\"sub_code\":\"isv.echo\",\"sub_msg\":\"" + echoed + "\",\"request_id\":\"echo\"}}";
        });
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddPlatformSdk().UseTimeProvider(new FakeTimeProvider(new DateTimeOffset(2024, 3, 1, 4, 5, 6, TimeSpan.Zero))).AddTop(o =>
        {
            o.AppKey = TopStub.AppKey;
            o.AppSecret = TopStub.AppSecret;
            o.EndpointsOverride = stub.Endpoints;
            o.Sellers["shop-a"] = new TopSellerOptions { Session = Session };
        });
        services.Configure<PlatformResilienceOptions>("Top", o => { o.BaseDelay = TimeSpan.Zero; o.MaxRetries = 0; });
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var ex = await Assert.ThrowsAnyAsync<PlatformException>(() => provider.GetRequiredService<TopClient>().ExecuteAsync(ItemGet, [new("num_iid", "1")], "shop-a", CancellationToken.None));

        Assert.NotNull(sentSign);
        var texts = new List<string> { ex.ToString(), ex.Message, ex.Remedy, ex.Error.ToString() };
        texts.AddRange(logs.Entries);
        foreach (var text in texts)
        {
            Assert.DoesNotContain(Session, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Uri.EscapeDataString(Session), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(sentSign!, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(TopStub.AppSecret, text, StringComparison.Ordinal);
        }
    }
}
