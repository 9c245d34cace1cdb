using PlatformSdk.Logistics.Carriers;

namespace PlatformSdk.Logistics;

/// <summary>
/// The Logistics package's settings (section <c>PlatformSdk:Logistics</c>). Today the carrier registry: the user's carriers and
/// codes under <c>Carriers</c>, on top of the shipped data. Checked when the host starts: a retired or known-wrong code stops it,
/// naming the rule.
/// </summary>
/// <example><code>
/// "PlatformSdk": { "Logistics": { "Carriers": {
///   "BEST": { "Codes": { "Pinduoduo": { "Code": "3" } } },
///   "ANE":  { "Name": "安能物流", "Codes": { "Pinduoduo": { "Code": "208", "Name": "安能物流" } } },
///   "JD":   { "Remove": [ "Douyin" ] } } } }
/// </code></example>
public sealed class LogisticsOptions
{
    private readonly List<Action<CarrierRegistryBuilder>> _carrierConfigurations = [];

    /// <summary>Whether the registry starts from the carriers and codes shipped in the package (default); otherwise only the user's carriers exist.</summary>
    public bool IncludeShippedCarriers { get; set; } = true;

    /// <summary>The shipment sync engine's settings (section <c>Sync</c>: mode, split policy, retry budget, lease, concurrency).</summary>
    public PlatformSdk.Logistics.Sync.ShipmentSyncOptions Sync { get; } = new();

    /// <summary>The user's carriers, by ERP carrier id (any case): new carriers, added or replaced codes, removed mappings, tracking formats.</summary>
    public Dictionary<string, LogisticsCarrierOptions> Carriers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Changes the carrier registry in code, after the configuration is applied.</summary>
    /// <param name="configure">Changes the builder (add carriers, map, unmap, add formats).</param>
    /// <returns>These options.</returns>
    public LogisticsOptions ConfigureCarriers(Action<CarrierRegistryBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _carrierConfigurations.Add(configure);
        return this;
    }

    /// <summary>Builds the registry these options describe.</summary>
    /// <returns>The registry.</returns>
    /// <exception cref="PlatformSdk.Errors.PlatformValidationException">A setting is wrong (the message names it and, for a retired or known-wrong code, the rule).</exception>
    public CarrierRegistry BuildCarrierRegistry()
    {
        var builder = new CarrierRegistryBuilder(IncludeShippedCarriers);
        foreach (var (id, carrier) in Carriers)
        {
            if (carrier is null)
            {
                continue;
            }

            if (!string.IsNullOrWhiteSpace(carrier.Name))
            {
                builder.AddCarrier(id, carrier.Name);
            }

            foreach (var (platform, code) in carrier.Codes)
            {
                if (code is null || string.IsNullOrWhiteSpace(code.Code))
                {
                    throw new PlatformSdk.Validation.ValidationGuard(CarrierRegistry.ErrorPlatform).Fail($"Carriers:{id}:Codes:{platform}:Code", code?.Code, null,
                        "a code is required (to remove a mapping, list the platform under Remove).");
                }

                builder.Map(id, platform, code.Code, code.Name, code.Confidence, "configuration", code.Alias);
            }

            foreach (var platform in carrier.Remove)
            {
                builder.Unmap(id, platform);
            }

            foreach (var format in carrier.TrackingNumberFormats)
            {
                builder.AddTrackingNumberFormat(id, new TrackingNumberFormat(format.Pattern ?? "", format.Description ?? format.Pattern ?? "", "configuration") { Refuse = format.Refuse });
            }
        }

        foreach (var configure in _carrierConfigurations)
        {
            configure(builder);
        }

        return builder.Build();
    }
}

/// <summary>One carrier of <see cref="LogisticsOptions.Carriers"/> (section <c>PlatformSdk:Logistics:Carriers:&lt;id&gt;</c>).</summary>
public sealed class LogisticsCarrierOptions
{
    /// <summary>The carrier's name: required for a carrier that is not shipped; for a shipped one it renames it.</summary>
    public string? Name { get; set; }

    /// <summary>Codes to add or replace, by platform (a <see cref="ShipmentPlatforms"/> name, or <c>Jushuitan</c>).</summary>
    public Dictionary<string, LogisticsCarrierCodeOptions> Codes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Platforms whose mapping of this carrier is removed (applied after <see cref="Codes"/>).</summary>
    public List<string> Remove { get; } = [];

    /// <summary>Tracking-number formats to add.</summary>
    public List<LogisticsTrackingFormatOptions> TrackingNumberFormats { get; } = [];
}

/// <summary>A carrier's code on one platform, from configuration.</summary>
public sealed class LogisticsCarrierCodeOptions
{
    /// <summary>The platform's code (required).</summary>
    public string? Code { get; set; }

    /// <summary>The platform's name of the carrier, if known (checked too: 圆通国际 is not YTO Express, RLOG-25).</summary>
    public string? Name { get; set; }

    /// <summary>A second code the platform lists for the carrier, if any.</summary>
    public string? Alias { get; set; }

    /// <summary>How far the code is to be trusted; a code from the user's configuration is taken as confirmed unless said otherwise.</summary>
    public CarrierCodeConfidence Confidence { get; set; } = CarrierCodeConfidence.Confirmed;
}

/// <summary>A tracking-number format from configuration.</summary>
public sealed class LogisticsTrackingFormatOptions
{
    /// <summary>A .NET regular expression the whole number must match (compared without regard to case).</summary>
    public string? Pattern { get; set; }

    /// <summary>The format in words, for messages.</summary>
    public string? Description { get; set; }

    /// <summary>Whether a number that fits none of the carrier's formats is refused instead of passed with a warning.</summary>
    public bool Refuse { get; set; }
}
