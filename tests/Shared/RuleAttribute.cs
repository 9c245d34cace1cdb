using System.Collections;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PlatformSdk.Tests.Shared;

/// <summary>
/// Names the business rules a test checks (IDs defined in <c>docs/rules.md</c>), as xunit traits called <c>Rule</c>:
/// <c>[Rule("RJST-20", "RJST-21")]</c> gives the test one <c>Rule</c> trait per ID, so
/// <c>dotnet test --filter Rule=RJST-20</c> runs the tests of one rule.
/// </summary>
/// <remarks>
/// This file is compiled into every test assembly (root <c>Directory.Build.props</c>). xunit finds a trait discoverer by
/// assembly name, so the name is the per-assembly constant <c>RuleTraitAssembly.Name</c>, which the build writes into
/// <c>obj/</c> for each test project.
/// </remarks>
[TraitDiscoverer("PlatformSdk.Tests.Shared.RuleTraitDiscoverer", RuleTraitAssembly.Name)]
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
internal sealed class RuleAttribute(params string[] ids) : Attribute, ITraitAttribute
{
    /// <summary>The trait name: <c>dotnet test --filter Rule=&lt;ID&gt;</c>.</summary>
    public const string TraitName = "Rule";

    /// <summary>The rule IDs, for example <c>RJST-20</c>.</summary>
    public IReadOnlyList<string> Ids { get; } = ids;
}

/// <summary>Turns a <see cref="RuleAttribute"/> into one <c>Rule</c> trait per rule ID.</summary>
internal sealed class RuleTraitDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        IEnumerable<string> ids = traitAttribute is IReflectionAttributeInfo { Attribute: RuleAttribute rule }
            ? rule.Ids
            : (traitAttribute.GetConstructorArguments().FirstOrDefault() as IEnumerable ?? Array.Empty<object>()).OfType<string>();
        foreach (var id in ids)
            yield return new KeyValuePair<string, string>(RuleAttribute.TraitName, id);
    }
}
