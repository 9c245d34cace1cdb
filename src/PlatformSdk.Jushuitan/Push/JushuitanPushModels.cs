using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PlatformSdk.Configuration;
using PlatformSdk.Jushuitan.Protocol;

namespace PlatformSdk.Jushuitan.Push;

/// <summary>
/// A push as the web framework received it. Read the body as raw bytes before any model binding: the signature covers the
/// fields exactly as sent, and the inbox keeps the bytes. The query string is kept raw (still URL-encoded).
/// </summary>
public sealed class JushuitanPushRequest
{
    /// <summary>The HTTP verb (Jushuitan pushes with <c>POST</c>).</summary>
    public string HttpMethod { get; init; } = "POST";

    /// <summary>The raw query string (a leading <c>?</c> is allowed); its fields count as the body's do.</summary>
    public string? QueryString { get; init; }

    /// <summary>The raw body bytes: form-urlencoded or a JSON object with the same fields.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The Content-Type header.</summary>
    public string? ContentType { get; init; }
}

/// <summary>What the handler did with a push.</summary>
public enum JushuitanPushOutcome
{
    /// <summary>Stored in the inbox; acknowledged with <c>{"code":0}</c>.</summary>
    Stored = 0,

    /// <summary>A redelivery of a push already stored; acknowledged, nothing new stored.</summary>
    Duplicate,

    /// <summary>Authentic but not handled (unknown kind, unreadable <c>biz</c>): kept among the dead letters and acknowledged.</summary>
    DeadLettered,

    /// <summary>Not authentic, stale, too large or not a push: nothing stored, answered with a non-zero code.</summary>
    Rejected,

    /// <summary>The inbox failed: nothing is known to be stored, answered with a non-zero code so Jushuitan delivers it again.</summary>
    InboxFailed,
}

/// <summary>The reply to send back, framework-neutral: write <see cref="StatusCode"/>, <see cref="ContentType"/> and <see cref="Body"/>.</summary>
public sealed class JushuitanPushReply
{
    /// <summary>The HTTP status (200 for every reply: Jushuitan reads <c>code</c>).</summary>
    public int StatusCode { get; init; } = JushuitanWireChoices.PushReplyStatusCode;

    /// <summary>The Content-Type.</summary>
    public string ContentType { get; init; } = JushuitanWireChoices.PushReplyContentType;

    /// <summary>The body bytes (UTF-8): exactly <c>{"code":0}</c> on success, <c>{"code":n,"msg":"…"}</c> otherwise.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The reply's <c>code</c>: 0 acknowledges the push; anything else makes Jushuitan deliver it again.</summary>
    public int Code { get; init; }

    /// <summary>The reply's <c>msg</c>; empty on success.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>What the handler did.</summary>
    public JushuitanPushOutcome Outcome { get; init; }

    /// <summary>The inbox message id, when the push was stored or dead-lettered.</summary>
    public string? MessageId { get; init; }

    /// <summary>The kind the push was read as (<see cref="JushuitanPushKinds"/>), when known.</summary>
    public string? Kind { get; init; }

    /// <summary>Why it failed or was dead-lettered, for logs (no secrets); empty on success.</summary>
    public string Detail { get; init; } = string.Empty;

    /// <summary>Whether the reply acknowledges the push (<see cref="Code"/> is 0).</summary>
    public bool IsAcknowledged => Code == 0;

    /// <summary>Builds a reply: the body is <c>{"code":0}</c> for code 0, otherwise <c>{"code":code,"msg":message}</c>.</summary>
    /// <param name="code">The reply's <c>code</c>.</param>
    /// <param name="message">The reply's <c>msg</c> (ignored for code 0).</param>
    /// <param name="outcome">What the handler did.</param>
    /// <param name="messageId">The inbox message id, if any.</param>
    /// <param name="kind">The kind, if known.</param>
    /// <param name="detail">Why it failed, for logs.</param>
    /// <returns>The reply.</returns>
    public static JushuitanPushReply Create(int code, string message, JushuitanPushOutcome outcome, string? messageId = null, string? kind = null, string detail = "")
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(detail);
        return new JushuitanPushReply
        {
            Body = Encoding.UTF8.GetBytes(code == 0 ? JushuitanWireChoices.PushSuccessReply : Failure(code, message)),
            Code = code,
            Message = code == 0 ? string.Empty : message,
            Outcome = outcome,
            MessageId = messageId,
            Kind = kind,
            Detail = detail,
        };
    }

    private static string Failure(int code, string message)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", code);
            writer.WriteString("msg", message);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"JushuitanPushReply({Outcome}, code={Code}, kind={Kind ?? "-"})");
}

/// <summary>
/// Settings of the push receiver (RJST-05): the credentials of the app Jushuitan signs pushes for, and the checks' limits.
/// Bound from configuration, for example <c>PlatformSdk:JushuitanPush</c>: <c>{ "AppKey": "…", "AppSecret": "…" }</c>.
/// </summary>
public sealed class JushuitanPushReceiverOptions
{
    /// <summary>The app key every push must carry in <c>app_key</c>.</summary>
    public string? AppKey { get; set; }

    /// <summary>The app secret the pushes are signed with (the open API sign); used only to verify, never logged or shown.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? AppSecret { get; set; }

    /// <summary>
    /// How far a push's <c>timestamp</c> may be from now. Default 48 hours: wide, because a redelivery may carry the first
    /// attempt's timestamp and refusing it would lose the push; replays are harmless (each push is stored once).
    /// </summary>
    public TimeSpan TimestampTolerance { get; set; } = JushuitanWireChoices.PushTimestampTolerance;

    /// <summary>The largest body accepted, in bytes. Default 1 MiB.</summary>
    public int MaxPushBodyBytes { get; set; } = JushuitanWireChoices.PushMaxBodyBytes;

    /// <inheritdoc />
    public override string ToString() => $"JushuitanPushReceiverOptions(AppKey={AppKey ?? "-"}, AppSecret=***)";
}
