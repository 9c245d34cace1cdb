using System.Security.Cryptography;

namespace PlatformSdk.TaobaoVoucher.Model;

/// <summary>
/// Makes new voucher codes: the first code of a self-issued order and the replacement code after a partial
/// redemption (RTV-12). <see cref="VoucherOrder"/> validates each code and asks again when the generator returns a
/// code the order has already had, so implementations need not remember codes.
/// </summary>
public interface IVoucherCodeGenerator
{
    /// <summary>Returns a new code for the order.</summary>
    /// <param name="orderId">The order the code is for.</param>
    /// <returns>The code.</returns>
    VoucherCode NewCode(string orderId);
}

/// <summary>
/// The default generator: uniformly random digits from <see cref="RandomNumberGenerator"/>, first digit 1–9 so
/// systems that store codes as numbers keep every digit. Thread-safe.
/// </summary>
public sealed class RandomVoucherCodeGenerator : IVoucherCodeGenerator
{
    /// <summary>A shared 11-digit generator.</summary>
    public static RandomVoucherCodeGenerator Default { get; } = new();

    /// <summary>Creates a generator.</summary>
    /// <param name="length">The code length, 6–11 digits (RTV-12); 11 by default, the most unguessable.</param>
    /// <exception cref="ArgumentOutOfRangeException">The length is outside 6–11.</exception>
    public RandomVoucherCodeGenerator(int length = VoucherCode.MaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, VoucherCode.MinLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, VoucherCode.MaxLength);
        Length = length;
    }

    /// <summary>The number of digits of each code.</summary>
    public int Length { get; }

    /// <inheritdoc />
    public VoucherCode NewCode(string orderId)
    {
        Span<char> digits = stackalloc char[VoucherCode.MaxLength];
        digits = digits[..Length];
        digits[0] = (char)('1' + RandomNumberGenerator.GetInt32(9));
        for (var i = 1; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return VoucherCode.Parse(digits.ToString());
    }
}
