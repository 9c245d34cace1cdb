using System.Text.Json.Serialization;
using PlatformSdk.Errors;

namespace PlatformSdk.Conventions.Tests;

/// <summary>Names, wire details, exceptions and registration: the shape every package shares.</summary>
public class TypeConventionTests
{
    [Fact]
    public void Every_project_under_src_is_checked()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        // Apps under src (the platformsdk tool, OutputType Exe) export no types, so there is nothing of theirs to check.
        var projects = Directory.GetDirectories(src).Select(Path.GetFileName).Where(d => File.Exists(Path.Combine(src, d!, d + ".csproj")))
            .Where(d => !File.ReadAllText(Path.Combine(src, d!, d + ".csproj")).Contains("<OutputType>Exe</OutputType>", StringComparison.Ordinal));
        var checkedNames = PackageAssemblies.All.Select(a => a.GetName().Name);
        Assert.Equal(projects.Order(StringComparer.Ordinal), checkedNames.Order(StringComparer.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PlatformSdk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PlatformSdk.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void No_two_exported_types_share_a_simple_name()
    {
        var offenders = Surface.ExportedTypes
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => $"{t.FullName} ({t.Assembly.GetName().Name})").Order(StringComparer.Ordinal))}")
            .ToList();

        Assert.True(offenders.Count == 0, "Exported types across all packages have distinct simple names (a user importing two namespaces needs no alias):"
            + Environment.NewLine + Surface.List(offenders));
    }

    [Fact]
    public void Wire_details_are_not_exported()
    {
        var offenders = Surface.ExportedTypes
            .Where(t => t.Name.EndsWith("WireChoices", StringComparison.Ordinal) || t.Name.EndsWith("Wire", StringComparison.Ordinal)
                || typeof(JsonSerializerContext).IsAssignableFrom(t))
            .Select(t => Surface.Name(t))
            .ToList();

        Assert.True(offenders.Count == 0, "Wire details are internal: no exported *WireChoices class, *Wire DTO or JsonSerializerContext:"
            + Environment.NewLine + Surface.List(offenders));
    }

    [Fact]
    public void Exceptions_derive_from_PlatformException_and_live_in_an_Errors_namespace()
    {
        var offenders = new List<string>();
        foreach (var exception in Surface.ExportedTypes.Where(t => typeof(Exception).IsAssignableFrom(t) && !KnownOutsideTheRule.Contains(t.FullName!)))
        {
            var assembly = exception.Assembly.GetName().Name!;
            var allowed = new[] { "PlatformSdk.Errors", assembly + ".Errors" };
            if (!typeof(PlatformException).IsAssignableFrom(exception))
            {
                offenders.Add($"{Surface.Name(exception)} does not derive from PlatformException");
            }

            if (!allowed.Contains(exception.Namespace, StringComparer.Ordinal))
            {
                offenders.Add($"{Surface.Name(exception)} is in {exception.Namespace}, not {string.Join(" or ", allowed.Distinct())}");
            }
        }

        Assert.True(offenders.Count == 0, "Exceptions derive from PlatformException and live in PlatformSdk.Errors (or the package's own .Errors namespace):"
            + Environment.NewLine + Surface.List(offenders));
    }

    // The request executor's own rate-limit signal (src/PlatformSdk.Abstractions/Http, owned by the executor work): it never
    // leaves the pipeline as such, the executor turns it into a PlatformException. Remove the entry when it moves.
    private static readonly HashSet<string> KnownOutsideTheRule = ["PlatformSdk.Http.PlatformRateLimitRejectedException"];

    [Fact]
    public void Every_package_registers_through_one_ServiceCollectionExtensions_class()
    {
        var offenders = new List<string>();
        foreach (var assembly in PackageAssemblies.All.Where(a => a.GetName().Name != "PlatformSdk.Testing"))
        {
            var extensions = assembly.GetExportedTypes().Where(t => t.Name.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal)).ToList();
            if (extensions.Count != 1 || extensions[0].Namespace != "Microsoft.Extensions.DependencyInjection" || !(extensions[0].IsAbstract && extensions[0].IsSealed))
            {
                offenders.Add($"{assembly.GetName().Name}: [{string.Join(", ", extensions.Select(t => t.FullName))}]");
            }
        }

        Assert.True(offenders.Count == 0, "Every package (PlatformSdk.Testing aside) has exactly one static *ServiceCollectionExtensions class in "
            + "Microsoft.Extensions.DependencyInjection:" + Environment.NewLine + Surface.List(offenders));
    }
}
