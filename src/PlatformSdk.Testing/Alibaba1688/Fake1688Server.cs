using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Alibaba1688;

/// <summary>
/// A stateful fake of the Alibaba 1688 open platform (open.1688.com): the API gateway (<c>/openapi/param2/1/…</c>), the OAuth token
/// endpoint, the browser authorize page and a cashier page that stands for scanning the pre-order QR code. It verifies
/// <c>_aop_signature</c> and per-shop access tokens like the gateway, keeps shops, offers, photo-bank images, orders and carriers, and
/// implements the rules R1688-02..19 and RLOG-05/12/13/32/40/52 of <c>docs/rules.md</c> that are visible over the wire. Wire shapes
/// follow <c>docs/protocols/1688.md</c>; where the platform's exact text or code is unknown, the fake's choice is documented on the
/// member that produces it and in the package README.
/// </summary>
/// <remarks>
/// <para>Routes are named by API (see <see cref="Fake1688Routes"/>). Every <c>param2</c> call needs a valid signature and a valid
/// access_token; the calling shop is the token's owner (R1688-03).</para>
/// <para>The fake is deliberately written from the protocol document, independently of <c>PlatformSdk.Alibaba1688</c>.</para>
/// </remarks>
public sealed partial class Fake1688Server : FakePlatformServer
{
    /// <summary>The platform's text when the shop's main account has not subscribed to the app (R1688-02).</summary>
    public const string NotSubscribedMessage = "抱歉，系统检测到您尚未订购当前应用";

    /// <summary>The gateway's message for a missing, unknown, expired or revoked access_token (with <c>error_code</c> <c>401</c>).</summary>
    public const string NeedAuthorizedMessage = "Request need user authorized";

    private const string OpenApiPrefix = "/openapi/";

    private readonly object _gate = new();
    private readonly Fake1688Options _options;
    private readonly List<string> _shopOrder = [];
    private readonly Dictionary<string, Fake1688Shop> _shops = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> _refreshTokens = new(StringComparer.Ordinal);

    private string? _signedInMemberId;
    private long _requestCounter;

    /// <summary>Starts a fake with the given options.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults (seeded, <see cref="Fake1688Options.DefaultAppKey"/>).</param>
    /// <param name="timeProvider">The clock for token and code lifetimes, timestamps and injected delays; <see cref="TimeProvider.System"/> by default.</param>
    public Fake1688Server(Fake1688Options? options = null, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        _options = options ?? new Fake1688Options();
        _options.Validate();
        GatewayUrl = BaseUri;
        AuthorizeUrl = new Uri(BaseUri, "oauth/authorize");
        TokenUrl = new Uri(BaseUri, $"openapi/http/1/system.oauth2/getToken/{AppKey}");
        Reset();
    }

    /// <summary>
    /// The gateway base address, standing for <c>https://gw.open.1688.com/</c>: API calls go to
    /// <c>{GatewayUrl}openapi/param2/1/{namespace}/{apiName}/{appKey}</c>.
    /// </summary>
    public Uri GatewayUrl { get; }

    /// <summary>The authorize page, standing for <c>https://auth.1688.com/oauth/authorize</c>.</summary>
    public Uri AuthorizeUrl { get; }

    /// <summary>The code-exchange endpoint <c>{GatewayUrl}openapi/http/1/system.oauth2/getToken/{appKey}</c> (the <c>param2</c> variant is served too).</summary>
    public Uri TokenUrl { get; }

    /// <summary>The accepted appKey.</summary>
    public string AppKey => _options.AppKey;

    /// <summary>The app secret the fake verifies signatures and client_secret with.</summary>
    public string AppSecret => _options.AppSecret;

    /// <summary>A snapshot of the shops, in the order they were added.</summary>
    public IReadOnlyList<Fake1688Shop> Shops
    {
        get
        {
            lock (_gate)
            {
                return _shopOrder.Select(id => _shops[id]).ToArray();
            }
        }
    }

    /// <summary>
    /// Restores the initial state: seed data (when <see cref="Fake1688Options.Seed"/>), no codes, tokens, pay links or pending
    /// failures, and clears the journal and all fault rules.
    /// </summary>
    public void Reset()
    {
        lock (_gate)
        {
            _shopOrder.Clear();
            _shops.Clear();
            _codes.Clear();
            _accessTokens.Clear();
            _refreshTokens.Clear();
            _signedInMemberId = null;
            _requestCounter = 0;
            ResetBusinessLocked();
            if (_options.Seed)
            {
                SeedLocked();
            }
        }

        Journal.Clear();
        Faults.Clear();
    }

    /// <summary>Adds or replaces a shop (matched by <see cref="Fake1688Shop.MemberId"/>).</summary>
    /// <param name="shop">The shop.</param>
    public void AddShop(Fake1688Shop shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentException.ThrowIfNullOrEmpty(shop.MemberId);
        ArgumentException.ThrowIfNullOrEmpty(shop.LoginId);
        lock (_gate)
        {
            AddShopLocked(shop);
        }
    }

    /// <summary>
    /// Sets whether the shop's main account subscribed to the app (R1688-02). Unsubscribing also revokes the shop's access tokens,
    /// so API calls answer <c>401</c> and the next refresh fails with <see cref="NotSubscribedMessage"/>.
    /// </summary>
    /// <param name="shop">The shop's member id or login id.</param>
    /// <param name="subscribed">The new value.</param>
    public void SetSubscribed(string shop, bool subscribed)
    {
        lock (_gate)
        {
            var found = ShopOrThrowLocked(shop);
            _shops[found.MemberId] = found with { Subscribed = subscribed };
            if (!subscribed)
            {
                RemoveWhere(_accessTokens, grant => grant.MemberId == found.MemberId);
            }
        }
    }

    /// <summary>Binds a market to the shop, or unbinds it with <see langword="null"/> (R1688-04).</summary>
    /// <param name="shop">The shop's member id or login id.</param>
    /// <param name="marketName">The market name, such as <c>其他</c>, or <see langword="null"/>.</param>
    public void SetMarket(string shop, string? marketName)
    {
        lock (_gate)
        {
            var found = ShopOrThrowLocked(shop);
            _shops[found.MemberId] = found with { MarketName = marketName };
        }
    }

    /// <summary>
    /// Chooses the account that is logged in to 1688 in the "browser" that opens <see cref="AuthorizeUrl"/>. Until called, the first
    /// shop added (the seeded main shop) is logged in.
    /// </summary>
    /// <param name="shop">The shop's member id or login id.</param>
    public void SignIn(string shop)
    {
        lock (_gate)
        {
            _signedInMemberId = ShopOrThrowLocked(shop).MemberId;
        }
    }

    /// <summary>
    /// Authorizes the app for a shop as if its owner approved the authorize page, and returns the single-use code, valid for
    /// <see cref="Fake1688Options.CodeLifetime"/> (2 minutes). The code is accepted with any <c>redirect_uri</c>.
    /// </summary>
    /// <param name="shop">The shop's member id or login id (shop name).</param>
    /// <returns>The authorization code.</returns>
    /// <exception cref="InvalidOperationException">The shop's main account has not subscribed to the app (R1688-02).</exception>
    public string AuthorizeShop(string shop)
    {
        lock (_gate)
        {
            var found = ShopOrThrowLocked(shop);
            if (!found.Subscribed)
            {
                throw new InvalidOperationException(NotSubscribedMessage);
            }

            return IssueCodeLocked(found.MemberId, redirectUri: null);
        }
    }

    /// <summary>Makes every access_token of a shop (or of all shops) expire now; refresh tokens stay valid.</summary>
    /// <param name="shop">The shop's member id or login id, or <see langword="null"/> for all shops.</param>
    public void ExpireAccessTokens(string? shop = null)
    {
        lock (_gate)
        {
            var memberId = shop is null ? null : ShopOrThrowLocked(shop).MemberId;
            var now = TimeProvider.GetUtcNow();
            foreach (var (token, grant) in _accessTokens.ToArray())
            {
                if (memberId is null || grant.MemberId == memberId)
                {
                    _accessTokens[token] = grant with { ExpiresAt = now };
                }
            }
        }
    }

    /// <summary>Returns whether an access_token is currently accepted, and for which shop.</summary>
    /// <param name="accessToken">The token.</param>
    /// <returns>The owning shop's member id, or <see langword="null"/> when the token is unknown or expired.</returns>
    public string? GetTokenOwner(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        lock (_gate)
        {
            return _accessTokens.TryGetValue(accessToken, out var grant) && TimeProvider.GetUtcNow() < grant.ExpiresAt ? grant.MemberId : null;
        }
    }

    /// <summary>
    /// Computes <c>_aop_signature</c> as documented: <c>UPPER(HEX(HMAC_SHA1(secret, urlPath + concat(sort_ordinal(key + value)))))</c>,
    /// where the <c>key + value</c> strings (not the keys) are sorted and <c>_aop_signature</c> itself is left out.
    /// </summary>
    /// <param name="urlPath">The path from the protocol on, without a leading <c>/</c> or <c>openapi/</c>, e.g. <c>param2/1/system/currentTime/1000000</c>.</param>
    /// <param name="parameters">The parameters actually sent, except file bytes.</param>
    /// <param name="appSecret">The app secret.</param>
    /// <returns>The signature, 40 upper-case hex digits.</returns>
    public static string ComputeSignature(string urlPath, IEnumerable<KeyValuePair<string, string>> parameters, string appSecret)
    {
        ArgumentNullException.ThrowIfNull(urlPath);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(appSecret);
        var pieces = parameters.Where(pair => pair.Key != "_aop_signature").Select(pair => pair.Key + pair.Value).ToList();
        pieces.Sort(StringComparer.Ordinal);
        var data = Encoding.UTF8.GetBytes(urlPath + string.Concat(pieces));
#pragma warning disable CA5350 // HMAC-SHA1 is what the platform specifies; the fake must verify exactly that.
        return Convert.ToHexString(HMACSHA1.HashData(Encoding.UTF8.GetBytes(appSecret), data));
#pragma warning restore CA5350
    }

    /// <inheritdoc />
    protected override string ResolveRoute(FakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.Equals(request.Path, "/oauth/authorize", StringComparison.Ordinal))
        {
            return Fake1688Routes.Authorize;
        }

        if (request.Path.StartsWith("/pay/", StringComparison.Ordinal))
        {
            return Fake1688Routes.PayPage;
        }

        if (ApiPath.TryParse(request.Path) is { } api)
        {
            return api.IsGetToken ? Fake1688Routes.GetToken : api.ApiName;
        }

        return Fake1688Routes.Unknown;
    }

    /// <inheritdoc />
    protected override FakeResponse HandleRequest(string route, FakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (route)
        {
            case Fake1688Routes.Authorize:
                return AuthorizePage(request);
            case Fake1688Routes.PayPage:
                return PayPage(request);
            case Fake1688Routes.Unknown:
                return new FakeResponse(404, "404 Not Found", "text/plain; charset=utf-8");
        }

        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return new FakeResponse(405, "405 Method Not Allowed", "text/plain; charset=utf-8");
        }

        var api = ApiPath.TryParse(request.Path)!;
        lock (_gate)
        {
            if (!string.Equals(api.AppKey, AppKey, StringComparison.Ordinal))
            {
                return GatewayError(400, "gw.AppKeyNotFound", "AppKey not found");
            }

            if (api.Version != "1" || !(api.Protocol == "param2" || (api.Protocol == "http" && api.IsGetToken)))
            {
                return GatewayError(400, "gw.ProtocolNotSupported", $"Protocol {api.Protocol}/{api.Version} is not supported for {api.Namespace}:{api.ApiName}");
            }

            if (!TryReadParameters(request, route, out var parameters))
            {
                return GatewayError(400, "gw.ParamInvalid", "multipart/form-data body could not be read");
            }

            if (api.IsGetToken)
            {
                // getToken needs no signature (official text); the param2 variant of the PHP SDK signs it, so a signature that is
                // present must still be right.
                if (parameters.Fields.ContainsKey("_aop_signature") && !SignatureMatches(api, parameters.Fields))
                {
                    return SignatureError(api, parameters.Fields);
                }

                return TokenEndpointLocked(parameters.Fields);
            }

            if (!SignatureMatches(api, parameters.Fields))
            {
                return SignatureError(api, parameters.Fields);
            }

            var now = TimeProvider.GetUtcNow();
            var token = parameters.Fields.GetValueOrDefault("access_token");
            if (string.IsNullOrEmpty(token) || !_accessTokens.TryGetValue(token, out var grant) || now >= grant.ExpiresAt)
            {
                return GatewayError(_options.AuthorizationErrorStatusCode, "401", NeedAuthorizedMessage);
            }

            var shop = _shops[grant.MemberId];
            var call = new ApiCall(shop, parameters.Fields, parameters.Files, now);
            return route switch
            {
                Fake1688Routes.PhotoAdd => PhotoAddLocked(call),
                Fake1688Routes.ProductAdd => ProductAddLocked(call),
                Fake1688Routes.ProductGet => ProductGetLocked(call),
                Fake1688Routes.ProductList => ProductListLocked(call),
                Fake1688Routes.FastCreateOrder => FastCreateOrderLocked(call),
                Fake1688Routes.PayUrlGet => PayUrlGetLocked(call),
                Fake1688Routes.OrderGet => OrderGetLocked(call),
                Fake1688Routes.OrderList => OrderListLocked(call),
                Fake1688Routes.OrderCancel => OrderCancelLocked(call),
                Fake1688Routes.CarrierList => CarrierListLocked(),
                Fake1688Routes.SendGoods => SendGoodsLocked(call),
                // The fake's choice for APIs it does not model: the documented "not granted to the app" answer.
                _ => GatewayError(400, "gw.APIACLDecline", "AppKey is not allowed(acl)"),
            };
        }
    }

    /// <inheritdoc />
    /// <remarks>HTTP 400 <c>{"error_code":"gw.QosAppFrequencyLimit","error_message":"App call exceeds limited frequency","request_id":…}</c>.</remarks>
    protected override FakeResponse CreateThrottleResponse(string route, FakeRequest request)
    {
        lock (_gate)
        {
            return GatewayError(400, "gw.QosAppFrequencyLimit", "App call exceeds limited frequency");
        }
    }

    private bool SignatureMatches(ApiPath api, Dictionary<string, string> fields) =>
        fields.TryGetValue("_aop_signature", out var signature)
        && string.Equals(signature, ComputeSignature(api.UrlPath, fields, AppSecret), StringComparison.Ordinal);

    private FakeResponse SignatureError(ApiPath api, Dictionary<string, string> fields) =>
        fields.ContainsKey("_aop_signature")
            ? GatewayError(400, "gw.SignatureInvalid", $"Request signature is invalid for {api.UrlPath}")
            : GatewayError(400, "gw.SignatureInvalid", "Request need signature: _aop_signature is missing");

    private static bool TryReadParameters(FakeRequest request, string route, out RequestParameters parameters)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            fields[name] = value;
        }

        IReadOnlyList<Fake1688Multipart.FilePart> files = [];
        if (Fake1688Multipart.IsMultipart(request))
        {
            if (Fake1688Multipart.Parse(request) is not { } multipart)
            {
                parameters = new RequestParameters(fields, files);
                return false;
            }

            foreach (var (name, value) in multipart.Fields)
            {
                fields[name] = value;
            }

            files = multipart.Files;
        }
        else
        {
            foreach (var (name, value) in request.Form)
            {
                fields[name] = value;
            }

            // File bytes are never signed; a form-encoded upload carries them as a base64 field, which is taken out here.
            if (route == Fake1688Routes.PhotoAdd && fields.Remove("imageBytes", out var base64))
            {
                var size = TryBase64Length(base64);
                files = [new Fake1688Multipart.FilePart("imageBytes", null, size)];
            }
        }

        parameters = new RequestParameters(fields, files);
        return true;
    }

    private static long TryBase64Length(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? written : Encoding.UTF8.GetByteCount(text);
    }

    private FakeResponse TokenEndpointLocked(Dictionary<string, string> form)
    {
        var now = TimeProvider.GetUtcNow();
        if (!string.Equals(form.GetValueOrDefault("client_id"), AppKey, StringComparison.Ordinal)
            || !string.Equals(form.GetValueOrDefault("client_secret"), AppSecret, StringComparison.Ordinal))
        {
            return GatewayError(400, "invalid_client", "client_id or client_secret is invalid");
        }

        switch (form.GetValueOrDefault("grant_type"))
        {
            case "authorization_code":
                {
                    var code = form.GetValueOrDefault("code");
                    if (string.IsNullOrEmpty(form.GetValueOrDefault("redirect_uri")))
                    {
                        return GatewayError(400, "invalid_request", "redirect_uri is required");
                    }

                    // Single use: the code is gone once presented, whatever the outcome.
                    if (string.IsNullOrEmpty(code) || !_codes.Remove(code, out var issued))
                    {
                        return GatewayError(400, "invalid_grant", "code is invalid or has been used");
                    }

                    if (now >= issued.ExpiresAt)
                    {
                        return GatewayError(400, "invalid_grant", "code is expired");
                    }

                    if (issued.RedirectUri is { } expected && !string.Equals(expected, form["redirect_uri"], StringComparison.Ordinal))
                    {
                        return GatewayError(400, "invalid_grant", "redirect_uri does not match the authorize request");
                    }

                    var shop = _shops[issued.MemberId];
                    if (!shop.Subscribed)
                    {
                        return GatewayError(400, "unauthorized_client", NotSubscribedMessage);
                    }

                    var withRefresh = !string.Equals(form.GetValueOrDefault("need_refresh_token"), "false", StringComparison.OrdinalIgnoreCase);
                    return IssueTokenLocked(shop, now, withRefresh ? IssueRefreshTokenLocked(shop, now) : null);
                }

            case "refresh_token":
                {
                    var refresh = form.GetValueOrDefault("refresh_token");
                    if (string.IsNullOrEmpty(refresh) || !_refreshTokens.TryGetValue(refresh, out var grant))
                    {
                        return GatewayError(400, "invalid_grant", "refresh_token is invalid");
                    }

                    if (now >= grant.ExpiresAt)
                    {
                        return GatewayError(400, "invalid_grant", "refresh_token is expired");
                    }

                    var shop = _shops[grant.MemberId];
                    if (!shop.Subscribed)
                    {
                        return GatewayError(400, "unauthorized_client", NotSubscribedMessage);
                    }

                    var included = _options.RefreshResponseIncludesRefreshToken ? (refresh, grant.ExpiresAt) : ((string, DateTimeOffset)?)null;
                    return IssueTokenLocked(shop, now, included);
                }

            default:
                return GatewayError(400, "invalid_request", "grant_type must be authorization_code or refresh_token");
        }
    }

    private (string Token, DateTimeOffset ExpiresAt) IssueRefreshTokenLocked(Fake1688Shop shop, DateTimeOffset now)
    {
        var token = NewToken();
        var expiresAt = now + _options.RefreshTokenLifetime;
        _refreshTokens[token] = new Grant(shop.MemberId, expiresAt);
        return (token, expiresAt);
    }

    private FakeResponse IssueTokenLocked(Fake1688Shop shop, DateTimeOffset now, (string Token, DateTimeOffset ExpiresAt)? refresh)
    {
        var access = NewToken();
        _accessTokens[access] = new Grant(shop.MemberId, now + _options.AccessTokenLifetime);
        var body = new JsonObject
        {
            ["aliId"] = shop.AliId.ToString(CultureInfo.InvariantCulture),
            ["resource_owner"] = shop.LoginId,
            ["memberId"] = shop.MemberId,
            // The platform sends expires_in as a string.
            ["expires_in"] = ((long)_options.AccessTokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["access_token"] = access,
        };
        if (refresh is { } issued)
        {
            body["refresh_token"] = issued.Token;
            body["refresh_token_timeout"] = Fake1688Json.FormatTime(issued.ExpiresAt);
        }

        return FakeResponse.Json(Fake1688Json.Write(body));
    }

    private string IssueCodeLocked(string memberId, string? redirectUri)
    {
        var code = NewToken();
        _codes[code] = new AuthCode(memberId, TimeProvider.GetUtcNow() + _options.CodeLifetime, redirectUri);
        return code;
    }

    private static string NewToken() => Guid.NewGuid().ToString("D");

    private FakeResponse AuthorizePage(FakeRequest request)
    {
        if (!string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return new FakeResponse(405, "405 Method Not Allowed", "text/plain; charset=utf-8");
        }

        var query = request.Query;
        lock (_gate)
        {
            if (!string.Equals(query.GetValueOrDefault("client_id"), AppKey, StringComparison.Ordinal))
            {
                return Page(400, "授权失败", "client_id无效");
            }

            // R1688-01: only the domestic site.
            if (!string.Equals(query.GetValueOrDefault("site"), "1688", StringComparison.Ordinal))
            {
                return Page(400, "授权失败", "site参数无效，只支持1688");
            }

            var redirectUri = query.GetValueOrDefault("redirect_uri");
            if (string.IsNullOrEmpty(redirectUri) || !Uri.TryCreate(redirectUri, UriKind.Absolute, out _))
            {
                return Page(400, "授权失败", "redirect_uri无效");
            }

            var memberId = _signedInMemberId ?? _shopOrder.FirstOrDefault();
            if (memberId is null)
            {
                return Page(200, "登录", "请先登录1688");
            }

            if (!_shops[memberId].Subscribed)
            {
                return Page(200, "授权失败", NotSubscribedMessage);
            }

            var code = IssueCodeLocked(memberId, redirectUri);
            var location = new StringBuilder(redirectUri).Append(redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?')
                .Append("code=").Append(Uri.EscapeDataString(code));
            if (query.TryGetValue("state", out var state))
            {
                location.Append("&state=").Append(Uri.EscapeDataString(state));
            }

            return new FakeResponse(302, string.Empty, "text/html; charset=utf-8").WithHeader("Location", location.ToString());
        }
    }

    private static FakeResponse Page(int status, string title, string text) => FakeResponse.Html(
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head><body><div class=\"message\">{WebUtility.HtmlEncode(text)}</div></body></html>",
        status);

    private FakeResponse GatewayError(int status, string code, string message) => FakeResponse.Json(
        Fake1688Json.Write(new JsonObject
        {
            ["error_code"] = code,
            ["error_message"] = message,
            ["request_id"] = (++_requestCounter).ToString("x12", CultureInfo.InvariantCulture),
        }),
        status);

    private Fake1688Shop ShopOrThrowLocked(string shop)
    {
        ArgumentException.ThrowIfNullOrEmpty(shop);
        if (_shops.TryGetValue(shop, out var byMember))
        {
            return byMember;
        }

        return _shops.Values.FirstOrDefault(candidate => string.Equals(candidate.LoginId, shop, StringComparison.Ordinal))
            ?? throw new KeyNotFoundException($"Shop '{shop}' does not exist in the fake.");
    }

    private void AddShopLocked(Fake1688Shop shop)
    {
        if (!_shops.ContainsKey(shop.MemberId))
        {
            _shopOrder.Add(shop.MemberId);
        }

        _shops[shop.MemberId] = shop;
    }

    private static void RemoveWhere<TKey, TValue>(Dictionary<TKey, TValue> dictionary, Func<TValue, bool> predicate)
        where TKey : notnull
    {
        foreach (var (key, value) in dictionary.ToArray())
        {
            if (predicate(value))
            {
                dictionary.Remove(key);
            }
        }
    }

    private sealed record AuthCode(string MemberId, DateTimeOffset ExpiresAt, string? RedirectUri);

    private sealed record Grant(string MemberId, DateTimeOffset ExpiresAt);

    private sealed record RequestParameters(Dictionary<string, string> Fields, IReadOnlyList<Fake1688Multipart.FilePart> Files);

    private sealed record ApiCall(
        Fake1688Shop Shop,
        IReadOnlyDictionary<string, string> Fields,
        IReadOnlyList<Fake1688Multipart.FilePart> Files,
        DateTimeOffset Now)
    {
        public string? Field(string name) => Fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
    }

    private sealed record ApiPath(string Protocol, string Version, string Namespace, string ApiName, string AppKey)
    {
        public bool IsGetToken => Namespace == "system.oauth2" && ApiName == "getToken";

        public string UrlPath => $"{Protocol}/{Version}/{Namespace}/{ApiName}/{AppKey}";

        public static ApiPath? TryParse(string path)
        {
            if (!path.StartsWith(OpenApiPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            var segments = path[OpenApiPrefix.Length..].Split('/');
            return segments.Length == 5 && segments.All(segment => segment.Length > 0)
                ? new ApiPath(segments[0], segments[1], segments[2], segments[3], segments[4])
                : null;
        }
    }
}
