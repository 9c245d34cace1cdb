namespace PlatformSdk.Errors;

/// <summary>
/// Finds, in one pass over a message, the best of many normalised fragments it contains: an Aho–Corasick automaton compiled
/// to a dense table. The message is normalised on the fly (<see cref="PlatformMessageText.NormalizeChar"/>), so nothing is
/// copied or allocated, and the cost is one table step per character whatever the number of fragments. The best fragment is
/// the longest (a specific message beats a generic one it contains); among equally long ones, the one listed first.
/// </summary>
/// <remarks>
/// Characters are first mapped to a small class number (only characters that occur in some fragment get a class of their
/// own; all others share class 0, which leads back to the root). The map is two-level (256 pages of 256), allocating only the
/// pages the fragments touch, so CJK fragments cost a few pages rather than a 64K table.
/// </remarks>
internal sealed class FragmentMatcher
{
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
        foreach (var fragment in fragments)
        {
            foreach (var c in fragment)
            {
                ref var page = ref _classPages[c >> 8];
                page ??= new ushort[256];
                if (page[c & 0xFF] == 0)
                {
                    page[c & 0xFF] = checked((ushort)classes++);
                }
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
                var cls = ClassOf(c);
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
            var c = PlatformMessageText.NormalizeChar(raw);
            if (c == '\0')
            {
                continue;
            }

            state = next[(state * classes) + ClassOf(c)];
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
