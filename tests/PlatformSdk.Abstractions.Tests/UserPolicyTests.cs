using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PlatformSdk.Abstractions.Tests.Infrastructure;
using PlatformSdk.Errors;
using PlatformSdk.Http;

namespace PlatformSdk.Abstractions.Tests;

/// <summary>User policies run at the position they were added at: once per call, or on every attempt after signing.</summary>
public class UserPolicyTests
{
    private sealed class CountingCallPolicy : PlatformCallPolicy
    {
        public int Started;
        public ConcurrentQueue<(int Attempts, string? Failure)> Completed { get; } = new();

        public override ValueTask OnCallStartingAsync(PlatformRequestContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Started);
            return default;
        }

        public override void OnCallCompleted(PlatformRequestContext context, PlatformException? failure)
            => Completed.Enqueue((context.Attempt, failure?.ErrorCode));
    }

    private sealed class RefusingPolicy : PlatformCallPolicy
    {
        public override ValueTask OnCallStartingAsync(PlatformRequestContext context, CancellationToken cancellationToken)
            => throw new PlatformException(new PlatformError(context.Operation.Platform, "quota", "The ERP's own daily quota is used up.", ErrorCategory.Throttled, "Try tomorrow.")
            {
                Delivery = RequestDelivery.NotSent,
            });
    }

    private sealed class RecordingHandler(ConcurrentQueue<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue(request.RequestUri!.Query);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task A_per_call_policy_runs_once_around_all_attempts()
    {
        var policy = new CountingCallPolicy();
        using var h = PipelineHarness.CreateWith(n => n == 1 ? new ServerReply(503, "busy") : ServerReply.Ok, sdk => sdk.AddPolicy(TestPlatform.Name, policy));

        var response = await h.SendAsync(PipelineHarness.Context("policy.read", OperationIdempotency.Read));

        Assert.Equal(2, response.Attempts);
        Assert.Equal(1, policy.Started);
        Assert.Equal((2, (string?)null), Assert.Single(policy.Completed));
    }

    [Fact]
    public async Task A_per_call_policy_that_refuses_stops_the_call_before_anything_is_sent()
    {
        using var h = PipelineHarness.CreateWith(_ => ServerReply.Ok, sdk => sdk.AddPolicy(TestPlatform.Name, new RefusingPolicy()));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.SendAsync(PipelineHarness.Context("policy.write", OperationIdempotency.NonIdempotentWrite)));

        Assert.Equal("quota", ex.ErrorCode);
        Assert.Equal(0, h.ServerRequests);
    }

    [Fact]
    public async Task A_per_attempt_handler_sees_each_signed_attempt()
    {
        var seen = new ConcurrentQueue<string>();
        using var h = PipelineHarness.CreateWith(n => n == 1 ? new ServerReply(503, "busy") : ServerReply.Ok,
            sdk => sdk.AddPolicy(TestPlatform.Name, _ => new RecordingHandler(seen)));

        await h.SendAsync(PipelineHarness.Context("policy.attempts", OperationIdempotency.Read));

        Assert.Equal(2, seen.Count);
        Assert.All(seen, query => Assert.Contains("sign=", query, StringComparison.Ordinal));
        Assert.Equal(h.Signer.Seen.Select(s => s.Sign), seen.Select(q => q.Split("sign=")[1]));
    }
}
