using System.Text;
using Microsoft.Extensions.Logging;
using PlatformSdk.Diagnostics;
using PlatformSdk.Errors;

namespace PlatformSdk.Http;

/// <summary>
/// The pipeline's log lines, each with a named event id. Argument names never collide with a formatter's own fields
/// (<c>Message</c>, <c>Category</c>…). Secrets are masked; bodies are logged only at Trace, truncated.
/// </summary>
internal static partial class PlatformLog
{
    public static async ValueTask AttemptStartingAsync(ILogger logger, HttpRequestMessage request, PlatformRequestContext context, int bodyLimit, CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Trace))
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            RequestTrace(logger, context.Operation.Platform, context.Operation.Name, context.Attempt, request.Method.Method,
                SecretRedactor.Redact(request.RequestUri?.ToString(), context.SecretValues), SecretRedactor.Redact(Truncate(body, bodyLimit), context.SecretValues));
        }
        else
        {
            AttemptStarting(logger, context.Operation.Platform, context.Operation.Name, context.Tenant, context.Attempt);
        }
    }

    public static void ResponseBody(ILogger logger, PlatformRequestContext context, ReadOnlySpan<byte> body, int bodyLimit)
    {
        if (logger.IsEnabled(LogLevel.Trace))
        {
            var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, bodyLimit * 4)]);
            ResponseTrace(logger, context.Operation.Platform, context.Operation.Name, body.Length, SecretRedactor.Redact(Truncate(text, bodyLimit), context.SecretValues));
        }
    }

    public static void AttemptSucceeded(ILogger logger, PlatformRequestContext context, int status, double elapsedMs)
        => AttemptSucceeded(logger, context.Operation.Platform, context.Operation.Name, context.Attempt, status, elapsedMs);

    public static void AttemptFailed(ILogger logger, PlatformRequestContext context, int status, double elapsedMs, ErrorCategory category, string code, string message)
        => AttemptFailed(logger, context.Operation.Platform, context.Operation.Name, context.Attempt, status, elapsedMs, category, code, message);

    public static void TransportFailure(ILogger logger, PlatformRequestContext context, string exceptionType, string message)
        => TransportFailure(logger, context.Operation.Platform, context.Operation.Name, context.Attempt, exceptionType, message);

    public static void Retry(ILogger logger, PlatformRequestContext context, int retry, double delayMs, ErrorCategory category, string code)
        => Retrying(logger, context.Operation.Platform, context.Operation.Name, retry, delayMs, category, code);

    private static string Truncate(string text, int limit) => text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit), $"… ({text.Length} characters)");

    [LoggerMessage(1, LogLevel.Debug, "{Platform} {Operation} for tenant {Tenant}: attempt {Attempt}", EventName = "AttemptStarting")]
    private static partial void AttemptStarting(ILogger logger, string platform, string operation, string tenant, int attempt);

    [LoggerMessage(2, LogLevel.Trace, "{Platform} {Operation} attempt {Attempt}: {HttpMethod} {Url} {RequestBody}", EventName = "RequestTrace")]
    private static partial void RequestTrace(ILogger logger, string platform, string operation, int attempt, string httpMethod, string url, string requestBody);

    [LoggerMessage(3, LogLevel.Debug, "{Platform} {Operation} attempt {Attempt}: HTTP {HttpStatus} in {ElapsedMs:0} ms", EventName = "AttemptSucceeded")]
    private static partial void AttemptSucceeded(ILogger logger, string platform, string operation, int attempt, int httpStatus, double elapsedMs);

    [LoggerMessage(4, LogLevel.Information, "{Platform} {Operation} attempt {Attempt}: HTTP {HttpStatus} in {ElapsedMs:0} ms, {ErrorCategory} error {ErrorCode}: {ErrorMessage}", EventName = "AttemptFailed")]
    private static partial void AttemptFailed(ILogger logger, string platform, string operation, int attempt, int httpStatus, double elapsedMs, ErrorCategory errorCategory, string errorCode, string errorMessage);

    [LoggerMessage(5, LogLevel.Trace, "{Platform} {Operation} response body ({BodyBytes} bytes): {ResponseBody}", EventName = "ResponseTrace")]
    private static partial void ResponseTrace(ILogger logger, string platform, string operation, int bodyBytes, string responseBody);

    [LoggerMessage(6, LogLevel.Information, "{Platform} {Operation} attempt {Attempt} failed without a reply: {ExceptionType}: {ErrorMessage}", EventName = "TransportFailure")]
    private static partial void TransportFailure(ILogger logger, string platform, string operation, int attempt, string exceptionType, string errorMessage);

    [LoggerMessage(7, LogLevel.Information, "{Platform} {Operation}: retry {Retry} in {DelayMs:0} ms after {ErrorCategory} error {ErrorCode}", EventName = "Retry")]
    private static partial void Retrying(ILogger logger, string platform, string operation, int retry, double delayMs, ErrorCategory errorCategory, string errorCode);

    [LoggerMessage(8, LogLevel.Warning, "Proactive token refresh for {TokenKey} failed ({ErrorCategory} error {ErrorCode}); the current token is still valid and stays in use.", EventName = "ProactiveRefreshFailed")]
    public static partial void ProactiveRefreshFailed(ILogger logger, string tokenKey, ErrorCategory errorCategory, string errorCode);
}
