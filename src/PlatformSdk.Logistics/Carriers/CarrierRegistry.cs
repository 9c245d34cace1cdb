using System.Collections.Frozen;
using System.Text.RegularExpressions;
using PlatformSdk.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.Logistics.Carriers;

/// <summary>
/// The ERP's carriers and their codes on each platform (docs/logistics.md, docs/protocols/carriers.md): resolve a carrier to the
/// code a platform ships with, find the carrier of a platform's code, compare the mappings with a platform's own list, and check
/// tracking numbers before they are sent. Built once by <see cref="CarrierRegistryBuilder"/> (the shipped data, the user's
/// configuration and code) and immutable afterwards; every member is virtual so a test can replace it.
/// </summary>
/// <remarks>
/// Retired and known-wrong codes (PDD 204 for BEST, RLOG-02; Douyin <c>yzguonei</c>/<c>youzhengbk</c>, RLOG-06; YTO Express to
/// 圆通国际, RLOG-25; Yunda Express to Yunda Freight, RLOG-03) cannot be mapped: <see cref="CarrierRegistryBuilder.Build"/> refuses them.
/// Tmall ships with Taobao's codes: a carrier without a Tmall mapping of its own resolves to its Taobao code.
/// </remarks>
public class CarrierRegistry
{
    /// <summary>The longest tracking number accepted for any carrier (a limit of the SDK: the longest known format has 18 characters).</summary>
    public const int MaxTrackingNumberLength = 40;

    internal const string ErrorPlatform = "Logistics";

    // Fail escapes control characters in what it echoes: a refused number with a line break cannot forge a log line.
    private static readonly ValidationGuard Guard = new(ErrorPlatform);

    private static readonly Lazy<CarrierRegistry> ShippedRegistry = new(() => new CarrierRegistryBuilder().Build());

    private readonly ErpCarrier[] _carriers = [];
    private readonly FrozenDictionary<string, ErpCarrier> _byId = FrozenDictionary<string, ErpCarrier>.Empty;
    private readonly FrozenDictionary<string, CarrierCode> _byPlatformCode = FrozenDictionary<string, CarrierCode>.Empty;
    private readonly FrozenDictionary<string, (TrackingNumberFormat Format, Regex Regex)[]> _formats = FrozenDictionary<string, (TrackingNumberFormat, Regex)[]>.Empty;
    private readonly ForbiddenCarrierCode[] _forbidden = [];

    internal CarrierRegistry(IEnumerable<ErpCarrier> carriers, IEnumerable<ForbiddenCarrierCode> forbidden)
    {
        _carriers = [.. carriers];
        _byId = _carriers.ToFrozenDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        var byCode = new Dictionary<string, CarrierCode>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in _carriers.SelectMany(c => c.Codes))
        {
            byCode.TryAdd(Key(code.Platform, code.Code), code);
            if (code.Alias is { Length: > 0 } alias)
            {
                byCode.TryAdd(Key(code.Platform, alias), code);
            }
        }

        _byPlatformCode = byCode.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _formats = _carriers.ToFrozenDictionary(c => c.Id, c => c.TrackingNumberFormats.Select(f => (f, CompileFormat(f.Pattern))).ToArray(), StringComparer.OrdinalIgnoreCase);
        _forbidden = [.. forbidden];
        Carriers = _carriers.AsReadOnly();
        ForbiddenCodes = _forbidden.AsReadOnly();
    }

    /// <summary>For mocking.</summary>
    protected CarrierRegistry()
    {
        Carriers = _carriers.AsReadOnly();
        ForbiddenCodes = _forbidden.AsReadOnly();
    }

    /// <summary>The registry of the data shipped in the package, without user overrides.</summary>
    public static CarrierRegistry Shipped => ShippedRegistry.Value;

    /// <summary>The platforms (code systems) a carrier can be mapped on: <see cref="ShipmentPlatforms.All"/> and <see cref="ShipmentPlatforms.Jushuitan"/>.</summary>
    public static IReadOnlyList<string> Platforms { get; } = [.. ShipmentPlatforms.All, ShipmentPlatforms.Jushuitan];

    /// <summary>The ERP's carriers, in a stable order.</summary>
    public virtual IReadOnlyList<ErpCarrier> Carriers { get; }

    /// <summary>The codes that must never be mapped, each with its rule.</summary>
    public virtual IReadOnlyList<ForbiddenCarrierCode> ForbiddenCodes { get; }

    /// <summary>The carrier with this id (any case), or <see langword="null"/>.</summary>
    /// <param name="erpCarrierId">The carrier id, for example <c>BEST</c>.</param>
    /// <returns>The carrier, or <see langword="null"/>.</returns>
    public virtual ErpCarrier? FindCarrier(string erpCarrierId)
    {
        ArgumentNullException.ThrowIfNull(erpCarrierId);
        return _byId.GetValueOrDefault(erpCarrierId.Trim());
    }

    /// <summary>The code a platform ships the carrier with.</summary>
    /// <param name="platform">The platform (a <see cref="ShipmentPlatforms"/> name or alias).</param>
    /// <param name="erpCarrierId">The ERP carrier id.</param>
    /// <returns>The code, with its source and confidence.</returns>
    /// <exception cref="PlatformValidationException">The platform or carrier is unknown, or the carrier has no code on the platform (the message says how to map it).</exception>
    public virtual CarrierCode Resolve(string platform, string erpCarrierId)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(erpCarrierId);
        var canonical = CanonicalPlatform(platform)
            ?? throw Guard.Fail("platform", platform, null, "not a platform the carrier registry knows; allowed: " + string.Join(", ", Platforms) + ".");
        var carrier = FindCarrier(erpCarrierId)
            ?? throw Guard.Fail("erpCarrierId", erpCarrierId, null,
                "no such carrier in the registry; add it under PlatformSdk:Logistics:Carriers or with CarrierRegistryBuilder.AddCarrier (registered: "
                + string.Join(", ", Carriers.Select(c => c.Id)) + ").");
        return Find(carrier, canonical)
            ?? throw Guard.Fail("erpCarrierId", carrier.Id, canonical == ShipmentPlatforms.Alibaba1688 ? "RLOG-05" : null,
                $"no mapping: {carrier.Id} ({carrier.Name}) has no code on {canonical}; download the platform's carriers, compare them with CarrierRegistry.Diff and map it "
                + $"under PlatformSdk:Logistics:Carriers:{carrier.Id}:Codes:{canonical} or with CarrierRegistryBuilder.Map.");
    }

    /// <summary>The code a platform ships the carrier with, without throwing.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="erpCarrierId">The ERP carrier id.</param>
    /// <param name="code">The code, or <see langword="null"/>.</param>
    /// <returns>Whether the platform and carrier are known and mapped.</returns>
    public virtual bool TryResolve(string platform, string erpCarrierId, out CarrierCode? code)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(erpCarrierId);
        code = CanonicalPlatform(platform) is { } canonical && FindCarrier(erpCarrierId) is { } carrier ? Find(carrier, canonical) : null;
        return code is not null;
    }

    /// <summary>The mapping a platform's code belongs to (reverse lookup; the code or its alias, without regard to case), or <see langword="null"/>.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="platformCode">The platform's code, for example PDD's <c>3</c> or <c>HT</c>.</param>
    /// <returns>The mapping (its <see cref="CarrierCode.ErpCarrierId"/> is the carrier), or <see langword="null"/>.</returns>
    public virtual CarrierCode? FindByCode(string platform, string platformCode)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(platformCode);
        if (CanonicalPlatform(platform) is not { } canonical)
        {
            return null;
        }

        var code = platformCode.Trim();
        return _byPlatformCode.GetValueOrDefault(Key(canonical, code))
            ?? (canonical == ShipmentPlatforms.Tmall ? _byPlatformCode.GetValueOrDefault(Key(ShipmentPlatforms.Taobao, code)) : null);
    }

    /// <summary>The prohibition a mapping would break (a retired or known-wrong code, with its rule), or <see langword="null"/> when it may be mapped.</summary>
    /// <param name="erpCarrierId">The ERP carrier.</param>
    /// <param name="platform">The platform.</param>
    /// <param name="platformCode">The code.</param>
    /// <param name="platformName">The platform's name of the carrier, if known (names such as 圆通国际 or 韵达快运 are checked too).</param>
    /// <returns>The prohibition, or <see langword="null"/>.</returns>
    public virtual ForbiddenCarrierCode? FindProhibition(string erpCarrierId, string platform, string platformCode, string? platformName = null)
    {
        ArgumentNullException.ThrowIfNull(erpCarrierId);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(platformCode);
        return FindProhibition(_forbidden, erpCarrierId.Trim(), CanonicalPlatform(platform) ?? platform, platformCode.Trim(), null, platformName);
    }

    /// <summary>
    /// Compares the mappings on one platform with the platform's own carrier list (from <see cref="PlatformCarrierLists"/>, or
    /// TOP's <c>taobao.logistics.companies.get</c> turned into <see cref="PlatformCarrier"/>s): what the platform lists that is not
    /// mapped, what is mapped that the platform no longer lists or lists as unavailable, and names that changed. Nothing is changed:
    /// apply what the report suggests through configuration or <see cref="CarrierRegistryBuilder"/>.
    /// </summary>
    /// <param name="platform">The platform the list is from.</param>
    /// <param name="platformList">The platform's carriers.</param>
    /// <returns>The report.</returns>
    /// <exception cref="PlatformValidationException">The platform is unknown.</exception>
    public virtual CarrierDiffReport Diff(string platform, IEnumerable<PlatformCarrier> platformList)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(platformList);
        var canonical = CanonicalPlatform(platform)
            ?? throw Guard.Fail("platform", platform, null, "not a platform the carrier registry knows; allowed: " + string.Join(", ", Platforms) + ".");
        var codesOf = canonical == ShipmentPlatforms.Tmall ? ShipmentPlatforms.Taobao : canonical;
        var listed = new Dictionary<string, PlatformCarrier>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in platformList)
        {
            if (entry?.Code is { Length: > 0 } code)
            {
                listed.TryAdd(code.Trim(), entry);
                if (entry.Id is { Length: > 0 } id)
                {
                    listed.TryAdd(id.Trim(), entry);
                }
            }
        }

        var mapped = _carriers.Select(c => Find(c, canonical)).OfType<CarrierCode>().ToArray();
        var unmapped = new List<PlatformCarrier>();
        var forbiddenListed = new List<ForbiddenCarrierCode>();
        foreach (var entry in listed.Values.Distinct())
        {
            var known = mapped.Any(m => Matches(m, entry));
            if (known)
            {
                continue;
            }

            if (FindProhibition(_forbidden, null, codesOf, entry.Code.Trim(), entry.Id, null) is { } prohibition)
            {
                forbiddenListed.Add(prohibition);
            }
            else
            {
                unmapped.Add(entry);
            }
        }

        var missing = new List<CarrierCode>();
        var unavailable = new List<CarrierCode>();
        var renamed = new List<CarrierNameChange>();
        foreach (var mapping in mapped)
        {
            var entry = (listed.GetValueOrDefault(mapping.Code) ?? (mapping.Alias is { } alias ? listed.GetValueOrDefault(alias) : null));
            if (entry is null)
            {
                missing.Add(mapping);
                continue;
            }

            if (entry.Available == false)
            {
                unavailable.Add(mapping);
            }

            if (entry.Name is { Length: > 0 } name && mapping.PlatformName is { Length: > 0 } ours && !string.Equals(name.Trim(), ours.Trim(), StringComparison.Ordinal))
            {
                renamed.Add(new CarrierNameChange(mapping, name.Trim()));
            }
        }

        return new CarrierDiffReport(codesOf)
        {
            Unmapped = unmapped.AsReadOnly(),
            NoLongerListed = missing.AsReadOnly(),
            Unavailable = unavailable.AsReadOnly(),
            Renamed = renamed.AsReadOnly(),
            ForbiddenListed = forbiddenListed.AsReadOnly(),
        };
    }

    /// <summary>
    /// Checks a tracking number before it is sent. Every number is refused when empty, longer than
    /// <see cref="MaxTrackingNumberLength"/>, or holding a control character or white space (full-width included). Then, where
    /// the carrier's formats are known, a number that fits one is <see cref="TrackingNumberVerdict.Accepted"/>; one that fits none
    /// is <see cref="TrackingNumberVerdict.Refused"/> if a format says so (<see cref="TrackingNumberFormat.Refuse"/>), else a
    /// <see cref="TrackingNumberVerdict.Warning"/>. Without known formats the verdict is <see cref="TrackingNumberVerdict.Unknown"/>.
    /// </summary>
    /// <param name="erpCarrierId">The ERP carrier.</param>
    /// <param name="trackingNumber">The number, as it would be sent.</param>
    /// <returns>The verdict and its reason.</returns>
    /// <exception cref="PlatformValidationException">The carrier is unknown.</exception>
    public virtual TrackingNumberCheck CheckTrackingNumber(string erpCarrierId, string? trackingNumber)
    {
        ArgumentNullException.ThrowIfNull(erpCarrierId);
        var carrier = FindCarrier(erpCarrierId)
            ?? throw Guard.Fail("erpCarrierId", erpCarrierId, null, "no such carrier in the registry.");
        const string Sdk = "sdk";
        if (string.IsNullOrEmpty(trackingNumber))
        {
            return Refused(carrier, trackingNumber, "the tracking number is empty.", Sdk);
        }

        if (trackingNumber.Length > MaxTrackingNumberLength)
        {
            return Refused(carrier, trackingNumber, $"the tracking number has {trackingNumber.Length} characters; at most {MaxTrackingNumberLength} are accepted.", Sdk);
        }

        for (var i = 0; i < trackingNumber.Length; i++)
        {
            var c = trackingNumber[i];
            if (char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u200B' or '\uFEFF')
            {
                return Refused(carrier, trackingNumber, $"the tracking number holds a control character or white space (U+{(int)c:X4}) at position {i}.", Sdk);
            }
        }

        var formats = _formats.GetValueOrDefault(carrier.Id) ?? [];
        if (formats.Length == 0)
        {
            return new TrackingNumberCheck(carrier.Id, trackingNumber, TrackingNumberVerdict.Unknown) { Reason = $"no tracking-number format is known for {carrier.Id}." };
        }

        foreach (var (format, regex) in formats)
        {
#if !NET8_0_OR_GREATER
            bool matched;
            try
            {
                matched = regex.IsMatch(trackingNumber);
            }
            catch (RegexMatchTimeoutException)
            {
                return new TrackingNumberCheck(carrier.Id, trackingNumber, TrackingNumberVerdict.Unknown)
                {
                    Reason = $"the tracking-number format '{format.Description}' of {carrier.Id} took too long to check; simplify its pattern.",
                };
            }

            if (matched)
#else
            if (regex.IsMatch(trackingNumber))
#endif
            {
                return new TrackingNumberCheck(carrier.Id, trackingNumber, TrackingNumberVerdict.Accepted) { Reason = format.Description, Source = format.Source };
            }
        }

        var expected = string.Join("; or ", formats.Select(f => f.Format.Description));
        var refusing = formats.FirstOrDefault(f => f.Format.Refuse).Format;
        return refusing is not null
            ? Refused(carrier, trackingNumber, $"{carrier.Id} numbers are {expected}.", refusing.Source)
            : new TrackingNumberCheck(carrier.Id, trackingNumber, TrackingNumberVerdict.Warning)
            {
                Reason = $"{carrier.Id} numbers are usually {expected}; the formats are not certain enough to refuse the number.",
                Source = string.Join(", ", formats.Select(f => f.Format.Source).Distinct(StringComparer.Ordinal)),
            };
    }

    /// <summary>Checks a tracking number (<see cref="CheckTrackingNumber"/>) and throws when it is refused.</summary>
    /// <param name="erpCarrierId">The ERP carrier.</param>
    /// <param name="trackingNumber">The number.</param>
    /// <returns>The check, when the number may be sent (its verdict may still be a warning).</returns>
    /// <exception cref="PlatformValidationException">The number is refused (the message names the check and its source) or the carrier is unknown.</exception>
    public virtual TrackingNumberCheck EnsureTrackingNumber(string erpCarrierId, string? trackingNumber)
    {
        var check = CheckTrackingNumber(erpCarrierId, trackingNumber);
        if (!check.MaySend)
        {
            // A format refusal is the one PDD answers with 物流单号格式错误 (RLOG-15); the checks every number gets are the SDK's own.
            throw Guard.Fail("trackingNumber", trackingNumber, check.Source == "sdk" ? null : "RLOG-15",
                $"{check.Reason} (source: {check.Source})");
        }

        return check;
    }

    internal static string? CanonicalPlatform(string? name)
        => name?.Trim() is { } trimmed && (string.Equals(trimmed, ShipmentPlatforms.Jushuitan, StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, "JST", StringComparison.OrdinalIgnoreCase))
            ? ShipmentPlatforms.Jushuitan
            : ShipmentPlatforms.Canonical(name);

    internal static Regex CompileFormat(string pattern)
#if NET8_0_OR_GREATER
        // Non-backtracking: a user's pattern cannot make a check slow, whatever the number.
        => new("^(?:" + pattern + ")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
#else
    {
        // netstandard2.0 has no non-backtracking engine: a time limit per match bounds a pathological user pattern instead,
        // and the constructs that engine refuses are refused here too, so a registry valid here is valid on .NET 8.
        var regex = new Regex("^(?:" + pattern + ")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, FormatMatchTimeout);
        RefuseConstructsTheNonBacktrackingEngineLacks(pattern);
        return regex;
    }

    private static readonly TimeSpan FormatMatchTimeout = TimeSpan.FromMilliseconds(250);

    private static void RefuseConstructsTheNonBacktrackingEngineLacks(string pattern)
    {
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var next = i + 1 < pattern.Length ? pattern[i + 1] : '\0';
            if (c == '\\')
            {
                if (!inClass && (next is >= '1' and <= '9' || (next == 'k' && i + 2 < pattern.Length && pattern[i + 2] is '<' or '\'')))
                {
                    throw new NotSupportedException($"the backreference at position {i} needs a backtracking engine.");
                }

                i++;
            }
            else if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
                if (next == ']')
                {
                    i++; // a ']' right after '[' is a literal member of the class
                }
            }
            else if (c == '(' && next == '?' && i + 2 < pattern.Length)
            {
                var kind = pattern[i + 2];
                var lookbehind = kind == '<' && i + 3 < pattern.Length && pattern[i + 3] is '=' or '!';
                var balancing = kind is '<' or '\'' && !lookbehind && IsBalancingGroup(pattern, i + 3, kind == '<' ? '>' : '\'');
                if (kind is '=' or '!' or '>' or '(' || lookbehind || balancing)
                {
                    throw new NotSupportedException($"the construct at position {i} (lookaround, atomic, conditional or balancing group) needs a backtracking engine.");
                }
            }
        }
    }

    private static bool IsBalancingGroup(string pattern, int start, char close)
    {
        for (var i = start; i < pattern.Length && pattern[i] != close; i++)
        {
            if (pattern[i] == '-')
            {
                return true;
            }
        }

        return false;
    }
#endif

    internal static ForbiddenCarrierCode? FindProhibition(IEnumerable<ForbiddenCarrierCode> forbidden, string? erpCarrierId, string platform, string code, string? alias, string? name)
    {
        foreach (var rule in forbidden)
        {
            if (rule.ErpCarrierId is not null && (erpCarrierId is null || !string.Equals(rule.ErpCarrierId, erpCarrierId, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (rule.Platform is not null && !string.Equals(rule.Platform, platform, StringComparison.OrdinalIgnoreCase)
                && !(platform == ShipmentPlatforms.Tmall && rule.Platform == ShipmentPlatforms.Taobao))
            {
                continue;
            }

            if (rule.Code is not null && (string.Equals(rule.Code, code, StringComparison.OrdinalIgnoreCase) || string.Equals(rule.Code, alias, StringComparison.OrdinalIgnoreCase)))
            {
                return rule;
            }

            if (rule.Contains.Any(f => Has(code, f) || Has(alias, f) || Has(name, f)))
            {
                return rule;
            }
        }

        return null;

        static bool Has(string? text, string fragment) => text is not null && text.Contains(fragment, StringComparison.OrdinalIgnoreCase);
    }

    private static CarrierCode? Find(ErpCarrier carrier, string platform)
    {
        foreach (var code in carrier.Codes)
        {
            if (code.Platform == platform)
            {
                return code;
            }
        }

        return platform == ShipmentPlatforms.Tmall ? Find(carrier, ShipmentPlatforms.Taobao) : null;
    }

    private static bool Matches(CarrierCode mapping, PlatformCarrier entry)
        => Same(mapping.Code, entry.Code) || Same(mapping.Code, entry.Id) || Same(mapping.Alias, entry.Code) || Same(mapping.Alias, entry.Id);

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string Key(string platform, string code) => platform + "\n" + code;

    private static TrackingNumberCheck Refused(ErpCarrier carrier, string? number, string reason, string source)
        => new(carrier.Id, number, TrackingNumberVerdict.Refused) { Reason = reason, Source = source };
}
