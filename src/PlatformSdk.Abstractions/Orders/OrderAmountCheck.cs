using System.Globalization;
using PlatformSdk.Money;

namespace PlatformSdk.Orders;

/// <summary>
/// The amount identities every order must satisfy (Jushuitan rule RJST-20 states them; other platforms
/// follow the same arithmetic): <c>sum(lines) + freight = payable</c> and <c>payable − paid = discount</c>,
/// with the discount never negative. Each side of each identity is kept so a mismatch can be shown.
/// </summary>
public sealed record OrderAmountCheck
{
    /// <summary>The sum of the line amounts.</summary>
    public decimal LinesTotal { get; init; }

    /// <summary>The freight.</summary>
    public decimal Freight { get; init; }

    /// <summary>What the payable should be: <see cref="LinesTotal"/> + <see cref="Freight"/>.</summary>
    public decimal ExpectedPayable => LinesTotal + Freight;

    /// <summary>The payable amount the order declares.</summary>
    public decimal DeclaredPayable { get; init; }

    /// <summary>The sum of the payments.</summary>
    public decimal Paid { get; init; }

    /// <summary>The discount implied by the payments: <see cref="DeclaredPayable"/> − <see cref="Paid"/>. Meaningful only when there are payments.</summary>
    public decimal ImpliedDiscount => DeclaredPayable - Paid;

    /// <summary>The discount the caller declared, if any.</summary>
    public decimal? ExpectedDiscount { get; init; }

    /// <summary>True when there is at least one payment.</summary>
    public bool HasPayments { get; init; }

    /// <summary>True when <c>lines + freight = payable</c>.</summary>
    public bool PayableMatches => ExpectedPayable == DeclaredPayable;

    /// <summary>True when the payments are consistent with the payable (no overpayment, and the declared discount if one was given).</summary>
    public bool PaymentsMatch => !HasPayments || (ImpliedDiscount >= 0m && (ExpectedDiscount is null || ExpectedDiscount.Value == ImpliedDiscount));

    /// <summary>True when every identity holds.</summary>
    public bool IsConsistent => PayableMatches && PaymentsMatch;

    /// <summary>Evaluates the identities.</summary>
    /// <param name="lineAmounts">The line amounts.</param>
    /// <param name="freight">The freight.</param>
    /// <param name="declaredPayable">The payable amount the order declares.</param>
    /// <param name="payments">The payment amounts (empty for an unpaid order).</param>
    /// <param name="expectedDiscount">The discount the caller intends, or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    public static OrderAmountCheck Evaluate(IEnumerable<decimal> lineAmounts, decimal freight, decimal declaredPayable, IEnumerable<decimal> payments, decimal? expectedDiscount = null)
    {
        ArgumentNullException.ThrowIfNull(lineAmounts);
        ArgumentNullException.ThrowIfNull(payments);
        var paid = 0m;
        var hasPayments = false;
        foreach (var p in payments)
        {
            paid += p;
            hasPayments = true;
        }

        return new OrderAmountCheck
        {
            LinesTotal = lineAmounts.Sum(),
            Freight = freight,
            DeclaredPayable = declaredPayable,
            Paid = paid,
            HasPayments = hasPayments,
            ExpectedDiscount = expectedDiscount,
        };
    }

    /// <summary>Describes every identity that does not hold, with both sides; empty when consistent.</summary>
    /// <returns>One sentence per broken identity.</returns>
    public IReadOnlyList<string> DescribeMismatches()
    {
        var problems = new List<string>(2);
        if (!PayableMatches)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"lines {Cny.Format(LinesTotal)} + freight {Cny.Format(Freight)} = {Cny.Format(ExpectedPayable)}, but the declared payable is {Cny.Format(DeclaredPayable)} (difference {Cny.Format(DeclaredPayable - ExpectedPayable)})."));
        }

        if (!PaymentsMatch)
        {
            if (ImpliedDiscount < 0m)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"payments total {Cny.Format(Paid)}, more than the payable {Cny.Format(DeclaredPayable)}."));
            }
            else
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"payable {Cny.Format(DeclaredPayable)} − paid {Cny.Format(Paid)} = discount {Cny.Format(ImpliedDiscount)}, but the declared discount is {Cny.Format(ExpectedDiscount ?? 0m)}."));
            }
        }

        return problems;
    }
}
