using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.TestPlatform;

/// <summary>
/// A stateful fake of TestPlatform on a loopback port, written from the protocol description independently of the client: it
/// verifies app key, timestamp window, HMAC-SHA256 signature and access token like the platform, keeps items and orders,
/// deduplicates <c>orders.create</c> by <c>out_order_id</c>, refreshes tokens, and injects the base faults (<c>Faults</c>) plus the
/// reply damage of <see cref="MangleNext"/>.
/// </summary>
public sealed class FakeTestPlatformServer : FakePlatformServer
{
    private readonly object _gate = new();
    private readonly FakeTestPlatformOptions _options;
    private readonly List<FakeTestPlatformOrder> _orders = [];
    private readonly Dictionary<string, Queue<(FakeReplyMangle Mangle, Uri? RedirectTo, int Size)>> _mangles = new(StringComparer.Ordinal);
    private string _accessToken;
    private string _refreshToken;
    private DateTimeOffset _accessTokenExpiresAt;
    private int _sequence;

    /// <summary>Starts the fake.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for timestamps and token expiry.</param>
    public FakeTestPlatformServer(FakeTestPlatformOptions? options = null, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        _options = options ?? new FakeTestPlatformOptions();
        _accessToken = _options.AccessToken;
        _refreshToken = _options.RefreshToken;
        _accessTokenExpiresAt = TimeProvider.GetUtcNow() + _options.AccessTokenLifetime;
        RouterUrl = new Uri(BaseUri, "router");
    }

    /// <summary>The API endpoint.</summary>
    public Uri RouterUrl { get; }

    /// <summary>The accepted app key.</summary>
    public string AppKey => _options.AppKey;

    /// <summary>The app secret.</summary>
    public string AppSecret => _options.AppSecret;

    /// <summary>The access token that currently works.</summary>
    public string AccessToken
    {
        get
        {
            lock (_gate)
            {
                return _accessToken;
            }
        }
    }

    /// <summary>The refresh token that currently works.</summary>
    public string RefreshToken
    {
        get
        {
            lock (_gate)
            {
                return _refreshToken;
            }
        }
    }

    /// <summary>The orders created, oldest first.</summary>
    public IReadOnlyList<FakeTestPlatformOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                return _orders.ToArray();
            }
        }
    }

    /// <summary>Makes the current access token expired (the next business call is answered 40101).</summary>
    public void ExpireTokens()
    {
        lock (_gate)
        {
            _accessTokenExpiresAt = TimeProvider.GetUtcNow();
        }
    }

    /// <summary>Damages the next reply of <paramref name="route"/>; each call queues one more, consumed in order.</summary>
    /// <param name="route">The route (<see cref="FakeTestPlatformRoutes"/>).</param>
    /// <param name="mangle">The damage. A <see cref="FakeReplyMangle.Redirect"/> is answered without processing the request; the others after.</param>
    /// <param name="redirectTo">The <c>Location</c> of a redirect (default: the fake's own base address).</param>
    /// <param name="size">The body size of <see cref="FakeReplyMangle.Oversized"/>, in bytes (default 64 KiB).</param>
    public void MangleNext(string route, FakeReplyMangle mangle, Uri? redirectTo = null, int size = 64 * 1024)
    {
        lock (_gate)
        {
            if (!_mangles.TryGetValue(route, out var queue))
            {
                _mangles[route] = queue = new();
            }

            queue.Enqueue((mangle, redirectTo, size));
        }
    }

    /// <summary>How many damaged replies <see cref="MangleNext"/> queued are still to be sent.</summary>
    public int PendingMangles
    {
        get
        {
            lock (_gate)
            {
                return _mangles.Values.Sum(q => q.Count);
            }
        }
    }

    /// <inheritdoc />
    protected override string ResolveRoute(FakeRequest request)
        => request.Form.TryGetValue("method", out var method) && method is FakeTestPlatformRoutes.ItemsQuery or FakeTestPlatformRoutes.OrdersCreate or FakeTestPlatformRoutes.TokenRefresh
            ? method
            : FakeTestPlatformRoutes.Unknown;

    /// <inheritdoc />
    protected override FakeResponse HandleRequest(string route, FakeRequest request)
    {
        (FakeReplyMangle Mangle, Uri? RedirectTo, int Size)? mangle;
        lock (_gate)
        {
            mangle = _mangles.TryGetValue(route, out var queue) && queue.TryDequeue(out var next) ? next : null;
        }

        if (mangle is { Mangle: FakeReplyMangle.Redirect, RedirectTo: var target })
        {
            return new FakeResponse(302, string.Empty, "text/plain").WithHeader("Location", (target ?? BaseUri).AbsoluteUri);
        }

        var answer = Process(route, request);
        return mangle?.Mangle switch
        {
            FakeReplyMangle.Oversized => answer.WithBody(answer.Body + new string(' ', Math.Max(0, mangle.Value.Size - answer.Body.Length))),
            FakeReplyMangle.ByteOrderMark => answer.WithBody("\uFEFF" + answer.Body),
            FakeReplyMangle.TrailingBytes => answer.WithBody(answer.Body + "{\"code\":0}"),
            _ => answer,
        };
    }

    /// <inheritdoc />
    protected override FakeResponse CreateThrottleResponse(string route, FakeRequest request) => Error(42901, "call frequency limit exceeded");

    /// <inheritdoc />
    protected override FakeResponse CreatePlatformErrorResponse(string route, FakeRequest request, string code, string message)
        => Error(long.Parse(code, CultureInfo.InvariantCulture), message);

    private FakeResponse Process(string route, FakeRequest request)
    {
        var form = request.Form;
        if (!form.TryGetValue("app_key", out var appKey) || appKey != _options.AppKey)
        {
            return Error(40004, "invalid app_key");
        }

        if (!form.TryGetValue("timestamp", out var ts) || !long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || (DateTimeOffset.FromUnixTimeMilliseconds(ms) - TimeProvider.GetUtcNow()).Duration() > _options.TimestampWindow)
        {
            return Error(40002, "timestamp out of window");
        }

        if (!form.TryGetValue("sign", out var sign) || !string.Equals(sign, Sign(form.Pairs), StringComparison.Ordinal))
        {
            return Error(40001, "invalid sign");
        }

        JsonElement biz;
        try
        {
            using var document = JsonDocument.Parse(form.TryGetValue("biz", out var text) ? text : "{}");
            biz = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Error(40003, "biz is not JSON");
        }

        lock (_gate)
        {
            if (route == FakeTestPlatformRoutes.TokenRefresh)
            {
                return RefreshLocked(biz);
            }

            if (!form.TryGetValue("access_token", out var token) || token != _accessToken)
            {
                return Error(40102, "invalid access_token");
            }

            if (TimeProvider.GetUtcNow() >= _accessTokenExpiresAt)
            {
                return Error(40101, "access_token expired");
            }

            return route switch
            {
                FakeTestPlatformRoutes.ItemsQuery => ItemsLocked(biz),
                FakeTestPlatformRoutes.OrdersCreate => CreateOrderLocked(biz),
                _ => Error(40003, "unknown method"),
            };
        }
    }

    private FakeResponse ItemsLocked(JsonElement biz)
    {
        var page = Int(biz, "page_no") ?? 1;
        var size = Int(biz, "page_size") ?? 20;
        if (page < 1 || size is < 1 or > 100)
        {
            return Error(40003, "page_no must be ≥ 1 and page_size 1-100");
        }

        var keyword = biz.TryGetProperty("keyword", out var k) ? k.GetString() : null;
        var all = Enumerable.Range(1, _options.ItemCount)
            .Select(i => (Id: $"TP-ITEM-{i:000}", Title: $"Item {i}", Price: 10m + i, Stock: 100 - i))
            .Where(i => keyword is null || i.Title.Contains(keyword, StringComparison.Ordinal))
            .ToArray();
        var items = new JsonArray(all.Skip((page - 1) * size).Take(size)
            .Select(i => (JsonNode)new JsonObject
            {
                ["item_id"] = i.Id,
                ["title"] = i.Title,
                ["price"] = i.Price.ToString("0.00", CultureInfo.InvariantCulture),
                ["stock"] = i.Stock,
            }).ToArray());
        return Success(new JsonObject { ["items"] = items, ["has_next"] = page * size < all.Length });
    }

    private FakeResponse CreateOrderLocked(JsonElement biz)
    {
        var key = biz.TryGetProperty("out_order_id", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
        var itemId = biz.TryGetProperty("item_id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        var quantity = Int(biz, "quantity") ?? 0;
        if (string.IsNullOrEmpty(key) || quantity is < 1 or > 999)
        {
            return Error(40003, "out_order_id is required and quantity must be 1-999");
        }

        if (itemId is null || !itemId.StartsWith("TP-ITEM-", StringComparison.Ordinal)
            || !int.TryParse(itemId.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > _options.ItemCount)
        {
            return Error(40401, $"item {itemId} does not exist");
        }

        var existing = _orders.Find(x => x.OutOrderId == key);
        var order = existing ?? new FakeTestPlatformOrder($"TP{9_000_000 + ++_sequence}", key, itemId, quantity, TimeProvider.GetUtcNow());
        if (existing is null)
        {
            _orders.Add(order);
        }

        return Success(new JsonObject
        {
            ["order_id"] = order.OrderId,
            ["out_order_id"] = order.OutOrderId,
            ["status"] = "CREATED",
            ["duplicate"] = existing is not null,
        });
    }

    private FakeResponse RefreshLocked(JsonElement biz)
    {
        if (!biz.TryGetProperty("refresh_token", out var r) || r.GetString() != _refreshToken)
        {
            return Error(40102, "invalid refresh_token");
        }

        _sequence++;
        _accessToken = string.Create(CultureInfo.InvariantCulture, $"tp-at-refreshed-{_sequence:0000}");
        _refreshToken = string.Create(CultureInfo.InvariantCulture, $"tp-rt-refreshed-{_sequence:0000}");
        _accessTokenExpiresAt = TimeProvider.GetUtcNow() + _options.AccessTokenLifetime;
        return Success(new JsonObject
        {
            ["access_token"] = _accessToken,
            ["refresh_token"] = _refreshToken,
            ["expires_in"] = (long)_options.AccessTokenLifetime.TotalSeconds,
        });
    }

    private string Sign(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var canonical = string.Concat(pairs.Where(p => p.Key != "sign" && p.Value.Length > 0).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));
        return Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.AppSecret), Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
    }

    private static int? Int(JsonElement biz, string name)
        => biz.ValueKind == JsonValueKind.Object && biz.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;

    private static FakeResponse Success(JsonObject data)
        => FakeResponse.Json(new JsonObject { ["code"] = 0, ["msg"] = "success", ["data"] = data }.ToJsonString());

    private static FakeResponse Error(long code, string message)
        => FakeResponse.Json(new JsonObject { ["code"] = code, ["msg"] = message, ["data"] = null }.ToJsonString());
}
