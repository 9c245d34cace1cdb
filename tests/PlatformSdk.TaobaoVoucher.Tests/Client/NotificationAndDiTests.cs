using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlatformSdk.TaobaoVoucher.Refunds;
using PlatformSdk.TaobaoVoucher.Models.Sending;
using PlatformSdk.TaobaoVoucher.Notifications;
using PlatformSdk.Top;
using PlatformSdk.Testing;

namespace PlatformSdk.TaobaoVoucher.Tests.Client;

public sealed class NotificationAndDiTests
{
    [Fact]
    public async Task Polling_source_pages_tasks_get_type_1_then_type_2_and_requests_renotify_for_tokenless_notices()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.ByForm(f => f["method"] switch
        {
            "taobao.vmarket.eticket.tasks.get" => VoucherReplies.Ok(f["method"], (f["type"], f["page_no"]) switch
            {
                ("1", "1") => """{"eticket_tasks":{"eticket_task":[{"order_id":1},{"order_id":2}]},"total_results":3}""",
                ("1", "2") => """{"eticket_tasks":{"eticket_task":[{"order_id":3}]},"total_results":3}""",
                _ => """{"eticket_tasks":{"eticket_task":[{"order_id":2},{"order_id":4}]},"total_results":2}""",
            }),
            _ => VoucherReplies.Ok(f["method"], """{"ret_code":1}"""),
        }));
        using var host = new VoucherHost(stub, o => o.PollingPageSize = 2);
        var processor = host.Provider.GetRequiredService<VoucherNotificationProcessor>();

        var results = await processor.ProcessBatchAsync((_, _) => throw new InvalidOperationException("tokenless notices are not decided"), 10, CancellationToken.None);

        Assert.Equal([1L, 2L, 3L, 4L], results.Select(r => r.Notice.OrderId!.Value).ToArray());
        Assert.All(results, r => Assert.Equal(VoucherNoticeOutcome.RenotifyRequested, r.Outcome));
        var pages = stub.CallsTo("taobao.vmarket.eticket.tasks.get").Select(f => (f["type"], f["page_no"], f["page_size"])).ToArray();
        Assert.Equal([("1", "1", "2"), ("1", "2", "2"), ("2", "1", "2")], pages);
        Assert.Equal(4, stub.CallsTo("taobao.vmarket.eticket.manage.notify").Length);
    }

    [Fact]
    public async Task Queue_source_feeds_notices_to_send_and_failsend_with_their_tokens()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":1}"""));
        using var host = new VoucherHost(stub);
        var queue = new QueueVoucherNotificationSource();
        var processor = new VoucherNotificationProcessor(host.Client, queue);
        await queue.PublishAsync(new VoucherSendNotice { OrderId = 10, Token = "t10", Num = 2 }, CancellationToken.None);
        await queue.PublishAsync(new VoucherSendNotice { OrderId = 11, Token = "t11", Num = 1, Method = VoucherNotifyMethod.Resend }, CancellationToken.None);
        await queue.PublishAsync(new VoucherSendNotice { OrderId = 12, Token = "t12", Num = 1 }, CancellationToken.None);

        var results = await processor.ProcessBatchAsync((n, _) => ValueTask.FromResult(n.OrderId == 12
            ? VoucherNoticeAnswer.Fail("3", "sold out")
            : VoucherNoticeAnswer.Send([new("1234567" + n.OrderId, n.Num ?? 1)])), 10, CancellationToken.None);

        Assert.Equal([VoucherNoticeOutcome.Sent, VoucherNoticeOutcome.Sent, VoucherNoticeOutcome.FailReported], results.Select(r => r.Outcome).ToArray());
        var forms = stub.Forms().ToArray();
        Assert.Equal(("taobao.vmarket.eticket.send", "t10", "123456710:2"), (forms[0]["method"], forms[0]["token"], forms[0]["verify_codes"]));
        Assert.Equal(("taobao.vmarket.eticket.resend", "t11"), (forms[1]["method"], forms[1]["token"]));
        Assert.Equal(("taobao.vmarket.eticket.failsend", "t12", "3"), (forms[2]["method"], forms[2]["token"], forms[2]["error_code"]));
        Assert.DoesNotContain("t10", results[0].Notice.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queue_source_in_merchant_family_answers_with_ma_send()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":"1"}"""));
        using var host = new VoucherHost(stub, o => o.Family = VoucherApiFamily.Merchant);
        var queue = new QueueVoucherNotificationSource(capacity: 4);
        await queue.PublishAsync(new VoucherSendNotice { OuterId = "TB-1", Token = "tk" }, CancellationToken.None);
        queue.Complete();

        var results = await new VoucherNotificationProcessor(host.Client, queue).ProcessBatchAsync((_, _) => ValueTask.FromResult(VoucherNoticeAnswer.Send([new("7654321", 1)])), 5, CancellationToken.None);
        var after = await queue.FetchAsync(5, CancellationToken.None);

        Assert.Equal(VoucherNoticeOutcome.Sent, Assert.Single(results).Outcome);
        Assert.Equal(("taobao.eticket.merchant.ma.send", "TB-1"), (stub.Forms().Single()["method"], stub.Forms().Single()["outer_id"]));
        Assert.Empty(after);
    }

    [Fact]
    [Rule("RTV-14")]
    public void Money_facade_applies_the_RTV14a_calculator_with_the_client_clock()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.ByForm(_ => (200, "{}")));
        using var host = new VoucherHost(stub);
        var refund = host.Client.Money.UnexpiredRefund(new VoucherOrderAmounts(50.00m, 3), redeemed: 1, unredeemed: 2, ratio: 0.8m);
        Assert.Equal(79.00m, refund.Amount);
        Assert.Equal(host.Time.GetUtcNow().AddHours(24), refund.DueBy);
    }

    private static OptionsValidationException StartFails(Action<TaobaoVoucherOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddPlatformSdk().AddTop(o =>
        {
            o.AppKey = "1";
            o.AppSecret = "s";
            o.Sellers["shop-a"] = new TopSellerOptions { Session = "x" };
        }).AddTaobaoVoucher(configure);
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void Options_without_seller_fail_at_start()
        => Assert.Contains("Seller is required", StartFails(_ => { }).Message, StringComparison.Ordinal);

    [Fact]
    public void Options_with_a_seller_without_session_fail_at_start_unless_sessions_are_stored_at_runtime()
    {
        Assert.Contains("has no session", StartFails(o => o.Seller = "shop-b").Message, StringComparison.Ordinal);
        var services = new ServiceCollection();
        services.AddPlatformSdk().AddTop(o => { o.AppKey = "1"; o.AppSecret = "s"; })
            .AddTaobaoVoucher(o => { o.Seller = "shop-b"; o.SessionsStoredAtRuntime = true; });
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(provider.GetRequiredService<TaobaoVoucherClient>());
    }

    [Fact]
    [Rule("RTV-06")]
    public void RTV06_code_merchant_id_must_be_positive()
        => Assert.Contains("CodeMerchantId", StartFails(o => { o.Seller = "shop-a"; o.CodeMerchantId = 0; }).Message, StringComparison.Ordinal);

    [Fact]
    public void Polling_page_size_must_be_1_to_100()
        => Assert.Contains("PollingPageSize", StartFails(o => { o.Seller = "shop-a"; o.PollingPageSize = 0; }).Message, StringComparison.Ordinal);

    [Fact]
    public void The_client_factory_gives_one_client_per_seller_with_the_registered_options()
    {
        var services = new ServiceCollection();
        services.AddPlatformSdk()
            .AddTop(o =>
            {
                o.AppKey = "12345678";
                o.AppSecret = "secret-0123456789";
                o.Sellers["a"] = new PlatformSdk.Top.TopSellerOptions { Session = "session-0123456789" };
                o.Sellers["b"] = new PlatformSdk.Top.TopSellerOptions { Session = "session-9876543210" };
            })
            .AddTaobaoVoucher(o => { o.Seller = "a"; o.CodeMerchantId = 42; o.Family = VoucherApiFamily.Merchant; });
        using var provider = services.BuildServiceProvider();

        var sellers = provider.GetRequiredService<PlatformSdk.IPlatformClientFactory<TaobaoVoucherClient>>();
        var b = sellers.CreateClient("b");

        Assert.Equal("b", b.Options.Seller);
        Assert.Equal(42, b.Options.CodeMerchantId);
        Assert.Equal(VoucherApiFamily.Merchant, b.Options.Family);
        Assert.Same(b, sellers.CreateClient("b"));
        Assert.Equal("a", provider.GetRequiredService<TaobaoVoucherClient>().Options.Seller);
    }

    [Fact]
    public void AddTaobaoVoucher_before_AddTop_shares_the_TOP_host_and_contributes_its_catalogue()
    {
        var services = new ServiceCollection();
        services.AddPlatformSdk()
            .AddTaobaoVoucher(o => o.Seller = "a")
            .AddTop(o =>
            {
                o.AppKey = "12345678";
                o.AppSecret = "secret-0123456789";
                o.Sellers["a"] = new PlatformSdk.Top.TopSellerOptions { Session = "session-0123456789" };
            });
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<TaobaoVoucherClient>());
        var classifier = provider.GetRequiredService<PlatformSdk.Top.Errors.TopResponseClassifier>();
        Assert.Same(PlatformSdk.TaobaoVoucher.Errors.TaobaoVoucherErrorCatalogue.Instance, classifier.CatalogueFor(TaobaoVoucherClient.Platform));
        Assert.Same(PlatformSdk.Top.Errors.TopErrorCatalogue.Instance, classifier.CatalogueFor(PlatformSdk.Top.Errors.TopErrorCatalogue.Platform));
    }
}
