using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Inbox;
using PlatformSdk.TmallGlobalDirect.Push;
using PlatformSdk.Top.Qimen;

namespace PlatformSdk.TmallGlobalDirect.Tests;

public class PushHandlerTests
{
    private const string Secret = "erp-app-secret";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    internal const string NotifyXml = """
        <?xml version="1.0" encoding="utf-8"?>
        <request>
          <supplierId>2200001234</supplierId><supplierName>某某供应商</supplierName><bizOrderCode>LBX0001</bizOrderCode>
          <bizType>1</bizType><orderSource>201</orderSource><businessModel>0</businessModel><sellerId>2206</sellerId>
          <sellerNick>天猫国际直营</sellerNick><orderCreateTime>2026-03-10 09:58:00</orderCreateTime><postFee>1000</postFee>
          <sourcePlatformCode>TMGJZY</sourcePlatformCode><itemsValue>25800</itemsValue><storeCode>STORE-1</storeCode>
          <receiverInfo><receiverZipCode>310000</receiverZipCode><receiverCountry>中国</receiverCountry><receiverProvince>浙江省</receiverProvince>
            <receiverCity>杭州市</receiverCity><receiverArea>余杭区</receiverArea><receiverName>张三</receiverName></receiverInfo>
          <orderItems>
            <orderItem><subOrderCode>S1</subOrderCode><scItemId>SC1</scItemId><outerId>SKU-A</outerId><barCode>690000000001</barCode>
              <quantity>2</quantity><scItemName>面霜</scItemName><itemAmount>20000</itemAmount><tradeOrerId>T100</tradeOrerId><subTradeOrderId>T100-1</subTradeOrderId></orderItem>
            <orderItem><subOrderCode>S2</subOrderCode><scItemId>SC2</scItemId><outerId>SKU-B</outerId><quantity>1</quantity><itemAmount>5800</itemAmount></orderItem>
          </orderItems>
        </request>
        """;

    internal const string CancelXml = """
        <request><supplierId>2200001234</supplierId><supplierName>某某供应商</supplierName><bizOrderCode>LBX0001</bizOrderCode>
        <bizTime>2026-03-10 10:00:00</bizTime><refundStatus>9</refundStatus><businessModel>0</businessModel><sourcePlatformCode>TMGJZY</sourcePlatformCode></request>
        """;

    internal const string ReverseXml = """
        <request><supplierId>2200001234</supplierId><supplierName>某某供应商</supplierName><bizOrderCode>RV0009</bizOrderCode>
        <forwardOrderCode>LBX0001</forwardOrderCode><businessModel>0</businessModel><outBizId>OB-9</outBizId><tmsServiceCode>YTO</tmsServiceCode>
        <tmsOrderCode>YT123</tmsOrderCode><sourcePlatformCode>TMGJZY</sourcePlatformCode><storeCode>STORE-1</storeCode>
        <receiverInfo><receiverCity>杭州市</receiverCity></receiverInfo><senderInfo><senderCity>上海市</senderCity><senderProvince>上海</senderProvince></senderInfo>
        <orderItems><orderItem><subOrderCode>S1</subOrderCode><scItemId>SC1</scItemId><refundId>RF1</refundId><planReturnQuantity>2</planReturnQuantity>
        <erpOrderLine>L1</erpOrderLine><refundReason>不想要了</refundReason></orderItem></orderItems></request>
        """;

    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryPushInbox _inbox = new();

    private TmallGlobalDirectPushHandler Handler(Action<TmallGlobalDirectOptions>? configure = null)
    {
        var options = new TmallGlobalDirectOptions { AppKey = "12345678", AppSecret = Secret };
        configure?.Invoke(options);
        return new TmallGlobalDirectPushHandler(options, _inbox, _time);
    }

    internal static TmallGlobalDirectPushRequest Signed(string method, string body, DateTimeOffset at, string secret = Secret, QimenFormat format = QimenFormat.Xml)
    {
        var query = QimenRequestWriter.BuildQuery(new QimenCall(method, "cust-1", body) { Format = format }, "qimen-router-key", secret, at);
        return new TmallGlobalDirectPushRequest
        {
            HttpMethod = "POST",
            QueryString = "?" + string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))),
            Body = Encoding.UTF8.GetBytes(body),
            ContentType = format == QimenFormat.Json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8",
        };
    }

    private static string Text(TmallGlobalDirectPushReply reply) => Encoding.UTF8.GetString(reply.Body.Span);

    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_a_signed_push_is_stored_before_the_success_reply()
    {
        var reply = await Handler().HandleAsync(Signed(TmallGlobalDirectPushMethods.ConsignOrderNotify, NotifyXml, Now));

        Assert.Equal(TmallGlobalDirectPushOutcome.Stored, reply.Outcome);
        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("<response><success>true</success><errorCode>200</errorCode><errorMsg>received</errorMsg><retry>false</retry></response>", Text(reply));
        var stored = Assert.Single(_inbox.Stored);
        Assert.Equal("TmallGlobalDirect", stored.Source);
        Assert.Equal(TmallGlobalDirectPushMethods.ConsignOrderNotify, stored.Kind);
        Assert.Equal(TmallGlobalDirectPushMethods.ConsignOrderNotify + "|LBX0001", stored.DeduplicationKey);
        Assert.Equal(NotifyXml, Encoding.UTF8.GetString(stored.Body.Span));
        Assert.Equal(Now, stored.ReceivedAt);
        Assert.Equal("cust-1", stored.Attributes!["customerId"]);
        Assert.Equal("m-1", reply.MessageId);
    }

    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_a_stored_push_reads_back_into_the_typed_message_it_was_on_receipt()
    {
        var handler = Handler();
        await handler.HandleAsync(Signed(TmallGlobalDirectPushMethods.ConsignOrderNotify, NotifyXml, Now));
        var stored = new InboxMessage { MessageId = "m-1", Push = Assert.Single(_inbox.Stored), DeliveryCount = 1, LeaseToken = "t" };

        var order = Assert.IsType<ConsignOrderNotify>(handler.ReadStoredMessage(stored));

        Assert.Equal("LBX0001", order.BizOrderCode);
        Assert.Equal("cust-1", order.CustomerId);
        Assert.NotEmpty(order.Items);
        var unknown = new InboxMessage { MessageId = "m-2", Push = new InboxPush { Source = "TmallGlobalDirect", Kind = "qimen.other", DeduplicationKey = "k", Body = stored.Push.Body, ReceivedAt = Now }, DeliveryCount = 1, LeaseToken = "t" };
        Assert.Equal("unknown-push-method", Assert.Throws<PlatformSdk.Errors.PlatformException>(() => handler.ReadStoredMessage(unknown)).ErrorCode);
    }

    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_a_redelivered_push_is_acknowledged_and_stored_once()
    {
        var handler = Handler();
        var first = await handler.HandleAsync(Signed(TmallGlobalDirectPushMethods.ConsignOrderNotify, NotifyXml, Now));
        _time.Advance(TimeSpan.FromMinutes(1));
        var again = await handler.HandleAsync(Signed(TmallGlobalDirectPushMethods.ConsignOrderNotify, NotifyXml, _time.GetUtcNow()));

        Assert.True(again.Success);
        Assert.Equal(TmallGlobalDirectPushOutcome.Duplicate, again.Outcome);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Single(_inbox.Stored);
    }

    [Fact]
    [Rule("RTGD-08")]
    public async Task RTGD08_a_cancel_for_an_order_already_stored_is_a_separate_message()
    {
        var handler = Handler();
        await handler.HandleAsync(Signed(TmallGlobalDirectPushMethods.ConsignOrderNotify, NotifyXml, Now));
        var cancel = await handler.HandleAsync(Signed(TmallGlobalDirectPushMethods.ConsignOrderCancel, CancelXml, Now));

        Assert.Equal(TmallGlobalDirectPushOutcome.Stored, cancel.Outcome);
        Assert.Equal(2, _inbox.Stored.Count);
    }

    [Fact]
    public async Task A_forged_sign_is_answered_sign_check_failure_and_nothing_is_stored()
    {
        var reply = await Handler().HandleAsync(Signed(TmallGlobalDirectPushMethods.ConsignOrderNotify, NotifyXml, Now, secret: "someone-else"));

        Assert.Equal("<response><success>false</success><errorCode>sign-check-failure</errorCode><errorMsg>Illegal request</errorMsg><retry>false</retry></response>", Text(reply));
        Assert.Equal(TmallGlobalDirectPushOutcome.Rejected, reply.Outcome);
        Assert.Empty(_inbox.Stored);
        Assert.Empty(_inbox.DeadLetters);
    }

    [Fact]
    public async Task An_altered_body_fails_the_sign_check()
    {
        var request = Signed(TmallGlobalDirectPushMethods.ConsignOrderNotify, NotifyXml, Now);
        var altered = new TmallGlobalDirectPushRequest { QueryString = request.QueryString, ContentType = request.ContentType, Body = Encoding.UTF8.GetBytes(NotifyXml.Replace("<quantity>2", "<quantity>9", StringComparison.Ordinal)) };

        var reply = await Handler().HandleAsync(altered);

        Assert.Equal("sign-check-failure", reply.ErrorCode);
        Assert.Empty(_inbox.Stored);
    }

    [Fact]
    public async Task A_stale_timestamp_is_refused_without_retry_and_nothing_is_stored()
    {
        var reply = await Handler().HandleAsync(Signed(TmallGlobalDirectPushMethods.ConsignOrderNotify, NotifyXml, Now.AddMinutes(-6)));

        Assert.False(reply.Success);
        Assert.False(reply.Retry);
        Assert.Equal("timestamp-out-of-window", reply.ErrorCode);
        Assert.Empty(_inbox.Stored);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_verification()
    {
        var body = "<request><bizOrderCode>X</bizOrderCode>" + new string(' ', 2048) + "</request>";
        var reply = await Handler(o => o.MaxPushBodyBytes = 1024).HandleAsync(Signed(TmallGlobalDirectPushMethods.ConsignOrderNotify, body, Now));

        Assert.Equal("body-too-large", reply.ErrorCode);
        Assert.False(reply.Retry);
        Assert.Empty(_inbox.Stored);
    }

    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_an_unknown_method_is_kept_as_a_dead_letter_and_answered_without_retry()
    {
        var reply = await Handler().HandleAsync(Signed("qimen.alibaba.ascp.uop.modify.trade.appointment", "<request><bizOrderCode>A1</bizOrderCode></request>", Now));

        Assert.Equal(TmallGlobalDirectPushOutcome.DeadLettered, reply.Outcome);
        Assert.Equal("unknown-method", reply.ErrorCode);
        Assert.False(reply.Retry);
        var dead = Assert.Single(_inbox.DeadLetters);
        Assert.Equal("qimen.alibaba.ascp.uop.modify.trade.appointment", dead.Push.Kind);
        Assert.Empty(_inbox.Stored);
    }

    [Theory]
    [Rule("RTGD-01")]
    [InlineData("<request><bizOrderCode>X</bizOrderCode>")]
    [InlineData("<!DOCTYPE request [<!ENTITY e \"x\">]><request><bizOrderCode>&e;</bizOrderCode></request>")]
    [InlineData("<request><supplierId>1</supplierId></request>")]
    [InlineData("<request><bizOrderCode>X</bizOrderCode><orderItems><orderItem><quantity>two</quantity></orderItem></orderItems></request>")]
    [InlineData("<order><bizOrderCode>X</bizOrderCode></order>")]
    public async Task RTGD01_an_unreadable_body_is_kept_as_a_dead_letter_never_thrown(string body)
    {
        var reply = await Handler().HandleAsync(Signed(TmallGlobalDirectPushMethods.ConsignOrderNotify, body, Now));

        Assert.Equal(TmallGlobalDirectPushOutcome.DeadLettered, reply.Outcome);
        Assert.Equal("invalid-body", reply.ErrorCode);
        Assert.False(reply.Retry);
        Assert.Single(_inbox.DeadLetters);
        Assert.Empty(_inbox.Stored);
    }

    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_an_inbox_failure_asks_the_platform_to_redeliver()
    {
        _inbox.FailStores = true;
        var reply = await Handler().HandleAsync(Signed(TmallGlobalDirectPushMethods.ConsignOrderNotify, NotifyXml, Now));

        Assert.Equal("<response><success>false</success><errorCode>inbox-unavailable</errorCode><errorMsg>Temporarily unavailable, please retry</errorMsg><retry>true</retry></response>", Text(reply));
        Assert.Equal(TmallGlobalDirectPushOutcome.InboxFailed, reply.Outcome);
        Assert.DoesNotContain("disk full", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RTGD-04")]
    public async Task RTGD04_a_push_for_another_supplier_is_dead_lettered_not_stored_as_an_order()
    {
        var reply = await Handler(o => o.SupplierId = "9999").HandleAsync(Signed(TmallGlobalDirectPushMethods.ConsignOrderNotify, NotifyXml, Now));

        Assert.Equal("supplier-mismatch", reply.ErrorCode);
        Assert.Single(_inbox.DeadLetters);
        Assert.Empty(_inbox.Stored);
    }

    [Fact]
    public async Task A_json_push_is_answered_in_json()
    {
        const string body = """{"request":{"supplierId":"2200001234","bizOrderCode":"LBX0002","orderItems":{"orderItem":[{"subOrderCode":"S1","quantity":3}]}}}""";
        var reply = await Handler().HandleAsync(Signed(TmallGlobalDirectPushMethods.ConsignOrderNotify, body, Now, format: QimenFormat.Json));

        Assert.Equal("""{"response":{"success":true,"errorCode":"200","errorMsg":"received","retry":false}}""", Text(reply));
        Assert.StartsWith("application/json", reply.ContentType, StringComparison.Ordinal);
        Assert.Equal(TmallGlobalDirectPushMethods.ConsignOrderNotify + "|LBX0002", Assert.Single(_inbox.Stored).DeduplicationKey);
    }

    [Fact]
    [Rule("RTGD-02")]
    public void RTGD02_registration_takes_the_inbox_from_the_container_and_validates_the_settings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AppKey"] = "12345678", ["AppSecret"] = Secret, ["BusinessMode"] = "Agency",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IPushInbox>(_inbox);
        services.AddPlatformSdk().AddTmallGlobalDirect(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<TmallGlobalDirectPushHandler>());
        Assert.Equal(TmallGlobalDirectBusinessMode.Agency, provider.GetRequiredService<IOptions<TmallGlobalDirectOptions>>().Value.BusinessMode);

        var bad = new ServiceCollection();
        bad.AddPlatformSdk().AddTmallGlobalDirect(o => o.AppKey = "k");
        using var badProvider = bad.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => badProvider.GetRequiredService<IOptions<TmallGlobalDirectOptions>>().Value);
        Assert.Contains("AppSecret", error.Message, StringComparison.Ordinal);
    }
}
