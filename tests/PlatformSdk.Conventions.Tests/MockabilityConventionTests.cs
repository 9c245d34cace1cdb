using System.Reflection;

namespace PlatformSdk.Conventions.Tests;

/// <summary>
/// What a user needs to mock a client: every result a public virtual method returns can be built without the SDK's internals,
/// through a public constructor with public setters, or a <c>&lt;Platform&gt;ModelFactory</c> method returning it.
/// </summary>
public class MockabilityConventionTests
{
    [Fact]
    public void Results_of_virtual_methods_are_constructible_by_users()
    {
        var factoryResults = ModelFactoryResults();
        var offenders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in Surface.ExportedTypes.Where(t => t.IsClass && !t.IsSealed))
        {
            foreach (var method in Surface.PublicMethods(type).Where(m => m.IsVirtual && !m.IsFinal && !m.IsSpecialName))
            {
                var result = Unwrap(method.ReturnType);
                foreach (var model in ModelGraph(result))
                {
                    if (!IsUserConstructible(model) && !factoryResults.Contains(model) && !HasOwnFactory(model))
                    {
                        offenders.Add(model == result
                            ? $"{Surface.Name(model)} (returned by {Surface.Name(method)})"
                            : $"{Surface.Name(model)} (inside {Surface.Name(result)}, returned by {Surface.Name(method)})");
                    }
                }
            }
        }

        Assert.True(offenders.Count == 0,
            "These results of public virtual methods cannot be built by a user who mocks the method: give them a public constructor "
            + "with public setters, or add a method returning them to the package's <Platform>ModelFactory:" + Environment.NewLine + Surface.List(offenders));
    }

    [Fact]
    public void Every_package_with_clients_has_one_model_factory()
    {
        var offenders = new List<string>();
        foreach (var assembly in PackageAssemblies.All)
        {
            var name = assembly.GetName().Name!;
            var factories = assembly.GetExportedTypes().Where(t => t.Name.EndsWith("ModelFactory", StringComparison.Ordinal)).ToList();
            var hasClients = assembly.GetExportedTypes().Any(IsClient) || name == "PlatformSdk.Abstractions";
            if (!hasClients && factories.Count == 0)
            {
                continue;
            }

            // Abstractions' root namespace is PlatformSdk and its types are Platform…: PlatformSdk.PlatformModelFactory.
            var expected = name == "PlatformSdk.Abstractions" ? "PlatformSdk.PlatformModelFactory" : $"{name}.{name["PlatformSdk.".Length..]}ModelFactory";
            if (factories.Count != 1 || factories[0].FullName != expected || !(factories[0].IsAbstract && factories[0].IsSealed))
            {
                offenders.Add($"{name}: expected one static class {expected}, found [{string.Join(", ", factories.Select(f => f.FullName))}]");
            }
        }

        Assert.True(offenders.Count == 0, "Each package with clients (and Abstractions) has exactly one static <Platform>ModelFactory in its root namespace:"
            + Environment.NewLine + Surface.List(offenders));
    }

    /// <summary>The result and every model reachable through its public properties (our types only; no clients, enums or interfaces).</summary>
    private static IEnumerable<Type> ModelGraph(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>();
        pending.Push(root);
        while (pending.TryPop(out var type))
        {
            type = Unwrap(type);
            if (type.IsGenericParameter || !IsOurs(type) || type.IsEnum || type.IsInterface || type.IsAbstract || IsClient(type) || !seen.Add(type))
            {
                continue;
            }

            yield return type;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                pending.Push(property.PropertyType);
            }
        }
    }

    private static Type Unwrap(Type type)
    {
        type = Surface.Unwrap(type);
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
            ? Surface.Unwrap(type.GetGenericArguments()[1])
            : type;
    }

    // Static factory methods on the type itself (FakeTopResult.Success, VoucherCode.Parse) build it too.
    private static bool HasOwnFactory(Type type)
        => type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Any(m => m.ReturnType == type && !m.IsSpecialName);

    internal static bool IsClient(Type type) => type.IsClass && !type.IsSealed && type.Name.EndsWith("Client", StringComparison.Ordinal);

    private static bool IsOurs(Type type) => PackageAssemblies.All.Contains(type.Assembly);

    private static HashSet<Type> ModelFactoryResults()
        => Surface.ExportedTypes
            .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("ModelFactory", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => m.ReturnType)
            .ToHashSet();

    /// <summary>A public constructor, and no property a user could not set that the SDK sets (internal or private setters).</summary>
    internal static bool IsUserConstructible(Type type)
    {
        return type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Length > 0 && HasOnlyPublicSetters(type);
    }

    private static bool HasOnlyPublicSetters(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .All(p => p.SetMethod is null || p.SetMethod.IsPublic || HasPublicConstructorParameter(type, p.Name));

    // A record's positional property, or a property a public constructor sets, is constructible even with a non-public setter.
    private static bool HasPublicConstructorParameter(Type type, string property)
        => type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .Any(c => c.GetParameters().Any(p => string.Equals(p.Name, property, StringComparison.OrdinalIgnoreCase)));
}
