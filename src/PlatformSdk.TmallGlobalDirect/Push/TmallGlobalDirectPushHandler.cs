using PlatformSdk.Errors;
using PlatformSdk.Inbox;
using PlatformSdk.TmallGlobalDirect.Protocol;
using PlatformSdk.Top.Qimen;
using R = PlatformSdk.TmallGlobalDirect.Protocol.TmallGlobalDirectWireChoices;

namespace PlatformSdk.TmallGlobalDirect.Push;

/// <summary>
/// Receives the platform's Qimen pushes, framework-neutral (RTGD-01: the platform pushes, the ERP never pulls, so a push lost
/// here is an order lost). In order: refuse an oversized body; verify the Qimen signature with this app's own secret (Qimen
/// re-signs before forwarding) and the timestamp window; route on <c>method</c>; parse the body; store the raw push in the
/// <see cref="IPushInbox"/> under <c>method + bizOrderCode</c>; only then answer success. A redelivery is answered success
/// without a second copy. What is authentic but cannot be handled goes to the dead letters, never nowhere.
/// </summary>
public class TmallGlobalDirectPushHandler
{
    private readonly TmallGlobalDirectOptions _options = new();
    private readonly IPushInbox? _inbox;
    private readonly QimenRequestVerifier? _verifier;
    private readonly TimeProvider _time = TimeProvider.System;

    /// <summary>Creates a handler.</summary>
    /// <param name="options">The receiver's settings (valid: see <see cref="TmallGlobalDirectOptions"/>).</param>
    /// <param name="inbox">Where pushes are stored before they are acknowledged.</param>
    /// <param name="timeProvider">The clock (timestamp window, receive time); <see cref="TimeProvider.System"/> when null.</param>
    public TmallGlobalDirectPushHandler(TmallGlobalDirectOptions options, IPushInbox inbox, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentException.ThrowIfNullOrEmpty(options.AppSecret, nameof(options));
        _options = options;
        _inbox = inbox;
        _time = timeProvider ?? TimeProvider.System;
        _verifier = new QimenRequestVerifier(options.AppSecret, _time, options.TimestampTolerance, options.MaxPushBodyBytes);
    }

    /// <summary>For mocking.</summary>
    protected TmallGlobalDirectPushHandler()
    {
    }

    /// <summary>Handles one push and returns the reply to send. Never throws for bad input; only cancellation escapes.</summary>
    /// <param name="request">The push as received.</param>
    /// <param name="cancellationToken">Cancels the call (the platform then redelivers; a store already done is recognised).</param>
    /// <returns>The reply.</returns>
    public virtual async ValueTask<TmallGlobalDirectPushReply> HandleAsync(TmallGlobalDirectPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inbox = _inbox ?? throw new InvalidOperationException("The handler was created for mocking and has no inbox.");
        var verifier = _verifier ?? throw new InvalidOperationException("The handler was created for mocking and has no verifier.");
        var query = Query(request.QueryString);
        var format = string.Equals(query.GetValueOrDefault("format"), "json", StringComparison.OrdinalIgnoreCase) ? QimenFormat.Json : QimenFormat.Xml;

        // The size is checked before anything reads the body, so a huge push costs no hashing or parsing.
        if (request.Body.Length > _options.MaxPushBodyBytes)
        {
            return Reject(format, R.BodyTooLargeCode, "Body too large", $"The body has {request.Body.Length} bytes, more than {_options.MaxPushBodyBytes}.");
        }

        if (!string.Equals(request.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return Reject(format, R.InvalidRequestCode, "Only POST is accepted", $"The verb is {TmallGlobalDirectPushParser.Shorten(request.HttpMethod ?? string.Empty)}.");
        }

        var verification = verifier.Verify(new QimenInboundRequest
        {
            QueryString = request.QueryString,
            Headers = request.Headers,
            Body = request.Body,
            ContentType = request.ContentType,
        });
        if (!verification.IsValid)
        {
            return RejectUnverified(verification);
        }

        var method = query.GetValueOrDefault("method") ?? string.Empty;
        var customerId = query.GetValueOrDefault("customerId");
        TmallGlobalDirectPushMessage? message;
        try
        {
            message = ParseMessage(method, TmallGlobalDirectPushParser.Decode(request.Body, request.ContentType), format, customerId);
        }
        catch (PlatformException ex)
        {
            return await DeadLetterAsync(inbox, request, method, format, query, R.InvalidBodyCode, "Invalid body", ex.Error.Message, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // An override's parser may throw anything; the push is still kept and answered, never dropped with a 500.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return await DeadLetterAsync(inbox, request, method, format, query, R.InvalidBodyCode, "Invalid body",
                "The body cannot be read (" + ex.GetType().Name + ").", cancellationToken).ConfigureAwait(false);
        }

        if (message is null)
        {
            return await DeadLetterAsync(inbox, request, method, format, query, R.UnknownMethodCode, "Unknown method",
                $"The method '{TmallGlobalDirectPushParser.Shorten(method)}' is not handled.", cancellationToken).ConfigureAwait(false);
        }

        if (!string.IsNullOrEmpty(_options.SupplierId) && !string.Equals(message.SupplierId, _options.SupplierId, StringComparison.Ordinal))
        {
            return await DeadLetterAsync(inbox, request, method, format, query, R.SupplierMismatchCode, "Supplier mismatch",
                $"The push names supplier '{TmallGlobalDirectPushParser.Shorten(message.SupplierId ?? string.Empty)}', not the configured one.", cancellationToken).ConfigureAwait(false);
        }

        var stored = await inbox.TryStoreAsync(Push(request, method, DeduplicationKey(message), query, message), cancellationToken).ConfigureAwait(false);
        if (!stored.IsStored)
        {
            return InboxFailed(format, stored.Failure!);
        }

        return TmallGlobalDirectPushReply.Create(format, true, R.SuccessCode, R.SuccessMessage, false,
            stored.Result.IsDuplicate ? TmallGlobalDirectPushOutcome.Duplicate : TmallGlobalDirectPushOutcome.Stored, stored.Result.MessageId);
    }

    /// <summary>
    /// Parses the body of a push. The default knows the three ASCP methods (<see cref="TmallGlobalDirectPushMethods"/>) and returns
    /// <see langword="null"/> for any other, which sends the push to the dead letters. Override to handle more methods: return your
    /// own <see cref="TmallGlobalDirectPushMessage"/> subclass (its <c>BizOrderCode</c> makes the deduplication key), throw a
    /// <see cref="PlatformException"/> for a body you cannot read, and call the base for the rest.
    /// </summary>
    /// <param name="method">The <c>method</c> query parameter.</param>
    /// <param name="body">The body, decoded in the push's charset.</param>
    /// <param name="format">The push's <c>format</c>.</param>
    /// <param name="customerId">The <c>customerId</c> query parameter.</param>
    /// <returns>The message, or <see langword="null"/> for a method not handled.</returns>
    protected virtual TmallGlobalDirectPushMessage? ParseMessage(string method, string body, QimenFormat format, string? customerId)
        => TmallGlobalDirectPushParser.Parse(method, body, format, customerId);

    /// <summary>
    /// Reads a push the handler stored back into its typed message, for the ERP draining the inbox: the same parse as on receipt,
    /// over the stored raw bytes, charset and format.
    /// </summary>
    /// <param name="message">A message from <see cref="IPushInbox.LeaseAsync"/> (or a dead letter) this handler stored.</param>
    /// <returns>The typed push.</returns>
    /// <exception cref="PlatformException">The stored push is not one this handler reads (its method is not handled, or its body cannot be parsed).</exception>
    public virtual TmallGlobalDirectPushMessage ReadStoredMessage(InboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var push = message.Push;
        var attributes = push.Attributes;
        var format = string.Equals(attributes?.GetValueOrDefault("format"), "json", StringComparison.OrdinalIgnoreCase) ? QimenFormat.Json : QimenFormat.Xml;
        return ParseMessage(push.Kind, TmallGlobalDirectPushParser.Decode(push.Body, push.ContentType), format, attributes?.GetValueOrDefault("customerId"))
            ?? throw new PlatformException(new PlatformError(R.InboxSource, "unknown-push-method",
                $"The stored push {message.MessageId} has method '{TmallGlobalDirectPushParser.Shorten(push.Kind)}', which this handler does not read.",
                ErrorCategory.Configuration, "Read it with the handler (or override) that stored it, or replay it once its method is handled."));
    }

    /// <summary>What makes a redelivery the same push: <c>method</c> and <c>bizOrderCode</c> (RTGD-01).</summary>
    /// <param name="message">The parsed push.</param>
    /// <returns>The key.</returns>
    protected virtual string DeduplicationKey(TmallGlobalDirectPushMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Method + "|" + message.BizOrderCode;
    }

    private static TmallGlobalDirectPushReply RejectUnverified(QimenVerificationResult verification)
    {
        var format = verification.Format;
        return verification.Failure switch
        {
            QimenVerificationFailure.MissingSign or QimenVerificationFailure.BadSign
                => Reject(format, R.SignCheckFailureCode, R.SignCheckFailureMessage, verification.Detail),
            // A stale or missing timestamp is answered without retry: redelivering the same signed request repeats the same timestamp.
            QimenVerificationFailure.StaleTimestamp or QimenVerificationFailure.MissingTimestamp or QimenVerificationFailure.BadTimestampFormat
                => Reject(format, R.StaleTimestampCode, "Timestamp out of window", verification.Detail),
            QimenVerificationFailure.BodyTooLarge => Reject(format, R.BodyTooLargeCode, "Body too large", verification.Detail),
            _ => Reject(format, R.InvalidRequestCode, "Invalid request", verification.Detail),
        };
    }

    private static TmallGlobalDirectPushReply Reject(QimenFormat format, string code, string message, string detail)
        => TmallGlobalDirectPushReply.Create(format, false, code, message, retry: false, TmallGlobalDirectPushOutcome.Rejected, detail: detail);

    private static TmallGlobalDirectPushReply InboxFailed(QimenFormat format, Exception ex)
        // retry=true: nothing is known to be stored, and the platform's redelivery is the only copy left (RTGD-01).
        => TmallGlobalDirectPushReply.Create(format, false, R.InboxUnavailableCode, "Temporarily unavailable, please retry", retry: true,
            TmallGlobalDirectPushOutcome.InboxFailed, detail: "The inbox failed: " + ex.GetType().Name);

    private async ValueTask<TmallGlobalDirectPushReply> DeadLetterAsync(IPushInbox inbox, TmallGlobalDirectPushRequest request, string method,
        QimenFormat format, Dictionary<string, string> query, string code, string message, string reason, CancellationToken cancellationToken)
    {
        // The same bytes fail the same way on every redelivery, so the reply says retry=false: the push is kept here and is replayed
        // from the dead letters once the cause is fixed, instead of being redelivered into the same failure.
        var key = PushInboxStorage.DeadLetterKey(method, request.Body.Span);
        var stored = await inbox.TryDeadLetterAsync(Push(request, method.Length == 0 ? "(none)" : method, key, query, null), reason, cancellationToken).ConfigureAwait(false);
        if (!stored.IsStored)
        {
            return InboxFailed(format, stored.Failure!);
        }

        return TmallGlobalDirectPushReply.Create(format, false, code, message, retry: false, TmallGlobalDirectPushOutcome.DeadLettered, stored.Result.MessageId, reason);
    }

    private InboxPush Push(TmallGlobalDirectPushRequest request, string method, string key, Dictionary<string, string> query, TmallGlobalDirectPushMessage? message)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "customerId", "format", "app_key", "timestamp" })
        {
            if (query.TryGetValue(name, out var value))
            {
                attributes[name] = value;
            }
        }

        if (message is not null)
        {
            attributes["bizOrderCode"] = message.BizOrderCode;
            if (message.SupplierId is { } supplier)
            {
                attributes["supplierId"] = supplier;
            }
        }

        attributes["businessMode"] = _options.BusinessMode.ToString();
        return new InboxPush
        {
            Source = R.InboxSource,
            Kind = method,
            DeduplicationKey = key,
            Body = request.Body.ToArray(),
            ContentType = request.ContentType,
            ReceivedAt = _time.GetUtcNow(),
            Attributes = attributes,
        };
    }

    // Only the routing parameters are read here (ASCII by protocol); the verifier decodes the full query in the push's charset.
    private static Dictionary<string, string> Query(string? queryString)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (queryString ?? string.Empty).TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Unescape(at < 0 ? pair : pair[..at]);
            var value = at < 0 ? string.Empty : Unescape(pair[(at + 1)..]);
            query.TryAdd(name, value);
        }

        return query;
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
