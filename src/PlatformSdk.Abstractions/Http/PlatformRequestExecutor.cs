using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PlatformSdk.Diagnostics;
using PlatformSdk.Errors;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PlatformSdk.Http;

/// <summary>A successful reply, handed to the <see cref="PlatformReplyReader{T}"/> of the call.</summary>
public readonly struct PlatformReply
{
    internal PlatformReply(int statusCode, ReadOnlyMemory<byte> body, object? parsed, PlatformRequestContext context)
    {
        StatusCode = statusCode;
        Body = body;
        Parsed = parsed;
        Context = context;
    }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The raw body (UTF-8, without a byte order mark).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>What the platform's classifier parsed (for example a <see cref="JsonDocument"/>); valid only while the reader runs.</summary>
    public object? Parsed { get; }

    /// <summary>The call.</summary>
    public PlatformRequestContext Context { get; }

    /// <summary>How many attempts the call took.</summary>
    public int Attempts => Context.Attempt;

    /// <summary>The parsed JSON root the classifier handed forward.</summary>
    /// <returns>The root element; valid only while the reader runs.</returns>
    /// <exception cref="JsonException">The classifier handed no JSON document forward (the executor reports it as a malformed reply).</exception>
    public JsonElement JsonRoot()
        => Parsed is JsonDocument document ? document.RootElement : throw new JsonException("The classifier handed no parsed JSON document forward.");
}

/// <summary>
/// Reads the result of a successful reply. Runs inside the attempt: anything it throws because the reply has an unexpected shape
/// (<see cref="JsonException"/>, <see cref="FormatException"/>, <see cref="InvalidOperationException"/>…) makes the attempt a
/// malformed reply, retried for reads and reported with <see cref="PlatformException.MayHaveBeenProcessed"/> for writes; a
/// <see cref="PlatformException"/> it throws is the attempt's classified failure.
/// </summary>
/// <typeparam name="T">The result.</typeparam>
/// <param name="reply">The reply.</param>
/// <returns>The result.</returns>
public delegate T PlatformReplyReader<out T>(PlatformReply reply);

/// <summary>Everything one platform client's executor is built from (the DI registration creates it).</summary>
public sealed class PlatformPipelineOptions
{
    /// <summary>The platform name (metrics, logs, errors).</summary>
    public required string Platform { get; init; }

    /// <summary>The platform's signer.</summary>
    public required IPlatformRequestSigner Signer { get; init; }

    /// <summary>The platform's response classifier.</summary>
    public required PlatformResponseClassifier Classifier { get; init; }

    /// <summary>Creates the HTTP handler chain for one call (from <c>IHttpMessageHandlerFactory</c>, so handlers rotate and user handlers run per attempt).</summary>
    public required Func<HttpMessageHandler> Handler { get; init; }

    /// <summary>Retry, timeout, rate-limit and size settings of this client (platform and tenant).</summary>
    public PlatformResilienceOptions Resilience { get; init; } = new();

    /// <summary>The shared per-tenant rate limiters, or <see langword="null"/> for none.</summary>
    public PlatformRateLimiters? RateLimiters { get; init; }

    /// <summary>Where attempts, retries and failures are logged.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The clock for timeouts and retry delays.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Policies run once per logical call, around all its attempts.</summary>
    public IReadOnlyList<PlatformCallPolicy> CallPolicies { get; init; } = [];
}

/// <summary>
/// Sends one logical call: validates nothing itself (clients do that before), then runs attempts under the call's total timeout,
/// retry and attempt timeout. Each attempt waits for a per-tenant rate-limit permit, has the signer write a <em>new</em> request,
/// sends it without following redirects, reads the body up to <see cref="PlatformResilienceOptions.MaxResponseBytes"/>,
/// classifies it once and runs the caller's reader. Every failure leaves as a redacted <see cref="PlatformException"/> whose
/// <see cref="PlatformException.MayHaveBeenProcessed"/> comes from <see cref="PlatformOutcomePolicy"/>.
/// </summary>
public class PlatformRequestExecutor
{
    private static readonly ResiliencePropertyKey<PlatformRequestContext> ContextKey = new("PlatformSdk.RequestContext");
    private const int TraceBodyLimit = 4096;

    private readonly PlatformPipelineOptions _options = null!;
    private readonly ResiliencePipeline _pipeline = null!;

    /// <summary>Creates an executor.</summary>
    /// <param name="options">What it is built from.</param>
    public PlatformRequestExecutor(PlatformPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _pipeline = BuildPipeline(options);
    }

    /// <summary>For mocking.</summary>
    protected PlatformRequestExecutor()
    {
    }

    /// <summary>The platform name.</summary>
    public virtual string Platform => _options.Platform;

    /// <summary>The settings in force for this client.</summary>
    public virtual PlatformResilienceOptions Resilience => _options.Resilience;

    /// <summary>Sends a call and reads its result.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="operation">The operation.</param>
    /// <param name="tenant">The tenant (rate limits and tokens are per tenant).</param>
    /// <param name="payload">The unsigned call the signer writes on every attempt.</param>
    /// <param name="read">Reads the result from the successful reply.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">The platform reported an error, the call failed or timed out, or the reply could not be read.</exception>
    public virtual Task<T> SendAsync<T>(PlatformOperation operation, string tenant, object? payload, PlatformReplyReader<T> read, CancellationToken cancellationToken = default)
        => SendAsync(new PlatformRequestContext(operation, tenant, payload), read, cancellationToken);

    /// <summary>Sends a call and reads its result.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="context">The call.</param>
    /// <param name="read">Reads the result from the successful reply.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">The platform reported an error, the call failed or timed out, or the reply could not be read.</exception>
    public virtual async Task<T> SendAsync<T>(PlatformRequestContext context, PlatformReplyReader<T> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(read);
        var operation = context.Operation;
        using var activity = PlatformSdkDiagnostics.ActivitySource.StartActivity($"{operation.Platform} {operation.Name}", ActivityKind.Client);
        activity?.SetTag("platform", operation.Platform);
        activity?.SetTag("operation", operation.Name);
        activity?.SetTag("tenant", context.Tenant);
        var started = Stopwatch.GetTimestamp();
        foreach (var policy in _options.CallPolicies)
        {
            await policy.OnCallStartingAsync(context, cancellationToken).ConfigureAwait(false);
        }

        var resilienceContext = ResilienceContextPool.Shared.Get(cancellationToken);
        resilienceContext.Properties.Set(ContextKey, context);
        try
        {
            var result = await _pipeline.ExecuteAsync(
                static (rc, state) => state.Executor.AttemptAsync(state.Context, state.Read, rc.CancellationToken),
                resilienceContext,
                (Executor: this, Context: context, Read: read)).ConfigureAwait(false);
            Record(operation, started, "success", activity, context);
            Completed(context, null);
            return result;
        }
        catch (AttemptFailedException failed)
        {
            throw Fail(failed.Error, failed.InnerException);
        }
        catch (TimeoutRejectedException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            // The call's total timeout: nothing may have happened only if no attempt ever left this process.
            var error = TransportFailures.Timeout(operation.Platform) with
            {
                Delivery = context.AnyAttemptSent ? RequestDelivery.OutcomeUnknown : RequestDelivery.NotSent,
                Message = $"The call did not complete within its total timeout of {_options.Resilience.TotalTimeout.TotalSeconds:0.#} s ({context.Attempt} attempt(s)).",
            };
            throw Fail(error, timeout);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilienceContext);
        }

        PlatformException Fail(PlatformError error, Exception? inner)
        {
            var exception = PlatformOutcomePolicy.Failure(operation, Redact(error, context), inner);
            Record(operation, started, exception.Category.ToString(), activity, context, exception);
            Completed(context, exception);
            return exception;
        }
    }

    private void Completed(PlatformRequestContext context, PlatformException? failure)
    {
        foreach (var policy in _options.CallPolicies)
        {
            policy.OnCallCompleted(context, failure);
        }
    }

    private async ValueTask<T> AttemptAsync<T>(PlatformRequestContext context, PlatformReplyReader<T> read, CancellationToken cancellationToken)
    {
        context.BeginAttempt();
        var operation = context.Operation;
        var logger = _options.Logger;
        var started = Stopwatch.GetTimestamp();
        System.Threading.RateLimiting.RateLimitLease? lease = null;
        try
        {
            try
            {
                if (_options.RateLimiters is { } limiters)
                {
                    lease = await limiters.AcquireAsync(context, _options.Resilience, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (PlatformRateLimitRejectedException rejected)
            {
                throw Failed(context, TransportFailures.Classify(operation.Platform, rejected)!, rejected);
            }

            using var request = new HttpRequestMessage();
            try
            {
                await _options.Signer.SignAsync(request, context, cancellationToken).ConfigureAwait(false);
            }
            catch (PlatformException ex) when (ex is not PlatformValidationException)
            {
                // The signer could not get a token (the refresh call failed): this call itself was never sent.
                throw Failed(context, ex.Error with { Delivery = RequestDelivery.NotSent }, ex);
            }

            if (request.RequestUri is null)
            {
                throw new InvalidOperationException($"{_options.Signer.GetType().Name} did not set a request URI for {operation.Name}.");
            }

            await PlatformLog.AttemptStartingAsync(logger, request, context, TraceBodyLimit, cancellationToken).ConfigureAwait(false);
            HttpResponseMessage response;
            using var invoker = new HttpMessageInvoker(_options.Handler(), disposeHandler: false);
            try
            {
                context.MarkSent();
                response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && TransportFailures.Classify(operation.Platform, ex) is { } transport)
            {
                PlatformLog.TransportFailure(logger, context, ex.GetType().Name, SecretRedactor.Redact(ex.Message, context.SecretValues));
                throw Failed(context, transport, ex);
            }

            byte[]? rented = null;
            using (response)
            {
                ReadOnlyMemory<byte> body;
                try
                {
                    (body, rented) = await ReadBodyAsync(response, _options.Resilience.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
                }
                catch (ResponseTooLargeException tooLarge)
                {
                    throw Failed(context, TooLarge(operation.Platform, tooLarge.Limit), tooLarge);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && TransportFailures.Classify(operation.Platform, ex) is { } transport)
                {
                    throw Failed(context, transport with { Delivery = RequestDelivery.OutcomeUnknown }, ex);
                }

                var status = (int)response.StatusCode;
                var classification = default(PlatformClassification);
                try
                {
                    classification = _options.Classifier.Classify(response, body, context);
                }
                catch
                {
                    ReturnBuffer(rented);
                    throw;
                }

                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                PlatformLog.ResponseBody(logger, context, body.Span, TraceBodyLimit);
                if (classification.Error is { } error)
                {
                    ReturnBuffer(rented);
                    PlatformLog.AttemptFailed(logger, context, status, elapsed, error.Category, error.Code, SecretRedactor.Redact(error.Message, context.SecretValues));
                    await PauseIfThrottledAsync(context, error).ConfigureAwait(false);
                    throw Failed(context, error, null);
                }

                try
                {
                    var result = read(new PlatformReply(status, body, classification.Parsed, context));
                    PlatformLog.AttemptSucceeded(logger, context, status, elapsed);
                    return result;
                }
                catch (PlatformException ex) when (ex is not PlatformValidationException)
                {
                    PlatformLog.AttemptFailed(logger, context, status, elapsed, ex.Category, ex.ErrorCode, SecretRedactor.Redact(ex.Error.Message, context.SecretValues));
                    await PauseIfThrottledAsync(context, ex.Error).ConfigureAwait(false);
                    throw Failed(context, ex.Error, ex);
                }
                catch (Exception ex) when (IsUnexpectedShape(ex))
                {
                    var malformed = PlatformResponseClassifier.MalformedResponse(operation.Platform,
                        $"the reply of {operation.Name} has an unexpected shape ({ex.GetType().Name}: {FirstLine(ex.Message)})") with { HttpStatus = status };
                    PlatformLog.AttemptFailed(logger, context, status, elapsed, malformed.Category, malformed.Code, malformed.Message);
                    throw Failed(context, malformed, ex);
                }
                finally
                {
                    (classification.Parsed as IDisposable)?.Dispose();
                    // The body buffer is pooled: nothing may refer to it once the reader returned (results are copies).
                    ReturnBuffer(rented);
                }
            }
        }
        finally
        {
            lease?.Dispose();
        }
    }

    // The platform said how long to stay away: every call on this platform and tenant waits that long, in every process that
    // shares the limiter, not only the retry of this one. Only the platform's own answer counts (the SDK's own queue-full
    // rejection never reaches here: it is not a reply). Not on the call's token: the pause must be in force even when this
    // call is being cancelled, and the error is what the caller sees either way.
    private async ValueTask PauseIfThrottledAsync(PlatformRequestContext context, PlatformError error)
    {
        if (error.Category != ErrorCategory.Throttled || error.RetryAfter is not { } wait || wait <= TimeSpan.Zero || _options.RateLimiters is not { } limiters)
        {
            return;
        }

        try
        {
            await limiters.PauseAsync(context, _options.Resilience, wait, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A pause that could not be shared (its store is down) must not replace the platform's error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RateLimitPauseFailed(_options.Logger, context.Operation.Platform, context.Tenant, ex.GetType().Name, null);
        }
    }

    private static readonly Action<ILogger, string, string, string, Exception?> RateLimitPauseFailed = LoggerMessage.Define<string, string, string>(
        LogLevel.Warning, new EventId(40, "RateLimitPauseFailed"), "{Platform} tenant {Tenant}: the throttled reply's pause could not be applied to the rate limiter ({Exception}).");

    private static void ReturnBuffer(byte[]? rented)
    {
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static AttemptFailedException Failed(PlatformRequestContext context, PlatformError error, Exception? cause)
    {
        context.CurrentError = error;
        return new AttemptFailedException(error, cause);
    }

    private static bool IsUnexpectedShape(Exception ex)
        => ex is JsonException or FormatException or InvalidOperationException or OverflowException or ArgumentException
            or KeyNotFoundException or IndexOutOfRangeException or InvalidCastException or NotSupportedException or NullReferenceException;

    private static string FirstLine(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        var stop = end >= 0 ? end : newline >= 0 ? newline : message.Length;
        return message[..Math.Min(stop, 200)];
    }

    private static PlatformError TooLarge(string platform, long limit)
        => new(platform, PlatformErrorCodes.ResponseTooLarge, $"The reply is larger than the limit of {limit} bytes and was not read.", ErrorCategory.Configuration,
            "Ask for smaller pages, or raise Resilience:MaxResponseBytes for this platform.")
        {
            Delivery = RequestDelivery.OutcomeUnknown,
        };

    // Reads into a pooled buffer sized by Content-Length when known; the caller returns the buffer after the reader ran.
    private static async ValueTask<(ReadOnlyMemory<byte> Body, byte[]? Rented)> ReadBodyAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > limit)
        {
            throw new ResponseTooLargeException(limit);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#if NET8_0_OR_GREATER
        await using (stream.ConfigureAwait(false))
#else
        using (stream)
#endif
        {
            var pool = System.Buffers.ArrayPool<byte>.Shared;
            // One byte more than declared, so the end of the body is seen without growing the buffer.
            var buffer = pool.Rent(declared is >= 0 ? (int)Math.Min(declared.Value + 1, limit + 1) : (int)Math.Min(16 * 1024, limit + 1));
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var grown = pool.Rent((int)Math.Min(buffer.Length * 2L, limit + 1));
                        buffer.AsSpan(0, length).CopyTo(grown);
                        pool.Return(buffer);
                        buffer = grown;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                    if (length > limit)
                    {
                        throw new ResponseTooLargeException(limit);
                    }
                }
            }
            catch
            {
                pool.Return(buffer);
                throw;
            }

            return (PlatformResponseClassifier.WithoutByteOrderMark(buffer.AsMemory(0, length)), buffer);
        }
    }

    // Platforms echo requests in error messages; the exception message must not carry the secrets back out.
    private static PlatformError Redact(PlatformError error, PlatformRequestContext context)
    {
        var secrets = context.SecretSnapshot();
        var message = SecretRedactor.Redact(error.Message, secrets);
        var remedy = SecretRedactor.Redact(error.Remedy, secrets);
        return string.Equals(message, error.Message, StringComparison.Ordinal) && string.Equals(remedy, error.Remedy, StringComparison.Ordinal)
            ? error
            : error with { Message = message, Remedy = remedy };
    }

    private static void Record(PlatformOperation operation, long started, string outcome, Activity? activity, PlatformRequestContext context, PlatformException? exception = null)
    {
        var tags = new TagList { { "platform", operation.Platform }, { "operation", operation.Name }, { "outcome", outcome } };
        PlatformSdkDiagnostics.Requests.Add(1, tags);
        PlatformSdkDiagnostics.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        activity?.SetTag("attempts", context.Attempt);
        if (exception is not null)
        {
            var errorTags = new TagList
            {
                { "platform", operation.Platform },
                { "operation", operation.Name },
                { "error.category", exception.Category.ToString() },
                { "error.code", exception.ErrorCode },
            };
            PlatformSdkDiagnostics.Errors.Add(1, errorTags);
            activity?.SetStatus(ActivityStatusCode.Error, exception.ErrorCode);
            activity?.SetTag("error.category", exception.Category.ToString());
        }
    }

    private static ResiliencePipeline BuildPipeline(PlatformPipelineOptions options)
    {
        var settings = options.Resilience;
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.Time, Name = $"PlatformSdk.{options.Platform}" };
        builder.AddTimeout(settings.TotalTimeout);
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                ShouldHandle = args => new ValueTask<bool>(ErrorOf(args.Outcome.Exception, args.Context) is { } error
                    && args.Context.Properties.GetValue(ContextKey, null!) is { } call
                    && PlatformOutcomePolicy.ShouldRetry(call.Operation, error, call.TokenRefreshed, settings)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(ErrorOf(args.Outcome.Exception, args.Context) is { } error
                    ? PlatformOutcomePolicy.ComputeDelay(args.AttemptNumber, error, settings, Random.Shared.NextDouble())
                    : null),
                OnRetry = args =>
                {
                    var call = args.Context.Properties.GetValue(ContextKey, null!);
                    var error = ErrorOf(args.Outcome.Exception, args.Context);
                    var tags = new TagList
                    {
                        { "platform", options.Platform },
                        { "operation", call.Operation.Name },
                        { "error.category", error?.Category.ToString() },
                    };
                    PlatformSdkDiagnostics.Retries.Add(1, tags);
                    Activity.Current?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection
                    {
                        { "attempt", args.AttemptNumber + 2 },
                        { "delay_ms", args.RetryDelay.TotalMilliseconds },
                        { "error.code", error?.Code },
                    }));
                    PlatformLog.Retry(options.Logger, call, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, error?.Category ?? ErrorCategory.Unknown, error?.Code ?? "?");
                    return default;
                },
            });
        }

        builder.AddTimeout(settings.AttemptTimeout);
        return builder.Build();
    }

    // Classified once per attempt: an attempt's own failure carries its error; an attempt timeout is classified here, once.
    private static PlatformError? ErrorOf(Exception? exception, ResilienceContext resilienceContext)
    {
        switch (exception)
        {
            case AttemptFailedException failed:
                return failed.Error;
            case TimeoutRejectedException:
                var context = resilienceContext.Properties.GetValue(ContextKey, null!);
                return context.CurrentError ??= TransportFailures.Timeout(context.Operation.Platform) with
                {
                    Delivery = context.CurrentAttemptSent ? RequestDelivery.OutcomeUnknown : RequestDelivery.NotSent,
                };
            default:
                return null;
        }
    }

    private sealed class ResponseTooLargeException(long limit) : Exception($"The reply is larger than {limit} bytes.")
    {
        public long Limit { get; } = limit;
    }
}

/// <summary>Carries one attempt's classified failure out of the attempt to the retry decision; never leaves the executor.</summary>
internal sealed class AttemptFailedException(PlatformError error, Exception? cause) : Exception(error.Code, cause)
{
    public PlatformError Error { get; } = error;
}
