namespace PlatformSdk.Jushuitan.Protocol;

/// <summary>Splits a time range into consecutive windows Jushuitan accepts (doc §9: at most 7 days per order query).</summary>
public static class JushuitanTimeWindows
{
    /// <summary>
    /// Splits [<paramref name="begin"/>, <paramref name="end"/>] into consecutive windows of at most
    /// <paramref name="maxSpan"/> each; each window starts where the previous ended, the last ends at <paramref name="end"/>.
    /// </summary>
    /// <param name="begin">The range start.</param>
    /// <param name="end">The range end; not before <paramref name="begin"/>.</param>
    /// <param name="maxSpan">The longest window; default 7 days.</param>
    /// <returns>The windows, in order; one window when the range fits.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="begin"/>, or the span is not positive.</exception>
    public static IReadOnlyList<(DateTimeOffset Begin, DateTimeOffset End)> Slice(DateTimeOffset begin, DateTimeOffset end, TimeSpan? maxSpan = null)
    {
        var span = maxSpan ?? JushuitanWireChoices.MaxQueryWindow;
        if (span <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSpan), span, "The window length must be positive.");
        }

        if (end < begin)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "The range end is before its start.");
        }

        var windows = new List<(DateTimeOffset, DateTimeOffset)>();
        var start = begin;
        do
        {
            var stop = end - start > span ? start + span : end;
            windows.Add((start, stop));
            start = stop;
        }
        while (start < end);
        return windows;
    }
}
