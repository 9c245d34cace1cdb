using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PlatformSdk.Diagnostics;

namespace PlatformSdk.Http;

/// <summary>
/// First handler inside the retry loop: starts a new attempt on the call's context and waits for a
/// per-tenant rate-limit permit before anything is signed (a stale timestamp would be rejected).
/// </summary>
public sealed class PlatformAttemptHandler : DelegatingHandler
{
    private readonly PlatformRateLimiters _limiters;
    private readonly PlatformResilienceOptions _options;

    /// <summary>Creates the handler.</summary>
    /// <param name="limiters">The shared limiters.</param>
    /// <param name="options">The platform's settings.</param>
    public PlatformAttemptHandler(PlatformRateLimiters limiters, PlatformResilienceOptions options)
    {
        _limiters = limiters;
        _options = options;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = PlatformRequestContext.Get(request);
        context.BeginAttempt();
        using var lease = await _limiters.AcquireAsync(context, _options, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Asks the platform's <see cref="IPlatformRequestSigner"/> to write and sign the request for this attempt.</summary>
public sealed class PlatformSigningHandler : DelegatingHandler
{
    private readonly IPlatformRequestSigner _signer;

    /// <summary>Creates the handler.</summary>
    /// <param name="signer">The platform's signer.</param>
    public PlatformSigningHandler(IPlatformRequestSigner signer) => _signer = signer;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _signer.SignAsync(request, PlatformRequestContext.Get(request), cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// Logs each attempt with secrets masked: sensitive parameter names (sign, token, keys, secrets) and any
/// literal secret value the signer registered. URLs and bodies are logged only at Trace level.
/// </summary>
public sealed partial class PlatformLoggingHandler : DelegatingHandler
{
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    /// <param name="logger">The logger.</param>
    public PlatformLoggingHandler(ILogger logger) => _logger = logger;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = PlatformRequestContext.Get(request);
        var started = Stopwatch.GetTimestamp();
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            LogRequestTrace(_logger, context.Operation.Platform, context.Operation.Name, context.Attempt,
                SecretRedactor.Redact(request.RequestUri?.ToString(), context.SecretValues), SecretRedactor.Redact(body, context.SecretValues));
        }
        else
        {
            LogRequest(_logger, context.Operation.Platform, context.Operation.Name, context.Tenant, context.Attempt);
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (context.Error is { } error)
            {
                LogAttemptFailed(_logger, context.Operation.Platform, context.Operation.Name, context.Attempt, (int)response.StatusCode, elapsed,
                    error.Category, error.Code, SecretRedactor.Redact(error.Message, context.SecretValues));
            }
            else
            {
                LogResponse(_logger, context.Operation.Platform, context.Operation.Name, context.Attempt, (int)response.StatusCode, elapsed);
            }

            if (_logger.IsEnabled(LogLevel.Trace))
            {
                LogResponseTrace(_logger, context.Operation.Platform, context.Operation.Name,
                    SecretRedactor.Redact(System.Text.Encoding.UTF8.GetString(context.ResponseBody.Span), context.SecretValues));
            }

            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogTransportFailure(_logger, context.Operation.Platform, context.Operation.Name, context.Attempt, ex.GetType().Name,
                SecretRedactor.Redact(ex.Message, context.SecretValues));
            throw;
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "{Platform} {Operation} for tenant {Tenant}: attempt {Attempt}")]
    private static partial void LogRequest(ILogger logger, string platform, string operation, string tenant, int attempt);

    [LoggerMessage(2, LogLevel.Trace, "{Platform} {Operation} attempt {Attempt}: POST {Url} {Body}")]
    private static partial void LogRequestTrace(ILogger logger, string platform, string operation, int attempt, string url, string body);

    [LoggerMessage(3, LogLevel.Debug, "{Platform} {Operation} attempt {Attempt}: HTTP {Status} in {ElapsedMs:0} ms")]
    private static partial void LogResponse(ILogger logger, string platform, string operation, int attempt, int status, double elapsedMs);

    [LoggerMessage(4, LogLevel.Information, "{Platform} {Operation} attempt {Attempt}: HTTP {Status} in {ElapsedMs:0} ms, {Category} error {Code}: {Message}")]
    private static partial void LogAttemptFailed(ILogger logger, string platform, string operation, int attempt, int status, double elapsedMs,
        PlatformSdk.Errors.ErrorCategory category, string code, string message);

    [LoggerMessage(5, LogLevel.Trace, "{Platform} {Operation} response body: {Body}")]
    private static partial void LogResponseTrace(ILogger logger, string platform, string operation, string body);

    [LoggerMessage(6, LogLevel.Information, "{Platform} {Operation} attempt {Attempt} failed without a reply: {ExceptionType}: {Message}")]
    private static partial void LogTransportFailure(ILogger logger, string platform, string operation, int attempt, string exceptionType, string message);
}

/// <summary>
/// Innermost handler: buffers the response body once and classifies it with the platform's
/// <see cref="PlatformResponseClassifier"/>, so the retry strategy sees platform errors hidden in HTTP 200 bodies.
/// </summary>
public sealed class PlatformResponseClassificationHandler : DelegatingHandler
{
    private readonly PlatformResponseClassifier _classifier;

    /// <summary>Creates the handler.</summary>
    /// <param name="classifier">The platform's classifier.</param>
    public PlatformResponseClassificationHandler(PlatformResponseClassifier classifier) => _classifier = classifier;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = PlatformRequestContext.Get(request);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        context.ResponseBody = body;
        context.Error = _classifier.Classify(response, body, context);
        return response;
    }
}
