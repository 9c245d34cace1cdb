using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace PlatformSdk.Matching;

/// <summary>
/// Compares codes under a <see cref="SkuCodeNormalization"/> without allocating: equality folds characters on
/// the fly and hashing folds into a stack buffer. Dictionaries keyed by the caller's own code strings can
/// therefore be probed with raw platform codes, so matching a million codes creates no normalised copies.
/// </summary>
public sealed class SkuCodeComparer : IEqualityComparer<string?>
{
    private const int StackLimit = 64; // covers real codes; the buffer is zeroed on every call, so keep it small
    private readonly bool _trim;
    private readonly bool _width;
    private readonly bool _case;

    /// <summary>Creates a comparer.</summary>
    /// <param name="normalization">The normalisation steps.</param>
    public SkuCodeComparer(SkuCodeNormalization normalization)
    {
        ArgumentNullException.ThrowIfNull(normalization);
        Normalization = normalization;
        _trim = normalization.TrimWhitespace;
        _width = normalization.FoldFullWidth;
        _case = normalization.IgnoreAsciiCase;
    }

    /// <summary>The comparer for <see cref="SkuCodeNormalization.Default"/>.</summary>
    public static SkuCodeComparer Default { get; } = new(SkuCodeNormalization.Default);

    /// <summary>The normalisation steps this comparer applies.</summary>
    public SkuCodeNormalization Normalization { get; }

    /// <summary>
    /// True when <paramref name="code"/> is <see langword="null"/>, empty or only white space (U+3000 included).
    /// Such a code never matches anything, whatever the options: a blank cargo number is missing data, not a code.
    /// </summary>
    /// <param name="code">The code.</param>
    /// <returns><see langword="true"/> for a blank code.</returns>
    public static bool IsBlank([NotNullWhen(false)] string? code) => string.IsNullOrWhiteSpace(code);

    /// <summary>Returns the normalised form of a code, for display, logs or a persisted key.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The normalised code; an empty string for <see langword="null"/>.</returns>
    public string Normalize(string? code)
    {
        if (code is null)
        {
            return string.Empty;
        }

        var span = Trim(code.AsSpan());
        return string.Create(span.Length, this, (destination, comparer) =>
        {
            var source = comparer.Trim(code.AsSpan());
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = comparer.Fold(source[i]);
            }
        });
    }

    /// <summary>True when both codes are equal after normalisation.</summary>
    /// <param name="x">A code.</param>
    /// <param name="y">Another code.</param>
    /// <returns><see langword="true"/> when equal; two <see langword="null"/>s are equal, <see langword="null"/> equals nothing else.</returns>
    public bool Equals(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null)
        {
            return false;
        }

        return EqualsCore(Trim(x.AsSpan()), Trim(y.AsSpan()));
    }

    /// <summary>Returns a hash code consistent with <see cref="Equals(string?, string?)"/>.</summary>
    /// <param name="obj">The code.</param>
    /// <returns>The hash code (randomised per process, like <see cref="string.GetHashCode()"/>).</returns>
    public int GetHashCode(string? obj)
    {
        if (obj is null)
        {
            return 0;
        }

        var span = Trim(obj.AsSpan());
        if (!_width && !_case)
        {
            return OrdinalHash(span);
        }

        char[]? rented = null;
        var buffer = span.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(span.Length));
        for (var i = 0; i < span.Length; i++)
        {
            buffer[i] = Fold(span[i]);
        }

        var hash = OrdinalHash(buffer[..span.Length]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return hash;
    }

    private ReadOnlySpan<char> Trim(ReadOnlySpan<char> code) => _trim ? code.Trim() : code;

#if NET8_0_OR_GREATER
    private static int OrdinalHash(ReadOnlySpan<char> text) => string.GetHashCode(text, StringComparison.Ordinal);
#else
    // netstandard2.0 hashes only strings; hashing the characters keeps the lookup free of allocations there too.
    private static int OrdinalHash(ReadOnlySpan<char> text)
    {
        var hash = default(HashCode);
        foreach (var c in text)
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }
#endif

    private bool EqualsCore(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        // Folding maps one character to one character, so different trimmed lengths can never be equal.
        if (a.Length != b.Length)
        {
            return false;
        }

        if (!_width && !_case)
        {
            return a.SequenceEqual(b);
        }

        for (var i = 0; i < a.Length; i++)
        {
            var ca = a[i];
            var cb = b[i];
            if (ca != cb && Fold(ca) != Fold(cb))
            {
                return false;
            }
        }

        return true;
    }

    private char Fold(char c)
    {
        if (_width)
        {
            if ((uint)(c - '\uFF01') <= '\uFF5E' - '\uFF01')
            {
                c = (char)(c - 0xFEE0); // the full-width ASCII block maps 1:1 onto U+0021–U+007E
            }
            else if (c == '\u3000')
            {
                c = ' ';
            }
        }

        if (_case && (uint)(c - 'A') <= 'Z' - 'A')
        {
            c = (char)(c | 0x20);
        }

        return c;
    }
}
