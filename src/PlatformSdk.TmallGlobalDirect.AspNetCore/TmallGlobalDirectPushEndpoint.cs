using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlatformSdk.TmallGlobalDirect.Push;
using PlatformSdk.Top.Qimen;

namespace PlatformSdk.TmallGlobalDirect.AspNetCore;

/// <summary>
/// The HTTP side of the receiver: reads the raw body once, within <see cref="TmallGlobalDirectOptions.MaxPushBodyBytes"/>, hands
/// the exact bytes to <see cref="TmallGlobalDirectPushHandler"/> and writes its reply. A request delegate, not a handler with
/// parameters, so model binding never touches the body the signature covers.
/// </summary>
internal sealed class TmallGlobalDirectPushEndpoint
{
    // The platform's codes (TmallGlobalDirectWireChoices is internal to the receiver package): the refusal written here for a body
    // that is never buffered must read exactly as the handler's own refusal of an oversized body.
    internal const string BodyTooLargeCode = "body-too-large";
    internal const string BodyTooLargeMessage = "Body too large";
    internal const string InvalidRequestCode = "invalid-request";

    private const int InitialBufferBytes = 16 * 1024;
    private const long ServerLimitHeadroomBytes = 64 * 1024;

    private readonly TmallGlobalDirectPushHandler _handler;
    private readonly IOptions<TmallGlobalDirectOptions> _options;
    private readonly ILogger _logger;

    public TmallGlobalDirectPushEndpoint(TmallGlobalDirectPushHandler handler, IOptions<TmallGlobalDirectOptions> options, ILogger<TmallGlobalDirectPushEndpoint> logger)
    {
        _handler = handler;
        _options = options;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var request = context.Request;
        var max = _options.Value.MaxPushBodyBytes;
        TmallGlobalDirectPushReply reply;
        try
        {
            var read = await ReadBodyAsync(context, max, cancellationToken).ConfigureAwait(false);
            reply = read.Failure ?? await _handler.HandleAsync(new TmallGlobalDirectPushRequest
            {
                HttpMethod = request.Method,
                QueryString = request.QueryString.Value,
                Headers = request.Headers.Select(h => new KeyValuePair<string, string?>(h.Key, h.Value.ToString())).ToList(),
                Body = read.Body,
                ContentType = request.ContentType,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The platform hung up: nobody reads a reply, and its redelivery meets the deduplication if the store went through.
            return;
        }

        if (reply.Success)
        {
            PushAcknowledged(_logger, reply.Outcome, reply.MessageId, null);
        }
        else
        {
            PushNotAcknowledged(_logger, reply.Outcome, reply.ErrorCode, reply.Retry, reply.Detail, null);
        }

        var response = context.Response;
        response.StatusCode = reply.StatusCode;
        response.ContentType = reply.ContentType;
        response.ContentLength = reply.Body.Length;
        await response.Body.WriteAsync(reply.Body, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<(ReadOnlyMemory<byte> Body, TmallGlobalDirectPushReply? Failure)> ReadBodyAsync(HttpContext context, int max, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var format = string.Equals(request.Query["format"].ToString(), "json", StringComparison.OrdinalIgnoreCase) ? QimenFormat.Json : QimenFormat.Xml;
        if (request.ContentLength is { } declared && declared > max)
        {
            // Refused on the declared length alone: not one byte of a body that cannot be accepted is buffered.
            return (default, TooLarge(format, $"The Content-Length is {declared}, more than {max}."));
        }

        // The server's own limit (Kestrel: 30 MB) must not cut a push the options allow; this loop enforces the options' limit. It
        // is raised with headroom, never lowered: set to exactly max + 1, Kestrel refused a chunked body of exactly max bytes.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false, MaxRequestBodySize: { } serverLimit } sizeFeature
            && serverLimit < (long)max + ServerLimitHeadroomBytes)
        {
            sizeFeature.MaxRequestBodySize = (long)max + ServerLimitHeadroomBytes;
        }

        // One byte past the limit is enough to know the body is too large, so at most max + 1 bytes are ever held.
        var limit = max + 1;
        // A declared length gets one spare byte: the read that finds the end then needs no larger buffer (no resize, no copy).
        var buffer = new byte[(int)Math.Min(request.ContentLength is { } length ? length + 1 : InitialBufferBytes, limit)];
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (filled == limit)
                    {
                        return (default, TooLarge(format, $"The body has more than {max} bytes."));
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2 + 1, limit));
                }

                var count = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    return (buffer.AsMemory(0, filled), null);
                }

                filled += count;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, TooLarge(format, $"The body is larger than the server allows ({max} bytes configured)."));
        }
        catch (BadHttpRequestException ex)
        {
            return (default, TmallGlobalDirectPushReply.Create(format, false, InvalidRequestCode, "Invalid request", retry: false,
                TmallGlobalDirectPushOutcome.Rejected, detail: "The body could not be read: " + ex.Message));
        }
    }

    private static TmallGlobalDirectPushReply TooLarge(QimenFormat format, string detail)
        => TmallGlobalDirectPushReply.Create(format, false, BodyTooLargeCode, BodyTooLargeMessage, retry: false, TmallGlobalDirectPushOutcome.Rejected, detail: detail);

    // LoggerMessage.Define, not the source generator: on net8.0 the ASP.NET Core targeting pack brings a second logging generator
    // beside the package's one, and both would implement the same partial methods.
    private static readonly Action<ILogger, TmallGlobalDirectPushOutcome, string?, Exception?> PushAcknowledged = LoggerMessage.Define<TmallGlobalDirectPushOutcome, string?>(
        LogLevel.Debug, new EventId(1, "TmallGlobalDirectPushAcknowledged"), "Tmall Global direct push acknowledged: {Outcome}, inbox message {InboxMessageId}.");

    private static readonly Action<ILogger, TmallGlobalDirectPushOutcome, string, bool, string, Exception?> PushNotAcknowledged = LoggerMessage.Define<TmallGlobalDirectPushOutcome, string, bool, string>(
        LogLevel.Warning, new EventId(2, "TmallGlobalDirectPushNotAcknowledged"), "Tmall Global direct push not acknowledged: {Outcome}, errorCode {ErrorCode}, retry {Retry}: {Detail}");
}
