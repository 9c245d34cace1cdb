using System.Collections.Frozen;

namespace PlatformSdk.Errors;

/// <summary>
/// A platform's table of known errors. Classifies an error by sub-code, message fragment and code, in
/// that order of precedence (the message is more specific than the platforms' generic codes), and
/// falls back to <see cref="ErrorCategory.Unknown"/>.
/// </summary>
/// <remarks>
/// Code and sub-code lookups are frozen-dictionary reads; message matching is one pass of a multi-fragment automaton over the
/// message, normalising as it reads, so its cost does not grow with the number of entries and <see cref="Find"/> allocates
/// nothing, whatever the message length (<see cref="Classify"/> allocates only the returned <see cref="PlatformError"/>).
/// </remarks>
public sealed class ErrorCatalogue
{
    private readonly FrozenDictionary<string, ErrorCatalogueEntry> _codes;
    private readonly FrozenDictionary<string, ErrorCatalogueEntry> _subCodes;
    private readonly ErrorCatalogueEntry[] _codePrefixes;
    private readonly ErrorCatalogueEntry[] _subCodePrefixes;
    private readonly ErrorCatalogueEntry[] _fragments;
    private readonly FragmentMatcher _matcher;

    internal ErrorCatalogue(string platform, IReadOnlyList<ErrorCatalogueEntry> entries)
    {
        Platform = platform;
        Entries = entries;
        _codes = entries.Where(e => e.MatchKind == ErrorMatchKind.Code).ToFrozenDictionary(e => e.Pattern, StringComparer.Ordinal);
        _subCodes = entries.Where(e => e.MatchKind == ErrorMatchKind.SubCode).ToFrozenDictionary(e => e.Pattern, StringComparer.Ordinal);
        _codePrefixes = entries.Where(e => e.MatchKind == ErrorMatchKind.CodePrefix).OrderByDescending(e => e.Pattern.Length).ToArray();
        _subCodePrefixes = entries.Where(e => e.MatchKind == ErrorMatchKind.SubCodePrefix).OrderByDescending(e => e.Pattern.Length).ToArray();
        // One pass over the message finds the longest fragment it contains: a specific message wins over a generic one inside it.
        _fragments = entries.Where(e => e.MatchKind == ErrorMatchKind.MessageFragment && PlatformMessageText.Normalize(e.Pattern).Length > 0).ToArray();
        _matcher = new FragmentMatcher(_fragments.Select(e => PlatformMessageText.Normalize(e.Pattern)).ToArray());
    }

    /// <summary>The platform this catalogue belongs to.</summary>
    public string Platform { get; }

    /// <summary>Every entry, in the order it was added.</summary>
    public IReadOnlyList<ErrorCatalogueEntry> Entries { get; }

    /// <summary>Starts a catalogue for a platform.</summary>
    /// <param name="platform">The platform name used in every <see cref="PlatformError"/> produced.</param>
    /// <returns>A builder.</returns>
    public static ErrorCatalogueBuilder CreateBuilder(string platform) => new(platform);

    /// <summary>Finds the entry for an error, or <see langword="null"/> when none matches.</summary>
    /// <param name="code">The platform's error code, if any.</param>
    /// <param name="subCode">The platform's sub-code, if any.</param>
    /// <param name="message">The platform's message, if any.</param>
    /// <returns>The matching entry or <see langword="null"/>.</returns>
    public ErrorCatalogueEntry? Find(string? code, string? subCode, string? message)
    {
        if (!string.IsNullOrEmpty(subCode))
        {
            if (_subCodes.TryGetValue(subCode, out var bySub))
            {
                return bySub;
            }

            foreach (var entry in _subCodePrefixes)
            {
                if (subCode.StartsWith(entry.Pattern, StringComparison.Ordinal))
                {
                    return entry;
                }
            }
        }

        if (!string.IsNullOrEmpty(message) && _fragments.Length > 0)
        {
            var byMessage = FindByMessage(message);
            if (byMessage is not null)
            {
                return byMessage;
            }
        }

        if (!string.IsNullOrEmpty(code))
        {
            if (_codes.TryGetValue(code, out var byCode))
            {
                return byCode;
            }

            foreach (var entry in _codePrefixes)
            {
                if (code.StartsWith(entry.Pattern, StringComparison.Ordinal))
                {
                    return entry;
                }
            }
        }

        return null;
    }

    /// <summary>Classifies an error into a <see cref="PlatformError"/>; unknown errors get <see cref="ErrorCategory.Unknown"/>.</summary>
    /// <param name="code">The platform's error code (text).</param>
    /// <param name="subCode">The platform's sub-code, if any.</param>
    /// <param name="message">The platform's raw message.</param>
    /// <param name="httpStatus">The HTTP status of the response.</param>
    /// <param name="requestId">The platform's request id, if any.</param>
    /// <returns>The classified error.</returns>
    public PlatformError Classify(string code, string? subCode, string message, int httpStatus = 200, string? requestId = null)
    {
        var entry = Find(code, subCode, message);
        return new PlatformError(
            Platform,
            code,
            message,
            entry?.Category ?? ErrorCategory.Unknown,
            entry?.Remedy ?? $"This {Platform} error is not in the SDK's catalogue. Read the platform's message; the SDK does not retry it automatically.")
        {
            SubCode = subCode,
            RuleId = entry?.RuleId,
            HttpStatus = httpStatus,
            RequestId = requestId,
            IsTokenExpiry = entry?.IsTokenExpiry ?? false,
            Delivery = entry?.OutcomeUnknown == true ? RequestDelivery.OutcomeUnknown : RequestDelivery.Answered,
        };
    }

    private ErrorCatalogueEntry? FindByMessage(string message)
    {
        var index = _matcher.Find(message);
        return index < 0 ? null : _fragments[index];
    }
}

/// <summary>Builds an <see cref="ErrorCatalogue"/>.</summary>
public sealed class ErrorCatalogueBuilder
{
    private readonly string _platform;
    private readonly List<ErrorCatalogueEntry> _entries = [];
    private readonly List<ErrorCatalogue> _included = [];

    internal ErrorCatalogueBuilder(string platform)
    {
        ArgumentException.ThrowIfNullOrEmpty(platform);
        _platform = platform;
    }

    /// <summary>Adds an entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>This builder.</returns>
    public ErrorCatalogueBuilder Add(ErrorCatalogueEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries.Add(entry);
        return this;
    }

    /// <summary>Adds an entry matched by exact error code.</summary>
    /// <param name="code">The code.</param>
    /// <param name="category">The category.</param>
    /// <param name="remedy">What to do.</param>
    /// <param name="ruleId">The domain rule, if any.</param>
    /// <param name="isTokenExpiry">True when the code means the token expired.</param>
    /// <param name="outcomeUnknown">True when the code reports a backend timeout after which a write may have happened.</param>
    /// <returns>This builder.</returns>
    public ErrorCatalogueBuilder Code(string code, ErrorCategory category, string remedy, string? ruleId = null, bool isTokenExpiry = false, bool outcomeUnknown = false)
        => Add(new ErrorCatalogueEntry(ErrorMatchKind.Code, code, category, remedy) { RuleId = ruleId, IsTokenExpiry = isTokenExpiry, OutcomeUnknown = outcomeUnknown });

    /// <summary>Adds an entry matched by error-code prefix (a code family).</summary>
    /// <param name="prefix">The prefix.</param>
    /// <param name="category">The category.</param>
    /// <param name="remedy">What to do.</param>
    /// <param name="ruleId">The domain rule, if any.</param>
    /// <returns>This builder.</returns>
    public ErrorCatalogueBuilder CodePrefix(string prefix, ErrorCategory category, string remedy, string? ruleId = null)
        => Add(new ErrorCatalogueEntry(ErrorMatchKind.CodePrefix, prefix, category, remedy) { RuleId = ruleId });

    /// <summary>Adds an entry matched by exact sub-code.</summary>
    /// <param name="subCode">The sub-code.</param>
    /// <param name="category">The category.</param>
    /// <param name="remedy">What to do.</param>
    /// <param name="ruleId">The domain rule, if any.</param>
    /// <param name="isTokenExpiry">True when the sub-code means the token expired.</param>
    /// <returns>This builder.</returns>
    public ErrorCatalogueBuilder SubCode(string subCode, ErrorCategory category, string remedy, string? ruleId = null, bool isTokenExpiry = false)
        => Add(new ErrorCatalogueEntry(ErrorMatchKind.SubCode, subCode, category, remedy) { RuleId = ruleId, IsTokenExpiry = isTokenExpiry });

    /// <summary>Adds an entry matched by sub-code prefix.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <param name="category">The category.</param>
    /// <param name="remedy">What to do.</param>
    /// <param name="ruleId">The domain rule, if any.</param>
    /// <returns>This builder.</returns>
    public ErrorCatalogueBuilder SubCodePrefix(string prefix, ErrorCategory category, string remedy, string? ruleId = null)
        => Add(new ErrorCatalogueEntry(ErrorMatchKind.SubCodePrefix, prefix, category, remedy) { RuleId = ruleId });

    /// <summary>Adds an entry matched by a fragment of the message.</summary>
    /// <param name="fragment">The exact fragment the platform sends.</param>
    /// <param name="category">The category.</param>
    /// <param name="remedy">What to do.</param>
    /// <param name="ruleId">The domain rule, if any.</param>
    /// <param name="isTokenExpiry">True when the message means the token expired.</param>
    /// <param name="outcomeUnknown">True when the message reports a backend timeout after which a write may have happened.</param>
    /// <returns>This builder.</returns>
    public ErrorCatalogueBuilder Message(string fragment, ErrorCategory category, string remedy, string? ruleId = null, bool isTokenExpiry = false, bool outcomeUnknown = false)
        => Add(new ErrorCatalogueEntry(ErrorMatchKind.MessageFragment, fragment, category, remedy) { RuleId = ruleId, IsTokenExpiry = isTokenExpiry, OutcomeUnknown = outcomeUnknown });

    /// <summary>
    /// Adds every entry of a shared protocol's catalogue (for example TOP's under an e-voucher catalogue) that this builder does not
    /// define itself: a package contributes its own entries on top of the protocol's, and its own win where both name one code.
    /// </summary>
    /// <param name="baseCatalogue">The protocol's catalogue.</param>
    /// <returns>This builder.</returns>
    public ErrorCatalogueBuilder Include(ErrorCatalogue baseCatalogue)
    {
        ArgumentNullException.ThrowIfNull(baseCatalogue);
        _included.Add(baseCatalogue);
        return this;
    }

    /// <summary>Builds the catalogue. Duplicate codes or sub-codes are rejected: one code, one meaning.</summary>
    /// <returns>The catalogue.</returns>
    public ErrorCatalogue Build()
    {
        foreach (var included in _included)
        {
            var own = _entries.Select(Key).ToHashSet();
            _entries.AddRange(included.Entries.Where(e => !own.Contains(Key(e))));
        }

        _included.Clear();
        var duplicate = _entries
            .Where(e => e.MatchKind is ErrorMatchKind.Code or ErrorMatchKind.SubCode or ErrorMatchKind.MessageFragment)
            .GroupBy(e => (e.MatchKind, e.MatchKind == ErrorMatchKind.MessageFragment ? PlatformMessageText.Normalize(e.Pattern) : e.Pattern))
            .FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"The {_platform} error catalogue lists {duplicate.Key.MatchKind} '{duplicate.First().Pattern}' more than once.");
        }

        return new ErrorCatalogue(_platform, _entries.ToArray());
    }

    private static (ErrorMatchKind, string) Key(ErrorCatalogueEntry entry)
        => (entry.MatchKind, entry.MatchKind == ErrorMatchKind.MessageFragment ? PlatformMessageText.Normalize(entry.Pattern) : entry.Pattern);
}
