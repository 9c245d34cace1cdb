using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PlatformSdk.Abstractions.Tests.Infrastructure;
using PlatformSdk.Diagnostics;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using static PlatformSdk.Http.OperationIdempotency;

namespace PlatformSdk.Abstractions.Tests;

/// <summary>
/// The shared HTTP pipeline end to end against a loopback WireMock server: retries by category and
/// idempotency, token refresh, timeouts, rate limits, redacted logs, metrics and traces. Counts are taken
/// on the server (what the platform saw) or in the signer (attempts that never reached a server).
/// </summary>
public class PipelineTests
{
    private static string Op(string name) => $"test.{name}.{Guid.NewGuid():N}";

    [Fact]
    public async Task Read_retries_HTTP_5xx_up_to_MaxRetries_then_throws_Transient()
    {
        using var h = PipelineHarness.Create(_ => new ServerReply(503, "Service Unavailable"), o => o.MaxRetries = 3);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("read5xx"), Read)));

        Assert.Equal(4, await h.ServerRequestsAfterAsync(4));
        Assert.Equal(ErrorCategory.Transient, ex.Category);
        Assert.Equal("http-503", ex.ErrorCode);
        Assert.Equal(503, ex.Error.HttpStatus);
        Assert.False(ex.MayHaveBeenProcessed); // a read changes nothing
    }

    [Fact]
    [Rule("RLOG-16")]
    public async Task RLOG16_Read_retries_a_platform_transient_code_and_succeeds()
    {
        using var h = PipelineHarness.Create(n => n < 3 ? ServerReply.Json(500, "系统当前正处于访问高峰，稍后重试即可成功") : ServerReply.Ok);

        var response = await h.SendAsync(PipelineHarness.Context(Op("read16"), Read));

        Assert.Equal(3, response.Attempts);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(TestPlatform.Ok, System.Text.Encoding.UTF8.GetString(response.Body.Span));
        Assert.Equal(3, await h.ServerRequestsAfterAsync(3));
        Assert.Equal([1, 2, 3], h.Signer.Seen.Select(s => s.Attempt));
        Assert.Equal("RLOG-16", h.Signer.Seen.Last().PreviousError?.RuleId);
    }

    [Fact]
    [Rule("RLOG-41")]
    public async Task RLOG41_IdempotentWrite_retries_Throttled()
    {
        using var h = PipelineHarness.Create(n => n == 1 ? ServerReply.Json(429001, "QPS over limit") : ServerReply.Ok);

        var response = await h.SendAsync(PipelineHarness.Context(Op("upload"), IdempotentWrite));

        Assert.Equal(2, response.Attempts);
        Assert.Equal(2, await h.ServerRequestsAfterAsync(2));
        Assert.Equal(ErrorCategory.Throttled, h.Signer.Seen.Last().PreviousError?.Category);
    }

    [Fact]
    public async Task Every_attempt_is_signed_afresh()
    {
        var time = new SignalingFakeTimeProvider(TokenStoreTests.Start);
        using var h = PipelineHarness.Create(n => n == 1 ? new ServerReply(502, "bad gateway") : ServerReply.Ok, o => o.BaseDelay = TimeSpan.Zero, time);

        await h.SendAsync(PipelineHarness.Context(Op("resign"), Read));

        var requests = h.Server!.LogEntries.Select(e => e.RequestMessage!).ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Single(r.Query!["sign"])); // the query is replaced, not appended to
        Assert.All(requests, r => Assert.Contains("timestamp=", r.Body!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NonIdempotentWrite_with_5xx_is_sent_once_and_may_have_been_processed()
    {
        using var h = PipelineHarness.Create(_ => new ServerReply(500, "Internal Server Error"));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("ship"), NonIdempotentWrite)));

        Assert.Equal(1, await h.ServerRequestsAfterAsync(1));
        Assert.Equal(1, h.Signer.Attempts);
        Assert.Equal(ErrorCategory.Transient, ex.Category);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("before resending", ex.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RLOG-40")]
    public async Task RLOG40_a_backend_timeout_reported_in_a_200_body_leaves_a_write_possibly_processed_but_not_a_read()
    {
        using var h = PipelineHarness.Create(_ => new ServerReply(200, TestPlatform.Reply(15, "底层服务调用失败 HSFTimeOutException")));

        var write = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("ship-hsf"), NonIdempotentWrite)));
        var read = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("read-hsf"), Read)));

        Assert.Equal(("RLOG-40", true), (write.RuleId, write.Error.OutcomeUnknown));
        Assert.True(write.MayHaveBeenProcessed);
        Assert.False(read.MayHaveBeenProcessed); // a read changes nothing
    }

    [Fact]
    public async Task NonIdempotentWrite_with_an_unreadable_200_reply_is_sent_once_and_may_have_been_processed()
    {
        using var h = PipelineHarness.Create(_ => new ServerReply(200, "{\"code\":0,\"msg\":\"o"));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("ship-cut"), NonIdempotentWrite)));

        Assert.Equal(1, await h.ServerRequestsAfterAsync(1));
        Assert.Equal("malformed-response", ex.ErrorCode);
        Assert.True(ex.MayHaveBeenProcessed); // the platform got the request and answered: it may have shipped
    }

    [Fact]
    public async Task NonIdempotentWrite_refused_by_the_configured_host_itself_never_reached_it_and_is_retried_as_not_sent()
    {
        // Only the configured host can refuse a connection: redirects are never followed, so a refusal can no longer come
        // from a redirect target after the platform got the request (that case is HostileReplyTests' redirect tests).
        using var h = PipelineHarness.CreateWithoutServer(o => o.MaxRetries = 2);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("ship-refused"), NonIdempotentWrite)));

        Assert.Equal(3, h.Signer.Attempts); // connection refused: provably never reached the platform, so retrying is safe
        Assert.Equal("connection-failed", ex.ErrorCode);
        Assert.Equal(ErrorCategory.Transient, ex.Category);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Contains("not sent", ex.Remedy, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Theory]
    [Rule("RLOG-14", "RLOG-22")]
    [InlineData(Read, "发货方式不匹配 #B98", ErrorCategory.Validation, "RLOG-22")]
    [InlineData(IdempotentWrite, "发货方式不匹配＃Ｂ98", ErrorCategory.Validation, "RLOG-22")]
    [InlineData(Read, "订单已被缺货处理", ErrorCategory.BusinessRule, "RLOG-14")]
    [InlineData(IdempotentWrite, "订单已被缺货处理", ErrorCategory.BusinessRule, "RLOG-14")]
    public async Task Validation_and_BusinessRule_errors_are_not_retried(OperationIdempotency idempotency, string message, ErrorCategory category, string ruleId)
    {
        using var h = PipelineHarness.Create(_ => ServerReply.Json(20001, message));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("noretry"), idempotency)));

        Assert.Equal(1, await h.ServerRequestsAfterAsync(1));
        Assert.Equal(1, h.Signer.Attempts);
        Assert.Equal(category, ex.Category);
        Assert.Equal(ruleId, ex.RuleId);
        Assert.Equal("20001", ex.ErrorCode);
        Assert.Equal(message, ex.Error.Message);
        Assert.False(ex.MayHaveBeenProcessed);
    }

    [Fact]
    public async Task Unknown_platform_errors_are_not_retried()
    {
        using var h = PipelineHarness.Create(_ => ServerReply.Json(777, "完全未知的错误"));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("unknown"), Read)));

        Assert.Equal(1, await h.ServerRequestsAfterAsync(1));
        Assert.Equal(ErrorCategory.Unknown, ex.Category);
    }

    [Fact]
    [Rule("RJST-02")]
    public async Task RJST02_token_expiry_refreshes_the_token_and_retries_once_even_for_a_non_idempotent_write()
    {
        using var h = PipelineHarness.Create(n => n == 1 ? ServerReply.Json(100, "token expired") : ServerReply.Ok);

        var response = await h.SendAsync(PipelineHarness.Context(Op("ship-token"), NonIdempotentWrite));

        Assert.Equal(2, response.Attempts);
        var attempts = h.Signer.Seen.ToArray();
        Assert.Null(attempts[0].PreviousError);
        Assert.True(attempts[1].PreviousError?.IsTokenExpiry);
        Assert.NotEqual(attempts[0].Token, attempts[1].Token); // the signer refreshed the rejected token
        Assert.Equal(1, h.Tokens.Refreshed);
        var bodies = h.Server!.LogEntries.Select(e => e.RequestMessage!.Body!).ToArray();
        Assert.Contains("access_token=" + Uri.EscapeDataString(attempts[0].Token), bodies[0], StringComparison.Ordinal);
        Assert.Contains("access_token=" + Uri.EscapeDataString(attempts[1].Token), bodies[1], StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RJST-02")]
    public async Task RJST02_a_token_rejected_twice_is_refreshed_only_once()
    {
        using var h = PipelineHarness.Create(_ => ServerReply.Json(100, "token expired"), o => o.MaxRetries = 5);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("read-token"), Read)));

        Assert.Equal(2, await h.ServerRequestsAfterAsync(2));
        Assert.Equal(ErrorCategory.Authentication, ex.Category);
        Assert.True(ex.Error.IsTokenExpiry);
        Assert.Equal("RJST-02", ex.RuleId);
        Assert.Equal(1, h.Tokens.Refreshed);
    }

    [Theory]
    [InlineData(200, "<html><body><h1>502 Bad Gateway</h1></body></html>", "html-response")]
    [InlineData(200, "\r\n  <!DOCTYPE html><html>维护中</html>", "html-response")]
    [InlineData(502, "<html><body>nginx</body></html>", "http-502")]
    [InlineData(200, "", "empty-response")]
    public async Task HTML_pages_and_empty_bodies_are_Transient_and_retried_for_reads(int status, string body, string code)
    {
        using var h = PipelineHarness.Create(_ => new ServerReply(status, body), o => o.MaxRetries = 2);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("html"), Read)));

        Assert.Equal(3, await h.ServerRequestsAfterAsync(3));
        Assert.Equal(ErrorCategory.Transient, ex.Category);
        Assert.Equal(code, ex.ErrorCode);
    }

    [Theory]
    [InlineData(401, ErrorCategory.Authentication)]
    [InlineData(403, ErrorCategory.Authentication)]
    [InlineData(404, ErrorCategory.Configuration)]
    [InlineData(418, ErrorCategory.Unknown)]
    public async Task HTTP_client_errors_are_classified_and_not_retried(int status, ErrorCategory category)
    {
        using var h = PipelineHarness.Create(_ => new ServerReply(status, "no"));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("4xx"), Read)));

        Assert.Equal(1, await h.ServerRequestsAfterAsync(1));
        Assert.Equal(category, ex.Category);
        Assert.Equal($"http-{status}", ex.ErrorCode);
    }

    [Fact]
    public async Task HTTP_429_waits_for_Retry_After_on_the_injected_clock_before_the_second_request()
    {
        var time = new SignalingFakeTimeProvider(TokenStoreTests.Start);
        var retryAfter = TimeSpan.FromSeconds(5);
        using var h = PipelineHarness.Create(
            n => n == 1 ? new ServerReply(429, "slow down", new Dictionary<string, string> { ["Retry-After"] = "5" }) : ServerReply.Ok,
            o => o.MaxDelay = TimeSpan.FromSeconds(30),
            time);

        var call = h.SendAsync(PipelineHarness.Context(Op("read429"), Read));
        await time.TimerCreated(retryAfter).WaitAsync(TimeSpan.FromSeconds(10)); // the pipeline is now waiting

        time.Advance(retryAfter - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, h.Signer.Attempts);
        Assert.False(call.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var response = await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, response.Attempts);
        Assert.Equal(2, await h.ServerRequestsAfterAsync(2));
        Assert.Equal("http-429", h.Signer.Seen.Last().PreviousError?.Code);
        Assert.Equal(retryAfter, h.Signer.Seen.Last().PreviousError?.RetryAfter);
    }

    [Fact]
    [Rule("RLOG-49")]
    public async Task RLOG49_HTTP_429_asking_for_longer_than_MaxDelay_is_not_retried_and_carries_RetryAfter()
    {
        using var h = PipelineHarness.Create(
            _ => new ServerReply(429, "slow down", new Dictionary<string, string> { ["Retry-After"] = "120" }),
            o => o.MaxDelay = TimeSpan.FromSeconds(60));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("read429long"), Read)));

        Assert.Equal(1, await h.ServerRequestsAfterAsync(1));
        Assert.Equal(ErrorCategory.Throttled, ex.Category);
        Assert.Equal(TimeSpan.FromSeconds(120), ex.Error.RetryAfter);
    }

    [Fact]
    public async Task Total_timeout_ends_the_call_with_code_timeout()
    {
        using var h = PipelineHarness.CreateAsync(
            async (_, _) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                return ServerReply.Ok;
            },
            o =>
            {
                o.TotalTimeout = TimeSpan.FromMilliseconds(300);
                o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            });

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("slow"), Read)));

        Assert.Equal("timeout", ex.ErrorCode);
        Assert.Equal(ErrorCategory.Transient, ex.Category);
    }

    [Fact]
    public async Task Caller_cancellation_surfaces_as_OperationCanceledException_not_PlatformException()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var h = PipelineHarness.CreateAsync(async (_, _) =>
        {
            arrived.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(10));
            return ServerReply.Ok;
        });
        using var cts = new CancellationTokenSource();

        var call = h.SendAsync(PipelineHarness.Context(Op("cancel"), IdempotentWrite), cts.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotType<PlatformException>(ex);
        Assert.Equal(1, h.Signer.Attempts);
        release.SetResult();
    }

    [Fact]
    public async Task Per_tenant_rate_limit_throttles_the_busy_tenant_only()
    {
        using var h = PipelineHarness.Create(_ => ServerReply.Ok, o =>
        {
            o.PermitsPerSecond = 0.001; // one permit, replenished after ~17 minutes
            o.Burst = 1;
            o.QueueLimit = 0;
            o.MaxDelay = TimeSpan.FromSeconds(1);
        });

        await h.SendAsync(PipelineHarness.Context(Op("limit"), Read, tenant: "busy-shop"));
        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(Op("limit"), NonIdempotentWrite, tenant: "busy-shop")));
        var other = await h.SendAsync(PipelineHarness.Context(Op("limit"), Read, tenant: "quiet-shop"));

        Assert.Equal(ErrorCategory.Throttled, ex.Category);
        Assert.Equal("client-rate-limit", ex.ErrorCode);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Equal(1, other.Attempts);
        Assert.Equal(2, h.Signer.Attempts); // the rejected call was never signed
        Assert.Equal(2, await h.ServerRequestsAfterAsync(2));
    }

    [Fact]
    public async Task Logs_at_Trace_level_contain_no_secret()
    {
        using var h = PipelineHarness.Create(n => n == 1
            ? ServerReply.Json(500, "系统当前正处于访问高峰,稍后重试即可成功")
            : ServerReply.Ok);
        var context = PipelineHarness.Context(Op("secrets"), Read);

        await h.SendAsync(context);
        // A platform that echoes the request (some do, in error messages) must not leak it either.
        using var echo = PipelineHarness.CreateAsync((_, request) => Task.FromResult(ServerReply.Json(1, "invalid request: " + request.Body + " url " + request.Url)));
        var ex = await Assert.ThrowsAsync<PlatformException>(() => echo.SendAsync(PipelineHarness.Context(Op("secrets-echo"), Read)));

        Assert.Contains("sign=***", h.Logs.AllText, StringComparison.Ordinal); // proves the request was logged at all
        Assert.Contains("partnerkey=***", echo.Logs.AllText, StringComparison.Ordinal);
        foreach (var (harness, text) in new[] { (h, h.Logs.AllText), (echo, echo.Logs.AllText), (echo, ex.ToString()) })
        {
            Assert.DoesNotContain(TestPlatform.PartnerKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(TestPlatform.PartnerKey), text, StringComparison.Ordinal);
            foreach (var attempt in harness.Signer.Seen)
            {
                Assert.DoesNotContain(attempt.Sign, text, StringComparison.Ordinal);
                Assert.DoesNotContain(attempt.Token, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Metrics_count_requests_retries_and_errors_per_operation()
    {
        var ok = Op("metrics-ok");
        var failing = Op("metrics-fail");
        using var requests = new MetricCollector<long>(PlatformSdkDiagnostics.Meter, PlatformSdkDiagnostics.RequestsInstrument);
        using var retries = new MetricCollector<long>(PlatformSdkDiagnostics.Meter, PlatformSdkDiagnostics.RetriesInstrument);
        using var errors = new MetricCollector<long>(PlatformSdkDiagnostics.Meter, PlatformSdkDiagnostics.ErrorsInstrument);
        using var duration = new MetricCollector<double>(PlatformSdkDiagnostics.Meter, PlatformSdkDiagnostics.DurationInstrument);
        using var h = PipelineHarness.Create(n => n switch
        {
            1 or 2 => new ServerReply(503, "busy"),
            3 => ServerReply.Ok,
            _ => ServerReply.Json(20001, "订单已被缺货处理"),
        });

        await h.SendAsync(PipelineHarness.Context(ok, Read));
        await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context(failing, Read)));

        static IEnumerable<CollectedMeasurement<T>> For<T>(MetricCollector<T> c, string op)
            where T : struct
            => c.GetMeasurementSnapshot().Where(m => Equals(m.Tags["operation"], op));

        var okRequest = Assert.Single(For(requests, ok));
        Assert.Equal(1, okRequest.Value);
        Assert.Equal("success", okRequest.Tags["outcome"]);
        Assert.Equal(TestPlatform.Name, okRequest.Tags["platform"]);
        var okRetries = For(retries, ok).ToList();
        Assert.Equal(2, okRetries.Sum(m => m.Value));
        Assert.All(okRetries, m => Assert.Equal("Transient", m.Tags["error.category"]));
        Assert.Empty(For(errors, ok));

        var failedRequest = Assert.Single(For(requests, failing));
        Assert.Equal("BusinessRule", failedRequest.Tags["outcome"]);
        var error = Assert.Single(For(errors, failing));
        Assert.Equal("BusinessRule", error.Tags["error.category"]);
        Assert.Equal("20001", error.Tags["error.code"]);
        Assert.Empty(For(retries, failing));
        Assert.Single(For(duration, ok));
        Assert.Single(For(duration, failing));
    }

    [Fact]
    public async Task An_activity_is_created_per_call_with_tags_and_retry_events()
    {
        var operation = Op("trace");
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PlatformSdkDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem("operation"), operation))
                {
                    stopped.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var h = PipelineHarness.Create(n => n == 1 ? new ServerReply(503, "busy") : ServerReply.Ok);

        await h.SendAsync(PipelineHarness.Context(operation, Read, tenant: "shop-7"));

        var activity = Assert.Single(stopped);
        Assert.Equal($"{TestPlatform.Name} {operation}", activity.DisplayName);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal(TestPlatform.Name, activity.GetTagItem("platform"));
        Assert.Equal("shop-7", activity.GetTagItem("tenant"));
        Assert.Equal(2, activity.GetTagItem("attempts"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Single(activity.Events, e => e.Name == "retry");
    }

    [Fact]
    public async Task Every_attempt_is_a_new_request_message_written_by_the_signer()
    {
        var seen = new List<HttpRequestMessage>();
        using var h = PipelineHarness.Create(n => n == 1 ? new ServerReply(503, "busy") : ServerReply.Ok);
        h.Signer.OnSigned = request => seen.Add(request);

        await h.SendAsync(PipelineHarness.Context(Op("fresh"), Read));

        Assert.Equal(2, seen.Count);
        Assert.NotSame(seen[0], seen[1]);
    }
}
