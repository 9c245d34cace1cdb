using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Models.Orders;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Alibaba1688.Validation;

namespace PlatformSdk.Alibaba1688;

/// <summary>One shop's orders, seller view. A paid pre-order is an ordinary order (R1688-17).</summary>
public class Alibaba1688OrdersClient
{
    private readonly Alibaba1688Transport _transport = null!;
    private readonly string _shop = null!;

    internal Alibaba1688OrdersClient(Alibaba1688Transport transport, string shop)
    {
        _transport = transport;
        _shop = shop;
    }

    /// <summary>For mocking.</summary>
    protected Alibaba1688OrdersClient()
    {
    }

    /// <summary>Reads one order (<c>alibaba.trade.get.sellerView</c>).</summary>
    /// <param name="orderId">The order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order, or <see langword="null"/> when the reply has none.</returns>
    public virtual async Task<Alibaba1688Order?> GetAsync(long orderId, CancellationToken cancellationToken = default)
    {
        Alibaba1688RequestValidator.OrderId(orderId);
        return await _transport.SendAsync(_shop, Alibaba1688Api.OrderDetail,
            [new("orderId", Alibaba1688Mappers.Text(orderId)), new("webSite", "1688")],
            root => Alibaba1688Json.Property(root, "result") is { } trade ? Alibaba1688Mappers.Order(trade) : null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds the order created with an <c>outOrderId</c> (the ERP sales order id), to reconcile a create that may have failed.</summary>
    /// <param name="outOrderId">The id sent at creation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order, or <see langword="null"/> when none has that id.</returns>
    public virtual async Task<Alibaba1688Order?> FindByOutOrderIdAsync(string outOrderId, CancellationToken cancellationToken = default)
    {
        Alibaba1688RequestValidator.OutOrderId(outOrderId);
        return await _transport.SendAsync(_shop, Alibaba1688Api.OrderList,
            [new("page", "1"), new("pageSize", "20"), new("outOrderId", outOrderId)],
            root => Alibaba1688Json.Array(root, "result")
                .Select(Alibaba1688Mappers.Order)
                .FirstOrDefault(o => o is not null && string.Equals(o.OutOrderId, outOrderId, StringComparison.Ordinal)),
            cancellationToken).ConfigureAwait(false);
    }
}
