using PlatformSdk.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.Logistics.Carriers;

/// <summary>
/// Builds a <see cref="CarrierRegistry"/>: the shipped data (unless left out), then the user's carriers, codes and removals. Every
/// change is checked in <see cref="Build"/>, which refuses a retired or known-wrong code naming its rule (for example
/// <c>RLOG-02: PDD code 204 is BEST's retired code; map BEST to 3</c>), an unknown platform, and a code two carriers share.
/// </summary>
/// <example><code>
/// var registry = new CarrierRegistryBuilder()
///     .AddCarrier("ANE", "安能物流")
///     .Map("ANE", ShipmentPlatforms.Pinduoduo, "208", platformName: "安能物流")
///     .Unmap("JD", ShipmentPlatforms.Douyin)
///     .Build();
/// </code></example>
public sealed class CarrierRegistryBuilder
{
    private const string CodeSource = "code";

    private readonly List<CarrierDraft> _carriers = [];
    private readonly List<ForbiddenCarrierCode> _forbidden = [];

    /// <summary>Starts a builder.</summary>
    /// <param name="includeShippedCarriers">Whether to start from the carriers, codes and tracking formats shipped in the package (the prohibitions are always kept).</param>
    public CarrierRegistryBuilder(bool includeShippedCarriers = true)
    {
        var data = CarrierData.Data;
        foreach (var rule in data.Forbidden)
        {
            _forbidden.Add(new ForbiddenCarrierCode(rule.Rule, rule.Reason)
            {
                ErpCarrierId = rule.Carrier,
                Platform = rule.Platform,
                Code = rule.Code,
                Contains = rule.Contains.ToArray().AsReadOnly(),
            });
        }

        if (!includeShippedCarriers)
        {
            return;
        }

        foreach (var carrier in data.Carriers)
        {
            var draft = new CarrierDraft(carrier.Id, carrier.Name);
            foreach (var code in carrier.Codes)
            {
                var confidence = Enum.TryParse<CarrierCodeConfidence>(code.Confidence, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw new PlatformValidationException(CarrierRegistry.ErrorPlatform, $"carriers.json:{carrier.Id}:{code.Platform}:confidence", code.Confidence, null,
                        "not a confidence; allowed: " + string.Join(", ", Enum.GetNames<CarrierCodeConfidence>()) + ".");
                draft.Codes[code.Platform] = new CarrierCode(carrier.Id, code.Platform, code.Code, code.Source, confidence) { PlatformName = code.Name, Alias = code.Alias };
            }

            draft.Formats.AddRange(carrier.TrackingNumberFormats.Select(f => new TrackingNumberFormat(f.Pattern, f.Description, f.Source)));
            _carriers.Add(draft);
        }
    }

    /// <summary>The source ids of the shipped data with what each one is (docs/protocols/carriers.md).</summary>
    public static IReadOnlyDictionary<string, string> ShippedSources { get; } =
        CarrierData.Data.Sources.ToDictionary(s => s.Id, s => s.Description, StringComparer.Ordinal).AsReadOnly();

    /// <summary>Adds a carrier, or renames one that exists.</summary>
    /// <param name="erpCarrierId">The stable id (letters, digits, <c>_</c> or <c>-</c>), for example <c>ANE</c>.</param>
    /// <param name="name">The carrier's name.</param>
    /// <returns>This builder.</returns>
    public CarrierRegistryBuilder AddCarrier(string erpCarrierId, string name)
    {
        ArgumentNullException.ThrowIfNull(erpCarrierId);
        ArgumentNullException.ThrowIfNull(name);
        if (FindDraft(erpCarrierId) is { } existing)
        {
            existing.Name = name;
        }
        else
        {
            _carriers.Add(new CarrierDraft(erpCarrierId.Trim(), name));
        }

        return this;
    }

    /// <summary>Adds or replaces the carrier's code on a platform.</summary>
    /// <param name="erpCarrierId">The carrier (it must exist, shipped or added).</param>
    /// <param name="platform">The platform (a <see cref="ShipmentPlatforms"/> name or alias, or <see cref="ShipmentPlatforms.Jushuitan"/>).</param>
    /// <param name="code">The platform's code.</param>
    /// <param name="platformName">The platform's name of the carrier, if known (checked too: 圆通国际 is not YTO Express).</param>
    /// <param name="confidence">How far the code is to be trusted; the user's own code is taken as confirmed.</param>
    /// <param name="source">Where the code comes from; <c>code</c> by default.</param>
    /// <param name="alias">A second code the platform lists for the carrier, if any.</param>
    /// <returns>This builder.</returns>
    public CarrierRegistryBuilder Map(string erpCarrierId, string platform, string code, string? platformName = null,
        CarrierCodeConfidence confidence = CarrierCodeConfidence.Confirmed, string? source = null, string? alias = null)
    {
        ArgumentNullException.ThrowIfNull(erpCarrierId);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(code);
        var draft = FindDraft(erpCarrierId);
        if (draft is null)
        {
            draft = new CarrierDraft(erpCarrierId.Trim(), null);
            _carriers.Add(draft);
        }

        var key = CarrierRegistry.CanonicalPlatform(platform) ?? platform;
        draft.Codes[key] = new CarrierCode(draft.Id, key, code.Trim(), source ?? CodeSource, confidence) { PlatformName = platformName, Alias = alias };
        return this;
    }

    /// <summary>Removes the carrier's code on a platform (nothing happens when there is none).</summary>
    /// <param name="erpCarrierId">The carrier.</param>
    /// <param name="platform">The platform.</param>
    /// <returns>This builder.</returns>
    public CarrierRegistryBuilder Unmap(string erpCarrierId, string platform)
    {
        ArgumentNullException.ThrowIfNull(erpCarrierId);
        ArgumentNullException.ThrowIfNull(platform);
        FindDraft(erpCarrierId)?.Codes.Remove(CarrierRegistry.CanonicalPlatform(platform) ?? platform);
        return this;
    }

    /// <summary>Adds a tracking-number format to a carrier.</summary>
    /// <param name="erpCarrierId">The carrier.</param>
    /// <param name="format">The format; <see cref="TrackingNumberFormat.Refuse"/> makes a number that fits none of the carrier's formats a refusal.</param>
    /// <returns>This builder.</returns>
    public CarrierRegistryBuilder AddTrackingNumberFormat(string erpCarrierId, TrackingNumberFormat format)
    {
        ArgumentNullException.ThrowIfNull(erpCarrierId);
        ArgumentNullException.ThrowIfNull(format);
        var draft = FindDraft(erpCarrierId);
        if (draft is null)
        {
            draft = new CarrierDraft(erpCarrierId.Trim(), null);
            _carriers.Add(draft);
        }

        draft.Formats.Add(format);
        return this;
    }

    /// <summary>Adds a prohibition of the user's own: a code that must never be mapped.</summary>
    /// <param name="forbidden">The prohibition.</param>
    /// <returns>This builder.</returns>
    public CarrierRegistryBuilder Forbid(ForbiddenCarrierCode forbidden)
    {
        ArgumentNullException.ThrowIfNull(forbidden);
        _forbidden.Add(forbidden with
        {
            Platform = forbidden.Platform is { } platform ? CarrierRegistry.CanonicalPlatform(platform) ?? platform : null,
            Contains = forbidden.Contains.ToArray().AsReadOnly(),
        });
        return this;
    }

    /// <summary>Checks everything and builds the registry; the builder can go on being used, the registry does not change with it.</summary>
    /// <returns>The registry.</returns>
    /// <exception cref="PlatformValidationException">
    /// A carrier has no name or a bad id, a platform is unknown (the message lists the allowed ones), a code is empty or holds
    /// control characters, a code is retired or known to be wrong (the rule, such as RLOG-02, RLOG-03, RLOG-06 or RLOG-25, is
    /// named), two carriers share a code on a platform, or a tracking format is not a valid regular expression.
    /// </exception>
    public CarrierRegistry Build()
    {
        var guard = new ValidationGuard(CarrierRegistry.ErrorPlatform);
        var owners = new Dictionary<string, CarrierCode>(StringComparer.OrdinalIgnoreCase);
        var carriers = new List<ErpCarrier>(_carriers.Count);
        foreach (var draft in _carriers)
        {
            var path = "Carriers:" + draft.Id;
            guard.Identifier(path, draft.Id, ValidationGuard.SdkIdentifierMaxLength);
            if (draft.Id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
            {
                throw guard.Fail(path, draft.Id, null, "a carrier id holds ASCII letters, digits, '_' or '-' only.");
            }

            if (string.IsNullOrWhiteSpace(draft.Name))
            {
                throw guard.Fail(path + ":Name", draft.Name, null, $"{draft.Id} is not a shipped carrier: a new carrier needs a name (AddCarrier, or the Name setting).");
            }

            guard.Text(path + ":Name", draft.Name, ValidationGuard.SdkNameMaxLength);
            var codes = new List<CarrierCode>();
            foreach (var (platform, code) in draft.Codes)
            {
                var field = $"{path}:Codes:{platform}";
                if (CarrierRegistry.CanonicalPlatform(platform) is null)
                {
                    throw guard.Fail(field, platform, null, "not a platform the carrier registry knows; allowed: " + string.Join(", ", CarrierRegistry.Platforms) + ".");
                }

                guard.Identifier(field, code.Code, ValidationGuard.SdkIdentifierMaxLength);
                guard.OptionalIdentifier(field + ":Alias", code.Alias, ValidationGuard.SdkIdentifierMaxLength);
                if (code.PlatformName is not null)
                {
                    guard.Text(field + ":Name", code.PlatformName, ValidationGuard.SdkNameMaxLength);
                }

                if (CarrierRegistry.FindProhibition(_forbidden, draft.Id, platform, code.Code, code.Alias, code.PlatformName) is { } prohibition)
                {
                    throw guard.Fail(field, code.Code, prohibition.RuleId, $"{prohibition.RuleId}: {prohibition.Reason}.");
                }

                if (owners.TryGetValue(platform + "\n" + code.Code, out var other) || (code.Alias is { Length: > 0 } alias && owners.TryGetValue(platform + "\n" + alias, out other)))
                {
                    var rule = Pair(draft.Id, other.ErpCarrierId, "YUNDA", "YUNDA_FREIGHT") ? "RLOG-03" : Pair(draft.Id, other.ErpCarrierId, "YTO", "YTO_INTL") ? "RLOG-25" : null;
                    throw guard.Fail(field, code.Code, rule, $"{other.ErpCarrierId} is mapped to the same code on {platform}; a platform code belongs to one carrier"
                        + (rule is null ? "." : $" ({rule}: these are different carriers)."));
                }

                owners[platform + "\n" + code.Code] = code;
                if (code.Alias is { Length: > 0 } own)
                {
                    owners.TryAdd(platform + "\n" + own, code);
                }

                codes.Add(code);
            }

            for (var i = 0; i < draft.Formats.Count; i++)
            {
                var format = draft.Formats[i];
                var field = $"{path}:TrackingNumberFormats:{i}";
                guard.Required(field + ":Pattern", format.Pattern);
                try
                {
                    _ = CarrierRegistry.CompileFormat(format.Pattern);
                }
                catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
                {
                    throw guard.Fail(field + ":Pattern", format.Pattern, null, "not a regular expression the SDK can use (no backreferences or lookarounds): " + ex.Message);
                }
            }

            carriers.Add(new ErpCarrier(draft.Id, draft.Name)
            {
                Codes = codes.ToArray().AsReadOnly(),
                TrackingNumberFormats = draft.Formats.ToArray().AsReadOnly(),
            });
        }

        return new CarrierRegistry(carriers, _forbidden);

        static bool Pair(string a, string b, string x, string y)
            => (string.Equals(a, x, StringComparison.OrdinalIgnoreCase) && string.Equals(b, y, StringComparison.OrdinalIgnoreCase))
                || (string.Equals(a, y, StringComparison.OrdinalIgnoreCase) && string.Equals(b, x, StringComparison.OrdinalIgnoreCase));
    }

    private CarrierDraft? FindDraft(string erpCarrierId)
    {
        var id = erpCarrierId.Trim();
        return _carriers.Find(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class CarrierDraft(string id, string? name)
    {
        public string Id { get; } = id;

        public string? Name { get; set; } = name;

        // Keyed by canonical platform; an unknown platform is kept as written so Build can name it.
        public Dictionary<string, CarrierCode> Codes { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<TrackingNumberFormat> Formats { get; } = [];
    }
}
