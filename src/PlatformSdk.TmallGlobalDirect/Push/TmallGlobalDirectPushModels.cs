using System.Security;
using System.Text;
using System.Text.Json;
using PlatformSdk.TmallGlobalDirect.Protocol;
using PlatformSdk.Top.Qimen;

namespace PlatformSdk.TmallGlobalDirect.Push;

/// <summary>
/// A push as the web framework received it. Read the body as raw bytes before any model binding: the signature covers the exact
/// bytes. The query string is kept raw (still URL-encoded) because it is decoded in the charset the Content-Type names, which the
/// framework's own decoding does not know.
/// </summary>
public sealed class TmallGlobalDirectPushRequest
{
    /// <summary>The HTTP verb (Qimen pushes with <c>POST</c>).</summary>
    public string HttpMethod { get; init; } = "POST";

    /// <summary>The raw query string (a leading <c>?</c> is allowed): <c>method</c>, <c>timestamp</c>, <c>format</c>, <c>sign</c>, <c>customerId</c>, …</summary>
    public string? QueryString { get; init; }

    /// <summary>The request headers (those named by <c>top-sign-list</c> are signed).</summary>
    public IEnumerable<KeyValuePair<string, string?>>? Headers { get; init; }

    /// <summary>The raw body bytes.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The Content-Type header.</summary>
    public string? ContentType { get; init; }
}

/// <summary>What the handler did with a push.</summary>
public enum TmallGlobalDirectPushOutcome
{
    /// <summary>Stored in the inbox; acknowledged.</summary>
    Stored = 0,

    /// <summary>A redelivery of a push already stored; acknowledged, nothing new stored.</summary>
    Duplicate,

    /// <summary>Authentic but not handled (unknown method, unreadable body, other supplier): kept among the dead letters, answered with a failure.</summary>
    DeadLettered,

    /// <summary>Not authentic, stale, too large or not a Qimen request: nothing stored, answered with a failure.</summary>
    Rejected,

    /// <summary>The inbox failed: nothing is known to be stored, answered with a failure asking the platform to redeliver.</summary>
    InboxFailed,
}

/// <summary>The reply to send back, framework-neutral: write <see cref="StatusCode"/>, <see cref="ContentType"/> and <see cref="Body"/>.</summary>
public sealed class TmallGlobalDirectPushReply
{
    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; init; } = TmallGlobalDirectWireChoices.ReplyStatusCode;

    /// <summary>The Content-Type.</summary>
    public string ContentType { get; init; } = "text/xml; charset=utf-8";

    /// <summary>The body bytes (UTF-8).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The reply's <c>success</c>.</summary>
    public bool Success { get; init; }

    /// <summary>The reply's <c>errorCode</c>.</summary>
    public string ErrorCode { get; init; } = string.Empty;

    /// <summary>The reply's <c>errorMsg</c>.</summary>
    public string ErrorMessage { get; init; } = string.Empty;

    /// <summary>The reply's <c>retry</c>: whether the platform should deliver the push again.</summary>
    public bool Retry { get; init; }

    /// <summary>What the handler did.</summary>
    public TmallGlobalDirectPushOutcome Outcome { get; init; }

    /// <summary>The inbox message id, when the push was stored or dead-lettered.</summary>
    public string? MessageId { get; init; }

    /// <summary>Why it failed, for logs (no secrets); empty on success.</summary>
    public string Detail { get; init; } = string.Empty;

    /// <summary>Builds a reply with its body in the push's format.</summary>
    /// <param name="format">The push's format.</param>
    /// <param name="success"><c>success</c>.</param>
    /// <param name="errorCode"><c>errorCode</c>.</param>
    /// <param name="errorMessage"><c>errorMsg</c>.</param>
    /// <param name="retry"><c>retry</c>.</param>
    /// <param name="outcome">What the handler did.</param>
    /// <param name="messageId">The inbox message id, if any.</param>
    /// <param name="detail">Why it failed, for logs.</param>
    /// <returns>The reply.</returns>
    public static TmallGlobalDirectPushReply Create(QimenFormat format, bool success, string errorCode, string errorMessage, bool retry,
        TmallGlobalDirectPushOutcome outcome, string? messageId = null, string detail = "")
    {
        ArgumentNullException.ThrowIfNull(errorCode);
        ArgumentNullException.ThrowIfNull(errorMessage);
        ArgumentNullException.ThrowIfNull(detail);
        var json = format == QimenFormat.Json && TmallGlobalDirectWireChoices.ReplyInPushFormat;
        var text = json ? Json(success, errorCode, errorMessage, retry) : Xml(success, errorCode, errorMessage, retry);
        return new TmallGlobalDirectPushReply
        {
            ContentType = json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8",
            Body = Encoding.UTF8.GetBytes(text),
            Success = success,
            ErrorCode = errorCode,
            ErrorMessage = errorMessage,
            Retry = retry,
            Outcome = outcome,
            MessageId = messageId,
            Detail = detail,
        };
    }

    private static string Xml(bool success, string code, string message, bool retry)
        => $"<response><success>{(success ? "true" : "false")}</success><errorCode>{SecurityElement.Escape(code)}</errorCode>"
            + $"<errorMsg>{SecurityElement.Escape(message)}</errorMsg><retry>{(retry ? "true" : "false")}</retry></response>";

    private static string Json(bool success, string code, string message, bool retry)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("response");
            writer.WriteBoolean("success", success);
            writer.WriteString("errorCode", code);
            writer.WriteString("errorMsg", message);
            writer.WriteBoolean("retry", retry);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => $"TmallGlobalDirectPushReply({Outcome}, success={Success}, errorCode={ErrorCode}, retry={Retry})";
}
