using System.Reflection;
using System.Runtime.CompilerServices;

namespace PlatformSdk.Conventions.Tests;

/// <summary>Every public async method ends with <c>CancellationToken cancellationToken = default</c>.</summary>
public class AsyncMethodConventionTests
{
    [Fact]
    public void Public_async_methods_end_with_an_optional_cancellation_token()
    {
        var offenders = new List<string>();
        foreach (var type in Surface.ExportedTypes)
        {
            foreach (var method in Surface.PublicMethods(type).Where(m => Surface.IsAsync(m.ReturnType)))
            {
                if (method.IsSpecialName || Exempt(method))
                {
                    continue;
                }

                var last = method.GetParameters().LastOrDefault();
                var problem = last switch
                {
                    null => "has no CancellationToken parameter",
                    _ when last.ParameterType != typeof(CancellationToken) => "does not end with a CancellationToken",
                    _ when last.Name != "cancellationToken" => $"names its token '{last.Name}', not 'cancellationToken'",
                    _ when !last.HasDefaultValue => "has a CancellationToken without '= default'",
                    _ when method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)
                        && last.GetCustomAttribute<EnumeratorCancellationAttribute>() is null
                        && method.GetCustomAttribute<AsyncIteratorStateMachineAttribute>() is not null => "is an async iterator whose token lacks [EnumeratorCancellation]",
                    _ => null,
                };
                if (problem is not null)
                {
                    offenders.Add($"{Surface.Name(method)} {problem}");
                }
            }
        }

        Assert.True(offenders.Count == 0,
            "Public async methods (Task, ValueTask, IAsyncEnumerable, PlatformPageable) must take 'CancellationToken cancellationToken = default' as their last parameter:"
            + Environment.NewLine + Surface.List(offenders));
    }

    // The request pipeline (PlatformSdk.Http) is an extension point the executor drives, not a service surface; the pageable type
    // (PlatformSdk.Paging) carries the token of the method that returned it, as the Azure SDK's AsyncPageable does (AsPages takes
    // none; WithCancellation adds one); methods that implement a framework interface (IAsyncDisposable.DisposeAsync) keep its shape.
    private static bool Exempt(MethodInfo method)
        => method.DeclaringType!.Namespace is "PlatformSdk.Http" or "PlatformSdk.Paging" || ImplementsForeignInterface(method);

    private static bool ImplementsForeignInterface(MethodInfo method)
    {
        var type = method.DeclaringType!;
        if (type.IsInterface)
        {
            return false;
        }

        return type.GetInterfaces()
            .Where(i => !PackageAssemblies.All.Contains(i.Assembly))
            .Any(i => type.GetInterfaceMap(i).TargetMethods.Contains(method));
    }
}
