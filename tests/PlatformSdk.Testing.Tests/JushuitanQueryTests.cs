using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformSdk.Testing.Jushuitan;
using static PlatformSdk.Testing.Tests.JstTestClient;

namespace PlatformSdk.Testing.Tests;

public sealed class JushuitanQueryTests : IDisposable
{
    private const long Shop = FakeJushuitanSeed.OwnMallShopId;
    private readonly JstTestClient _client = new();

    public void Dispose() => _client.Dispose();

    private static int Code(JsonObject response) => response["code"]!.GetValue<int>();

    private async Task UploadFive()
    {
        var response = await _client.LegacyAsync("jushuitan.orders.upload", OrderArray(Enumerable.Range(1, 5).Select(i => Order(Shop, $"P-{i}")).ToArray()));
        Assert.Equal(0, Code(response));
    }

    [Fact]
    public async Task Legacy_order_query_pages_at_the_root_with_money_as_strings()
    {
        await UploadFive();
        var pages = new List<JsonObject>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await _client.LegacyAsync("orders.single.query", $"{{\"shop_id\":{Shop},\"modified_begin\":\"2024-05-01 00:00:00\",\"modified_end\":\"2024-05-07 23:59:59\",\"page_index\":{page},\"page_size\":2}}"));
        }

        Assert.Equal([2, 2, 1], pages.Select(p => p["orders"]!.AsArray().Count));
        Assert.Equal([true, true, false], pages.Select(p => p["has_next"]!.GetValue<bool>()));
        Assert.All(pages, p => Assert.Equal(5, p["data_count"]!.GetValue<int>()));
        Assert.All(pages, p => Assert.Equal(3, p["page_count"]!.GetValue<int>()));
        Assert.Equal(["P-1", "P-2", "P-3", "P-4", "P-5"], pages.SelectMany(p => p["orders"]!.AsArray()).Select(o => o!["so_id"]!.GetValue<string>()));
        var first = pages[0]["orders"]![0]!;
        Assert.Equal(JsonValueKind.String, first["pay_amount"]!.GetValueKind());
        Assert.Equal("100", first["pay_amount"]!.GetValue<string>());
        Assert.Equal("WaitConfirm", first["status"]!.GetValue<string>());
        Assert.Equal("2024-05-01 10:00:00", first["modified"]!.GetValue<string>());
        Assert.Single(first["pays"]!.AsArray());
        Assert.Equal("SKU-1", first["items"]![0]!["sku_id"]!.GetValue<string>());
        Assert.True(first["question_desc"] is null);
    }

    [Fact]
    public async Task Open_order_query_nests_under_data_with_money_as_numbers()
    {
        await UploadFive();

        var response = await _client.OpenAsync("/open/orders/single/query", "{\"so_ids\":[\"P-5\"],\"page_index\":1,\"page_size\":100}");

        Assert.Equal(0, Code(response));
        var data = response["data"]!;
        var order = Assert.Single(data["orders"]!.AsArray())!;
        Assert.Equal(JsonValueKind.Number, order["pay_amount"]!.GetValueKind());
        Assert.Equal(100m, order["pay_amount"]!.GetValue<decimal>());
        Assert.Equal(1, data["page_index"]!.GetValue<int>());
        Assert.Equal(100, data["page_size"]!.GetValue<int>());
        Assert.False(data["has_next"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Start_ts_returns_rows_changed_since_and_is_get_total_false_omits_totals()
    {
        await UploadFive();
        var third = _client.Fake.GetOrder(Shop, "P-3")!;

        var response = await _client.OpenAsync("/open/orders/single/query", $"{{\"start_ts\":{third.Ts},\"is_get_total\":false}}");

        var data = response["data"]!;
        Assert.Equal(["P-3", "P-4", "P-5"], data["orders"]!.AsArray().Select(o => o!["so_id"]!.GetValue<string>()));
        Assert.Null(data["data_count"]);
        Assert.NotNull(data["has_next"]);
    }

    [Fact]
    public async Task Modified_window_of_exactly_seven_days_is_accepted_and_one_second_more_is_rejected()
    {
        var ok = await _client.OpenAsync("/open/orders/single/query", "{\"modified_begin\":\"2024-05-01 00:00:00\",\"modified_end\":\"2024-05-08 00:00:00\"}");
        var tooLong = await _client.LegacyAsync("orders.single.query", "{\"modified_begin\":\"2024-05-01 00:00:00\",\"modified_end\":\"2024-05-08 00:00:01\"}");

        Assert.Equal(0, Code(ok));
        Assert.Equal(140, Code(tooLong));
        Assert.Equal("参数不符合规范:modified_begin和modified_end的时间间隔不能超过7天", tooLong["msg"]!.GetValue<string>());
        Assert.False(tooLong["issuccess"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Modified_begin_without_end_is_rejected()
    {
        var response = await _client.OpenAsync("/open/orders/single/query", "{\"modified_begin\":\"2024-05-01 00:00:00\"}");

        Assert.Equal(140, Code(response));
    }

    [Fact]
    public async Task Order_query_needs_a_time_range_so_ids_o_ids_or_start_ts()
    {
        var response = await _client.OpenAsync("/open/orders/single/query", "{\"page_index\":1}");

        Assert.Equal(140, Code(response));
    }

    [Theory]
    [InlineData(20, 0)]
    [InlineData(21, 140)]
    public async Task So_ids_are_limited_to_20(int count, int expectedCode)
    {
        var soIds = string.Join(",", Enumerable.Range(1, count).Select(i => $"\"S{i}\""));

        var response = await _client.OpenAsync("/open/orders/single/query", $"{{\"so_ids\":[{soIds}]}}");

        Assert.Equal(expectedCode, Code(response));
    }

    [Theory]
    [InlineData(100, 0)]
    [InlineData(101, 140)]
    [InlineData(0, 140)]
    public async Task Page_size_is_limited_to_100(int pageSize, int expectedCode)
    {
        var response = await _client.LegacyAsync("orders.single.query", $"{{\"so_ids\":[\"A\"],\"page_size\":{pageSize}}}");

        Assert.Equal(expectedCode, Code(response));
    }

    [Fact]
    public async Task Date_type_2_filters_by_order_date()
    {
        await UploadFive();

        var inside = await _client.OpenAsync("/open/orders/single/query", "{\"date_type\":2,\"modified_begin\":\"2024-05-01 08:00:00\",\"modified_end\":\"2024-05-01 09:00:00\"}");
        var outside = await _client.OpenAsync("/open/orders/single/query", "{\"date_type\":2,\"modified_begin\":\"2024-05-01 09:00:00\",\"modified_end\":\"2024-05-01 10:00:00\"}");

        Assert.Equal(5, inside["data"]!["orders"]!.AsArray().Count);
        Assert.Empty(outside["data"]!["orders"]!.AsArray());
    }

    [Fact]
    [Rule("RJST-04")]
    public async Task RJST04_shops_query_lists_enabled_shops_of_the_company_legacy_under_shops_open_under_data_datas()
    {
        _client.Fake.DisableShop(FakeJushuitanSeed.SecondOwnMallShopId);

        var legacy = await _client.LegacyAsync("shops.query", "{\"page_index\":1,\"page_size\":10}");
        var open = await _client.OpenAsync("/open/shops/query", "{\"page_index\":1,\"page_size\":10}");

        long[] expected = [FakeJushuitanSeed.OwnMallShopId, FakeJushuitanSeed.TaobaoShopId];
        Assert.Equal(expected, legacy["shops"]!.AsArray().Select(s => s!["shop_id"]!.GetValue<long>()));
        Assert.Equal(expected, open["data"]!["datas"]!.AsArray().Select(s => s!["shop_id"]!.GetValue<long>()));
        Assert.Equal("自有商城", legacy["shops"]![0]!["shop_site"]!.GetValue<string>());
        Assert.Equal("淘宝天猫", legacy["shops"]![1]!["shop_site"]!.GetValue<string>());
        Assert.Null(open["data"]!["data_count"]);
        Assert.Equal(2, legacy["data_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Open_shops_query_filters_by_shop_ids()
    {
        var response = await _client.OpenAsync("/open/shops/query", $"{{\"shop_ids\":[{FakeJushuitanSeed.TaobaoShopId}]}}");

        Assert.Equal(FakeJushuitanSeed.TaobaoShopId, Assert.Single(response["data"]!["datas"]!.AsArray())!["shop_id"]!.GetValue<int>());
    }

    [Fact]
    [Rule("RJST-04")]
    public async Task RJST04_logistics_company_query_without_parameters_returns_all()
    {
        var response = await _client.LegacyAsync("logisticscompany.query", "{}");

        Assert.Equal(FakeJushuitanSeed.LogisticsCompanyIds, response["datas"]!.AsArray().Select(c => c!["lc_id"]!.GetValue<string>()));
        Assert.Equal("顺丰速运", response["datas"]![0]!["lc_name"]!.GetValue<string>());
        Assert.Equal("2023-01-02 10:00:00", response["datas"]![0]!["modified"]!.GetValue<string>());
    }

    [Fact]
    public async Task Logistics_company_query_filters_by_modified()
    {
        var response = await _client.OpenAsync("/open/logisticscompany/query", "{\"modified_begin\":\"2023-01-10 00:00:00\",\"modified_end\":\"2023-01-25 00:00:00\"}");

        Assert.Equal(["ZTO", "YTO"], response["data"]!["datas"]!.AsArray().Select(c => c!["lc_id"]!.GetValue<string>()));
    }

    [Fact]
    [Rule("RJST-04")]
    public async Task RJST04_warehouse_partner_query_returns_datas_with_main_flag_and_paging()
    {
        var response = await _client.OpenAsync("/open/wms/partner/query", "{\"page_index\":1,\"page_size\":2}");

        var data = response["data"]!;
        var datas = data["datas"]!.AsArray();
        Assert.Equal(2, datas.Count);
        Assert.Equal(FakeJushuitanSeed.MainWarehouseId, datas[0]!["wms_co_id"]!.GetValue<int>());
        Assert.True(datas[0]!["is_main"]!.GetValue<bool>());
        Assert.False(datas[1]!["is_main"]!.GetValue<bool>());
        Assert.Equal(3, data["data_count"]!.GetValue<int>());
        Assert.Equal(2, data["page_count"]!.GetValue<int>());
        Assert.True(data["has_next"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Journal_records_both_protocols_under_one_route()
    {
        await _client.LegacyAsync("shops.query");
        await _client.OpenAsync("/open/shops/query");

        var calls = _client.Fake.CallsTo(JushuitanRoutes.ShopsQuery);
        Assert.Equal(2, calls.Count);
        Assert.Equal("shops.query", calls[0].Query["method"]);
        Assert.Equal(_client.Fake.AppKey, calls[1].Form["app_key"]);
        Assert.Equal(JstTestClient.Start, calls[0].Timestamp);
    }

    [Fact]
    public async Task Non_post_is_http_405()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(_client.Fake.OpenApiUrl, "open/shops/query"));

        Assert.Equal(405, (int)response.StatusCode);
    }
}
