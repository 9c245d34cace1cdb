namespace PlatformSdk.Jushuitan.Models.Warehouses;

/// <summary>A branch warehouse (分仓) partner; RJST-04: its <see cref="WmsCompanyId"/> is the warehouse company id other calls take.</summary>
public sealed record JushuitanWarehousePartner
{
    /// <summary>The warehouse name.</summary>
    public string? Name { get; init; }

    /// <summary>The owner company id (<c>co_id</c>).</summary>
    public long? CompanyId { get; init; }

    /// <summary>The warehouse company id (<c>wms_co_id</c>).</summary>
    public long WmsCompanyId { get; init; }

    /// <summary>True for the main warehouse (<c>is_main</c>).</summary>
    public bool? IsMain { get; init; }

    /// <summary>The partner status as Jushuitan reports it.</summary>
    public string? Status { get; init; }

    /// <summary>First remark.</summary>
    public string? Remark1 { get; init; }

    /// <summary>Second remark.</summary>
    public string? Remark2 { get; init; }
}
