using System.Net.Http.Headers;
using System.Text;
using PlatformSdk.Testing.TmallGlobalDirect;
using PlatformSdk.TmallGlobalDirect.Push;

namespace PlatformSdk.TmallGlobalDirect.AspNetCore.Tests;

/// <summary>The endpoint on a real Kestrel host: what reaches the handler, what is refused before buffering, what is written back.</summary>
public sealed class PushEndpointTests : IAsyncLifetime
{
    private const int Limit = 4096;
    private const string Acknowledgement = "<response><success>true</success><errorCode>200</errorCode><errorMsg>received</errorMsg><retry>false</retry></response>";
    private ReceiverHost _host = null!;

    public async Task InitializeAsync() => _host = await ReceiverHost.StartAsync(o => o.MaxPushBodyBytes = Limit);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Guard() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    // What the handler itself answers for an oversized body: the endpoint's early refusal must read the same.
    private static async Task<string> HandlerRefusalOfOversizedBody()
    {
        var handler = new TmallGlobalDirectPushHandler(new TmallGlobalDirectOptions { AppSecret = ReceiverHost.Secret, MaxPushBodyBytes = Limit }, new RecordingPushInbox());
        var reply = await handler.HandleAsync(new TmallGlobalDirectPushRequest { Body = new byte[Limit + 1] });
        return Encoding.UTF8.GetString(reply.Body.Span);
    }

    [Fact]
    [Rule("RTGD-01")]
    public async Task RTGD01_a_signed_push_is_answered_success_after_it_is_stored()
    {
        using var platform = _host.Platform();
        var push = platform.EnqueueOrder("LBX0001");

        var deliveries = await platform.PushAllAsync(cancellationToken: Guard());

        var delivery = Assert.Single(deliveries);
        Assert.Equal(200, delivery.StatusCode);
        Assert.True(delivery.Acknowledged, delivery.ToString());
        var stored = Assert.Single(_host.Inbox.Stored);
        Assert.Equal(FakeTmallGlobalDirectPlatform.ConsignOrderNotifyMethod, stored.Kind);
        Assert.Equal("LBX0001", stored.Attributes!["bizOrderCode"]);
        Assert.Equal(Encoding.UTF8.GetBytes(push.Body), stored.Body.ToArray());
        Assert.Equal(FakeTmallGlobalDirectPushState.Acknowledged, push.State);
    }

    [Fact]
    public async Task The_reply_is_written_with_the_handlers_status_content_type_and_bytes()
    {
        using var http = new HttpClient();
        var body = "<request><supplierId>2200001234</supplierId><bizOrderCode>LBX0002</bizOrderCode></request>";
        using var content = new StringContent(body, new UTF8Encoding(false), "text/xml");
        using var response = await http.PostAsync(new Uri(_host.Url + "?" + _host.SignedQuery(FakeTmallGlobalDirectPlatform.ConsignOrderCancelMethod, body)), content, Guard());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Acknowledgement, await response.Content.ReadAsStringAsync(Guard()));
    }

    [Fact]
    public async Task A_push_signed_with_another_secret_is_refused_as_sign_check_failure_and_not_stored()
    {
        var forger = new FakeTmallGlobalDirectPlatformOptions { ReceiverUrl = _host.Url, AppSecret = "not-the-erp-secret", TimeProvider = _host.Time };
        using var platform = new FakeTmallGlobalDirectPlatform(forger);
        var push = platform.EnqueueOrder("LBX0003");

        var delivery = Assert.Single(await platform.PushAllAsync(cancellationToken: Guard()));

        Assert.Equal(new FakeTmallGlobalDirectReply(false, "sign-check-failure", "Illegal request", false), delivery.Reply);
        Assert.Equal(FakeTmallGlobalDirectPushState.Refused, push.State);
        Assert.Empty(_host.Inbox.Stored);
        Assert.Empty(_host.Inbox.DeadLetters);
    }

    [Fact]
    public async Task A_push_with_a_timestamp_ten_minutes_old_is_refused_and_not_stored()
    {
        var late = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ReceiverHost.Start - TimeSpan.FromMinutes(10));
        using var platform = _host.Platform(configure: o => o.TimeProvider = late);
        platform.EnqueueOrder("LBX0004");

        var delivery = Assert.Single(await platform.PushAllAsync(cancellationToken: Guard()));

        Assert.Equal("timestamp-out-of-window", delivery.Reply?.ErrorCode);
        Assert.False(delivery.Reply!.Retry);
        Assert.Empty(_host.Inbox.Stored);
    }

    [Fact]
    public async Task A_Content_Length_above_the_limit_is_refused_without_waiting_for_the_body()
    {
        var query = _host.SignedQuery(FakeTmallGlobalDirectPlatform.ConsignOrderNotifyMethod, "x");
        var head = $"POST /qimen?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {100 * Limit}\r\n\r\n";

        // Not one body byte is sent: a reply can only come from the declared length.
        var (status, body) = await _host.RawAsync(head, [], Guard());

        Assert.Equal(200, status);
        Assert.Equal(await HandlerRefusalOfOversizedBody(), body);
        Assert.Contains("<errorCode>body-too-large</errorCode>", body, StringComparison.Ordinal);
        Assert.Empty(_host.Inbox.Stored);
        Assert.Empty(_host.Inbox.DeadLetters);
    }

    [Fact]
    public async Task A_chunked_body_is_refused_once_it_passes_the_limit_without_reading_the_rest()
    {
        var query = _host.SignedQuery(FakeTmallGlobalDirectPlatform.ConsignOrderNotifyMethod, "x");
        var head = $"POST /qimen?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n";
        var chunk = new string('a', 1024);
        var chunks = string.Concat(Enumerable.Repeat($"400\r\n{chunk}\r\n", Limit / 1024 + 1));

        // The chunked body never ends (no 0-length chunk): a reply proves the reading stopped past the limit.
        var (status, body) = await _host.RawAsync(head, Encoding.ASCII.GetBytes(chunks), Guard());

        Assert.Equal(200, status);
        Assert.Equal(await HandlerRefusalOfOversizedBody(), body);
        Assert.Empty(_host.Inbox.Stored);
    }

    [Fact]
    public async Task A_body_above_the_limit_sent_by_HttpClient_with_or_without_length_gets_the_failure_reply()
    {
        using var http = new HttpClient();
        var url = new Uri(_host.Url + "?" + _host.SignedQuery(FakeTmallGlobalDirectPlatform.ConsignOrderNotifyMethod, "x"));
        var expected = await HandlerRefusalOfOversizedBody();
        foreach (var chunked in new[] { false, true })
        {
            var bytes = Encoding.UTF8.GetBytes("<request>" + new string('a', 2 * Limit) + "</request>");
            using HttpContent content = chunked ? new UnknownLengthContent(bytes) : new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
            using var response = await http.PostAsync(url, content, Guard());

            Assert.Equal(expected, await response.Content.ReadAsStringAsync(Guard()));
        }

        Assert.Empty(_host.Inbox.Stored);
    }

    [Fact]
    public async Task A_chunked_body_within_the_limit_is_verified_and_stored()
    {
        using var http = new HttpClient();
        var body = "<request><supplierId>2200001234</supplierId><bizOrderCode>LBX0005</bizOrderCode></request>";
        var url = new Uri(_host.Url + "?" + _host.SignedQuery(FakeTmallGlobalDirectPlatform.ConsignOrderCancelMethod, body));
        using var content = new UnknownLengthContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        using var response = await http.PostAsync(url, content, Guard());

        Assert.True(response.RequestMessage!.Headers.TransferEncodingChunked);
        Assert.Equal(Acknowledgement, await response.Content.ReadAsStringAsync(Guard()));
        Assert.Single(_host.Inbox.Stored);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_exactly_at_the_limit_is_read_whole_even_when_the_servers_own_limit_is_lower(bool lowServerLimit)
    {
        await using var lowLimitHost = lowServerLimit ? await ReceiverHost.StartAsync(o => o.MaxPushBodyBytes = Limit, serverBodyLimit: Limit / 2) : null;
        var host = lowLimitHost ?? _host;
        using var http = new HttpClient();
        var start = "<request><supplierId>2200001234</supplierId><bizOrderCode>LBX0006</bizOrderCode><note>";
        var end = "</note></request>";
        var body = start + new string('n', Limit - start.Length - end.Length) + end;
        Assert.Equal(Limit, Encoding.UTF8.GetByteCount(body));
        var url = new Uri(host.Url + "?" + host.SignedQuery(FakeTmallGlobalDirectPlatform.ConsignOrderCancelMethod, body));
        using var content = new UnknownLengthContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        using var response = await http.PostAsync(url, content, Guard());

        var text = await response.Content.ReadAsStringAsync(Guard());
        Assert.True(text == Acknowledgement, text);
        Assert.Equal(Limit, Assert.Single(host.Inbox.Stored).Body.Length);
    }

    [Fact]
    public async Task The_handler_gets_the_exact_bytes_so_a_signature_over_a_BOM_CRLF_and_Chinese_text_verifies()
    {
        using var platform = _host.Platform();
        var body = "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<request>\r\n  <supplierId>2200001234</supplierId>\r\n"
            + "  <supplierName>测试 供应商</supplierName>\r\n  <bizOrderCode>LBX0007</bizOrderCode>\r\n</request>\r\n";
        platform.Enqueue(FakeTmallGlobalDirectPlatform.ConsignOrderCancelMethod, "LBX0007", body);

        var delivery = Assert.Single(await platform.PushAllAsync(cancellationToken: Guard()));

        Assert.True(delivery.Acknowledged, delivery.ToString());
        var stored = Assert.Single(_host.Inbox.Stored).Body.ToArray();
        Assert.Equal(Encoding.UTF8.GetBytes(body), stored);
        Assert.Equal([0xEF, 0xBB, 0xBF], stored[..3]);
    }

    [Fact]
    public async Task A_GET_is_answered_in_the_platforms_format_and_nothing_is_stored()
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(_host.Url, Guard());

        Assert.Contains("<success>false</success><errorCode>invalid-request</errorCode>", text, StringComparison.Ordinal);
        Assert.Empty(_host.Inbox.Stored);
    }
}

/// <summary>A body whose length HttpClient cannot know, so it is sent chunked, without Content-Length.</summary>
internal sealed class UnknownLengthContent(byte[] bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes, 0, bytes.Length);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
