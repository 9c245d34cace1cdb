using System.Globalization;
using PlatformSdk.Errors;
using PlatformSdk.Money;
using PlatformSdk.Validation;

namespace PlatformSdk.TaobaoVoucher.Refunds;

/// <summary>
/// The money facts of one e-voucher order that every refund and settlement computation needs: the unit
/// price, the number of units (one code stands for all of them, RTV-12) and what the buyer actually paid.
/// </summary>
/// <remarks>
/// The platform's formulas (RTV-14) are stated in terms of the unit price. When the buyer paid less than
/// <c>unit price × quantity</c> (a discount), pass <see cref="AmountPaid"/>: no computation in the SDK ever
/// hands out more than the buyer paid.
/// </remarks>
public sealed class VoucherOrderAmounts
{
    /// <summary>Creates the order facts and validates them.</summary>
    /// <param name="unitPrice">The unit price in yuan: whole fen, at least zero.</param>
    /// <param name="quantity">The number of units bought: at least one.</param>
    /// <param name="amountPaid">What the buyer paid for the order in yuan (whole fen, at most <c>unit price × quantity</c>); <see langword="null"/> means <c>unit price × quantity</c>.</param>
    /// <exception cref="PlatformValidationException">An input breaks one of the rules above.</exception>
    public VoucherOrderAmounts(decimal unitPrice, int quantity, decimal? amountPaid = null)
    {
        var guard = new ValidationGuard(VoucherRefundCalculator.Platform);
        guard.NonNegativeFen("unitPrice", unitPrice, "RTV-14");
        guard.Positive("quantity", quantity, "RTV-12");
        var listAmount = Cny.RoundToFen(unitPrice * quantity);
        if (amountPaid is { } paid)
        {
            guard.NonNegativeFen("amountPaid", paid, "RTV-14");
            if (paid > listAmount)
            {
                guard.Fail("amountPaid", paid.ToString(CultureInfo.InvariantCulture), "RTV-14",
                    $"the buyer cannot have paid more than unit price × quantity = {Cny.Format(listAmount)}.");
            }
        }

        UnitPrice = unitPrice;
        Quantity = quantity;
        ListAmount = listAmount;
        AmountPaid = amountPaid ?? listAmount;
    }

    /// <summary>The unit price in yuan.</summary>
    public decimal UnitPrice { get; }

    /// <summary>The number of units in the order.</summary>
    public int Quantity { get; }

    /// <summary><see cref="UnitPrice"/> × <see cref="Quantity"/>.</summary>
    public decimal ListAmount { get; }

    /// <summary>What the buyer paid for the order (defaults to <see cref="ListAmount"/>).</summary>
    public decimal AmountPaid { get; }

    /// <summary>Returns a short description, for example <c>3 × 50.00 (paid 150.00)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Quantity.ToString(CultureInfo.InvariantCulture)} × {Cny.Format(UnitPrice)} (paid {Cny.Format(AmountPaid)})";
}
