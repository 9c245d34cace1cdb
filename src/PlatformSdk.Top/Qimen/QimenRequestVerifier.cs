using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using PlatformSdk.Top.Protocol;
using ChinaTime = PlatformSdk.ChinaTime;

namespace PlatformSdk.Top.Qimen;

/// <summary>Why an inbound Qimen push was refused.</summary>
public enum QimenVerificationFailure
{
    /// <summary>The push is authentic and fresh.</summary>
    None = 0,

    /// <summary>The query string has no <c>sign</c>.</summary>
    MissingSign,

    /// <summary>The query string has no <c>timestamp</c>.</summary>
    MissingTimestamp,

    /// <summary><c>timestamp</c> is not <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    BadTimestampFormat,

    /// <summary>The signature does not match this receiver's secret (forged, altered, or signed with another app's secret).</summary>
    BadSign,

    /// <summary>The signature matches but <c>timestamp</c> is outside the tolerance (a replay, or a badly wrong clock).</summary>
    StaleTimestamp,

    /// <summary>The Content-Type names a charset this runtime cannot decode.</summary>
    UnsupportedCharset,

    /// <summary>A parameter name occurs twice (across headers, query and form), so the signed string is ambiguous.</summary>
    DuplicateParameter,

    /// <summary>The body is larger than <see cref="QimenRequestVerifier.MaxBodyBytes"/>; it was not hashed.</summary>
    BodyTooLarge,

    /// <summary>The body, query or a signed header is not valid text in its charset (invalid bytes would make different pushes sign alike).</summary>
    InvalidEncoding,
}

/// <summary>The outcome of <see cref="QimenRequestVerifier.Verify"/>. Never contains the secret or the expected signature.</summary>
/// <param name="Failure">Why it failed, or <see cref="QimenVerificationFailure.None"/>.</param>
/// <param name="Detail">A description for logs.</param>
/// <param name="Format">The push's <c>format</c> (for the reply).</param>
public sealed record QimenVerificationResult(QimenVerificationFailure Failure, string Detail, QimenFormat Format)
{
    /// <summary>True when the push may be processed.</summary>
    public bool IsValid => Failure == QimenVerificationFailure.None;

    /// <summary>The standard failure reply to send back (sign-check-failure, Illegal request) in the push's format.</summary>
    public string FailureReply => QimenReplies.SignCheckFailure(Format);
}

/// <summary>
/// An inbound Qimen (or TOP SPI) HTTP request as received. Read the body as raw bytes <em>before</em> any model binding:
/// the signature covers the exact bytes, and re-serialised models never match.
/// </summary>
public sealed class QimenInboundRequest
{
    /// <summary>The raw query string as received (still URL-encoded; a leading <c>?</c> is allowed).</summary>
    public string? QueryString { get; init; }

    /// <summary>The request headers; only those named by the <c>top-sign-list</c> header are signed.</summary>
    public IEnumerable<KeyValuePair<string, string?>>? Headers { get; init; }

    /// <summary>Form fields (decoded) for form or multipart requests; for url-encoded bodies they are read from <see cref="Body"/> when not given.</summary>
    public IEnumerable<KeyValuePair<string, string?>>? Form { get; init; }

    /// <summary>The raw body bytes.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The Content-Type header (its charset decodes the body and the query; default utf-8).</summary>
    public string? ContentType { get; init; }
}

/// <summary>
/// Verifies inbound Qimen pushes with the receiver's own app secret (Qimen re-signs before forwarding), following the official
/// TOP SDK's <c>SpiUtils</c> (docs/protocols/taobao-top.md §8): headers named by <c>top-sign-list</c>, query and form parameters,
/// ordinal-sorted, <c>sign</c> dropped, the text body appended, MD5 wrapped in the secret, uppercase hex; compared in
/// constant time. Then the timestamp must be within the tolerance of the injected clock.
/// </summary>
public class QimenRequestVerifier
{
    private const string SignListHeader = "top-sign-list";

    /// <summary>The default largest body verified: 4 MiB (a Qimen order push is a few KiB).</summary>
    public const int DefaultMaxBodyBytes = 4 * 1024 * 1024;

    // Only charsets Qimen uses; anything else (utf-7, utf-16, …) is refused before any decoding.
    private static readonly string[] AllowedCharsets = ["utf-8", "utf8", "gbk", "gb2312", "gb18030"];
    private readonly byte[] _secret = [];
    private readonly string _secretText = string.Empty;
    private readonly TimeProvider _time = TimeProvider.System;

    /// <summary>Creates a verifier.</summary>
    /// <param name="appSecret">This receiver's app secret.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="timestampTolerance">How far <c>timestamp</c> may be from now; default 5 minutes.</param>
    /// <param name="maxBodyBytes">The largest body verified; larger ones are refused before hashing. Default <see cref="DefaultMaxBodyBytes"/>.</param>
    public QimenRequestVerifier(string appSecret, TimeProvider? timeProvider = null, TimeSpan? timestampTolerance = null, int maxBodyBytes = DefaultMaxBodyBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBodyBytes, 1);
        MaxBodyBytes = maxBodyBytes;
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        if (appSecret.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("The app secret contains whitespace; TOP secrets never do.", nameof(appSecret));
        }

        var tolerance = timestampTolerance ?? TopWireChoices.QimenTimestampTolerance;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tolerance, TimeSpan.Zero, nameof(timestampTolerance));
        _secretText = appSecret;
        _secret = Encoding.UTF8.GetBytes(appSecret);
        _time = timeProvider ?? TimeProvider.System;
        TimestampTolerance = tolerance;
    }

    /// <summary>For mocking.</summary>
    protected QimenRequestVerifier()
    {
    }

    /// <summary>How far <c>timestamp</c> may be from now.</summary>
    public virtual TimeSpan TimestampTolerance { get; }

    /// <summary>The largest body verified, in bytes; a larger push is refused before it is decoded or hashed.</summary>
    public virtual int MaxBodyBytes { get; } = DefaultMaxBodyBytes;

    /// <summary>Verifies a push.</summary>
    /// <param name="request">The request as received.</param>
    /// <returns>The outcome; on failure send <see cref="QimenVerificationResult.FailureReply"/> and do not process the push.</returns>
    public virtual QimenVerificationResult Verify(QimenInboundRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = QimenFormat.Xml;
        if (request.Body.Length > MaxBodyBytes)
        {
            return Fail(QimenVerificationFailure.BodyTooLarge, $"The body has {request.Body.Length} bytes, more than the limit of {MaxBodyBytes}.", format);
        }

        var charset = Charset(request.ContentType);
        var encoding = ResolveEncoding(charset);
        if (encoding is null)
        {
            return Fail(QimenVerificationFailure.UnsupportedCharset, $"The charset '{Printable(charset)}' is not supported.", format);
        }

        try
        {
            return VerifyDecoded(request, encoding, ref format);
        }
        catch (Exception ex) when (ex is DecoderFallbackException or EncoderFallbackException)
        {
            return Fail(QimenVerificationFailure.InvalidEncoding, $"The push is not valid {encoding.WebName} text.", format);
        }
    }

    private QimenVerificationResult VerifyDecoded(QimenInboundRequest request, Encoding encoding, ref QimenFormat format)
    {
        var query = ParsePairs(request.QueryString, encoding);
        format = query.FirstOrDefault(p => p.Key == TopParameterNames.Format).Value is { } f && f.Equals("json", StringComparison.OrdinalIgnoreCase) ? QimenFormat.Json : QimenFormat.Xml;
        var sign = query.FirstOrDefault(p => p.Key == TopParameterNames.Sign).Value;
        if (string.IsNullOrEmpty(sign))
        {
            return Fail(QimenVerificationFailure.MissingSign, "The query string has no sign.", format);
        }

        var timestampText = query.FirstOrDefault(p => p.Key == TopParameterNames.Timestamp).Value;
        if (string.IsNullOrEmpty(timestampText))
        {
            return Fail(QimenVerificationFailure.MissingTimestamp, "The query string has no timestamp.", format);
        }

        if (!DateTime.TryParseExact(timestampText, ChinaTime.DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || !ChinaTime.TryParse(timestampText, out var sent))
        {
            return Fail(QimenVerificationFailure.BadTimestampFormat, $"The timestamp '{Printable(timestampText)}' is not {ChinaTime.DateTimeFormat}.", format);
        }

        var signed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var isForm = IsForm(request.ContentType);
        var form = request.Form ?? (isForm && IsUrlEncoded(request.ContentType) ? ParsePairs(encoding.GetString(request.Body.Span), encoding) : null);
        foreach (var (name, value) in SignedHeaders(request.Headers, encoding).Concat(query).Concat(form ?? []))
        {
            if (!signed.TryAdd(name, value ?? string.Empty))
            {
                return Fail(QimenVerificationFailure.DuplicateParameter, $"The parameter '{name}' occurs more than once.", format);
            }
        }

        signed.Remove(TopParameterNames.Sign);
        var body = isForm || request.Body.IsEmpty ? ReadOnlyMemory<byte>.Empty : SignedBodyBytes(request.Body, encoding);
        var provided = Encoding.ASCII.GetBytes(sign);
        // Compare against both empty-value rules every time, so timing does not reveal which one was tried (TopWireChoices).
        // Without an empty name or value both rules sign the same text: its one hash is compared twice.
        var withEmpty = Expected(signed, body.Span, encoding, includeEmpty: true);
        var matches = FixedTimeEquals(withEmpty, provided);
        if (TopWireChoices.QimenVerifyAcceptsBothEmptyValueRules)
        {
            var withoutEmpty = signed.Any(p => string.IsNullOrEmpty(p.Key) || string.IsNullOrEmpty(p.Value))
                ? Expected(signed, body.Span, encoding, includeEmpty: false)
                : withEmpty;
            matches |= FixedTimeEquals(withoutEmpty, provided);
        }

        if (!matches)
        {
            return Fail(QimenVerificationFailure.BadSign, "The sign does not match this app's secret.", format);
        }

        var now = _time.GetUtcNow();
        if (now - sent > TimestampTolerance || (TopWireChoices.QimenRejectsFutureTimestamps && sent - now > TimestampTolerance))
        {
            return Fail(QimenVerificationFailure.StaleTimestamp,
                $"The timestamp {timestampText} (GMT+8) is more than {TimestampTolerance.TotalMinutes:0.#} minutes from now.", format);
        }

        return new QimenVerificationResult(QimenVerificationFailure.None, "The push is authentic.", format);
    }

    /// <summary>Compares a computed signature with the received one in constant time (for equal lengths).</summary>
    /// <param name="expected">The computed signature (ASCII).</param>
    /// <param name="provided">The received signature (ASCII).</param>
    /// <returns><see langword="true"/> when equal.</returns>
    protected static bool FixedTimeEquals(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> provided)
        => CryptographicOperations.FixedTimeEquals(expected, provided);

    // The signed text is secret + pairs + body + secret in the push's charset; the body's part is hashed from bytes, never built
    // into one large string (a push body is a few KiB, hashed on every push).
    private byte[] Expected(SortedDictionary<string, string> parameters, ReadOnlySpan<byte> body, Encoding encoding, bool includeEmpty)
    {
        var builder = new StringBuilder(_secretText);
        foreach (var (name, value) in parameters)
        {
            if (includeEmpty || (!string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(value)))
            {
                builder.Append(name).Append(value);
            }
        }

#pragma warning disable CA5351 // Qimen's protocol mandates MD5.
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        // Encoding the pieces one by one gives the bytes of the whole: every piece is whole text (strictly decoded, no lone surrogate).
        md5.AppendData(encoding.GetBytes(builder.ToString()));
        md5.AppendData(body);
        md5.AppendData(encoding.GetBytes(_secretText));
        Span<byte> hash = stackalloc byte[16];
        md5.GetHashAndReset(hash);
        return Encoding.ASCII.GetBytes(Convert.ToHexString(hash));
    }

    /// <summary>
    /// The body's bytes as they enter the signed text: the body decoded strictly in the charset and encoded again. For UTF-8 that
    /// round trip gives back the received bytes, so they are checked (invalid bytes throw) and used as they are.
    /// </summary>
    private static ReadOnlyMemory<byte> SignedBodyBytes(ReadOnlyMemory<byte> body, Encoding encoding)
    {
        if (encoding is UTF8Encoding)
        {
            _ = encoding.GetCharCount(body.Span);
            return body;
        }

        return encoding.GetBytes(encoding.GetString(body.Span));
    }

    private static QimenVerificationResult Fail(QimenVerificationFailure failure, string detail, QimenFormat format) => new(failure, detail, format);

    private static IEnumerable<KeyValuePair<string, string?>> SignedHeaders(IEnumerable<KeyValuePair<string, string?>>? headers, Encoding encoding)
    {
        if (headers is null)
        {
            yield break;
        }

        var all = headers.ToList();
        var list = all.FirstOrDefault(h => string.Equals(h.Key, SignListHeader, StringComparison.OrdinalIgnoreCase)).Value;
        if (string.IsNullOrEmpty(list))
        {
            yield break;
        }

        foreach (var name in list.Split(',').Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            var value = all.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            yield return new(name, string.IsNullOrEmpty(value) ? string.Empty : UrlDecode(value, encoding));
        }
    }

    private static List<KeyValuePair<string, string?>> ParsePairs(string? encoded, Encoding encoding)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (string.IsNullOrEmpty(encoded))
        {
            return pairs;
        }

        foreach (var pair in encoded.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var name = UrlDecode(at < 0 ? pair : pair[..at], encoding);
            var value = at < 0 ? string.Empty : UrlDecode(pair[(at + 1)..], encoding);
            pairs.Add(new(name, value));
        }

        return pairs;
    }

    private static string Charset(string? contentType)
    {
        if (!string.IsNullOrEmpty(contentType))
        {
            foreach (var part in contentType.Split(';').Select(p => p.Trim()))
            {
                if (part.StartsWith("charset", StringComparison.OrdinalIgnoreCase))
                {
                    var at = part.IndexOf('=', StringComparison.Ordinal);
                    var value = at < 0 ? string.Empty : part[(at + 1)..].Trim().Trim('"');
                    return value.Length == 0 ? TopWireChoices.QimenDefaultCharset : value;
                }
            }
        }

        return TopWireChoices.QimenDefaultCharset;
    }

    // Strict decoding: invalid bytes throw instead of becoming U+FFFD, so two different pushes can never decode (and sign) alike.
    private static Encoding? ResolveEncoding(string charset)
    {
        if (!AllowedCharsets.Contains(charset.ToLowerInvariant()))
        {
            return null;
        }

        if (charset.StartsWith("utf", StringComparison.OrdinalIgnoreCase))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        }

        // GBK and the other code pages ship with the runtime but are not registered by default; use them without registering globally.
        return CodePagesEncodingProvider.Instance.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static string UrlDecode(string text, Encoding encoding) => encoding.GetString(HttpUtility.UrlDecodeToBytes(text, encoding) ?? []);

    private static string Printable(string text)
    {
        var shown = text.Length > 40 ? text[..40] + "…" : text;
        return new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }

    private static bool IsForm(string? contentType)
        => contentType is not null && (IsUrlEncoded(contentType) || contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase));

    private static bool IsUrlEncoded(string? contentType)
        => contentType is not null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
