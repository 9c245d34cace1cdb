using System.Collections.Concurrent;
using System.Globalization;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.Top;

namespace PlatformSdk.Logistics.Tests.Sync.EndToEnd;

/// <summary>What happens to one send on the wire (or to the engine around it).</summary>
internal enum WireFault
{
    None,
    DropAfterApplying,
    DropBeforeApplying,
    ServerErrorAfterApplying,
    ServerErrorBeforeApplying,
    Throttled,
    BackendTimeoutAfterApplying,
    MalformedAfterApplying,
    TruncatedAfterApplying,
    CrashBeforeSending,
    CrashAfterReply,
}

/// <summary>
/// Wraps a real sender: before each send it arms the fake's own fault mechanism for exactly that call (the engine runs one send
/// at a time, so "the next call of the route" is this send), and it can "crash" the engine by cancelling the batch before the
/// send or after the platform answered. Each send's fault is drawn from the seed, the shipment and the send's number, so a
/// seed replays the same faults on the same shipments.
/// </summary>
internal sealed class WireFaultSender(ShipmentSender inner, FakePlatforms platforms, int seed, Func<CancellationTokenSource?> crash) : ShipmentSender
{
    private static readonly WireFault[] Wire =
    [
        WireFault.DropAfterApplying, WireFault.DropBeforeApplying, WireFault.ServerErrorAfterApplying, WireFault.ServerErrorBeforeApplying,
        WireFault.Throttled, WireFault.BackendTimeoutAfterApplying, WireFault.MalformedAfterApplying, WireFault.TruncatedAfterApplying,
    ];

    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<WireFault, int> _injected = new();
    private readonly Dictionary<string, List<WireFault>> _scripts = new(StringComparer.Ordinal);

    public override string Platform => inner.Platform;

    public override ShipmentSenderCapabilities Capabilities => inner.Capabilities;

    public IReadOnlyDictionary<WireFault, int> Injected => _injected;

    public int Calls(string shipmentId) => _calls.GetValueOrDefault(shipmentId);

    /// <summary>The faults this shipment's sends actually got, in order.</summary>
    public IReadOnlyList<WireFault> Script(string shipmentId)
    {
        lock (_scripts)
        {
            return _scripts.TryGetValue(shipmentId, out var script) ? [.. script] : [];
        }
    }

    public override async Task SendAsync(ShipmentSendRequest request, CancellationToken cancellationToken = default)
    {
        var id = request.Shipment.ShipmentId;
        var fault = Draw(id, _calls.AddOrUpdate(id, 1, (_, n) => n + 1));
        if (fault == WireFault.BackendTimeoutAfterApplying && !FakePlatforms.HasBackendTimeout(request.Shipment.Platform))
        {
            fault = WireFault.None;
        }

        // Crashes happen under a batch only: a resume after one runs to its end, so every shipment gets a final outcome.
        if (fault is WireFault.CrashBeforeSending or WireFault.CrashAfterReply && crash() is null)
        {
            fault = WireFault.None;
        }

        _injected.AddOrUpdate(fault, 1, (_, n) => n + 1);
        lock (_scripts)
        {
            (_scripts.TryGetValue(id, out var script) ? script : _scripts[id] = []).Add(fault);
        }

        if (fault == WireFault.CrashBeforeSending)
        {
            await Crash(cancellationToken);
        }

        var route = Route(request.Shipment.Platform);
        Arm(fault, route);
        try
        {
            await inner.SendAsync(request, cancellationToken);
        }
        finally
        {
            // A send refused before the network leaves the rule armed: it must not hit the next shipment.
            platforms.ServerOf(route).Faults.For(route).Clear();
            if (fault == WireFault.CrashAfterReply)
            {
                await Crash(cancellationToken);
            }
        }
    }

    public override Task<ShipmentPlatformState> QueryStatusAsync(Shipment shipment, CancellationToken cancellationToken = default)
        => inner.QueryStatusAsync(shipment, cancellationToken);

    private static string Route(string platform) => platform switch
    {
        ShipmentPlatforms.Alibaba1688 => PlatformSdk.Testing.Alibaba1688.Fake1688Routes.SendGoods,
        ShipmentPlatforms.TmallGlobalDirect => FakeTmallGlobalDirectMethods.Ship,
        ShipmentPlatforms.Tmall => FakeTaobaoLogisticsMethods.OnlineSend,
        _ => FakeTaobaoLogisticsMethods.OfflineSend,
    };

    private async Task Crash(CancellationToken cancellationToken)
    {
        await crash()!.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        throw new OperationCanceledException("The engine crashed.");
    }

    private void Arm(WireFault fault, string route)
    {
        var rules = platforms.ServerOf(route).Faults.For(route);
        switch (fault)
        {
            case WireFault.DropAfterApplying:
                rules.Once(global::PlatformSdk.Testing.Faults.Fault.DropConnection(processRequest: true));
                break;
            case WireFault.DropBeforeApplying:
                rules.Once(global::PlatformSdk.Testing.Faults.Fault.DropConnection(processRequest: false));
                break;
            case WireFault.ServerErrorAfterApplying:
                rules.Once(global::PlatformSdk.Testing.Faults.Fault.ServerError(500, processRequest: true));
                break;
            case WireFault.ServerErrorBeforeApplying:
                rules.Once(global::PlatformSdk.Testing.Faults.Fault.ServerError(503, processRequest: false));
                break;
            case WireFault.Throttled:
                rules.Once(global::PlatformSdk.Testing.Faults.Fault.Throttle());
                break;
            case WireFault.MalformedAfterApplying:
                rules.Once(global::PlatformSdk.Testing.Faults.Fault.MalformedBody());
                break;
            case WireFault.TruncatedAfterApplying:
                rules.Once(global::PlatformSdk.Testing.Faults.Fault.TruncatedBody());
                break;
            case WireFault.BackendTimeoutAfterApplying:
                platforms.ArmBackendTimeoutAfterApplying(route, rules);
                break;
        }
    }

    // A stable hash, not HashCode (randomised per process), so the printed seed replays the run.
    private WireFault Draw(string shipmentId, int call)
    {
        var key = (long)seed;
        foreach (var c in shipmentId)
        {
            key = unchecked((key * 31) + c);
        }

        var random = new Random(unchecked((int)(key ^ (key >> 32)) + (call * 7919)));
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.45 => WireFault.None,
            < 0.47 => WireFault.CrashBeforeSending,
            < 0.49 => WireFault.CrashAfterReply,
            _ => Wire[random.Next(Wire.Length)],
        };
    }
}
