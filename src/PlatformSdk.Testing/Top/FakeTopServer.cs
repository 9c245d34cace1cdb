using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Top;

/// <summary>
/// A stateful fake of the Taobao Open Platform (TOP) REST router, <c>POST {RouterUrl}</c> (<c>/router/rest</c>), serving the
/// e-voucher (电子凭证) APIs of both families: the legacy <c>taobao.vmarket.eticket.*</c> and the successor
/// <c>taobao.eticket.merchant.ma.*</c>, which share one voucher state. It verifies app_key, timestamp, all three sign methods and the
/// per-seller <c>session</c> like the router and implements RTV-10/11/12/15 of <c>docs/rules.md</c>.
/// </summary>
/// <remarks>
/// <para>Written from <c>docs/protocols/taobao-top.md</c> and <c>docs/protocols/taobao-voucher.md</c>, independently of <c>PlatformSdk.Top</c>. Where the
/// platform's exact code or text is unknown the choice is the fake's, stated on the member and in the package README.</para>
/// <para>Replies are JSON whatever <c>format</c> says (XML is not modelled). The success wrapper is the method without its
/// <c>taobao.</c> prefix, dots as underscores (<c>vmarket_eticket_send_response</c>), as real TOP replies are
/// (<c>trades_sold_get_response</c>); <see cref="FakeTopOptions.KeepTaobaoPrefixInResponseName"/> restores the prefix.</para>
/// </remarks>
public sealed partial class FakeTopServer : FakePlatformServer
{
    /// <summary>The router path.</summary>
    public const string RouterPath = "/router/rest";

    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly object _gate = new();
    private readonly FakeTopOptions _options;
    private readonly List<FakeTopSeller> _sellers = [];
    private long _requestCounter;

    /// <summary>Starts a fake with the given options.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults (app_key 12345678, two seeded sellers).</param>
    /// <param name="timeProvider">The clock for timestamps, validity, resend days and delays; <see cref="TimeProvider.System"/> by default.</param>
    public FakeTopServer(FakeTopOptions? options = null, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        _options = options ?? new FakeTopOptions();
        _options.Validate();
        RouterUrl = new Uri(BaseUri, RouterPath.TrimStart('/'));
        Reset();
    }

    /// <summary>The router address, standing for <c>https://eco.taobao.com/router/rest</c>.</summary>
    public Uri RouterUrl { get; }

    /// <summary>The accepted app_key.</summary>
    public string AppKey => _options.AppKey;

    /// <summary>The app secret signatures are verified with.</summary>
    public string AppSecret => _options.AppSecret;

    /// <summary>A snapshot of the authorized sellers.</summary>
    public IReadOnlyList<FakeTopSeller> Sellers
    {
        get
        {
            lock (_gate)
            {
                return _sellers.ToArray();
            }
        }
    }

    /// <summary>Restores the initial state: the configured sellers, no notices or orders; clears the journal and fault rules.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _sellers.Clear();
            _sellers.AddRange(_options.Sellers);
            _requestCounter = 0;
            ResetVouchersLocked();
        }

        Journal.Clear();
        Faults.Clear();
    }

    /// <summary>Adds an authorized seller, or replaces the one with the same nick.</summary>
    /// <param name="seller">The seller.</param>
    public void AddSeller(FakeTopSeller seller)
    {
        ArgumentNullException.ThrowIfNull(seller);
        ArgumentException.ThrowIfNullOrEmpty(seller.Nick);
        ArgumentException.ThrowIfNullOrEmpty(seller.Session);
        lock (_gate)
        {
            _sellers.RemoveAll(s => s.Nick == seller.Nick);
            if (_sellers.Any(s => s.Session == seller.Session))
            {
                throw new ArgumentException("Another seller already has this session.", nameof(seller));
            }

            _sellers.Add(seller);
        }
    }

    /// <summary>
    /// Gives a seller a new session, as after re-authorization: the old value is rejected from now on with code 27
    /// <c>Invalid session</c> / <c>invalid-sessionkey</c>.
    /// </summary>
    /// <param name="seller">The seller nick.</param>
    /// <param name="newSession">The new session value.</param>
    public void RenewSession(string seller, string newSession)
    {
        ArgumentException.ThrowIfNullOrEmpty(newSession);
        lock (_gate)
        {
            var found = SellerOrThrowLocked(seller);
            AddSeller(found with { Session = newSession });
        }
    }

    /// <summary>Revokes a seller's session (expired or cancelled authorization): its calls answer code 27 until <see cref="RenewSession"/>.</summary>
    /// <param name="seller">The seller nick.</param>
    public void RevokeSession(string seller) =>
        RenewSession(seller, "revoked-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Computes a TOP signature as documented: parameters except <c>sign</c> sorted by name ordinally; <c>name + value</c> of every
    /// pair whose name and value are non-empty; <c>md5</c> = MD5(secret + s + secret), <c>hmac</c> = HMAC-MD5(secret, s),
    /// <c>hmac-sha256</c> = HMAC-SHA256(secret, s), over UTF-8; upper-case hex.
    /// </summary>
    /// <param name="parameters">The text parameters sent (file parameters excluded).</param>
    /// <param name="appSecret">The app secret.</param>
    /// <param name="signMethod"><c>md5</c>, <c>hmac</c> or <c>hmac-sha256</c>.</param>
    /// <returns>The signature.</returns>
    /// <exception cref="ArgumentException">The sign method is not one of the three.</exception>
    public static string ComputeSignature(IEnumerable<KeyValuePair<string, string>> parameters, string appSecret, string signMethod)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(appSecret);
        var builder = new StringBuilder();
        foreach (var (name, value) in parameters
                     .Where(p => !string.IsNullOrEmpty(p.Key) && !string.IsNullOrEmpty(p.Value) && p.Key != "sign")
                     .OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append(name).Append(value);
        }

        var key = Encoding.UTF8.GetBytes(appSecret);
        return signMethod switch
        {
            "md5" => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(appSecret + builder + appSecret))),
            "hmac" => Convert.ToHexString(HMACMD5.HashData(key, Encoding.UTF8.GetBytes(builder.ToString()))),
            "hmac-sha256" => Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(builder.ToString()))),
            _ => throw new ArgumentException("sign_method must be md5, hmac or hmac-sha256.", nameof(signMethod)),
        };
    }

    /// <inheritdoc />
    protected override string ResolveRoute(FakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.Path, RouterPath, StringComparison.Ordinal))
        {
            return FakeTopMethods.Unknown;
        }

        var parameters = TopRequestParameters.Read(request);
        return parameters?.Fields.GetValueOrDefault("method") is { } method && FakeTopMethods.All.Contains(method)
            ? method
            : FakeTopMethods.Unknown;
    }

    /// <inheritdoc />
    protected override FakeResponse HandleRequest(string route, FakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.Path, RouterPath, StringComparison.Ordinal))
        {
            return new FakeResponse(404, "404 Not Found", "text/plain; charset=utf-8");
        }

        lock (_gate)
        {
            if (TopRequestParameters.Read(request) is not { } parameters)
            {
                return Error(41, "Invalid arguments:multipart", "isv.invalid-parameter", "multipart/form-data body could not be read");
            }

            var p = parameters.Fields;
            var method = p.GetValueOrDefault("method");
            if (string.IsNullOrEmpty(method))
            {
                return Error(21, "Missing method");
            }

            var appKey = p.GetValueOrDefault("app_key");
            if (string.IsNullOrEmpty(appKey))
            {
                return Error(28, "Missing app key");
            }

            if (!string.Equals(appKey, AppKey, StringComparison.Ordinal))
            {
                return Error(29, "Invalid app Key");
            }

            if (string.IsNullOrEmpty(p.GetValueOrDefault("sign")))
            {
                return Error(24, "Missing signature");
            }

            var signMethod = p.GetValueOrDefault("sign_method");
            if (string.IsNullOrEmpty(signMethod))
            {
                // The doc table marks sign_method required; the old SDKs' empty value meant md5, which the fake does not accept.
                return Error(25, "Invalid signature", "isv.invalid-signature", "sign_method is required: md5, hmac or hmac-sha256");
            }

            if (signMethod is not ("md5" or "hmac" or "hmac-sha256"))
            {
                return Error(25, "Invalid signature", "isv.invalid-signature", $"sign_method '{signMethod}' is not md5, hmac or hmac-sha256");
            }

            var expected = ComputeSignature(p, AppSecret, signMethod);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(p["sign"])))
            {
                return Error(25, "Invalid signature");
            }

            var timestampText = p.GetValueOrDefault("timestamp");
            if (string.IsNullOrEmpty(timestampText))
            {
                return Error(30, "Missing timestamp");
            }

            var now = TimeProvider.GetUtcNow();
            if (!TryParseTime(timestampText, out var timestamp) || (timestamp - now).Duration() > _options.TimestampTolerance)
            {
                return Error(
                    31,
                    "Invalid timestamp",
                    "isv.invalid-timestamp",
                    $"timestamp must be yyyy-MM-dd HH:mm:ss in GMT+8 within {_options.TimestampTolerance.TotalMinutes:0} minutes of the server time {FormatTime(now)}");
            }

            var version = p.GetValueOrDefault("v");
            if (string.IsNullOrEmpty(version))
            {
                return Error(32, "Missing version");
            }

            if (version != "2.0")
            {
                return Error(34, "Unsupported version");
            }

            if (route == FakeTopMethods.Unknown)
            {
                return Error(22, "Invalid method", "isv.invalid-method", $"method '{method}' does not exist or is not modelled by the fake");
            }

            var session = p.GetValueOrDefault("session");
            if (string.IsNullOrEmpty(session))
            {
                // Every modelled e-voucher API needs the seller's authorization (需要授权).
                return Error(26, "Missing session");
            }

            var seller = _sellers.FirstOrDefault(s => string.Equals(s.Session, session, StringComparison.Ordinal));
            if (seller is null)
            {
                return Error(27, "Invalid session", "invalid-sessionkey", "SessionKey非法");
            }

            var call = new TopCall(route, seller, p, now, p.GetValueOrDefault("simplify") == "true");
            return DispatchLocked(call);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Code 7 <c>App Call Limited</c>, sub_code <c>accesscontrol.limited-by-app-access-count</c>, sub_msg
    /// <c>This ban will last for N more seconds</c> (N = <see cref="FakeTopOptions.ThrottleBanSeconds"/>).
    /// </remarks>
    protected override FakeResponse CreateThrottleResponse(string route, FakeRequest request)
    {
        lock (_gate)
        {
            return Error(
                7,
                "App Call Limited",
                "accesscontrol.limited-by-app-access-count",
                string.Create(CultureInfo.InvariantCulture, $"This ban will last for {_options.ThrottleBanSeconds} more seconds"));
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// <paramref name="code"/> is the numeric TOP code, optionally followed by <c>|sub_code</c>; <paramref name="message"/> is the
    /// <c>msg</c>, optionally followed by <c>|sub_msg</c> (see <see cref="FakeTopFaults"/>). A non-numeric code is sent as a string.
    /// </remarks>
    protected override FakeResponse CreatePlatformErrorResponse(string route, FakeRequest request, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(message);
        var (wireCode, subCode) = SplitOnce(code);
        var (msg, subMsg) = SplitOnce(message);
        lock (_gate)
        {
            JsonNode codeNode = int.TryParse(wireCode, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(wireCode);
            return ErrorNode(codeNode, msg, subCode, subMsg);
        }
    }

    private static (string Head, string? Tail) SplitOnce(string text)
    {
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (text, null) : (text[..bar], text[(bar + 1)..]);
    }

    private FakeResponse Error(int code, string msg, string? subCode = null, string? subMsg = null) =>
        ErrorNode(JsonValue.Create(code), msg, subCode, subMsg);

    private FakeResponse ErrorNode(JsonNode code, string msg, string? subCode, string? subMsg)
    {
        var error = new JsonObject { ["code"] = code, ["msg"] = msg };
        if (subCode is not null)
        {
            error["sub_code"] = subCode;
        }

        if (subMsg is not null)
        {
            error["sub_msg"] = subMsg;
        }

        error["request_id"] = NextRequestIdLocked();
        return FakeResponse.Json(new JsonObject { ["error_response"] = error }.ToJsonString(WriteOptions));
    }

    private FakeResponse Success(TopCall call, JsonObject body)
    {
        body["request_id"] = NextRequestIdLocked();
        return FakeResponse.Json(new JsonObject { [ResponseName(call.Method)] = body }.ToJsonString(WriteOptions));
    }

    private string ResponseName(string method)
    {
        var name = !_options.KeepTaobaoPrefixInResponseName && method.StartsWith("taobao.", StringComparison.Ordinal)
            ? method["taobao.".Length..]
            : method;
        return name.Replace('.', '_') + "_response";
    }

    // TOP request ids are short lower-case alphanumerics; a counter keeps them unique and readable in failures.
    private string NextRequestIdLocked() =>
        string.Create(CultureInfo.InvariantCulture, $"fk{++_requestCounter:x6}top");

    private FakeTopSeller SellerOrThrowLocked(string nick)
    {
        ArgumentNullException.ThrowIfNull(nick);
        return _sellers.FirstOrDefault(s => s.Nick == nick)
            ?? throw new ArgumentException($"Unknown seller '{nick}'.", nameof(nick));
    }

    /// <summary>Formats a time as TOP does: <c>yyyy-MM-dd HH:mm:ss</c> in GMT+8.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        time = new DateTimeOffset(local, ChinaOffset);
        return true;
    }

    private sealed record TopCall(string Method, FakeTopSeller Seller, Dictionary<string, string> P, DateTimeOffset Now, bool Simplify);
}
