using System.Runtime.CompilerServices;

namespace PlatformSdk.Paging;

/// <summary>
/// The result of every paged platform API (the Azure SDK's <c>AsyncPageable&lt;T&gt;</c>): enumerate it for the items, every page
/// fetched as it is reached, or call <see cref="AsPages"/> for the pages and their continuation tokens, to resume after a restart.
/// Nothing is sent until the enumeration starts; each enumeration runs the query again.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>Build one in tests with <see cref="PlatformPageable.FromPages{T}(IEnumerable{PlatformPage{T}})"/>.</remarks>
public abstract class PlatformPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>For mocking and derived types.</summary>
    protected PlatformPageable()
    {
    }

    /// <summary>Creates the pageable with the token given to the method that returned it.</summary>
    /// <param name="cancellationToken">Cancels every enumeration, together with the enumeration's own token.</param>
    protected PlatformPageable(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    /// <summary>The token given to the method that returned this pageable.</summary>
    protected virtual CancellationToken CancellationToken { get; }

    /// <summary>Enumerates the pages, starting after <paramref name="continuationToken"/>.</summary>
    /// <param name="continuationToken">A <see cref="PlatformPage{T}.ContinuationToken"/> from an earlier enumeration, or <see langword="null"/> to start at the first page.</param>
    /// <param name="pageSizeHint">A page size to ask for, where the platform lets the caller choose; packages may ignore it.</param>
    /// <returns>The pages.</returns>
    /// <exception cref="FormatException">The continuation token is not one this query issued.</exception>
    public abstract IAsyncEnumerable<PlatformPage<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null);

    /// <summary>Enumerates the items of every page.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The enumerator.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var value in page.Values)
            {
                yield return value;
            }
        }
    }
}

/// <summary>Creates <see cref="PlatformPageable{T}"/>s: from a page function (platform packages) or from fixed pages (tests).</summary>
public static class PlatformPageable
{
    /// <summary>A pageable over pages known in advance, for tests that mock a paged method. Continuation tokens are the pages' own.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pages">The pages, in order.</param>
    /// <returns>The pageable; <see cref="PlatformPageable{T}.AsPages"/> with a token starts after the page that carries it.</returns>
    public static PlatformPageable<T> FromPages<T>(IEnumerable<PlatformPage<T>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var list = pages.ToArray();
        return Create<T>((token, _, _) => Skip(list, token));
    }

    /// <summary>A pageable whose pages come from <paramref name="pages"/>, called once per enumeration.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pages">Enumerates the pages from a continuation token (<see langword="null"/> = the first page), with a page size hint
    /// and the enumeration's token (the method's and the enumeration's, linked).</param>
    /// <param name="cancellationToken">The token given to the method that returns the pageable.</param>
    /// <returns>The pageable.</returns>
    public static PlatformPageable<T> Create<T>(Func<string?, int?, CancellationToken, IAsyncEnumerable<PlatformPage<T>>> pages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return new FuncPageable<T>(pages, cancellationToken);
    }

    private static async IAsyncEnumerable<PlatformPage<T>> Skip<T>(PlatformPage<T>[] pages, string? continuationToken)
    {
        var start = 0;
        if (continuationToken is not null)
        {
            start = Array.FindIndex(pages, p => string.Equals(p.ContinuationToken, continuationToken, StringComparison.Ordinal)) + 1;
            if (start == 0)
            {
                throw new FormatException($"'{continuationToken}' is not the continuation token of any page.");
            }
        }

        for (var i = start; i < pages.Length; i++)
        {
            await Task.Yield();
            yield return pages[i];
        }
    }

    private sealed class FuncPageable<T>(Func<string?, int?, CancellationToken, IAsyncEnumerable<PlatformPage<T>>> pages, CancellationToken cancellationToken)
        : PlatformPageable<T>(cancellationToken)
    {
        public override IAsyncEnumerable<PlatformPage<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
            => Enumerate(continuationToken, pageSizeHint, default);

        private async IAsyncEnumerable<PlatformPage<T>> Enumerate(string? continuationToken, int? pageSizeHint, [EnumeratorCancellation] CancellationToken enumerationToken)
        {
            using var linked = CancellationToken.CanBeCanceled && enumerationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(CancellationToken, enumerationToken)
                : null;
            var token = linked?.Token ?? (enumerationToken.CanBeCanceled ? enumerationToken : CancellationToken);
            await foreach (var page in pages(continuationToken, pageSizeHint, token).WithCancellation(token).ConfigureAwait(false))
            {
                yield return page;
            }
        }
    }
}
