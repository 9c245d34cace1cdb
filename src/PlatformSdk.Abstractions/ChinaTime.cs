using System.Globalization;

namespace PlatformSdk;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving) as every platform here writes it on the wire: <c>yyyy-MM-dd HH:mm:ss</c> and
/// <c>yyyy-MM-dd</c> without an offset. One definition of the offset, the formats and the parsing.
/// </summary>
public static class ChinaTime
{
    /// <summary>The wire date-time format.</summary>
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The wire date format.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The earliest instant the wire formats express sensibly (platforms reject earlier dates).</summary>
    public static readonly DateTimeOffset MinWireValue = new(1970, 1, 1, 8, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The latest instant the wire formats express.</summary>
    public static readonly DateTimeOffset MaxWireValue = new(9999, 12, 31, 23, 59, 59, TimeSpan.FromHours(8));

    /// <summary>The offset, +08:00.</summary>
    public static TimeSpan Offset { get; } = TimeSpan.FromHours(8);

    /// <summary>The same instant at +08:00.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The instant in China time.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The instant cannot be expressed at +08:00 (within 8 hours of <see cref="DateTimeOffset.MaxValue"/>).</exception>
    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>Whether an instant can be written in the wire formats (between <see cref="MinWireValue"/> and <see cref="MaxWireValue"/>).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> when it can.</returns>
    public static bool IsWireRepresentable(DateTimeOffset instant)
        => instant.UtcDateTime >= MinWireValue.UtcDateTime && instant.UtcDateTime <= MaxWireValue.UtcDateTime;

    /// <summary>Formats an instant as <c>yyyy-MM-dd HH:mm:ss</c> China time.</summary>
    /// <param name="instant">The instant; check <see cref="IsWireRepresentable"/> for user input first.</param>
    /// <returns>The wire text.</returns>
    public static string FormatDateTime(DateTimeOffset instant) => ToChina(instant).ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Formats the China calendar date of an instant as <c>yyyy-MM-dd</c>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The wire text.</returns>
    public static string FormatDate(DateTimeOffset instant) => ToChina(instant).ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses <c>yyyy-MM-dd HH:mm:ss</c> (or <c>yyyy-MM-dd</c>, as midnight) read as China time. Never throws.</summary>
    /// <param name="text">The wire text (surrounding whitespace allowed).</param>
    /// <param name="instant">The instant at +08:00.</param>
    /// <returns><see langword="true"/> when the text is one of the formats.</returns>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (!DateTime.TryParseExact(text.Trim(), [DateTimeFormat, DateFormat, "yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-dd'T'HH:mm:ss"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        // DateTime.MinValue at +08:00 would be before year 1 in UTC.
        if (local < DateTime.MinValue.AddHours(8))
        {
            return false;
        }

        instant = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);
        return true;
    }
}
