using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Logistics.Sync;
using static PlatformSdk.Logistics.Tests.Sync.SyncKit;

namespace PlatformSdk.Logistics.Tests.Sync;

/// <summary>
/// RLOG-49: PDD's "retry after 120 seconds" pauses the rate limiter the sender's calls take permits from, for that platform
/// and shop, so every process sharing the limiter (PlatformSdk.Redis) waits, not only the sync that got the answer.
/// </summary>
public sealed class SharedPauseTests
{
    private const string Pdd120 = "网络超时异常,请120秒后重试";

    private static FaultInjectingSender Pdd(string message = Pdd120, string? pipelinePlatform = null)
    {
        var sender = pipelinePlatform is null ? new FaultInjectingSender(ShipmentPlatforms.Pinduoduo, SyncKit.Pdd) : new PipelineSender(pipelinePlatform);
        sender.BeforeApply = (_, _) => throw new PlatformException(new PlatformError(ShipmentPlatforms.Pinduoduo, "E", message, ErrorCategory.Unknown, ""));
        return sender;
    }

    // One attempt: a throttle without a delay would otherwise wait for the backoff on the fake clock.
    private static (ShipmentSyncEngine Engine, RecordingLimiter Limiter, FakeTimeProvider Time) Engine(FaultInjectingSender sender, double permitsPerSecond = 10)
    {
        var time = new FakeTimeProvider(Start);
        var limiter = new RecordingLimiter(new InProcessPlatformRateLimiter(time));
        var resilience = new StaticMonitor(new PlatformResilienceOptions { PermitsPerSecond = permitsPerSecond, Burst = 1, QueueLimit = 0 });
        var engine = new ShipmentSyncEngine([sender], new InMemoryShipmentSyncStore(time), SyncKit.Carriers,
            new ShipmentSyncOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), MaxAttempts = 1 }, time, null,
            new PlatformRateLimiters(limiter), resilience);
        return (engine, limiter, time);
    }

    [Fact]
    [Rule("RLOG-49")]
    public async Task RLOG49_the_120_second_answer_pauses_the_platform_and_shop_in_the_shared_limiter()
    {
        var (engine, limiter, time) = Engine(Pdd());

        var outcome = await engine.SubmitAsync(Ship("P-1", ShipmentPlatforms.Pinduoduo));

        Assert.Equal((ShipmentSyncStatus.RetryLater, "RLOG-49"), (outcome.Status, outcome.RuleId));
        Assert.Equal([(ShipmentPlatforms.Pinduoduo, "shop1", TimeSpan.FromSeconds(120))], limiter.Pauses);
        var options = new PlatformResilienceOptions { PermitsPerSecond = 10, Burst = 1, QueueLimit = 0 };
        Assert.Equal(TimeSpan.FromSeconds(120), await RefusedForAsync(limiter, ShipmentPlatforms.Pinduoduo, "shop1", options));
        Assert.Null(await RefusedForAsync(limiter, ShipmentPlatforms.Pinduoduo, "shop2", options));
        time.Advance(TimeSpan.FromSeconds(120));
        Assert.Null(await RefusedForAsync(limiter, ShipmentPlatforms.Pinduoduo, "shop1", options));
    }

    [Fact]
    [Rule("RLOG-49")]
    public async Task RLOG49_the_pause_goes_to_the_senders_pipeline_platform()
    {
        var (engine, limiter, _) = Engine(Pdd(pipelinePlatform: "MyPdd"));

        await engine.SubmitAsync(Ship("P-2", ShipmentPlatforms.Pinduoduo));

        Assert.Equal([("MyPdd", "shop1", TimeSpan.FromSeconds(120))], limiter.Pauses);
    }

    [Fact]
    public async Task A_throttle_without_a_delay_and_a_platform_without_a_rate_pause_nothing()
    {
        var (engine, limiter, _) = Engine(Pdd("订单调用过于频繁,请调整调用频率"));
        var (unlimited, unlimitedLimiter, _) = Engine(Pdd(), permitsPerSecond: 0);

        Assert.Equal("RLOG-50", (await engine.SubmitAsync(Ship("P-3", ShipmentPlatforms.Pinduoduo))).RuleId);
        Assert.Equal("RLOG-49", (await unlimited.SubmitAsync(Ship("P-4", ShipmentPlatforms.Pinduoduo))).RuleId);

        Assert.Empty(limiter.Pauses);
        Assert.Empty(unlimitedLimiter.Pauses);
    }

    [Fact]
    [Rule("RLOG-49")]
    public async Task A_limiter_that_cannot_be_paused_leaves_the_platforms_answer_as_the_outcome()
    {
        var time = new FakeTimeProvider(Start);
        var engine = new ShipmentSyncEngine([Pdd()], new InMemoryShipmentSyncStore(time), SyncKit.Carriers,
            new ShipmentSyncOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) }, time, null,
            new PlatformRateLimiters(new BrokenLimiter()), new StaticMonitor(new PlatformResilienceOptions { PermitsPerSecond = 10 }));

        var outcome = await engine.SubmitAsync(Ship("P-5", ShipmentPlatforms.Pinduoduo));

        Assert.Equal((ShipmentSyncStatus.RetryLater, "RLOG-49"), (outcome.Status, outcome.RuleId));
    }

    [Fact]
    [Rule("RLOG-49")]
    public async Task AddLogistics_gives_the_engine_the_containers_limiters()
    {
        var time = new FakeTimeProvider(Start);
        var limiter = new RecordingLimiter(new InProcessPlatformRateLimiter(time));
        var services = new ServiceCollection();
        services.AddSingleton<IPlatformRateLimiter>(limiter);
        services.Configure<PlatformResilienceOptions>(ShipmentPlatforms.Pinduoduo, o => o.PermitsPerSecond = 5);
        services.AddPlatformSdk().UseTimeProvider(time)
            .AddLogistics(o => o.ConfigureCarriers(b => b.AddCarrier(Carrier, "测试快递").Map(Carrier, ShipmentPlatforms.Pinduoduo, "999")))
            .AddShipmentSender(_ => Pdd());
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ShipmentSyncEngine>().SubmitAsync(Ship("P-6", ShipmentPlatforms.Pinduoduo));

        Assert.Equal([(ShipmentPlatforms.Pinduoduo, "shop1", TimeSpan.FromSeconds(120))], limiter.Pauses);
    }

    private static async Task<TimeSpan?> RefusedForAsync(IPlatformRateLimiter limiter, string platform, string shop, PlatformResilienceOptions options)
    {
        using var lease = await limiter.AcquireAsync(platform, shop, options);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.MaxValue;
    }

    private sealed class PipelineSender(string pipelinePlatform) : FaultInjectingSender(ShipmentPlatforms.Pinduoduo, SyncKit.Pdd)
    {
        public override string PipelinePlatform => pipelinePlatform;
    }

    private sealed class RecordingLimiter(IPlatformRateLimiter inner) : IPlatformRateLimiter
    {
        private readonly ConcurrentQueue<(string, string, TimeSpan)> _pauses = new();

        public IReadOnlyList<(string Platform, string Tenant, TimeSpan Duration)> Pauses => [.. _pauses];

        public ValueTask<RateLimitLease> AcquireAsync(string platform, string tenant, PlatformResilienceOptions options, CancellationToken cancellationToken = default)
            => inner.AcquireAsync(platform, tenant, options, cancellationToken);

        public ValueTask PauseAsync(string platform, string tenant, PlatformResilienceOptions options, TimeSpan duration, CancellationToken cancellationToken = default)
        {
            _pauses.Enqueue((platform, tenant, duration));
            return inner.PauseAsync(platform, tenant, options, duration, cancellationToken);
        }
    }

    private sealed class BrokenLimiter : IPlatformRateLimiter
    {
        public ValueTask<RateLimitLease> AcquireAsync(string platform, string tenant, PlatformResilienceOptions options, CancellationToken cancellationToken = default)
            => throw new InvalidOperationException("the limiter's store is down");

        public ValueTask PauseAsync(string platform, string tenant, PlatformResilienceOptions options, TimeSpan duration, CancellationToken cancellationToken = default)
            => throw new InvalidOperationException("the limiter's store is down");
    }

    private sealed class StaticMonitor(PlatformResilienceOptions value) : IOptionsMonitor<PlatformResilienceOptions>
    {
        public PlatformResilienceOptions CurrentValue => value;

        public PlatformResilienceOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<PlatformResilienceOptions, string?> listener) => null;
    }
}
