using PlatformSdk.TestPlatform.Protocol;

namespace PlatformSdk.TestPlatform;

/// <summary>
/// The TestPlatform client for one tenant (one shop). Obtain it from dependency injection
/// (<c>services.AddPlatformSdk().AddTestPlatform(...)</c>): the default tenant as <see cref="TestPlatformClient"/>, named tenants
/// through <see cref="ITestPlatformClientFactory"/>.
/// </summary>
/// <remarks>Immutable and thread-safe; every member is virtual so the client can be mocked.</remarks>
public class TestPlatformClient
{
    private readonly TestPlatformTransport _transport = null!;

    internal TestPlatformClient(TestPlatformTransport transport)
    {
        _transport = transport;
        Items = new TestPlatformItemsClient(transport);
        Orders = new TestPlatformOrdersClient(transport);
    }

    /// <summary>For mocking.</summary>
    protected TestPlatformClient()
    {
        Items = null!;
        Orders = null!;
    }

    /// <summary>The tenant this client calls for (<see cref="TestPlatformOptions.DefaultTenant"/> or the registration name).</summary>
    public virtual string Tenant => _transport.Tenant;

    /// <summary>The environment in use.</summary>
    public virtual TestPlatformEnvironment Environment => _transport.Options.Environment;

    /// <summary>The shop's items.</summary>
    public virtual TestPlatformItemsClient Items { get; }

    /// <summary>The shop's orders.</summary>
    public virtual TestPlatformOrdersClient Orders { get; }
}

/// <summary>Creates clients for named TestPlatform tenants registered with <c>AddTestPlatform(name, …)</c>.</summary>
public interface ITestPlatformClientFactory
{
    /// <summary>Returns the client of a named tenant (the same instance on every call).</summary>
    /// <param name="name">The registration name; empty or <see cref="TestPlatformOptions.DefaultTenant"/> for the default tenant.</param>
    /// <returns>The client.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The tenant's settings are invalid or missing.</exception>
    TestPlatformClient CreateClient(string name);
}
