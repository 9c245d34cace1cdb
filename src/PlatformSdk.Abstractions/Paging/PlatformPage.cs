namespace PlatformSdk.Paging;

/// <summary>One page of a paged platform API: its values and the token that resumes after it.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class PlatformPage<T>
{
    /// <summary>Creates a page (also for tests that mock a paged method).</summary>
    /// <param name="values">The items on the page, in platform order.</param>
    /// <param name="continuationToken">The token that resumes after this page, or <see langword="null"/> on the last page.</param>
    /// <param name="totalCount">The total the platform reported for the whole query, when it reports one.</param>
    public PlatformPage(IReadOnlyList<T> values, string? continuationToken, long? totalCount = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        ContinuationToken = continuationToken;
        TotalCount = totalCount;
    }

    /// <summary>The items on the page.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>
    /// The token that resumes after this page: persist it and pass it to <see cref="PlatformPageable{T}.AsPages"/> to continue
    /// after a restart. <see langword="null"/> on the last page. Opaque text; each package documents its form.
    /// </summary>
    public string? ContinuationToken { get; }

    /// <summary>The total the platform reported for the whole query (1688 <c>totalRecords</c>, Jushuitan <c>data_count</c>), if any.</summary>
    public long? TotalCount { get; }
}
