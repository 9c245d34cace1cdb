using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Model;

namespace PlatformSdk.TaobaoVoucher.Errors;

/// <summary>
/// Thrown when an operation is not allowed in the order's current state (an illegal transition). Names the
/// operation, the state and the rule; nothing was changed or sent.
/// </summary>
public class VoucherStateException : PlatformValidationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="operation">The refused operation, for example <c>Redeem</c>.</param>
    /// <param name="state">The order's current state.</param>
    /// <param name="ruleId">The rule that forbids it.</param>
    /// <param name="problem">Why, and what is possible instead.</param>
    public VoucherStateException(string orderId, string operation, VoucherOrderState state, string ruleId, string problem)
        : base(VoucherOrder.Platform, "state", state.ToString(), ruleId, $"order {orderId} cannot {operation} in state {state}: {problem}",
            $"Nothing was changed or sent: {operation} is not allowed while the order is {state}. Check the order's state first.")
    {
        OrderId = orderId;
        Operation = operation;
        State = state;
    }

    /// <summary>The order.</summary>
    public string OrderId { get; }

    /// <summary>The refused operation.</summary>
    public string Operation { get; }

    /// <summary>The order's state when the operation was refused.</summary>
    public VoucherOrderState State { get; }
}
