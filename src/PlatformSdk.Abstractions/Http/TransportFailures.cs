using System.Net.Sockets;
using PlatformSdk.Errors;
using Polly.RateLimiting;
using Polly.Timeout;

namespace PlatformSdk.Http;

/// <summary>Maps exceptions thrown while sending (no platform reply) into classified errors with their <see cref="PlatformError.Delivery"/>.</summary>
public static class TransportFailures
{
    /// <summary>Classifies an exception from the transport.</summary>
    /// <param name="platform">The platform name.</param>
    /// <param name="exception">The exception.</param>
    /// <returns>The error, or <see langword="null"/> when the exception is not a transport failure (a bug, or caller cancellation).</returns>
    public static PlatformError? Classify(string platform, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case PlatformRateLimitRejectedException limited:
                return new PlatformError(platform, PlatformErrorCodes.ClientRateLimit, limited.Message, ErrorCategory.Throttled,
                    "The SDK's own per-tenant rate limit queue is full; the request was not sent. Lower concurrency or raise the limit.")
                { RetryAfter = limited.RetryAfter, Delivery = RequestDelivery.NotSent };
            case RateLimiterRejectedException polly:
                return new PlatformError(platform, PlatformErrorCodes.ClientRateLimit, "The SDK's rate limiter rejected the request.", ErrorCategory.Throttled,
                    "The request was not sent. Lower concurrency or raise the limit.")
                { RetryAfter = polly.RetryAfter, Delivery = RequestDelivery.NotSent };
            case TimeoutRejectedException:
                return Timeout(platform);
            case HttpRequestException http:
                var notSent = NeverReachedPlatform(http);
                return new PlatformError(platform, notSent ? PlatformErrorCodes.ConnectionFailed : PlatformErrorCodes.NetworkError,
                    (notSent ? "Could not connect to the platform: " : "The connection to the platform failed: ") + http.Message,
                    ErrorCategory.Transient,
                    notSent ? "Check network access to the platform; the request was not sent." : "Retry later.")
                { Delivery = notSent ? RequestDelivery.NotSent : RequestDelivery.OutcomeUnknown };
            case IOException io:
                return new PlatformError(platform, PlatformErrorCodes.NetworkError, "The connection to the platform failed: " + io.Message, ErrorCategory.Transient,
                    "Retry later.")
                { Delivery = RequestDelivery.OutcomeUnknown };
            default:
                return null;
        }
    }

    /// <summary>The error for a platform that did not answer in time; a write may have been carried out.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The error.</returns>
    public static PlatformError Timeout(string platform)
        => new(platform, PlatformErrorCodes.Timeout, "The platform did not answer in time.", ErrorCategory.Transient,
            "Retry later.")
        { Delivery = RequestDelivery.OutcomeUnknown };

    // Only failures to open the connection prove the request never left. The SDK never follows redirects, so the host that
    // refused is always the platform's own endpoint.
    private static bool NeverReachedPlatform(HttpRequestException exception)
    {
#if NET8_0_OR_GREATER
        if (exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            return true;
        }
#endif

        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket && socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.AddressNotAvailable)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Thrown inside the pipeline when the SDK's own per-tenant rate limiter cannot grant a permit.</summary>
public sealed class PlatformRateLimitRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="retryAfter">When a permit is expected, if the limiter knows.</param>
    public PlatformRateLimitRejectedException(string message, TimeSpan? retryAfter)
        : base(message) => RetryAfter = retryAfter;

    /// <summary>Creates the exception.</summary>
    public PlatformRateLimitRejectedException()
        : base("The SDK's rate limiter rejected the request.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public PlatformRateLimitRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PlatformRateLimitRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>When a permit is expected, if the limiter knows.</summary>
    public TimeSpan? RetryAfter { get; }
}
