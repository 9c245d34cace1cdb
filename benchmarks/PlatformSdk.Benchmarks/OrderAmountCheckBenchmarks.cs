using BenchmarkDotNet.Attributes;
using PlatformSdk.Orders;

namespace PlatformSdk.Benchmarks;

/// <summary>RJST-20 validation runs before every order upload.</summary>
[MemoryDiagnoser]
public class OrderAmountCheckBenchmarks
{
    private decimal[] _lines = null!;
    private decimal[] _payments = null!;
    private decimal _payable;

    [GlobalSetup]
    public void Setup()
    {
        _lines = Enumerable.Range(1, 50).Select(i => (i * 137 % 10000) / 100m).ToArray();
        _payable = _lines.Sum() + 12m;
        _payments = [_payable - 5m];
    }

    [Benchmark]
    public bool Evaluate50Lines() => OrderAmountCheck.Evaluate(_lines, 12m, _payable, _payments, expectedDiscount: 5m).IsConsistent;

    [Benchmark]
    public int Evaluate50LinesMismatchDescribed() => OrderAmountCheck.Evaluate(_lines, 12m, _payable + 0.01m, _payments, expectedDiscount: 4m).DescribeMismatches().Count;
}
