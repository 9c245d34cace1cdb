namespace PlatformSdk.Testing.Top;

// The Taobao logistics module (shipment sends, carrier list, trade status), registered on first use.
public sealed partial class FakeTopServer
{
    private readonly object _logisticsGate = new();
    private FakeTaobaoLogisticsModule? _logistics;

    /// <summary>
    /// The Taobao logistics APIs (<c>taobao.logistics.offline.send</c> / <c>online.send</c>, <c>companies.get</c>, <c>taobao.trade.get</c>),
    /// their trades and scripted faults. Registered the first time it is read, so read it (to seed trades) before the calls.
    /// </summary>
    public FakeTaobaoLogisticsModule Logistics
    {
        get
        {
            lock (_logisticsGate)
            {
                return _logistics ??= AddModule(new FakeTaobaoLogisticsModule());
            }
        }
    }
}
