using System.Buffers;

namespace PlatformSdk.Errors;

/// <summary>
/// Normalises platform messages for matching: the platforms mix full-width and half-width punctuation
/// (<c>，</c> and <c>,</c>, <c>【】</c> and <c>[]</c>), pad codes with spaces (<c>#通知交易异常 #CD01</c>)
/// and vary ASCII case. Normalising both sides lets one catalogue fragment match every variant.
/// </summary>
public static class PlatformMessageText
{
    private const int StackLimit = 512;

    /// <summary>Normalises one character; returns <c>'\0'</c> for characters that are dropped (whitespace).</summary>
    /// <param name="c">The character.</param>
    /// <returns>The normalised character, or <c>'\0'</c>.</returns>
    public static char NormalizeChar(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0); // full-width ASCII block maps 1:1 onto ASCII
        }
        else
        {
            c = c switch
            {
                '\u3000' => ' ',
                '\u3001' => ',', // 、
                '\u3002' => '.', // 。
                '\u3010' or '\u300C' or '\u300E' or '\u3014' => '[', // 【「『〔
                '\u3011' or '\u300D' or '\u300F' or '\u3015' => ']', // 】」』〕
                '\u201C' or '\u201D' => '"',
                '\u2018' or '\u2019' => '\'',
                _ => c,
            };
        }

        if (char.IsWhiteSpace(c))
        {
            return '\0';
        }

        return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
    }

    /// <summary>Writes the normalised form of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">The text to normalise.</param>
    /// <param name="destination">A buffer at least as long as <paramref name="source"/>.</param>
    /// <returns>The number of characters written.</returns>
    public static int Normalize(ReadOnlySpan<char> source, Span<char> destination)
    {
        var written = 0;
        foreach (var c in source)
        {
            var n = NormalizeChar(c);
            if (n != '\0')
            {
                destination[written++] = n;
            }
        }

        return written;
    }

    /// <summary>Returns the normalised form of <paramref name="text"/> as a new string.</summary>
    /// <param name="text">The text to normalise.</param>
    /// <returns>The normalised text.</returns>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = text.Length <= StackLimit ? stackalloc char[text.Length] : new char[text.Length];
        var length = Normalize(text.AsSpan(), buffer);
        return buffer[..length].ToString();
    }

    /// <summary>
    /// True when <paramref name="message"/> contains <paramref name="normalizedFragment"/> after normalisation.
    /// Does not allocate for messages up to 512 characters.
    /// </summary>
    /// <param name="message">The raw platform message.</param>
    /// <param name="normalizedFragment">A fragment already passed through <see cref="Normalize(string)"/>.</param>
    /// <returns><see langword="true"/> when the fragment occurs in the message.</returns>
    public static bool Contains(ReadOnlySpan<char> message, ReadOnlySpan<char> normalizedFragment)
    {
        char[]? rented = null;
        var buffer = message.Length <= StackLimit
            ? stackalloc char[message.Length]
            : (rented = ArrayPool<char>.Shared.Rent(message.Length));
        try
        {
            var length = Normalize(message, buffer);
            return buffer[..length].IndexOf(normalizedFragment, StringComparison.Ordinal) >= 0;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
