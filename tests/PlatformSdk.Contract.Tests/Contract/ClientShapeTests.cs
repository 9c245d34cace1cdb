using System.Reflection;

namespace PlatformSdk.Contract.Tests.Contract;

/// <summary>
/// The client half of the shape (docs/architecture.md "One shape per platform"), for every package's client and sub-client types:
/// mockable (not sealed, a protected parameterless constructor, every public member virtual) and <c>CancellationToken</c> last on
/// every async method.
/// </summary>
public sealed class ClientShapeTests
{
    private static readonly Assembly[] Packages =
    [
        typeof(Jushuitan.JushuitanClient).Assembly, typeof(Alibaba1688.Alibaba1688Client).Assembly, typeof(Top.TopClient).Assembly,
        typeof(TaobaoVoucher.TaobaoVoucherClient).Assembly, typeof(TestPlatform.TestPlatformClient).Assembly,
    ];

    public static TheoryData<Type> ClientTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in Packages.SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsClass && !t.IsAbstract && t.Namespace?.StartsWith("PlatformSdk.", StringComparison.Ordinal) == true
                && (t.Name.EndsWith("Client", StringComparison.Ordinal) || t.Name.EndsWith("Api", StringComparison.Ordinal))))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ClientTypes))]
    public void Client_IsMockable_AndTakesTheCancellationTokenLast(Type client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var problems = new List<string>();
        if (client.IsSealed)
        {
            problems.Add("sealed");
        }

        if (client.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes) is not { IsFamily: true })
        {
            problems.Add("no protected parameterless constructor");
        }

        foreach (var method in client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (!method.IsVirtual || method.IsFinal)
            {
                problems.Add($"{method.Name} is not virtual");
            }

            var parameters = method.GetParameters();
            var isAsync = typeof(Task).IsAssignableFrom(method.ReturnType) || method.ReturnType.Name.StartsWith("IAsyncEnumerable", StringComparison.Ordinal)
                || method.ReturnType.Name.StartsWith("ValueTask", StringComparison.Ordinal);
            if (isAsync && (parameters.Length == 0 || parameters[^1].ParameterType != typeof(CancellationToken)))
            {
                problems.Add($"{method.Name} does not take a CancellationToken last");
            }
        }

        Assert.Empty(problems);
    }
}
