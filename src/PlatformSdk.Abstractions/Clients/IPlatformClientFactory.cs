namespace PlatformSdk;

/// <summary>
/// The one way to pick a tenant in every package (the Azure SDK's <c>IAzureClientFactory&lt;T&gt;</c>): resolve
/// <c>IPlatformClientFactory&lt;TClient&gt;</c> from dependency injection and ask it for the tenant's client. What a tenant is
/// depends on the platform: a Jushuitan registration name, a 1688 shop, a Taobao seller for e-vouchers.
/// </summary>
/// <typeparam name="TClient">The tenant-bound client type.</typeparam>
public interface IPlatformClientFactory<out TClient>
    where TClient : class
{
    /// <summary>Returns the client of one tenant; the same instance for the same tenant.</summary>
    /// <param name="tenant">The tenant's name.</param>
    /// <returns>The client.</returns>
    TClient CreateClient(string tenant);
}
