using System.Text.Json.Nodes;
using PlatformSdk.Testing.Top;

namespace PlatformSdk.Testing.Tests.Top;

/// <summary>A tiny module: <c>taobao.fake.echo</c> (needs a session) echoes <c>text</c>; <c>taobao.fake.time.get</c> needs none.</summary>
internal sealed class EchoModule : FakeTopModule
{
    public const string Echo = "taobao.fake.echo";
    public const string TimeGet = "taobao.fake.time.get";

    private readonly object _gate = new();
    private int _calls;

    public override IReadOnlyCollection<string> Methods { get; } = [Echo, TimeGet];

    public int Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls;
            }
        }
    }

    public int Resets { get; private set; }

    public override bool RequiresSession(string method) => method != TimeGet;

    public override FakeTopResult Handle(FakeTopRequest request)
    {
        lock (_gate)
        {
            _calls++;
        }

        if (request.Method == TimeGet)
        {
            return FakeTopResult.Success(new JsonObject { ["time"] = FakeTopServer.FormatTime(request.Now), ["has_session"] = request.HasSession });
        }

        if (FakeTopError.FirstOf(request.Required("text", out var text), request.OptionalInt("times", 1, 1, 3, out var times)) is { } error)
        {
            return error;
        }

        return text == "refuse"
            ? FakeTopError.Business("isv.fake-refused", "the module refused")
            : FakeTopResult.Success(new JsonObject
            {
                ["text"] = string.Concat(Enumerable.Repeat(text, times)),
                ["seller"] = request.Seller.Nick,
                ["items"] = request.List("item", [JsonValue.Create(1), JsonValue.Create(2)]),
            });
    }

    public override void Reset()
    {
        lock (_gate)
        {
            _calls = 0;
        }

        Resets++;
    }
}

public sealed class FakeTopModuleTests : IDisposable
{
    private readonly TopTestClient _c = new();
    private readonly EchoModule _echo;

    public FakeTopModuleTests() => _echo = _c.Fake.AddModule(new EchoModule());

    public void Dispose() => _c.Dispose();

    [Fact]
    public async Task A_registered_module_is_served_through_the_router_with_a_signed_request()
    {
        var ok = await _c.OkAsync(EchoModule.Echo, new() { ["text"] = "ab", ["times"] = "2" });

        Assert.Equal("abab", (string?)ok["text"]);
        Assert.Equal(FakeTopSeed.MainSeller.Nick, (string?)ok["seller"]);
        Assert.Equal("[1,2]", ok["items"]!["item"]!.ToJsonString());
        Assert.Equal(1, _echo.Calls);
        var entry = Assert.Single(_c.Fake.CallsTo(EchoModule.Echo));
        Assert.Equal(200, entry.ResponseStatus);
        Assert.Contains("fake_echo_response", entry.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simplify_turns_module_lists_into_plain_arrays()
    {
        var ok = await _c.OkAsync(EchoModule.Echo, new() { ["text"] = "a", ["simplify"] = "true" });

        Assert.Equal("[1,2]", ok["items"]!.ToJsonString());
    }

    [Fact]
    public async Task The_router_verifies_the_signature_before_the_module_sees_the_call()
    {
        var fields = _c.Build(EchoModule.Echo, new() { ["text"] = "a" });
        fields["text"] = "tampered";

        var error = TopTestClient.ErrorOf(await _c.PostAsync(fields));

        Assert.Equal(25, (int)error["code"]!);
        Assert.Equal(0, _echo.Calls);
    }

    [Fact]
    public async Task Module_errors_and_argument_helpers_answer_in_the_TOP_error_envelope()
    {
        var missing = await _c.ErrorAsync(EchoModule.Echo);
        var invalid = await _c.ErrorAsync(EchoModule.Echo, new() { ["text"] = "a", ["times"] = "9" });
        var refused = await _c.ErrorAsync(EchoModule.Echo, new() { ["text"] = "refuse" });

        Assert.Equal((40, "Missing required arguments:text"), ((int)missing["code"]!, (string?)missing["msg"]));
        Assert.Equal((41, "isv.invalid-parameter"), ((int)invalid["code"]!, (string?)invalid["sub_code"]));
        Assert.Equal("times must be between 1 and 3; got '9'", (string?)invalid["sub_msg"]);
        Assert.Equal((15, FakeTopServer.BusinessErrorMessage, "isv.fake-refused"), ((int)refused["code"]!, (string?)refused["msg"], (string?)refused["sub_code"]));
    }

    [Fact]
    public async Task Sessions_are_required_per_method_and_checked_whenever_sent()
    {
        var noSession = TopTestClient.ErrorOf(await _c.PostAsync(_c.Build(EchoModule.Echo, new() { ["text"] = "a" }, session: false)));
        var time = await _c.PostAsync(_c.Build(EchoModule.TimeGet, session: false));
        _c.Session = "not-a-session";
        var badSession = await _c.ErrorAsync(EchoModule.TimeGet);

        Assert.Equal(26, (int)noSession["code"]!);
        var inner = time["fake_time_get_response"]!;
        Assert.Equal("2024-05-01 10:00:00", (string?)inner["time"]);
        Assert.False((bool)inner["has_session"]!);
        Assert.Equal(27, (int)badSession["code"]!);
    }

    [Fact]
    public async Task Fault_rules_apply_to_module_routes()
    {
        _c.Fake.Faults.For(EchoModule.Echo).Once(FakeTopFaults.RemoteServiceUnavailable());

        var first = await _c.ErrorAsync(EchoModule.Echo, new() { ["text"] = "a" });
        var second = await _c.OkAsync(EchoModule.Echo, new() { ["text"] = "a" });

        Assert.Equal(FakeTopFaults.RemoteServiceUnavailableSubCode, (string?)first["sub_code"]);
        Assert.Equal("a", (string?)second["text"]);
        Assert.Equal(1, _echo.Calls);
    }

    [Fact]
    public async Task Methods_no_module_serves_are_still_code_22()
    {
        var error = await _c.ErrorAsync("taobao.fake.unknown");

        Assert.Equal((22, "isv.invalid-method"), ((int)error["code"]!, (string?)error["sub_code"]));
        Assert.Equal(FakeTopMethods.Unknown, Assert.Single(_c.Fake.Journal.Entries).Route);
    }

    [Fact]
    public async Task Reset_resets_every_module()
    {
        await _c.OkAsync(EchoModule.Echo, new() { ["text"] = "a" });
        _c.Fake.Vouchers.IssueNotice(9100, FakeTopSeed.MainSeller.Nick, 1, "13800001234", _c.Time.GetUtcNow().AddDays(1));
        var resetsBefore = _echo.Resets;

        _c.Fake.Reset();

        Assert.Equal(resetsBefore + 1, _echo.Resets);
        Assert.Equal(0, _echo.Calls);
        Assert.Empty(_c.Fake.Vouchers.Orders);
    }

    [Fact]
    public void Modules_are_listed_in_registration_order_with_the_voucher_module_first()
    {
        Assert.Equal([_c.Fake.Vouchers, _c.Fake.TmallGlobalDirect, _echo], _c.Fake.Modules);
        Assert.Same(_c.Fake, _echo.Server);
        Assert.Equal(FakeTopMethods.All, _c.Fake.Vouchers.Methods);
    }

    [Fact]
    public void Registration_refuses_taken_methods_a_second_server_and_modules_without_methods()
    {
        using var other = new FakeTopServer();

        Assert.Throws<ArgumentException>(() => _c.Fake.AddModule(new EchoModule()));
        Assert.Throws<InvalidOperationException>(() => other.AddModule(_echo));
        Assert.Throws<ArgumentException>(() => other.AddModule(new NoMethodsModule()));
        Assert.Throws<InvalidOperationException>(() => new EchoModule().Server);
    }

    [Fact]
    public void The_voucher_shortcuts_on_the_router_reach_the_voucher_module()
    {
        var notice = _c.Fake.IssueNotice(9200, FakeTopSeed.MainSeller.Nick, 2, "13800001234", _c.Time.GetUtcNow().AddDays(1));

        Assert.Equal(notice, Assert.Single(_c.Fake.Vouchers.Notices));
        Assert.Equal(_c.Fake.Vouchers.GetOrder(9200), _c.Fake.GetOrder(9200));
        Assert.Equal(9200, Assert.Single(_c.Fake.Orders).OrderId);
    }

    [Fact]
    public void Request_helpers_work_without_http()
    {
        var request = new FakeTopRequest(
            EchoModule.Echo,
            new Dictionary<string, string> { ["n"] = "0", ["m"] = "x", ["ok"] = "2" },
            seller: null,
            DateTimeOffset.UnixEpoch);

        Assert.False(request.HasSession);
        Assert.Throws<InvalidOperationException>(() => request.Seller);
        Assert.Equal(41, request.RequiredCount("n", out _)!.Code);
        Assert.Equal(40, request.RequiredCount("absent", out _)!.Code);
        Assert.Null(request.RequiredCount("ok", out var ok));
        Assert.Equal(2, ok);
        Assert.Equal(41, request.OptionalInt("m", 5, 1, 9, out _)!.Code);
        Assert.Null(request.OptionalInt("absent", 5, 1, 9, out var fallback));
        Assert.Equal(5, fallback);
        Assert.Empty(request.FileNames);
    }

    private sealed class NoMethodsModule : FakeTopModule
    {
        public override IReadOnlyCollection<string> Methods => [];

        public override FakeTopResult Handle(FakeTopRequest request) => throw new NotSupportedException();

        public override void Reset()
        {
        }
    }
}
