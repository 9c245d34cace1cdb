using System.Globalization;

namespace PlatformSdk.Alibaba1688.Protocol;

/// <summary>1688's date pattern <c>yyyyMMddHHmmssSSSZ</c>, e.g. <c>20180614101942000+0800</c> (doc §1).</summary>
internal static class Alibaba1688WireTime
{
    /// <summary>Formats a time in the server pattern, in China Standard Time.</summary>
    /// <param name="value">The time.</param>
    /// <returns>For example <c>20180614101942000+0800</c>.</returns>
    public static string Format(DateTimeOffset value)
        => value.ToOffset(ChinaTime.Offset).ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "+0800";

    /// <summary>
    /// Parses <c>yyyyMMddHHmmssSSS±hhmm</c> or <c>yyyyMMddHHmmss±hhmm</c> (both appear, doc §4), or either without an offset
    /// (read as +0800).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The time.</param>
    /// <returns><see langword="true"/> when parsed.</returns>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var offset = ChinaTime.Offset;
        var sign = s.IndexOfAny(['+', '-']);
        if (sign >= 0)
        {
            var zone = s[(sign + 1)..];
            if (zone.Length != 4 || !int.TryParse(zone.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
                || !int.TryParse(zone.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) || h > 14 || m > 59 || (h == 14 && m > 0))
            {
                return false;
            }

            offset = s[sign] == '-' ? -new TimeSpan(h, m, 0) : new TimeSpan(h, m, 0);
            s = s[..sign];
        }

        string format;
        switch (s.Length)
        {
            case 17:
                format = "yyyyMMddHHmmssfff";
                break;
            case 14:
                format = "yyyyMMddHHmmss";
                break;
            default:
                return false;
        }

        if (!DateTime.TryParseExact(s, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        // A wall-clock time at the calendar's edge can fall outside it once its offset is applied (00010101000000+1400).
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
        return true;
    }
}
