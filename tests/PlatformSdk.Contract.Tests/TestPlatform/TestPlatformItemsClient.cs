using System.Runtime.CompilerServices;
using System.Text.Json;
using PlatformSdk.Errors;
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
        for (var page = 1; ; page++)
        {
            if (page > TestPlatformWireChoices.MaxPages)
            {
                throw new PlatformException(new PlatformError(TestPlatformErrorCatalogue.Platform, "too-many-pages",
                    $"items.query kept reporting more pages after {TestPlatformWireChoices.MaxPages} pages.", ErrorCategory.Unknown,
                    "Narrow the query (a keyword); if the platform repeats pages, report it to TestPlatform."));
            }

            var biz = JsonSerializer.Serialize(new ItemsQueryWire { PageNo = page, PageSize = query.PageSize, Keyword = query.Keyword }, TestPlatformJsonContext.Default.ItemsQueryWire);
            var wire = await _transport.SendAsync(TestPlatformApi.ItemsQuery, biz, TestPlatformJsonContext.Default.ItemsPageWire, static w => w, cancellationToken).ConfigureAwait(false);
            foreach (var item in wire.Items)
            {
                yield return new TestPlatformItem(item.ItemId, item.Title, item.Price, item.Stock);
            }

            if (!wire.HasNext || wire.Items.Count == 0)
            {
                yield break;
            }
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
