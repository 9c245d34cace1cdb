using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;

namespace PlatformSdk.Abstractions.Tests;

/// <summary>The per-tenant rate limit runs on the injected clock, so tests (and users' tests) control it without waiting.</summary>
public sealed class RateLimiterClockTests
{
    private static readonly PlatformRequestContext Call = new(new PlatformOperation("Test", "test.limit", OperationIdempotency.Read), "shop", null);

    // One permit per 1,000 s: on the system clock the queued call below would wait for over 16 minutes, so the test can only
    // pass if the injected clock drives replenishment.
    private static PlatformResilienceOptions OnePerThousandSeconds() => new() { PermitsPerSecond = 0.001, Burst = 1, QueueLimit = 10 };

    [Fact]
    public async Task A_queued_call_gets_its_permit_when_the_injected_clock_reaches_the_replenishment()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var limiters = new PlatformRateLimiters(time);
        var options = OnePerThousandSeconds();

        using var first = await limiters.AcquireAsync(Call, options, CancellationToken.None);
        var second = limiters.AcquireAsync(Call, options, CancellationToken.None).AsTask();

        time.Advance(TimeSpan.FromSeconds(999));
        Assert.False(second.IsCompleted, "the permit is not back before 1,000 s of the injected clock have passed");

        time.Advance(TimeSpan.FromSeconds(1));
        using var lease = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(lease);
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task Waiters_are_served_in_arrival_order_one_period_apart_and_a_full_line_is_refused_with_the_wait()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var limiters = new PlatformRateLimiters(time);
        var options = new PlatformResilienceOptions { PermitsPerSecond = 2, Burst = 1, QueueLimit = 2 };

        await limiters.AcquireAsync(Call, options, CancellationToken.None);
        var second = limiters.AcquireAsync(Call, options, CancellationToken.None).AsTask();
        var third = limiters.AcquireAsync(Call, options, CancellationToken.None).AsTask();
        var refused = await Assert.ThrowsAsync<PlatformRateLimitRejectedException>(() => limiters.AcquireAsync(Call, options, CancellationToken.None).AsTask());

        Assert.Equal(TimeSpan.FromSeconds(1.5), refused.RetryAfter);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await third.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_line_and_its_permit_goes_to_the_next()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var limiters = new PlatformRateLimiters(time);
        var options = new PlatformResilienceOptions { PermitsPerSecond = 1, Burst = 1, QueueLimit = 2 };
        using var cancel = new CancellationTokenSource();

        await limiters.AcquireAsync(Call, options, CancellationToken.None);
        var abandoned = limiters.AcquireAsync(Call, options, cancel.Token).AsTask();
        var next = limiters.AcquireAsync(Call, options, CancellationToken.None).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        time.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
