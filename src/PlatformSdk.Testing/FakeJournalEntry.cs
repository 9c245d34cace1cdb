using PlatformSdk.Testing.Faults;

namespace PlatformSdk.Testing;

/// <summary>One request a fake platform server (or a <see cref="LoopbackStubServer"/>) received, and what it answered.</summary>
public sealed class FakeJournalEntry
{
    internal FakeJournalEntry(long sequence, string route, FakeRequest request, int? responseStatus, string? responseBody, Fault? fault, bool processed)
    {
        Sequence = sequence;
        Route = route;
        Request = request;
        ResponseStatus = responseStatus;
        ResponseBody = responseBody;
        Fault = fault;
        Processed = processed;
    }

    /// <summary>The position of the entry in the journal, starting at 1.</summary>
    public long Sequence { get; }

    /// <summary>The route name the fake assigned to the request.</summary>
    public string Route { get; }

    /// <summary>The full request.</summary>
    public FakeRequest Request { get; }

    /// <summary>The HTTP method.</summary>
    public string Method => Request.Method;

    /// <summary>The absolute path.</summary>
    public string Path => Request.Path;

    /// <summary>The decoded query parameters.</summary>
    public FormFieldCollection Query => Request.Query;

    /// <summary>The request headers.</summary>
    public IReadOnlyDictionary<string, string> Headers => Request.Headers;

    /// <summary>The request body.</summary>
    public string Body => Request.Body;

    /// <summary>The decoded form fields (empty unless the body is form-encoded).</summary>
    public FormFieldCollection Form => Request.Form;

    /// <summary>When the request arrived, by the server's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Timestamp => Request.ReceivedAt;

    /// <summary>The HTTP status sent, or <see langword="null"/> when the connection was dropped.</summary>
    public int? ResponseStatus { get; }

    /// <summary>The body sent, or <see langword="null"/> when the connection was dropped.</summary>
    public string? ResponseBody { get; }

    /// <summary>The injected fault, or <see langword="null"/> for a normal response.</summary>
    public Fault? Fault { get; }

    /// <summary>Whether a fault was injected into this response.</summary>
    public bool FaultInjected => Fault is not null;

    /// <summary>Whether the fake processed the request (its handler ran and may have changed state).</summary>
    public bool Processed { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"#{Sequence} {Method} {Path} [{Route}] -> {(ResponseStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "dropped")}{(Fault is null ? string.Empty : " fault " + Fault)}";
}
