using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Http;

namespace PlatformSdk.Top.Tests;

/// <summary>
/// Hostile values fed into every public <see cref="TopClient"/> call against a loopback router: each is refused with a
/// <see cref="PlatformValidationException"/> naming the field, and the router sees no request at all.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Seller = "shop-a";
    private static readonly TopOperation ItemGet = new("taobao.item.seller.get", OperationIdempotency.Read);
    private static readonly TopOperation Upload = new("taobao.picture.upload", OperationIdempotency.NonIdempotentWrite);
    private static readonly string Huge = new('x', 10_000);
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47];

    private static readonly Dictionary<string, (string Field, Func<TopClient, Task> Call)> Cases = new()
    {
        ["method with NUL"] = ("method", c => c.ExecuteAsync(new TopOperation("taobao.item\u0000.get", OperationIdempotency.Read), new TopCall("taobao.item\u0000.get"))),
        ["method of 10,000 characters"] = ("method", c => c.ExecuteAsync(new TopOperation(Huge, OperationIdempotency.Read), new TopCall(Huge))),
        ["method with a lone surrogate"] = ("method", c => c.ExecuteAsync(new TopOperation("taobao.\uD800.get", OperationIdempotency.Read), new TopCall("taobao.\uD800.get"))),
        ["seller with NUL"] = ("seller", c => c.ExecuteAsync(ItemGet, [new("num_iid", "1")], "shop\u0000a")),
        ["seller of 10,000 characters"] = ("seller", c => c.ExecuteAsync(ItemGet, [new("num_iid", "1")], Huge)),
        ["seller with a line separator"] = ("seller", c => c.ExecuteAsync(ItemGet, [new("num_iid", "1")], "shop\u2028a")),
        ["target app key with a newline"] = ("target_app_key", c => c.ExecuteAsync(ItemGet, new TopCall(ItemGet.Method) { TargetAppKey = "123\n" })),
        ["parameter name with a newline"] = ("parameters[0]", c => c.ExecuteAsync(ItemGet, [new("num\niid", "1")], Seller)),
        ["parameter name of 10,000 characters"] = ("parameters[1]", c => c.ExecuteAsync(ItemGet, [new("num_iid", "1"), new(Huge, "1")], Seller)),
        ["parameter name with a space"] = ("parameters[0]", c => c.ExecuteAsync(ItemGet, [new("num iid", "1")], Seller)),
        ["parameter value with NUL"] = ("fields", c => c.ExecuteAsync(ItemGet, [new("fields", "title\u0000")], Seller)),
        ["parameter value with a lone surrogate"] = ("fields", c => c.ExecuteAsync(ItemGet, [new("fields", "title\uDC00")], Seller)),
        ["typed call parameter value with ESC"] = ("num_iid", c => c.ExecuteAsync(ItemGet, [new("num_iid", "1\u001b")], Seller, TestJsonContext.Default.ItemResult)),
        ["file name with a path"] = ("files[0].fileName", c => c.ExecuteAsync(Upload, [], [new TopFileParameter("img", "../etc/passwd", Png)], Seller)),
        ["file name with CR LF"] = ("files[0].fileName", c => c.ExecuteAsync(Upload, [], [new TopFileParameter("img", "a.png\r\nX-Injected: 1", Png)], Seller)),
        ["file name with a quote"] = ("files[0].fileName", c => c.ExecuteAsync(Upload, [], [new TopFileParameter("img", "a\".png", Png)], Seller)),
        ["file name of 10,000 characters"] = ("files[0].fileName", c => c.ExecuteAsync(Upload, [], [new TopFileParameter("img", Huge, Png)], Seller)),
        ["file part name with NUL"] = ("files[0]", c => c.ExecuteAsync(Upload, [], [new TopFileParameter("im\u0000g", "a.png", Png)], Seller)),
        ["content type with CR LF"] = ("files[0].contentType", c => c.ExecuteAsync(Upload, [], [new TopFileParameter("img", "a.png", Png, "image/png\r\nX-Injected: 1")], Seller)),
        ["null file"] = ("files[0]", c => c.ExecuteAsync(Upload, [], [null!], Seller)),
        ["null parameter list in a call"] = ("parameters", c => c.ExecuteAsync(ItemGet, new TopCall(ItemGet.Method) { Parameters = null! })),
        ["null file list in a call"] = ("files", c => c.ExecuteAsync(ItemGet, new TopCall(ItemGet.Method) { Files = null! })),
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 3, 1, 4, 5, 6, TimeSpan.Zero));
    private readonly List<ServiceProvider> _providers = [];

    public static TheoryData<string> CaseNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Cases.Keys)
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_control_character_an_overlong_name_or_a_null_list_in_a_call_is_refused_before_the_network(string name)
    {
        var (field, call) = Cases[name];
        using var stub = new TopStub(_ => """{"taobao_item_seller_get_response":{"num_iid":1,"title":"T"}}""");
        var client = Client(stub);

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => call(client));

        Assert.Equal(field, ex.Field);
        Assert.Equal(ErrorCategory.Validation, ex.Category);
        Assert.Empty(stub.Requests);
        // The message shows the value escaped and cut: no raw control character, no 10,000-character line.
        Assert.DoesNotContain(ex.Message, c => char.IsControl(c) || char.IsSurrogate(c));
        Assert.True(ex.Message.Length < 1_000, ex.Message);
    }

    [Fact]
    public async Task Line_breaks_in_a_parameter_value_are_text_and_are_sent()
    {
        using var stub = new TopStub(_ => """{"taobao_item_seller_get_response":{"num_iid":1,"title":"T"}}""");
        var client = Client(stub);

        await client.ExecuteAsync(ItemGet, [new("desc", "line 1\r\nline 2\tend")], Seller);

        Assert.Equal("line 1\r\nline 2\tend", Assert.Single(stub.Requests).Form["desc"]);
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private TopClient Client(TopStub stub)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(_time).AddTop(o =>
        {
            o.AppKey = TopStub.AppKey;
            o.AppSecret = TopStub.AppSecret;
            o.EndpointsOverride = stub.Endpoints;
            o.Sellers[Seller] = new TopSellerOptions { Session = "6100e2b7a9c8d5f4session" };
        });
        services.Configure<PlatformResilienceOptions>("Top", o => o.BaseDelay = TimeSpan.Zero);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<TopClient>();
    }
}
