using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Testing.Alibaba1688;

namespace PlatformSdk.Testing.Tests.Alibaba1688;

/// <summary>
/// A deliberately naive 1688 client written from docs/protocols/1688.md, independent of the fake's code: it computes every
/// _aop_signature itself.
/// </summary>
internal sealed class Ali1688TestClient : IDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 5, 1, 2, 0, 0, TimeSpan.Zero);

    public Ali1688TestClient(Fake1688Options? options = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        Fake = new Fake1688Server(options, Time);
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        AppKey = Fake.AppKey;
        AppSecret = Fake.AppSecret;
    }

    public FakeTimeProvider Time { get; }

    public Fake1688Server Fake { get; }

    public HttpClient Http { get; }

    public string AppKey { get; set; }

    public string AppSecret { get; set; }

    /// <summary>The documented algorithm: HMAC-SHA1(secret, urlPath + sorted(key+value strings)), upper hex.</summary>
    public static string Sign(string urlPath, IEnumerable<KeyValuePair<string, string>> parameters, string secret)
    {
        var pieces = parameters.Select(p => p.Key + p.Value).OrderBy(s => s, StringComparer.Ordinal);
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(urlPath + string.Concat(pieces))));
    }

    public static string UrlPath(string ns, string api, string appKey) => $"param2/1/{ns}/{api}/{appKey}";

    public Dictionary<string, string> Signed(string ns, string api, Dictionary<string, string> fields, string? token)
    {
        var all = new Dictionary<string, string>(fields, StringComparer.Ordinal);
        if (token is not null)
        {
            all["access_token"] = token;
        }

        all["_aop_timestamp"] = Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        all["_aop_signature"] = Sign(UrlPath(ns, api, AppKey), all, AppSecret);
        return all;
    }

    public async Task<(int Status, JsonObject Body)> PostRawAsync(string path, Dictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await Http.PostAsync(new Uri(Fake.BaseUri, path.TrimStart('/')), content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    public Task<(int Status, JsonObject Body)> CallAsync(string ns, string api, string? token, Dictionary<string, string>? fields = null) =>
        PostRawAsync("openapi/" + UrlPath(ns, api, AppKey), Signed(ns, api, fields ?? [], token));

    public async Task<JsonObject> OkAsync(string ns, string api, string token, Dictionary<string, string>? fields = null)
    {
        var (status, body) = await CallAsync(ns, api, token, fields);
        Assert.Equal(200, status);
        return body;
    }

    public Task<(int Status, JsonObject Body)> GetTokenAsync(Dictionary<string, string> fields, string protocol = "http") =>
        PostRawAsync($"openapi/{protocol}/1/system.oauth2/getToken/{AppKey}", fields);

    public Task<(int Status, JsonObject Body)> ExchangeCodeAsync(string code, string redirectUri = "https://erp.example.com/callback") =>
        GetTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["need_refresh_token"] = "true",
            ["client_id"] = AppKey,
            ["client_secret"] = AppSecret,
            ["redirect_uri"] = redirectUri,
            ["code"] = code,
        });

    public Task<(int Status, JsonObject Body)> RefreshAsync(string refreshToken, string protocol = "param2") =>
        GetTokenAsync(
            new()
            {
                ["grant_type"] = "refresh_token",
                ["client_id"] = AppKey,
                ["client_secret"] = AppSecret,
                ["refresh_token"] = refreshToken,
            },
            protocol);

    /// <summary>Authorizes a shop and returns (access_token, refresh_token).</summary>
    public async Task<(string Access, string Refresh)> AuthorizeAsync(string shop = Fake1688Seed.MainShopMemberId)
    {
        var (status, body) = await ExchangeCodeAsync(Fake.AuthorizeShop(shop));
        Assert.Equal(200, status);
        return (S(body, "access_token"), S(body, "refresh_token"));
    }

    public async Task<string> TokenAsync(string shop = Fake1688Seed.MainShopMemberId) => (await AuthorizeAsync(shop)).Access;

    public async Task<(int Status, JsonObject Body)> UploadImageAsync(string token, byte[] bytes, string fileName = "a.jpg", string name = "main")
    {
        const string Ns = "com.alibaba.product", Api = "alibaba.photobank.photo.add";
        var fields = Signed(Ns, Api, new() { ["name"] = name, ["webSite"] = "1688" }, token); // imageBytes is not signed
        using var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "imageBytes", fileName);
        using var response = await Http.PostAsync(new Uri(Fake.BaseUri, "openapi/" + UrlPath(Ns, Api, AppKey)), content);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public static string S(JsonNode? node, string name) => node![name]!.GetValueKind() == System.Text.Json.JsonValueKind.String
        ? node[name]!.GetValue<string>()
        : node[name]!.ToJsonString();

    public void Dispose()
    {
        Http.Dispose();
        Fake.Dispose();
    }
}
