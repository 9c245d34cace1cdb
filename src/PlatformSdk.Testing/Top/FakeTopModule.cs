namespace PlatformSdk.Testing.Top;

/// <summary>
/// A set of TOP APIs served by <see cref="FakeTopServer"/>: the router verifies app_key, signature, timestamp, version and
/// <c>session</c>, then hands each call of one of <see cref="Methods"/> to <see cref="Handle"/> and writes the TOP envelope around
/// the result. A module keeps its own state behind its own lock and restores it in <see cref="Reset"/>.
/// </summary>
/// <remarks>
/// Register a module with <see cref="FakeTopServer.AddModule{TModule}"/>; the e-voucher APIs are the built-in
/// <see cref="FakeVoucherModule"/> (<see cref="FakeTopServer.Vouchers"/>). A module instance serves one server.
/// <code>
/// sealed class FakeLogisticsModule : FakeTopModule
/// {
///     public override IReadOnlyCollection&lt;string&gt; Methods { get; } = ["taobao.logistics.offline.send"];
///     public override FakeTopResult Handle(FakeTopRequest request) =>
///         request.Required("tid", out _) ?? FakeTopResult.Success(new JsonObject { ["shipping"] = new JsonObject { ["is_success"] = true } });
///     public override void Reset() { }
/// }
/// var logistics = top.AddModule(new FakeLogisticsModule());
/// </code>
/// </remarks>
public abstract class FakeTopModule
{
    private FakeTopServer? _server;

    /// <summary>The TOP method names this module serves; each is also its route name in the journal and fault rules.</summary>
    public abstract IReadOnlyCollection<string> Methods { get; }

    /// <summary>The server the module is registered with.</summary>
    /// <exception cref="InvalidOperationException">The module is not registered yet.</exception>
    public FakeTopServer Server => _server ?? throw new InvalidOperationException($"{GetType().Name} is not registered with a FakeTopServer.");

    /// <summary>
    /// Whether a method needs the seller's authorization (<c>session</c>; TOP's 需要授权). When it does, calls without one
    /// answer code 26 before the module sees them. A session that is sent is always checked (code 27 when unknown). True by default.
    /// </summary>
    /// <param name="method">One of <see cref="Methods"/>.</param>
    /// <returns>Whether the method needs a session.</returns>
    public virtual bool RequiresSession(string method) => true;

    /// <summary>
    /// Serves one call whose system parameters the router has verified. Called concurrently: lock the module's state.
    /// An exception becomes an HTTP 500 naming it.
    /// </summary>
    /// <param name="request">The call.</param>
    /// <returns>The success object or the TOP error.</returns>
    public abstract FakeTopResult Handle(FakeTopRequest request);

    /// <summary>Restores the module's initial state; called by <see cref="FakeTopServer.Reset"/>.</summary>
    public abstract void Reset();

    internal void Attach(FakeTopServer server)
    {
        if (Interlocked.CompareExchange(ref _server, server, null) is not null)
        {
            throw new InvalidOperationException($"{GetType().Name} is already registered with a FakeTopServer; create one module per server.");
        }
    }
}
