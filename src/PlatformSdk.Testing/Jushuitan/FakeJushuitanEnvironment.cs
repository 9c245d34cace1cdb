namespace PlatformSdk.Testing.Jushuitan;

/// <summary>
/// Which Jushuitan environment a <see cref="FakeJushuitanServer"/> plays. Credentials work only in their own environment (RJST-01):
/// the fake accepts exactly the credentials of its environment and answers the "partnerid invalid" error for any other partnerid,
/// including the other environment's defaults.
/// </summary>
public enum FakeJushuitanEnvironment
{
    /// <summary>The sandbox (legacy <c>c.jushuitan.com</c>, open API <c>dev-api.jushuitan.com</c>); defaults to the public sandbox credentials.</summary>
    Test,

    /// <summary>Production (legacy <c>open.erp321.com</c>, open API <c>openapi.jushuitan.com</c>); defaults to fake production credentials.</summary>
    Production,
}
