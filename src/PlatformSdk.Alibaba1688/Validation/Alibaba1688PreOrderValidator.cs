using System.Globalization;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Models.PreOrders;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.Alibaba1688.Validation;

/// <summary>Checks a pre-order before it is sent (R1688-13, R1688-19) and splits large sales orders (R1688-19).</summary>
public static class Alibaba1688PreOrderValidator
{
    private static readonly ValidationGuard Guard = new(Alibaba1688ErrorCatalogue.Platform);

    // An SDK limit (1688 documents none): far above any real order line, and a quantity the fen totals cannot overflow on.
    internal const int MaxQuantity = 1_000_000;

    /// <summary>Checks every field 1688 would otherwise reject; returns the logistics mode.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The logistics mode derived from the freight (R1688-13).</returns>
    /// <exception cref="PlatformValidationException">A field breaks a rule; nothing was sent.</exception>
    public static Alibaba1688LogisticsMode Validate(Alibaba1688PreOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The sales order id becomes outOrderId, the key an ambiguous create is reconciled by: it must survive the round trip.
        Guard.Identifier("salesOrderId", request.SalesOrderId, null);
        Guard.Text("message", request.Message, 500);
        Guard.OptionalIdentifier("market", request.Market, null, "R1688-04");
        var lines = request.Lines ?? [];
        if (lines.Count == 0)
        {
            Guard.Fail("lines", "0", "R1688-19", "a pre-order needs at least one line.");
        }

        if (lines.Count > Alibaba1688WireChoices.MaxOrderLines)
        {
            Guard.Fail("lines", lines.Count.ToString(CultureInfo.InvariantCulture), "R1688-19",
                $"a pre-order may have at most {Alibaba1688WireChoices.MaxOrderLines} lines (1688: 'max item count is 50'). "
                + "Split it with Alibaba1688PreOrderValidator.Split and create one pre-order per part.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i] ?? throw Guard.Fail($"lines[{i}]", null, null, "the line is missing.");
            Guard.Positive($"lines[{i}].offerId", line.OfferId);
            Guard.PositiveAtMost($"lines[{i}].quantity", line.Quantity, MaxQuantity);
            Guard.NonNegativeFen($"lines[{i}].unitPrice", line.UnitPrice);
            Guard.NonNegativeFen($"lines[{i}].listPrice", line.ListPrice);
            if (line.SpecId is { } spec && string.IsNullOrWhiteSpace(spec))
            {
                Guard.Fail($"lines[{i}].specId", spec, null, "leave the spec id null for an offer without SKUs; a blank one is not allowed.");
            }

            Guard.OptionalIdentifier($"lines[{i}].specId", line.SpecId, null);
        }

        Guard.NonNegativeFen("freight", request.Freight, "R1688-13");
        if (request.Receiver is { } receiver)
        {
            Guard.OptionalIdentifier("receiver.fullName", receiver.FullName, null);
            Guard.OptionalIdentifier("receiver.mobile", receiver.Mobile, null);
            Guard.OptionalIdentifier("receiver.phone", receiver.Phone, null);
            Guard.OptionalIdentifier("receiver.postCode", receiver.PostCode, null);
            Guard.OptionalIdentifier("receiver.province", receiver.Province, null);
            Guard.OptionalIdentifier("receiver.city", receiver.City, null);
            Guard.OptionalIdentifier("receiver.area", receiver.Area, null);
            Guard.OptionalIdentifier("receiver.town", receiver.Town, null);
            Guard.Text("receiver.address", receiver.Address, 200);
        }

        return Alibaba1688PreOrderRules.LogisticsModeFor(request.Freight);
    }

    /// <summary>
    /// Splits a sales order into pre-orders of at most <paramref name="maxLines"/> lines (R1688-19), keeping line order.
    /// The freight goes to the first part only (the customer pays it once); the other parts have freight 0, so they are
    /// SelfPickup by R1688-13 unless the caller sets a freight. A single part keeps <see cref="Alibaba1688PreOrderRequest.SalesOrderId"/>;
    /// with several, part n of the order "SO1" gets "SO1-n" so each pre-order has its own stable <c>outOrderId</c>.
    /// </summary>
    /// <param name="request">The sales order as one request, possibly with more than 50 lines.</param>
    /// <param name="maxLines">The largest part; default and maximum 50.</param>
    /// <returns>The parts.</returns>
    public static IReadOnlyList<Alibaba1688PreOrderRequest> Split(Alibaba1688PreOrderRequest request, int maxLines = Alibaba1688WireChoices.MaxOrderLines)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLines, Alibaba1688WireChoices.MaxOrderLines);
        var lines = request.Lines ?? [];
        if (lines.Count <= maxLines)
        {
            return [request];
        }

        var parts = new List<Alibaba1688PreOrderRequest>();
        var count = (lines.Count + maxLines - 1) / maxLines;
        for (var part = 0; part < count; part++)
        {
            parts.Add(request with
            {
                SalesOrderId = string.Create(CultureInfo.InvariantCulture, $"{request.SalesOrderId}-{part + 1}"),
                Lines = lines.Skip(part * maxLines).Take(maxLines).ToArray(),
                Freight = part == 0 ? request.Freight : 0m,
            });
        }

        return parts;
    }
}
