namespace PlatformSdk.Errors;

/// <summary>What is known about whether a failed request reached the platform and took effect.</summary>
public enum RequestDelivery
{
    /// <summary>The platform read the request and answered with a definite error: nothing was carried out.</summary>
    Answered,

    /// <summary>The request provably never reached the platform (the SDK refused it, its rate limiter rejected it, the connection was refused).</summary>
    NotSent,

    /// <summary>The request may have reached the platform and no readable, definite answer came back: a write may have been carried out.</summary>
    OutcomeUnknown,
}
