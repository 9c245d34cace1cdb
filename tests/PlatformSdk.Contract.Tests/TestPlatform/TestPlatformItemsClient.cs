using System.Runtime.CompilerServices;
using System.Text.Json;
using PlatformSdk.TestPlatform.Errors;
using PlatformSdk.TestPlatform.Models.Items;
using PlatformSdk.TestPlatform.Protocol;
using PlatformSdk.Validation;

namespace PlatformSdk.TestPlatform;

/// <summary>The shop's items (<c>items.query</c>).</summary>
public class TestPlatformItemsClient
{
    private static readonly ValidationGuard Guard = new(TestPlatformErrorCatalogue.Platform);
    private readonly TestPlatformTransport _transport = null!;

    internal TestPlatformItemsClient(TestPlatformTransport transport) => _transport = transport;

    /// <summary>For mocking.</summary>
    protected TestPlatformItemsClient()
    {
    }

    /// <summary>Lists the shop's items, page by page as they are read (a read: retried on transient failures).</summary>
    /// <param name="query">Optional filters and page size.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The items.</returns>
    /// <exception cref="PlatformValidationException">The page size is outside 1 to 100; nothing was sent.</exception>
    public virtual async IAsyncEnumerable<TestPlatformItem> QueryAsync(TestPlatformItemQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new TestPlatformItemQuery();
        Guard.InRange("page_size", query.PageSize, 1, TestPlatformWireChoices.MaxItemsPageSize);
        var pages = _transport.PagesAsync(
            page => JsonSerializer.Serialize(new ItemsQueryWire { PageNo = page, PageSize = query.PageSize, Keyword = query.Keyword }, TestPlatformJsonContext.Default.ItemsQueryWire),
            static wire => (wire.Items.Select(i => new TestPlatformItem(i.ItemId, i.Title, i.Price, i.Stock)).ToArray(), wire.HasNext),
            cancellationToken);
        await foreach (var item in pages.ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>Reads every item into a list (see <see cref="QueryAsync"/>).</summary>
    /// <param name="query">Optional filters and page size.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items.</returns>
    public virtual async Task<IReadOnlyList<TestPlatformItem>> ListAsync(TestPlatformItemQuery? query = null, CancellationToken cancellationToken = default)
    {
        var items = new List<TestPlatformItem>();
        await foreach (var item in QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }
}
