using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Testing;
using PlatformSdk.Testing.Faults;

namespace PlatformSdk.Testing.Tests;

/// <summary>A minimal fake: route = first path segment; "/counter" increments state and returns it.</summary>
internal sealed class CounterFake(TimeProvider? time = null) : FakePlatformServer(time)
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    protected override string ResolveRoute(FakeRequest request) => request.Path.Trim('/') is { Length: > 0 } p ? p : "root";

    protected override FakeResponse HandleRequest(string route, FakeRequest request) => route switch
    {
        "counter" => FakeResponse.Json($"{{\"code\":0,\"count\":{Interlocked.Increment(ref _count)},\"padding\":\"abcdefghijklmnopqrstuvwxyz\"}}"),
        "boom" => throw new InvalidOperationException("handler bug"),
        _ => FakeResponse.Json("{\"code\":404}", 404),
    };

    protected override FakeResponse CreateThrottleResponse(string route, FakeRequest request) =>
        FakeResponse.Json("{\"code\":429,\"msg\":\"slow down\"}");
}

public sealed class FakePlatformServerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CounterFake _fake;
    private readonly HttpClient _http;

    public FakePlatformServerTests()
    {
        _fake = new CounterFake(_time);
        _http = new HttpClient { BaseAddress = _fake.BaseUri };
    }

    public void Dispose()
    {
        _http.Dispose();
        _fake.Dispose();
    }

    private Task<HttpResponseMessage> PostCounter(string query = "") =>
        _http.PostAsync("counter" + query, new StringContent("a=1&b=x+y%26z", Encoding.UTF8, "application/x-www-form-urlencoded"));

    [Fact]
    public void Server_listens_on_loopback_only_with_a_random_port()
    {
        Assert.Equal("127.0.0.1", _fake.BaseUri.Host);
        Assert.NotEqual(0, _fake.BaseUri.Port);
        Assert.EndsWith("/", _fake.BaseUri.AbsoluteUri, StringComparison.Ordinal);
        Assert.False(_fake.Url.EndsWith('/'));
    }

    [Fact]
    public async Task Journal_records_route_method_path_query_headers_body_form_timestamp_and_status()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "counter?method=shops.query&sign=ab%20c")
        {
            Content = new StringContent("a=1&b=x+y%26z", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Test", "yes");
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(_fake.Journal.Entries);
        Assert.Equal("counter", entry.Route);
        Assert.Equal("POST", entry.Method);
        Assert.Equal("/counter", entry.Path);
        Assert.Equal("shops.query", entry.Query["method"]);
        Assert.Equal("ab c", entry.Query["sign"]);
        Assert.Equal("yes", entry.Headers["x-test"]);
        Assert.Equal("a=1&b=x+y%26z", entry.Body);
        Assert.Equal("x y&z", entry.Form["b"]);
        Assert.Equal(_time.GetUtcNow(), entry.Timestamp);
        Assert.Equal(200, entry.ResponseStatus);
        Assert.Contains("\"count\":1", entry.ResponseBody, StringComparison.Ordinal);
        Assert.False(entry.FaultInjected);
        Assert.True(entry.Processed);
        Assert.Single(_fake.CallsTo("counter"));
        Assert.Empty(_fake.CallsTo("other"));
    }

    [Fact]
    public async Task Next_N_server_errors_then_normal_responses_with_retry_after()
    {
        _fake.Faults.For("counter").Next(2, Fault.ServerError(503, TimeSpan.FromSeconds(1.2)));

        using var first = await PostCounter();
        using var second = await PostCounter();
        using var third = await PostCounter();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), first.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(1, _fake.Count); // server errors do not process the request by default
        Assert.Equal([true, true, false], _fake.Journal.Entries.Select(e => e.FaultInjected));
    }

    [Fact]
    public async Task Server_error_after_processing_changes_state_but_hides_the_answer()
    {
        _fake.Faults.For("counter").Once(Fault.ServerError(500, processRequest: true));

        using var response = await PostCounter();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, _fake.Count);
        Assert.True(_fake.Journal.Entries[0].Processed);
    }

    [Fact]
    public async Task Faults_are_per_route_and_any_route_rules_apply_everywhere()
    {
        _fake.Faults.For("other").Once(Fault.ServerError());
        using (var unaffected = await PostCounter())
        {
            Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        }

        _fake.Faults.ForAnyRoute().Once(Fault.HtmlErrorPage(502));
        using var affected = await PostCounter();
        Assert.Equal(HttpStatusCode.BadGateway, affected.StatusCode);
    }

    [Fact]
    public async Task Dropped_connection_surfaces_as_transport_error_and_is_journaled()
    {
        _fake.Faults.For("counter").Once(Fault.DropConnection());

        await Assert.ThrowsAsync<HttpRequestException>(() => PostCounter());
        using var next = await PostCounter();

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var dropped = _fake.Journal.Entries[0];
        Assert.Null(dropped.ResponseStatus);
        Assert.Equal(FaultKind.DropConnection, dropped.Fault?.Kind);
        Assert.Equal(1, _fake.Count);
    }

    [Fact]
    public async Task Dropped_connection_after_processing_keeps_the_state_change()
    {
        _fake.Faults.For("counter").Once(Fault.DropConnection(processRequest: true));

        await Assert.ThrowsAsync<HttpRequestException>(() => PostCounter());

        Assert.Equal(1, _fake.Count);
    }

    [Fact]
    public async Task Malformed_body_is_not_json()
    {
        _fake.Faults.For("counter").Once(Fault.MalformedBody());

        using var response = await PostCounter();
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Truncated_body_is_a_strict_prefix_of_the_normal_body()
    {
        _fake.Faults.For("counter").Once(Fault.TruncatedBody());

        using var truncated = await PostCounter();
        var cut = await truncated.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, truncated.StatusCode);
        Assert.StartsWith("{\"code\":0,\"count\":1", cut, StringComparison.Ordinal);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(cut));
        var expectedFull = "{\"code\":0,\"count\":1,\"padding\":\"abcdefghijklmnopqrstuvwxyz\"}";
        Assert.Equal(expectedFull[..(expectedFull.Length / 2)], cut);
    }

    [Fact]
    public async Task Redirect_points_elsewhere_without_a_body()
    {
        _fake.Faults.For("counter").Once(Fault.Redirect(307, "http://127.0.0.1:9/moved", processRequest: true));
        using var noFollow = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = _fake.BaseUri };

        using var response = await noFollow.PostAsync("counter", new StringContent("a=1"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri("http://127.0.0.1:9/moved"), response.Headers.Location);
        Assert.Equal(1, _fake.Count);
        Assert.Equal("Redirect(307)", _fake.Journal.Entries.Single().Fault!.ToString());
    }

    [Fact]
    public async Task Byte_order_mark_precedes_the_normal_body()
    {
        _fake.Faults.For("counter").Once(Fault.ByteOrderMark());

        using var response = await PostCounter();
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("{\"code\":0,\"count\":1", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trailing_bytes_follow_a_complete_normal_body()
    {
        _fake.Faults.For("counter").Once(Fault.TrailingBytes("garbage"));

        using var response = await PostCounter();
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("{\"code\":0,\"count\":1,\"padding\":\"abcdefghijklmnopqrstuvwxyz\"}garbage", body);
    }

    [Fact]
    public async Task Oversized_body_is_the_normal_body_padded_to_the_requested_size_and_still_valid_json()
    {
        _fake.Faults.For("counter").Once(Fault.OversizedBody(100_000));

        using var response = await PostCounter();
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(100_000, bytes.Length);
        using var parsed = System.Text.Json.JsonDocument.Parse(bytes);
        Assert.Equal(1, parsed.RootElement.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData(200)]
    [InlineData(502)]
    public async Task Html_error_page_has_html_content_type_and_status(int status)
    {
        _fake.Faults.For("counter").Once(Fault.HtmlErrorPage(status));

        using var response = await PostCounter();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _fake.Count);
    }

    [Fact]
    public async Task Throttle_uses_the_derived_platform_body_and_skips_processing()
    {
        _fake.Faults.For("counter").Once(Fault.Throttle());

        using var response = await PostCounter();

        Assert.Equal("{\"code\":429,\"msg\":\"slow down\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, _fake.Count);
    }

    [Fact]
    public async Task Delay_holds_the_response_until_the_fake_clock_advances()
    {
        _fake.Faults.For("counter").Once(Fault.Delay(TimeSpan.FromSeconds(30)));

        var pending = PostCounter();
        await _fake.Journal.WaitForCountAsync(1).WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(pending.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FaultKind.Delay, _fake.Journal.Entries[0].Fault?.Kind);
    }

    [Fact]
    public async Task Fraction_with_a_seed_is_deterministic_and_roughly_proportional()
    {
        async Task<bool[]> RunAsync()
        {
            await using var fake = new CounterFake(_time);
            using var http = new HttpClient { BaseAddress = fake.BaseUri };
            fake.Faults.For("counter").Fraction(0.5, Fault.ServerError(500), seed: 42);
            var failed = new bool[40];
            for (var i = 0; i < failed.Length; i++)
            {
                using var response = await http.PostAsync("counter", null);
                failed[i] = response.StatusCode == HttpStatusCode.InternalServerError;
            }

            return failed;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        var failures = first.Count(f => f);
        Assert.InRange(failures, 10, 30);
        var random = new Random(42);
        Assert.Equal(Enumerable.Range(0, 40).Select(_ => random.NextDouble() < 0.5), first);
    }

    [Fact]
    public async Task Clear_removes_all_rules()
    {
        _fake.Faults.For("counter").Next(3, Fault.ServerError()).Always(Fault.Throttle());
        Assert.Equal(3, _fake.Faults.For("counter").PendingCount);
        _fake.Faults.Clear();

        using var response = await PostCounter();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Handler_exception_becomes_a_readable_500()
    {
        using var response = await _http.PostAsync("boom", null);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("handler bug", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_requests_are_all_journaled()
    {
        var calls = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await PostCounter();
            return response.StatusCode;
        });

        var statuses = await Task.WhenAll(calls);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(20, _fake.Journal.Count);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), _fake.Journal.Entries.Select(e => e.Sequence).Order());
    }
}
