namespace PlatformSdk.Matching;

/// <summary>The R1688-11 rule that decided a result. The numeric values are the rule numbers.</summary>
public enum SkuMatchRule : byte
{
    /// <summary>No rule applied (not matched for a reason in <see cref="SkuMatchFailure"/>, or a manual match).</summary>
    None = 0,

    /// <summary>Rule 1: the item has SKUs and the SKU cargo number (单品货号) equals an ERP SKU code → matched.</summary>
    SkuCodeEqual = 1,

    /// <summary>Rule 2: the item has no SKUs and its cargo number (货号) equals an ERP product code → matched.</summary>
    ProductCodeEqual = 2,

    /// <summary>Rule 3: the item has SKUs, no SKU code is equal, but the item cargo number equals an ERP product code → not matched.</summary>
    ItemCodeEqualButSkuCodesDiffer = 3,

    /// <summary>Rule 4: already matched (manually or automatically) → never auto-matched again.</summary>
    AlreadyMatched = 4,
}

/// <summary>The outcome of auto-matching one platform SKU or SKU-less item.</summary>
public enum SkuMatchOutcome : byte
{
    /// <summary>Not matched; see <see cref="SkuMatchResult.Failure"/>.</summary>
    NotMatched = 0,

    /// <summary>Matched now by rule 1 or 2.</summary>
    Matched = 1,

    /// <summary>Left alone because it was already matched (rule 4); see <see cref="SkuMatchResult.ExistingMatch"/>.</summary>
    AlreadyMatched = 2,
}

/// <summary>Why a platform SKU or item was not matched.</summary>
public enum SkuMatchFailure : byte
{
    /// <summary>Not a failure.</summary>
    None = 0,

    /// <summary>The SKU cargo number equals no ERP SKU code (and the item cargo number equals no ERP product code).</summary>
    NoEqualSkuCode = 1,

    /// <summary>The item has no SKUs and its cargo number equals no ERP product code.</summary>
    NoEqualProductCode = 2,

    /// <summary>Rule 3: the item cargo number equals an ERP product code but the SKU cargo number equals no ERP SKU code.</summary>
    ItemCodeEqualButSkuCodesDiffer = 3,

    /// <summary>The cargo number that rule 1 or 2 needs is blank.</summary>
    BlankCargoNumber = 4,

    /// <summary>The code equals several different ERP codes after normalisation; matching would be a guess.</summary>
    AmbiguousErpCode = 5,
}

/// <summary>How a persisted match was made.</summary>
public enum SkuMatchKind
{
    /// <summary>Made by the R1688-11 auto-match.</summary>
    Auto = 0,

    /// <summary>Made or changed by a person.</summary>
    Manual = 1,
}
