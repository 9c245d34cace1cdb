using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PlatformSdk.Diagnostics;

/// <summary>
/// The SDK's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>PlatformSdk</c>.
/// OpenTelemetry picks them up with <c>AddSource("PlatformSdk")</c> and <c>AddMeter("PlatformSdk")</c>.
/// Every measurement is tagged with <c>platform</c> and <c>operation</c>.
/// </summary>
public static class PlatformSdkDiagnostics
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "PlatformSdk";

    /// <summary>Counter of logical calls (tag <c>outcome</c>: <c>success</c> or the error category).</summary>
    public const string RequestsInstrument = "platformsdk.requests";

    /// <summary>Histogram of logical call duration in seconds, retries included.</summary>
    public const string DurationInstrument = "platformsdk.request.duration";

    /// <summary>Counter of failed calls by <c>error.category</c> and <c>error.code</c>.</summary>
    public const string ErrorsInstrument = "platformsdk.errors";

    /// <summary>Counter of retries by <c>error.category</c>.</summary>
    public const string RetriesInstrument = "platformsdk.retries";

    private static readonly string? Version = typeof(PlatformSdkDiagnostics).Assembly.GetName().Version?.ToString();

    /// <summary>The activity source: one activity per logical call.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>The meter.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    internal static Counter<long> Requests { get; } = Meter.CreateCounter<long>(RequestsInstrument, "{request}", "Logical platform calls");

    internal static Histogram<double> Duration { get; } = Meter.CreateHistogram<double>(DurationInstrument, "s", "Duration of logical platform calls, retries included");

    internal static Counter<long> Errors { get; } = Meter.CreateCounter<long>(ErrorsInstrument, "{error}", "Failed platform calls by error category");

    internal static Counter<long> Retries { get; } = Meter.CreateCounter<long>(RetriesInstrument, "{retry}", "Retried attempts by error category");
}
