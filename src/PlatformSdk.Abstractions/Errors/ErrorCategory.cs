namespace PlatformSdk.Errors;

/// <summary>
/// What a caller should do about a failure. Every platform error the SDK knows is mapped to one
/// category; retries follow the category and the operation's idempotency.
/// </summary>
public enum ErrorCategory
{
    /// <summary>The error is not in any catalogue. Inspect the raw message; do not retry blindly.</summary>
    Unknown = 0,

    /// <summary>A passing fault (timeout, network, platform instability): retry the same request later.</summary>
    Transient,

    /// <summary>The platform limits call frequency: retry after a delay.</summary>
    Throttled,

    /// <summary>Credentials or tokens are invalid or expired: refresh the token or re-authorize.</summary>
    Authentication,

    /// <summary>A setting, mapping or account configuration is wrong: fix it, then retry.</summary>
    Configuration,

    /// <summary>The request itself is wrong: do not retry it as is.</summary>
    Validation,

    /// <summary>The platform already has the result: treat as success or reconcile; never resend.</summary>
    AlreadyDone,

    /// <summary>The order's or account's state forbids the operation now.</summary>
    BusinessRule,
}
