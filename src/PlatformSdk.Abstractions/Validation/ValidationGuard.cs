using System.Globalization;
using PlatformSdk.Errors;

namespace PlatformSdk.Validation;

/// <summary>
/// Small reusable checks that throw <see cref="PlatformValidationException"/>. Platform packages call
/// them before building a request so bad input never reaches the network.
/// </summary>
public readonly struct ValidationGuard
{
    /// <summary>Creates a guard for one platform.</summary>
    /// <param name="platform">The platform name used in the exceptions.</param>
    public ValidationGuard(string platform) => Platform = platform;

    /// <summary>The platform name used in the exceptions.</summary>
    public string Platform { get; }

    /// <summary>Throws a validation exception.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The offending value, or <see langword="null"/> when it must not be shown.</param>
    /// <param name="ruleId">The rule, if any.</param>
    /// <param name="problem">What is wrong.</param>
    /// <returns>Never returns.</returns>
    /// <remarks>Control characters, line separators and surrogates in <paramref name="field"/> and <paramref name="value"/> are shown as <c>\uXXXX</c>, so a hostile value cannot forge lines in a log.</remarks>
    public PlatformValidationException Fail(string field, string? value, string? ruleId, string problem)
        => throw new PlatformValidationException(Platform, Escape(field), value is null ? null : Escape(value), ruleId, problem);

    /// <summary>Requires a non-blank string.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The value.</param>
    /// <param name="ruleId">The rule, if any.</param>
    public void Required(string field, string? value, string? ruleId = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(field, value, ruleId, "a value is required.");
        }
    }

    /// <summary>Requires a string no longer than <paramref name="maxLength"/> characters (blank allowed).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The value.</param>
    /// <param name="maxLength">The platform's limit.</param>
    /// <param name="ruleId">The rule, if any.</param>
    public void MaxLength(string field, string? value, int maxLength, string? ruleId = null)
    {
        if (value is not null && value.Length > maxLength)
        {
            Fail(field, value, ruleId, $"at most {maxLength} characters are allowed, got {value.Length}.");
        }
    }

    /// <summary>Requires an amount of at least zero with no precision below the fen.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="amount">The amount in yuan.</param>
    /// <param name="ruleId">The rule, if any.</param>
    public void NonNegativeFen(string field, decimal amount, string? ruleId = null)
    {
        if (amount < 0m)
        {
            Fail(field, amount.ToString(CultureInfo.InvariantCulture), ruleId, "the amount must not be negative.");
        }

        if (amount > MaxAmount)
        {
            Fail(field, amount.ToString(CultureInfo.InvariantCulture), ruleId,
                $"the amount is larger than any order can be ({MaxAmount.ToString("N0", CultureInfo.InvariantCulture)} yuan); platforms and the fen arithmetic cannot represent it.");
        }

        if (!Money.Cny.IsWholeFen(amount))
        {
            Fail(field, amount.ToString(CultureInfo.InvariantCulture), ruleId, "amounts are in yuan with at most two decimal places (fen).");
        }
    }

    /// <summary>The largest amount the SDK sends: one trillion yuan, far above any order and far inside the fen arithmetic's range.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>Requires a value greater than zero.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The value.</param>
    /// <param name="ruleId">The rule, if any.</param>
    public void Positive(string field, long value, string? ruleId = null)
    {
        if (value <= 0)
        {
            Fail(field, value.ToString(CultureInfo.InvariantCulture), ruleId, "the value must be greater than zero.");
        }
    }

    /// <summary>Requires a value between <paramref name="min"/> and <paramref name="max"/> inclusive.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The value.</param>
    /// <param name="min">The smallest allowed value.</param>
    /// <param name="max">The largest allowed value.</param>
    /// <param name="ruleId">The rule, if any.</param>
    public void InRange(string field, int value, int min, int max, string? ruleId = null)
    {
        if (value < min || value > max)
        {
            Fail(field, value.ToString(CultureInfo.InvariantCulture), ruleId, $"the value must be between {min} and {max}.");
        }
    }
    /// <summary>The SDK's length cap for an id, key or code the platform documents no limit for.</summary>
    public const int SdkIdentifierMaxLength = 64;

    /// <summary>The SDK's length cap for a name (a file name, a carrier or seller name) the platform documents no limit for.</summary>
    public const int SdkNameMaxLength = 255;

    /// <summary>The SDK's length cap for free text (a remark, a message) the platform documents no limit for.</summary>
    public const int SdkTextMaxLength = 4000;

    /// <summary>
    /// Requires an id, key or code: not blank, no control characters (including U+2028/U+2029 and lone surrogates) and at most
    /// <paramref name="maxLength"/> characters. Ids are idempotency and lookup keys: one with a control character or of absurd
    /// length would be stored, logged and matched wrongly, so it is refused rather than sent.
    /// </summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The value.</param>
    /// <param name="maxLength">The platform's documented limit, or <see langword="null"/> when it documents none (the SDK then caps at <see cref="SdkIdentifierMaxLength"/>).</param>
    /// <param name="ruleId">The rule, if any.</param>
    public void Identifier(string field, string? value, int? maxLength, string? ruleId = null)
    {
        Required(field, value, ruleId);
        CheckText(field, value!, maxLength, SdkIdentifierMaxLength, allowLineBreaks: false, ruleId);
    }

    /// <summary>
    /// Like <see cref="Identifier"/> for an optional id: <see langword="null"/> or empty means absent (not sent); any other
    /// value must be a valid id (not only whitespace).
    /// </summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The value.</param>
    /// <param name="maxLength">The platform's documented limit, or <see langword="null"/> for the SDK's cap (<see cref="SdkIdentifierMaxLength"/>).</param>
    /// <param name="ruleId">The rule, if any.</param>
    public void OptionalIdentifier(string field, string? value, int? maxLength, string? ruleId = null)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(field, value, ruleId, "the value is only whitespace; leave it null to leave it out.");
        }

        CheckText(field, value, maxLength, SdkIdentifierMaxLength, allowLineBreaks: false, ruleId);
    }

    /// <summary>
    /// Requires a file name: not blank, no control characters, no path separators (<c>/</c>, <c>\</c>), no quote (it is
    /// written into a multipart header), not <c>.</c> or <c>..</c>, and at most <paramref name="maxLength"/> characters.
    /// </summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The file name.</param>
    /// <param name="maxLength">The platform's documented limit, or <see langword="null"/> for the SDK's cap (<see cref="SdkNameMaxLength"/>).</param>
    /// <param name="ruleId">The rule, if any.</param>
    public void FileName(string field, string? value, int? maxLength = null, string? ruleId = null)
    {
        Required(field, value, ruleId);
        CheckText(field, value!, maxLength, SdkNameMaxLength, allowLineBreaks: false, ruleId);
        if (value!.AsSpan().IndexOfAny('/', '\\', '"') >= 0 || value is "." or "..")
        {
            Fail(field, Shown(value!), ruleId, "a file name is a bare name without '/', '\\', '\"' or a '.'/'..' path segment.");
        }
    }

    /// <summary>
    /// Checks optional free text (a remark, a message, an address): <see langword="null"/> allowed; line breaks and tabs
    /// allowed; other control characters and lone surrogates refused; at most <paramref name="maxLength"/> characters.
    /// </summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The text.</param>
    /// <param name="maxLength">The platform's documented limit, or <see langword="null"/> for the SDK's cap (<see cref="SdkTextMaxLength"/>).</param>
    /// <param name="ruleId">The rule, if any.</param>
    public void Text(string field, string? value, int? maxLength, string? ruleId = null)
    {
        if (value is not null)
        {
            CheckText(field, value, maxLength, SdkTextMaxLength, allowLineBreaks: true, ruleId);
        }
    }

    /// <summary>Requires a value that is present (a list or a nested object of a request); a missing list is refused, not read as empty.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The value.</param>
    /// <param name="ruleId">The rule, if any.</param>
    public void NotNull(string field, [System.Diagnostics.CodeAnalysis.NotNull] object? value, string? ruleId = null)
    {
        if (value is null)
        {
            throw Fail(field, null, ruleId, "the value is null; give an empty list or leave the property unset instead.");
        }
    }

    /// <summary>
    /// Requires an instant the platform's date-time text can express (<see cref="ChinaTime.IsWireRepresentable"/>: from
    /// 1970-01-01 to 9999-12-31 China time), so <see cref="DateTimeOffset.MinValue"/>, <see cref="DateTimeOffset.MaxValue"/> or a
    /// forgotten <see langword="default"/> never reach a formatter.
    /// </summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The instant.</param>
    /// <param name="ruleId">The rule, if any.</param>
    public void WireTime(string field, DateTimeOffset value, string? ruleId = null)
    {
        if (!ChinaTime.IsWireRepresentable(value))
        {
            Fail(field, value.ToString("O", CultureInfo.InvariantCulture), ruleId,
                $"the date must be between {ChinaTime.FormatDateTime(ChinaTime.MinWireValue)} and {ChinaTime.FormatDateTime(ChinaTime.MaxWireValue)} (China time); the platform's date text cannot express it.");
        }
    }

    /// <summary>
    /// Requires a non-negative decimal (a price, a weight) of at most <paramref name="decimals"/> decimal places and at most
    /// <see cref="MaxAmount"/>, so no value is rounded or overflows on its way to the wire.
    /// </summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The value.</param>
    /// <param name="decimals">The decimal places the platform keeps.</param>
    /// <param name="ruleId">The rule, if any.</param>
    public void NonNegativeDecimal(string field, decimal value, int decimals, string? ruleId = null)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (value < 0m)
        {
            Fail(field, text, ruleId, "the value must not be negative.");
        }

        if (value > MaxAmount)
        {
            Fail(field, text, ruleId, $"the value is larger than the SDK sends ({MaxAmount.ToString("N0", CultureInfo.InvariantCulture)}).");
        }

        if (decimal.Round(value, decimals) != value)
        {
            Fail(field, text, ruleId, $"at most {decimals} decimal places are allowed.");
        }
    }

    /// <summary>Requires a count between 1 and <paramref name="max"/> inclusive.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The count.</param>
    /// <param name="max">The largest count allowed.</param>
    /// <param name="ruleId">The rule, if any.</param>
    public void PositiveAtMost(string field, long value, long max, string? ruleId = null)
    {
        if (value <= 0 || value > max)
        {
            Fail(field, value.ToString(CultureInfo.InvariantCulture), ruleId, $"the value must be between 1 and {max.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>Whether a string holds a character no id or name may carry: a control character, U+2028/U+2029 or a lone surrogate.</summary>
    /// <param name="value">The text.</param>
    /// <param name="allowLineBreaks">Whether CR, LF and tab are allowed (free text).</param>
    /// <returns>The index of the first such character, or -1.</returns>
    public static int IndexOfForbiddenCharacter(ReadOnlySpan<char> value, bool allowLineBreaks = false)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c) || c is '\u2028' or '\u2029' || (char.IsControl(c) && !(allowLineBreaks && c is '\r' or '\n' or '\t')))
            {
                return i;
            }
        }

        return -1;
    }

    private void CheckText(string field, string value, int? maxLength, int sdkMaxLength, bool allowLineBreaks, string? ruleId)
    {
        var limit = maxLength ?? sdkMaxLength;
        if (value.Length > limit)
        {
            Fail(field, Shown(value), ruleId, maxLength is null
                ? $"at most {limit} characters are allowed, got {value.Length} (a limit of the SDK: the platform documents none)."
                : $"at most {limit} characters are allowed, got {value.Length}.");
        }

        var bad = IndexOfForbiddenCharacter(value, allowLineBreaks);
        if (bad >= 0)
        {
            Fail(field, Shown(value), ruleId, string.Create(CultureInfo.InvariantCulture,
                $"the character at index {bad} (U+{(int)value[bad]:X4}) is a control character, line separator or lone surrogate, which the platform would store or match wrongly."));
        }
    }

    // The offending value as shown in the message: control characters escaped, so the message itself stays one clean line,
    // and long values cut, so a 10,000-character id does not become a 10,000-character log line.
    private static string Shown(string value) => Escape(value, keep: 64);

    private static string Escape(string value, int keep = int.MaxValue)
    {
        if (value.Length <= keep && IndexOfForbiddenCharacter(value) < 0)
        {
            return value;
        }

        var length = Math.Min(value.Length, keep);
        var builder = new System.Text.StringBuilder(length + 16);
        for (var i = 0; i < length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        if (value.Length > keep)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({value.Length} characters)");
        }

        return builder.ToString();
    }
}
