namespace PlatformSdk.Testing;

/// <summary>
/// A stateless HTTP stub on a random 127.0.0.1 port, for client unit tests that need the real HTTP stack but no platform
/// behaviour: it records every request and answers with canned replies.
/// </summary>
/// <remarks>
/// <para>Each request is answered by the first of: the next queued reply (<see cref="Enqueue"/>, first in first out), the
/// handler (<see cref="SetHandler"/> or the constructor), <see cref="DefaultReply"/> (200 with an empty body unless set). A handler
/// that throws answers 500 with the exception text, so the failing test shows it.</para>
/// <para>Every request is recorded in <see cref="Journal"/>, the same journal the fakes keep (route = path): the
/// <see cref="FakeRequest"/> (method, path, decoded query, headers, body bytes and text, form fields) and the status and body
/// sent. The entry is written before any <see cref="StubReply.Delay"/> starts, so a test can <see cref="WaitForRequestsAsync"/>
/// and then advance its <c>FakeTimeProvider</c>. Thread-safe.</para>
/// <para>For stateful fakes of a platform use <see cref="FakePlatformServer"/> and its derived servers instead.</para>
/// </remarks>
public sealed class LoopbackStubServer : IDisposable, IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly LoopbackHost _host;
    private readonly Queue<StubReply> _queued = new();
    private Func<FakeRequest, StubReply>? _handler;
    private StubReply _defaultReply = StubReply.Empty();

    /// <summary>Starts a stub that answers <see cref="DefaultReply"/> until replies are queued or a handler is set.</summary>
    /// <param name="timeProvider">The clock for request timestamps and reply delays; <see cref="TimeProvider.System"/> by default.</param>
    public LoopbackStubServer(TimeProvider? timeProvider = null)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
        _host = new LoopbackHost(TimeProvider, HandleAsync);
        BaseUri = _host.BaseUri;
    }

    /// <summary>Starts a stub that answers every request with <paramref name="handler"/> (queued replies still go first).</summary>
    /// <param name="handler">Chooses the reply to a request; called concurrently when requests are.</param>
    /// <param name="timeProvider">The clock for request timestamps and reply delays; <see cref="TimeProvider.System"/> by default.</param>
    public LoopbackStubServer(Func<FakeRequest, StubReply> handler, TimeProvider? timeProvider = null)
        : this(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handler = handler;
    }

    /// <summary>The base address, such as <c>http://127.0.0.1:53127/</c> (always with a trailing slash).</summary>
    public Uri BaseUri { get; }

    /// <summary>The base address without a trailing slash, such as <c>http://127.0.0.1:53127</c>.</summary>
    public string Url => BaseUri.AbsoluteUri.TrimEnd('/');

    /// <summary>The clock for request timestamps and reply delays.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The reply when no reply is queued and no handler is set; 200 with an empty body by default.</summary>
    public StubReply DefaultReply
    {
        get
        {
            lock (_gate)
            {
                return _defaultReply;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate)
            {
                _defaultReply = value;
            }
        }
    }

    /// <summary>Every request received with the reply sent; the route of an entry is the request path.</summary>
    public FakeRequestJournal Journal { get; } = new();

    /// <summary>A snapshot of the requests received, oldest first.</summary>
    public IReadOnlyList<FakeRequest> Requests => Journal.Entries.Select(entry => entry.Request).ToArray();

    /// <summary>The number of replies queued and not sent yet.</summary>
    public int QueuedReplies
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>The requests to one path (ordinal), oldest first.</summary>
    /// <param name="path">The absolute path, such as <c>/router/rest</c>.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<FakeRequest> RequestsTo(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Journal.CallsTo(path).Select(entry => entry.Request).ToArray();
    }

    /// <summary>Sets the handler that answers requests when no reply is queued; <see langword="null"/> falls back to <see cref="DefaultReply"/>.</summary>
    /// <param name="handler">The handler, or <see langword="null"/>.</param>
    public void SetHandler(Func<FakeRequest, StubReply>? handler)
    {
        lock (_gate)
        {
            _handler = handler;
        }
    }

    /// <summary>Queues replies for the next requests, in order; each is sent once.</summary>
    /// <param name="replies">The replies.</param>
    public void Enqueue(params StubReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        lock (_gate)
        {
            foreach (var reply in replies)
            {
                ArgumentNullException.ThrowIfNull(reply);
                _queued.Enqueue(reply);
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> requests were received.</summary>
    /// <param name="count">The request count to wait for.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the count is reached.</returns>
    public Task WaitForRequestsAsync(int count, CancellationToken cancellationToken = default) =>
        Journal.WaitForCountAsync(count, cancellationToken);

    /// <summary>Forgets the requests received and the queued replies; the handler and <see cref="DefaultReply"/> stay.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _queued.Clear();
        }

        Journal.Clear();
    }

    /// <summary>Stops the server.</summary>
    public void Dispose() => _host.Dispose();

    /// <summary>Stops the server.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<HostReply> HandleAsync(FakeRequest request)
    {
        StubReply? reply;
        Func<FakeRequest, StubReply>? handler;
        lock (_gate)
        {
            reply = _queued.TryDequeue(out var queued) ? queued : null;
            handler = _handler;
            reply ??= handler is null ? _defaultReply : null;
        }

        if (reply is null)
        {
            try
            {
                reply = handler!(request) ?? throw new InvalidOperationException("The stub handler returned null.");
            }
#pragma warning disable CA1031 // A failing handler must surface as a readable 500, not as a hung connection.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                reply = StubReply.Text("Stub handler error: " + ex, 500);
            }
        }

        Journal.Add(new FakeJournalEntry(Journal.NextSequence(), request.Path, request, reply.StatusCode, reply.BodyText, fault: null, processed: true));
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, TimeProvider).ConfigureAwait(false);
        }

        return new HostReply(reply.StatusCode, reply.Body.ToArray(), reply.ContentType, reply.Headers);
    }
}
