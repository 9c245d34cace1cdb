using System.Diagnostics;
using PlatformSdk.Diagnostics;
using PlatformSdk.Errors;
using Polly;

namespace PlatformSdk.Http;

/// <summary>The successful reply to one logical call.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The raw body (UTF-8).</param>
/// <param name="Attempts">How many attempts the call took.</param>
public sealed record PlatformResponse(int StatusCode, ReadOnlyMemory<byte> Body, int Attempts);

/// <summary>
/// Sends one logical call through a platform's pipeline (built by
/// <c>AddPlatformPipeline</c>) and turns any failure into a <see cref="PlatformException"/>. Owns the
/// call's activity and metrics; the pipeline owns retries, signing, rate limiting and classification.
/// </summary>
public class PlatformRequestExecutor
{
    internal static readonly ResiliencePropertyKey<PlatformRequestContext> ContextProperty = new("PlatformSdk.RequestContext");

    private readonly HttpClient _httpClient;

    /// <summary>Creates an executor over an HTTP client configured with the platform pipeline.</summary>
    /// <param name="httpClient">The client.</param>
    public PlatformRequestExecutor(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
    }

    /// <summary>For mocking.</summary>
    protected PlatformRequestExecutor() => _httpClient = null!;

    /// <summary>Sends the call.</summary>
    /// <param name="endpoint">The endpoint URL; the signer adds query parameters and the body.</param>
    /// <param name="context">The call's context.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The successful reply.</returns>
    /// <exception cref="PlatformException">The platform reported an error, or the call failed or timed out.</exception>
    public virtual async Task<PlatformResponse> SendAsync(Uri endpoint, PlatformRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(context);
        var operation = context.Operation;
        var tags = new TagList { { "platform", operation.Platform }, { "operation", operation.Name } };
        using var activity = PlatformSdkDiagnostics.ActivitySource.StartActivity($"{operation.Platform} {operation.Name}", ActivityKind.Client);
        activity?.SetTag("platform", operation.Platform);
        activity?.SetTag("operation", operation.Name);
        activity?.SetTag("tenant", context.Tenant);
        var started = Stopwatch.GetTimestamp();

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Options.Set(PlatformRequestContext.OptionsKey, context);
        var resilienceContext = ResilienceContextPool.Shared.Get(cancellationToken);
        resilienceContext.Properties.Set(ContextProperty, context);
        request.SetResilienceContext(resilienceContext);
        try
        {
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (context.Attempt == 0)
            {
                throw new InvalidOperationException($"The HttpClient used for {operation.Platform} has no PlatformSdk pipeline. Register it with AddPlatformPipeline.");
            }

            if (context.Error is { } error)
            {
                throw Fail(new PlatformException(Redact(error, context))
                {
                    MayHaveBeenProcessed = operation.Idempotency != OperationIdempotency.Read
                        && (error.OutcomeUnknown || (error.Category == ErrorCategory.Transient && (error.HttpStatus >= 500 || IsUnreadableReply(error)))),
                });
            }

            Record(tags, started, "success");
            activity?.SetTag("attempts", context.Attempt);
            return new PlatformResponse((int)response.StatusCode, context.ResponseBody, context.Attempt);
        }
        catch (Exception ex) when (ex is not PlatformException && TransportFailures.Classify(operation.Platform, ex, out var notSent) is { } failure)
        {
            throw Fail(new PlatformException(Redact(failure, context), ex)
            {
                MayHaveBeenProcessed = !notSent && operation.Idempotency != OperationIdempotency.Read,
            });
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilienceContext);
        }

        PlatformException Fail(PlatformException exception)
        {
            Record(tags, started, exception.Category.ToString());
            var errorTags = tags;
            errorTags.Add("error.category", exception.Category.ToString());
            errorTags.Add("error.code", exception.ErrorCode);
            PlatformSdkDiagnostics.Errors.Add(1, errorTags);
            activity?.SetStatus(ActivityStatusCode.Error, exception.ErrorCode);
            activity?.SetTag("error.category", exception.Category.ToString());
            activity?.SetTag("attempts", context.Attempt);
            return exception;
        }
    }

    // Platforms echo requests in error messages; the exception message must not carry the secrets back out.
    private static PlatformError Redact(PlatformError error, PlatformRequestContext context)
    {
        var message = SecretRedactor.Redact(error.Message, context.SecretValues);
        return string.Equals(message, error.Message, StringComparison.Ordinal) ? error : error with { Message = message };
    }

    // The platform received the request and answered, but the answer cannot be read: a write may have happened.
    private static bool IsUnreadableReply(PlatformError error)
        => error.Code is PlatformResponseClassifier.EmptyResponseCode or PlatformResponseClassifier.HtmlResponseCode or PlatformResponseClassifier.MalformedResponseCode;

    private static void Record(TagList tags, long started, string outcome)
    {
        tags.Add("outcome", outcome);
        PlatformSdkDiagnostics.Requests.Add(1, tags);
        PlatformSdkDiagnostics.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }
}
