using System.Globalization;
using PlatformSdk.Alibaba1688;
using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Alibaba1688.Models.Orders;
using PlatformSdk.Errors;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Validation;

namespace PlatformSdk.Logistics.Senders.Alibaba1688;

/// <summary>
/// Sends shipments to 1688 (<c>alibaba.logistics.OpDeliverySendOrder.offline</c>, through <see cref="Alibaba1688LogisticsClient"/>).
/// 1688 ships sub-orders whole (RLOG-52) under one tracking number per call, so a shipment has one package; each sub-order is
/// sent with its full quantity, read from the order (<c>alibaba.trade.get.sellerView</c>). An order 1688 reports already
/// shipped (RLOG-13) is AlreadyDone. The order's sub-order shipping states answer <see cref="QueryStatusAsync"/>.
/// </summary>
public class Alibaba1688ShipmentSender : ShipmentSender
{
    private static readonly ValidationGuard Guard = new(ShipmentPlatforms.Alibaba1688);

    private static readonly ShipmentSenderCapabilities Shape = new()
    {
        SupportsMultipleTrackingNumbers = false,
        SupportsSplitBySubOrder = true,
        ShowsPerSplitTrackingNumbers = true,
        SplitsOnlyByWholeSubOrder = true,
        CanQueryStatus = true,
    };

    private readonly Alibaba1688Client _client = null!;
    private readonly TimeProvider _time = TimeProvider.System;

    /// <summary>Creates the sender.</summary>
    /// <param name="client">The 1688 client (the shipment's <see cref="Shipment.Shop"/> is the 1688 shop name).</param>
    /// <param name="timeProvider">The clock for a shipment without <see cref="Shipment.ShippedAt"/>; <see cref="TimeProvider.System"/> when null.</param>
    public Alibaba1688ShipmentSender(Alibaba1688Client client, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>For mocking.</summary>
    protected Alibaba1688ShipmentSender()
    {
    }

    /// <inheritdoc />
    public override string Platform => ShipmentPlatforms.Alibaba1688;

    /// <inheritdoc />
    public override ShipmentSenderCapabilities Capabilities => Shape;

    /// <inheritdoc />
    public override async Task SendAsync(ShipmentSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var shipment = request.Shipment;
        var orderId = OrderId(shipment);
        if (shipment.Packages.Count != 1)
        {
            throw Guard.Fail("Packages", shipment.Packages.Count.ToString(CultureInfo.InvariantCulture), "RLOG-08", "1688 takes one tracking number per shipment.");
        }

        var shop = _client.ForShop(shipment.Shop);
        var order = await shop.Orders.GetAsync(orderId, cancellationToken).ConfigureAwait(false)
            ?? throw Guard.Fail("OrderId", shipment.OrderId, "RLOG-32", "1688 returned no such order for this shop.");
        var entries = new List<Alibaba1688ShipEntry>();
        foreach (var item in Targets(shipment, order))
        {
            entries.Add(new Alibaba1688ShipEntry(item.SubItemId, (int)decimal.Ceiling(item.Quantity)));
        }

        var result = await shop.Logistics.ShipAsync(new Alibaba1688ShipRequest
        {
            OrderId = orderId,
            Entries = entries,
            CarrierCode = request.CarrierCode,
            TrackingNumber = shipment.Packages[0].TrackingNumber,
            ShippedAt = shipment.ShippedAt ?? _time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case Alibaba1688ShipOutcome.Shipped:
                return;
            case Alibaba1688ShipOutcome.AlreadyShipped:
                throw new PlatformException(result.Failures.Select(f => f.Error).FirstOrDefault()
                    ?? new PlatformError(ShipmentPlatforms.Alibaba1688, "ALREADY_SHIPPED", "already shipped", ErrorCategory.AlreadyDone, "Already shipped: nothing to sync.")
                    {
                        RuleId = "RLOG-13",
                    });
            default:
                // Part shipped: a resend would repeat the shipped part, so it is final with the failed part's reason.
                var failure = result.Failures.First(f => f.Error.Category != ErrorCategory.AlreadyDone).Error;
                throw new PlatformException(failure with
                {
                    Category = ErrorCategory.BusinessRule,
                    Remedy = $"1688 shipped sub-orders {string.Join(", ", result.ShippedSubOrderIds)} but refused others: {failure.Remedy} "
                        + "Ship the refused sub-orders as a new shipment.",
                    Delivery = RequestDelivery.Answered,
                });
        }
    }

    /// <inheritdoc />
    public override async Task<ShipmentPlatformState> QueryStatusAsync(Shipment shipment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        var order = await _client.ForShop(shipment.Shop).Orders.GetAsync(OrderId(shipment), cancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            return ShipmentPlatformState.Unknown;
        }

        var items = Targets(shipment, order);
        if (items.Count == 0 || items.Any(i => i.LogisticsStatus is null))
        {
            return ShipmentPlatformState.Unknown;
        }

        // 1 not shipped; 2 shipped, 3 received, 4 returned, 5 partly shipped count as the sub-order having left.
        if (items.All(i => i.LogisticsStatus != 1))
        {
            return ShipmentPlatformState.Shipped;
        }

        return items.All(i => i.LogisticsStatus == 1) ? ShipmentPlatformState.NotShipped : ShipmentPlatformState.Unknown;
    }

    private static long OrderId(Shipment shipment)
        => long.TryParse(shipment.OrderId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw Guard.Fail("OrderId", shipment.OrderId, null, "a 1688 order id is a positive number.");

    private static List<Alibaba1688OrderItem> Targets(Shipment shipment, Alibaba1688Order order)
    {
        if (shipment.SubOrderIds.Count == 0)
        {
            return [.. order.Items];
        }

        var items = new List<Alibaba1688OrderItem>();
        foreach (var id in shipment.SubOrderIds)
        {
            items.Add(order.Items.FirstOrDefault(i => string.Equals(i.SubItemId.ToString(CultureInfo.InvariantCulture), id, StringComparison.Ordinal))
                ?? throw Guard.Fail("SubOrderIds", id, "RLOG-52", $"order {shipment.OrderId} has no such sub-order."));
        }

        return items;
    }
}
