using System.Text;
using PlatformSdk.Jushuitan.Push;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Jushuitan.Tests.Push;

/// <summary>The push receiver over real loopback HTTP, pushed to by <see cref="FakeJushuitanPusher"/> (RJST-05).</summary>
public class PushReceiverTests
{
    private static async Task<(int Status, string Body)> PostAsync(Uri url, string form)
    {
        using var http = new HttpClient();
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await http.PostAsync(url, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_a_logistics_push_is_stored_before_code_0_and_reads_back_typed()
    {
        await using var host = await PushReceiverHost.StartAsync();
        using var pusher = host.Pusher();
        pusher.EnqueueLogistics("SO-1001", "SF1234567890");

        var delivery = Assert.Single(await pusher.PushAllAsync());

        Assert.True(delivery.Acknowledged, pusher.ToString());
        Assert.Equal("{\"code\":0}", delivery.ReplyBody);
        var message = Assert.Single(await host.DrainAsync());
        Assert.Equal("Jushuitan", message.Push.Source);
        Assert.Equal(JushuitanPushKinds.Logistics, message.Push.Kind);
        var push = Assert.IsType<JushuitanLogisticsPush>(host.Handler.ReadStoredMessage(message));
        Assert.Equal("SO-1001", push.SoId);
        Assert.Equal(9000001, push.OId);
        Assert.Equal(10001, push.ShopId);
        Assert.Equal("SF", push.CarrierCode);
        Assert.Equal("顺丰速运", push.CarrierName);
        Assert.Equal("SF1234567890", push.WaybillNumber);
        Assert.Equal(PushReceiverHost.Start, push.SendDate);
        Assert.Equal(PushReceiverHost.AppKey, push.AppKey);
        Assert.Equal(PushReceiverHost.Start, push.Timestamp);
        var line = Assert.Single(push.Lines);
        Assert.Equal("SKU-SO-1001", line.SkuId);
        Assert.Equal(1, line.Quantity);
    }

    [Theory]
    [InlineData(FakeJushuitanPushEncoding.Form)]
    [InlineData(FakeJushuitanPushEncoding.Query)]
    [InlineData(FakeJushuitanPushEncoding.Json)]
    [Rule("RJST-05")]
    public async Task RJST05_an_inventory_push_in_any_accepted_encoding_is_stored_and_reads_back_typed(FakeJushuitanPushEncoding encoding)
    {
        await using var host = await PushReceiverHost.StartAsync();
        using var pusher = host.Pusher(o => o.Encoding = encoding);
        pusher.EnqueueInventory("TEA-500G", 42, wmsCoId: 10086, lockQuantity: 3);

        Assert.True(Assert.Single(await pusher.PushAllAsync()).Acknowledged, pusher.ToString());

        var message = Assert.Single(await host.DrainAsync());
        Assert.Equal(JushuitanPushKinds.Inventory, message.Push.Kind);
        var push = Assert.IsType<JushuitanInventoryPush>(host.Handler.ReadStoredMessage(message));
        Assert.Equal("TEA-500G", push.SkuId);
        Assert.Equal("TEA", push.IId);
        Assert.Equal("10086", push.WarehouseId);
        Assert.Equal(42, push.Quantity);
        Assert.Equal(3, push.LockQuantity);
        Assert.Equal(PushReceiverHost.Start, push.Modified);
        Assert.Equal(PushReceiverHost.AppKey, push.AppKey);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_a_redelivered_push_is_acknowledged_and_stored_once()
    {
        await using var host = await PushReceiverHost.StartAsync();
        using var pusher = host.Pusher();
        var push = pusher.EnqueueLogistics("SO-2001", "YT0001", "YTO");
        await pusher.PushAllAsync();
        host.Time.Advance(TimeSpan.FromMinutes(3));

        var again = await pusher.PushDuplicateAsync(push);

        Assert.True(again.Acknowledged, pusher.ToString());
        Assert.Single(await host.DrainAsync());
        Assert.Equal(2, host.Inbox.StoreCalls);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_a_second_parcel_of_one_order_is_a_message_of_its_own()
    {
        await using var host = await PushReceiverHost.StartAsync();
        using var pusher = host.Pusher();
        pusher.EnqueueLogistics("SO-2002", "SF0001");
        pusher.EnqueueLogistics("SO-2002", "SF0002");

        await pusher.PushAllAsync();

        Assert.Equal(2, (await host.DrainAsync()).Count);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_a_forged_sign_is_refused_with_a_nonzero_code_and_not_stored()
    {
        await using var host = await PushReceiverHost.StartAsync();
        using var forger = host.Pusher(o => o.AppSecret = "not-the-secret");
        forger.EnqueueLogistics("SO-3001", "SF3001");

        var delivery = Assert.Single(await forger.PushAllAsync());

        Assert.False(delivery.Acknowledged);
        Assert.Equal("{\"code\":10,\"msg\":\"sign error\"}", delivery.ReplyBody);
        Assert.DoesNotContain(PushReceiverHost.Secret, delivery.ReplyBody, StringComparison.Ordinal);
        Assert.Empty(await host.DrainAsync());
        Assert.Empty(await host.DeadLettersAsync());
        Assert.Equal(0, host.Inbox.StoreCalls);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_a_tampered_biz_under_a_valid_sign_is_refused_and_not_stored()
    {
        await using var host = await PushReceiverHost.StartAsync();
        using var pusher = host.Pusher();
        var push = pusher.EnqueueInventory("SKU-T", 5);
        var fields = pusher.SignedFields(push).Select(p => p.Key == "biz" ? new KeyValuePair<string, string>("biz", p.Value.Replace("5", "500", StringComparison.Ordinal)) : p);

        var (status, body) = await PostAsync(host.Url, FakeJushuitanPusher.FormEncode(fields));

        Assert.Equal(200, status);
        Assert.StartsWith("{\"code\":10,", body, StringComparison.Ordinal);
        Assert.Empty(await host.DrainAsync());
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_a_push_for_another_app_key_is_refused_and_not_stored()
    {
        await using var host = await PushReceiverHost.StartAsync();
        using var other = host.Pusher(o => o.AppKey = "someone-elses-app");
        other.EnqueueInventory("SKU-A", 1);

        var delivery = Assert.Single(await other.PushAllAsync());

        Assert.False(delivery.Acknowledged);
        Assert.StartsWith("{\"code\":11,", delivery.ReplyBody, StringComparison.Ordinal);
        Assert.Empty(await host.DrainAsync());
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_a_push_signed_outside_the_timestamp_window_is_refused_and_not_stored()
    {
        await using var host = await PushReceiverHost.StartAsync();
        var pusherClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(PushReceiverHost.Start - TimeSpan.FromHours(49));
        using var late = host.Pusher(o => o.TimeProvider = pusherClock);
        late.EnqueueInventory("SKU-A", 1);

        var delivery = Assert.Single(await late.PushAllAsync());

        Assert.False(delivery.Acknowledged);
        Assert.StartsWith("{\"code\":180,", delivery.ReplyBody, StringComparison.Ordinal);
        Assert.Empty(await host.DrainAsync());
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_an_oversized_body_is_refused_and_not_stored()
    {
        await using var host = await PushReceiverHost.StartAsync(o => o.MaxPushBodyBytes = 4096);
        using var pusher = host.Pusher();
        pusher.Enqueue("inventory", "{\"sku_id\":\"SKU-BIG\",\"qty\":1,\"note\":\"" + new string('x', 8000) + "\"}");

        var delivery = Assert.Single(await pusher.PushAllAsync());

        Assert.False(delivery.Acknowledged);
        Assert.StartsWith("{\"code\":130,", delivery.ReplyBody, StringComparison.Ordinal);
        Assert.Empty(await host.DrainAsync());
        Assert.Equal(0, host.Inbox.StoreCalls);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_an_inbox_failure_answers_nonzero_and_the_pushers_retry_is_stored()
    {
        await using var host = await PushReceiverHost.StartAsync();
        host.Inbox.FailNextStores = 1;
        using var pusher = host.Pusher();
        pusher.EnqueueLogistics("SO-4001", "SF4001");

        var first = Assert.Single(await pusher.PushAllAsync());
        Assert.False(first.Acknowledged);
        Assert.StartsWith("{\"code\":150,", first.ReplyBody, StringComparison.Ordinal);
        Assert.Empty(await pusher.RetryDueAsync());

        host.Time.Advance(TimeSpan.FromMinutes(1));
        var retry = Assert.Single(await pusher.RetryDueAsync());

        Assert.True(retry.Acknowledged, pusher.ToString());
        Assert.Equal(2, retry.Attempt);
        var stored = Assert.IsType<JushuitanLogisticsPush>(host.Handler.ReadStoredMessage(Assert.Single(await host.DrainAsync())));
        Assert.Equal("SO-4001", stored.SoId);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_a_redelivery_hours_later_with_its_first_timestamp_is_still_accepted_and_stored_once()
    {
        // Whether Jushuitan signs a retry again is unknown: a retry that carries the first attempt's timestamp must not be lost.
        await using var host = await PushReceiverHost.StartAsync();
        host.Inbox.FailNextStores = 1;
        using var pusher = host.Pusher(o =>
        {
            o.ResignRetries = false;
            o.RetryDelay = TimeSpan.FromHours(6);
        });
        pusher.EnqueueLogistics("SO-4101", "SF4101");

        Assert.False(Assert.Single(await pusher.PushAllAsync()).Acknowledged);
        host.Time.Advance(TimeSpan.FromHours(6));
        var retry = Assert.Single(await pusher.RetryDueAsync());

        Assert.True(retry.Acknowledged, pusher.ToString());
        var stored = Assert.IsType<JushuitanLogisticsPush>(host.Handler.ReadStoredMessage(Assert.Single(await host.DrainAsync())));
        Assert.Equal("SO-4101", stored.SoId);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_after_ten_failed_attempts_the_pusher_gives_up()
    {
        await using var host = await PushReceiverHost.StartAsync();
        host.Inbox.FailNextStores = int.MaxValue;
        using var pusher = host.Pusher();
        var push = pusher.EnqueueInventory("SKU-DOWN", 7);

        await pusher.PushAllAsync();
        while (pusher.NextRetryAt is { } due)
        {
            host.Time.SetUtcNow(due);
            await pusher.RetryDueAsync();
        }

        Assert.Equal(FakeJushuitanPushState.GaveUp, push.State);
        Assert.Equal(10, pusher.Journal.Count);
        Assert.Equal(Enumerable.Range(1, 10), pusher.Journal.Select(d => d.Attempt));
        Assert.All(pusher.Journal, d => Assert.StartsWith("{\"code\":150,", d.ReplyBody, StringComparison.Ordinal));
        Assert.Equal(10, host.Inbox.StoreCalls);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_an_authentic_push_of_unknown_kind_is_dead_lettered_and_acknowledged()
    {
        await using var host = await PushReceiverHost.StartAsync();
        using var pusher = host.Pusher();
        pusher.Enqueue("order.cancel", "{\"so_id\":\"SO-5001\",\"reason\":\"buyer\"}");

        var delivery = Assert.Single(await pusher.PushAllAsync());

        Assert.True(delivery.Acknowledged, pusher.ToString());
        Assert.Equal("{\"code\":0}", delivery.ReplyBody);
        Assert.Empty(await host.DrainAsync());
        var dead = Assert.Single(await host.DeadLettersAsync());
        Assert.Equal("order.cancel", dead.Push.Kind);
        Assert.Contains("not handled", dead.LastError, StringComparison.Ordinal);
        Assert.Equal(JushuitanPushErrorCodes.UnknownKind, Assert.Throws<PlatformSdk.Errors.PlatformException>(() => host.Handler.ReadStoredMessage(dead)).ErrorCode);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_an_authentic_push_with_unreadable_biz_is_dead_lettered_and_acknowledged()
    {
        await using var host = await PushReceiverHost.StartAsync();
        using var pusher = host.Pusher();
        pusher.Enqueue("inventory", "{\"sku_id\":\"SKU-X\",\"qty\":\"lots\"}");

        var delivery = Assert.Single(await pusher.PushAllAsync());

        Assert.True(delivery.Acknowledged, pusher.ToString());
        var dead = Assert.Single(await host.DeadLettersAsync());
        Assert.Contains("qty", dead.LastError, StringComparison.Ordinal);
    }
}
