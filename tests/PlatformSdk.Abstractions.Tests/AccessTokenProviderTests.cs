using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Tokens;

namespace PlatformSdk.Abstractions.Tests;

public class AccessTokenProviderTests
{
    private static readonly TokenKey Key = new("Jushuitan", "shop-1");
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryAccessTokenStore _store = new();

    private AccessTokenProvider CreateProvider(TimeSpan? refreshBeforeExpiry = null)
        => new(_store, _time, Options.Create(new AccessTokenProviderOptions { RefreshBeforeExpiry = refreshBeforeExpiry ?? TimeSpan.FromMinutes(10) }));

    [Fact]
    public async Task Acquires_a_token_when_the_store_is_empty_and_stores_it_with_ObtainedAt()
    {
        var source = new ScriptedSource(_time);
        var provider = CreateProvider();

        var token = await provider.GetTokenAsync(Key, source, CancellationToken.None);

        Assert.Equal("acquired-1", token.Value);
        Assert.Equal(Start, token.ObtainedAt);
        Assert.Equal(1, source.AcquireCalls);
        Assert.Equal(0, source.RefreshCalls);
        Assert.Same(token, await _store.GetAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task Reuses_a_cached_token_that_is_far_from_expiry()
    {
        var source = new ScriptedSource(_time);
        var provider = CreateProvider();
        var first = await provider.GetTokenAsync(Key, source, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(100)); // expires after 2 h; refresh window starts at 1 h 50 min
        var second = await provider.GetTokenAsync(Key, source, CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(1, source.AcquireCalls);
        Assert.Equal(0, source.RefreshCalls);
    }

    [Fact]
    public async Task Refreshes_proactively_inside_RefreshBeforeExpiry()
    {
        var source = new ScriptedSource(_time);
        var provider = CreateProvider(TimeSpan.FromMinutes(10));
        var first = await provider.GetTokenAsync(Key, source, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(110)); // exactly 10 minutes before expiry
        var second = await provider.GetTokenAsync(Key, source, CancellationToken.None);

        Assert.Equal("refreshed-1", second.Value);
        Assert.Same(first, source.LastRefreshed);
        Assert.Equal(1, source.RefreshCalls);
        Assert.Equal(Start.AddMinutes(110), second.ObtainedAt);
        Assert.Same(second, await _store.GetAsync(Key, CancellationToken.None));
    }

    [Fact]
    [Rule("RJST-02")]
    public async Task RJST02_single_flight_100_concurrent_callers_cause_exactly_one_acquire()
    {
        const int callers = 100;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new ScriptedSource(_time) { Gate = gate.Task };
        var provider = CreateProvider();
        var waiting = 0;
        var allWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            var pending = provider.GetTokenAsync(Key, source, CancellationToken.None);
            if (Interlocked.Increment(ref waiting) == callers)
            {
                allWaiting.SetResult();
            }

            return await pending;
        })).ToArray();

        await allWaiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(calls, c => Assert.False(c.IsCompleted)); // every caller is parked on the one refresh
        gate.SetResult();
        var tokens = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, source.AcquireCalls + source.RefreshCalls);
        Assert.All(tokens, t => Assert.Equal("acquired-1", t.Value));
    }

    [Fact]
    [Rule("RJST-02")]
    public async Task RJST02_concurrent_rejections_of_the_same_token_refresh_once()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new ScriptedSource(_time);
        var provider = CreateProvider();
        var rejected = await provider.GetTokenAsync(Key, source, CancellationToken.None);
        source.Gate = gate.Task;

        var calls = Enumerable.Range(0, 20).Select(_ => provider.RefreshRejectedAsync(Key, rejected, source, CancellationToken.None).AsTask()).ToArray();
        Assert.All(calls, c => Assert.False(c.IsCompleted));
        gate.SetResult();
        var tokens = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, source.RefreshCalls);
        Assert.All(tokens, t => Assert.Equal("refreshed-1", t.Value));
    }

    [Fact]
    [Rule("RJST-02")]
    public async Task RJST02_a_late_rejection_of_an_already_replaced_token_gets_the_replacement_without_refreshing()
    {
        var source = new ScriptedSource(_time);
        var provider = CreateProvider();
        var rejected = await provider.GetTokenAsync(Key, source, CancellationToken.None);
        var replacement = await provider.RefreshRejectedAsync(Key, rejected, source, CancellationToken.None);

        var late = await provider.RefreshRejectedAsync(Key, rejected, source, CancellationToken.None);

        Assert.Same(replacement, late);
        Assert.Equal(1, source.RefreshCalls);
    }

    [Fact]
    public async Task Rejection_of_the_current_token_refreshes_it_even_when_it_is_not_near_expiry()
    {
        var source = new ScriptedSource(_time);
        var provider = CreateProvider();
        var current = await provider.GetTokenAsync(Key, source, CancellationToken.None);

        var fresh = await provider.RefreshRejectedAsync(Key, current, source, CancellationToken.None);
        var again = await provider.RefreshRejectedAsync(Key, fresh, source, CancellationToken.None);

        Assert.Equal("refreshed-1", fresh.Value);
        Assert.Equal("refreshed-2", again.Value);
        Assert.Equal(2, source.RefreshCalls);
    }

    [Fact]
    public async Task A_failed_proactive_refresh_keeps_using_the_still_valid_token()
    {
        var source = new ScriptedSource(_time);
        var provider = CreateProvider(TimeSpan.FromMinutes(10));
        var current = await provider.GetTokenAsync(Key, source, CancellationToken.None);
        source.RefreshFailure = new PlatformException(new PlatformError("Jushuitan", "http-503", "down", ErrorCategory.Transient, "retry"));

        _time.Advance(TimeSpan.FromMinutes(115)); // 5 minutes left
        var token = await provider.GetTokenAsync(Key, source, CancellationToken.None);
        Assert.Same(current, token);
        Assert.Equal(1, source.RefreshCalls);

        // The next call tries again, and succeeds once the platform is back.
        source.RefreshFailure = null;
        var refreshed = await provider.GetTokenAsync(Key, source, CancellationToken.None);
        Assert.Equal("refreshed-2", refreshed.Value);
    }

    [Fact]
    public async Task A_failed_refresh_of_an_expired_token_throws()
    {
        var source = new ScriptedSource(_time);
        var provider = CreateProvider();
        await provider.GetTokenAsync(Key, source, CancellationToken.None);
        source.RefreshFailure = new PlatformException(new PlatformError("Jushuitan", "http-503", "down", ErrorCategory.Transient, "retry"));

        _time.Advance(TimeSpan.FromHours(2));
        var ex = await Assert.ThrowsAsync<PlatformException>(async () => await provider.GetTokenAsync(Key, source, CancellationToken.None));

        Assert.Same(source.RefreshFailure, ex);
    }

    [Fact]
    public async Task A_failed_refresh_of_a_rejected_token_throws_even_though_it_is_not_expired()
    {
        var source = new ScriptedSource(_time);
        var provider = CreateProvider();
        var current = await provider.GetTokenAsync(Key, source, CancellationToken.None);
        source.RefreshFailure = new PlatformException(new PlatformError("Jushuitan", "http-503", "down", ErrorCategory.Transient, "retry"));

        await Assert.ThrowsAsync<PlatformException>(async () => await provider.RefreshRejectedAsync(Key, current, source, CancellationToken.None));
    }

    [Fact]
    public async Task Caller_cancellation_does_not_cancel_the_shared_refresh()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new ScriptedSource(_time) { Gate = gate.Task };
        var provider = CreateProvider();
        using var cts = new CancellationTokenSource();

        var impatient = provider.GetTokenAsync(Key, source, cts.Token).AsTask();
        var patient = provider.GetTokenAsync(Key, source, CancellationToken.None).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.False(patient.IsCompleted);
        Assert.False(source.LastCancellationToken.CanBeCanceled); // the shared refresh ignores every caller's token
        gate.SetResult();
        var token = await patient.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("acquired-1", token.Value);
        Assert.Equal(1, source.AcquireCalls);
        Assert.Same(token, await _store.GetAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task Tenants_have_independent_tokens()
    {
        var source = new ScriptedSource(_time);
        var provider = CreateProvider();

        var a = await provider.GetTokenAsync(Key, source, CancellationToken.None);
        var b = await provider.GetTokenAsync(Key with { Tenant = "shop-2" }, source, CancellationToken.None);

        Assert.NotEqual(a.Value, b.Value);
        Assert.Equal(2, source.AcquireCalls);
    }

    [Fact]
    [Rule("RJST-02")]
    public void RJST02_EffectiveValue_serves_the_previous_token_until_the_new_one_activates()
    {
        var token = new AccessToken("new-token", Start.AddDays(30))
        {
            PreviousValue = "old-token",
            ActivatesAt = Start.AddMinutes(5),
        };

        Assert.Equal("old-token", token.EffectiveValue(Start));
        Assert.Equal("old-token", token.EffectiveValue(Start.AddMinutes(5).AddTicks(-1)));
        Assert.Equal("new-token", token.EffectiveValue(Start.AddMinutes(5)));
        Assert.Equal("only", new AccessToken("only", Start).EffectiveValue(Start.AddYears(-1)));
        Assert.Equal("new-token", (token with { PreviousValue = null }).EffectiveValue(Start));
    }

    [Fact]
    public void AccessToken_ToString_hides_every_secret()
    {
        var token = new AccessToken("tok-SECRET-value", Start) { RefreshToken = "refresh-SECRET", PreviousValue = "old-SECRET" };

        Assert.DoesNotContain("SECRET", token.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new AccessToken("", Start));
    }

    /// <summary>Acquires "acquired-N", refreshes to "refreshed-N"; can be held on a gate or made to fail.</summary>
    private sealed class ScriptedSource(TimeProvider time) : IAccessTokenSource
    {
        private int _acquireCalls;
        private int _refreshCalls;

        public int AcquireCalls => Volatile.Read(ref _acquireCalls);

        public int RefreshCalls => Volatile.Read(ref _refreshCalls);

        public Task? Gate { get; set; }

        public Exception? RefreshFailure { get; set; }

        public AccessToken? LastRefreshed { get; private set; }

        public CancellationToken LastCancellationToken { get; private set; }

        public async Task<AccessToken> AcquireAsync(TokenKey key, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _acquireCalls);
            LastCancellationToken = cancellationToken;
            if (Gate is { } gate)
            {
                await gate;
            }

            return new AccessToken($"acquired-{n}", time.GetUtcNow().AddHours(2)) { RefreshToken = "rt" };
        }

        public async Task<AccessToken> RefreshAsync(TokenKey key, AccessToken current, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _refreshCalls);
            LastCancellationToken = cancellationToken;
            LastRefreshed = current;
            if (Gate is { } gate)
            {
                await gate;
            }

            if (RefreshFailure is { } failure)
            {
                throw failure;
            }

            return new AccessToken($"refreshed-{n}", time.GetUtcNow().AddHours(2)) { RefreshToken = "rt" };
        }
    }
}
