using System.Reflection;
using System.Runtime.Versioning;

namespace PlatformSdk.Tests.Shared;

/// <summary>
/// Proves which build of each PlatformSdk library this test assembly exercises (compiled into every test project): the
/// netstandard2.0 asset under eng/test-netstandard.sh, otherwise the asset of the test's own target framework. Without it
/// a run "on netstandard2.0" could silently test the .NET 10 build.
/// </summary>
public sealed class LoadedAssetTests
{
    // The packages that ship no netstandard2.0 asset (their READMEs say why).
    private static readonly HashSet<string> ModernOnly = new(StringComparer.Ordinal)
    {
        "PlatformSdk.Testing", "PlatformSdk.TmallGlobalDirect.AspNetCore", "PlatformSdk.Tool",
    };

    [Fact]
    public void Every_referenced_library_is_the_build_of_the_asset_under_test()
    {
        var self = typeof(LoadedAssetTests).Assembly;
        var expectedModern = self.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
        var libraries = self.GetReferencedAssemblies()
            .Where(a => a.Name!.StartsWith("PlatformSdk.", StringComparison.Ordinal) && !a.Name.EndsWith("Tests", StringComparison.Ordinal))
            .Select(Assembly.Load)
            .ToList();

        foreach (var library in libraries)
        {
            var name = library.GetName().Name!;
            var built = library.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
#if PLATFORMSDK_NETSTANDARD_ASSETS
            var expected = ModernOnly.Contains(name) ? expectedModern : ".NETStandard,Version=v2.0";
#else
            var expected = expectedModern;
#endif
            Assert.True(string.Equals(expected, built, StringComparison.Ordinal), $"{name} is the {built} build; expected {expected}.");
        }
    }
}
