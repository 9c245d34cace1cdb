using PlatformSdk.Testing.TmallGlobalDirect;

namespace PlatformSdk.TmallGlobalDirect.AspNetCore.Tests;

/// <summary>The fake platform pushing at the real endpoint: duplicates, disorder, concurrency and redelivery end in one stored copy each.</summary>
public sealed class FakePlatformAgainstEndpointTests : IAsyncLifetime
{
    private ReceiverHost _host = null!;

    public async Task InitializeAsync() => _host = await ReceiverHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Guard() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private static void Enqueue(FakeTmallGlobalDirectPlatform platform, int orders)
    {
        for (var i = 1; i <= orders; i++)
        {
            var code = "LBX" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            platform.EnqueueOrder(code, new FakeTmallGlobalDirectLine("SC" + i, i, 1000L * i), new FakeTmallGlobalDirectLine("SCX", 1, 500));
            if (i % 3 == 0)
            {
                platform.EnqueueCancel(code);
            }

            if (i % 4 == 0)
            {
                platform.EnqueueReturn("RV" + i, code);
            }
        }
    }

    private void AssertStoredOnceEach(FakeTmallGlobalDirectPlatform platform)
    {
        var keys = _host.Inbox.Stored.Select(p => p.Kind + "|" + p.Attributes!["bizOrderCode"]).ToList();
        var expected = platform.Pushes.Select(p => p.Method + "|" + p.BizOrderCode).ToList();
        Assert.True(keys.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)), platform.ToString());
        Assert.Empty(_host.Inbox.DeadLetters);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(20260310)]
    [Rule("RTGD-01")]
    public async Task RTGD01_every_push_is_stored_exactly_once_despite_duplicates_disorder_and_concurrency(int seed)
    {
        using var platform = _host.Platform(seed, o =>
        {
            o.DuplicateRate = 0.5;
            o.OutOfOrder = true;
        });
        Enqueue(platform, 24);

        var deliveries = await platform.PushAllAsync(concurrency: 4, Guard());
        await platform.PushDuplicateAsync(platform.Pushes[0], Guard());

        Assert.Contains(deliveries, d => d.IsDuplicate);
        Assert.True(platform.Journal.All(d => d.Acknowledged), platform.ToString());
        Assert.Equal(platform.Pushes.Count, platform.Acknowledged.Count);
        Assert.Empty(platform.Pending);
        AssertStoredOnceEach(platform);
    }

    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_an_inbox_failing_the_first_stores_gets_the_pushes_again_and_each_is_stored_once()
    {
        using var platform = _host.Platform(seed: 3, o => o.RedeliveryDelay = TimeSpan.FromMinutes(1));
        Enqueue(platform, 6);
        var count = platform.Pushes.Count;
        _host.Inbox.FailNextStores = count + 2;

        var first = await platform.PushAllAsync(concurrency: 2, Guard());
        Assert.True(first.All(d => d.Reply is { Success: false, Retry: true, ErrorCode: "inbox-unavailable" }), platform.ToString());
        Assert.Equal(count, platform.Pending.Count);

        // Not due before the delay: the fake follows its schedule, not the call.
        Assert.Empty(await platform.RedeliverPendingAsync(cancellationToken: Guard()));

        _host.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await platform.RedeliverPendingAsync(cancellationToken: Guard());
        Assert.Equal(count, second.Count);
        Assert.Equal(2, second.Count(d => !d.Acknowledged));

        // The two that failed again back off twice as long.
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await platform.RedeliverPendingAsync(cancellationToken: Guard()));
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await platform.RedeliverPendingAsync(cancellationToken: Guard())).Count(d => d.Acknowledged));

        Assert.Equal(count, platform.Acknowledged.Count);
        Assert.Empty(platform.Pending);
        AssertStoredOnceEach(platform);
    }

    [Fact]
    public async Task A_push_never_stored_is_given_up_after_the_bounded_attempts()
    {
        using var platform = _host.Platform(configure: o => o.MaxAttempts = 3);
        var push = platform.EnqueueOrder("LBX0100");
        _host.Inbox.FailNextStores = int.MaxValue;

        await platform.PushAllAsync(cancellationToken: Guard());
        for (var i = 0; i < 5; i++)
        {
            _host.Time.Advance(TimeSpan.FromHours(1));
            await platform.RedeliverPendingAsync(cancellationToken: Guard());
        }

        Assert.Equal(FakeTmallGlobalDirectPushState.GaveUp, push.State);
        Assert.Equal(3, push.Attempts);
        Assert.Equal(3, platform.Journal.Count);
        Assert.Empty(_host.Inbox.Stored);
    }

    [Fact]
    public async Task A_push_the_receiver_cannot_reach_stays_pending_for_redelivery()
    {
        var closed = new Uri("http://127.0.0.1:9/qimen");
        using var platform = new FakeTmallGlobalDirectPlatform(new FakeTmallGlobalDirectPlatformOptions { ReceiverUrl = closed, AppSecret = ReceiverHost.Secret, TimeProvider = _host.Time });
        var push = platform.EnqueueCancel("LBX0200");

        var delivery = Assert.Single(await platform.PushAllAsync(cancellationToken: Guard()));

        Assert.StartsWith("transport:", delivery.Error, StringComparison.Ordinal);
        Assert.Equal(FakeTmallGlobalDirectPushState.Pending, push.State);
        Assert.Equal(ReceiverHost.Start + TimeSpan.FromMinutes(1), push.NextAttemptAt);
    }

    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_the_streaming_platform_delivers_pushes_enqueued_while_it_runs_and_stops_quietly_when_cancelled()
    {
        using var platform = _host.Platform(3);
        using var stop = new CancellationTokenSource();
        var stream = platform.RunAsync(concurrency: 3, TimeSpan.FromSeconds(1), stop.Token);
        Enqueue(platform, 9);

        // New pushes go out at the start of a round; the fake clock is advanced so the stream's wait between rounds ends.
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (platform.Acknowledged.Count < platform.Pushes.Count && guard.Elapsed < TimeSpan.FromSeconds(30))
        {
            _host.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        await stream.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(platform.Pushes.Count, platform.Acknowledged.Count);
        AssertStoredOnceEach(platform);
    }

    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_a_receiver_that_never_answers_is_a_delivery_without_acknowledgement_after_DeliveryTimeout()
    {
        // A listener that accepts connections and never writes a byte: the platform's side sees no answer at all.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var accepting = silent.AcceptTcpClientAsync();
        using var platform = new FakeTmallGlobalDirectPlatform(new FakeTmallGlobalDirectPlatformOptions
        {
            ReceiverUrl = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}/qimen"),
            AppSecret = ReceiverHost.Secret,
            TimeProvider = _host.Time,
            DeliveryTimeout = TimeSpan.FromMilliseconds(300),
        });
        var push = platform.EnqueueOrder("LBX9001", new FakeTmallGlobalDirectLine("SC1", 1, 100));

        var delivery = Assert.Single(await platform.PushAllAsync(cancellationToken: Guard()));

        Assert.False(delivery.Acknowledged);
        Assert.StartsWith("transport: no reply within", delivery.Error, StringComparison.Ordinal);
        Assert.Equal(FakeTmallGlobalDirectPushState.Pending, push.State);
        Assert.NotNull(push.NextAttemptAt);
        // The delivery did reach the receiver: a connection was accepted, and nothing was ever answered on it.
        using var connection = await accepting.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
