namespace PlatformSdk.Top;

/// <summary>The TOP environment the app key belongs to (sandbox keys work only against the sandbox).</summary>
public enum TopEnvironment
{
    /// <summary>Production: <c>https://eco.taobao.com/router/rest</c>, Qimen <c>https://qimen.api.taobao.com/router/qimen/service</c>.</summary>
    Production = 0,

    /// <summary>The sandbox: <c>https://gw.api.tbsandbox.com/router/rest</c>, Qimen <c>http://qimenapi.tbsandbox.com/router/qimen/service</c>.</summary>
    Sandbox = 1,
}

/// <summary>
/// The URLs of one environment (docs/protocols/taobao-top.md §1). Users choose an environment by name
/// (<see cref="TopOptions.Environment"/>); an explicit instance exists only for fakes and forwarding proxies
/// (<see cref="TopOptions.EndpointsOverride"/>, code only).
/// </summary>
/// <param name="Rest">The TOP REST router (<c>/router/rest</c>).</param>
/// <param name="Qimen">The Qimen standard-scenario router (<c>/router/qimen/service</c>).</param>
public sealed record TopEndpoints(Uri Rest, Uri Qimen)
{
    /// <summary>Production (HTTPS).</summary>
    public static TopEndpoints Production { get; } = new(
        new Uri("https://eco.taobao.com/router/rest"),
        new Uri("https://qimen.api.taobao.com/router/qimen/service"));

    /// <summary>The sandbox. Its Qimen router is HTTP only in every source.</summary>
    public static TopEndpoints Sandbox { get; } = new(
        new Uri("https://gw.api.tbsandbox.com/router/rest"),
        new Uri("http://qimenapi.tbsandbox.com/router/qimen/service"));

    /// <summary>The endpoints of a named environment.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>Its endpoints.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined environment.</exception>
    public static TopEndpoints For(TopEnvironment environment) => environment switch
    {
        TopEnvironment.Production => Production,
        TopEnvironment.Sandbox => Sandbox,
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "Use TopEnvironment.Production or TopEnvironment.Sandbox."),
    };
}
