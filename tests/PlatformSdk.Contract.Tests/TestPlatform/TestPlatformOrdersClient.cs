using System.Text.Json;
using PlatformSdk.TestPlatform.Models.Orders;
using PlatformSdk.TestPlatform.Protocol;
using PlatformSdk.TestPlatform.Validation;

namespace PlatformSdk.TestPlatform;

/// <summary>The shop's orders (<c>orders.create</c>).</summary>
public class TestPlatformOrdersClient
{
    private readonly TestPlatformTransport _transport = null!;

    internal TestPlatformOrdersClient(TestPlatformTransport transport) => _transport = transport;

    /// <summary>For mocking.</summary>
    protected TestPlatformOrdersClient()
    {
    }

    /// <summary>
    /// Creates an order keyed by <see cref="TestPlatformOrderRequest.OutOrderId"/>. A non-idempotent write: never resent by the SDK
    /// once it may have reached TestPlatform. After a failure with <see cref="Errors.PlatformException.MayHaveBeenProcessed"/>,
    /// resend with the same key: TestPlatform answers with the existing order (<see cref="TestPlatformOrder.AlreadyExisted"/>).
    /// </summary>
    /// <param name="request">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order.</returns>
    /// <exception cref="Validation.PlatformValidationException">The order breaks a rule; nothing was sent.</exception>
    /// <exception cref="Errors.PlatformException">TestPlatform refused the order, or the call failed.</exception>
    public virtual async Task<TestPlatformOrder> CreateAsync(TestPlatformOrderRequest request, CancellationToken cancellationToken = default)
    {
        TestPlatformOrderValidator.Validate(request);
        var biz = JsonSerializer.Serialize(new CreateOrderWire
        {
            OutOrderId = request.OutOrderId,
            ItemId = request.ItemId,
            Quantity = request.Quantity,
            BuyerNote = request.BuyerNote,
        }, TestPlatformJsonContext.Default.CreateOrderWire);
        return await _transport.SendAsync(TestPlatformApi.OrdersCreate, biz, TestPlatformJsonContext.Default.OrderWire,
            static o => new TestPlatformOrder(o.OrderId, o.OutOrderId, o.Status, o.Duplicate), cancellationToken).ConfigureAwait(false);
    }
}
