namespace PlatformSdk.Errors;

/// <summary>
/// The one exception type for platform failures: a platform error reply, a transport failure, a timeout
/// or a request the SDK refused to send. <see cref="Error"/> says what happened and what to do.
/// </summary>
/// <remarks>Messages are built from the platform's reply and the SDK's own text; they never contain secrets or signed URLs.</remarks>
public class PlatformException : Exception
{
    /// <summary>Creates the exception from a classified error.</summary>
    /// <param name="error">The classified error.</param>
    public PlatformException(PlatformError error)
        : this(error, null)
    {
    }

    /// <summary>Creates the exception from a classified error and the exception that caused it.</summary>
    /// <param name="error">The classified error.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public PlatformException(PlatformError error, Exception? innerException)
        : base(BuildMessage(error), innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The classified error.</summary>
    public PlatformError Error { get; }

    /// <summary>The platform that failed, for example <c>Jushuitan</c>.</summary>
    public string Platform => Error.Platform;

    /// <summary>What kind of failure this is.</summary>
    public ErrorCategory Category => Error.Category;

    /// <summary>The platform's (or the SDK's) error code.</summary>
    public string ErrorCode => Error.Code;

    /// <summary>What to do about it.</summary>
    public string Remedy => Error.Remedy;

    /// <summary>The domain rule behind the classification, when there is one.</summary>
    public string? RuleId => Error.RuleId;

    /// <summary>
    /// True when a write may have been carried out by the platform even though the SDK saw a failure
    /// (the connection broke after the request was sent). Reconcile by querying before resending.
    /// </summary>
    public bool MayHaveBeenProcessed { get; init; }

    private static string BuildMessage(PlatformError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.ToString();
    }
}
