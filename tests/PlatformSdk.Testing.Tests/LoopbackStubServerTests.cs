using System.Net;
using System.Text;
using System.Web;
using Microsoft.Extensions.Time.Testing;

namespace PlatformSdk.Testing.Tests;

public sealed class LoopbackStubServerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Listens_on_loopback_and_answers_200_with_an_empty_body_by_default()
    {
        using var stub = new LoopbackStubServer();

        using var response = await _http.GetAsync(stub.BaseUri);

        Assert.Equal("127.0.0.1", stub.BaseUri.Host);
        Assert.Equal(stub.BaseUri.AbsoluteUri.TrimEnd('/'), stub.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Queued_replies_go_first_in_order_then_the_handler_then_the_default()
    {
        using var stub = new LoopbackStubServer();
        stub.Enqueue(StubReply.Json("{\"n\":1}"), StubReply.Text("second", 503));
        Assert.Equal(2, stub.QueuedReplies);

        var bodies = new List<(int, string)>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await _http.GetAsync(stub.BaseUri);
            bodies.Add(((int)response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        stub.SetHandler(request => StubReply.Text("handled " + request.Path));
        stub.Enqueue(StubReply.Empty(204));
        bodies.Add(((int)(await _http.GetAsync(stub.BaseUri)).StatusCode, string.Empty));
        bodies.Add((200, await _http.GetStringAsync(new Uri(stub.BaseUri, "p"))));
        stub.SetHandler(null);
        stub.DefaultReply = StubReply.Text("default", 418);
        using var last = await _http.GetAsync(stub.BaseUri);
        bodies.Add(((int)last.StatusCode, await last.Content.ReadAsStringAsync()));

        Assert.Equal([(200, "{\"n\":1}"), (503, "second"), (200, string.Empty), (204, string.Empty), (200, "handled /p"), (418, "default")], bodies);
        Assert.Equal(0, stub.QueuedReplies);
    }

    [Fact]
    public async Task Replies_carry_status_body_bytes_content_type_and_headers()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF];
        using var stub = new LoopbackStubServer(_ => StubReply.Bytes(png, "image/png", 201).WithHeader("X-Request-Id", "rq-1").WithHeader("Retry-After", "3"));

        using var response = await _http.GetAsync(stub.BaseUri);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("rq-1", response.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task Requests_are_journaled_with_method_path_query_headers_body_bytes_form_and_the_reply()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("{\"ok\":true}", 202), _time);
        using var form = new FormUrlEncodedContent([new("name", "电子 凭证"), new("tag", "a"), new("tag", "b")]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(stub.BaseUri, "open/orders?page=1&q=%E4%B8%AD")) { Content = form };
        request.Headers.Add("X-Trace", "t-1");

        using var response = await _http.SendAsync(request);

        var entry = Assert.Single(stub.Journal.Entries);
        var received = Assert.Single(stub.Requests);
        Assert.Same(entry.Request, received);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/open/orders", received.Path);
        Assert.Equal("/open/orders", entry.Route);
        Assert.Equal("1", received.Query["page"]);
        Assert.Equal("中", received.Query["q"]);
        Assert.Equal("t-1", received.Headers["X-Trace"]);
        Assert.StartsWith("application/x-www-form-urlencoded", received.ContentType, StringComparison.Ordinal);
        Assert.Equal("电子 凭证", received.Form["name"]);
        Assert.Equal(["a", "b"], received.Form.GetValues("tag"));
        Assert.Equal(await form.ReadAsByteArrayAsync(), received.BodyBytes.ToArray());
        Assert.Equal(_time.GetUtcNow(), received.ReceivedAt);
        Assert.Equal(202, entry.ResponseStatus);
        Assert.Equal("{\"ok\":true}", entry.ResponseBody);
        Assert.Same(received, Assert.Single(stub.RequestsTo("/open/orders")));
        Assert.Empty(stub.RequestsTo("/other"));
    }

    [Fact]
    public async Task Binary_and_gbk_bodies_arrive_byte_exact()
    {
        byte[] binary = [0x00, 0xFF, 0xFE, 0x80, 0x0D, 0x0A];
        var gbk = FormReader.GetEncoding("gbk")!;
        var gbkForm = Encoding.ASCII.GetBytes("title=" + HttpUtility.UrlEncode("电子凭证", gbk));
        using var stub = new LoopbackStubServer();

        using var octets = new ByteArrayContent(binary);
        octets.Headers.ContentType = new("application/octet-stream");
        await _http.PostAsync(stub.BaseUri, octets);
        using var gbkContent = new ByteArrayContent(gbkForm);
        gbkContent.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=GBK");
        await _http.PostAsync(stub.BaseUri, gbkContent);

        var requests = stub.Requests;
        Assert.Equal(binary, requests[0].BodyBytes.ToArray());
        Assert.Empty(requests[0].Form);
        Assert.Equal("电子凭证", requests[1].Form["title"]);
    }

    [Fact]
    public async Task A_failing_handler_answers_500_with_the_exception_and_the_request_is_still_journaled()
    {
        using var stub = new LoopbackStubServer(_ => throw new InvalidOperationException("handler bug"));

        using var response = await _http.GetAsync(stub.BaseUri);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("handler bug", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(500, Assert.Single(stub.Journal.Entries).ResponseStatus);
    }

    [Fact]
    public async Task A_delayed_reply_waits_on_the_time_provider_and_the_request_is_journaled_first()
    {
        using var stub = new LoopbackStubServer(_time);
        stub.Enqueue(StubReply.Json("{}").WithDelay(TimeSpan.FromSeconds(30)));

        var pending = _http.GetAsync(stub.BaseUri);
        await stub.WaitForRequestsAsync(1).WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(50);
        Assert.False(pending.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(30));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(stub.Journal.Entries);
    }

    [Fact]
    public async Task Reset_forgets_requests_and_queued_replies_but_keeps_the_handler()
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Text("handler"));
        await _http.GetAsync(stub.BaseUri);
        stub.Enqueue(StubReply.Text("queued"));

        stub.Reset();

        Assert.Empty(stub.Requests);
        Assert.Equal(0, stub.QueuedReplies);
        Assert.Equal("handler", await _http.GetStringAsync(stub.BaseUri));
        Assert.Single(stub.Requests);
    }

    [Fact]
    public void Replies_validate_their_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StubReply.Empty(42));
        Assert.Throws<ArgumentOutOfRangeException>(() => StubReply.Empty().WithDelay(TimeSpan.FromSeconds(-1)));
        using var stub = new LoopbackStubServer();
        Assert.Throws<ArgumentNullException>(() => stub.Enqueue(null!));
        Assert.Equal("{}", StubReply.Json("{}").BodyText);
        Assert.Equal(FakeResponse.JsonContentType, StubReply.Json("{}").ContentType);
        Assert.Null(StubReply.Empty().ContentType);
    }
}
