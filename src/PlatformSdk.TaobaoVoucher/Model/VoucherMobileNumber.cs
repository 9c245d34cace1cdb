using System.Diagnostics.CodeAnalysis;
using PlatformSdk.Errors;

namespace PlatformSdk.TaobaoVoucher.Model;

/// <summary>
/// The mobile number an e-voucher order's code is sent to (RTV-09: e-voucher orders ask only for a mobile number).
/// Redemption checks its last 4 digits (RTV-12).
/// </summary>
/// <remarks>
/// Accepted: 7–15 ASCII digits with an optional leading <c>+</c> (mainland numbers are 11 digits; overseas buyers
/// exist, so the check is E.164-sized rather than mainland-only). The number is personal data:
/// <see cref="ToString"/> shows only the last 4 digits.
/// </remarks>
public readonly record struct VoucherMobileNumber
{
    private VoucherMobileNumber(string value) => Value = value;

    /// <summary>The number as given, for example <c>13812345678</c>.</summary>
    public string Value => field ?? string.Empty;

    /// <summary>The last 4 digits, which the buyer states at redemption (RTV-12).</summary>
    public string LastFour => Value.Length >= 4 ? Value[^4..] : string.Empty;

    /// <summary>Parses a mobile number.</summary>
    /// <param name="value">The number: 7–15 digits, optionally prefixed with <c>+</c>.</param>
    /// <param name="field">The field name to report on failure.</param>
    /// <returns>The number.</returns>
    /// <exception cref="PlatformValidationException">The value is not a mobile number.</exception>
    public static VoucherMobileNumber Parse(string? value, string field = "mobile")
    {
        if (TryParse(value, out var number))
        {
            return number;
        }

        // The number is personal data: never echoed in the exception.
        throw new PlatformValidationException(VoucherOrder.Platform, field, null, "RTV-09",
            "an e-voucher order needs the buyer's mobile number: 7–15 ASCII digits with an optional leading '+', no spaces or separators.");
    }

    /// <summary>Parses a mobile number without throwing.</summary>
    /// <param name="value">The number.</param>
    /// <param name="number">The parsed number, or <see langword="default"/>.</param>
    /// <returns><see langword="true"/> when the value is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out VoucherMobileNumber number)
    {
        number = default;
        if (value is null)
        {
            return false;
        }

        var digits = value.StartsWith('+') ? value.AsSpan(1) : value.AsSpan();
        if (digits.Length < 7 || digits.Length > 15)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        number = new VoucherMobileNumber(value);
        return true;
    }

    /// <summary>Returns whether <paramref name="lastFour"/> equals the last 4 digits, in constant time.</summary>
    /// <param name="lastFour">The 4 digits the buyer stated.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public bool MatchesLastFour(string? lastFour)
    {
        if (lastFour is null || lastFour.Length != 4 || Value.Length < 4)
        {
            return false;
        }

        // Constant time so a redemption terminal cannot learn digits from timing.
        var expected = LastFour;
        var diff = 0;
        for (var i = 0; i < 4; i++)
        {
            diff |= expected[i] ^ lastFour[i];
        }

        return diff == 0;
    }

    /// <summary>The number masked except for the last 4 digits, for example <c>*******5678</c>.</summary>
    /// <returns>The masked number.</returns>
    public override string ToString() => VoucherCode.Mask(Value);
}
