using System.Text;
using Microsoft.Extensions.Logging;
using PlatformSdk.Errors;
using PlatformSdk.Logistics.Errors;

namespace PlatformSdk.Logistics.Sync;

public partial class ShipmentSyncEngine
{
    /// <summary>
    /// The checks before anything is sent: the shipment's data, the carrier mapping, the tracking numbers, and the platform's
    /// shape rules (RLOG-38, RLOG-10, RLOG-31, RLOG-52, RLOG-08). Returns the shipment as it will be sent, or the refusal.
    /// </summary>
    private CheckResult Check(Shipment shipment)
    {
        try
        {
            return CheckCore(shipment);
        }
        catch (PlatformValidationException ex)
        {
            return Refuse(shipment, ShipmentSyncStatus.Failed, ex.RuleId, ex.Error.Remedy is { Length: > 0 } remedy && ex.RuleId is not null
                ? ex.Error.Message + " " + remedy
                : ex.Error.Message, ex.Error);
        }
    }

    private CheckResult CheckCore(Shipment shipment)
    {
        var platform = ShipmentPlatforms.Canonical(shipment.Platform)
            ?? throw Guard.Fail("Platform", shipment.Platform, null, "not a platform name; allowed: " + string.Join(", ", ShipmentPlatforms.All) + ".");
        if (!_senders.TryGetValue(platform, out var sender))
        {
            return Refuse(shipment, ShipmentSyncStatus.Failed, null,
                $"No shipment sender is registered for {platform}: register one (AddShipmentSender), then submit the shipment again. Nothing was sent.",
                new PlatformError(ErrorPlatform, "SDK_NO_SENDER", $"no sender for {platform}", ErrorCategory.Configuration, "Register a shipment sender for the platform.")
                {
                    Delivery = RequestDelivery.NotSent,
                });
        }

        var capabilities = sender.Capabilities;
        Guard.Identifier("Shop", shipment.Shop, null);
        Guard.Identifier("OrderId", shipment.OrderId, null);
        Guard.Identifier("CarrierId", shipment.CarrierId, null);
        if (capabilities.RequiresNumericOrderId && !IsDigits(shipment.OrderId))
        {
            // RLOG-38: an offline order (imported, non-numeric id) exists only in the ERP; the platform has nothing to ship.
            return Refuse(shipment, ShipmentSyncStatus.Skipped, "RLOG-38", ShipmentErrorCatalogue.FindRule("RLOG-38")!.Remedy, null);
        }

        var subOrders = Ids("SubOrderIds", shipment.SubOrderIds);
        Ids("OrderSubOrderIds", shipment.OrderSubOrderIds);
        Ids("MergedOrderIds", shipment.MergedOrderIds);
        if (shipment.Packages is null || shipment.Packages.Count == 0)
        {
            throw Guard.Fail("Packages", "[]", null, "a shipment needs at least one package with its tracking number.");
        }

        var numbers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var packedSubOrders = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < shipment.Packages.Count; i++)
        {
            var package = shipment.Packages[i] ?? throw Guard.Fail($"Packages[{i}]", null, null, "the package is missing.");
            var check = _carriers.CheckTrackingNumber(shipment.CarrierId, package.TrackingNumber);
            if (!check.MaySend)
            {
                throw Guard.Fail($"Packages[{i}].TrackingNumber", package.TrackingNumber, null,
                    (check.Reason ?? "the number is refused") + (check.Source is null ? "." : $" (source: {check.Source})."));
            }

            if (!numbers.Add(package.TrackingNumber))
            {
                throw Guard.Fail($"Packages[{i}].TrackingNumber", package.TrackingNumber, null, "the shipment lists this tracking number twice.");
            }

            foreach (var id in Ids($"Packages[{i}].SubOrderIds", package.SubOrderIds ?? []))
            {
                packedSubOrders[id] = packedSubOrders.GetValueOrDefault(id) + 1;
                if (subOrders.Count > 0 && !subOrders.Contains(id))
                {
                    throw Guard.Fail($"Packages[{i}].SubOrderIds", id, null, "the package holds a sub-order the shipment does not list.");
                }
            }
        }

        var code = _carriers.Resolve(platform, shipment.CarrierId);
        var allSubOrders = subOrders.Count > 0 ? subOrders : [.. packedSubOrders.Keys];
        if (capabilities.MaxSubOrderIdListLength is { } max && allSubOrders.Count > 0)
        {
            var length = allSubOrders.Sum(id => id.Length) + allSubOrders.Count - 1;
            if (length > max)
            {
                return Refuse(shipment, ShipmentSyncStatus.Failed, "RLOG-10",
                    $"The sub-order ids join to {length} characters; {platform} takes at most {max}. " + ShipmentErrorCatalogue.FindRule("RLOG-10")!.Remedy, null);
            }
        }

        if (shipment.MergedOrderIds.Count > 0 && MergedAddressProblem(shipment) is { } problem)
        {
            return Refuse(shipment, ShipmentSyncStatus.Failed, "RLOG-31", problem + " " + ShipmentErrorCatalogue.FindRule("RLOG-31")!.Remedy, null);
        }

        if (capabilities.SplitsOnlyByWholeSubOrder && packedSubOrders.FirstOrDefault(p => p.Value > 1) is { Key: { } split })
        {
            return Refuse(shipment, ShipmentSyncStatus.Failed, "RLOG-52",
                $"Sub-order {split} is spread over several packages; {platform} ships a sub-order whole, in one shipment: put its goods in one package.", null);
        }

        if (!capabilities.SupportsSplitBySubOrder && subOrders.Count > 0 && shipment.OrderSubOrderIds.Count > 0 && !shipment.OrderSubOrderIds.All(subOrders.Contains))
        {
            return Refuse(shipment, ShipmentSyncStatus.Failed, null,
                $"{platform} ships whole orders only, and this shipment leaves sub-orders of order {shipment.OrderId} out: ship them all in one shipment.", null);
        }

        var sent = shipment;
        if (shipment.Packages.Count > 1)
        {
            var perSplit = packedSubOrders.Count > 0;
            if (!capabilities.SupportsMultipleTrackingNumbers)
            {
                return Refuse(shipment, ShipmentSyncStatus.Failed, "RLOG-08",
                    $"{platform} takes one tracking number per shipment and this one has {shipment.Packages.Count}: make one shipment (with its own id) per package.", null);
            }

            if (perSplit && !capabilities.ShowsPerSplitTrackingNumbers)
            {
                // RLOG-08: the platform would show one number for every split; sent as one shipment with several numbers instead.
                Log.MultiNumberShape(_logger, shipment.ShipmentId, platform);
                sent = Reshape(shipment);
            }
        }

        return new CheckResult(new PreparedShipment(sender, sent, code.Code), null);
    }

    private static Shipment Reshape(Shipment shipment) => new()
    {
        ShipmentId = shipment.ShipmentId,
        Platform = shipment.Platform,
        Shop = shipment.Shop,
        OrderId = shipment.OrderId,
        SubOrderIds = shipment.SubOrderIds.Count > 0 ? shipment.SubOrderIds : [.. shipment.Packages.SelectMany(p => p.SubOrderIds ?? []).Distinct(StringComparer.Ordinal)],
        CarrierId = shipment.CarrierId,
        Packages = [.. shipment.Packages.Select(p => new ShipmentPackage(p.TrackingNumber))],
        MergedOrderIds = shipment.MergedOrderIds,
        ReceiverAddress = shipment.ReceiverAddress,
        ShippedAt = shipment.ShippedAt,
        OrderSubOrderIds = shipment.OrderSubOrderIds,
        MergedOrderAddresses = shipment.MergedOrderAddresses,
    };

    private static string? MergedAddressProblem(Shipment shipment)
    {
        var own = NormalizeAddress(shipment.ReceiverAddress);
        if (own.Length == 0)
        {
            return $"Shipment {shipment.ShipmentId} merges orders but has no ReceiverAddress to compare.";
        }

        foreach (var merged in shipment.MergedOrderIds)
        {
            if (!shipment.MergedOrderAddresses.TryGetValue(merged, out var address))
            {
                return $"Merged order {merged} has no address in MergedOrderAddresses, so it cannot be shown to share the receiver's address.";
            }

            if (!string.Equals(NormalizeAddress(address), own, StringComparison.Ordinal))
            {
                return $"Merged order {merged} goes to another address than order {shipment.OrderId}.";
            }
        }

        return null;
    }

    private static string NormalizeAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(address.Length);
        var space = false;
        foreach (var c in address.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static HashSet<string> Ids(string field, IReadOnlyList<string>? ids)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (ids is null)
        {
            return set;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            Guard.Identifier($"{field}[{i}]", ids[i], null);
            if (!set.Add(ids[i]))
            {
                throw Guard.Fail($"{field}[{i}]", ids[i], null, "listed twice.");
            }
        }

        return set;
    }

    private static bool IsDigits(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return value.Length > 0;
    }

    private static CheckResult Refuse(Shipment shipment, ShipmentSyncStatus status, string? ruleId, string remedy, PlatformError? error)
        => new(null, Outcome(shipment, status, ruleId, remedy, error, 0));

    private sealed record PreparedShipment(ShipmentSender Sender, Shipment Shipment, string CarrierCode);

    private sealed record CheckResult(PreparedShipment? Prepared, ShipmentSyncOutcome? Refusal);
}
