using System.Text.RegularExpressions;

namespace PlatformSdk.Conventions.Tests;

/// <summary>
/// Every library reaches .NET Framework ERP clients through a netstandard2.0 asset, or its README says why it cannot
/// (docs/testing.md, "Target frameworks"): a package that quietly drops the asset would break them at the next update.
/// </summary>
public sealed partial class TargetFrameworkConventionTests
{
    [GeneratedRegex(@"<TargetFrameworks>(?<list>[^<]*)</TargetFrameworks>")]
    private static partial Regex TargetFrameworks();

    private static DirectoryInfo RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("the repository root (Directory.Build.props, src/) was not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> Libraries()
    {
        var data = new TheoryData<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(RepositoryRoot().FullName, "src"), "PlatformSdk.*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            if (name != "PlatformSdk.Tool")
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Fact]
    public void The_libraries_default_to_netstandard2_0_net8_0_and_net10_0()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryRoot().FullName, "Directory.Build.props"));
        Assert.Contains("<TargetFrameworks>netstandard2.0;net8.0;net10.0</TargetFrameworks>", props, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void A_library_without_a_netstandard2_0_asset_says_why_in_its_README(string library)
    {
        var folder = Path.Combine(RepositoryRoot().FullName, "src", library);
        var own = TargetFrameworks().Match(File.ReadAllText(Path.Combine(folder, library + ".csproj")));
        if (!own.Success || own.Groups["list"].Value.Split(';').Contains("netstandard2.0", StringComparer.Ordinal))
        {
            return; // the repository default, or its own list with netstandard2.0
        }

        var readme = Path.Combine(folder, "README.md");
        Assert.True(File.Exists(readme), $"{library} ships no netstandard2.0 asset and has no README.md to say why.");
        Assert.Contains("## Target frameworks", File.ReadAllText(readme), StringComparison.Ordinal);
    }
}
