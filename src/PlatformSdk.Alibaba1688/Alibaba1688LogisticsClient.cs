using System.Globalization;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Alibaba1688.Validation;
using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688;

/// <summary>One shop's carriers and shipping with an own carrier (R1688-14: otherwise 1688 treats the order as unshipped).</summary>
public class Alibaba1688LogisticsClient
{
    private readonly Alibaba1688Transport _transport = null!;
    private readonly string _shop = null!;

    internal Alibaba1688LogisticsClient(Alibaba1688Transport transport, string shop)
    {
        _transport = transport;
        _shop = shop;
    }

    /// <summary>For mocking.</summary>
    protected Alibaba1688LogisticsClient()
    {
    }

    /// <summary>Lists the own carriers (<c>alibaba.logistics.OpQueryLogisticCompanyList.offline</c>); map ERP carriers to their <c>CompanyNo</c> (RLOG-05, RLOG-12).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The carriers.</returns>
    public virtual async Task<IReadOnlyList<Alibaba1688Carrier>> ListCarriersAsync(CancellationToken cancellationToken = default)
    {
        return await _transport.SendAsync(_shop, Alibaba1688Api.CarrierList, [],
            root => Alibaba1688Json.Array(root, "result").Select(Alibaba1688Mappers.Carrier).OfType<Alibaba1688Carrier>().ToArray(),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ships sub-orders of an order (<c>alibaba.logistics.OpDeliverySendOrder.offline</c>). Each sub-order ships whole, once
    /// (RLOG-52). Not retried once it may have reached 1688. An order 1688 reports as already shipped
    /// (<c>发货失败,订单状态为[等待买家收货]</c>, RLOG-13) returns <see cref="Alibaba1688ShipOutcome.AlreadyShipped"/> instead of throwing.
    /// </summary>
    /// <param name="request">The shipment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">1688 refused the shipment (for example a missing carrier mapping, RLOG-05).</exception>
    public virtual async Task<Alibaba1688ShipResult> ShipAsync(Alibaba1688ShipRequest request, CancellationToken cancellationToken = default)
    {
        Alibaba1688RequestValidator.Ship(request);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("sendGoods", Alibaba1688JsonContext.Serialize(new List<SendGoodsWire>
            {
                new()
                {
                    SourceId = request.OrderId,
                    SendGoodEntries = request.Entries.Select(e => new SendGoodEntryWire { SourceEntryId = e.SubOrderId, Amount = e.Quantity }).ToList(),
                },
            }, Alibaba1688JsonContext.Wire.ListSendGoodsWire)),
            new("extBody", Alibaba1688JsonContext.Serialize(new ShipExtBodyWire
            {
                CpCode = request.CarrierCode.Trim(),
                LogisticsCpName = request.CarrierName,
                MailNo = request.TrackingNumber.Trim(),
            }, Alibaba1688JsonContext.Wire.ShipExtBodyWire)),
            new("gmtSend", Alibaba1688WireTime.Format(request.ShippedAt)),
        };
        if (!string.IsNullOrEmpty(request.Remarks))
        {
            parameters.Add(new("remarks", request.Remarks));
        }

        try
        {
            var (failures, shipped) = await _transport.SendAsync(_shop, Alibaba1688Api.Ship, parameters, root =>
            {
                var result = Alibaba1688Json.Property(root, "result");
                var failures = result is { } r
                    ? Alibaba1688Json.Array(r, "sendFailList").Select(f => new Alibaba1688ShipFailure(
                        Alibaba1688Json.Long(f, "sourceEntryId"),
                        Alibaba1688ErrorCatalogue.Instance.Classify(Alibaba1688Json.String(f, "errorCode") ?? Alibaba1688ResponseClassifier.UnnamedBusinessErrorCode, null,
                            Alibaba1688Json.String(f, "errorMessage") ?? string.Empty))).ToArray()
                    : [];
                var shipped = result is { } s && Alibaba1688Json.Property(s, "sendSuccessList") is not null
                    ? ShippedSubOrders(request, Alibaba1688Json.Array(s, "sendSuccessList"))
                    : failures.Length == 0 ? request.Entries.Select(e => e.SubOrderId).ToArray() : [];
                return (failures, shipped);
            }, cancellationToken).ConfigureAwait(false);
            if (failures.Length == 0)
            {
                return new Alibaba1688ShipResult { Outcome = Alibaba1688ShipOutcome.Shipped, ShippedSubOrderIds = shipped };
            }

            if (failures.All(f => f.Error.Category == ErrorCategory.AlreadyDone))
            {
                return new Alibaba1688ShipResult { Outcome = Alibaba1688ShipOutcome.AlreadyShipped, ShippedSubOrderIds = shipped, Failures = failures };
            }

            if (shipped.Length == 0)
            {
                throw new PlatformException(failures.First(f => f.Error.Category != ErrorCategory.AlreadyDone).Error);
            }

            return new Alibaba1688ShipResult { Outcome = Alibaba1688ShipOutcome.PartlyFailed, ShippedSubOrderIds = shipped, Failures = failures };
        }
        catch (PlatformException ex) when (ex.Category == ErrorCategory.AlreadyDone)
        {
            // RLOG-13: already shipped or in after-sales; nothing to sync.
            return new Alibaba1688ShipResult
            {
                Outcome = Alibaba1688ShipOutcome.AlreadyShipped,
                Failures = [new Alibaba1688ShipFailure(null, ex.Error)],
            };
        }
    }

    // The doc names sendSuccessList but not its element shape: an element may name a sub-order (sourceEntryId) or only the
    // order (sourceId), in which case every sub-order this request sent for that order shipped.
    private static long[] ShippedSubOrders(Alibaba1688ShipRequest request, IEnumerable<System.Text.Json.JsonElement> successes)
    {
        var shipped = new List<long>();
        foreach (var success in successes)
        {
            if (Alibaba1688Json.Long(success, "sourceEntryId") is { } entry)
            {
                shipped.Add(entry);
            }
            else if (Alibaba1688Json.Long(success, "sourceId") == request.OrderId)
            {
                shipped.AddRange(request.Entries.Select(e => e.SubOrderId));
            }
        }

        return [.. shipped.Distinct()];
    }
}
