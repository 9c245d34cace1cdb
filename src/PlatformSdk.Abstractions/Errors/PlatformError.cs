namespace PlatformSdk.Errors;

/// <summary>
/// A failure reported by a platform (or detected by the SDK on its behalf), classified into a
/// <see cref="ErrorCategory"/> with a remedy a person can act on.
/// </summary>
/// <remarks>The raw message is the platform's own text; the SDK never puts secrets into any of these fields.</remarks>
public sealed record PlatformError
{
    /// <summary>Creates an error.</summary>
    /// <param name="platform">The platform name, for example <c>Jushuitan</c>.</param>
    /// <param name="code">The platform's error code, or an SDK code such as <c>http-503</c>.</param>
    /// <param name="message">The platform's raw message.</param>
    /// <param name="category">The category that decides what to do.</param>
    /// <param name="remedy">What to do about it.</param>
    public PlatformError(string platform, string code, string message, ErrorCategory category, string remedy)
    {
        Platform = platform;
        Code = code;
        Message = message;
        Category = category;
        Remedy = remedy;
    }

    /// <summary>The platform that reported the error.</summary>
    public string Platform { get; init; }

    /// <summary>The platform's error code (as text), or an SDK code for transport failures.</summary>
    public string Code { get; init; }

    /// <summary>The platform's sub-code, where it has one (TOP <c>sub_code</c>).</summary>
    public string? SubCode { get; init; }

    /// <summary>The raw message as the platform sent it.</summary>
    public string Message { get; init; }

    /// <summary>What kind of failure this is.</summary>
    public ErrorCategory Category { get; init; }

    /// <summary>What to do about it, in words an operator can follow.</summary>
    public string Remedy { get; init; }

    /// <summary>The domain rule the classification comes from (for example <c>RJST-06</c>), when there is one.</summary>
    public string? RuleId { get; init; }

    /// <summary>The platform's request id, when it returned one.</summary>
    public string? RequestId { get; init; }

    /// <summary>The HTTP status of the response, or 0 when no response was received.</summary>
    public int HttpStatus { get; init; }

    /// <summary>How long the platform asked the caller to wait before retrying, when it said so.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// True when the platform rejected the credential because it expired, so a token refresh followed by
    /// one retry can succeed.
    /// </summary>
    public bool IsTokenExpiry { get; init; }

    /// <summary>
    /// Whether the request reached the platform and what its answer says about the outcome: never sent, answered with a definite
    /// error (nothing happened), or unknown (no readable answer, or the platform itself does not know). The one outcome policy,
    /// <see cref="PlatformSdk.Http.PlatformOutcomePolicy"/>, reads it to decide retries and <see cref="PlatformException.MayHaveBeenProcessed"/>.
    /// </summary>
    public RequestDelivery Delivery { get; init; }

    /// <summary>
    /// True when a write may have been carried out although this error was seen: <see cref="Delivery"/> is
    /// <see cref="RequestDelivery.OutcomeUnknown"/> (a timeout inside the platform's backend, a reply that could not be read).
    /// </summary>
    public bool OutcomeUnknown => Delivery == RequestDelivery.OutcomeUnknown;

    /// <inheritdoc />
    public override string ToString()
    {
        var sub = SubCode is null ? string.Empty : "/" + SubCode;
        var rule = RuleId is null ? string.Empty : $" [{RuleId}]";
        return $"{Platform} error {Code}{sub} ({Category}){rule}: {Message} Remedy: {Remedy}";
    }
}
