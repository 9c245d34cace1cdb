using PlatformSdk.Errors;

namespace PlatformSdk.Logistics.Errors;

/// <summary>What kind of knowledge a shipment rule (RLOG-*) carries.</summary>
public enum ShipmentRuleKind
{
    /// <summary>A platform refusal, recognised by its message or code.</summary>
    PlatformError,

    /// <summary>A carrier-mapping fact (a code that is wrong or retired), checked when mappings are configured.</summary>
    CarrierMapping,

    /// <summary>A policy the sync engine applies (split orders, several packages, warehouse numbers).</summary>
    SyncPolicy,

    /// <summary>Context for support: nothing the software can act on.</summary>
    Context,
}

/// <summary>One shipment rule of docs/rules.md (RLOG-01 … RLOG-53): where it applies, how it is recognised, and what to do.</summary>
public sealed class ShipmentErrorRule
{
    internal ShipmentErrorRule(string ruleId, ShipmentRuleKind kind, IReadOnlyList<string> platforms, ErrorCategory? category, string remedy,
        IReadOnlyList<string> fragments, IReadOnlyList<string> codes, bool outcomeUnknown, bool isTokenExpiry, TimeSpan? retryAfter)
    {
        RuleId = ruleId;
        Kind = kind;
        Platforms = platforms;
        Category = category;
        Remedy = remedy;
        Fragments = fragments;
        Codes = codes;
        OutcomeUnknown = outcomeUnknown;
        IsTokenExpiry = isTokenExpiry;
        RetryAfter = retryAfter;
    }

    /// <summary>The rule id, for example <c>RLOG-07</c>.</summary>
    public string RuleId { get; }

    /// <summary>What kind of knowledge it is.</summary>
    public ShipmentRuleKind Kind { get; }

    /// <summary>The platforms it applies to (<see cref="ShipmentPlatforms"/> names); empty when it applies to any platform.</summary>
    public IReadOnlyList<string> Platforms { get; }

    /// <summary>Whether it applies to every platform.</summary>
    public bool AppliesToAnyPlatform => Platforms.Count == 0;

    /// <summary>The category of the refusal; <see langword="null"/> for rules that are not refusals.</summary>
    public ErrorCategory? Category { get; }

    /// <summary>What to do.</summary>
    public string Remedy { get; }

    /// <summary>The message fragments that recognise it, exactly as the platforms send them.</summary>
    public IReadOnlyList<string> Fragments { get; }

    /// <summary>The platform codes that recognise it on their own (for example <c>P38</c>, <c>CD01</c>).</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>True when the platform reports a timeout in its own back end: the shipment may have been applied (reconcile before resending).</summary>
    public bool OutcomeUnknown { get; }

    /// <summary>True when the refusal means the access token expired.</summary>
    public bool IsTokenExpiry { get; }

    /// <summary>How long the platform asks to wait before a retry, when it says.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <inheritdoc />
    public override string ToString() => $"{RuleId} ({(AppliesToAnyPlatform ? "any platform" : string.Join("/", Platforms))}, {Category?.ToString() ?? Kind.ToString()})";
}
