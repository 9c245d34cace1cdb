using PlatformSdk.Errors;
using PlatformSdk.Http;

namespace PlatformSdk.Abstractions.Tests;

public class RetryPolicyTests
{
    private static readonly PlatformResilienceOptions Options = new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(10),
    };

    // The decision table, written out: which categories a repeat can fix, and when a repeat can do harm.
    public static TheoryData<OperationIdempotency, ErrorCategory, bool, bool> DecisionTable()
    {
        var data = new TheoryData<OperationIdempotency, ErrorCategory, bool, bool>();
        foreach (var op in Enum.GetValues<OperationIdempotency>())
        {
            foreach (var category in Enum.GetValues<ErrorCategory>())
            {
                var repeatCanHelp = category is ErrorCategory.Transient or ErrorCategory.Throttled;
                data.Add(op, category, false, repeatCanHelp && op != OperationIdempotency.NonIdempotentWrite);
                data.Add(op, category, true, repeatCanHelp); // never reached the platform: any operation may repeat
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DecisionTable))]
    public void ShouldRetry_follows_the_decision_table(OperationIdempotency idempotency, ErrorCategory category, bool notSent, bool expected)
    {
        var operation = new PlatformOperation("P", "op", idempotency);
        var error = new PlatformError("P", "x", "m", category, "r");

        Assert.Equal(expected, PlatformOutcomePolicy.ShouldRetry(operation, error with { Delivery = notSent ? RequestDelivery.NotSent : RequestDelivery.OutcomeUnknown }, tokenAlreadyRefreshed: false, Options));
    }

    [Fact]
    public void Decision_table_covers_every_operation_category_and_send_state()
        => Assert.Equal(3 * 8 * 2, DecisionTable().Count);

    [Theory]
    [Rule("RJST-02")]
    [InlineData(OperationIdempotency.Read)]
    [InlineData(OperationIdempotency.IdempotentWrite)]
    [InlineData(OperationIdempotency.NonIdempotentWrite)]
    public void RJST02_token_expiry_is_retried_once_for_any_operation(OperationIdempotency idempotency)
    {
        var operation = new PlatformOperation("P", "op", idempotency);
        var error = new PlatformError("P", "100", "token expired", ErrorCategory.Authentication, "r") { IsTokenExpiry = true };

        Assert.True(PlatformOutcomePolicy.ShouldRetry(operation, error, tokenAlreadyRefreshed: false, Options));
        Assert.False(PlatformOutcomePolicy.ShouldRetry(operation, error, tokenAlreadyRefreshed: true, Options));
    }

    [Fact]
    [Rule("RLOG-49")]
    public void RLOG49_RetryAfter_longer_than_MaxDelay_is_not_retried()
    {
        var read = new PlatformOperation("P", "op", OperationIdempotency.Read);
        var error = new PlatformError("P", "x", "网络超时异常,请120秒后重试", ErrorCategory.Throttled, "r") { RetryAfter = TimeSpan.FromSeconds(120) };

        Assert.False(PlatformOutcomePolicy.ShouldRetry(read, error, false, Options));
        Assert.True(PlatformOutcomePolicy.ShouldRetry(read, error with { RetryAfter = Options.MaxDelay }, false, Options));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(3, 800)]
    [InlineData(6, 6400)]
    public void ComputeDelay_doubles_per_retry(int retryIndex, double expectedMs)
    {
        var error = new PlatformError("P", "x", "m", ErrorCategory.Transient, "r");

        // jitter 0.5 is the middle of 80%–120%: exactly the nominal backoff.
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), PlatformOutcomePolicy.ComputeDelay(retryIndex, error, Options, 0.5));
    }

    [Fact]
    public void ComputeDelay_jitter_stays_within_80_to_120_percent()
    {
        var error = new PlatformError("P", "x", "m", ErrorCategory.Transient, "r");
        Assert.Equal(TimeSpan.FromMilliseconds(80), PlatformOutcomePolicy.ComputeDelay(0, error, Options, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(120), PlatformOutcomePolicy.ComputeDelay(0, error, Options, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(80), PlatformOutcomePolicy.ComputeDelay(0, error, Options, -5)); // clamped
        Assert.Equal(TimeSpan.FromMilliseconds(120), PlatformOutcomePolicy.ComputeDelay(0, error, Options, 7)); // clamped

        var random = new Random(20240101);
        for (var i = 0; i < 1000; i++)
        {
            var delay = PlatformOutcomePolicy.ComputeDelay(2, error, Options, random.NextDouble());
            Assert.InRange(delay.TotalMilliseconds, 320, 480);
        }
    }

    [Fact]
    public void ComputeDelay_is_capped_at_MaxDelay()
    {
        var error = new PlatformError("P", "x", "m", ErrorCategory.Transient, "r");

        Assert.Equal(Options.MaxDelay, PlatformOutcomePolicy.ComputeDelay(10, error, Options, 0.99));
        Assert.Equal(Options.MaxDelay, PlatformOutcomePolicy.ComputeDelay(int.MaxValue, error, Options, 0.5));
    }

    [Fact]
    public void ComputeDelay_honours_RetryAfter_when_longer_than_the_backoff()
    {
        var error = new PlatformError("P", "http-429", "m", ErrorCategory.Throttled, "r") { RetryAfter = TimeSpan.FromSeconds(3) };

        Assert.Equal(TimeSpan.FromSeconds(3), PlatformOutcomePolicy.ComputeDelay(0, error, Options, 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(200), PlatformOutcomePolicy.ComputeDelay(1, error with { RetryAfter = TimeSpan.FromMilliseconds(50) }, Options, 0.5));
    }

    [Fact]
    public void ComputeDelay_for_token_expiry_is_zero()
    {
        var error = new PlatformError("P", "100", "m", ErrorCategory.Authentication, "r") { IsTokenExpiry = true };

        Assert.Equal(TimeSpan.Zero, PlatformOutcomePolicy.ComputeDelay(3, error, Options, 0.5));
    }

    [Fact]
    public void Default_resilience_options_are_valid_and_bad_ones_are_reported()
    {
        Assert.Empty(new PlatformResilienceOptions().Validate());

        var bad = new PlatformResilienceOptions
        {
            MaxRetries = 11,
            BaseDelay = TimeSpan.FromSeconds(2),
            MaxDelay = TimeSpan.FromSeconds(1),
            AttemptTimeout = TimeSpan.FromSeconds(200),
            QueueLimit = -1,
        };
        var problems = bad.Validate().ToList();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("MaxRetries", StringComparison.Ordinal) && p.Contains("11", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_non_idempotent_writes_are_unsafe_to_repeat()
    {
        Assert.True(new PlatformOperation("P", "q", OperationIdempotency.Read).IsSafeToRepeat);
        Assert.True(new PlatformOperation("P", "jushuitan.orders.upload", OperationIdempotency.IdempotentWrite).IsSafeToRepeat);
        Assert.False(new PlatformOperation("P", "w", OperationIdempotency.NonIdempotentWrite).IsSafeToRepeat);
    }
}
