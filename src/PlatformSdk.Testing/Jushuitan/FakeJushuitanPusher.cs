using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PlatformSdk.Testing.Jushuitan;

/// <summary>
/// The pushing side of Jushuitan's own-mall pushes (RJST-05): it POSTs signed logistics and inventory pushes to a receiver URL,
/// treats anything but the reply <c>{"code":0}</c> (or a transport failure) as failed, keeps a journal of every delivery, and
/// retries a failed push on a schedule read from its <see cref="TimeProvider"/>, at most
/// <see cref="FakeJushuitanPusherOptions.MaxAttempts"/> (10) times. It can send duplicates on purpose. It signs on its own, not
/// with the SDK's signer, so a receiver is checked against the protocol, not against itself:
/// <c>lower_hex(md5(app_secret + name+value of the fields sorted by name, sign and empty values left out))</c>.
/// </summary>
public sealed class FakeJushuitanPusher : IDisposable
{
    /// <summary>The message-type value of a logistics push.</summary>
    public const string LogisticsKind = "logistics";

    /// <summary>The message-type value of an inventory push.</summary>
    public const string InventoryKind = "inventory";

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly FakeJushuitanPusherOptions _options;
    private readonly Uri _receiver;
    private readonly string _secret;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly object _gate = new();
    private readonly List<FakeJushuitanPush> _pushes = [];
    private readonly List<FakeJushuitanPushDelivery> _journal = [];

    /// <summary>Creates the fake pusher.</summary>
    /// <param name="options">Its settings; <see cref="FakeJushuitanPusherOptions.ReceiverUrl"/> and <see cref="FakeJushuitanPusherOptions.AppSecret"/> are required.</param>
    /// <exception cref="ArgumentException">A required setting is missing or out of range.</exception>
    public FakeJushuitanPusher(FakeJushuitanPusherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _receiver = options.ReceiverUrl is { IsAbsoluteUri: true } url ? url : throw new ArgumentException("ReceiverUrl must be an absolute URL.", nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.AppSecret, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        _options = options;
        _secret = options.AppSecret;
        _time = options.TimeProvider ?? TimeProvider.System;
        _http = options.HttpMessageHandler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
    }

    /// <summary>Every delivery so far, in the order they completed.</summary>
    public IReadOnlyList<FakeJushuitanPushDelivery> Journal
    {
        get
        {
            lock (_gate)
            {
                return [.. _journal];
            }
        }
    }

    /// <summary>Every push enqueued, in order.</summary>
    public IReadOnlyList<FakeJushuitanPush> Pushes => InState(null);

    /// <summary>The pushes acknowledged.</summary>
    public IReadOnlyList<FakeJushuitanPush> Acknowledged => InState(FakeJushuitanPushState.Acknowledged);

    /// <summary>The pushes not delivered yet or due for a retry.</summary>
    public IReadOnlyList<FakeJushuitanPush> Pending => InState(FakeJushuitanPushState.Pending);

    /// <summary>The pushes given up after the last attempt.</summary>
    public IReadOnlyList<FakeJushuitanPush> GaveUp => InState(FakeJushuitanPushState.GaveUp);

    /// <summary>Enqueues a logistics (shipment) push of an order with one line.</summary>
    /// <param name="soId">The online order number (<c>so_id</c>).</param>
    /// <param name="waybillNumber">The waybill (<c>l_id</c>).</param>
    /// <param name="carrierCode">The carrier code (<c>lc_id</c>).</param>
    /// <param name="shopId">The shop (<c>shop_id</c>).</param>
    /// <param name="oId">The ERP order id (<c>o_id</c>).</param>
    /// <returns>The push.</returns>
    public FakeJushuitanPush EnqueueLogistics(string soId, string waybillNumber, string carrierCode = "SF", long shopId = 10001, long oId = 9000001)
    {
        ArgumentException.ThrowIfNullOrEmpty(soId);
        ArgumentException.ThrowIfNullOrEmpty(waybillNumber);
        ArgumentException.ThrowIfNullOrEmpty(carrierCode);
        var biz = Json(writer =>
        {
            writer.WriteNumber("shop_id", shopId);
            writer.WriteString("so_id", soId);
            writer.WriteNumber("o_id", oId);
            writer.WriteString("lc_id", carrierCode);
            writer.WriteString("logistics_company", carrierCode == "SF" ? "顺丰速运" : carrierCode);
            writer.WriteString("l_id", waybillNumber);
            writer.WriteString("send_date", China(_time.GetUtcNow()));
            writer.WriteStartArray("items");
            writer.WriteStartObject();
            writer.WriteString("sku_id", "SKU-" + soId);
            writer.WriteNumber("qty", 1);
            writer.WriteString("name", "商品 " + soId);
            writer.WriteString("outer_oi_id", soId + "-1");
            writer.WriteEndObject();
            writer.WriteEndArray();
        });
        return Enqueue(LogisticsKind, biz);
    }

    /// <summary>Enqueues an inventory push.</summary>
    /// <param name="skuId">The SKU (<c>sku_id</c>).</param>
    /// <param name="quantity">The quantity (<c>qty</c>, sent as a number).</param>
    /// <param name="wmsCoId">The warehouse (<c>wms_co_id</c>); none when null.</param>
    /// <param name="lockQuantity">The locked quantity (<c>lock_qty</c>); none when null.</param>
    /// <returns>The push.</returns>
    public FakeJushuitanPush EnqueueInventory(string skuId, int quantity, long? wmsCoId = 10086, int? lockQuantity = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(skuId);
        var biz = Json(writer =>
        {
            writer.WriteString("sku_id", skuId);
            writer.WriteString("i_id", skuId.Split('-')[0]);
            if (wmsCoId is { } wms)
            {
                writer.WriteNumber("wms_co_id", wms);
            }

            writer.WriteNumber("qty", quantity);
            if (lockQuantity is { } locked)
            {
                writer.WriteNumber("lock_qty", locked);
            }

            writer.WriteString("modified", China(_time.GetUtcNow()));
        });
        return Enqueue(InventoryKind, biz);
    }

    /// <summary>Enqueues a push with a <c>biz</c> of your own (sent as is).</summary>
    /// <param name="kind">The message-type value; <see langword="null"/> sends no message-type field.</param>
    /// <param name="biz">The <c>biz</c> text.</param>
    /// <returns>The push.</returns>
    public FakeJushuitanPush Enqueue(string? kind, string biz)
    {
        ArgumentNullException.ThrowIfNull(biz);
        lock (_gate)
        {
            var push = new FakeJushuitanPush(_pushes.Count + 1, kind, biz);
            _pushes.Add(push);
            return push;
        }
    }

    /// <summary>Delivers every push not delivered yet, once, in the order enqueued.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deliveries made.</returns>
    public async Task<IReadOnlyList<FakeJushuitanPushDelivery>> PushAllAsync(CancellationToken cancellationToken = default)
    {
        List<FakeJushuitanPush> plan;
        lock (_gate)
        {
            plan = [.. _pushes.Where(p => p.State == FakeJushuitanPushState.Pending && p.Attempts == 0)];
        }

        var done = new List<FakeJushuitanPushDelivery>();
        foreach (var push in plan)
        {
            done.Add(await DeliverAsync(push, duplicate: false, cancellationToken).ConfigureAwait(false));
        }

        return done;
    }

    /// <summary>Retries every pending push whose retry is due by the fake's clock.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deliveries made (empty when none was due).</returns>
    public async Task<IReadOnlyList<FakeJushuitanPushDelivery>> RetryDueAsync(CancellationToken cancellationToken = default)
    {
        List<FakeJushuitanPush> plan;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            plan = [.. _pushes.Where(p => p.State == FakeJushuitanPushState.Pending && p.Attempts > 0 && p.NextAttemptAt <= now)];
        }

        var done = new List<FakeJushuitanPushDelivery>();
        foreach (var push in plan)
        {
            done.Add(await DeliverAsync(push, duplicate: false, cancellationToken).ConfigureAwait(false));
        }

        return done;
    }

    /// <summary>The time of the earliest retry due, or <see langword="null"/> when nothing is pending a retry.</summary>
    public DateTimeOffset? NextRetryAt
    {
        get
        {
            lock (_gate)
            {
                return _pushes.Where(p => p.State == FakeJushuitanPushState.Pending && p.NextAttemptAt is not null).Min(p => p.NextAttemptAt);
            }
        }
    }

    /// <summary>Delivers a push once more whatever its state, as Jushuitan does when an acknowledgement it was sent got lost.</summary>
    /// <param name="push">A push of this fake.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The delivery.</returns>
    public Task<FakeJushuitanPushDelivery> PushDuplicateAsync(FakeJushuitanPush push, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(push);
        return DeliverAsync(push, duplicate: true, cancellationToken);
    }

    /// <summary>The fields of a push as the fake sends them now (signed), for tests that send by hand or tamper with them.</summary>
    /// <param name="push">A push of this fake.</param>
    /// <returns>The fields, <c>sign</c> last.</returns>
    public IReadOnlyList<KeyValuePair<string, string>> SignedFields(FakeJushuitanPush push)
    {
        ArgumentNullException.ThrowIfNull(push);
        return Fields(push);
    }

    /// <summary>
    /// The open API sign, written independently of the SDK: <c>lower_hex(md5(secret + name+value of the fields sorted by name
    /// in ordinal order, <c>sign</c> and empty values left out))</c>, UTF-8.
    /// </summary>
    /// <param name="secret">The app secret.</param>
    /// <param name="fields">The fields.</param>
    /// <returns>32 lowercase hex characters.</returns>
    public static string Sign(string secret, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(fields);
        var text = new StringBuilder(secret);
        foreach (var (name, value) in fields.Where(p => p.Key != "sign" && !string.IsNullOrEmpty(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(value);
        }

#pragma warning disable CA5351 // Jushuitan's protocol mandates MD5; it authenticates the push, it protects no data.
        return Convert.ToHexString(MD5.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
#pragma warning restore CA5351
    }

    /// <summary>Form-encodes fields (UTF-8, <c>%20</c> for spaces).</summary>
    /// <param name="fields">The fields.</param>
    /// <returns>The <c>name=value&amp;…</c> text.</returns>
    public static string FormEncode(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return string.Join('&', fields.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <inheritdoc />
    public override string ToString()
    {
        lock (_gate)
        {
            return $"FakeJushuitanPusher({_pushes.Count} pushes, {_journal.Count} deliveries)" + Environment.NewLine
                + string.Join(Environment.NewLine, _journal.Select(d => "  " + d));
        }
    }

    private List<KeyValuePair<string, string>> Fields(FakeJushuitanPush push)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("app_key", _options.AppKey),
            new("timestamp", _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new("charset", "utf-8"),
        };
        if (_options.KindField is { Length: > 0 } kindField && push.Kind is { } kind)
        {
            fields.Add(new(kindField, kind));
        }

        fields.Add(new("biz", push.Biz));
        fields.Add(new("sign", Sign(_secret, fields)));
        return fields;
    }

    private async Task<FakeJushuitanPushDelivery> DeliverAsync(FakeJushuitanPush push, bool duplicate, CancellationToken cancellationToken)
    {
        int attempt;
        List<KeyValuePair<string, string>> fields;
        lock (_gate)
        {
            attempt = duplicate ? push.Attempts : ++push.Attempts;
            fields = !_options.ResignRetries && push.FirstFields is { } first ? first : Fields(push);
            push.FirstFields ??= fields;
        }

        var sentAt = _time.GetUtcNow();
        int? status = null;
        string? replyBody = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _receiver);
            switch (_options.Encoding)
            {
                case FakeJushuitanPushEncoding.Query:
                    request.RequestUri = new UriBuilder(_receiver) { Query = FormEncode(fields) }.Uri;
                    request.Content = new ByteArrayContent([]);
                    break;
                case FakeJushuitanPushEncoding.Json:
                    request.Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Json(w =>
                    {
                        foreach (var (name, value) in fields)
                        {
                            w.WriteString(name, value);
                        }
                    })));
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    break;
                default:
                    request.Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(FormEncode(fields)));
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
                    break;
            }

            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            replyBody = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            error = IsSuccessReply(replyBody) ? null : "reply is not {\"code\":0}: " + (replyBody.Length > 200 ? replyBody[..200] : replyBody);
        }
        catch (HttpRequestException ex)
        {
            error = "transport: " + ex.Message;
        }

        var delivery = new FakeJushuitanPushDelivery
        {
            Push = push, Attempt = attempt, IsDuplicate = duplicate, SentAt = sentAt, StatusCode = status, ReplyBody = replyBody, Acknowledged = error is null, Error = error,
        };
        lock (_gate)
        {
            _journal.Add(delivery);
            if (push.State == FakeJushuitanPushState.Acknowledged || error is null)
            {
                push.State = FakeJushuitanPushState.Acknowledged;
                push.NextAttemptAt = null;
            }
            else if (!duplicate)
            {
                push.State = push.Attempts >= _options.MaxAttempts ? FakeJushuitanPushState.GaveUp : FakeJushuitanPushState.Pending;
                push.NextAttemptAt = push.State == FakeJushuitanPushState.Pending ? sentAt + _options.RetryDelay * Math.Pow(2, push.Attempts - 1) : null;
            }
        }

        return delivery;
    }

    // The one success reply is {"code":0}; whitespace aside, anything else (another code, a msg, HTML, nothing) is a failure.
    private static bool IsSuccessReply(string body)
        => string.Equals(string.Concat(body.Where(c => !char.IsWhiteSpace(c))), "{\"code\":0}", StringComparison.Ordinal);

    private IReadOnlyList<FakeJushuitanPush> InState(FakeJushuitanPushState? state)
    {
        lock (_gate)
        {
            return [.. _pushes.Where(p => state is null || p.State == state)];
        }
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string China(DateTimeOffset at) => at.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
