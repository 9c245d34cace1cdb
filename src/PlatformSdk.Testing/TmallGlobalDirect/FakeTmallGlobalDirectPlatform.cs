using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PlatformSdk.Testing.TmallGlobalDirect;

/// <summary>
/// The pushing side of Tmall Global direct supply, as the ERP sees it through Qimen: it POSTs signed ASCP pushes
/// (<c>qimen.alibaba.ascp.uop.consignorder.notify</c>, <c>…consignorder.cancel</c>, <c>…reverseorder.instorage.notify</c>) to a
/// receiver URL, reads the <c>&lt;response&gt;</c> reply, keeps a journal of every delivery, and redelivers what was not
/// acknowledged (<c>success=false, retry=true</c>, a non-200 status, an unreadable reply or a transport failure) on a schedule
/// read from its <see cref="TimeProvider"/> (by hand, or streaming with <see cref="RunAsync"/>), at most <see cref="FakeTmallGlobalDirectPlatformOptions.MaxAttempts"/> times. It can
/// send duplicates and shuffle the order, both seeded. It signs on its own (not with the SDK's signer), so a receiver is checked
/// against the protocol, not against itself: <c>UPPER_HEX(MD5(secret + sorted name+value pairs + body + secret))</c>.
/// </summary>
public sealed class FakeTmallGlobalDirectPlatform : IDisposable
{
    /// <summary>The Qimen method of a fulfilment order push.</summary>
    public const string ConsignOrderNotifyMethod = "qimen.alibaba.ascp.uop.consignorder.notify";

    /// <summary>The Qimen method of a cancel (intercept) push.</summary>
    public const string ConsignOrderCancelMethod = "qimen.alibaba.ascp.uop.consignorder.cancel";

    /// <summary>The Qimen method of a return order push.</summary>
    public const string ReverseOrderInStorageNotifyMethod = "qimen.alibaba.ascp.uop.reverseorder.instorage.notify";

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly FakeTmallGlobalDirectPlatformOptions _options;
    private readonly Uri _receiver;
    private readonly string _secret;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly Random _random;
    private readonly object _gate = new();
    private readonly List<FakeTmallGlobalDirectPush> _pushes = [];
    private readonly List<FakeTmallGlobalDirectDelivery> _journal = [];

    /// <summary>Creates the fake platform.</summary>
    /// <param name="options">Its settings; <see cref="FakeTmallGlobalDirectPlatformOptions.ReceiverUrl"/> and <see cref="FakeTmallGlobalDirectPlatformOptions.AppSecret"/> are required.</param>
    /// <exception cref="ArgumentException">A required setting is missing or out of range.</exception>
    public FakeTmallGlobalDirectPlatform(FakeTmallGlobalDirectPlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _receiver = options.ReceiverUrl is { IsAbsoluteUri: true } url ? url : throw new ArgumentException("ReceiverUrl must be an absolute URL.", nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.AppSecret, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        if (options.DuplicateRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DuplicateRate, "DuplicateRate is a share between 0 and 1.");
        }

        if (options.MaxRedeliveryDelay is { } cap && cap < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), cap, "MaxRedeliveryDelay cannot be negative.");
        }

        if (options.DeliveryTimeout <= TimeSpan.Zero && options.DeliveryTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DeliveryTimeout, "DeliveryTimeout must be positive (or infinite).");
        }

        _options = options;
        _secret = options.AppSecret;
        _time = options.TimeProvider ?? TimeProvider.System;
        _random = new Random(options.Seed);
        _http = options.HttpMessageHandler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
        _http.Timeout = options.DeliveryTimeout;
    }

    /// <summary>Every delivery so far, in the order they completed.</summary>
    public IReadOnlyList<FakeTmallGlobalDirectDelivery> Journal
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
    public IReadOnlyList<FakeTmallGlobalDirectPush> Pushes => InState(null);

    /// <summary>The pushes acknowledged.</summary>
    public IReadOnlyList<FakeTmallGlobalDirectPush> Acknowledged => InState(FakeTmallGlobalDirectPushState.Acknowledged);

    /// <summary>The pushes not delivered yet or due for redelivery.</summary>
    public IReadOnlyList<FakeTmallGlobalDirectPush> Pending => InState(FakeTmallGlobalDirectPushState.Pending);

    /// <summary>The pushes refused with <c>retry=false</c>.</summary>
    public IReadOnlyList<FakeTmallGlobalDirectPush> Refused => InState(FakeTmallGlobalDirectPushState.Refused);

    /// <summary>The pushes given up after the last attempt.</summary>
    public IReadOnlyList<FakeTmallGlobalDirectPush> GaveUp => InState(FakeTmallGlobalDirectPushState.GaveUp);

    /// <summary>Enqueues a fulfilment order push (<c>consignorder.notify</c>) with realistic fields.</summary>
    /// <param name="bizOrderCode">The fulfilment order code.</param>
    /// <param name="lines">The lines; one line of two pieces when none is given.</param>
    /// <returns>The push.</returns>
    public FakeTmallGlobalDirectPush EnqueueOrder(string bizOrderCode, params FakeTmallGlobalDirectLine[] lines)
    {
        ArgumentException.ThrowIfNullOrEmpty(bizOrderCode);
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Length == 0)
        {
            lines = [new FakeTmallGlobalDirectLine("SC-" + bizOrderCode, 2, 25800)];
        }

        var created = China(_time.GetUtcNow());
        var items = lines.Select((line, i) => new XElement("orderItem",
            new XElement("subOrderCode", bizOrderCode + "-" + (i + 1).ToString(CultureInfo.InvariantCulture)),
            new XElement("scItemId", line.ScItemId),
            new XElement("outerId", "SKU-" + line.ScItemId),
            new XElement("barCode", (6900000000000L + i).ToString(CultureInfo.InvariantCulture)),
            new XElement("quantity", line.Quantity),
            new XElement("scItemName", "商品 " + line.ScItemId),
            new XElement("itemAmount", line.ItemAmountFen),
            new XElement("tradeOrerId", "T" + bizOrderCode),
            new XElement("subTradeOrderId", "T" + bizOrderCode + "-" + (i + 1).ToString(CultureInfo.InvariantCulture))));
        var body = new XElement("request",
            new XElement("supplierId", _options.SupplierId),
            new XElement("supplierName", "测试供应商"),
            new XElement("bizOrderCode", bizOrderCode),
            new XElement("bizType", 1),
            new XElement("orderSource", 201),
            new XElement("businessModel", 0),
            new XElement("sellerId", "2206000001"),
            new XElement("sellerNick", "天猫国际直营"),
            new XElement("orderCreateTime", created),
            new XElement("postFee", 1000),
            new XElement("sourcePlatformCode", "TMGJZY"),
            new XElement("itemsValue", lines.Sum(l => l.ItemAmountFen)),
            new XElement("storeCode", "STORE-1"),
            new XElement("receiverInfo",
                new XElement("receiverZipCode", "310000"), new XElement("receiverCountry", "中国"), new XElement("receiverProvince", "浙江省"),
                new XElement("receiverCity", "杭州市"), new XElement("receiverArea", "余杭区"), new XElement("receiverName", "张三"),
                new XElement("receiverMobile", "13800000000"), new XElement("receiverAddress", "文一西路 969 号")),
            new XElement("orderItems", items));
        return Enqueue(ConsignOrderNotifyMethod, bizOrderCode, body);
    }

    /// <summary>Enqueues a cancel push (<c>consignorder.cancel</c>).</summary>
    /// <param name="bizOrderCode">The fulfilment order to cancel.</param>
    /// <param name="refundStatus">1: the consumer asked to cancel; 9: asked and the refund is agreed.</param>
    /// <returns>The push.</returns>
    public FakeTmallGlobalDirectPush EnqueueCancel(string bizOrderCode, int refundStatus = 9)
    {
        ArgumentException.ThrowIfNullOrEmpty(bizOrderCode);
        var body = new XElement("request",
            new XElement("supplierId", _options.SupplierId),
            new XElement("supplierName", "测试供应商"),
            new XElement("bizOrderCode", bizOrderCode),
            new XElement("bizTime", China(_time.GetUtcNow())),
            new XElement("refundStatus", refundStatus),
            new XElement("businessModel", 0),
            new XElement("sourcePlatformCode", "TMGJZY"));
        return Enqueue(ConsignOrderCancelMethod, bizOrderCode, body);
    }

    /// <summary>Enqueues a return order push (<c>reverseorder.instorage.notify</c>).</summary>
    /// <param name="reverseOrderCode">The return order code (its <c>bizOrderCode</c>).</param>
    /// <param name="forwardOrderCode">The fulfilment order returned.</param>
    /// <param name="quantity">The pieces returned.</param>
    /// <returns>The push.</returns>
    public FakeTmallGlobalDirectPush EnqueueReturn(string reverseOrderCode, string forwardOrderCode, int quantity = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(reverseOrderCode);
        ArgumentException.ThrowIfNullOrEmpty(forwardOrderCode);
        var body = new XElement("request",
            new XElement("supplierId", _options.SupplierId),
            new XElement("supplierName", "测试供应商"),
            new XElement("bizOrderCode", reverseOrderCode),
            new XElement("forwardOrderCode", forwardOrderCode),
            new XElement("businessModel", 0),
            new XElement("outBizId", "OB-" + reverseOrderCode),
            new XElement("tmsServiceCode", "YTO"),
            new XElement("tmsOrderCode", "YT" + reverseOrderCode),
            new XElement("sourcePlatformCode", "TMGJZY"),
            new XElement("storeCode", "STORE-1"),
            new XElement("receiverInfo", new XElement("receiverProvince", "浙江省"), new XElement("receiverCity", "杭州市"), new XElement("receiverName", "仓库")),
            new XElement("senderInfo", new XElement("senderProvince", "上海"), new XElement("senderCity", "上海市"), new XElement("senderName", "张三")),
            new XElement("orderItems", new XElement("orderItem",
                new XElement("subOrderCode", forwardOrderCode + "-1"),
                new XElement("scItemId", "SC-" + forwardOrderCode),
                new XElement("refundId", "RF-" + reverseOrderCode),
                new XElement("planReturnQuantity", quantity),
                new XElement("erpOrderLine", "L1"),
                new XElement("refundReason", "不想要了"))));
        return Enqueue(ReverseOrderInStorageNotifyMethod, reverseOrderCode, body);
    }

    /// <summary>Enqueues a push with a body of your own (sent as is, UTF-8).</summary>
    /// <param name="method">The Qimen <c>method</c>.</param>
    /// <param name="bizOrderCode">The order code it concerns (for the journal).</param>
    /// <param name="body">The body.</param>
    /// <returns>The push.</returns>
    public FakeTmallGlobalDirectPush Enqueue(string method, string bizOrderCode, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(bizOrderCode);
        ArgumentNullException.ThrowIfNull(body);
        lock (_gate)
        {
            var push = new FakeTmallGlobalDirectPush(_pushes.Count + 1, method, bizOrderCode, body);
            _pushes.Add(push);
            return push;
        }
    }

    /// <summary>
    /// Delivers every push not delivered yet, once, plus a duplicate of a share of them
    /// (<see cref="FakeTmallGlobalDirectPlatformOptions.DuplicateRate"/>), in the order enqueued or shuffled
    /// (<see cref="FakeTmallGlobalDirectPlatformOptions.OutOfOrder"/>), with up to <paramref name="concurrency"/> in flight.
    /// </summary>
    /// <param name="concurrency">How many deliveries run at once; at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deliveries made.</returns>
    public async Task<IReadOnlyList<FakeTmallGlobalDirectDelivery>> PushAllAsync(int concurrency = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        List<(FakeTmallGlobalDirectPush Push, bool Duplicate)> plan;
        lock (_gate)
        {
            // The plan is drawn from the seed before anything is sent, so it does not depend on how the deliveries interleave.
            plan = [];
            foreach (var push in _pushes.Where(p => p.State == FakeTmallGlobalDirectPushState.Pending && p.Attempts == 0))
            {
                plan.Add((push, false));
                if (_options.DuplicateRate > 0 && _random.NextDouble() < _options.DuplicateRate)
                {
                    plan.Add((push, true));
                }
            }

            if (_options.OutOfOrder)
            {
                var shuffled = plan.ToArray();
                _random.Shuffle(shuffled);
                plan = [.. shuffled];
            }
        }

        return await DeliverAllAsync(plan, concurrency, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivers again every pending push whose redelivery is due by the fake's clock.</summary>
    /// <param name="concurrency">How many deliveries run at once; at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deliveries made (empty when none was due).</returns>
    public async Task<IReadOnlyList<FakeTmallGlobalDirectDelivery>> RedeliverPendingAsync(int concurrency = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        List<(FakeTmallGlobalDirectPush, bool)> plan;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            plan = [.. _pushes.Where(p => p.State == FakeTmallGlobalDirectPushState.Pending && p.Attempts > 0 && p.NextAttemptAt <= now).Select(p => (p, false))];
        }

        return await DeliverAllAsync(plan, concurrency, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivers a push once more whatever its state, as the platform does when it did not get an acknowledgement that was sent.</summary>
    /// <param name="push">A push of this fake.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The delivery.</returns>
    public Task<FakeTmallGlobalDirectDelivery> PushDuplicateAsync(FakeTmallGlobalDirectPush push, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(push);
        return DeliverAsync(push, duplicate: true, cancellationToken);
    }

    /// <summary>
    /// Streams until <paramref name="cancellationToken"/> is cancelled, as the platform's push queue does: every round delivers the
    /// pushes enqueued since the last one (as <see cref="PushAllAsync"/>, duplicates and order included) and the redeliveries that
    /// are due (as <see cref="RedeliverPendingAsync"/>), then waits <paramref name="pollInterval"/> on the fake's clock. Pushes may
    /// be enqueued from another thread while it runs. Returns (without throwing) once cancelled; a delivery in flight then is
    /// journalled as not acknowledged and delivered again by a later run.
    /// </summary>
    /// <param name="concurrency">How many deliveries run at once; at least 1.</param>
    /// <param name="pollInterval">The wait between rounds; positive.</param>
    /// <param name="cancellationToken">Stops the stream (without it, the stream runs until the process ends).</param>
    /// <returns>A task that completes once the stream stopped.</returns>
    public async Task RunAsync(int concurrency, TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await PushAllAsync(concurrency, cancellationToken).ConfigureAwait(false);
                await RedeliverPendingAsync(concurrency, cancellationToken).ConfigureAwait(false);
                await Task.Delay(pollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The Qimen signature: <c>UPPER_HEX(MD5(secret + name+value of the parameters sorted by name, sign and empty values left out, + body + secret))</c>.</summary>
    /// <param name="secret">The app secret.</param>
    /// <param name="parameters">The query parameters.</param>
    /// <param name="body">The body.</param>
    /// <returns>The signature.</returns>
    public static string Sign(string secret, IEnumerable<KeyValuePair<string, string>> parameters, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(body);
        var text = new StringBuilder(secret);
        foreach (var (name, value) in parameters.Where(p => p.Key != "sign" && !string.IsNullOrEmpty(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(value);
        }

        text.Append(body).Append(secret);
#pragma warning disable CA5351 // Qimen's protocol mandates MD5; it authenticates the push, it protects no data.
        return Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text.ToString())));
#pragma warning restore CA5351
    }

    /// <summary>Parses a receiver's reply <c>&lt;response&gt;&lt;success/&gt;&lt;errorCode/&gt;&lt;errorMsg/&gt;&lt;retry/&gt;&lt;/response&gt;</c>.</summary>
    /// <param name="body">The reply body.</param>
    /// <returns>The reply, or <see langword="null"/> when it is not one.</returns>
    public static FakeTmallGlobalDirectReply? ParseReply(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var root = XElement.Load(reader);
            if (root.Name.LocalName != "response" || root.Element("success")?.Value is not { } success)
            {
                return null;
            }

            return new FakeTmallGlobalDirectReply(
                string.Equals(success.Trim(), "true", StringComparison.OrdinalIgnoreCase),
                root.Element("errorCode")?.Value ?? string.Empty,
                root.Element("errorMsg")?.Value ?? string.Empty,
                string.Equals(root.Element("retry")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase));
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <inheritdoc />
    public override string ToString()
    {
        lock (_gate)
        {
            return $"FakeTmallGlobalDirectPlatform(seed {_options.Seed}, {_pushes.Count} pushes, {_journal.Count} deliveries)" + Environment.NewLine
                + string.Join(Environment.NewLine, _journal.Select(d => "  " + d));
        }
    }

    private FakeTmallGlobalDirectPush Enqueue(string method, string bizOrderCode, XElement body)
        => Enqueue(method, bizOrderCode, "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + body.ToString(SaveOptions.DisableFormatting));

    private async Task<IReadOnlyList<FakeTmallGlobalDirectDelivery>> DeliverAllAsync(List<(FakeTmallGlobalDirectPush Push, bool Duplicate)> plan, int concurrency, CancellationToken cancellationToken)
    {
        var done = new FakeTmallGlobalDirectDelivery[plan.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) => done[i] = await DeliverAsync(plan[i].Push, plan[i].Duplicate, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return done;
    }

    private async Task<FakeTmallGlobalDirectDelivery> DeliverAsync(FakeTmallGlobalDirectPush push, bool duplicate, CancellationToken cancellationToken)
    {
        int attempt;
        lock (_gate)
        {
            attempt = duplicate ? push.Attempts : ++push.Attempts;
            if (!duplicate)
            {
                // Not due while in flight: a concurrent redelivery round must not send the same attempt twice.
                push.NextAttemptAt = null;
            }
        }

        var sentAt = _time.GetUtcNow();
        var query = new List<KeyValuePair<string, string>>
        {
            new("method", push.Method),
            new("timestamp", China(sentAt)),
            new("format", "xml"),
            new("app_key", _options.AppKey),
            new("v", "2.0"),
            new("sign_method", "md5"),
            new("customerId", _options.CustomerId),
        };
        query.Add(new("sign", Sign(_secret, query, push.Body)));
        var uri = new UriBuilder(_receiver) { Query = string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))) }.Uri;

        int? status = null;
        FakeTmallGlobalDirectReply? reply = null;
        string? error = null;
        try
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(push.Body));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
            using var response = await _http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            reply = status == 200 ? ParseReply(text) : null;
            error = reply is null ? "not a <response> reply" : null;
        }
        catch (HttpRequestException ex)
        {
            error = "transport: " + ex.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation: for the platform that is a delivery without an answer.
            error = "transport: no reply within " + _options.DeliveryTimeout.ToString("c", CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the caller mid-delivery: journalled as not acknowledged, so the push stays due and nothing is lost.
            error = "transport: cancelled by the caller";
        }

        var delivery = new FakeTmallGlobalDirectDelivery
        {
            Push = push, Attempt = attempt, IsDuplicate = duplicate, SentAt = sentAt, RequestUri = uri, StatusCode = status, Reply = reply, Error = error,
        };
        lock (_gate)
        {
            _journal.Add(delivery);
            push.LastReply = reply ?? push.LastReply;
            if (push.State == FakeTmallGlobalDirectPushState.Acknowledged || reply?.Success == true)
            {
                push.State = FakeTmallGlobalDirectPushState.Acknowledged;
                push.NextAttemptAt = null;
            }
            else if (reply is { Retry: false })
            {
                push.State = FakeTmallGlobalDirectPushState.Refused;
                push.NextAttemptAt = null;
            }
            else if (!duplicate)
            {
                // Backoff doubles per failed attempt, as a platform queue spreads out redeliveries to a receiver that is down.
                push.State = push.Attempts >= _options.MaxAttempts ? FakeTmallGlobalDirectPushState.GaveUp : FakeTmallGlobalDirectPushState.Pending;
                // In doubles and bounded (by the cap, else a year): with a large MaxAttempts, doubling would overflow TimeSpan.
                var ceiling = _options.MaxRedeliveryDelay ?? TimeSpan.FromDays(365);
                var delay = TimeSpan.FromTicks((long)Math.Min(_options.RedeliveryDelay.Ticks * Math.Pow(2, Math.Min(push.Attempts - 1, 62)), ceiling.Ticks));

                push.NextAttemptAt = push.State == FakeTmallGlobalDirectPushState.Pending ? sentAt + delay : null;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return delivery;
    }

    private IReadOnlyList<FakeTmallGlobalDirectPush> InState(FakeTmallGlobalDirectPushState? state)
    {
        lock (_gate)
        {
            return [.. _pushes.Where(p => state is null || p.State == state)];
        }
    }

    private static string China(DateTimeOffset at) => at.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
