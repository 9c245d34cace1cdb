using PlatformSdk.Errors;
using PlatformSdk.Testing;

namespace PlatformSdk.Tests.Shared;

/// <summary>
/// The checks every package's hostile-input tests share: a hostile value is refused with a validation error naming the
/// field, before anything reaches the network, and the message shows the value escaped and shortened. Linked into the test
/// projects that use it (it needs PlatformSdk.Testing).
/// </summary>
internal static class HostileInput
{
    /// <summary>The case names of a table of hostile calls, as theory data.</summary>
    /// <typeparam name="T">The case type.</typeparam>
    /// <param name="cases">The cases by name.</param>
    /// <returns>The names.</returns>
    public static TheoryData<string> Names<T>(IReadOnlyDictionary<string, T> cases)
    {
        var data = new TheoryData<string>();
        foreach (var name in cases.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Runs one hostile call against a client on <paramref name="server"/> and checks it was refused before the network.</summary>
    /// <typeparam name="TClient">The client type.</typeparam>
    /// <param name="server">The loopback server the client points at (it must see no request).</param>
    /// <param name="client">The client.</param>
    /// <param name="field">The field the refusal must name.</param>
    /// <param name="call">The hostile call.</param>
    /// <returns>The refusal.</returns>
    public static async Task<PlatformValidationException> RefusedBeforeTheNetworkAsync<TClient>(LoopbackStubServer server, TClient client, string field, Func<TClient, Task> call)
    {
        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => call(client));

        Assert.Equal(field, ex.Field);
        Assert.Equal(ErrorCategory.Validation, ex.Category);
        Assert.Empty(server.Requests);
        // The message shows the value escaped and cut: no raw control character, no 10,000-character line.
        Assert.DoesNotContain(ex.Message, c => char.IsControl(c) || char.IsSurrogate(c));
        Assert.True(ex.Message.Length < 1_000, ex.Message);
        return ex;
    }
}
