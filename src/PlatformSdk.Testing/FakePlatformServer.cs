using System.Globalization;
using System.Text;
using PlatformSdk.Testing.Faults;

namespace PlatformSdk.Testing;

/// <summary>
/// Base class of the stateful fake platforms: an HTTP server on a random loopback port that sends every request
/// through <see cref="ResolveRoute"/> and <see cref="HandleRequest"/>, records it in <see cref="Journal"/> and injects the faults
/// registered in <see cref="Faults"/>.
/// </summary>
/// <remarks>
/// The server listens on loopback only (Kestrel's localhost binding: 127.0.0.1 and ::1); <see cref="BaseUri"/> uses 127.0.0.1.
/// Derived classes keep their own state and must make <see cref="HandleRequest"/> thread-safe: requests arrive concurrently.
/// </remarks>
public abstract class FakePlatformServer : IDisposable, IAsyncDisposable
{
    private const string MalformedJson = "{\"code\":0,\"msg\":\"\u6267\u884c\u6210\u529f\",\"data\":{\"orders\":[{\"o_id\":,}";

    private readonly LoopbackHost _host;

    /// <summary>Starts the server on a free loopback port.</summary>
    /// <param name="timeProvider">
    /// The clock for journal timestamps, injected delays and platform rules such as token expiry; <see cref="TimeProvider.System"/>
    /// when <see langword="null"/>. Pass a <c>FakeTimeProvider</c> to make time-dependent tests deterministic.
    /// </param>
    protected FakePlatformServer(TimeProvider? timeProvider = null)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
        Journal = new FakeRequestJournal();
        Faults = new FaultInjector();
        _host = new LoopbackHost(TimeProvider, HandleAsync);
        BaseUri = _host.BaseUri;
    }

    /// <summary>The server's base address, such as <c>http://127.0.0.1:53127/</c> (always with a trailing slash).</summary>
    public Uri BaseUri { get; }

    /// <summary>The server's base address without a trailing slash, such as <c>http://127.0.0.1:53127</c>.</summary>
    public string Url => BaseUri.AbsoluteUri.TrimEnd('/');

    /// <summary>The clock the fake uses.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Every request received, with the response sent.</summary>
    public FakeRequestJournal Journal { get; }

    /// <summary>The fault rules, per route.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The journal entries of one route.</summary>
    /// <param name="route">The route name.</param>
    /// <returns>A snapshot, oldest first.</returns>
    public IReadOnlyList<FakeJournalEntry> CallsTo(string route) => Journal.CallsTo(route);

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the server when <paramref name="disposing"/> is <see langword="true"/>.</summary>
    /// <param name="disposing">Whether the call comes from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _host.Dispose();
        }
    }

    /// <summary>Maps a request to a route name (for example <c>orders.upload</c>), used by the journal and by fault rules.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The route name; never <see langword="null"/> (use a name such as <c>unknown</c> for unmapped requests).</returns>
    protected abstract string ResolveRoute(FakeRequest request);

    /// <summary>Processes a request like the platform would and returns the platform's answer. Must be thread-safe.</summary>
    /// <param name="route">The route from <see cref="ResolveRoute"/>.</param>
    /// <param name="request">The request.</param>
    /// <returns>The response.</returns>
    protected abstract FakeResponse HandleRequest(string route, FakeRequest request);

    /// <summary>
    /// Returns a platform error in the platform's own envelope for <see cref="FaultKind.PlatformError"/>. Fakes that support
    /// the fault override this; the default refuses, naming the fake.
    /// </summary>
    /// <param name="route">The route.</param>
    /// <param name="request">The request.</param>
    /// <param name="code">The error code.</param>
    /// <param name="message">The error message.</param>
    /// <returns>The response.</returns>
    protected virtual FakeResponse CreatePlatformErrorResponse(string route, FakeRequest request, string code, string message)
        => throw new NotSupportedException($"{GetType().Name} does not support Fault.PlatformError.");

    /// <summary>Returns the platform's own throttling response for <see cref="FaultKind.Throttle"/>.</summary>
    /// <param name="route">The route.</param>
    /// <param name="request">The request.</param>
    /// <returns>The response.</returns>
    protected abstract FakeResponse CreateThrottleResponse(string route, FakeRequest request);

    /// <summary>Returns the response of a <see cref="FaultKind.ServerError"/>; by default a short plain-text body.</summary>
    /// <param name="statusCode">The 5xx status.</param>
    /// <returns>The response.</returns>
    protected virtual FakeResponse CreateServerErrorResponse(int statusCode) =>
        new(statusCode, string.Create(CultureInfo.InvariantCulture, $"{statusCode} {ReasonPhrase(statusCode)}"), "text/plain; charset=utf-8");

    /// <summary>Returns the response of a <see cref="FaultKind.HtmlErrorPage"/>; by default an nginx-style gateway page.</summary>
    /// <param name="statusCode">The status to send.</param>
    /// <returns>The response.</returns>
    protected virtual FakeResponse CreateHtmlErrorPage(int statusCode)
    {
        var title = statusCode == 200 ? "502 Bad Gateway" : string.Create(CultureInfo.InvariantCulture, $"{statusCode} {ReasonPhrase(statusCode)}");
        return FakeResponse.Html(
            $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
            statusCode);
    }

    private static string ReasonPhrase(int statusCode) => statusCode switch
    {
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Temporarily Unavailable",
        504 => "Gateway Time-out",
        _ => "Error",
    };

    private async Task<HostReply> HandleAsync(FakeRequest request)
    {
        string route;
        try
        {
            route = ResolveRoute(request);
        }
#pragma warning disable CA1031 // A bug in a derived fake must surface as a readable 500, not as a hung connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Record("unknown", request, InternalError(ex), fault: null, processed: false);
        }

        var fault = Faults.Decide(route);
        FakeResponse? normal = null;
        var processed = fault is null || fault.ProcessRequest;
        if (processed)
        {
            try
            {
                normal = HandleRequest(route, request);
            }
#pragma warning disable CA1031 // See above.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                normal = InternalError(ex);
            }
        }

        switch (fault?.Kind)
        {
            case null:
                return Record(route, request, normal!, fault, processed);
            case FaultKind.Delay:
                // The timer starts before the journal entry is written, so a test that waits for the entry and then advances
                // a FakeTimeProvider always releases this response.
                var delay = Task.Delay(fault.DelayDuration, TimeProvider);
                var delayed = Record(route, request, normal!, fault, processed);
                await delay.ConfigureAwait(false);
                return delayed;
            case FaultKind.ServerError:
                var error = CreateServerErrorResponse(fault.StatusCode);
                if (fault.RetryAfter is { } retryAfter)
                {
                    error = error.WithHeader("Retry-After", ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
                }

                return Record(route, request, error, fault, processed);
            case FaultKind.DropConnection:
                _host.AbortConnection();
                Journal.Add(new FakeJournalEntry(Journal.NextSequence(), route, request, null, null, fault, processed));
                return new HostReply(200, [], null, null);
            case FaultKind.MalformedBody:
                return Record(route, request, FakeResponse.Json(MalformedJson), fault, processed);
            case FaultKind.TruncatedBody:
                var body = normal!.Body;
                return Record(route, request, new FakeResponse(200, body[..(body.Length / 2)], normal.ContentType, normal.Headers), fault, processed);
            case FaultKind.HtmlErrorPage:
                return Record(route, request, CreateHtmlErrorPage(fault.StatusCode), fault, processed);
            case FaultKind.Throttle:
                return Record(route, request, CreateThrottleResponse(route, request), fault, processed);
            case FaultKind.PlatformError:
                return Record(route, request, CreatePlatformErrorResponse(route, request, fault.ErrorCode!, fault.ErrorMessage!), fault, processed);
            case FaultKind.Redirect:
                return Record(route, request, new FakeResponse(fault.StatusCode, string.Empty, "text/plain; charset=utf-8").WithHeader("Location", fault.Location!), fault, processed);
            case FaultKind.ByteOrderMark:
                return Record(route, request, WithBody(normal!, "\uFEFF" + normal!.Body), fault, processed);
            case FaultKind.TrailingBytes:
                return Record(route, request, WithBody(normal!, normal!.Body + fault.Trailer), fault, processed);
            case FaultKind.OversizedBody:
                var padding = Math.Max(0, fault.BodyBytes - Encoding.UTF8.GetByteCount(normal!.Body));
                return Record(route, request, WithBody(normal, normal.Body + new string(' ', padding)), fault, processed);
            default:
                throw new InvalidOperationException("Unknown fault kind " + fault.Kind);
        }
    }

    private static FakeResponse WithBody(FakeResponse normal, string body) => new(normal.StatusCode, body, normal.ContentType, normal.Headers);

    private static FakeResponse InternalError(Exception ex) =>
        new(500, "Fake platform server error: " + ex, "text/plain; charset=utf-8");

    private HostReply Record(string route, FakeRequest request, FakeResponse response, Fault? fault, bool processed)
    {
        Journal.Add(new FakeJournalEntry(Journal.NextSequence(), route, request, response.StatusCode, response.Body, fault, processed));
        return new HostReply(response.StatusCode, Encoding.UTF8.GetBytes(response.Body), response.ContentType, response.Headers);
    }
}
