using System;
using PlatformSdk.Errors;

namespace ErpShared;

/// <summary>Code of a shared netstandard2.0 library that builds SDK records with init-only properties.</summary>
public static class ThrottleNotes
{
    /// <summary>An error as the vendor's own sender reports a pause the platform asked for.</summary>
    public static PlatformError Throttled(string platform)
        => new PlatformError(platform, "throttled", "retry after 120 seconds", ErrorCategory.Throttled, "Wait, then retry.")
        {
            RetryAfter = TimeSpan.FromSeconds(120),
            Delivery = RequestDelivery.NotSent,
        };
}
