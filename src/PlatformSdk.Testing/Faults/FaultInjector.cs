namespace PlatformSdk.Testing.Faults;

/// <summary>
/// The fault rules of one fake server, per route. Thread-safe. For a route, rules registered with
/// <see cref="RouteFaults.Next(int, Fault)"/> are consumed first, in registration order; then rules registered with
/// <see cref="RouteFaults.Fraction(double, Fault, int)"/> are tried in registration order, each drawing from its own seeded
/// <see cref="Random"/>, so a given seed and call sequence always fails the same calls.
/// </summary>
public sealed class FaultInjector
{
    /// <summary>The route name that matches every route (see <see cref="ForAnyRoute"/>).</summary>
    public const string AnyRoute = "*";

    private readonly object _gate = new();
    private readonly Dictionary<string, RouteFaults> _routes = new(StringComparer.Ordinal);

    internal FaultInjector()
    {
    }

    /// <summary>Returns the fault rules of a route, creating them on first use.</summary>
    /// <param name="route">The route name the fake assigns to requests (for example <c>orders.upload</c>), or <see cref="AnyRoute"/>.</param>
    /// <returns>The route's rules, for chaining.</returns>
    public RouteFaults For(string route)
    {
        ArgumentException.ThrowIfNullOrEmpty(route);
        lock (_gate)
        {
            if (!_routes.TryGetValue(route, out var faults))
            {
                faults = new RouteFaults(route, _gate);
                _routes.Add(route, faults);
            }

            return faults;
        }
    }

    /// <summary>Returns the rules that apply to every route; they are tried after the route's own rules.</summary>
    /// <returns>The rules, for chaining.</returns>
    public RouteFaults ForAnyRoute() => For(AnyRoute);

    /// <summary>Removes every rule of every route.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _routes.Clear();
        }
    }

    /// <summary>Decides the fault for one call to <paramref name="route"/>, consuming a "next N" rule if one applies.</summary>
    /// <param name="route">The route of the call.</param>
    /// <returns>The fault to inject, or <see langword="null"/> for a normal response.</returns>
    internal Fault? Decide(string route)
    {
        lock (_gate)
        {
            var own = _routes.GetValueOrDefault(route);
            var any = route == AnyRoute ? null : _routes.GetValueOrDefault(AnyRoute);
            return own?.TakeNextLocked() ?? any?.TakeNextLocked() ?? own?.DrawFractionLocked() ?? any?.DrawFractionLocked();
        }
    }
}
