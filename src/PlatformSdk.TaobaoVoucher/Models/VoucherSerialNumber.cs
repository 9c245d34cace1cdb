using System.Globalization;
using System.Security.Cryptography;

namespace PlatformSdk.TaobaoVoucher.Models;

/// <summary>Creates <c>serial_num</c> values: ≤ 100 characters of <c>[a-zA-Z0-9_]</c>, unique per redemption.</summary>
public static class VoucherSerialNumber
{
    /// <summary>A new serial: <c>psv_</c>, the UTC time to the second, and 16 random hex digits (36 characters).</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The serial.</returns>
    public static string New(TimeProvider? timeProvider = null)
    {
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return string.Create(CultureInfo.InvariantCulture, $"psv_{now:yyyyMMddHHmmss}_{Convert.ToHexString(random)}");
    }
}
