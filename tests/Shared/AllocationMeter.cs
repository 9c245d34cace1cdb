namespace PlatformSdk.Tests.Shared;

/// <summary>Measures what code allocates on the calling thread, for the "allocates nothing" tests.</summary>
internal static class AllocationMeter
{
    /// <summary>
    /// The bytes allocated by the quietest of three rounds of <paramref name="iterations"/> runs, after two warm-up runs (JIT,
    /// lazy tables). The runtime may recompile a hot method (tiered JIT) on this thread during a round, which allocates; an
    /// allocation of the code itself shows in every round, so the quietest round is zero only when the code allocates nothing.
    /// </summary>
    /// <param name="run">The code under test.</param>
    /// <param name="iterations">Runs per round.</param>
    /// <returns>The bytes of the quietest round.</returns>
    public static long QuietestRound(Action run, int iterations = 100)
    {
        run();
        run();
        var fewest = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < iterations; i++)
            {
                run();
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
