using PlatformSdk.TmallGlobalDirect.Callbacks;

namespace PlatformSdk.TmallGlobalDirect;

/// <summary>
/// Watches the authorizations the direct-supply shops hang off (RTGD-04): a shop's access lapses with its flagship store's
/// authorization, so the shops whose <see cref="TmallGlobalDirectShopOptions.AuthorizationExpiresAt"/> falls within a window are
/// reported in time to re-authorize. It reads the settings and the clock only; it sends nothing.
/// </summary>
public class TmallGlobalDirectAuthorizationWatch
{
    private readonly TmallGlobalDirectOptions _options = null!;
    private readonly TimeProvider _time = TimeProvider.System;

    /// <summary>Creates the watch.</summary>
    /// <param name="options">The options with <see cref="TmallGlobalDirectOptions.Shops"/>.</param>
    /// <param name="timeProvider">The clock.</param>
    public TmallGlobalDirectAuthorizationWatch(TmallGlobalDirectOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _time = timeProvider;
    }

    /// <summary>For mocking.</summary>
    protected TmallGlobalDirectAuthorizationWatch()
    {
    }

    /// <summary>The shops whose authorization lapses within <paramref name="window"/> from now, lapsed ones included, soonest first.</summary>
    /// <param name="window">The window; <see langword="null"/> for <see cref="TmallGlobalDirectOptions.AuthorizationWarningWindow"/>.</param>
    /// <returns>The shops to re-authorize.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The window is negative.</exception>
    public virtual IReadOnlyList<TmallGlobalDirectAuthorizationExpiry> ExpiringWithin(TimeSpan? window = null)
    {
        var span = window ?? _options.AuthorizationWarningWindow;
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero, nameof(window));
        var now = _time.GetUtcNow();
        return _options.Shops
            .Where(s => s.Value?.AuthorizationExpiresAt is { } expires && expires - now <= span)
            .Select(s => new TmallGlobalDirectAuthorizationExpiry(s.Key, s.Value.SupplierId ?? _options.SupplierId, s.Value.AuthorizationExpiresAt!.Value,
                s.Value.AuthorizationExpiresAt.Value - now))
            .OrderBy(e => e.ExpiresAt)
            .ThenBy(e => e.Shop, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The shops whose authorization expiry is not configured: they cannot be watched.</summary>
    /// <returns>Their names, in order.</returns>
    public virtual IReadOnlyList<string> ShopsWithoutKnownExpiry()
        => _options.Shops.Where(s => s.Value?.AuthorizationExpiresAt is null).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
}
