using System.Collections;

namespace PlatformSdk.Testing;

/// <summary>
/// The decoded fields of an <c>application/x-www-form-urlencoded</c> text (a query string or a form body), as
/// <see cref="FormReader"/> reads them. As a dictionary the first value of a repeated name wins; <see cref="Pairs"/> and
/// <see cref="GetValues"/> keep every value in the order sent. Immutable.
/// </summary>
public sealed class FormFieldCollection : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _first;

    internal FormFieldCollection(IReadOnlyList<KeyValuePair<string, string>> pairs, bool hasMalformedEscapes)
    {
        Pairs = pairs;
        HasMalformedEscapes = hasMalformedEscapes;
        _first = new Dictionary<string, string>(pairs.Count, StringComparer.Ordinal);
        foreach (var (name, value) in pairs)
        {
            _first.TryAdd(name, value);
        }
    }

    /// <summary>No fields.</summary>
    public static FormFieldCollection Empty { get; } = new([], hasMalformedEscapes: false);

    /// <summary>Every field in the order sent, repeated names included.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs { get; }

    /// <summary>
    /// Whether the text had a <c>%</c> not followed by two hex digits. Such a <c>%</c> is kept as a literal character (as the
    /// WHATWG URL standard and browsers do) rather than failing the whole text, so a fake can decide how to answer it.
    /// </summary>
    public bool HasMalformedEscapes { get; }

    /// <summary>The number of distinct names.</summary>
    public int Count => _first.Count;

    /// <summary>The distinct names, in the order they first appear.</summary>
    public IEnumerable<string> Keys => _first.Keys;

    /// <summary>The first value of each distinct name.</summary>
    public IEnumerable<string> Values => _first.Values;

    /// <summary>The first value of a name.</summary>
    /// <param name="key">The field name (ordinal, case-sensitive).</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No field has that name.</exception>
    public string this[string key] => _first.TryGetValue(key, out var value)
        ? value
        : throw new KeyNotFoundException($"The form has no field '{key}'. Fields: {string.Join(", ", _first.Keys)}");

    /// <summary>Every value of a name, in the order sent; empty when the name is absent.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The values.</returns>
    public IReadOnlyList<string> GetValues(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Pairs.Where(pair => string.Equals(pair.Key, name, StringComparison.Ordinal)).Select(pair => pair.Value).ToArray();
    }

    /// <summary>Whether a field has that name.</summary>
    /// <param name="key">The field name.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool ContainsKey(string key) => _first.ContainsKey(key);

    /// <summary>Gets the first value of a name.</summary>
    /// <param name="key">The field name.</param>
    /// <param name="value">The value, when present.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value) =>
        _first.TryGetValue(key, out value);

    /// <summary>Enumerates the distinct names with their first values.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _first.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join("&", Pairs.Select(pair => pair.Key + "=" + pair.Value));
}
