using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Testing.Tests;

/// <summary>
/// A deliberately naive client written from the protocol doc, independent of the fake's own code: it computes every sign itself.
/// </summary>
internal sealed class JstTestClient : IDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 5, 1, 2, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http = new();

    public JstTestClient(FakeJushuitanOptions? options = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        Fake = new FakeJushuitanServer(options, Time);
        PartnerId = Fake.PartnerId;
        PartnerKey = Fake.PartnerKey;
        Token = Fake.LegacyToken;
        AppKey = Fake.AppKey;
        AppSecret = Fake.AppSecret;
    }

    public FakeTimeProvider Time { get; }

    public FakeJushuitanServer Fake { get; }

    public string PartnerId { get; set; }

    public string PartnerKey { get; set; }

    public string Token { get; set; }

    public string AppKey { get; set; }

    public string AppSecret { get; set; }

    public long Now => Time.GetUtcNow().ToUnixTimeSeconds();

    public static string Md5(string text) => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    public string LegacySign(string method, long ts) => Md5(method + PartnerId + "token" + Token + "ts" + ts.ToString(CultureInfo.InvariantCulture) + PartnerKey);

    public static string OpenSign(string secret, IDictionary<string, string> fields)
    {
        var builder = new StringBuilder(secret);
        foreach (var pair in fields.Where(f => f.Key != "sign" && f.Value.Length > 0).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            builder.Append(pair.Key).Append(pair.Value);
        }

        return Md5(builder.ToString());
    }

    public async Task<(int Status, string Body)> LegacyRawAsync(string method, string body, long? ts = null, string? sign = null)
    {
        var stamp = ts ?? Now;
        var query = $"method={Uri.EscapeDataString(method)}&partnerid={Uri.EscapeDataString(PartnerId)}&token={Uri.EscapeDataString(Token)}&ts={stamp}&sign={sign ?? LegacySign(method, stamp)}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(Fake.LegacyUrl + "?" + query), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonObject> LegacyAsync(string method, string body = "{}", long? ts = null, string? sign = null)
    {
        var (_, text) = await LegacyRawAsync(method, body, ts, sign);
        return JsonNode.Parse(text)!.AsObject();
    }

    public Dictionary<string, string> OpenFields(string biz, string? accessToken = null, long? ts = null) => new()
    {
        ["app_key"] = AppKey,
        ["access_token"] = accessToken ?? Fake.AccessToken,
        ["timestamp"] = (ts ?? Now).ToString(CultureInfo.InvariantCulture),
        ["charset"] = "utf-8",
        ["version"] = "2",
        ["biz"] = biz,
    };

    public async Task<(int Status, string Body)> PostFormAsync(string path, IDictionary<string, string> fields, bool sign = true)
    {
        var all = new Dictionary<string, string>(fields);
        if (sign)
        {
            all["sign"] = OpenSign(AppSecret, all);
        }

        using var content = new FormUrlEncodedContent(all);
        using var response = await _http.PostAsync(new Uri(Fake.OpenApiUrl, path.TrimStart('/')), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonObject> OpenAsync(string path, string biz = "{}", string? accessToken = null, long? ts = null)
    {
        var (_, text) = await PostFormAsync(path, OpenFields(biz, accessToken, ts));
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject> TokenAsync(string path, IDictionary<string, string> extra, long? ts = null)
    {
        var fields = new Dictionary<string, string>(extra)
        {
            ["app_key"] = AppKey,
            ["timestamp"] = (ts ?? Now).ToString(CultureInfo.InvariantCulture),
            ["charset"] = "utf-8",
        };
        var (_, text) = await PostFormAsync(path, fields);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static string Order(long shopId, string soId, string shopStatus = "WAIT_SELLER_SEND_GOODS", decimal payAmount = 100m, decimal? paid = 100m, string extra = "")
    {
        var pay = paid is { } amount
            ? $",\"pay\":{{\"outer_pay_id\":\"P-{soId}\",\"pay_date\":\"2024-05-01 09:00:00\",\"payment\":\"支付宝\",\"seller_account\":\"s\",\"buyer_account\":\"b\",\"amount\":{amount.ToString(CultureInfo.InvariantCulture)}}}"
            : string.Empty;
        return $"{{\"shop_id\":{shopId},\"so_id\":\"{soId}\",\"order_date\":\"2024-05-01 08:30:00\",\"shop_status\":\"{shopStatus}\",\"shop_buyer_id\":\"buyer\",\"receiver_name\":\"张三\",\"receiver_address\":\"某路1号\",\"pay_amount\":{payAmount.ToString(CultureInfo.InvariantCulture)},\"freight\":10,"
            + $"\"items\":[{{\"sku_id\":\"SKU-1\",\"shop_sku_id\":\"S1\",\"name\":\"商品\",\"qty\":1,\"price\":90,\"base_price\":90,\"amount\":90,\"outer_oi_id\":\"{soId}-1\"}}]{pay}{extra}}}";
    }

    public static string OrderArray(params string[] orders) => "[" + string.Join(",", orders) + "]";

    public void Dispose()
    {
        _http.Dispose();
        Fake.Dispose();
    }
}
