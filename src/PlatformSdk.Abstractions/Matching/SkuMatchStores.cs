using System.Collections.Concurrent;

namespace PlatformSdk.Matching;

/// <summary>
/// Where matches are kept, per platform shop. Implement it over the ERP's database to persist matches; the
/// in-memory <see cref="InMemorySkuMatchStore"/> is for tests and single-process tools.
/// </summary>
public interface ISkuMatchStore
{
    /// <summary>Reads one match.</summary>
    /// <param name="scope">The platform shop.</param>
    /// <param name="key">The platform item and SKU.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The match, or <see langword="null"/>.</returns>
    ValueTask<SkuMatch?> GetAsync(SkuMatchScope scope, PlatformSkuKey key, CancellationToken cancellationToken = default);

    /// <summary>Reads every match of a shop as a snapshot, for a whole auto-match run.</summary>
    /// <param name="scope">The platform shop.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The matches by platform key.</returns>
    ValueTask<IReadOnlyDictionary<PlatformSkuKey, SkuMatch>> GetAllAsync(SkuMatchScope scope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds matches whose key has no match yet and leaves existing ones untouched (R1688-11 rule 4), atomically per key,
    /// so a manual match recorded while an auto-match ran is never overwritten.
    /// </summary>
    /// <param name="scope">The platform shop.</param>
    /// <param name="matches">The new auto matches.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many were added.</returns>
    ValueTask<int> AddIfAbsentAsync(SkuMatchScope scope, IEnumerable<SkuMatch> matches, CancellationToken cancellationToken = default);

    /// <summary>Writes a match, replacing any existing one (used for manual matches).</summary>
    /// <param name="scope">The platform shop.</param>
    /// <param name="match">The match.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The replaced match, or <see langword="null"/>.</returns>
    ValueTask<SkuMatch?> SetAsync(SkuMatchScope scope, SkuMatch match, CancellationToken cancellationToken = default);

    /// <summary>Deletes a match (unmatching by hand); the next auto-match may match the key again.</summary>
    /// <param name="scope">The platform shop.</param>
    /// <param name="key">The platform item and SKU.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>The removed match, or <see langword="null"/>.</returns>
    ValueTask<SkuMatch?> RemoveAsync(SkuMatchScope scope, PlatformSkuKey key, CancellationToken cancellationToken = default);
}

/// <summary>Keeps matches in this process's memory. Thread-safe.</summary>
public sealed class InMemorySkuMatchStore : ISkuMatchStore
{
    private readonly ConcurrentDictionary<SkuMatchScope, ConcurrentDictionary<PlatformSkuKey, SkuMatch>> _scopes = new();

    /// <inheritdoc />
    public ValueTask<SkuMatch?> GetAsync(SkuMatchScope scope, PlatformSkuKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_scopes.TryGetValue(scope, out var matches) && matches.TryGetValue(key, out var match) ? match : null);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<PlatformSkuKey, SkuMatch>> GetAllAsync(SkuMatchScope scope, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyDictionary<PlatformSkuKey, SkuMatch> snapshot = _scopes.TryGetValue(scope, out var matches)
            ? new Dictionary<PlatformSkuKey, SkuMatch>(matches)
            : new Dictionary<PlatformSkuKey, SkuMatch>();
        return new(snapshot);
    }

    /// <inheritdoc />
    public ValueTask<int> AddIfAbsentAsync(SkuMatchScope scope, IEnumerable<SkuMatch> matches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(matches);
        cancellationToken.ThrowIfCancellationRequested();
        var target = For(scope);
        var added = 0;
        foreach (var match in matches)
        {
            ArgumentNullException.ThrowIfNull(match, nameof(matches));
            if (target.TryAdd(match.Key, match))
            {
                added++;
            }
        }

        return new(added);
    }

    /// <inheritdoc />
    public ValueTask<SkuMatch?> SetAsync(SkuMatchScope scope, SkuMatch match, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        cancellationToken.ThrowIfCancellationRequested();
        SkuMatch? previous = null;
        For(scope).AddOrUpdate(match.Key, match, (_, old) =>
        {
            previous = old;
            return match;
        });
        return new(previous);
    }

    /// <inheritdoc />
    public ValueTask<SkuMatch?> RemoveAsync(SkuMatchScope scope, PlatformSkuKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_scopes.TryGetValue(scope, out var matches) && matches.TryRemove(key, out var removed) ? removed : null);
    }

    private ConcurrentDictionary<PlatformSkuKey, SkuMatch> For(SkuMatchScope scope) => _scopes.GetOrAdd(scope, _ => new());
}
