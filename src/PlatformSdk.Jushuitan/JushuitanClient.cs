using PlatformSdk.Jushuitan.Models.Billing;
using PlatformSdk.Jushuitan.Protocol;

namespace PlatformSdk.Jushuitan;

/// <summary>
/// The Jushuitan (聚水潭) ERP client for one tenant (one ERP company), speaking the legacy <c>query.aspx</c> API or the open API
/// as configured. Obtain it from dependency injection (<c>services.AddPlatformSdk().AddJushuitan(...)</c>): the default tenant as
/// <see cref="JushuitanClient"/>, named tenants through <see cref="IJushuitanClientFactory"/>.
/// </summary>
/// <remarks>Every member is virtual so the client can be mocked.</remarks>
public class JushuitanClient
{
    private readonly JushuitanTransport _transport = null!;
    private readonly JushuitanCallMeter _meter = null!;

    internal JushuitanClient(JushuitanTransport transport, JushuitanCallMeter meter)
    {
        _transport = transport;
        _meter = meter;
        Shops = new JushuitanShopsClient(transport);
        Warehouses = new JushuitanWarehousesClient(transport);
        LogisticsCompanies = new JushuitanLogisticsCompaniesClient(transport);
        Orders = new JushuitanOrdersClient(transport);
        Auth = new JushuitanAuthClient(transport);
    }

    /// <summary>For mocking.</summary>
    protected JushuitanClient()
    {
        Shops = null!;
        Warehouses = null!;
        LogisticsCompanies = null!;
        Orders = null!;
        Auth = null!;
    }

    /// <summary>The tenant this client calls for (<see cref="JushuitanOptions.DefaultTenant"/> or the registration name).</summary>
    public virtual string Tenant => _transport.Tenant;

    /// <summary>The API generation in use.</summary>
    public virtual JushuitanProtocol Protocol => _transport.Protocol;

    /// <summary>The environment in use.</summary>
    public virtual JushuitanEnvironment Environment => _transport.Options.Environment;

    /// <summary>Shops (RJST-04).</summary>
    public virtual JushuitanShopsClient Shops { get; }

    /// <summary>Branch warehouses (RJST-04).</summary>
    public virtual JushuitanWarehousesClient Warehouses { get; }

    /// <summary>Carriers (RJST-04).</summary>
    public virtual JushuitanLogisticsCompaniesClient LogisticsCompanies { get; }

    /// <summary>Orders: upload, query, cancel.</summary>
    public virtual JushuitanOrdersClient Orders { get; }

    /// <summary>Open API merchant authorization.</summary>
    public virtual JushuitanAuthClient Auth { get; }

    /// <summary>Calls this tenant made since start (or the last meter reset) and their estimated cost (RJST-03).</summary>
    /// <returns>The usage.</returns>
    public virtual JushuitanUsage GetUsage()
        => _meter.GetUsage(Tenant, _transport.Options.Billing.Edition, _transport.Options.Billing.ContractAmount);
}

/// <summary>
/// Creates clients for named Jushuitan tenants registered with <c>AddJushuitan(name, …)</c>. The same factory is registered as
/// <see cref="IPlatformClientFactory{TClient}"/> of <see cref="JushuitanClient"/>, the tenant picker every package shares.
/// </summary>
public interface IJushuitanClientFactory : IPlatformClientFactory<JushuitanClient>
{
    /// <summary>Returns the client of a named tenant (the same instance on every call).</summary>
    /// <param name="name">The registration name; <see cref="Microsoft.Extensions.Options.Options.DefaultName"/> or <see cref="JushuitanOptions.DefaultTenant"/> for the default tenant.</param>
    /// <returns>The client.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The tenant's settings are invalid or missing.</exception>
    new JushuitanClient CreateClient(string name);
}
