namespace PlatformSdk.TestPlatform;

/// <summary>The TestPlatform environment the app key belongs to.</summary>
public enum TestPlatformEnvironment
{
    /// <summary>The sandbox: <c>sandbox.api.testplatform.example</c>.</summary>
    Sandbox = 0,

    /// <summary>Production: <c>api.testplatform.example</c>.</summary>
    Production = 1,
}

/// <summary>
/// The URLs one environment uses. Users choose an environment by name (<see cref="TestPlatformOptions.Environment"/>); an explicit
/// instance exists only for bundled fakes and forwarding proxies (<see cref="TestPlatformOptions.EndpointsOverride"/>).
/// </summary>
/// <param name="RouterUrl">The one API endpoint; the API is chosen by the <c>method</c> parameter.</param>
public sealed record TestPlatformEndpoints(Uri RouterUrl)
{
    /// <summary>The production endpoints.</summary>
    public static TestPlatformEndpoints Production { get; } = new(new Uri("https://api.testplatform.example/router"));

    /// <summary>The sandbox endpoints.</summary>
    public static TestPlatformEndpoints Sandbox { get; } = new(new Uri("https://sandbox.api.testplatform.example/router"));

    /// <summary>The endpoints of a named environment.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>Its endpoints.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined environment.</exception>
    public static TestPlatformEndpoints For(TestPlatformEnvironment environment) => environment switch
    {
        TestPlatformEnvironment.Production => Production,
        TestPlatformEnvironment.Sandbox => Sandbox,
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "Use TestPlatformEnvironment.Sandbox or TestPlatformEnvironment.Production."),
    };
}
