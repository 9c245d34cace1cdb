using Microsoft.Extensions.Logging;

namespace PlatformSdk.Logistics.Sync;

public partial class ShipmentSyncEngine
{
    // RLOG-09: what this engine knows of each order's shipments, to hold partial ones under WhenAllSubOrdersShipped. Rebuilt from
    // the store by ResumeAsync after a restart (held records are pending there).
    private void Register(Shipment shipment)
    {
        if (_options.SplitPolicy != ShipmentSplitPolicy.WhenAllSubOrdersShipped || shipment.OrderSubOrderIds is not { Count: > 0 })
        {
            return;
        }

        var group = _orders.GetOrAdd(OrderKey(shipment), static _ => new OrderGroup());
        lock (group)
        {
            group.SubOrders[shipment.ShipmentId] = shipment.SubOrderIds ?? [];
        }
    }

    private bool MustHold(Shipment shipment)
    {
        if (_options.SplitPolicy != ShipmentSplitPolicy.WhenAllSubOrdersShipped || shipment.OrderSubOrderIds.Count == 0 || shipment.SubOrderIds.Count == 0
            || !_orders.TryGetValue(OrderKey(shipment), out var group))
        {
            return false;
        }

        lock (group)
        {
            var covered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var subOrders in group.SubOrders.Values)
            {
                if (subOrders.Count == 0)
                {
                    // A whole-order shipment covers every sub-order.
                    group.Held.Remove(shipment.ShipmentId);
                    return false;
                }

                covered.UnionWith(subOrders);
            }

            if (shipment.OrderSubOrderIds.All(covered.Contains))
            {
                group.Held.Remove(shipment.ShipmentId);
                return false;
            }

            group.Held.Add(shipment.ShipmentId);
            return true;
        }
    }

    private async Task ReleaseHeldSiblingsAsync(Shipment shipment, bool manual, CancellationToken cancellationToken)
    {
        if (_options.SplitPolicy != ShipmentSplitPolicy.WhenAllSubOrdersShipped || !_orders.TryGetValue(OrderKey(shipment), out var group))
        {
            return;
        }

        string[] held;
        lock (group)
        {
            held = [.. group.Held.Where(id => !string.Equals(id, shipment.ShipmentId, StringComparison.Ordinal))];
            group.Held.ExceptWith(held);
        }

        foreach (var id in held)
        {
            if (await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { State: not ShipmentSyncState.Done } record)
            {
                Log.Released(_logger, id, shipment.ShipmentId);
                await ProcessAsync(record.Shipment, manual, registered: true, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string OrderKey(Shipment shipment)
        => string.Join('\u001f', ShipmentPlatforms.Canonical(shipment.Platform) ?? shipment.Platform, shipment.Shop, shipment.OrderId);

    private sealed class OrderGroup
    {
        public Dictionary<string, IReadOnlyList<string>> SubOrders { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Held { get; } = new(StringComparer.Ordinal);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Shipment {ShipmentId} synced to {Platform} after {Attempts} send(s).")]
        public static partial void Synced(ILogger logger, string shipmentId, string platform, int attempts);

        [LoggerMessage(2, LogLevel.Warning, "Shipment {ShipmentId}: the send to {Platform} failed ({Category}, rule {RuleId}, outcome unknown: {OutcomeUnknown}).")]
        public static partial void SendFailed(ILogger logger, string shipmentId, string platform, PlatformSdk.Errors.ErrorCategory category, string? ruleId, bool outcomeUnknown);

        [LoggerMessage(3, LogLevel.Warning, "Shipment {ShipmentId} was left sending ({SendsStarted} send(s) started): reconciling before any resend.")]
        public static partial void Reconciling(ILogger logger, string shipmentId, int sendsStarted);

        [LoggerMessage(4, LogLevel.Information, "Shipment {ShipmentId}: the platform shows {State}.")]
        public static partial void Reconciled(ILogger logger, string shipmentId, ShipmentPlatformState state);

        [LoggerMessage(5, LogLevel.Warning, "Shipment {ShipmentId}: the status query failed ({Exception}); treated as unknown.")]
        public static partial void ReconcileFailed(ILogger logger, string shipmentId, string exception);

        [LoggerMessage(10, LogLevel.Warning, "The pause {Platform} asked for could not be given to the rate limiter of shop {Shop} ({Exception}); this sync still waits.")]
        public static partial void PauseNotShared(ILogger logger, string platform, string shop, string exception);

        [LoggerMessage(6, LogLevel.Warning, "Shipment {ShipmentId}: the claim ended before the outcome {Status} was recorded; whoever holds it reconciles.")]
        public static partial void LeaseLost(ILogger logger, string shipmentId, ShipmentSyncStatus status);

        [LoggerMessage(7, LogLevel.Information, "Shipment {ShipmentId}: {Platform} shows one number per split (RLOG-08); sent as one shipment with several numbers.")]
        public static partial void MultiNumberShape(ILogger logger, string shipmentId, string platform);

        [LoggerMessage(8, LogLevel.Information, "Shipment {ShipmentId} released by {ReleasedBy}: the order's sub-orders are all submitted (RLOG-09).")]
        public static partial void Released(ILogger logger, string shipmentId, string releasedBy);

        [LoggerMessage(9, LogLevel.Warning, "Resume ended early: the sync store returned the cursor {Cursor} twice (a store that does not move its cursor).")]
        public static partial void ResumeStalled(ILogger logger, string? cursor);
    }
}
