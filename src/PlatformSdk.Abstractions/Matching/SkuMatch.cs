namespace PlatformSdk.Matching;

/// <summary>
/// A persisted match between a platform SKU (or SKU-less item) and the ERP. Pre-orders use it to turn an ERP
/// SKU into the platform item and SKU ids.
/// </summary>
/// <param name="Key">The platform item and SKU.</param>
/// <param name="ErpSkuCode">The ERP SKU code, or <see langword="null"/> when a SKU-less item is matched to a product (rule 2).</param>
/// <param name="ErpProductCode">The ERP product code; may be <see langword="null"/> only for a SKU whose ERP product is unknown.</param>
/// <param name="Kind">Auto or manual.</param>
/// <param name="Rule">The rule of an auto match (1 or 2); <see cref="SkuMatchRule.None"/> for a manual one.</param>
/// <param name="MatchedAt">When the match was made or last changed (from the injected <see cref="TimeProvider"/>).</param>
public sealed record SkuMatch(
    PlatformSkuKey Key,
    string? ErpSkuCode,
    string? ErpProductCode,
    SkuMatchKind Kind,
    SkuMatchRule Rule,
    DateTimeOffset MatchedAt);

/// <summary>The result of recording a manual match: what was there before and what is there now.</summary>
/// <param name="Previous">The replaced match, or <see langword="null"/> when the SKU was not matched.</param>
/// <param name="Current">The new manual match.</param>
public sealed record SkuMatchChange(SkuMatch? Previous, SkuMatch Current);
