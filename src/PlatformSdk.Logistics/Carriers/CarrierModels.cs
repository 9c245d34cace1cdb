namespace PlatformSdk.Logistics.Carriers;

/// <summary>How far a carrier code is to be trusted, from the kind of source it comes from.</summary>
public enum CarrierCodeConfidence
{
    /// <summary>A single unverified or conflicting source: check it against the platform's own list (<see cref="CarrierRegistry.Diff"/>) before relying on it.</summary>
    Unconfirmed = 0,

    /// <summary>A community list (open-source constants, forum posts), not the platform's own document.</summary>
    Community = 1,

    /// <summary>The platform's own documentation or a reply of its own carrier-list API, possibly dated.</summary>
    Documented = 2,

    /// <summary>Verified against the platform's current carrier list, or asserted by the user's own configuration.</summary>
    Confirmed = 3,
}

/// <summary>The verdict of <see cref="CarrierRegistry.CheckTrackingNumber"/>.</summary>
public enum TrackingNumberVerdict
{
    /// <summary>No format is known for the carrier and the number passed the checks every number gets: send it.</summary>
    Unknown = 0,

    /// <summary>The number fits one of the carrier's known formats.</summary>
    Accepted = 1,

    /// <summary>The number fits none of the carrier's known formats, which come from sources not trusted enough to refuse: send it, but log the warning.</summary>
    Warning = 2,

    /// <summary>The number is refused: do not send it.</summary>
    Refused = 3,
}

/// <summary>A carrier of the ERP, with its code on each platform.</summary>
/// <param name="Id">The registry's stable id (<c>SF</c>, <c>YUNDA</c>, <c>POST_PARCEL</c>, …).</param>
/// <param name="Name">The carrier's name.</param>
public sealed record ErpCarrier(string Id, string Name)
{
    /// <summary>The carrier's code on each platform it is mapped on, at most one per platform.</summary>
    public IReadOnlyList<CarrierCode> Codes { get; init; } = [];

    /// <summary>The tracking-number formats known for the carrier.</summary>
    public IReadOnlyList<TrackingNumberFormat> TrackingNumberFormats { get; init; } = [];
}

/// <summary>The code an ERP carrier has on one platform, with where the code comes from and how far to trust it.</summary>
/// <param name="ErpCarrierId">The ERP carrier (<see cref="ErpCarrier.Id"/>).</param>
/// <param name="Platform">The platform (a <see cref="ShipmentPlatforms"/> name).</param>
/// <param name="Code">The code to send to the platform (for PDD the numeric <c>logistics_id</c>).</param>
/// <param name="Source">Where the code comes from (a source id of docs/protocols/carriers.md, <c>configuration</c> or <c>code</c>).</param>
/// <param name="Confidence">How far the code is to be trusted.</param>
public sealed record CarrierCode(string ErpCarrierId, string Platform, string Code, string Source, CarrierCodeConfidence Confidence)
{
    /// <summary>The platform's own name of the carrier, where known.</summary>
    public string? PlatformName { get; init; }

    /// <summary>A second code the platform lists for the same carrier (PDD's short code such as <c>HT</c> next to its id <c>3</c>), where known.</summary>
    public string? Alias { get; init; }
}

/// <summary>A code that must never be mapped (retired, or a known wrong mapping), with the rule that forbids it.</summary>
/// <param name="RuleId">The rule of docs/rules.md (<c>RLOG-02</c>).</param>
/// <param name="Reason">Why, and what to map instead.</param>
public sealed record ForbiddenCarrierCode(string RuleId, string Reason)
{
    /// <summary>The ERP carrier the prohibition is about, or <see langword="null"/> when no carrier may be mapped to it.</summary>
    public string? ErpCarrierId { get; init; }

    /// <summary>The platform, or <see langword="null"/> for every platform.</summary>
    public string? Platform { get; init; }

    /// <summary>The forbidden code (compared without regard to case), or <see langword="null"/> when <see cref="Contains"/> decides.</summary>
    public string? Code { get; init; }

    /// <summary>Fragments that, found in a code, its alias or its platform name (without regard to case), make the mapping forbidden.</summary>
    public IReadOnlyList<string> Contains { get; init; } = [];
}

/// <summary>
/// One entry of a platform's own carrier list, the input of <see cref="CarrierRegistry.Diff"/>: the 1688 own-carrier list,
/// Jushuitan's carriers (<see cref="PlatformCarrierLists"/>), or TOP's <c>taobao.logistics.companies.get</c> (id, code, name,
/// <c>reg_mail_no</c>).
/// </summary>
/// <param name="Code">The code the platform ships with.</param>
/// <param name="Name">The platform's name of the carrier.</param>
public sealed record PlatformCarrier(string Code, string? Name)
{
    /// <summary>The platform's numeric id of the carrier, where it has one besides the code.</summary>
    public string? Id { get; init; }

    /// <summary>Whether the platform still accepts the carrier (<see langword="null"/> when the list does not say).</summary>
    public bool? Available { get; init; }

    /// <summary>The platform's own tracking-number pattern for the carrier (TOP's <c>reg_mail_no</c>), where it gives one.</summary>
    public string? TrackingNumberPattern { get; init; }
}

/// <summary>A mapped carrier whose name on the platform's list differs from the name the registry has.</summary>
/// <param name="Mapping">The registry's mapping.</param>
/// <param name="ListedName">The name on the platform's list.</param>
public sealed record CarrierNameChange(CarrierCode Mapping, string ListedName);

/// <summary>What differs between the registry's mappings on one platform and that platform's own carrier list.</summary>
/// <param name="Platform">The platform (for Tmall, Taobao: Tmall ships with Taobao's codes).</param>
public sealed record CarrierDiffReport(string Platform)
{
    /// <summary>Codes the platform lists that no ERP carrier is mapped to (candidates to map, or to ignore).</summary>
    public IReadOnlyList<PlatformCarrier> Unmapped { get; init; } = [];

    /// <summary>Mappings whose code the platform no longer lists: shipments with them will be refused (RLOG-24, RLOG-51).</summary>
    public IReadOnlyList<CarrierCode> NoLongerListed { get; init; } = [];

    /// <summary>Mappings whose code the platform lists as unavailable.</summary>
    public IReadOnlyList<CarrierCode> Unavailable { get; init; } = [];

    /// <summary>Mappings whose name on the platform's list changed.</summary>
    public IReadOnlyList<CarrierNameChange> Renamed { get; init; } = [];

    /// <summary>Codes the platform lists that must never be mapped (a retired or wrong code, with its rule), so they are not offered as candidates.</summary>
    public IReadOnlyList<ForbiddenCarrierCode> ForbiddenListed { get; init; } = [];

    /// <summary>Whether the registry and the list agree (nothing unmapped, missing, unavailable or renamed).</summary>
    public bool IsInSync => Unmapped.Count == 0 && NoLongerListed.Count == 0 && Unavailable.Count == 0 && Renamed.Count == 0;
}

/// <summary>A known tracking-number format of a carrier.</summary>
/// <param name="Pattern">A .NET regular expression the whole number must match (anchored by the registry; compared without regard to case).</param>
/// <param name="Description">The format in words, for messages.</param>
/// <param name="Source">Where the format comes from.</param>
public sealed record TrackingNumberFormat(string Pattern, string Description, string Source)
{
    /// <summary>
    /// Whether a number that fits none of the carrier's formats is refused (only for formats from a source trusted enough);
    /// otherwise it is a <see cref="TrackingNumberVerdict.Warning"/>. The shipped formats never refuse.
    /// </summary>
    public bool Refuse { get; init; }
}

/// <summary>The result of checking a tracking number before it is sent.</summary>
/// <param name="ErpCarrierId">The carrier.</param>
/// <param name="Number">The number as given.</param>
/// <param name="Verdict">The verdict.</param>
public sealed record TrackingNumberCheck(string ErpCarrierId, string? Number, TrackingNumberVerdict Verdict)
{
    /// <summary>Why (for a refusal or a warning), or which format the number fits.</summary>
    public string? Reason { get; init; }

    /// <summary>The source of the format or check that decided, where there is one.</summary>
    public string? Source { get; init; }

    /// <summary>Whether the number may be sent (every verdict but <see cref="TrackingNumberVerdict.Refused"/>).</summary>
    public bool MaySend => Verdict != TrackingNumberVerdict.Refused;
}
