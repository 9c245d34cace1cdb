using System.Globalization;
using PlatformSdk.Testing.TmallGlobalDirect;
using Xunit.Sdk;

namespace PlatformSdk.Inbox.CrashTests;

/// <summary>What a crash run left behind, and the checks on it (each failure names the seed and the kills).</summary>
internal sealed class CrashRunReport
{
    private readonly FakeTmallGlobalDirectPlatform _platform;
    private readonly IReadOnlyList<string> _trace;

    public CrashRunReport(int seed, CrashStore store, FakeTmallGlobalDirectPlatform platform, IReadOnlyList<HandledLine> handled,
        IReadOnlyList<KillRecord> kills, IReadOnlyList<string> problems, IReadOnlyList<string> trace, TimeSpan elapsed)
    {
        Seed = seed;
        Store = store;
        _platform = platform;
        Handled = handled;
        Kills = kills;
        Problems = problems;
        _trace = trace;
        Elapsed = elapsed;
    }

    public int Seed { get; }

    public CrashStore Store { get; }

    public IReadOnlyList<HandledLine> Handled { get; }

    public IReadOnlyList<KillRecord> Kills { get; }

    public IReadOnlyList<string> Problems { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>Handled-log lines that repeat a message already handled (a kill between the handler's log line and CompleteAsync).</summary>
    public int Repeats { get; private set; }

    public string Summary { get; private set; } = string.Empty;

    public async Task VerifyAsync(Func<IPushInbox> open)
    {
        var pushes = _platform.Pushes;
        var journal = _platform.Journal;
        Check(_platform.Refused.Count == 0 && _platform.GaveUp.Count == 0, "no push was refused or given up",
            () => string.Join(Environment.NewLine, _platform.Refused.Concat(_platform.GaveUp)));

        // What the platform saw acknowledged: those it will never push again, so the inbox must have them.
        var acknowledged = journal.Where(d => d.Acknowledged).Select(d => d.Push).Distinct().ToList();
        Check(acknowledged.Count == pushes.Count, "the journal shows every push acknowledged", () => string.Join(Environment.NewLine, pushes.Except(acknowledged)));
        var byKey = acknowledged.GroupBy(PushInboxCrashRun.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // Exactly once: one message id per deduplication key, and one key per message id.
        var idsByKey = Handled.GroupBy(h => h.DeduplicationKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(h => h.MessageId).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var split = idsByKey.Where(kv => kv.Value.Count > 1).ToList();
        Check(split.Count == 0, "each acknowledged push is one message (one message id per method + bizOrderCode)",
            () => string.Join(Environment.NewLine, split.Select(kv => kv.Key + " → " + string.Join(", ", kv.Value))));
        var merged = Handled.GroupBy(h => h.MessageId, StringComparer.Ordinal).Where(g => g.Select(h => h.DeduplicationKey).Distinct(StringComparer.Ordinal).Count() > 1).ToList();
        Check(merged.Count == 0, "each message id belongs to one push", () => string.Join(Environment.NewLine, merged.Select(g => g.Key)));

        // None lost: the ERP handler saw every acknowledged push; and nothing it saw was never pushed.
        var lost = byKey.Keys.Where(k => !idsByKey.ContainsKey(k)).ToList();
        Check(lost.Count == 0, "the ERP handler saw every acknowledged push (none lost)", () => string.Join(Environment.NewLine, lost));
        var foreign = idsByKey.Keys.Where(k => !byKey.ContainsKey(k)).ToList();
        Check(foreign.Count == 0, "the handler saw only pushes the platform sent", () => string.Join(Environment.NewLine, foreign));

        // Duplicates only for messages in flight at a kill: a repeat's previous line is among the last BatchSize lines before a
        // kill (the batch leased and not completed), the repeat comes after that kill, with a higher delivery count.
        var boundaries = Kills.Select(k => k.HandledLines).ToList();
        var unexplained = new List<string>();
        var perKill = new int[Kills.Count];
        foreach (var message in Handled.GroupBy(h => h.MessageId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var lines = message.OrderBy(h => h.Index).ToList();
            for (var j = 1; j < lines.Count; j++)
            {
                var previous = lines[j - 1];
                var repeat = lines[j];
                var kill = boundaries.FindIndex(b => previous.Index < b && previous.Index >= b - PushInboxCrashRun.BatchSize && repeat.Index >= b);
                if (kill < 0 || repeat.DeliveryCount <= previous.DeliveryCount)
                {
                    unexplained.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{message.Key} ({previous.DeduplicationKey}): line {previous.Index + 1} delivery {previous.DeliveryCount}, again line {repeat.Index + 1} delivery {repeat.DeliveryCount}"));
                }
                else
                {
                    perKill[kill]++;
                }
            }
        }

        Repeats = perKill.Sum();
        Check(unexplained.Count == 0, "the handler saw a message twice only when it was in flight at a kill (same message id, higher delivery count)",
            () => string.Join(Environment.NewLine, unexplained));
        Check(Repeats <= Kills.Count * PushInboxCrashRun.BatchSize && perKill.All(n => n <= PushInboxCrashRun.BatchSize),
            string.Create(CultureInfo.InvariantCulture, $"at most one leased batch ({PushInboxCrashRun.BatchSize}) repeated per kill"), () => string.Join(", ", perKill));
        Check(Problems.Count == 0, "the child reported no problem (lost lease, store error)", () => string.Join(Environment.NewLine, Problems));

        // Through the inbox's own contract, after the child stopped: nothing is left ready or dead, and storing any acknowledged
        // push again is recognised as the message the handler saw.
        var inbox = open();
        try
        {
            var left = await inbox.LeaseAsync(100, TimeSpan.FromMinutes(1));
            Check(left.Count == 0, "the final lease finds nothing ready (everything handled and completed)", () => string.Join(Environment.NewLine, left));
            var dead = await inbox.ListDeadLettersAsync(100);
            Check(dead.Count == 0, "no dead letters", () => string.Join(Environment.NewLine, dead));
            var now = DateTimeOffset.UtcNow;
            var wrong = new List<string>();
            foreach (var (key, push) in byKey)
            {
                var stored = await inbox.StoreAsync(PushInboxCrashRun.AsInboxPush(push, now));
                if (!stored.IsDuplicate || stored.MessageId != idsByKey[key][0])
                {
                    wrong.Add($"{key}: store again gave {stored.MessageId} (duplicate: {stored.IsDuplicate}), the handler saw {idsByKey[key][0]}");
                }
            }

            Check(wrong.Count == 0, "every acknowledged push is in the inbox exactly once (storing it again is a duplicate of the same message id)",
                () => string.Join(Environment.NewLine, wrong.Take(20)));
            var after = await inbox.LeaseAsync(100, TimeSpan.FromMinutes(1));
            Check(after.Count == 0, "storing the pushes again created no message", () => string.Join(Environment.NewLine, after));
        }
        finally
        {
            (inbox as IDisposable)?.Dispose();
        }

        var duplicateDeliveries = journal.Count(d => d.IsDuplicate);
        // A delivery the child was killed in the middle of (after it connected): the push may or may not have been stored.
        var cut = journal.Count(d => !d.Acknowledged && d.Error is { } e && !e.Contains("refused", StringComparison.OrdinalIgnoreCase));
        Summary = string.Create(CultureInfo.InvariantCulture,
            $"{Store.Name}: survived {Kills.Count} kills in {Elapsed.TotalSeconds:0.0} s; {pushes.Count} pushes ({byKey.Count} distinct, {pushes.Count - byKey.Count} resent as new pushes), "
            + $"{journal.Count} deliveries ({duplicateDeliveries} deliberate duplicates, {journal.Count(d => !d.Acknowledged)} not acknowledged, {cut} of them cut off mid-request by a kill), "
            + $"all acknowledged and in the inbox once; the handler saw {Handled.Count} lines, {Repeats} repeats of in-flight messages (per kill: {string.Join(",", perKill)}).");
    }

    private void Check(bool condition, string invariant, Func<string> detail)
    {
        if (!condition)
        {
            throw new XunitException($"Crash run broke an invariant: {invariant}. Seed {Seed} (replay with CRASH_TEST_SEED={Seed}), store {Store.Name}.{Environment.NewLine}"
                + detail() + Environment.NewLine + "Kills:" + Environment.NewLine + string.Join(Environment.NewLine, Kills.Select(k => "  " + k))
                + Environment.NewLine + "Trace:" + Environment.NewLine + string.Join(Environment.NewLine, _trace.Select(t => "  " + t)));
        }
    }
}
