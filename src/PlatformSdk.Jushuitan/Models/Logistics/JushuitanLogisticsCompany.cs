namespace PlatformSdk.Jushuitan.Models.Logistics;

/// <summary>A carrier configured in the ERP; RJST-04: <see cref="LcId"/> is the carrier code shipments and uploads use.</summary>
public sealed record JushuitanLogisticsCompany
{
    /// <summary>The carrier code (<c>lc_id</c>), unique within the ERP.</summary>
    public required string LcId { get; init; }

    /// <summary>The carrier name (<c>lc_name</c>).</summary>
    public string? LcName { get; init; }

    /// <summary>When it was last modified.</summary>
    public DateTimeOffset? Modified { get; init; }
}
