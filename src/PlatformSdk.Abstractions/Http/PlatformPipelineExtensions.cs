using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlatformSdk.Diagnostics;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using Polly;
using Polly.Retry;

// Extension methods for IHttpClientBuilder live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Builds a platform's HTTP pipeline on an <see cref="IHttpClientBuilder"/>.</summary>
public static class PlatformPipelineExtensions
{
    /// <summary>
    /// Adds the PlatformSdk pipeline to a named or typed client. From outside in: total timeout, retry
    /// (decided by <see cref="PlatformRetryPolicy"/>), attempt timeout, then per attempt: rate limiting,
    /// signing, redacted logging and response classification.
    /// </summary>
    /// <param name="builder">The HTTP client builder.</param>
    /// <param name="platform">The platform name; also the name of its <see cref="PlatformResilienceOptions"/>.</param>
    /// <param name="signer">Creates the platform's signer.</param>
    /// <param name="classifier">Creates the platform's response classifier.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddPlatformPipeline(
        this IHttpClientBuilder builder,
        string platform,
        Func<IServiceProvider, IPlatformRequestSigner> signer,
        Func<IServiceProvider, PlatformResponseClassifier> classifier)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(platform);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(classifier);
        builder.Services.AddPlatformSdkCore();
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);

        builder.AddResilienceHandler($"PlatformSdk.{platform}", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>().Get(platform);
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger($"PlatformSdk.{platform}");
            pipeline.TimeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            pipeline.AddTimeout(options.TotalTimeout);
            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = options.MaxRetries,
                    ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Context, args.Outcome, options, platform)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(
                        Failure(args.Context, args.Outcome, platform, out _) is { } error
                            ? PlatformRetryPolicy.ComputeDelay(args.AttemptNumber, error, options, Random.Shared.NextDouble())
                            : null),
                    OnRetry = args =>
                    {
                        var error = Failure(args.Context, args.Outcome, platform, out _);
                        var call = args.Context.Properties.GetValue(PlatformRequestExecutor.ContextProperty, null!);
                        var tags = new TagList
                        {
                            { "platform", platform },
                            { "operation", call?.Operation.Name },
                            { "error.category", error?.Category.ToString() },
                        };
                        PlatformSdkDiagnostics.Retries.Add(1, tags);
                        Activity.Current?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection
                        {
                            { "attempt", args.AttemptNumber + 1 },
                            { "delay_ms", args.RetryDelay.TotalMilliseconds },
                            { "error.code", error?.Code },
                        }));
                        LogRetry(logger, platform, call?.Operation.Name ?? "?", args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, error?.Category ?? ErrorCategory.Unknown, error?.Code ?? "?");
                        return default;
                    },
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
        });

        builder.AddHttpMessageHandler(sp => new PlatformAttemptHandler(
            sp.GetRequiredService<PlatformRateLimiters>(),
            sp.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>().Get(platform)));
        builder.AddHttpMessageHandler(sp => new PlatformSigningHandler(signer(sp)));
        builder.AddHttpMessageHandler(sp => new PlatformLoggingHandler(sp.GetRequiredService<ILoggerFactory>().CreateLogger($"PlatformSdk.{platform}")));
        builder.AddHttpMessageHandler(sp => new PlatformResponseClassificationHandler(classifier(sp)));
        return builder;
    }

    private static bool ShouldRetry(ResilienceContext resilienceContext, Outcome<HttpResponseMessage> outcome, PlatformResilienceOptions options, string platform)
    {
        var call = resilienceContext.Properties.GetValue(PlatformRequestExecutor.ContextProperty, null!);
        if (call is null || Failure(resilienceContext, outcome, platform, out var notSent) is not { } error)
        {
            return false;
        }

        var retry = PlatformRetryPolicy.ShouldRetry(call.Operation, error, notSent, call.TokenRefreshed, options);
        if (retry && error.IsTokenExpiry)
        {
            call.TokenRefreshed = true;
        }

        return retry;
    }

    private static PlatformError? Failure(ResilienceContext resilienceContext, Outcome<HttpResponseMessage> outcome, string platform, out bool notSent)
    {
        notSent = false;
        if (outcome.Exception is { } exception)
        {
            return TransportFailures.Classify(platform, exception, out notSent);
        }

        var call = resilienceContext.Properties.GetValue(PlatformRequestExecutor.ContextProperty, null!)
            ?? PlatformRequestContext.Find(outcome.Result?.RequestMessage);
        return call?.Error;
    }

    private static void LogRetry(ILogger logger, string platform, string operation, int retry, double delayMs, ErrorCategory category, string code)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
#pragma warning disable CA1848, CA2254 // one message per retry; the template is constant
            logger.LogInformation("{Platform} {Operation}: retry {Retry} in {DelayMs:0} ms after {Category} error {Code}", platform, operation, retry, delayMs, category, code);
#pragma warning restore CA1848, CA2254
        }
    }
}
