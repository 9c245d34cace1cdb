namespace PlatformSdk.Errors;

/// <summary>
/// Finds, in one pass over a message, the best of many normalised fragments it contains: an Aho–Corasick automaton compiled
/// to a dense table. The message is normalised as it is read (<see cref="PlatformMessageText.NormalizeChar"/>, folded into the
/// character map), so nothing is copied or allocated, and the cost is one table step per character whatever the number of
/// fragments. The best fragment is
/// the longest (a specific message beats a generic one it contains); among equally long ones, the one listed first.
/// </summary>
/// <remarks>
/// Raw characters are mapped straight to a small class number, with the normalisation folded in at build time: every
/// character whose normalised form occurs in some fragment gets that form's class (so <c>Ａ</c>, <c>A</c> and <c>a</c> share
/// one), white space gets <see cref="Skip"/>, all others share class 0, which leads back to the root. The map is two-level
/// (256 pages of 256), allocating only the pages in use, so reading a character costs two array loads and no call.
/// </remarks>
internal sealed class FragmentMatcher
{
    private const ushort Skip = ushort.MaxValue;
    private readonly ushort[]?[] _classPages = new ushort[]?[256];
    private readonly int _classes;
    private readonly int[] _next;
    private readonly int[] _best;
    private readonly int[] _rank;

    /// <summary>Compiles the matcher.</summary>
    /// <param name="fragments">Normalised, non-empty fragments; the result of <see cref="Find"/> is an index into this list.</param>
    public FragmentMatcher(IReadOnlyList<string> fragments)
    {
        ArgumentNullException.ThrowIfNull(fragments);

        // Rank: higher is better. Longer first; on equal length, the earlier fragment.
        _rank = new int[fragments.Count];
        for (var i = 0; i < fragments.Count; i++)
        {
            _rank[i] = (fragments[i].Length * fragments.Count) + (fragments.Count - 1 - i);
        }

        var classes = 1;
        var normalizedClass = new Dictionary<char, ushort>();
        foreach (var fragment in fragments)
        {
            foreach (var c in fragment)
            {
                if (!normalizedClass.ContainsKey(c))
                {
                    normalizedClass[c] = checked((ushort)classes++);
                }
            }
        }

        if (classes >= Skip)
        {
            throw new ArgumentException("The fragments use too many distinct characters.", nameof(fragments));
        }

        // Fold the normalisation into the map once, over every UTF-16 code unit, so matching never normalises.
        for (var code = 0; code <= char.MaxValue; code++)
        {
            var normalized = PlatformMessageText.NormalizeChar((char)code);
            var cls = normalized == '\0' ? Skip : normalizedClass.GetValueOrDefault(normalized);
            if (cls != 0)
            {
                (_classPages[code >> 8] ??= new ushort[256])[code & 0xFF] = cls;
            }
        }

        _classes = classes;

        // The trie, with sparse children while building.
        var children = new List<Dictionary<int, int>> { new() };
        var terminal = new List<int> { -1 };
        for (var i = 0; i < fragments.Count; i++)
        {
            var state = 0;
            foreach (var c in fragments[i])
            {
                int cls = normalizedClass[c];
                if (!children[state].TryGetValue(cls, out var next))
                {
                    next = children.Count;
                    children.Add([]);
                    terminal.Add(-1);
                    children[state][cls] = next;
                }

                state = next;
            }

            if (terminal[state] < 0 || _rank[i] > _rank[terminal[state]])
            {
                terminal[state] = i;
            }
        }

        // Breadth-first: fail links, the dense transition table, and each state's best match (its own or along its fail chain).
        var states = children.Count;
        _next = new int[states * classes];
        _best = new int[states];
        var fail = new int[states];
        var queue = new Queue<int>();
        _best[0] = terminal[0];
        foreach (var (cls, child) in children[0])
        {
            _next[cls] = child;
            fail[child] = 0;
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            _best[state] = Better(terminal[state], _best[fail[state]]);
            for (var cls = 0; cls < classes; cls++)
            {
                if (children[state].TryGetValue(cls, out var child))
                {
                    fail[child] = _next[(fail[state] * classes) + cls];
                    _next[(state * classes) + cls] = child;
                    queue.Enqueue(child);
                }
                else
                {
                    _next[(state * classes) + cls] = _next[(fail[state] * classes) + cls];
                }
            }
        }
    }

    /// <summary>The index of the best fragment the message contains after normalisation, or -1.</summary>
    /// <param name="message">The raw message.</param>
    /// <returns>A fragment index, or -1.</returns>
    public int Find(ReadOnlySpan<char> message)
    {
        var next = _next;
        var bestAt = _best;
        var classes = _classes;
        var state = 0;
        var found = -1;
        var foundRank = -1;
        foreach (var raw in message)
        {
            var cls = ClassOf(raw);
            if (cls == Skip)
            {
                continue;
            }

            state = next[(state * classes) + cls];
            var candidate = bestAt[state];
            if (candidate >= 0 && _rank[candidate] > foundRank)
            {
                found = candidate;
                foundRank = _rank[candidate];
            }
        }

        return found;
    }

    private int ClassOf(char c) => _classPages[c >> 8] is { } page ? page[c & 0xFF] : 0;

    private int Better(int a, int b) => a < 0 ? b : b < 0 ? a : _rank[a] >= _rank[b] ? a : b;
}
