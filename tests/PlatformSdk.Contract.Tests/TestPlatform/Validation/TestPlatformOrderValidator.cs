using PlatformSdk.TestPlatform.Errors;
using PlatformSdk.TestPlatform.Models.Orders;
using PlatformSdk.Validation;

namespace PlatformSdk.TestPlatform.Validation;

/// <summary>Checks an order before anything is sent.</summary>
public static class TestPlatformOrderValidator
{
    /// <summary>The longest business key TestPlatform stores.</summary>
    public const int MaxOutOrderIdLength = 32;

    private static readonly ValidationGuard Guard = new(TestPlatformErrorCatalogue.Platform);

    /// <summary>
    /// The business key <c>out_order_id</c> is required, at most 32 characters of <c>A-Z a-z 0-9 - _</c> (TestPlatform answers
    /// anything else with a generic 40003, and a key it silently truncated would not deduplicate); quantity is 1 to 999.
    /// </summary>
    /// <param name="request">The order.</param>
    /// <exception cref="PlatformValidationException">A field breaks a rule; nothing was sent.</exception>
    public static void Validate(TestPlatformOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Guard.Required("out_order_id", request.OutOrderId);
        Guard.MaxLength("out_order_id", request.OutOrderId, MaxOutOrderIdLength);
        if (!request.OutOrderId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            Guard.Fail("out_order_id", request.OutOrderId, null, "only letters, digits, '-' and '_' are allowed.");
        }

        Guard.Required("item_id", request.ItemId);
        Guard.InRange("quantity", request.Quantity, 1, 999);
    }
}
