namespace PlatformSdk.Testing.Faults;

/// <summary>The fault rules of one route. Obtain it from <see cref="FaultInjector.For(string)"/>; all methods chain.</summary>
public sealed class RouteFaults
{
    private readonly object _gate;
    private readonly List<CountedRule> _counted = [];
    private readonly List<FractionRule> _fractions = [];

    internal RouteFaults(string route, object gate)
    {
        Route = route;
        _gate = gate;
    }

    /// <summary>The route these rules apply to.</summary>
    public string Route { get; }

    /// <summary>The number of calls still covered by "next N" rules (<see cref="Next"/>, <see cref="Once"/>, <see cref="Pass"/>).</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _counted.Sum(rule => rule.Remaining);
            }
        }
    }

    /// <summary>Fails the next <paramref name="count"/> calls with <paramref name="fault"/>; later calls behave normally.</summary>
    /// <param name="count">How many calls to fail; at least 1.</param>
    /// <param name="fault">The fault to inject.</param>
    /// <returns>This instance.</returns>
    public RouteFaults Next(int count, Fault fault)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _counted.Add(new CountedRule(fault, count));
        }

        return this;
    }

    /// <summary>
    /// Lets the next <paramref name="count"/> calls through unchanged before the "next N" rules added after it apply, so a
    /// test can fail a later call of a composite operation: <c>Pass(1).Once(fault)</c> fails the second call.
    /// </summary>
    /// <param name="count">How many calls to leave alone; at least 1.</param>
    /// <returns>This instance.</returns>
    public RouteFaults Pass(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            _counted.Add(new CountedRule(null, count));
        }

        return this;
    }

    /// <summary>Fails the next call with <paramref name="fault"/>.</summary>
    /// <param name="fault">The fault to inject.</param>
    /// <returns>This instance.</returns>
    public RouteFaults Once(Fault fault) => Next(1, fault);

    /// <summary>
    /// Fails each call with probability <paramref name="fraction"/>, drawn from a <see cref="Random"/> seeded with
    /// <paramref name="seed"/> so that runs are repeatable.
    /// </summary>
    /// <param name="fraction">The probability, 0 to 1 inclusive.</param>
    /// <param name="fault">The fault to inject.</param>
    /// <param name="seed">The seed of the rule's random sequence.</param>
    /// <returns>This instance.</returns>
    public RouteFaults Fraction(double fraction, Fault fault, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1d);
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _fractions.Add(new FractionRule(fault, fraction, seed));
        }

        return this;
    }

    /// <summary>Fails every call with <paramref name="fault"/> until the rules are cleared.</summary>
    /// <param name="fault">The fault to inject.</param>
    /// <returns>This instance.</returns>
    public RouteFaults Always(Fault fault) => Fraction(1d, fault, seed: 0);

    /// <summary>Removes this route's rules.</summary>
    /// <returns>This instance.</returns>
    public RouteFaults Clear()
    {
        lock (_gate)
        {
            _counted.Clear();
            _fractions.Clear();
        }

        return this;
    }

    internal Fault? TakeNextLocked()
    {
        foreach (var rule in _counted)
        {
            if (rule.Remaining > 0)
            {
                rule.Remaining--;
                return rule.Fault;
            }
        }

        return null;
    }

    internal Fault? DrawFractionLocked()
    {
        Fault? chosen = null;

        // Every rule draws on every call, even after one matched, so each rule's sequence depends only on the call count.
        foreach (var rule in _fractions)
        {
            var hit = rule.Random.NextDouble() < rule.Fraction;
            if (hit && chosen is null)
            {
                chosen = rule.Fault;
            }
        }

        return chosen;
    }

    // A rule without a fault lets its calls through (Pass).
    private sealed class CountedRule(Fault? fault, int remaining)
    {
        public Fault? Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }

    private sealed class FractionRule(Fault fault, double fraction, int seed)
    {
        public Fault Fault { get; } = fault;

        public double Fraction { get; } = fraction;

#pragma warning disable CA5394 // Determinism, not unpredictability, is the point: tests replay the same failures from a seed.
        public Random Random { get; } = new(seed);
#pragma warning restore CA5394
    }
}
