using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Inbox.Redis;
using PlatformSdk.Tests.Shared.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PlatformSdk.Inbox.Tests;

/// <summary>What the Redis store adds to the contract: the durability check at first use, its opt-out, and transient errors.</summary>
public sealed class RedisPushInboxTests : IClassFixture<RedisTestServerFixture>
{
    private readonly RedisTestServerFixture _redis;
    private readonly ITestOutputHelper _output;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));

    public RedisPushInboxTests(RedisTestServerFixture redis, ITestOutputHelper output)
    {
        _redis = redis;
        _output = output;
        output.WriteLine(redis.Announcement);
    }

    private InboxPush Push(string key) => new()
    {
        Source = "TmallGlobalDirect",
        Kind = "qimen.alibaba.ascp.uop.consignorder.notify",
        DeduplicationKey = key,
        Body = Encoding.UTF8.GetBytes("<request/>"),
        ReceivedAt = _time.GetUtcNow(),
    };

    private static RedisPushInboxOptions Options(TimeProvider time, bool requireFsync) => new()
    {
        KeyPrefix = "platformsdk-inbox-test:" + Guid.NewGuid().ToString("N") + ":",
        TimeProvider = time,
        RequireAppendFsyncAlways = requireFsync,
    };

    [Fact]
    public async Task A_server_without_append_only_fsync_always_is_refused_with_the_remedy_and_nothing_is_stored()
    {
        if (_redis.Kind == RedisTestServerKind.External)
        {
            _output.WriteLine("Not checked: an external server's persistence is whatever it is configured with.");
            return;
        }

        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var options = Options(_time, requireFsync: true);
        var inbox = new RedisPushInbox(connection, options);

        var refused = await Assert.ThrowsAsync<PlatformException>(async () => await inbox.StoreAsync(Push("order-1")));

        Assert.Equal(ErrorCategory.Configuration, refused.Error.Category);
        Assert.Equal(InboxErrorCodes.NotDurable, refused.Error.Code);
        Assert.Contains("appendfsync always", refused.Error.Remedy, StringComparison.Ordinal);
        Assert.Contains("RequireAppendFsyncAlways = false", refused.Error.Remedy, StringComparison.Ordinal);
        Assert.False(await connection.GetDatabase().KeyExistsAsync(options.KeyPrefix + "dedup"));
    }

    [Fact]
    public async Task Opting_out_of_the_durability_check_stores_on_a_server_without_append_only()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var inbox = new RedisPushInbox(connection, Options(_time, requireFsync: false));

        var stored = await inbox.StoreAsync(Push("order-1"));

        Assert.Equal(stored.MessageId, Assert.Single(await inbox.LeaseAsync(1, TimeSpan.FromMinutes(1))).MessageId);
    }

    [Fact]
    public async Task A_redis_server_with_append_only_fsync_always_passes_the_check_and_Garnet_which_cannot_tell_is_refused()
    {
        if (_redis.Kind == RedisTestServerKind.External)
        {
            _output.WriteLine("Not checked: this test starts a local server of the kind the fixture chose, and REDIS_URL chose none.");
            return;
        }

        using var server = RedisTestServer.Start(new RedisTestServerOptions { Kind = _redis.Kind, Persistence = RedisTestPersistence.AppendOnlyFsyncAlways, Log = _output.WriteLine });
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var inbox = new RedisPushInbox(connection, Options(_time, requireFsync: true));

        if (server.Kind == RedisTestServerKind.RedisServer)
        {
            Assert.False((await inbox.StoreAsync(Push("order-1"))).IsDuplicate);
        }
        else
        {
            var refused = await Assert.ThrowsAsync<PlatformException>(async () => await inbox.StoreAsync(Push("order-1")));
            Assert.Equal(InboxErrorCodes.NotDurable, refused.Error.Code);
            Assert.Contains("appendfsync: cannot tell", refused.Error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_refused_inbox_works_once_the_server_is_set_to_append_only_fsync_always_without_a_restart()
    {
        if (_redis.Kind != RedisTestServerKind.RedisServer)
        {
            _output.WriteLine("Not checked: needs a redis-server of its own (CONFIG SET appendfsync), and the fixture chose " + _redis.Kind + ".");
            return;
        }

        using var server = RedisTestServer.Start(new RedisTestServerOptions { Kind = RedisTestServerKind.RedisServer, Log = _output.WriteLine });
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.Configuration + ",allowAdmin=true");
        var inbox = new RedisPushInbox(connection, Options(_time, requireFsync: true));
        var refused = await Assert.ThrowsAsync<PlatformException>(async () => await inbox.StoreAsync(Push("order-1")));
        Assert.Equal(InboxErrorCodes.NotDurable, refused.Error.Code);

        var admin = connection.GetServer(connection.GetEndPoints()[0]);
        await admin.ConfigSetAsync("appendonly", "yes");
        await admin.ConfigSetAsync("appendfsync", "always");

        Assert.False((await inbox.StoreAsync(Push("order-1"))).IsDuplicate);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transient_inbox_unavailable_error_that_may_have_stored()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{FreePort.Pick()},abortConnect=false,connectTimeout=200,connectRetry=0");
        var inbox = new RedisPushInbox(connection, Options(_time, requireFsync: false));

        var failure = await Assert.ThrowsAsync<PlatformException>(async () => await inbox.StoreAsync(Push("order-1")));

        Assert.Equal(ErrorCategory.Transient, failure.Error.Category);
        Assert.Equal(InboxErrorCodes.Unavailable, failure.Error.Code);
        Assert.True(failure.MayHaveBeenProcessed);
    }

    [Fact]
    public void Bad_options_are_refused_naming_the_setting()
    {
        using var connection = ConnectionMultiplexer.Connect(_redis.Configuration);

        var blank = Assert.Throws<PlatformValidationException>(() => new RedisPushInbox(connection, new RedisPushInboxOptions { KeyPrefix = " " }));
        var deliveries = Assert.Throws<PlatformValidationException>(() => new RedisPushInbox(connection, new RedisPushInboxOptions { MaxDeliveries = 0 }));

        Assert.Equal("KeyPrefix", blank.Field);
        Assert.Equal("MaxDeliveries", deliveries.Field);
    }

    [Fact]
    public async Task AddRedisPushInbox_registers_a_singleton_on_the_registered_connection_and_clock()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(connection);
        var prefix = "platformsdk-inbox-test:" + Guid.NewGuid().ToString("N") + ":";
        services.AddPlatformSdk().UseTimeProvider(_time).AddRedisPushInbox(o =>
        {
            o.KeyPrefix = prefix;
            o.RequireAppendFsyncAlways = false;
        });
        await using var provider = services.BuildServiceProvider();

        var inbox = provider.GetRequiredService<IPushInbox>();
        await inbox.StoreAsync(Push("order-1"));
        var leased = Assert.Single(await inbox.LeaseAsync(1, TimeSpan.FromMinutes(1)));

        Assert.IsType<RedisPushInbox>(inbox);
        Assert.Same(inbox, provider.GetRequiredService<IPushInbox>());
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(1), leased.LeasedUntil);
    }

    [Fact]
    public void AddRedisPushInbox_refuses_bad_options_at_start()
    {
        var services = new ServiceCollection();
        services.AddRedisPushInbox(o => o.KeyPrefix = string.Empty);
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("KeyPrefix", failure.Message, StringComparison.Ordinal);
    }
}
