using PlatformSdk.Jushuitan.Models.Billing;

namespace PlatformSdk.Jushuitan.Tests;

public class MeterTests
{
    [Theory]
    [Rule("RJST-03")]
    [InlineData(0L, 0)]
    [InlineData(10_000L, 0)]        // exactly the free allowance of a 10 CNY contract
    [InlineData(10_001L, 1)]        // one call over: a started 1000 costs 1 CNY
    [InlineData(11_000L, 1)]
    [InlineData(11_001L, 2)]
    [InlineData(1_010_000L, 1000)]
    public void RJST03_professional_edition_charges_per_started_1000_after_contract_x_1000_free(long calls, int expectedCny)
        => Assert.Equal(expectedCny, JushuitanCallMeter.EstimateCost(calls, JushuitanEdition.Professional, contractAmount: 10m));

    [Fact]
    [Rule("RJST-03")]
    public void RJST03_enterprise_edition_is_free()
    {
        Assert.Equal(0m, JushuitanCallMeter.EstimateCost(50_000_000, JushuitanEdition.Enterprise, 0m));
        Assert.Equal(long.MaxValue, JushuitanCallMeter.FreeCalls(JushuitanEdition.Enterprise, 0m));
    }

    [Fact]
    [Rule("RJST-03")]
    public void RJST03_no_contract_means_every_call_is_billable()
    {
        Assert.Equal(1m, JushuitanCallMeter.EstimateCost(1, JushuitanEdition.Professional, 0m));
        Assert.Equal(5000L, JushuitanCallMeter.FreeCalls(JushuitanEdition.Professional, 5m));
    }

    [Fact]
    public void Negative_inputs_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JushuitanCallMeter.EstimateCost(-1, JushuitanEdition.Professional, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => JushuitanCallMeter.EstimateCost(1, JushuitanEdition.Professional, -1m));
    }

    [Fact]
    [Rule("RJST-03")]
    public async Task RJST03_counts_per_tenant_and_is_thread_safe()
    {
        var meter = new JushuitanCallMeter();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                meter.Record("shop-a");
            }
        })));
        meter.Record("shop-b");

        Assert.Equal(8000, meter.GetCalls("shop-a"));
        Assert.Equal(1, meter.GetCalls("shop-b"));
        Assert.Equal(0, meter.GetCalls("unknown"));
        var usage = meter.GetUsage("shop-a", JushuitanEdition.Professional, 5m);
        Assert.Equal(new JushuitanUsage("shop-a", 8000, 5000, 3m), usage);
        Assert.Equal(8000, meter.Reset("shop-a"));
        Assert.Equal(0, meter.GetCalls("shop-a"));
        Assert.Equal(1, meter.Snapshot()["shop-b"]);
    }
}
