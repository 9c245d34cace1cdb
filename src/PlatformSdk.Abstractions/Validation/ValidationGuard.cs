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
    public PlatformValidationException Fail(string field, string? value, string? ruleId, string problem)
        => throw new PlatformValidationException(Platform, field, value, ruleId, problem);

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
}
