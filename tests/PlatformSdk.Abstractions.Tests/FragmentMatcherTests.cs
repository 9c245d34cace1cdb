using PlatformSdk.Errors;
using Xunit.Abstractions;

namespace PlatformSdk.Abstractions.Tests;

/// <summary>The one-pass fragment matcher behind <see cref="ErrorCatalogue"/> agrees with the obvious reading of the rule.</summary>
public sealed class FragmentMatcherTests(ITestOutputHelper output)
{
    /// <summary>The reference: the longest normalised fragment the normalised message contains; on equal length, the first listed.</summary>
    private static int Reference(List<string> fragments, string message)
    {
        var normalized = PlatformMessageText.Normalize(message);
        var best = -1;
        for (var i = 0; i < fragments.Count; i++)
        {
            if (normalized.Contains(fragments[i], StringComparison.Ordinal) && (best < 0 || fragments[i].Length > fragments[best].Length))
            {
                best = i;
            }
        }

        return best;
    }

    [Fact]
    public void Agrees_with_the_longest_contained_fragment_rule_on_random_overlapping_fragments_and_messages()
    {
        const int Seed = 20261202;
        var random = new Random(Seed);
        // A small alphabet with CJK, full-width and ASCII characters makes overlaps, shared prefixes and suffixes common.
        char[] alphabet = ['发', '货', '失', '败', '订', '单', 'a', 'B', '#', '，', ',', ' ', '３', '8', '【', ']'];
        string Word(int min, int max) => new([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);

        for (var round = 0; round < 300; round++)
        {
            var fragments = Enumerable.Range(0, random.Next(1, 40)).Select(_ => PlatformMessageText.Normalize(Word(1, 6))).Where(f => f.Length > 0).ToList();
            var matcher = new FragmentMatcher(fragments);
            for (var probe = 0; probe < 50; probe++)
            {
                var message = Word(0, 60);
                var expected = Reference(fragments, message);
                var actual = matcher.Find(message);
                Assert.True(expected == actual,
                    $"seed {Seed}, round {round}: message '{message}' over [{string.Join(" | ", fragments)}]: expected {expected}, got {actual}");
            }
        }

        output.WriteLine($"seed {Seed}: 300 automata, 15,000 messages agree with the reference");
    }

    [Fact]
    public void The_longer_fragment_wins_wherever_it_sits_and_ties_go_to_the_first_listed()
    {
        var matcher = new FragmentMatcher([.. new[] { "风控拦截", "#consign_risk_control_block", "abc", "xbc" }]);

        Assert.Equal(1, matcher.Find("风控拦截#CONSIGN_RISK_CONTROL_BLOCK"));
        Assert.Equal(1, matcher.Find("#CONSIGN_RISK_CONTROL_BLOCK 风控拦截"));
        Assert.Equal(0, matcher.Find("发货失败：风控拦截"));
        Assert.Equal(2, matcher.Find("xbc abc"));
        Assert.Equal(-1, matcher.Find("风控拦"));
        Assert.Equal(-1, matcher.Find(string.Empty));
    }

    [Fact]
    public void Characters_outside_every_fragment_and_outside_the_basic_plane_restart_the_match()
    {
        var matcher = new FragmentMatcher(["订单状态"]);

        Assert.Equal(0, matcher.Find("😀订单状态😀"));
        Assert.Equal(-1, matcher.Find("订单😀状态"));
        Assert.Equal(0, matcher.Find("订单 状\u3000态"));
    }
}
