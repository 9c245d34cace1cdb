namespace PlatformSdk.TestPlatform.Models.Items;

/// <summary>An item (商品) listed on TestPlatform.</summary>
/// <param name="ItemId">The platform's item id.</param>
/// <param name="Title">The title.</param>
/// <param name="Price">The price in yuan.</param>
/// <param name="Stock">Units on sale.</param>
public sealed record TestPlatformItem(string ItemId, string Title, decimal Price, int Stock);

/// <summary>Filters for <see cref="TestPlatformItemsClient.QueryAsync"/>.</summary>
public sealed class TestPlatformItemQuery
{
    /// <summary>Only items whose title contains this text, or <see langword="null"/> for all.</summary>
    public string? Keyword { get; init; }

    /// <summary>Items per page (1 to 100). Default <see cref="Protocol.TestPlatformWireChoices.ItemsPageSize"/>.</summary>
    public int PageSize { get; init; } = Protocol.TestPlatformWireChoices.ItemsPageSize;
}
