using System.Globalization;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Validation;

namespace PlatformSdk.Alibaba1688.Validation;

/// <summary>
/// The input checks of the 1688 client calls that have no validator of their own (shop names, ids, the OAuth exchange,
/// payment links, shipments). Pre-orders and products: <see cref="Alibaba1688PreOrderValidator"/>, <see cref="Alibaba1688ProductValidator"/>.
/// </summary>
internal static class Alibaba1688RequestValidator
{
    private static readonly ValidationGuard Guard = new(Alibaba1688ErrorCatalogue.Platform);

    // An SDK limit for OAuth state and codes (1688 documents none): room for a signed state, nothing absurd.
    private const int MaxStateLength = 512;

    /// <summary>A shop name (R1688-03).</summary>
    public static void Shop(string shop) => Guard.Identifier("shop", shop, null, "R1688-03");

    /// <summary>An order id.</summary>
    public static void OrderId(long orderId) => Guard.Positive("orderId", orderId);

    /// <summary>The ERP sales order id sent at creation.</summary>
    public static void OutOrderId(string outOrderId) => Guard.Identifier("outOrderId", outOrderId, null);

    /// <summary>An offer id (R1688-10).</summary>
    public static void OfferId(long offerId) => Guard.Positive("productID", offerId, "R1688-10");

    /// <summary>The OAuth <c>state</c>.</summary>
    public static void AuthorizationState(string state) => Guard.Identifier("state", state, MaxStateLength);

    /// <summary>The shop and code of an OAuth code exchange.</summary>
    public static void CodeExchange(string shop, string code)
    {
        Guard.Identifier("shop", shop, null, "R1688-03");
        if (string.IsNullOrWhiteSpace(code))
        {
            Guard.Fail("code", null, null, "the authorization code from the callback is required.");
        }

        // The code is a credential: its value is never shown.
        if (code.Length > MaxStateLength || ValidationGuard.IndexOfForbiddenCharacter(code) >= 0)
        {
            Guard.Fail("code", null, null, $"the authorization code has control characters or more than {MaxStateLength} characters; pass the callback's code unchanged.");
        }
    }

    /// <summary>Order ids to fetch payment links for in batches: every id positive, checked before the first batch is sent.</summary>
    public static void PaymentLinkOrderIds(IReadOnlyList<long> orderIds)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        for (var i = 0; i < orderIds.Count; i++)
        {
            Guard.Positive($"orderIdList[{i}]", orderIds[i]);
        }
    }

    /// <summary>The orders of one payment link: 1 to <see cref="Alibaba1688WireChoices.MaxOrdersPerPaymentLink"/> positive ids.</summary>
    public static void PaymentLinkOrders(IReadOnlyList<long> orderIds)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        Guard.InRange("orderIdList.count", orderIds.Count, 1, Alibaba1688WireChoices.MaxOrdersPerPaymentLink);
        for (var i = 0; i < orderIds.Count; i++)
        {
            Guard.Positive($"orderIdList[{i}]", orderIds[i]);
        }
    }

    /// <summary>A shipment: order, carrier (RLOG-05), tracking number, and whole sub-orders each shipped once (RLOG-52).</summary>
    public static void Ship(Alibaba1688ShipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Guard.Positive("orderId", request.OrderId);
        Guard.Identifier("carrierCode", request.CarrierCode, null, "RLOG-05");
        Guard.OptionalIdentifier("carrierName", request.CarrierName, null);
        Guard.Identifier("trackingNumber", request.TrackingNumber, null);
        Guard.WireTime("gmtSend", request.ShippedAt);
        Guard.Text("remarks", request.Remarks, 500);
        var entries = request.Entries ?? [];
        if (entries.Count == 0)
        {
            Guard.Fail("entries", "0", "RLOG-52", "ship at least one sub-order.");
        }

        var seen = new HashSet<long>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw Guard.Fail($"entries[{i}]", null, null, "the entry is missing.");
            Guard.Positive($"entries[{i}].subOrderId", entry.SubOrderId);
            Guard.PositiveAtMost($"entries[{i}].quantity", entry.Quantity, Alibaba1688PreOrderValidator.MaxQuantity);
            if (!seen.Add(entry.SubOrderId))
            {
                Guard.Fail($"entries[{i}].subOrderId", entry.SubOrderId.ToString(CultureInfo.InvariantCulture), "RLOG-52",
                    "1688 ships per sub-order only; one sub-order's quantity cannot be split across entries or shipments.");
            }
        }
    }
}
