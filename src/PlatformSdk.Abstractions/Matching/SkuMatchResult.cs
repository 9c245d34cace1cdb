using System.Globalization;

namespace PlatformSdk.Matching;

/// <summary>
/// The auto-match result for one platform SKU, or for one platform item without SKUs. A small struct: a report of
/// a million results is one array, and matched results point at the catalogue's strings instead of copying them.
/// </summary>
public readonly record struct SkuMatchResult
{
    // Either the SkuMatch that made rule 4 apply, or the ambiguous candidates (ErpSku[] or string[]).
    private readonly object? _detail;

    internal SkuMatchResult(PlatformSkuKey key, string? cargoNumber, SkuMatchOutcome outcome, SkuMatchRule rule, SkuMatchFailure failure,
        string? erpSkuCode, string? erpProductCode, object? detail)
    {
        Key = key;
        CargoNumber = cargoNumber;
        Outcome = outcome;
        Rule = rule;
        Failure = failure;
        ErpSkuCode = erpSkuCode;
        ErpProductCode = erpProductCode;
        _detail = detail;
    }

    /// <summary>The rule id these results implement.</summary>
    public const string RuleId = "R1688-11";

    /// <summary>The platform item and SKU (SKU id <see langword="null"/> for an item without SKUs).</summary>
    public PlatformSkuKey Key { get; }

    /// <summary>The platform cargo number that was compared: the SKU's 单品货号, or the item's 货号 for an item without SKUs.</summary>
    public string? CargoNumber { get; }

    /// <summary>Matched, already matched, or not matched.</summary>
    public SkuMatchOutcome Outcome { get; }

    /// <summary>The R1688-11 rule that decided: 1 or 2 for a match, 3 for the rule-3 refusal, 4 when already matched; otherwise none.</summary>
    public SkuMatchRule Rule { get; }

    /// <summary>Why it was not matched; <see cref="SkuMatchFailure.None"/> unless <see cref="Outcome"/> is <see cref="SkuMatchOutcome.NotMatched"/>.</summary>
    public SkuMatchFailure Failure { get; }

    /// <summary>
    /// The ERP SKU code matched (rule 1), or the one of the existing match (rule 4); <see langword="null"/> for a
    /// product-level match or when not matched.
    /// </summary>
    public string? ErpSkuCode { get; }

    /// <summary>
    /// The ERP product code: of the matched SKU (rule 1), the matched product (rule 2), the existing match (rule 4),
    /// or the product the item cargo number equals although no SKU matched (rule 3, and a blank SKU code under such an item).
    /// </summary>
    public string? ErpProductCode { get; }

    /// <summary>True when matched now or before: the SKU can be used in a pre-order.</summary>
    public bool IsMatched => Outcome != SkuMatchOutcome.NotMatched;

    /// <summary>The match that made rule 4 apply; <see langword="null"/> otherwise.</summary>
    public SkuMatch? ExistingMatch => _detail as SkuMatch;

    /// <summary>For <see cref="SkuMatchFailure.AmbiguousErpCode"/>: the ERP codes the cargo number equals (SKU codes with their product, or product codes).</summary>
    public IReadOnlyList<string> AmbiguousCandidates => _detail switch
    {
        ErpSku[] skus => Array.ConvertAll(skus, s => s.SkuCode + " (product " + s.ProductCode + ")"),
        string[] products => products,
        _ => [],
    };

    /// <summary>Explains the result in one sentence, naming the codes and the rule (built on demand, not during matching).</summary>
    /// <returns>The explanation.</returns>
    public string Describe()
    {
        var what = Key.SkuId is null ? $"Item {Key.ItemId}" : $"SKU {Key.ItemId}/{Key.SkuId}";
        var code = CargoNumber is null ? "(none)" : $"'{CargoNumber}'";
        return (Outcome, Failure) switch
        {
            (SkuMatchOutcome.Matched, _) when Rule == SkuMatchRule.SkuCodeEqual =>
                $"{what} matched ERP SKU '{ErpSkuCode}' of product '{ErpProductCode}': cargo number {code} equals the SKU code ({RuleId} rule 1).",
            (SkuMatchOutcome.Matched, _) =>
                $"{what} matched ERP product '{ErpProductCode}': the item has no SKUs and its cargo number {code} equals the product code ({RuleId} rule 2).",
            (SkuMatchOutcome.AlreadyMatched, _) => DescribeExisting(what),
            (_, SkuMatchFailure.ItemCodeEqualButSkuCodesDiffer) =>
                $"{what} not matched: the item cargo number equals ERP product '{ErpProductCode}' but the SKU cargo number {code} equals no ERP SKU code; an item with SKUs is matched by SKU codes only ({RuleId} rule 3). Set the SKU cargo numbers (单品货号) to the ERP SKU codes, or match by hand.",
            (_, SkuMatchFailure.BlankCargoNumber) when Key.SkuId is not null && ErpProductCode is not null =>
                $"{what} not matched: the SKU cargo number (单品货号) is blank; the item cargo number equals ERP product '{ErpProductCode}' but an item with SKUs is matched by SKU codes only ({RuleId} rule 3). Fill in the SKU cargo number, or match by hand.",
            (_, SkuMatchFailure.BlankCargoNumber) => Key.SkuId is null
                ? $"{what} not matched: the item has no SKUs and its cargo number (货号) is blank ({RuleId} rule 2 needs it). Fill it in, or match by hand."
                : $"{what} not matched: the SKU cargo number (单品货号) is blank ({RuleId} rule 1 needs it). Fill it in, or match by hand.",
            (_, SkuMatchFailure.AmbiguousErpCode) =>
                $"{what} not matched: cargo number {code} equals several ERP codes after normalisation ({string.Join(", ", AmbiguousCandidates)}); make the ERP codes unique, or match by hand.",
            (_, SkuMatchFailure.NoEqualProductCode) =>
                $"{what} not matched: the item has no SKUs and its cargo number {code} equals no ERP product code ({RuleId} rule 2).",
            _ => $"{what} not matched: cargo number {code} equals no ERP SKU code ({RuleId} rule 1).",
        };
    }

    private string DescribeExisting(string what)
    {
        var existing = ExistingMatch;
        var target = ErpSkuCode is null ? $"ERP product '{ErpProductCode}'" : $"ERP SKU '{ErpSkuCode}'";
        var how = existing is null
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $" {(existing.Kind == SkuMatchKind.Manual ? "by hand" : "automatically")} at {existing.MatchedAt:u}");
        return $"{what} left as is: already matched to {target}{how} ({RuleId} rule 4).";
    }
}
