using System.Collections.Concurrent;
using PlatformSdk.Errors;
using PlatformSdk.Logistics.Sync;

namespace PlatformSdk.Logistics.Tests.Sync;

/// <summary>What the fake platform does with one send.</summary>
internal enum Fault
{
    None,
    AppliedThenTimeout,
    AppliedThenConnectionDrop,
    BackendTimeoutAfterApplying,
    BackendTimeoutWithoutApplying,
    Throttled,
    Transient,
}

/// <summary>
/// An in-process platform: its journal counts the sends it APPLIED per shipment (the truth exactly-once is judged by). Each send
/// is answered by the fault the plan picks; a repeat of an applied shipment is refused like PDD's RLOG-07 when
/// <see cref="RefusesRepeats"/>, else applied again (which the tests count as a double send).
/// </summary>
internal class FaultInjectingSender(string platform, ShipmentSenderCapabilities capabilities) : ShipmentSender
{
    private readonly ConcurrentDictionary<string, int> _applied = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public override string Platform => platform;

    public override ShipmentSenderCapabilities Capabilities => capabilities;

    public bool RefusesRepeats { get; init; }

    public Func<ShipmentSendRequest, Fault> Plan { get; set; } = _ => Fault.None;

    /// <summary>Runs before the platform applies a send (a test blocks here to "crash" mid-send).</summary>
    public Func<ShipmentSendRequest, CancellationToken, Task>? BeforeApply { get; set; }

    /// <summary>Runs after the platform applied a send, before it answers.</summary>
    public Func<ShipmentSendRequest, CancellationToken, Task>? AfterApply { get; set; }

    public Func<Shipment, ShipmentPlatformState>? StatusOverride { get; set; }

    public int StatusQueries;

    public List<ShipmentSendRequest> Requests { get; } = [];

    public int Applied(string shipmentId) => _applied.GetValueOrDefault(shipmentId);

    public int Calls(string shipmentId) => _calls.GetValueOrDefault(shipmentId);

    public int TotalCalls => _calls.Values.Sum();

    public override async Task SendAsync(ShipmentSendRequest request, CancellationToken cancellationToken = default)
    {
        var id = request.Shipment.ShipmentId;
        _calls.AddOrUpdate(id, 1, (_, n) => n + 1);
        lock (Requests)
        {
            Requests.Add(request);
        }

        var fault = Plan(request);
        if (BeforeApply is { } before)
        {
            await before(request, cancellationToken);
        }

        if (fault is Fault.Throttled)
        {
            throw new PlatformException(new PlatformError(platform, "THROTTLED", "too many calls", ErrorCategory.Throttled, "Retry later.") { Delivery = RequestDelivery.Answered });
        }

        if (fault is Fault.Transient)
        {
            throw new PlatformException(new PlatformError(platform, "BUSY", "busy", ErrorCategory.Transient, "Retry.") { Delivery = RequestDelivery.Answered });
        }

        if (fault is Fault.BackendTimeoutWithoutApplying)
        {
            throw BackendTimeout();
        }

        if (RefusesRepeats && _applied.ContainsKey(id))
        {
            // PDD RLOG-07: the message alone, as the platform sends it; the engine's catalogue classifies it.
            throw new PlatformException(new PlatformError(platform, "10000", "业务服务错误成功发货次数已达上限,请勿重复操作", ErrorCategory.Unknown, "") { Delivery = RequestDelivery.Answered });
        }

        _applied.AddOrUpdate(id, 1, (_, n) => n + 1);
        if (AfterApply is { } after)
        {
            await after(request, cancellationToken);
        }

        switch (fault)
        {
            case Fault.AppliedThenTimeout:
                throw new PlatformException(new PlatformError(platform, PlatformErrorCodes.Timeout, "attempt timed out", ErrorCategory.Transient, "Check, then retry.")
                {
                    Delivery = RequestDelivery.OutcomeUnknown,
                }) { MayHaveBeenProcessed = true };
            case Fault.AppliedThenConnectionDrop:
                throw new HttpRequestException("The response ended prematurely.");
            case Fault.BackendTimeoutAfterApplying:
                throw BackendTimeout();
        }
    }

    public override Task<ShipmentPlatformState> QueryStatusAsync(Shipment shipment, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref StatusQueries);
        return Task.FromResult(StatusOverride?.Invoke(shipment)
            ?? (_applied.ContainsKey(shipment.ShipmentId) ? ShipmentPlatformState.Shipped : ShipmentPlatformState.NotShipped));
    }

    // A back-end timeout reported as an ordinary answer (RLOG-18 on Douyin, RLOG-40 on 1688): only the catalogue knows the
    // outcome is unknown. On other platforms the error itself says so.
    private PlatformException BackendTimeout() => platform switch
    {
        ShipmentPlatforms.Douyin => new PlatformException(new PlatformError(platform, "30001", "order_id 格式错误, 暂只接收母订单", ErrorCategory.Unknown, "")
        {
            Delivery = RequestDelivery.Answered,
        }),
        _ => new PlatformException(new PlatformError(platform, "003002", "底层服务调用失败", ErrorCategory.Transient, "Reconcile.")
        {
            RuleId = "RLOG-40",
            Delivery = RequestDelivery.OutcomeUnknown,
        }),
    };
}
