namespace PlatformSdk.Errors;

/// <summary>How an <see cref="ErrorCatalogueEntry"/> recognises an error.</summary>
public enum ErrorMatchKind
{
    /// <summary>The platform's error code equals the entry's pattern.</summary>
    Code,

    /// <summary>The platform's error code starts with the entry's pattern (for code families such as <c>isp.</c>).</summary>
    CodePrefix,

    /// <summary>The platform's sub-code equals the entry's pattern.</summary>
    SubCode,

    /// <summary>The platform's sub-code starts with the entry's pattern.</summary>
    SubCodePrefix,

    /// <summary>The message contains the entry's pattern, ignoring whitespace, ASCII case and full-width/half-width punctuation differences.</summary>
    MessageFragment,
}

/// <summary>One known platform error: how to recognise it, its category and its remedy.</summary>
public sealed record ErrorCatalogueEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="matchKind">How the entry is matched.</param>
    /// <param name="pattern">The code, prefix or message fragment, exactly as the platform sends it.</param>
    /// <param name="category">The category assigned to matching errors.</param>
    /// <param name="remedy">What to do about it.</param>
    public ErrorCatalogueEntry(ErrorMatchKind matchKind, string pattern, ErrorCategory category, string remedy)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentException.ThrowIfNullOrEmpty(remedy);
        MatchKind = matchKind;
        Pattern = pattern;
        Category = category;
        Remedy = remedy;
    }

    /// <summary>How the entry is matched.</summary>
    public ErrorMatchKind MatchKind { get; }

    /// <summary>The code, prefix or message fragment as the platform sends it.</summary>
    public string Pattern { get; }

    /// <summary>The category assigned to matching errors.</summary>
    public ErrorCategory Category { get; }

    /// <summary>What to do about it.</summary>
    public string Remedy { get; }

    /// <summary>The domain rule this entry comes from, for example <c>RJST-06</c>.</summary>
    public string? RuleId { get; init; }

    /// <summary>True when the error means the access token expired, so one refresh-and-retry is worthwhile.</summary>
    public bool IsTokenExpiry { get; init; }

    /// <summary>
    /// True when the error reports a timeout inside the platform's own backend (for example 1688's <c>HSFTimeOutException</c>,
    /// RLOG-40): the platform answered with an error, yet a write may have been carried out.
    /// </summary>
    public bool OutcomeUnknown { get; init; }
}
