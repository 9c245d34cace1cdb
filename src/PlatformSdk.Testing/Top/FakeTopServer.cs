using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Top;

/// <summary>
/// A stateful fake of the Taobao Open Platform (TOP) REST router, <c>POST {RouterUrl}</c> (<c>/router/rest</c>). The router
/// verifies app_key, timestamp, all three sign methods, the version and the per-seller <c>session</c> like TOP, reads the
/// parameters (query, form or multipart), dispatches on <c>method</c> to the registered <see cref="FakeTopModule"/>s and writes the
/// TOP envelope (success wrapper or <c>error_response</c>). Built in: the e-voucher (电子凭证) APIs of both families in
/// <see cref="Vouchers"/> (RTV-10/11/12/15 of <c>docs/rules.md</c>); more modules plug in with <see cref="AddModule{TModule}"/>.
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

    /// <summary>The <c>msg</c> of business errors: TOP reports them as code 15 with an <c>isv.*</c> sub-code.</summary>
    public const string BusinessErrorMessage = "Remote service error";

    internal static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly object _gate = new();
    private readonly FakeTopOptions _options;
    private readonly List<FakeTopSeller> _sellers = [];
    private readonly List<FakeTopModule> _modules = [];
    private readonly Dictionary<string, FakeTopModule> _modulesByMethod = new(StringComparer.Ordinal);
    private long _requestCounter;

    /// <summary>Starts a fake with the given options and the e-voucher module.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults (app_key 12345678, two seeded sellers).</param>
    /// <param name="timeProvider">The clock for timestamps, validity, resend days and delays; <see cref="TimeProvider.System"/> by default.</param>
    public FakeTopServer(FakeTopOptions? options = null, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        _options = options ?? new FakeTopOptions();
        _options.Validate();
        RouterUrl = new Uri(BaseUri, RouterPath.TrimStart('/'));
        Vouchers = AddModule(new FakeVoucherModule());
        TmallGlobalDirect = AddModule(new FakeTmallGlobalDirectModule());
        Reset();
    }

    /// <summary>The router address, standing for <c>https://eco.taobao.com/router/rest</c>.</summary>
    public Uri RouterUrl { get; }

    /// <summary>The accepted app_key.</summary>
    public string AppKey => _options.AppKey;

    /// <summary>The app secret signatures are verified with.</summary>
    public string AppSecret => _options.AppSecret;

    /// <summary>The e-voucher module: <c>taobao.vmarket.eticket.*</c> and <c>taobao.eticket.merchant.ma.*</c>, its hooks and snapshots.</summary>
    public FakeVoucherModule Vouchers { get; }

    /// <summary>The registered modules, in registration order (the e-voucher module first, then Tmall Global direct supply).</summary>
    public IReadOnlyList<FakeTopModule> Modules
    {
        get
        {
            lock (_gate)
            {
                return _modules.ToArray();
            }
        }
    }

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

    /// <summary>
    /// Registers a module: from now on the router dispatches its <see cref="FakeTopModule.Methods"/> to it (each method is also the
    /// route name for the journal and fault rules). Typically called right after construction.
    /// </summary>
    /// <typeparam name="TModule">The module type.</typeparam>
    /// <param name="module">The module; one instance serves one server.</param>
    /// <returns>The module, for chaining (<c>var logistics = top.AddModule(new FakeLogisticsModule());</c>).</returns>
    /// <exception cref="ArgumentException">The module serves no method, or a method another module already serves.</exception>
    /// <exception cref="InvalidOperationException">The module is registered with a server already.</exception>
    public TModule AddModule<TModule>(TModule module)
        where TModule : FakeTopModule
    {
        ArgumentNullException.ThrowIfNull(module);
        var methods = module.Methods?.ToArray() ?? [];
        if (methods.Length == 0 || methods.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"{module.GetType().Name} must serve at least one method, and no empty name.", nameof(module));
        }

        lock (_gate)
        {
            if (methods.FirstOrDefault(_modulesByMethod.ContainsKey) is { } taken)
            {
                throw new ArgumentException($"{taken} is already served by {_modulesByMethod[taken].GetType().Name}.", nameof(module));
            }

            module.Attach(this);
            _modules.Add(module);
            foreach (var method in methods)
            {
                _modulesByMethod.Add(method, module);
            }
        }

        return module;
    }

    /// <summary>Restores the initial state: the configured sellers and every module's initial state; clears the journal and fault rules.</summary>
    public void Reset()
    {
        FakeTopModule[] modules;
        lock (_gate)
        {
            _sellers.Clear();
            _sellers.AddRange(_options.Sellers);
            Interlocked.Exchange(ref _requestCounter, 0);
            modules = _modules.ToArray();
        }

        foreach (var module in modules)
        {
            module.Reset();
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
        if (!string.Equals(request.Path, RouterPath, StringComparison.Ordinal)
            || TopRequestParameters.Read(request)?.Fields.GetValueOrDefault("method") is not { } method)
        {
            return FakeTopMethods.Unknown;
        }

        lock (_gate)
        {
            return _modulesByMethod.ContainsKey(method) ? method : FakeTopMethods.Unknown;
        }
    }

    /// <inheritdoc />
    protected override FakeResponse HandleRequest(string route, FakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.Path, RouterPath, StringComparison.Ordinal))
        {
            return new FakeResponse(404, "404 Not Found", "text/plain; charset=utf-8");
        }

        if (TopRequestParameters.Read(request) is not { } parameters)
        {
            return Error(new FakeTopError(41, "Invalid arguments:multipart", "isv.invalid-parameter", "multipart/form-data body could not be read"));
        }

        var now = TimeProvider.GetUtcNow();
        var p = parameters.Fields;
        if (VerifySystemParameters(p, now) is { } refused)
        {
            return Error(refused);
        }

        var method = p["method"];
        FakeTopModule? module;
        FakeTopSeller? seller;
        lock (_gate)
        {
            module = route == FakeTopMethods.Unknown ? null : _modulesByMethod.GetValueOrDefault(method);
            var session = p.GetValueOrDefault("session");
            seller = string.IsNullOrEmpty(session) ? null : _sellers.FirstOrDefault(s => string.Equals(s.Session, session, StringComparison.Ordinal));
        }

        if (module is null)
        {
            return Error(new FakeTopError(22, "Invalid method", "isv.invalid-method", $"method '{method}' does not exist or is not modelled by the fake"));
        }

        var hasSession = !string.IsNullOrEmpty(p.GetValueOrDefault("session"));
        if (!hasSession && module.RequiresSession(method))
        {
            return Error(new FakeTopError(26, "Missing session"));
        }

        if (hasSession && seller is null)
        {
            return Error(new FakeTopError(27, "Invalid session", "invalid-sessionkey", "SessionKey非法"));
        }

        var result = module.Handle(new FakeTopRequest(method, p, seller, now, parameters.FileNames));
        return result.Error is { } error ? Error(error) : Success(method, result.Body!);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Code 7 <c>App Call Limited</c>, sub_code <c>accesscontrol.limited-by-app-access-count</c>, sub_msg
    /// <c>This ban will last for N more seconds</c> (N = <see cref="FakeTopOptions.ThrottleBanSeconds"/>).
    /// </remarks>
    protected override FakeResponse CreateThrottleResponse(string route, FakeRequest request) =>
        Error(new FakeTopError(
            7,
            "App Call Limited",
            "accesscontrol.limited-by-app-access-count",
            string.Create(CultureInfo.InvariantCulture, $"This ban will last for {_options.ThrottleBanSeconds} more seconds")));

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
        JsonNode codeNode = int.TryParse(wireCode, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(wireCode);
        return ErrorEnvelope(codeNode, msg, subCode, subMsg);
    }

    /// <summary>Formats a time as TOP does: <c>yyyy-MM-dd HH:mm:ss</c> in GMT+8.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToOffset(ChinaTime.Offset).ToString(ChinaTime.DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses a TOP time, <c>yyyy-MM-dd HH:mm:ss</c> in GMT+8 (the <c>timestamp</c> parameter, dates of business APIs).</summary>
    /// <param name="text">The text.</param>
    /// <param name="time">The time, when the text has that form.</param>
    /// <returns>Whether the text has that form.</returns>
    public static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (!DateTime.TryParseExact(text, ChinaTime.DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        time = new DateTimeOffset(local, ChinaTime.Offset);
        return true;
    }

    internal FakeTopSeller SellerOrThrow(string nick)
    {
        lock (_gate)
        {
            return SellerOrThrowLocked(nick);
        }
    }

    // The system-parameter checks in the router's order: method, app_key, sign, sign_method, timestamp, v.
    private FakeTopError? VerifySystemParameters(Dictionary<string, string> p, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(p.GetValueOrDefault("method")))
        {
            return new FakeTopError(21, "Missing method");
        }

        var appKey = p.GetValueOrDefault("app_key");
        if (string.IsNullOrEmpty(appKey))
        {
            return new FakeTopError(28, "Missing app key");
        }

        if (!string.Equals(appKey, AppKey, StringComparison.Ordinal))
        {
            return new FakeTopError(29, "Invalid app Key");
        }

        if (string.IsNullOrEmpty(p.GetValueOrDefault("sign")))
        {
            return new FakeTopError(24, "Missing signature");
        }

        var signMethod = p.GetValueOrDefault("sign_method");
        if (string.IsNullOrEmpty(signMethod))
        {
            // The doc table marks sign_method required; the old SDKs' empty value meant md5, which the fake does not accept.
            return new FakeTopError(25, "Invalid signature", "isv.invalid-signature", "sign_method is required: md5, hmac or hmac-sha256");
        }

        if (signMethod is not ("md5" or "hmac" or "hmac-sha256"))
        {
            return new FakeTopError(25, "Invalid signature", "isv.invalid-signature", $"sign_method '{signMethod}' is not md5, hmac or hmac-sha256");
        }

        var expected = ComputeSignature(p, AppSecret, signMethod);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(p["sign"])))
        {
            return new FakeTopError(25, "Invalid signature");
        }

        var timestampText = p.GetValueOrDefault("timestamp");
        if (string.IsNullOrEmpty(timestampText))
        {
            return new FakeTopError(30, "Missing timestamp");
        }

        if (!TryParseTime(timestampText, out var timestamp) || (timestamp - now).Duration() > _options.TimestampTolerance)
        {
            return new FakeTopError(
                31,
                "Invalid timestamp",
                "isv.invalid-timestamp",
                $"timestamp must be yyyy-MM-dd HH:mm:ss in GMT+8 within {_options.TimestampTolerance.TotalMinutes:0} minutes of the server time {FormatTime(now)}");
        }

        var version = p.GetValueOrDefault("v");
        if (string.IsNullOrEmpty(version))
        {
            return new FakeTopError(32, "Missing version");
        }

        return version == "2.0" ? null : new FakeTopError(34, "Unsupported version");
    }

    private static (string Head, string? Tail) SplitOnce(string text)
    {
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (text, null) : (text[..bar], text[(bar + 1)..]);
    }

    private FakeResponse Error(FakeTopError error) =>
        ErrorEnvelope(JsonValue.Create(error.Code), error.Message, error.SubCode, error.SubMessage);

    private FakeResponse ErrorEnvelope(JsonNode code, string msg, string? subCode, string? subMsg)
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

        error["request_id"] = NextRequestId();
        return FakeResponse.Json(new JsonObject { ["error_response"] = error }.ToJsonString(WriteOptions));
    }

    private FakeResponse Success(string method, JsonObject body)
    {
        var copy = (JsonObject)body.DeepClone();
        copy["request_id"] = NextRequestId();
        return FakeResponse.Json(new JsonObject { [ResponseName(method)] = copy }.ToJsonString(WriteOptions));
    }

    private string ResponseName(string method)
    {
        var name = !_options.KeepTaobaoPrefixInResponseName && method.StartsWith("taobao.", StringComparison.Ordinal)
            ? method["taobao.".Length..]
            : method;
        return name.Replace('.', '_') + "_response";
    }

    // TOP request ids are short lower-case alphanumerics; a counter keeps them unique and readable in failures.
    private string NextRequestId() =>
        string.Create(CultureInfo.InvariantCulture, $"fk{Interlocked.Increment(ref _requestCounter):x6}top");

    private FakeTopSeller SellerOrThrowLocked(string nick)
    {
        ArgumentNullException.ThrowIfNull(nick);
        return _sellers.FirstOrDefault(s => s.Nick == nick)
            ?? throw new ArgumentException($"Unknown seller '{nick}'.", nameof(nick));
    }
}
