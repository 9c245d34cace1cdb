using Microsoft.Extensions.DependencyInjection;
using PlatformSdk.Testing.Top;
using PlatformSdk.TaobaoVoucher.Notifications;

namespace PlatformSdk.TaobaoVoucher.Tests.Integration;

public sealed class NotificationIntegrationTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Polling_source_reads_every_pending_notice_over_tasks_get_pages()
    {
        await using var h = TopVoucherHarness.Start();
        var ids = new[] { 3600001L, 3600002, 3600003, 3600004, 3600005 };
        foreach (var id in ids)
        {
            h.Issue(id);
        }

        var source = new PollingVoucherNotificationSource(new TaobaoVoucherClient(
            h.Provider.GetRequiredService<PlatformSdk.Top.TopClient>(), new TaobaoVoucherOptions { Seller = TopVoucherHarness.Seller, PollingPageSize = 2 }, h.Time));
        var notices = await source.FetchAsync(10, Ct);

        Assert.Equal(ids, notices.Select(n => n.OrderId!.Value).Order().ToArray());
        var pages = h.Fake.CallsTo(FakeTopMethods.VmarketTasksGet).Where(c => c.Form["type"] == "1").Select(c => c.Form["page_no"]).ToArray();
        Assert.Equal(["1", "2", "3"], pages);
    }

    [Fact]
    [Rule("RTV-10")]
    public async Task RTV10_processor_over_a_queue_sends_the_code_for_a_pending_notice_and_the_order_ships()
    {
        await using var h = TopVoucherHarness.Start();
        var notice = h.Issue(3600010);
        var queue = new QueueVoucherNotificationSource();
        await queue.PublishAsync(new VoucherSendNotice { OrderId = notice.OrderId, Token = notice.Token, Num = notice.Units, Seller = TopVoucherHarness.Seller }, Ct);
        var processor = new VoucherNotificationProcessor(h.Client, queue);

        var results = await processor.ProcessBatchAsync((n, _) => ValueTask.FromResult(VoucherNoticeAnswer.Send([new("60606060", n.Num ?? 1)])), 10, Ct);

        Assert.Equal(VoucherNoticeOutcome.Sent, Assert.Single(results).Outcome);
        var order = h.Order(3600010);
        Assert.True(order.Shipped);
        Assert.Equal("60606060", order.LiveCode);
        Assert.Equal(FakeTopNoticeStatus.Done, h.Fake.Notices.Single(n => n.OrderId == 3600010).Status);
    }

    [Fact]
    public async Task Processor_in_merchant_family_reports_failsend_and_the_fake_marks_the_notice_failed()
    {
        await using var h = TopVoucherHarness.Start(VoucherApiFamily.Merchant);
        var notice = h.Issue(3600011);
        var queue = new QueueVoucherNotificationSource();
        await queue.PublishAsync(new VoucherSendNotice { OuterId = "3600011", Token = notice.Token, Num = notice.Units }, Ct);

        var results = await new VoucherNotificationProcessor(h.Client, queue).ProcessBatchAsync((_, _) => ValueTask.FromResult(VoucherNoticeAnswer.Fail("3", "sold out")), 10, Ct);

        Assert.Equal(VoucherNoticeOutcome.FailReported, Assert.Single(results).Outcome);
        Assert.False(h.Order(3600011).Shipped);
        Assert.Equal(FakeTopNoticeStatus.Failed, h.Fake.Notices.Single(n => n.OrderId == 3600011).Status);
    }
}
