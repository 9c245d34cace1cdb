using System.Globalization;
using System.Text;
using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Alibaba1688.Models.Products;
using PlatformSdk.Alibaba1688.Signing;
using PlatformSdk.Errors;
using PlatformSdk.Testing.Alibaba1688;
using static PlatformSdk.Alibaba1688.Tests.Integration.Fake1688Harness;

namespace PlatformSdk.Alibaba1688.Tests.Integration;

public sealed class SignatureIntegrationTests
{
    [Fact]
    public async Task Every_call_of_a_full_flow_is_accepted_by_the_fakes_independent_signature_verifier()
    {
        using var h = Create();
        await h.AuthorizeAsync(MainShop, Fake1688Seed.MainShopLoginId);
        var shop = h.Client.ForShop(MainShop);

        var published = await shop.Products.PublishAsync(new Alibaba1688PublishRequest
        {
            Subject = "签名测试 & 特殊字符 +/=?",
            CategoryId = 1031910,
            Description = "<p>描述 a=b&c=d</p>",
            Images = [new Alibaba1688Image("图.png", new byte[64])],
        });
        await foreach (var _ in shop.Products.DownloadAllAsync())
        {
        }

        await shop.Products.GetAsync(published.ProductId);
        var created = await shop.PreOrders.CreateAsync(PreOrder("SO-SIG", 10m, Line(published.ProductId)) with { Message = "备注: a+b=c & 50%" });
        h.Fake.PayOrder(created.OrderId);
        var order = await shop.Orders.GetAsync(created.OrderId);
        await shop.Orders.FindByOutOrderIdAsync("SO-SIG");
        await shop.Logistics.ListCarriersAsync();
        await shop.Logistics.ShipAsync(new Alibaba1688ShipRequest
        {
            OrderId = created.OrderId,
            Entries = [.. order!.Items.Select(i => new Alibaba1688ShipEntry(i.SubItemId, (int)i.Quantity))],
            CarrierCode = "YTO",
            TrackingNumber = "YT123",
            ShippedAt = h.Time.GetUtcNow(),
            Remarks = "发货",
        });

        var apiCalls = h.Fake.Journal.Entries.Where(e => e.Path.StartsWith("/openapi/param2/", StringComparison.Ordinal) && e.Route != Fake1688Routes.GetToken).ToArray();
        Assert.Equal(10, apiCalls.Select(e => e.Route).Distinct().Count());
        Assert.All(apiCalls, e =>
        {
            Assert.Equal(200, e.ResponseStatus);
            Assert.DoesNotContain("gw.SignatureInvalid", e.ResponseBody, StringComparison.Ordinal);
        });
        // Re-verify the form-encoded ones here as well, with the fake's published algorithm.
        foreach (var call in apiCalls.Where(e => e.Form.ContainsKey("_aop_signature")))
        {
            var urlPath = call.Path["/openapi/".Length..];
            Assert.Equal(call.Form["_aop_signature"], Fake1688Server.ComputeSignature(urlPath, call.Form, h.Fake.AppSecret));
        }
    }

    [Fact]
    public async Task V_1688_3_sort_trap_keys_a_and_ab_the_clients_signature_is_accepted_and_a_key_sorted_one_is_not()
    {
        using var h = Create();
        await h.AuthorizeAsync(MainShop, Fake1688Seed.MainShopLoginId);
        await h.Client.ForShop(MainShop).Logistics.ListCarriersAsync();
        var token = h.Fake.CallsTo(Fake1688Routes.CarrierList)[0].Form["access_token"];
        var urlPath = $"param2/1/com.alibaba.logistics/alibaba.logistics.OpQueryLogisticCompanyList.offline/{h.Fake.AppKey}";
        // Sorted by key: a, ab → "az" + "ab1"; sorted as key+value strings: "ab1" < "az". Only the latter is 1688's algorithm.
        var fields = new List<KeyValuePair<string, string?>>
        {
            new("a", "z"),
            new("ab", "1"),
            new("access_token", token),
            new("_aop_timestamp", h.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        };
        var sdkSignature = Alibaba1688Signature.Compute(urlPath, fields, h.Fake.AppSecret);
        var keySorted = KeySorted(urlPath, fields, h.Fake.AppSecret);
        Assert.NotEqual(keySorted, sdkSignature);

        Assert.Equal(200, await PostAsync(h, urlPath, fields, sdkSignature));
        Assert.Equal(400, await PostAsync(h, urlPath, fields, keySorted));
        Assert.Contains("gw.SignatureInvalid", h.Fake.CallsTo(Fake1688Routes.CarrierList)[^1].ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_app_secret_is_Configuration_from_gw_SignatureInvalid_and_not_retried()
    {
        using var good = Create();
        await good.AuthorizeAsync(MainShop, Fake1688Seed.MainShopLoginId);
        // Same fake, same token store (the shop stays authorized), but the options carry a tampered secret.
        using var tampered = Create(o => o.AppSecret = good.Fake.AppSecret + "x", sharedStore: good.Store, sharedFake: good.Fake, sharedTime: good.Time);
        good.Fake.Journal.Clear();

        var ex = await Assert.ThrowsAsync<PlatformException>(() => tampered.Client.ForShop(MainShop).Products.GetAsync(Fake1688Seed.SimpleOfferId));

        Assert.Equal((ErrorCategory.Configuration, "gw.SignatureInvalid"), (ex.Category, ex.ErrorCode));
        Assert.Contains("AppSecret", ex.Remedy, StringComparison.Ordinal);
        Assert.Single(good.Fake.CallsTo(Fake1688Routes.ProductGet));
        Assert.Empty(good.Refreshes());
    }

    private static async Task<int> PostAsync(Fake1688Harness h, string urlPath, List<KeyValuePair<string, string?>> fields, string signature)
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent([.. fields, new("_aop_signature", signature)]);
        using var response = await http.PostAsync(new Uri(h.Fake.GatewayUrl, "openapi/" + urlPath), form);
        return (int)response.StatusCode;
    }

    private static string KeySorted(string urlPath, List<KeyValuePair<string, string?>> fields, string secret)
    {
        var text = new StringBuilder(urlPath);
        foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append(value);
        }

#pragma warning disable CA5350 // 1688 specifies HMAC-SHA1.
        return Convert.ToHexString(System.Security.Cryptography.HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text.ToString())));
#pragma warning restore CA5350
    }
}
