using System.Reflection;

namespace PlatformSdk.Conventions.Tests;

/// <summary>Clients are mockable and named after their platform (docs/architecture.md "One shape per platform").</summary>
public class ClientConventionTests
{
    private static IEnumerable<Type> Clients => Surface.ExportedTypes.Where(MockabilityConventionTests.IsClient);

    [Fact]
    public void Clients_have_only_virtual_public_members_and_a_protected_parameterless_constructor()
    {
        Assert.True(Clients.Count() >= 15, "Expected the clients and sub-clients of every package; found " + Clients.Count());
        var offenders = new List<string>();
        foreach (var client in Clients)
        {
            var mockingConstructor = client.GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes);
            if (mockingConstructor is null || !(mockingConstructor.IsFamily || mockingConstructor.IsFamilyOrAssembly))
            {
                offenders.Add($"{Surface.Name(client)} has no protected parameterless constructor (for mocking)");
            }

            foreach (var method in client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (!method.IsVirtual || method.IsFinal)
                {
                    offenders.Add($"{Surface.Name(method)} is not virtual");
                }
            }
        }

        Assert.True(offenders.Count == 0, "Public client classes (*Client) can be mocked: every public member virtual, a protected parameterless constructor:"
            + Environment.NewLine + Surface.List(offenders));
    }

    [Fact]
    public void Clients_are_named_after_their_platform()
    {
        var offenders = new List<string>();
        foreach (var client in Clients)
        {
            var platform = client.Assembly.GetName().Name!["PlatformSdk.".Length..];
            if (!client.Name.StartsWith(platform, StringComparison.Ordinal))
            {
                offenders.Add($"{Surface.Name(client)} (expected {platform}…Client)");
            }
        }

        Assert.True(offenders.Count == 0, "Clients and sub-clients are named <Platform>…Client after their package:" + Environment.NewLine + Surface.List(offenders));
    }
}
