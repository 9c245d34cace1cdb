using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.Top;

namespace PlatformSdk.Testing.Tests.Top;

public sealed class FakeTopRouterTests : IDisposable
{
    private const long Order = 9001;
    private readonly TopTestClient _c = new();

    public void Dispose() => _c.Dispose();

    private static Dictionary<string, string> VTop1(string signMethod) => new(StringComparer.Ordinal)
    {
        ["method"] = "taobao.item.seller.get",
        ["app_key"] = "12345678",
        ["session"] = "test",
        ["timestamp"] = "2016-01-01 12:00:00",
        ["format"] = "json",
        ["v"] = "2.0",
        ["sign_method"] = signMethod,
        ["fields"] = "num_iid,title,nick,price,num",
        ["num_iid"] = "11223344",
    };

    [Fact]
    public void V_TOP_1_md5_official_vector_matches_test_client_and_fake()
    {
        Assert.Equal("66987CB115214E59E6EC978214934FB8", TopTestClient.Sign(VTop1("md5"), "helloworld", "md5"));
        Assert.Equal("66987CB115214E59E6EC978214934FB8", FakeTopServer.ComputeSignature(VTop1("md5"), "helloworld", "md5"));
    }

    [Fact]
    public void V_TOP_2_and_3_hmac_vectors_match()
    {
        Assert.Equal("D56D7858309C31B6251083A874D48273", FakeTopServer.ComputeSignature(VTop1("hmac"), "helloworld", "hmac"));
        Assert.Equal(
            "04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8",
            FakeTopServer.ComputeSignature(VTop1("hmac-sha256"), "helloworld", "hmac-sha256"));
    }

    [Fact]
    public void Empty_values_and_sign_are_left_out_of_the_signature()
    {
        var with = VTop1("md5");
        with["empty"] = string.Empty;
        with["sign"] = "ANYTHING";
        Assert.Equal("66987CB115214E59E6EC978214934FB8", FakeTopServer.ComputeSignature(with, "helloworld", "md5"));
    }

    [Theory]
    [InlineData("md5")]
    [InlineData("hmac")]
    [InlineData("hmac-sha256")]
    public async Task Each_sign_method_is_accepted_and_a_wrong_sign_is_code_25(string method)
    {
        _c.SignMethod = method;
        var ok = await _c.OkAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        Assert.Equal(0, (int)ok["total_results"]!);

        var fields = _c.Build(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        fields["sign"] = fields["sign"].ToLowerInvariant();
        var error = TopTestClient.ErrorOf(await _c.PostAsync(fields));
        Assert.Equal(25, (int)error["code"]!);
        Assert.Equal("Invalid signature", (string?)error["msg"]);
    }

    [Fact]
    public async Task A_signature_made_with_another_method_than_sign_method_is_rejected()
    {
        var fields = _c.Build(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        fields["sign"] = TopTestClient.Sign(fields, _c.AppSecret, "hmac");
        Assert.Equal(25, (int)TopTestClient.ErrorOf(await _c.PostAsync(fields))["code"]!);
    }

    [Fact]
    public async Task Unknown_sign_method_is_code_25()
    {
        _c.SignMethod = "md5";
        var fields = _c.Build(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        fields["sign_method"] = "sha1";
        fields["sign"] = TopTestClient.Sign(fields, _c.AppSecret, "md5");
        var error = TopTestClient.ErrorOf(await _c.PostAsync(fields));
        Assert.Equal(25, (int)error["code"]!);
        Assert.Contains("sha1", (string?)error["sub_msg"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_string_parameters_and_multipart_bodies_are_accepted()
    {
        var fields = _c.Build(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        var query = string.Join("&", fields.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        using (var response = await _c.Http.PostAsync(new Uri(_c.Fake.RouterUrl + "?" + query), new StringContent(string.Empty)))
        {
            Assert.Contains("vmarket_eticket_tasks_get_response", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            multipart.Add(new StringContent(value), name);
        }

        // A file parameter is not signed.
        var file = new ByteArrayContent([1, 2, 3]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        multipart.Add(file, "img_bytes", "qr.png");
        using var multi = await _c.Http.PostAsync(_c.Fake.RouterUrl, multipart);
        Assert.Contains("vmarket_eticket_tasks_get_response", await multi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_app_key_is_29_and_missing_is_28()
    {
        _c.AppKey = "87654321";
        Assert.Equal(29, (int)(await _c.ErrorAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" }))["code"]!);
        var fields = _c.Build(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        fields.Remove("app_key");
        Assert.Equal(28, (int)TopTestClient.ErrorOf(await _c.PostAsync(fields))["code"]!);
    }

    [Fact]
    public async Task Missing_session_is_26_and_unknown_or_renewed_session_is_27_invalid_sessionkey()
    {
        var fields = _c.Build(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" }, session: false);
        Assert.Equal(26, (int)TopTestClient.ErrorOf(await _c.PostAsync(fields))["code"]!);

        _c.Session = "not-a-session";
        var error = await _c.ErrorAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        Assert.Equal(27, (int)error["code"]!);
        Assert.Equal("Invalid session", (string?)error["msg"]);
        Assert.Equal("invalid-sessionkey", (string?)error["sub_code"]);

        _c.Session = FakeTopSeed.MainSeller.Session;
        _c.Fake.RenewSession(FakeTopSeed.MainSeller.Nick, "6100newsession");
        Assert.Equal(27, (int)(await _c.ErrorAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" }))["code"]!);
        _c.Session = "6100newsession";
        await _c.OkAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
    }

    [Theory]
    [InlineData(9.9, false)]
    [InlineData(-9.9, false)]
    [InlineData(10.5, true)]
    [InlineData(-10.5, true)]
    public async Task Timestamp_more_than_10_minutes_off_the_fake_clock_is_31(double minutes, bool rejected)
    {
        var fields = _c.Build(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        fields["timestamp"] = _c.Timestamp(TimeSpan.FromMinutes(minutes));
        fields["sign"] = TopTestClient.Sign(fields, _c.AppSecret, "md5");
        var body = await _c.PostAsync(fields);
        Assert.Equal(rejected, body.ContainsKey("error_response"));
        if (rejected)
        {
            Assert.Equal(31, (int)body["error_response"]!["code"]!);
        }
    }

    [Fact]
    public async Task Timestamp_is_read_as_GMT_plus_8_not_UTC()
    {
        var fields = _c.Build(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        fields["timestamp"] = _c.Time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        fields["sign"] = TopTestClient.Sign(fields, _c.AppSecret, "md5");
        Assert.Equal(31, (int)TopTestClient.ErrorOf(await _c.PostAsync(fields))["code"]!);
    }

    [Fact]
    public async Task Unknown_method_is_22_missing_argument_40_invalid_argument_41()
    {
        Assert.Equal(22, (int)(await _c.ErrorAsync("taobao.item.seller.get"))["code"]!);

        var missing = await _c.ErrorAsync(FakeTopMethods.VmarketTasksGet);
        Assert.Equal(40, (int)missing["code"]!);
        Assert.Equal("Missing required arguments:type", (string?)missing["msg"]);

        var invalid = await _c.ErrorAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1", ["page_size"] = "101" });
        Assert.Equal(41, (int)invalid["code"]!);
        Assert.Equal("Invalid arguments:page_size", (string?)invalid["msg"]);
        Assert.Equal("isv.invalid-parameter", (string?)invalid["sub_code"]);
    }

    [Fact]
    public async Task Success_envelope_drops_the_taobao_prefix_unless_configured()
    {
        var body = await _c.CallAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        Assert.Equal(["vmarket_eticket_tasks_get_response"], body.Select(p => p.Key));

        var options = new FakeTopOptions { KeepTaobaoPrefixInResponseName = true };
        using var prefixed = new TopTestClient(options);
        var other = await prefixed.CallAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        Assert.Equal(["taobao_vmarket_eticket_tasks_get_response"], other.Select(p => p.Key));
    }

    [Fact]
    public async Task Throttle_fault_is_code_7_with_the_ban_text()
    {
        _c.Fake.Faults.For(FakeTopMethods.VmarketTasksGet).Once(Fault.Throttle());
        var error = await _c.ErrorAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        Assert.Equal(7, (int)error["code"]!);
        Assert.Equal("App Call Limited", (string?)error["msg"]);
        Assert.Equal("This ban will last for 1 more seconds", (string?)error["sub_msg"]);
        await _c.OkAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
    }

    [Fact]
    public async Task Remote_service_unavailable_once_then_success_and_processRequest_does_the_work()
    {
        var notice = _c.Fake.IssueNotice(Order, FakeTopSeed.MainSeller.Nick, 1, "13800001234", TopTestClient.Start.AddDays(30));
        _c.Fake.Faults.For(FakeTopMethods.VmarketSend).Once(FakeTopFaults.RemoteServiceUnavailable(processRequest: true));
        var send = new Dictionary<string, string> { ["order_id"] = "9001", ["verify_codes"] = "12345678:1", ["token"] = notice.Token };
        var error = await _c.ErrorAsync(FakeTopMethods.VmarketSend, send);
        Assert.Equal(15, (int)error["code"]!);
        Assert.Equal("isp.top-remote-service-unavailable", (string?)error["sub_code"]);
        Assert.True(_c.Fake.GetOrder(Order)!.Shipped);

        // The retried send of the same code is answered like the first one.
        Assert.Equal(1, (int)(await _c.OkAsync(FakeTopMethods.VmarketSend, send))["ret_code"]!);
    }

    [Fact]
    public async Task Platform_error_fault_carries_code_sub_code_and_sub_msg()
    {
        _c.Fake.Faults.For(FakeTopMethods.VmarketTasksGet).Once(FakeTopFaults.Error(11, "Insufficient isv permissions", "isv.permission-api-package-empty", "no package"));
        var error = await _c.ErrorAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        Assert.Equal(11, (int)error["code"]!);
        Assert.Equal("Insufficient isv permissions", (string?)error["msg"]);
        Assert.Equal("isv.permission-api-package-empty", (string?)error["sub_code"]);
        Assert.Equal("no package", (string?)error["sub_msg"]);

        _c.Fake.Faults.For(FakeTopMethods.VmarketTasksGet).Once(Fault.PlatformError("10", "Service currently unavailable"));
        var plain = await _c.ErrorAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
        Assert.Equal(10, (int)plain["code"]!);
        Assert.Null(plain["sub_code"]);
    }

    [Fact]
    public async Task Journal_routes_by_method()
    {
        await _c.OkAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "2" });
        await _c.ErrorAsync("taobao.nothing.here");
        Assert.Single(_c.Fake.CallsTo(FakeTopMethods.VmarketTasksGet));
        Assert.Single(_c.Fake.CallsTo(FakeTopMethods.Unknown));
    }
}
