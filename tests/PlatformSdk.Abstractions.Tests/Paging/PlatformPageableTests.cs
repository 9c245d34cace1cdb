using System.Runtime.CompilerServices;
using PlatformSdk.Paging;

namespace PlatformSdk.Abstractions.Tests.Paging;

public class PlatformPageableTests
{
    private static readonly PlatformPage<int>[] Pages = [new([1, 2], "page:2", 5), new([3, 4], "page:3", 5), new([5], null, 5)];

    [Fact]
    public async Task Enumerating_gives_every_item_of_every_page_in_order()
        => Assert.Equal([1, 2, 3, 4, 5], await PlatformPageable.FromPages(Pages).ToListAsync());

    [Fact]
    public async Task AsPages_resumes_after_the_page_that_carries_the_token()
    {
        var resumed = await PlatformPageable.FromPages(Pages).AsPages("page:2").ToListAsync();

        Assert.Equal([[3, 4], [5]], resumed.Select(p => p.Values));
        Assert.Equal(["page:3", null], resumed.Select(p => p.ContinuationToken));
        await Assert.ThrowsAsync<FormatException>(async () => await PlatformPageable.FromPages(Pages).AsPages("page:9").ToListAsync());
    }

    [Fact]
    public async Task Each_enumeration_runs_the_page_function_again_with_the_token_and_hint()
    {
        var calls = new List<(string?, int?)>();
        var pageable = PlatformPageable.Create<int>((token, hint, ct) => Fetch(token, hint, calls, ct));

        await pageable.ToListAsync();
        await pageable.AsPages("page:2", pageSizeHint: 10).ToListAsync();

        Assert.Equal([(null, null), ("page:2", 10)], calls);
    }

    [Fact]
    public async Task The_methods_token_and_the_enumerations_token_both_cancel()
    {
        using var method = new CancellationTokenSource();
        var pageable = PlatformPageable.Create<int>((token, hint, ct) => Fetch(token, hint, [], ct), method.Token);
        await method.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pageable.ToListAsync());

        using var enumeration = new CancellationTokenSource();
        await enumeration.CancelAsync();
        var open = PlatformPageable.Create<int>((token, hint, ct) => Fetch(token, hint, [], ct));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await open.ToListAsync(enumeration.Token));
    }

    private static async IAsyncEnumerable<PlatformPage<int>> Fetch(string? token, int? hint, List<(string?, int?)> calls,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        calls.Add((token, hint));
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return new PlatformPage<int>([1], token is null ? "page:2" : null);
        if (token is null)
        {
            yield return new PlatformPage<int>([2], null);
        }
    }
}
