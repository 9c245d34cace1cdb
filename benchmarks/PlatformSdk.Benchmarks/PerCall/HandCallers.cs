using System.Buffers;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PlatformSdk.Jushuitan.Models.Shops;

namespace PlatformSdk.Benchmarks.PerCall;

/// <summary>
/// The same two calls written by hand, minimal and efficient: one shared <see cref="HttpClient"/>, the signature computed inline
/// (the parameter order is known, so no sorting), the form written as one string, and one System.Text.Json parse of the response
/// stream into the result objects (source-generated metadata). No retries, timeouts beyond HttpClient's, logging or metrics.
/// </summary>
internal sealed class HandCallers : IDisposable
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly HttpClient _http;
    private readonly Uri _jushuitanShops;
    private readonly Uri _topRest;

    public HandCallers(string baseUrl, HttpMessageHandler? handler = null)
    {
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
        _jushuitanShops = new Uri(baseUrl + BenchCredentials.JushuitanShopsPath);
        _topRest = new Uri(baseUrl + BenchCredentials.TopRestPath);
    }

    /// <summary>Jushuitan open API <c>/open/shops/query</c>: md5_lower(app_secret + sorted key+value pairs).</summary>
    public async Task<List<JushuitanShop>> JushuitanShopsAsync(CancellationToken cancellationToken = default)
    {
        using var request = JushuitanShopsRequest();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"Jushuitan answered HTTP {(int)response.StatusCode}.");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var reply = await JsonSerializer.DeserializeAsync(stream, BenchJsonContext.Default.HandShopsReply, cancellationToken).ConfigureAwait(false);
            return ToShops(reply);
        }
    }

    /// <summary>The signed request: timestamp, signature, form.</summary>
    internal HttpRequestMessage JushuitanShopsRequest()
    {
        const string AppKey = BenchCredentials.JushuitanAppKey;
        const string Token = BenchCredentials.JushuitanAccessToken;
        var biz = BenchCredentials.JushuitanShopsBiz;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        // Sorted by key: access_token, app_key, biz, charset, timestamp, version.
        var sign = Md5Hex(string.Concat(
            [BenchCredentials.JushuitanAppSecret, "access_token", Token, "app_key", AppKey, "biz", biz, "charset", "utf-8", "timestamp", timestamp, "version", "2"]),
            lower: true);
        var form = string.Concat(
            ["app_key=", AppKey, "&timestamp=", timestamp, "&charset=utf-8&access_token=", Token, "&version=2&biz=", Uri.EscapeDataString(biz), "&sign=", sign]);
        return new HttpRequestMessage(HttpMethod.Post, _jushuitanShops) { Content = FormContent(form) };
    }

    /// <summary>The result objects from the parsed reply (or the platform's error).</summary>
    internal static List<JushuitanShop> ToShops(HandShopsReply? reply)
    {
        if (reply is null)
        {
            throw new JsonException("empty reply");
        }

        if (reply.Code != 0)
        {
            throw new InvalidOperationException($"Jushuitan error {reply.Code}: {reply.Message}");
        }

        var rows = reply.Data?.Shops ?? [];
        var shops = new List<JushuitanShop>(rows.Count);
        foreach (var s in rows)
        {
            shops.Add(new JushuitanShop
            {
                ShopId = s.ShopId,
                ShopName = s.ShopName,
                CompanyId = s.CompanyId,
                ShopSite = s.ShopSite,
                ShopUrl = s.ShopUrl,
                Nick = s.Nick,
                ShortName = s.ShortName,
                GroupId = s.GroupId,
                GroupName = s.GroupName,
                Organization = s.Organization,
                Created = s.Created,
                SessionExpired = s.SessionExpired,
            });
        }

        return shops;
    }

    /// <summary>TOP <c>taobao.item.seller.get</c>: UPPER_HEX(md5(secret + sorted name+value pairs + secret)), form POST.</summary>
    public async Task<ItemSellerGetResult> TopItemAsync(CancellationToken cancellationToken = default)
    {
        using var request = TopItemRequest();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"TOP answered HTTP {(int)response.StatusCode}.");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return ToItem(await JsonSerializer.DeserializeAsync(stream, BenchJsonContext.Default.HandTopReply, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>The signed request.</summary>
    internal HttpRequestMessage TopItemRequest()
    {
        const string AppKey = BenchCredentials.TopAppKey;
        const string Secret = BenchCredentials.TopAppSecret;
        const string Session = BenchCredentials.TopSession;
        const string Method = BenchCredentials.TopMethod;
        var fields = BenchCredentials.TopFields;
        var numIid = BenchCredentials.TopNumIid;
        var timestamp = DateTimeOffset.UtcNow.ToOffset(China).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        // Sorted by name: app_key, fields, format, method, num_iid, session, sign_method, timestamp, v.
        var sign = Md5Hex(string.Concat(
            [Secret, "app_key", AppKey, "fields", fields, "format", "json", "method", Method, "num_iid", numIid, "session", Session,
             "sign_method", "md5", "timestamp", timestamp, "v", "2.0", Secret]),
            lower: false);
        var form = string.Concat(
            ["method=", Method, "&app_key=", AppKey, "&timestamp=", Uri.EscapeDataString(timestamp), "&format=json&v=2.0&sign_method=md5&session=", Session,
             "&fields=", Uri.EscapeDataString(fields), "&num_iid=", Uri.EscapeDataString(numIid), "&sign=", sign]);
        return new HttpRequestMessage(HttpMethod.Post, _topRest) { Content = FormContent(form) };
    }

    /// <summary>The success object from the parsed reply (or the platform's error).</summary>
    internal static ItemSellerGetResult ToItem(HandTopReply? reply)
    {
        if (reply is null)
        {
            throw new JsonException("empty reply");
        }

        if (reply.Error is { } error)
        {
            throw new InvalidOperationException($"TOP error {error.Code} {error.SubCode}: {error.Message} {error.SubMessage}");
        }

        return reply.Response ?? throw new JsonException("no item_seller_get_response");
    }

    public void Dispose() => _http.Dispose();

    private static ByteArrayContent FormContent(string form)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(form));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
        return content;
    }

    /// <summary>MD5 of the UTF-8 text as hex, through a stack buffer.</summary>
    internal static string Md5Hex(string text, bool lower)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            Span<byte> hash = stackalloc byte[16];
#pragma warning disable CA5351 // both platforms mandate MD5 signatures
            MD5.HashData(buffer[..length], hash);
#pragma warning restore CA5351
            return lower ? Convert.ToHexStringLower(hash) : Convert.ToHexString(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
