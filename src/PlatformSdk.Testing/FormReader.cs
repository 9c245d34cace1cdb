using System.Text;

namespace PlatformSdk.Testing;

/// <summary>
/// Reads <c>application/x-www-form-urlencoded</c> text: query strings and form bodies. One reader for every fake and test, so
/// they all decode alike.
/// </summary>
/// <remarks>
/// <para>Decoding follows the WHATWG URL standard's form parser: the text is split on <c>&amp;</c> (empty pieces are skipped) and
/// each piece at its first <c>=</c> (a piece without one is a name with an empty value); <c>+</c> is a space; <c>%XX</c> is one
/// byte; the bytes are then decoded with the charset (UTF-8 unless told otherwise).</para>
/// <para>Nothing throws for malformed input: a <c>%</c> not followed by two hex digits is kept as a literal <c>%</c> and flagged
/// in <see cref="FormFieldCollection.HasMalformedEscapes"/>; bytes that are not valid in the charset become U+FFFD.</para>
/// <para>Charsets: any the runtime knows plus the Windows code pages (<c>gbk</c>, <c>gb2312</c>, <c>gb18030</c>, <c>big5</c>),
/// which Chinese platforms still accept; the charset must keep ASCII as single bytes (UTF-16 and UTF-32 cannot encode a form).</para>
/// </remarks>
public static class FormReader
{
    /// <summary>The media type of form bodies.</summary>
    public const string MediaType = "application/x-www-form-urlencoded";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Whether a <c>Content-Type</c> value is <c>application/x-www-form-urlencoded</c> (parameters such as charset allowed).</summary>
    /// <param name="contentType">The header value, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> for a form body.</returns>
    public static bool IsFormUrlEncoded(string? contentType) =>
        contentType is { } type && type.TrimStart().StartsWith(MediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a query string or form text; a leading <c>?</c> is skipped.</summary>
    /// <param name="text">The text, or <see langword="null"/> for none.</param>
    /// <param name="encoding">The charset of the percent-encoded bytes; UTF-8 when <see langword="null"/>.</param>
    /// <returns>The fields; <see cref="FormFieldCollection.Empty"/> for empty text.</returns>
    /// <exception cref="ArgumentException"><paramref name="encoding"/> does not keep ASCII as single bytes.</exception>
    public static FormFieldCollection Parse(string? text, Encoding? encoding = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return FormFieldCollection.Empty;
        }

        var charset = Checked(encoding);
        // Characters that arrived unescaped are turned back into bytes of the same charset, so they decode to themselves.
        return Parse(charset.GetBytes(text.StartsWith('?') ? text[1..] : text), charset);
    }

    /// <summary>Parses a form body as sent on the wire.</summary>
    /// <param name="body">The body bytes.</param>
    /// <param name="encoding">The charset of the percent-encoded bytes; UTF-8 when <see langword="null"/>.</param>
    /// <returns>The fields; <see cref="FormFieldCollection.Empty"/> for an empty body.</returns>
    /// <exception cref="ArgumentException"><paramref name="encoding"/> does not keep ASCII as single bytes.</exception>
    public static FormFieldCollection Parse(ReadOnlySpan<byte> body, Encoding? encoding = null)
    {
        var charset = Checked(encoding);
        if (body.IsEmpty)
        {
            return FormFieldCollection.Empty;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        var malformed = false;
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'&');
            var piece = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (piece.IsEmpty)
            {
                continue;
            }

            var equals = piece.IndexOf((byte)'=');
            var name = Decode(equals < 0 ? piece : piece[..equals], charset, ref malformed);
            var value = equals < 0 ? string.Empty : Decode(piece[(equals + 1)..], charset, ref malformed);
            pairs.Add(new KeyValuePair<string, string>(name, value));
        }

        return new FormFieldCollection(pairs, malformed);
    }

    /// <summary>
    /// The charset a <c>Content-Type</c> value declares (<c>application/x-www-form-urlencoded; charset=GBK</c>), or
    /// <see langword="null"/> when it declares none or one the runtime does not know.
    /// </summary>
    /// <param name="contentType">The header value, or <see langword="null"/>.</param>
    /// <returns>The encoding, or <see langword="null"/>.</returns>
    public static Encoding? CharsetOf(string? contentType) =>
        contentType is null ? null : GetEncoding(MultipartFormReader.HeaderParameter(contentType, "charset"));

    /// <summary>Looks up a charset by name (<c>utf-8</c>, <c>gbk</c>, <c>gb18030</c>, …), including the Windows code pages.</summary>
    /// <param name="charset">The name, or <see langword="null"/>.</param>
    /// <returns>The encoding, or <see langword="null"/> when the name is empty or unknown.</returns>
    public static Encoding? GetEncoding(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        var name = charset.Trim();
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            // Not registered with the runtime: the code-page provider knows gbk and friends without changing global state.
            return CodePagesEncodingProvider.Instance.GetEncoding(name);
        }
    }

    private static Encoding Checked(Encoding? encoding)
    {
        if (encoding is null)
        {
            return Utf8;
        }

        var probe = encoding.GetBytes("%+&=");
        if (probe is not [(byte)'%', (byte)'+', (byte)'&', (byte)'='])
        {
            throw new ArgumentException($"{encoding.WebName} does not keep ASCII as single bytes and cannot encode a form.", nameof(encoding));
        }

        return encoding;
    }

    private static string Decode(ReadOnlySpan<byte> text, Encoding encoding, ref bool malformed)
    {
        if (text.IndexOfAny((byte)'%', (byte)'+') < 0)
        {
            return encoding.GetString(text);
        }

        var bytes = text.Length <= 256 ? stackalloc byte[text.Length] : new byte[text.Length];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (b == (byte)'+')
            {
                bytes[length++] = (byte)' ';
            }
            else if (b == (byte)'%' && i + 2 < text.Length && HexValue(text[i + 1]) is var high and >= 0 && HexValue(text[i + 2]) is var low and >= 0)
            {
                bytes[length++] = (byte)((high << 4) | low);
                i += 2;
            }
            else
            {
                malformed |= b == (byte)'%';
                bytes[length++] = b;
            }
        }

        return encoding.GetString(bytes[..length]);
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };
}
