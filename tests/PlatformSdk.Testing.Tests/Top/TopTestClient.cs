using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Testing.Top;

namespace PlatformSdk.Testing.Tests.Top;

/// <summary>A naive TOP client written from docs/protocols/taobao-top.md; it signs every call itself, independent of the fake.</summary>
internal sealed class TopTestClient : IDisposable
{
    // 2024-05-01 10:00:00 +08:00
    public static readonly DateTimeOffset Start = new(2024, 5, 1, 2, 0, 0, TimeSpan.Zero);

    public TopTestClient(FakeTopOptions? options = null)
    {
        Time = new FakeTimeProvider(Start);
        Fake = new FakeTopServer(options, Time);
        Http = new HttpClient();
        AppKey = Fake.AppKey;
        AppSecret = Fake.AppSecret;
    }

    public FakeTimeProvider Time { get; }

    public FakeTopServer Fake { get; }

    public HttpClient Http { get; }

    public string AppKey { get; set; }

    public string AppSecret { get; set; }

    public string SignMethod { get; set; } = "md5";

    public string Session { get; set; } = FakeTopSeed.MainSeller.Session;

    public static string Sign(IEnumerable<KeyValuePair<string, string>> parameters, string secret, string method)
    {
        var text = new StringBuilder();
        foreach (var pair in parameters.Where(p => p.Key != "sign" && p.Key.Length > 0 && p.Value.Length > 0).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(pair.Key).Append(pair.Value);
        }

        var key = Encoding.UTF8.GetBytes(secret);
        byte[] hash = method switch
        {
            "md5" => MD5.HashData(Encoding.UTF8.GetBytes(secret + text + secret)),
            "hmac" => new HMACMD5(key).ComputeHash(Encoding.UTF8.GetBytes(text.ToString())),
            "hmac-sha256" => new HMACSHA256(key).ComputeHash(Encoding.UTF8.GetBytes(text.ToString())),
            _ => throw new ArgumentException(method),
        };
        return string.Concat(hash.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
    }

    public string Timestamp(TimeSpan? skew = null) =>
        (Time.GetUtcNow() + (skew ?? TimeSpan.Zero)).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public Dictionary<string, string> Build(string method, Dictionary<string, string>? business = null, bool session = true)
    {
        var all = new Dictionary<string, string>(business ?? [], StringComparer.Ordinal)
        {
            ["method"] = method,
            ["app_key"] = AppKey,
            ["timestamp"] = Timestamp(),
            ["format"] = "json",
            ["v"] = "2.0",
            ["sign_method"] = SignMethod,
        };
        if (session)
        {
            all["session"] = Session;
        }

        all["sign"] = Sign(all, AppSecret, SignMethod);
        return all;
    }

    public async Task<JsonObject> PostAsync(Dictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await Http.PostAsync(Fake.RouterUrl, content);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public Task<JsonObject> CallAsync(string method, Dictionary<string, string>? business = null) => PostAsync(Build(method, business));

    /// <summary>Calls and returns the success object (asserting the wrapper name and the request_id).</summary>
    public async Task<JsonObject> OkAsync(string method, Dictionary<string, string>? business = null)
    {
        var body = await CallAsync(method, business);
        var name = method["taobao.".Length..].Replace('.', '_') + "_response";
        Assert.True(body.ContainsKey(name), $"expected {name}, got {body.ToJsonString()}");
        var inner = body[name]!.AsObject();
        Assert.False(string.IsNullOrEmpty((string?)inner["request_id"]));
        return inner;
    }

    /// <summary>Calls and returns the error_response object.</summary>
    public async Task<JsonObject> ErrorAsync(string method, Dictionary<string, string>? business = null) =>
        ErrorOf(await CallAsync(method, business));

    public static JsonObject ErrorOf(JsonObject body)
    {
        Assert.True(body.ContainsKey("error_response"), "expected error_response, got " + body.ToJsonString());
        var error = body["error_response"]!.AsObject();
        Assert.False(string.IsNullOrEmpty((string?)error["request_id"]));
        return error;
    }

    public void Dispose()
    {
        Http.Dispose();
        Fake.Dispose();
    }
}
