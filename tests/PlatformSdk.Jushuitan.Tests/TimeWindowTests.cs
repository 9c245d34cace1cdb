using PlatformSdk.Jushuitan.Protocol;

namespace PlatformSdk.Jushuitan.Tests;

public class TimeWindowTests
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_range_within_7_days_is_one_window()
    {
        var windows = JushuitanTimeWindows.Slice(Start, Start.AddDays(7));
        Assert.Equal([(Start, Start.AddDays(7))], windows);
    }

    [Fact]
    public void A_30_day_range_becomes_consecutive_7_day_windows_ending_at_the_range_end()
    {
        var end = Start.AddDays(30).AddHours(5);
        var windows = JushuitanTimeWindows.Slice(Start, end);
        Assert.Equal(5, windows.Count);
        Assert.Equal(Start, windows[0].Begin);
        Assert.Equal(end, windows[^1].End);
        for (var i = 0; i < windows.Count; i++)
        {
            Assert.True(windows[i].End - windows[i].Begin <= TimeSpan.FromDays(7));
            if (i > 0)
            {
                Assert.Equal(windows[i - 1].End, windows[i].Begin); // no gap, no overlap
            }
        }

        Assert.Equal(TimeSpan.FromDays(2).Add(TimeSpan.FromHours(5)), windows[^1].End - windows[^1].Begin);
    }

    [Fact]
    public void Seven_days_and_one_second_needs_two_windows()
        => Assert.Equal(2, JushuitanTimeWindows.Slice(Start, Start.AddDays(7).AddSeconds(1)).Count);

    [Fact]
    public void An_empty_range_is_one_empty_window()
        => Assert.Equal([(Start, Start)], JushuitanTimeWindows.Slice(Start, Start));

    [Fact]
    public void A_reversed_range_or_non_positive_span_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JushuitanTimeWindows.Slice(Start, Start.AddSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => JushuitanTimeWindows.Slice(Start, Start.AddDays(1), TimeSpan.Zero));
    }

    [Fact]
    public void Custom_span_is_honoured()
        => Assert.Equal(24, JushuitanTimeWindows.Slice(Start, Start.AddDays(1), TimeSpan.FromHours(1)).Count);
}
