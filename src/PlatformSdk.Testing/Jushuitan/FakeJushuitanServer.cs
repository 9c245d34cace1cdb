using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Jushuitan;

/// <summary>
/// A stateful fake of the Jushuitan (聚水潭) ERP open API that serves both protocols at once: the legacy <c>query.aspx</c> protocol at
/// <see cref="LegacyUrl"/> and the open API (version 2) under <see cref="OpenApiUrl"/>. It verifies signatures, timestamps and
/// tokens like the platform, keeps shops, warehouses, carriers and orders, and implements the business rules RJST-01 to RJST-19 of
/// <c>docs/rules.md</c> that are visible over the wire. Error codes and messages follow <c>docs/protocols/jushuitan.md</c>; where the
/// platform's exact text is unknown the fake's choice is documented on the member that produces it and in the package README.
/// </summary>
/// <remarks>
/// <para>Routes (see <see cref="JushuitanRoutes"/>) are the same for both protocols, so a fault on
/// <see cref="JushuitanRoutes.OrdersUpload"/> affects legacy and open-API uploads alike.</para>
/// <para>The fake models one environment (<see cref="FakeJushuitanOptions.Environment"/>) by its credentials, not by host name: both
/// protocols are served from one loopback address.</para>
/// </remarks>
public sealed partial class FakeJushuitanServer : FakePlatformServer
{
    /// <summary>The legacy endpoint path.</summary>
    public const string LegacyPath = "/api/open/query.aspx";

    private const string Success = "执行成功";

    private readonly object _gate = new();
    private readonly FakeJushuitanOptions _options;
    private readonly Dictionary<string, long> _callCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<long, FakeJushuitanShop> _shops = [];
    private readonly List<FakeJushuitanWarehouse> _warehouses = [];
    private readonly List<FakeJushuitanLogisticsCompany> _carriers = [];
    private readonly Dictionary<(long ShopId, string SoId), List<OrderRow>> _orders = [];
    private readonly Dictionary<long, OrderRow> _ordersById = [];
    private readonly HashSet<string> _isvCodes = new(StringComparer.Ordinal);

    private DateTimeOffset _legacyExpiresAt;
    private DateTimeOffset? _legacyPendingExpiresAt;
    private DateTimeOffset _legacyPendingActivatesAt;
    private OpenToken _accessToken = null!;
    private OpenToken? _previousAccessToken;
    private string _refreshToken = string.Empty;
    private long _nextOId;
    private long _nextTs;
    private long _tokenCounter;

    /// <summary>Starts a fake with the given options.</summary>
    /// <param name="options">The options; <see langword="null"/> for a Test-environment fake with the public sandbox credentials.</param>
    /// <param name="timeProvider">The clock for timestamps, token expiry and injected delays; <see cref="TimeProvider.System"/> by default.</param>
    public FakeJushuitanServer(FakeJushuitanOptions? options = null, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        _options = options ?? new FakeJushuitanOptions();
        if (_options.OpenApiThrottleCode is not (199 or 200))
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.OpenApiThrottleCode, "OpenApiThrottleCode must be 199 or 200.");
        }

        var production = _options.Environment == FakeJushuitanEnvironment.Production;
        PartnerId = _options.PartnerId ?? (production ? FakeJushuitanOptions.ProductionPartnerId : FakeJushuitanOptions.SandboxPartnerId);
        PartnerKey = _options.PartnerKey ?? (production ? FakeJushuitanOptions.ProductionPartnerKey : FakeJushuitanOptions.SandboxPartnerKey);
        LegacyToken = _options.Token ?? (production ? FakeJushuitanOptions.ProductionToken : FakeJushuitanOptions.SandboxToken);
        AppKey = _options.AppKey ?? (production ? FakeJushuitanOptions.ProductionAppKey : FakeJushuitanOptions.SandboxAppKey);
        AppSecret = _options.AppSecret ?? (production ? FakeJushuitanOptions.ProductionAppSecret : FakeJushuitanOptions.SandboxAppSecret);
        LegacyUrl = new Uri(BaseUri, LegacyPath.TrimStart('/'));
        OpenApiUrl = BaseUri;
        Reset();
    }

    /// <summary>The environment the fake plays.</summary>
    public FakeJushuitanEnvironment Environment => _options.Environment;

    /// <summary>The legacy endpoint, <c>{Url}/api/open/query.aspx</c>; use it where the client would use <c>…/api/open/query.aspx</c>.</summary>
    public Uri LegacyUrl { get; }

    /// <summary>The open-API base address (business paths <c>/open/…</c> and token paths <c>/openWeb/auth/…</c> are under it).</summary>
    public Uri OpenApiUrl { get; }

    /// <summary>The accepted legacy partnerid.</summary>
    public string PartnerId { get; }

    /// <summary>The legacy partnerkey the fake verifies signs with.</summary>
    public string PartnerKey { get; }

    /// <summary>The accepted legacy token (its value never changes; <c>refresh.token</c> extends its validity).</summary>
    public string LegacyToken { get; }

    /// <summary>The accepted open-API app_key.</summary>
    public string AppKey { get; }

    /// <summary>The open-API app_secret the fake verifies signs with.</summary>
    public string AppSecret { get; }

    /// <summary>The company (<c>co_id</c>) the credentials belong to.</summary>
    public int CompanyId => _options.CompanyId;

    /// <summary>The newest open-API access_token (which may not have taken effect yet, see <see cref="FakeJushuitanOptions.TokenActivationDelay"/>).</summary>
    public string AccessToken
    {
        get
        {
            lock (_gate)
            {
                return _accessToken.Value;
            }
        }
    }

    /// <summary>When the newest open-API access_token expires.</summary>
    public DateTimeOffset AccessTokenExpiresAt
    {
        get
        {
            lock (_gate)
            {
                return _accessToken.ExpiresAt;
            }
        }
    }

    /// <summary>The current open-API refresh_token.</summary>
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

    /// <summary>When the legacy token expires, as in effect now (a pending extension counts once it has taken effect).</summary>
    public DateTimeOffset LegacyTokenExpiresAt
    {
        get
        {
            lock (_gate)
            {
                return LegacyExpiryLocked(TimeProvider.GetUtcNow());
            }
        }
    }

    /// <summary>A snapshot of every order row (every <c>o_id</c>), ordered by <c>o_id</c>.</summary>
    public IReadOnlyList<FakeJushuitanOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                return _ordersById.Values.OrderBy(row => row.OId).Select(row => row.Snapshot()).ToArray();
            }
        }
    }

    /// <summary>A snapshot of the shops (of every company, enabled or not).</summary>
    public IReadOnlyList<FakeJushuitanShop> Shops
    {
        get
        {
            lock (_gate)
            {
                return _shops.Values.OrderBy(shop => shop.ShopId).ToArray();
            }
        }
    }

    /// <summary>The total of calls that passed signature checks, per credential (legacy partnerid or open-API app_key), for RJST-03 billing tests.</summary>
    public IReadOnlyDictionary<string, long> CallCounts
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_callCounts, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The number of calls that passed signature checks for a credential (legacy partnerid or open-API app_key) (RJST-03).</summary>
    /// <param name="credential">The partnerid or app_key.</param>
    /// <returns>The count; 0 for an unknown credential.</returns>
    public long GetCallCount(string credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        lock (_gate)
        {
            return _callCounts.GetValueOrDefault(credential);
        }
    }

    /// <summary>Returns the first order row of (<paramref name="shopId"/>, <paramref name="soId"/>), or <see langword="null"/>.</summary>
    /// <param name="shopId">The shop id.</param>
    /// <param name="soId">The online order number.</param>
    /// <returns>The snapshot, or <see langword="null"/> when the ERP has no such order.</returns>
    public FakeJushuitanOrder? GetOrder(long shopId, string soId) => GetOrders(shopId, soId) is [var first, ..] ? first : null;

    /// <summary>Returns every order row of (<paramref name="shopId"/>, <paramref name="soId"/>): one, or several after a split (RJST-08).</summary>
    /// <param name="shopId">The shop id.</param>
    /// <param name="soId">The online order number.</param>
    /// <returns>The snapshots ordered by <c>o_id</c>; empty when the ERP has no such order.</returns>
    public IReadOnlyList<FakeJushuitanOrder> GetOrders(long shopId, string soId)
    {
        ArgumentNullException.ThrowIfNull(soId);
        lock (_gate)
        {
            return _orders.TryGetValue((shopId, soId), out var rows) ? rows.Select(row => row.Snapshot()).ToArray() : [];
        }
    }

    /// <summary>
    /// Restores the initial state: seed data, tokens (valid for their full lifetime from now), no orders, zero call counts, and
    /// clears the journal and all fault rules.
    /// </summary>
    public void Reset()
    {
        var now = TimeProvider.GetUtcNow();
        lock (_gate)
        {
            _callCounts.Clear();
            _shops.Clear();
            _warehouses.Clear();
            _carriers.Clear();
            _orders.Clear();
            _ordersById.Clear();
            _isvCodes.Clear();
            _nextOId = 20000001;
            _nextTs = 1;
            _tokenCounter = 0;
            _legacyExpiresAt = now + _options.LegacyTokenLifetime;
            _legacyPendingExpiresAt = null;
            var production = _options.Environment == FakeJushuitanEnvironment.Production;
            _accessToken = new OpenToken(
                _options.AccessToken ?? (production ? FakeJushuitanOptions.ProductionAccessToken : FakeJushuitanOptions.SandboxAccessToken),
                now,
                now + _options.AccessTokenLifetime);
            _previousAccessToken = null;
            _refreshToken = _options.RefreshToken ?? (production ? FakeJushuitanOptions.ProductionRefreshToken : FakeJushuitanOptions.SandboxRefreshToken);
            if (_options.Seed)
            {
                SeedLocked();
            }
        }

        Journal.Clear();
        Faults.Clear();
    }

    /// <summary>Adds or replaces a shop.</summary>
    /// <param name="shop">The shop.</param>
    public void AddShop(FakeJushuitanShop shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        lock (_gate)
        {
            _shops[shop.ShopId] = shop;
        }
    }

    /// <summary>Disables a shop: it disappears from shop queries and uploads to it answer success without storing the order (RJST-13).</summary>
    /// <param name="shopId">The shop id.</param>
    public void DisableShop(long shopId) => UpdateShop(shopId, shop => shop with { Enabled = false });

    /// <summary>Enables a shop again.</summary>
    /// <param name="shopId">The shop id.</param>
    public void EnableShop(long shopId) => UpdateShop(shopId, shop => shop with { Enabled = true });

    /// <summary>
    /// Switches a shop's "download all orders" setting. When off, uploads of unpaid orders answer success but the order is not
    /// stored (RJST-13).
    /// </summary>
    /// <param name="shopId">The shop id.</param>
    /// <param name="enabled">The new value.</param>
    public void SetDownloadAllOrders(long shopId, bool enabled) => UpdateShop(shopId, shop => shop with { DownloadAllOrders = enabled });

    /// <summary>Adds a warehouse partner (分仓).</summary>
    /// <param name="warehouse">The warehouse.</param>
    public void AddWarehouse(FakeJushuitanWarehouse warehouse)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        lock (_gate)
        {
            _warehouses.RemoveAll(existing => existing.WmsCompanyId == warehouse.WmsCompanyId);
            _warehouses.Add(warehouse);
        }
    }

    /// <summary>Adds or replaces a logistics company.</summary>
    /// <param name="company">The logistics company.</param>
    public void AddLogisticsCompany(FakeJushuitanLogisticsCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        lock (_gate)
        {
            _carriers.RemoveAll(existing => string.Equals(existing.LcId, company.LcId, StringComparison.Ordinal));
            _carriers.Add(company);
        }
    }

    /// <summary>Cancels an order inside the ERP, as a user would. A later upload of it answers success but it stays Cancelled (RJST-12).</summary>
    /// <param name="shopId">The shop id.</param>
    /// <param name="soId">The online order number.</param>
    public void CancelInErp(long shopId, string soId)
    {
        lock (_gate)
        {
            var now = TimeProvider.GetUtcNow();
            foreach (var row in RowsOrThrowLocked(shopId, soId))
            {
                row.Status = "Cancelled";
                TouchLocked(row, now);
            }
        }
    }

    /// <summary>
    /// Splits an order inside the ERP into <paramref name="parts"/> rows (the original o_id plus new ones), all with status Split and
    /// <c>is_split</c>. Cancelling any of them, or the so_id, cancels all (RJST-08).
    /// </summary>
    /// <param name="shopId">The shop id.</param>
    /// <param name="soId">The online order number.</param>
    /// <param name="parts">The number of sub-orders, at least 2.</param>
    /// <returns>The o_ids of all sub-orders, the original first.</returns>
    public IReadOnlyList<long> MarkSplit(long shopId, string soId, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 2);
        lock (_gate)
        {
            var rows = RowsOrThrowLocked(shopId, soId);
            if (rows.Count > 1)
            {
                throw new InvalidOperationException($"Order {shopId}/{soId} is already split.");
            }

            var original = rows[0];
            var now = TimeProvider.GetUtcNow();
            original.Status = "Split";
            original.IsSplit = true;
            original.LinkOId = original.OId;
            original.SplitIndex = 0;
            original.SplitParts = parts;
            TouchLocked(original, now);
            for (var part = 1; part < parts; part++)
            {
                var sub = new OrderRow(_nextOId++, shopId, soId, original.Upload.DeepClone().AsObject(), now)
                {
                    Status = "Split",
                    ShopStatus = original.ShopStatus,
                    IsSplit = true,
                    LinkOId = original.OId,
                    SplitIndex = part,
                    SplitParts = parts,
                    Paid = original.Paid,
                    UploadCount = original.UploadCount,
                };
                TouchLocked(sub, now);
                rows.Add(sub);
                _ordersById.Add(sub.OId, sub);
            }

            return rows.Select(row => row.OId).ToArray();
        }
    }

    /// <summary>Marks an order as an exception (status Question) with a description, as the ERP does for out-of-stock orders (RJST-10).</summary>
    /// <param name="shopId">The shop id.</param>
    /// <param name="soId">The online order number.</param>
    /// <param name="questionDesc">The exception description (<c>question_desc</c>), such as <c>缺货</c>.</param>
    public void SetQuestion(long shopId, string soId, string questionDesc)
    {
        ArgumentException.ThrowIfNullOrEmpty(questionDesc);
        lock (_gate)
        {
            var now = TimeProvider.GetUtcNow();
            foreach (var row in RowsOrThrowLocked(shopId, soId))
            {
                row.Status = "Question";
                row.QuestionType = "其它";
                row.QuestionDesc = questionDesc;
                TouchLocked(row, now);
            }
        }
    }

    /// <summary>Makes the tokens of both protocols expire now (the open-API refresh_token stays usable).</summary>
    public void ExpireTokens()
    {
        lock (_gate)
        {
            var now = TimeProvider.GetUtcNow();
            _legacyExpiresAt = now;
            _legacyPendingExpiresAt = null;
            _accessToken = _accessToken with { ExpiresAt = now };
            _previousAccessToken = null;
        }
    }

    /// <summary>Registers an authorization code, as the ISV authorization callback would deliver it, for <c>/openWeb/auth/accessToken</c>.</summary>
    /// <param name="code">The code; single-use.</param>
    public void AuthorizeIsvCode(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        lock (_gate)
        {
            _isvCodes.Add(code);
        }
    }

    /// <inheritdoc />
    protected override string ResolveRoute(FakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.Equals(request.Path, LegacyPath, StringComparison.OrdinalIgnoreCase))
        {
            return request.Query.GetValueOrDefault("method") switch
            {
                "shops.query" => JushuitanRoutes.ShopsQuery,
                "logisticscompany.query" => JushuitanRoutes.LogisticsCompanyQuery,
                "wms.partner.query" => JushuitanRoutes.WarehousePartnerQuery,
                "orders.single.query" => JushuitanRoutes.OrdersQuery,
                "jushuitan.orders.upload" => JushuitanRoutes.OrdersUpload,
                "jushuitan.orders.cancel" => JushuitanRoutes.OrdersCancel,
                "ordersent.upload" => JushuitanRoutes.ShipmentUpload,
                "refresh.token" => JushuitanRoutes.TokenRefresh,
                _ => JushuitanRoutes.Unknown,
            };
        }

        return request.Path switch
        {
            "/open/shops/query" => JushuitanRoutes.ShopsQuery,
            "/open/logisticscompany/query" => JushuitanRoutes.LogisticsCompanyQuery,
            "/open/wms/partner/query" => JushuitanRoutes.WarehousePartnerQuery,
            "/open/orders/single/query" => JushuitanRoutes.OrdersQuery,
            "/open/jushuitan/orders/upload" => JushuitanRoutes.OrdersUpload,
            "/open/jushuitan/orderbyoid/cancel" => JushuitanRoutes.OrdersCancel,
            "/open/order/sent/upload" => JushuitanRoutes.ShipmentUpload,
            "/openWeb/auth/getInitToken" => JushuitanRoutes.TokenInit,
            "/openWeb/auth/accessToken" => JushuitanRoutes.TokenAccess,
            "/openWeb/auth/refreshToken" => JushuitanRoutes.TokenRefresh,
            _ => JushuitanRoutes.Unknown,
        };
    }

    /// <inheritdoc />
    protected override FakeResponse HandleRequest(string route, FakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var legacy = string.Equals(request.Path, LegacyPath, StringComparison.OrdinalIgnoreCase);
        if (!legacy && string.Equals(route, JushuitanRoutes.Unknown, StringComparison.Ordinal))
        {
            return new FakeResponse(404, "404 Not Found", "text/plain; charset=utf-8");
        }

        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return new FakeResponse(405, "405 Method Not Allowed", "text/plain; charset=utf-8");
        }

        lock (_gate)
        {
            try
            {
                return legacy ? HandleLegacyLocked(route, request) : HandleOpenLocked(route, request);
            }
            catch (JstException error)
            {
                return Error(legacy, error.Code, error.Message);
            }
        }
    }

    /// <inheritdoc />
    protected override FakeResponse CreatePlatformErrorResponse(string route, FakeRequest request, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var numeric))
        {
            throw new ArgumentException($"Jushuitan error codes are numbers; '{code}' is not.", nameof(code));
        }

        return Error(string.Equals(request.Path, LegacyPath, StringComparison.OrdinalIgnoreCase), numeric, message);
    }

    /// <inheritdoc />
    /// <remarks>Legacy: <c>{"msg":"调用超过频率","code":200,"issuccess":false}</c>. Open API: code 199 <c>调用太频繁，请稍后再试</c> or
    /// code 200 <c>调用频次超过限制</c> per <see cref="FakeJushuitanOptions.OpenApiThrottleCode"/>.</remarks>
    protected override FakeResponse CreateThrottleResponse(string route, FakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(request.Path, LegacyPath, StringComparison.OrdinalIgnoreCase)
            ? Error(legacy: true, 200, "调用超过频率")
            : _options.OpenApiThrottleCode == 199
                ? Error(legacy: false, 199, "调用太频繁，请稍后再试")
                : Error(legacy: false, 200, "调用频次超过限制");
    }

    private FakeResponse HandleLegacyLocked(string route, FakeRequest request)
    {
        var query = request.Query;
        foreach (var name in (string[])["method", "partnerid", "token", "ts", "sign"])
        {
            if (string.IsNullOrEmpty(query.GetValueOrDefault(name)))
            {
                throw new JstException(140, $"参数不符合规范:缺少系统参数[{name}]");
            }
        }

        var method = query["method"];
        var partnerId = query["partnerid"];
        var token = query["token"];
        var ts = query["ts"];

        // RJST-01: the exact platform text is unknown; the fake names partnerid so clients can tell it from token expiry (same code).
        if (!string.Equals(partnerId, PartnerId, StringComparison.Ordinal))
        {
            throw new JstException(100, "合作者参数错误:partnerid invalid");
        }

        var expected = Md5Hex(method + partnerId + "token" + token + "ts" + ts + PartnerKey);
        if (!string.Equals(query["sign"], expected, StringComparison.Ordinal))
        {
            throw new JstException(120, "签名错误");
        }

        var now = TimeProvider.GetUtcNow();
        CheckTimestamp(ts, now);
        CountCallLocked(partnerId);
        if (!string.Equals(token, LegacyToken, StringComparison.Ordinal)
            || (route != JushuitanRoutes.TokenRefresh && now >= LegacyExpiryLocked(now)))
        {
            throw new JstException(100, "合作者参数错误:token无效或已过期");
        }

        var body = ParseJson(request.Body, "body");
        return route switch
        {
            JushuitanRoutes.TokenRefresh => LegacyRefreshLocked(now),
            JushuitanRoutes.ShopsQuery => QueryShopsLocked(legacy: true, AsObject(body)),
            JushuitanRoutes.LogisticsCompanyQuery => QueryCarriersLocked(legacy: true, AsObject(body)),
            JushuitanRoutes.WarehousePartnerQuery => QueryWarehousesLocked(legacy: true, AsObject(body)),
            JushuitanRoutes.OrdersQuery => QueryOrdersLocked(legacy: true, AsObject(body)),
            JushuitanRoutes.OrdersUpload => UploadOrdersLocked(legacy: true, body, now),
            JushuitanRoutes.OrdersCancel => CancelBySoIdLocked(body, now),
            JushuitanRoutes.ShipmentUpload => UploadShipmentsLocked(legacy: true, body, now),
            _ => throw new JstException(190, $"无API权限:method[{method}]"),
        };
    }

    private FakeResponse HandleOpenLocked(string route, FakeRequest request)
    {
        var form = request.Form;
        var tokenEndpoint = route is JushuitanRoutes.TokenInit or JushuitanRoutes.TokenAccess or JushuitanRoutes.TokenRefresh;
        string[] required = tokenEndpoint
            ? ["app_key", "timestamp", "charset", "grant_type", "sign"]
            : ["app_key", "access_token", "timestamp", "charset", "version", "biz", "sign"];
        foreach (var name in required)
        {
            if (string.IsNullOrEmpty(form.GetValueOrDefault(name)))
            {
                throw new JstException(140, $"参数不符合规范:缺少参数[{name}]");
            }
        }

        // RJST-01 for the open API: no platform text is known; the fake answers 140 and names app_key.
        if (!string.Equals(form["app_key"], AppKey, StringComparison.Ordinal))
        {
            throw new JstException(140, "参数不符合规范:app_key无效");
        }

        if (!string.Equals(form["sign"], OpenApiSign(AppSecret, form), StringComparison.Ordinal))
        {
            throw new JstException(10, "无效签名");
        }

        if (!string.Equals(form["charset"], "utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new JstException(140, "参数不符合规范:charset只能为utf-8");
        }

        var now = TimeProvider.GetUtcNow();
        CheckTimestamp(form["timestamp"], now);
        CountCallLocked(AppKey);
        if (tokenEndpoint)
        {
            return TokenEndpointLocked(route, form, now);
        }

        if (form["version"] != "2")
        {
            throw new JstException(140, "参数不符合规范:version只能为2");
        }

        if (!IsAccessTokenValidLocked(form["access_token"], now))
        {
            throw new JstException(100, "无效的access_token或access_token已过期");
        }

        var biz = ParseJson(form["biz"], "biz");
        return route switch
        {
            JushuitanRoutes.ShopsQuery => QueryShopsLocked(legacy: false, AsObject(biz)),
            JushuitanRoutes.LogisticsCompanyQuery => QueryCarriersLocked(legacy: false, AsObject(biz)),
            JushuitanRoutes.WarehousePartnerQuery => QueryWarehousesLocked(legacy: false, AsObject(biz)),
            JushuitanRoutes.OrdersQuery => QueryOrdersLocked(legacy: false, AsObject(biz)),
            JushuitanRoutes.OrdersUpload => UploadOrdersLocked(legacy: false, biz, now),
            JushuitanRoutes.OrdersCancel => CancelByOIdLocked(AsObject(biz), now),
            JushuitanRoutes.ShipmentUpload => UploadShipmentsLocked(legacy: false, biz, now),
            _ => throw new JstException(190, "无API权限"),
        };
    }

    /// <summary>Computes the open-API sign: md5_lower(app_secret + concat(key + value for keys in ordinal order, except sign and empty values)).</summary>
    internal static string OpenApiSign(string appSecret, IReadOnlyDictionary<string, string> fields)
    {
        var builder = new StringBuilder(appSecret);
        foreach (var (name, value) in fields.Where(field => field.Key != "sign" && field.Value.Length > 0).OrderBy(field => field.Key, StringComparer.Ordinal))
        {
            builder.Append(name).Append(value);
        }

        return Md5Hex(builder.ToString());
    }

    internal static string Md5Hex(string text) =>
        Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    private void CheckTimestamp(string text, DateTimeOffset now)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > _options.TimestampTolerance.TotalSeconds)
        {
            throw new JstException(180, "TS无效");
        }
    }

    private void CountCallLocked(string credential) =>
        _callCounts[credential] = _callCounts.GetValueOrDefault(credential) + 1;

    private DateTimeOffset LegacyExpiryLocked(DateTimeOffset now)
    {
        if (_legacyPendingExpiresAt is { } pending && now >= _legacyPendingActivatesAt)
        {
            _legacyExpiresAt = pending;
            _legacyPendingExpiresAt = null;
        }

        return _legacyExpiresAt;
    }

    private FakeResponse LegacyRefreshLocked(DateTimeOffset now)
    {
        // RJST-02: same token value, extended validity that takes effect after the activation delay.
        var newExpiry = now + _options.LegacyTokenLifetime;
        if (_options.TokenActivationDelay <= TimeSpan.Zero)
        {
            _legacyExpiresAt = newExpiry;
            _legacyPendingExpiresAt = null;
        }
        else
        {
            _legacyPendingExpiresAt = newExpiry;
            _legacyPendingActivatesAt = now + _options.TokenActivationDelay;
        }

        // Unlike list answers, refresh.token nests its payload under "data" (S-ieu-legacy RefreshTokenResult).
        return FakeResponse.Json(JushuitanJson.Write(new JsonObject
        {
            ["code"] = 0,
            ["issuccess"] = true,
            ["msg"] = Success,
            ["data"] = new JsonObject { ["expired_date"] = JushuitanJson.FormatTime(newExpiry) },
        }));
    }

    private bool IsAccessTokenValidLocked(string token, DateTimeOffset now)
    {
        if (string.Equals(token, _accessToken.Value, StringComparison.Ordinal))
        {
            return now >= _accessToken.ActivatesAt && now < _accessToken.ExpiresAt;
        }

        // RJST-02: the replaced token keeps working until its successor takes effect.
        return _previousAccessToken is { } previous
            && string.Equals(token, previous.Value, StringComparison.Ordinal)
            && now < _accessToken.ActivatesAt;
    }

    private FakeResponse TokenEndpointLocked(string route, FormFieldCollection form, DateTimeOffset now)
    {
        var grantType = form["grant_type"];
        switch (route)
        {
            case JushuitanRoutes.TokenInit:
            case JushuitanRoutes.TokenAccess:
                if (grantType != "authorization_code")
                {
                    throw new JstException(140, "参数不符合规范:grant_type只能为authorization_code");
                }

                var code = form.GetValueOrDefault("code") ?? string.Empty;
                if (route == JushuitanRoutes.TokenInit && code.Length != 6)
                {
                    throw new JstException(140, "参数不符合规范:code必须为6位随机字符串");
                }

                if (route == JushuitanRoutes.TokenAccess && !_isvCodes.Remove(code))
                {
                    throw new JstException(140, "参数不符合规范:code无效或已使用");
                }

                return IssueTokenLocked(now, now);

            default:
                if (grantType != "refresh_token")
                {
                    throw new JstException(140, "参数不符合规范:grant_type只能为refresh_token");
                }

                if (string.IsNullOrEmpty(form.GetValueOrDefault("scope")))
                {
                    throw new JstException(140, "参数不符合规范:缺少参数[scope]");
                }

                if (_options.IsvRefreshForbidden)
                {
                    throw new JstException(150, "服务商应用禁止刷新access_token");
                }

                if (!string.Equals(form.GetValueOrDefault("refresh_token"), _refreshToken, StringComparison.Ordinal))
                {
                    throw new JstException(140, "参数不符合规范:refresh_token无效");
                }

                return IssueTokenLocked(now, now + _options.TokenActivationDelay);
        }
    }

    private FakeResponse IssueTokenLocked(DateTimeOffset now, DateTimeOffset activatesAt)
    {
        _previousAccessToken = activatesAt > now ? _accessToken : null;
        _tokenCounter++;
        _accessToken = new OpenToken(Md5Hex($"{AppKey}:access:{_tokenCounter}"), activatesAt, now + _options.AccessTokenLifetime);
        _refreshToken = Md5Hex($"{AppKey}:refresh:{_tokenCounter}");
        return Ok(legacy: false, new JsonObject
        {
            ["access_token"] = _accessToken.Value,
            ["expires_in"] = (long)_options.AccessTokenLifetime.TotalSeconds,
            ["refresh_token"] = _refreshToken,
            ["scope"] = "all",
        });
    }

    private static JsonNode ParseJson(string text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new JsonObject();
        }

        try
        {
            return JsonNode.Parse(text) ?? throw new JstException(140, $"参数不符合规范:{name}不是合法的JSON");
        }
        catch (JsonException)
        {
            throw new JstException(140, $"参数不符合规范:{name}不是合法的JSON");
        }
    }

    private static JsonObject AsObject(JsonNode node) =>
        node as JsonObject ?? throw new JstException(140, "参数不符合规范:业务参数应为JSON对象");

    private static FakeResponse Error(bool legacy, int code, string message) => FakeResponse.Json(JushuitanJson.Write(legacy
        ? new JsonObject { ["msg"] = message, ["code"] = code, ["issuccess"] = false }
        : new JsonObject { ["code"] = code, ["msg"] = message, ["data"] = null }));

    private static FakeResponse Ok(bool legacy, JsonNode? data)
    {
        if (legacy)
        {
            var root = new JsonObject { ["code"] = 0, ["issuccess"] = true, ["msg"] = Success };
            if (data is JsonObject fields)
            {
                // Legacy list answers are flat: lists and paging sit at the root, not under "data".
                foreach (var (name, value) in fields.ToArray())
                {
                    fields.Remove(name);
                    root[name] = value;
                }
            }

            return FakeResponse.Json(JushuitanJson.Write(root));
        }

        return FakeResponse.Json(JushuitanJson.Write(new JsonObject { ["code"] = 0, ["msg"] = Success, ["data"] = data }));
    }

    private void UpdateShop(long shopId, Func<FakeJushuitanShop, FakeJushuitanShop> change)
    {
        lock (_gate)
        {
            if (!_shops.TryGetValue(shopId, out var shop))
            {
                throw new KeyNotFoundException($"Shop {shopId} does not exist in the fake.");
            }

            _shops[shopId] = change(shop);
        }
    }

    private List<OrderRow> RowsOrThrowLocked(long shopId, string soId)
    {
        ArgumentNullException.ThrowIfNull(soId);
        return _orders.TryGetValue((shopId, soId), out var rows)
            ? rows
            : throw new KeyNotFoundException($"Order {shopId}/{soId} does not exist in the fake.");
    }

    private void TouchLocked(OrderRow row, DateTimeOffset now)
    {
        row.Modified = now;
        row.Ts = _nextTs++;
    }

    private void SeedLocked()
    {
        var company = _options.CompanyId;
        AddShopLocked(new FakeJushuitanShop { ShopId = FakeJushuitanSeed.OwnMallShopId, ShopName = "自有商城旗舰店", CompanyId = company, Nick = "own-mall-1" });
        AddShopLocked(new FakeJushuitanShop { ShopId = FakeJushuitanSeed.SecondOwnMallShopId, ShopName = "自有商城分店", CompanyId = company, Nick = "own-mall-2" });
        AddShopLocked(new FakeJushuitanShop { ShopId = FakeJushuitanSeed.TaobaoShopId, ShopName = "淘宝专营店", CompanyId = company, ShopSite = "淘宝天猫", Nick = "tb-nick" });
        AddShopLocked(new FakeJushuitanShop { ShopId = FakeJushuitanSeed.OtherCompanyShopId, ShopName = "其他公司店铺", CompanyId = FakeJushuitanSeed.OtherCompanyId, Nick = "other-co" });

        _warehouses.Add(new FakeJushuitanWarehouse { WmsCompanyId = FakeJushuitanSeed.MainWarehouseId, Name = "主仓", CompanyId = company, IsMain = true });
        _warehouses.Add(new FakeJushuitanWarehouse { WmsCompanyId = 10174712, Name = "华东分仓", CompanyId = company });
        _warehouses.Add(new FakeJushuitanWarehouse { WmsCompanyId = 10174713, Name = "华南分仓", CompanyId = company });

        string[] names = ["顺丰速运", "中通快递", "圆通速递", "韵达快递", "申通快递", "EMS", "京东快递"];
        var firstModified = new DateTimeOffset(2023, 1, 2, 10, 0, 0, ChinaTime.Offset);
        for (var i = 0; i < names.Length; i++)
        {
            _carriers.Add(new FakeJushuitanLogisticsCompany
            {
                LcId = FakeJushuitanSeed.LogisticsCompanyIds[i],
                LcName = names[i],
                Modified = firstModified.AddDays(10 * i),
            });
        }
    }

    private void AddShopLocked(FakeJushuitanShop shop) => _shops[shop.ShopId] = shop;

    private sealed record OpenToken(string Value, DateTimeOffset ActivatesAt, DateTimeOffset ExpiresAt);

    private sealed class JstException(int code, string message) : Exception(message)
    {
        public int Code { get; } = code;
    }
}
