using System.Reflection;
using System.Text.RegularExpressions;

namespace PlatformSdk.Tests.Shared;

/// <summary>
/// Keeps the rule traits of this test assembly honest (compiled into every test project with <see cref="RuleAttribute"/>):
/// every <c>[Rule]</c> ID is defined in <c>docs/rules.md</c>, and a test whose name cites a rule spells it one way
/// (<c>RJST20_</c>, <c>R168811_</c>: the ID without its hyphen) and carries that rule's trait.
/// </summary>
public sealed partial class RuleTraitTests
{
    [GeneratedRegex(@"^R(1688|JST|TV|TGD|LOG)-\d{2}$")]
    private static partial Regex RuleIdPattern();

    [GeneratedRegex(@"(R1688|RJST|RTV|RTGD|RLOG)(\d{2})(?!\d)")]
    private static partial Regex IdInName();

    [GeneratedRegex(@"(R1688|RJST|RTV|RTGD|RLOG)[-_]\d")]
    private static partial Regex OtherSpellingInName();

    [GeneratedRegex(@"^### (R(?:1688|JST|TV|TGD|LOG)-\d{2})\s*$|<a id=""(r(?:1688|jst|tv|tgd|log)-\d{2})""></a>", RegexOptions.Multiline)]
    private static partial Regex DefinedInRulesDoc();

    private static IEnumerable<MethodInfo> TestMethods()
        => typeof(RuleTraitTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any());

    private static HashSet<string> RuleIds(MemberInfo member)
        => member.GetCustomAttributes<RuleAttribute>(inherit: true).SelectMany(r => r.Ids).ToHashSet(StringComparer.Ordinal);

    private static string RulesDocument()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "rules.md");
            if (File.Exists(path) && File.Exists(Path.Combine(dir.FullName, "PlatformSdk.sln")))
                return File.ReadAllText(path);
        }

        throw new InvalidOperationException("docs/rules.md not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_Rule_trait_names_a_rule_defined_in_docs_rules_md()
    {
        var defined = DefinedInRulesDoc().Matches(RulesDocument())
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value.ToUpperInvariant())
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(defined);

        var problems = TestMethods()
            .SelectMany(m => RuleIds(m).Select(id => (Test: m.DeclaringType!.Name + "." + m.Name, Id: id)))
            .Where(x => !RuleIdPattern().IsMatch(x.Id) || !defined.Contains(x.Id))
            .Select(x => x.Test + ": " + x.Id)
            .ToList();
        Assert.Empty(problems);
    }

    [Fact]
    public void Test_names_spell_rule_IDs_without_the_hyphen_and_carry_their_Rule_traits()
    {
        var problems = new List<string>();
        foreach (var method in TestMethods())
        {
            var test = method.DeclaringType!.Name + "." + method.Name;
            if (OtherSpellingInName().IsMatch(method.Name))
                problems.Add(test + ": spell rule IDs in test names as RJST20 / R168811, without '-' or '_'");
            var traits = RuleIds(method);
            foreach (Match id in IdInName().Matches(method.Name))
            {
                var ruleId = id.Groups[1].Value + "-" + id.Groups[2].Value;
                if (!traits.Contains(ruleId))
                    problems.Add(test + ": cites " + ruleId + " in its name but has no [Rule(\"" + ruleId + "\")]");
            }
        }

        Assert.Empty(problems);
    }
}
