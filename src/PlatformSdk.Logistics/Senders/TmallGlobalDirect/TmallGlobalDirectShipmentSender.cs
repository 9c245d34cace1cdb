using PlatformSdk.Logistics.Sync;
using PlatformSdk.TmallGlobalDirect;
using PlatformSdk.TmallGlobalDirect.Callbacks;
using PlatformSdk.TmallGlobalDirect.Push;
using PlatformSdk.Validation;

namespace PlatformSdk.Logistics.Senders.TmallGlobalDirect;

/// <summary>
/// Sends shipments to Tmall Global direct supply (<c>consignorder.ship</c>, through <see cref="TmallGlobalDirectClient.ShipAsync"/>).
/// The platform ships whole fulfilment orders only, so the lines are the pushed order's, unit for unit; a shipment of several
/// parcels says which sub-orders (<c>subOrderCode</c>) each parcel holds. <c>out_biz_id</c> is the <see cref="Shipment.ShipmentId"/>,
/// the same on every send, so the platform recognises a repeat: a send whose outcome is unknown may be sent again
/// (<see cref="ShipmentSenderCapabilities.ResendsAreIdempotent"/>). The platform has no status query.
/// </summary>
public class TmallGlobalDirectShipmentSender : ShipmentSender
{
    private static readonly ValidationGuard Guard = new(ShipmentPlatforms.TmallGlobalDirect);

    private static readonly ShipmentSenderCapabilities Shape = new()
    {
        SupportsMultipleTrackingNumbers = true,
        SupportsSplitBySubOrder = false,
        ShowsPerSplitTrackingNumbers = true,
        ResendsAreIdempotent = true,
    };

    private readonly TmallGlobalDirectClient _client = null!;
    private readonly Func<Shipment, CancellationToken, ValueTask<ConsignOrderNotify?>> _findOrder = null!;

    /// <summary>Creates the sender.</summary>
    /// <param name="client">The direct-supply client (the shipment's <see cref="Shipment.Shop"/> is the TOP seller name).</param>
    /// <param name="findOrder">
    /// Finds the pushed fulfilment order (<c>consignorder.notify</c>, as the ERP's push inbox stored it) a shipment ships, by its
    /// <see cref="Shipment.OrderId"/> (the <c>bizOrderCode</c>); <see langword="null"/> when the ERP does not have it.
    /// </param>
    public TmallGlobalDirectShipmentSender(TmallGlobalDirectClient client, Func<Shipment, CancellationToken, ValueTask<ConsignOrderNotify?>> findOrder)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(findOrder);
        _client = client;
        _findOrder = findOrder;
    }

    /// <summary>For mocking.</summary>
    protected TmallGlobalDirectShipmentSender()
    {
    }

    /// <inheritdoc />
    public override string Platform => ShipmentPlatforms.TmallGlobalDirect;

    /// <inheritdoc />
    public override ShipmentSenderCapabilities Capabilities => Shape;

    /// <inheritdoc />
    public override async Task SendAsync(ShipmentSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var shipment = request.Shipment;
        var order = await _findOrder(shipment, cancellationToken).ConfigureAwait(false)
            ?? throw Guard.Fail("OrderId", shipment.OrderId, null, "the ERP has no pushed order with this bizOrderCode; the shipment's lines come from it.");
        var lines = new List<ConsignOrderShipLine>();
        foreach (var item in order.Items)
        {
            lines.Add(new ConsignOrderShipLine
            {
                SubOrderCode = item.SubOrderCode ?? throw Guard.Fail("Items.SubOrderCode", null, null, "the pushed order has a line without its code."),
                ScItemId = item.ScItemId ?? throw Guard.Fail("Items.ScItemId", null, null, "the pushed order has a line without its goods id."),
                Quantity = item.Quantity,
            });
        }

        if (shipment.SubOrderIds.Count > 0 && !lines.All(l => shipment.SubOrderIds.Contains(l.SubOrderCode)))
        {
            throw Guard.Fail("SubOrderIds", string.Join(",", shipment.SubOrderIds), null, "the platform ships whole fulfilment orders only: list every line, or none.");
        }

        var packages = new List<ConsignOrderPackage>();
        for (var i = 0; i < shipment.Packages.Count; i++)
        {
            var package = shipment.Packages[i];
            IReadOnlyList<ConsignOrderShipLine> held;
            if (shipment.Packages.Count == 1)
            {
                held = lines;
            }
            else if (package.SubOrderIds is { Count: > 0 } ids)
            {
                held = [.. lines.Where(l => ids.Contains(l.SubOrderCode))];
            }
            else
            {
                throw Guard.Fail($"Packages[{i}].SubOrderIds", null, null, "with several parcels, say which sub-orders each parcel holds.");
            }

            packages.Add(new ConsignOrderPackage { WaybillNumber = package.TrackingNumber, CarrierCode = request.CarrierCode, Lines = held });
        }

        await _client.ShipAsync(new ConsignOrderShipRequest
        {
            Shop = shipment.Shop,
            SupplierId = order.SupplierId,
            BusinessModel = order.BusinessModel,
            BizOrderCode = shipment.OrderId,
            OutBizId = shipment.ShipmentId,
            StoreCode = order.StoreCode ?? throw Guard.Fail("StoreCode", null, null, "the pushed order names no warehouse (storeCode)."),
            Lines = lines,
            Packages = packages,
            Order = order,
        }, cancellationToken).ConfigureAwait(false);
    }
}
