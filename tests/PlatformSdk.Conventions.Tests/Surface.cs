using System.Reflection;

namespace PlatformSdk.Conventions.Tests;

/// <summary>Reflection helpers over the exported surface of <see cref="PackageAssemblies.All"/>.</summary>
internal static class Surface
{
    public const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IEnumerable<Type> ExportedTypes => PackageAssemblies.All.SelectMany(a => a.GetExportedTypes());

    /// <summary>Methods a user can call or override: public, or protected on an unsealed type.</summary>
    public static IEnumerable<MethodInfo> VisibleMethods(Type type)
        => type.GetMethods(Declared).Where(m => m.IsPublic || ((m.IsFamily || m.IsFamilyOrAssembly) && !type.IsSealed));

    public static IEnumerable<MethodInfo> PublicMethods(Type type)
        => type.GetMethods(Declared).Where(m => m.IsPublic);

    public static bool IsAsync(Type returnType)
    {
        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return true;
        }

        if (!returnType.IsGenericType)
        {
            return false;
        }

        var definition = returnType.GetGenericTypeDefinition();
        return definition == typeof(Task<>) || definition == typeof(ValueTask<>) || definition == typeof(IAsyncEnumerable<>)
            || definition == typeof(PlatformSdk.Paging.PlatformPageable<>);
    }

    /// <summary>Unwraps Task, ValueTask, IAsyncEnumerable, PlatformPageable, IReadOnlyList, IEnumerable and nullable wrappers down to the model type.</summary>
    public static Type Unwrap(Type type)
    {
        while (true)
        {
            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                type = underlying;
                continue;
            }

            if (type.IsArray)
            {
                type = type.GetElementType()!;
                continue;
            }

            if (type.IsGenericType)
            {
                var definition = type.GetGenericTypeDefinition();
                if (definition == typeof(Task<>) || definition == typeof(ValueTask<>) || definition == typeof(IAsyncEnumerable<>)
                    || definition == typeof(PlatformSdk.Paging.PlatformPageable<>) || definition == typeof(PlatformSdk.Paging.PlatformPage<>)
                    || definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>)
                    || definition == typeof(IList<>) || definition == typeof(List<>))
                {
                    type = type.GetGenericArguments()[0];
                    continue;
                }
            }

            return type;
        }
    }

    public static string Name(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var name = type.GetGenericTypeDefinition().FullName ?? type.Name;
        return $"{name[..name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(a => a.Name))}>";
    }

    public static string Name(MethodBase method)
        => $"{Name(method.DeclaringType!)}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => $"{p.ParameterType.Name} {p.Name}"))})";

    public static string List(IEnumerable<string> offenders) => string.Join(Environment.NewLine, offenders.Order(StringComparer.Ordinal).Select(o => "  - " + o));
}
