using PlatformSdk.Errors;

namespace PlatformSdk.TestPlatform.Errors;

/// <summary>TestPlatform's known error codes: code → category, remedy, and whether a write may have happened.</summary>
public static class TestPlatformErrorCatalogue
{
    /// <summary>The platform name used in every error, metric and log.</summary>
    public const string Platform = "TestPlatform";

    private const string CredentialRemedy = "Check that AppKey and AppSecret belong to the same app and to the chosen Environment (sandbox keys work only against the sandbox).";

    /// <summary>The catalogue.</summary>
    public static ErrorCatalogue Instance { get; } = ErrorCatalogue.CreateBuilder(Platform)
        .Code("40001", ErrorCategory.Configuration, "TestPlatform rejected the signature. " + CredentialRemedy)
        .Code("40002", ErrorCategory.Transient, "The timestamp was outside TestPlatform's 5-minute window. The SDK retries with a fresh one; if it persists, synchronise this machine's clock (NTP).")
        .Code("40003", ErrorCategory.Validation, "A parameter breaks TestPlatform's rules; the message names it. Fix the request; it is not retried.")
        .Code("40004", ErrorCategory.Configuration, "TestPlatform does not know the app_key. " + CredentialRemedy)
        .Code("40101", ErrorCategory.Authentication, "The access token expired. The SDK refreshes it once and repeats the call.", isTokenExpiry: true)
        .Code("40102", ErrorCategory.Authentication, "The access token or refresh token is invalid: authorize the shop again and update AccessToken and RefreshToken.")
        .Code("40401", ErrorCategory.Validation, "The item does not exist or is not on sale. Query the items first.")
        .Code("42901", ErrorCategory.Throttled, "TestPlatform limits calls per app. The SDK waits and retries; lower Resilience:PermitsPerSecond if this persists.")
        .Code("50001", ErrorCategory.Transient, "TestPlatform is busy. Reads are retried; a write is not, and it did not happen.")
        .Code("50401", ErrorCategory.Transient, "TestPlatform's backend timed out: a write may have happened. Query by out_order_id before resending.", outcomeUnknown: true)
        .Build();
}
