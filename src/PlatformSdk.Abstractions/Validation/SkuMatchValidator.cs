using PlatformSdk.Matching;

namespace PlatformSdk.Validation;

/// <summary>The input checks of <see cref="SkuMatchingService"/> (R1688-11).</summary>
internal static class SkuMatchValidator
{
    /// <summary>A manual match names its item, and its SKU and ERP SKU code, or (for an item without SKUs) the ERP product code.</summary>
    public static void ManualMatch(SkuMatchScope scope, PlatformSkuKey key, string? erpSkuCode, string? erpProductCode)
    {
        var guard = new ValidationGuard(scope.Platform ?? "unknown");
        guard.Required("key.itemId", key.ItemId, SkuMatchResult.RuleId);
        if (key.SkuId is not null)
        {
            guard.Required("key.skuId", key.SkuId, SkuMatchResult.RuleId);
            guard.Required("erpSkuCode", erpSkuCode, SkuMatchResult.RuleId);
        }
        else
        {
            guard.Required("erpProductCode", erpProductCode, SkuMatchResult.RuleId);
        }
    }
}
