using System.Diagnostics.CodeAnalysis;
using PlatformSdk.Errors;

namespace PlatformSdk.TaobaoVoucher.Model;

/// <summary>
/// A Taobao e-voucher code (电子凭证码): 6 to 11 ASCII digits (rule RTV-12). One code stands for all units of
/// the order that are still redeemable ("one code, many uses").
/// </summary>
/// <remarks>
/// A code together with the last 4 digits of the buyer's phone is enough to redeem the voucher, so
/// <see cref="ToString"/> masks all but the last 4 digits; read <see cref="Value"/> when the full code is needed.
/// </remarks>
public readonly record struct VoucherCode
{
    /// <summary>The shortest Taobao code: 6 digits (RTV-12).</summary>
    public const int MinLength = 6;

    /// <summary>The longest Taobao code: 11 digits (RTV-12).</summary>
    public const int MaxLength = 11;

    private VoucherCode(string value) => Value = value;

    /// <summary>The code's digits.</summary>
    public string Value => field ?? string.Empty;

    /// <summary>Returns whether <paramref name="value"/> has the Taobao code format: 6–11 ASCII digits, nothing else.</summary>
    /// <param name="value">The candidate code.</param>
    /// <returns><see langword="true"/> when the format is valid.</returns>
    public static bool IsValidFormat([NotNullWhen(true)] string? value)
    {
        if (value is null || value.Length < MinLength || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses a code, throwing when it is not 6–11 ASCII digits (RTV-12).</summary>
    /// <param name="value">The code as text, without spaces or separators.</param>
    /// <param name="field">The field name to report on failure.</param>
    /// <returns>The code.</returns>
    /// <exception cref="PlatformValidationException">The value is not a valid Taobao code.</exception>
    public static VoucherCode Parse(string? value, string field = "code")
    {
        if (TryParse(value, out var code))
        {
            return code;
        }

        var problem = value is null
            ? "a voucher code is required."
            : $"Taobao voucher codes are {MinLength}–{MaxLength} ASCII digits (0-9) with no letters, spaces or separators; got {value.Length} characters.";
        throw new PlatformValidationException(VoucherOrder.Platform, field, value is null ? null : Mask(value), "RTV-12", problem);
    }

    /// <summary>Parses a code without throwing.</summary>
    /// <param name="value">The code as text.</param>
    /// <param name="code">The parsed code, or <see langword="default"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid code.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out VoucherCode code)
    {
        if (IsValidFormat(value))
        {
            code = new VoucherCode(value);
            return true;
        }

        code = default;
        return false;
    }

    /// <summary>The code with all but its last 4 characters masked, for example <c>*******5678</c>.</summary>
    /// <returns>The masked code.</returns>
    public override string ToString() => Mask(Value);

    internal static string Mask(string value)
        => value.Length <= 4 ? new string('*', value.Length) : string.Concat(new string('*', value.Length - 4), value.AsSpan(value.Length - 4));
}
