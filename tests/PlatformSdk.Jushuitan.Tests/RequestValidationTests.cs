using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlatformSdk.Errors;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Testing;

namespace PlatformSdk.Jushuitan.Tests;

public sealed class RequestValidationTests : IDisposable
{
    private static readonly DateTimeOffset Begin = new(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private readonly LoopbackStubServer _server = new(_ => StubReply.Json("{\"code\":0,\"data\":{\"orders\":[],\"has_next\":false}}"));
    private readonly ServiceProvider _provider;
    private readonly JushuitanClient _client;

    public RequestValidationTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().AddJushuitan(o =>
        {
            o.EndpointsOverride = _server.JushuitanEndpoints();
            o.OpenApi.AppKey = "app-key-0001";
            o.OpenApi.AppSecret = "app-secret-0001";
            o.OpenApi.AccessToken = "token-0001";
        });
        _provider = services.BuildServiceProvider();
        _provider.GetRequiredService<IStartupValidator>().Validate();
        _client = _provider.GetRequiredService<JushuitanClient>();
    }

    public void Dispose()
    {
        _provider.Dispose();
        _server.Dispose();
    }

    private async Task<PlatformValidationException> Rejected(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<PlatformValidationException>(call);
        Assert.Empty(_server.Requests);
        return ex;
    }

    [Fact]
    public async Task Order_query_needs_a_window_so_ids_or_o_ids()
        => Assert.Equal("modified_begin", (await Rejected(() => _client.Orders.ListAsync(new JushuitanOrderQuery { ShopId = 1 }))).Field);

    [Fact]
    public async Task Order_query_window_needs_both_ends()
    {
        Assert.Equal("modified_end", (await Rejected(() => _client.Orders.ListAsync(new JushuitanOrderQuery { ModifiedBegin = Begin }))).Field);
        Assert.Equal("modified_begin", (await Rejected(() => _client.Orders.ListAsync(new JushuitanOrderQuery { ModifiedEnd = Begin }))).Field);
    }

    [Fact]
    public async Task Order_query_window_must_not_be_reversed()
        => Assert.Equal("modified_end", (await Rejected(() => _client.Orders.ListAsync(new JushuitanOrderQuery { ModifiedBegin = Begin, ModifiedEnd = Begin.AddDays(-1) }))).Field);

    [Fact]
    public async Task Order_query_so_ids_are_checked()
    {
        Assert.Equal("so_ids[1]", (await Rejected(() => _client.Orders.ListAsync(new JushuitanOrderQuery { SoIds = ["A", " "] }))).Field);
        Assert.Equal("so_ids[0]", (await Rejected(() => _client.Orders.ListAsync(new JushuitanOrderQuery { SoIds = [new string('x', 51)] }))).Field);
    }

    [Fact]
    public async Task Order_query_shop_id_must_be_positive()
        => Assert.Equal("shop_id", (await Rejected(() => _client.Orders.ListAsync(new JushuitanOrderQuery { ShopId = 0, SoIds = ["A"] }))).Field);

    [Fact]
    public async Task So_ids_are_sent_20_per_call()
    {
        await _client.Orders.ListAsync(new JushuitanOrderQuery { SoIds = Enumerable.Range(0, 45).Select(i => "SO" + i).ToArray() });
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Cancel_request_is_checked_before_anything_is_sent()
    {
        Assert.Equal("shop_id", (await Rejected(() => _client.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = 0, SoIds = ["A"] }))).Field);
        Assert.Equal("so_ids", (await Rejected(() => _client.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = 1, SoIds = [] }))).Field);
        Assert.Equal("so_ids[0]", (await Rejected(() => _client.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = 1, SoIds = [""] }))).Field);
        Assert.Equal("so_ids[0]", (await Rejected(() => _client.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = 1, SoIds = [new string('x', 51)] }))).Field);
        Assert.Equal("so_ids[1]", (await Rejected(() => _client.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = 1, SoIds = ["A", "A"] }))).Field);
    }

    [Fact]
    public async Task Cancel_of_an_order_the_erp_does_not_have_fails_without_sending_a_cancel()
    {
        var ex = await Assert.ThrowsAsync<PlatformSdk.Errors.PlatformException>(() => _client.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = 1, SoIds = ["GONE"] }));
        Assert.Equal("order-not-found", ex.ErrorCode);
        Assert.DoesNotContain(_server.Requests, r => r.Path.Contains("cancel", StringComparison.Ordinal));
    }

    [Fact]
    [Rule("RJST-04")]
    public async Task RJST04_logistics_window_needs_both_ends()
        => Assert.Equal("modified_end", (await Rejected(async () => await _client.LogisticsCompanies.QueryAsync(Begin).ToListAsync())).Field);

    [Fact]
    public async Task Auth_code_is_required()
        => Assert.Equal("code", (await Rejected(() => _client.Auth.GetInitTokenAsync(" "))).Field);
}
