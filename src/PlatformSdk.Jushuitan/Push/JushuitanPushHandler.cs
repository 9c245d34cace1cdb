using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PlatformSdk.Errors;
using PlatformSdk.Inbox;
using PlatformSdk.Jushuitan.Errors;
using PlatformSdk.Jushuitan.Signing;
using R = PlatformSdk.Jushuitan.Protocol.JushuitanWireChoices;

namespace PlatformSdk.Jushuitan.Push;

/// <summary>
/// Receives Jushuitan's own-mall pushes (logistics and inventory; RJST-05), framework-neutral. In order: refuse an oversized body
/// or another verb; read the fields (form, query string or a JSON object); check <c>app_key</c>, the open API sign over every
/// field but <c>sign</c> with the app secret, and the timestamp window; read the kind and <c>biz</c>; store the push in the
/// <see cref="IPushInbox"/>; only then answer <c>{"code":0}</c>. A redelivery (Jushuitan retries a failed push up to 10 times) is
/// answered <c>{"code":0}</c> without a second copy. What is authentic but cannot be read goes to the dead letters and is
/// acknowledged: it is kept, and a failure would only repeat the same bytes into the same failure.
/// </summary>
public class JushuitanPushHandler
{
    private readonly JushuitanPushReceiverOptions _options = new();
    private readonly IPushInbox? _inbox;
    private readonly string _secret = string.Empty;
    private readonly TimeProvider _time = TimeProvider.System;

    /// <summary>Creates a handler.</summary>
    /// <param name="options">The receiver's settings; <see cref="JushuitanPushReceiverOptions.AppKey"/> and <see cref="JushuitanPushReceiverOptions.AppSecret"/> are required.</param>
    /// <param name="inbox">Where pushes are stored before they are acknowledged.</param>
    /// <param name="timeProvider">The clock (timestamp window, receive time); <see cref="TimeProvider.System"/> when null.</param>
    public JushuitanPushHandler(JushuitanPushReceiverOptions options, IPushInbox inbox, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentException.ThrowIfNullOrEmpty(options.AppKey, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.AppSecret, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TimestampTolerance, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPushBodyBytes, 1, nameof(options));
        _options = options;
        _inbox = inbox;
        _secret = options.AppSecret;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>For mocking.</summary>
    protected JushuitanPushHandler()
    {
    }

    /// <summary>Handles one push and returns the reply to send. Never throws for bad input; only cancellation escapes.</summary>
    /// <param name="request">The push as received.</param>
    /// <param name="cancellationToken">Cancels the call (Jushuitan then redelivers; a store already done is recognised).</param>
    /// <returns>The reply.</returns>
    public virtual async ValueTask<JushuitanPushReply> HandleAsync(JushuitanPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inbox = _inbox ?? throw new InvalidOperationException("The handler was created for mocking and has no inbox.");

        // The size is checked before anything reads the body, so a huge push costs no decoding or hashing.
        var size = request.Body.Length + (request.QueryString?.Length ?? 0);
        if (size > _options.MaxPushBodyBytes)
        {
            return Reject(R.PushBodyTooLargeCode, "body too large", $"The push has {size} bytes, more than {_options.MaxPushBodyBytes}.");
        }

        if (!string.Equals(request.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return Reject(R.PushInvalidRequestCode, "only POST is accepted", $"The verb is {JushuitanPushParser.Shorten(request.HttpMethod ?? string.Empty)}.");
        }

        PushFields fields;
        try
        {
            fields = JushuitanPushParser.ReadFields(request.QueryString, request.Body, request.ContentType);
        }
        catch (PlatformException ex)
        {
            return Reject(R.PushInvalidRequestCode, "invalid request", ex.Error.Message);
        }

        if (Verify(fields) is { } refused)
        {
            return refused;
        }

        // Authentic from here on: whatever cannot be read is kept, never dropped.
        string? kind;
        string declared;
        JushuitanPushMessage? message;
        try
        {
            (kind, declared) = JushuitanPushParser.ResolveKind(fields.Values);
            message = kind is null ? null : ParseMessage(kind, fields.Values);
        }
        catch (PlatformException ex)
        {
            return await DeadLetterAsync(inbox, fields, KindFieldValue(fields), ex.Error.Message, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // An override's parser may throw anything; the push is still kept and acknowledged, never dropped with a 500.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return await DeadLetterAsync(inbox, fields, KindFieldValue(fields), "The biz cannot be read (" + ex.GetType().Name + ").", cancellationToken).ConfigureAwait(false);
        }

        if (message is null)
        {
            var shown = declared.Length > 0 ? declared : "(none)";
            return await DeadLetterAsync(inbox, fields, shown,
                $"The push kind '{JushuitanPushParser.Shorten(shown)}' is not handled (no known message type, and biz is neither logistics nor inventory).", cancellationToken).ConfigureAwait(false);
        }

        var stored = await inbox.TryStoreAsync(Push(fields, message.Kind, DeduplicationKey(message), message), cancellationToken).ConfigureAwait(false);
        if (!stored.IsStored)
        {
            return InboxFailed(stored.Failure!);
        }

        return JushuitanPushReply.Create(0, string.Empty, stored.Result.IsDuplicate ? JushuitanPushOutcome.Duplicate : JushuitanPushOutcome.Stored, stored.Result.MessageId, message.Kind);
    }

    /// <summary>
    /// Parses a push. The default reads <see cref="JushuitanPushKinds.Logistics"/> and <see cref="JushuitanPushKinds.Inventory"/> and
    /// returns <see langword="null"/> for any other kind, which sends the push to the dead letters. Override to read more: return
    /// your own <see cref="JushuitanPushMessage"/> subclass (and override <see cref="DeduplicationKey"/> for it), throw a
    /// <see cref="PlatformException"/> for a push you cannot read, and call the base for the rest.
    /// </summary>
    /// <param name="kind">The kind: from the message-type field, or inferred from <c>biz</c>.</param>
    /// <param name="fields">Every field of the push but <c>sign</c> (<c>biz</c> as the JSON string sent).</param>
    /// <returns>The message, or <see langword="null"/> for a kind not handled.</returns>
    protected virtual JushuitanPushMessage? ParseMessage(string kind, IReadOnlyDictionary<string, string> fields)
        => JushuitanPushParser.Parse(kind, fields);

    /// <summary>
    /// Reads a push the handler stored back into its typed message, for the ERP draining the inbox: the same parse as on receipt,
    /// over the stored bytes.
    /// </summary>
    /// <param name="message">A message from <see cref="IPushInbox.LeaseAsync"/> (or a dead letter) this handler stored.</param>
    /// <returns>The typed push.</returns>
    /// <exception cref="PlatformException">The stored push is not one this handler reads (its kind is not handled, or its biz cannot be parsed).</exception>
    public virtual JushuitanPushMessage ReadStoredMessage(InboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var push = message.Push;
        var fields = JushuitanPushParser.ReadFields(null, push.Body, push.ContentType).Values;
        foreach (var name in new[] { "app_key", "timestamp" })
        {
            if (push.Attributes?.GetValueOrDefault(name) is { } value)
            {
                fields.TryAdd(name, value);
            }
        }

        return ParseMessage(push.Kind, fields)
            ?? throw new PlatformException(new PlatformError(JushuitanErrorCatalogue.Platform, JushuitanPushErrorCodes.UnknownKind,
                $"The stored push {message.MessageId} has kind '{JushuitanPushParser.Shorten(push.Kind)}', which this handler does not read.",
                ErrorCategory.Configuration, "Read it with the handler (or override) that stored it, or replay it once its kind is handled."));
    }

    /// <summary>
    /// What makes a redelivery the same push (RJST-05): for logistics the kind, shop, <c>so_id</c>, <c>o_id</c> and waybill (a second
    /// parcel of one order has its own waybill, so it is a message of its own); for inventory the kind, warehouse, SKU, change time and
    /// quantity (a second change within one second is kept unless it reports the same quantity, which changes nothing). Without a change
    /// time the hash of <c>biz</c> stands in for it.
    /// </summary>
    /// <param name="message">The parsed push.</param>
    /// <returns>The key.</returns>
    protected virtual string DeduplicationKey(JushuitanPushMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message switch
        {
            JushuitanLogisticsPush l => string.Join('|', l.Kind, Num(l.ShopId), l.SoId, Num(l.OId), l.WaybillNumber),
            JushuitanInventoryPush i => string.Join('|', i.Kind, i.WarehouseId, i.SkuId,
                R.PushModifiedFields.Select(n => i.Fields.GetValueOrDefault(n)).FirstOrDefault(v => !string.IsNullOrEmpty(v))
                    ?? "biz:" + JushuitanPushParser.Sha256(Encoding.UTF8.GetBytes(i.Biz)),
                i.Quantity.ToString(CultureInfo.InvariantCulture)),
            _ => message.Kind + "|biz:" + JushuitanPushParser.Sha256(Encoding.UTF8.GetBytes(message.Biz)),
        };
    }

    private static string Num(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private JushuitanPushReply? Verify(PushFields fields)
    {
        var appKey = fields.Get("app_key");
        if (string.IsNullOrEmpty(appKey) || !string.Equals(appKey, _options.AppKey, StringComparison.Ordinal))
        {
            return Reject(R.PushAppKeyMismatchCode, "app_key mismatch",
                string.IsNullOrEmpty(appKey) ? "The push has no app_key." : $"The push's app_key '{JushuitanPushParser.Shorten(appKey)}' is not this receiver's.");
        }

        var sign = fields.Get("sign");
        if (string.IsNullOrEmpty(sign))
        {
            return Reject(R.PushSignFailureCode, "sign error", "The push has no sign.");
        }

        var expected = JushuitanSignature.OpenApi(_secret, fields.Values.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.UTF8.GetBytes(sign.ToLowerInvariant())))
        {
            // Neither the expected value nor the canonical string is shown: with the fields they would help forge the next one.
            return Reject(R.PushSignFailureCode, "sign error", "The push's sign does not match the open API sign over its fields with this app's secret.");
        }

        var timestamp = fields.Get("timestamp");
        if (!JushuitanPushParser.TryTimestamp(timestamp, out var at))
        {
            return Reject(R.PushStaleTimestampCode, "invalid timestamp", $"The push's timestamp '{JushuitanPushParser.Shorten(timestamp ?? "(none)")}' is not Unix seconds.");
        }

        var skew = (_time.GetUtcNow() - at).Duration();
        return skew > _options.TimestampTolerance
            ? Reject(R.PushStaleTimestampCode, "timestamp out of window",
                string.Create(CultureInfo.InvariantCulture, $"The push's timestamp is {skew.TotalSeconds:0} s from now; at most {_options.TimestampTolerance.TotalSeconds:0} s are accepted."))
            : null;
    }

    private static string KindFieldValue(PushFields fields)
        => R.PushKindFields.Select(fields.Get).FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "(none)";

    private static JushuitanPushReply Reject(int code, string message, string detail)
        => JushuitanPushReply.Create(code, message, JushuitanPushOutcome.Rejected, detail: detail);

    // Non-zero: nothing is known to be stored, and Jushuitan's redelivery is the only copy left.
    private static JushuitanPushReply InboxFailed(Exception ex)
        => JushuitanPushReply.Create(R.PushInboxUnavailableCode, "temporarily unavailable, please retry", JushuitanPushOutcome.InboxFailed,
            detail: "The inbox failed: " + ex.GetType().Name);

    private async ValueTask<JushuitanPushReply> DeadLetterAsync(IPushInbox inbox, PushFields fields, string kind, string reason, CancellationToken cancellationToken)
    {
        var key = PushInboxStorage.DeadLetterKey(kind, fields.BizCarrier.Span);
        var stored = await inbox.TryDeadLetterAsync(Push(fields, kind, key, null), reason, cancellationToken).ConfigureAwait(false);
        if (!stored.IsStored)
        {
            return InboxFailed(stored.Failure!);
        }

        // Acknowledged (JushuitanWireChoices.PushAcknowledgeDeadLetters): the push is kept here and replayed once the cause is fixed.
        return R.PushAcknowledgeDeadLetters
            ? JushuitanPushReply.Create(0, string.Empty, JushuitanPushOutcome.DeadLettered, stored.Result.MessageId, kind, reason)
            : JushuitanPushReply.Create(R.PushInvalidRequestCode, "push not handled", JushuitanPushOutcome.DeadLettered, stored.Result.MessageId, kind, reason);
    }

    private InboxPush Push(PushFields fields, string kind, string key, JushuitanPushMessage? message)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in R.PushKindFields.Concat(["app_key", "timestamp"]))
        {
            if (fields.Get(name) is { Length: > 0 } value)
            {
                attributes[name] = JushuitanPushParser.Shorten(value);
            }
        }

        switch (message)
        {
            case JushuitanLogisticsPush l:
                Add(attributes, "so_id", l.SoId);
                Add(attributes, "o_id", l.OId?.ToString(CultureInfo.InvariantCulture));
                Add(attributes, "shop_id", l.ShopId?.ToString(CultureInfo.InvariantCulture));
                Add(attributes, "l_id", l.WaybillNumber);
                break;
            case JushuitanInventoryPush i:
                Add(attributes, "sku_id", i.SkuId);
                Add(attributes, "wms_co_id", i.WarehouseId);
                break;
        }

        return new InboxPush
        {
            Source = R.PushInboxSource,
            Kind = kind,
            DeduplicationKey = key,
            Body = fields.BizCarrier.ToArray(),
            ContentType = fields.BizCarrierContentType,
            ReceivedAt = _time.GetUtcNow(),
            Attributes = attributes,
        };
    }

    private static void Add(Dictionary<string, string> attributes, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            attributes[name] = JushuitanPushParser.Shorten(value);
        }
    }
}
