using System.Text.Json.Serialization;
using PlatformSdk.Configuration;

namespace PlatformSdk.TmallGlobalDirect;

/// <summary>How the platform sells the supplier's goods (RTGD-02). Both modes use the same interface.</summary>
public enum TmallGlobalDirectBusinessMode
{
    /// <summary>Consignment (寄售): the platform sells stock it holds on consignment.</summary>
    Consignment = 0,

    /// <summary>Agency (代销, brand station): the platform sells on the supplier's behalf.</summary>
    Agency = 1,
}

/// <summary>
/// Settings of the Tmall Global direct-supply receiver, bound from configuration, for example the section
/// <c>PlatformSdk:TmallGlobalDirect</c>:
/// <code>
/// { "AppKey": "12345678", "AppSecret": "…", "SupplierId": "2200001234", "BusinessMode": "Consignment", "MaxPushBodyBytes": 1048576,
///   "Shop": "my-flagship", "Shops": { "my-flagship": { "SupplierId": "2200001234", "AuthorizationExpiresAt": "2027-03-01T00:00:00+08:00" } } }
/// </code>
/// </summary>
public sealed class TmallGlobalDirectOptions
{
    /// <summary>The default largest push body accepted: 1 MiB (an order push is a few KiB).</summary>
    public const int DefaultMaxPushBodyBytes = 1024 * 1024;

    /// <summary>The app key of the ERP's app (the receiver of the Qimen pushes).</summary>
    public string? AppKey { get; set; }

    /// <summary>The app secret: Qimen re-signs every push with it before forwarding, so pushes are verified with it. Never shown.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? AppSecret { get; set; }

    /// <summary>
    /// The supplier id the platform gave the direct-supply shop (RTGD-04). When set, a push naming another supplier is not
    /// stored as an order but kept among the dead letters; when not set, pushes of every supplier are accepted.
    /// </summary>
    public string? SupplierId { get; set; }

    /// <summary>The shop's business mode (RTGD-02): configuration only, it changes nothing on the wire.</summary>
    public TmallGlobalDirectBusinessMode BusinessMode { get; set; } = TmallGlobalDirectBusinessMode.Consignment;

    /// <summary>The largest push body accepted, in bytes; larger pushes are refused before they are verified or parsed.</summary>
    public int MaxPushBodyBytes { get; set; } = DefaultMaxPushBodyBytes;

    /// <summary>How far a push's <c>timestamp</c> may be from now. Default 5 minutes (the official SDK's check).</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The shop whose TOP session the callbacks send when a request names none: its key under <c>TopOptions.Sellers</c>
    /// (the session of the flagship store the direct-supply shop hangs off, RTGD-04).
    /// </summary>
    public string? Shop { get; set; }

    /// <summary>The direct-supply shops with their supplier id and authorization expiry (RTGD-04), by the same keys as <c>TopOptions.Sellers</c>.</summary>
    public Dictionary<string, TmallGlobalDirectShopOptions> Shops { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long before an authorization lapses <see cref="TmallGlobalDirectAuthorizationWatch"/> reports it. Default 14 days.</summary>
    public TimeSpan AuthorizationWarningWindow { get; set; } = DefaultAuthorizationWarningWindow;

    /// <summary>The default <see cref="AuthorizationWarningWindow"/>: 14 days, time to have the flagship store re-authorize.</summary>
    public static readonly TimeSpan DefaultAuthorizationWarningWindow = TimeSpan.FromDays(14);

    /// <inheritdoc />
    public override string ToString() => $"TmallGlobalDirectOptions(AppKey={AppKey}, SupplierId={SupplierId}, BusinessMode={BusinessMode}, AppSecret=***)";
}

/// <summary>One direct-supply shop (RTGD-04).</summary>
public sealed class TmallGlobalDirectShopOptions
{
    /// <summary>The supplier id of this shop; <see langword="null"/> for <see cref="TmallGlobalDirectOptions.SupplierId"/>.</summary>
    public string? SupplierId { get; set; }

    /// <summary>When the flagship store's authorization lapses (the direct-supply shop's access lapses with it), if known.</summary>
    public DateTimeOffset? AuthorizationExpiresAt { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"TmallGlobalDirectShopOptions(SupplierId={SupplierId}, AuthorizationExpiresAt={AuthorizationExpiresAt:O})";
}
