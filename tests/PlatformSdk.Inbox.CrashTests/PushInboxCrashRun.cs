using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using PlatformSdk.Testing.TmallGlobalDirect;
using PlatformSdk.Tests.Shared.Redis;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PlatformSdk.Inbox.CrashTests;

/// <summary>The inbox a crash run uses: how the child is told about it, and how the test opens it afterwards.</summary>
/// <param name="Name">For the output.</param>
/// <param name="Note">What kind of durability it has here (printed).</param>
/// <param name="ChildArguments">The child's inbox arguments (<c>--sqlite …</c> or <c>--redis … --prefix …</c>).</param>
/// <param name="Open">Opens the same inbox in the test process, after the child stopped.</param>
internal sealed record CrashStore(string Name, string Note, IReadOnlyList<string> ChildArguments, Func<IPushInbox> Open);

/// <summary>One handled-log line: the ERP handler saw this message (flushed to disk before it completed it).</summary>
internal sealed record HandledLine(int Index, string MessageId, string DeduplicationKey, int DeliveryCount);

/// <summary>One hard kill of the child.</summary>
internal sealed record KillRecord(int Number, TimeSpan At, int ProcessId, string Trigger, int HandledLines, int Acknowledged, int Enqueued, bool PartialLineDropped)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"kill {Number} at {At.TotalMilliseconds:0} ms ({Trigger}): pid {ProcessId}, {HandledLines} handled line(s) on disk, {Acknowledged}/{Enqueued} pushes acknowledged{(PartialLineDropped ? ", a half-written line dropped" : string.Empty)}");
}

/// <summary>
/// The crash run (RTGD-01 under failure): a child receiver process is SIGKILLed at seeded-random moments while the fake
/// platform streams pushes at it and redelivers what was not acknowledged; it is restarted on the same port and inbox each
/// time. After the last restart the platform finishes, the child drains the inbox and stops, and the run checks what the
/// platform saw acknowledged against the handled log and the inbox itself.
/// </summary>
internal static class PushInboxCrashRun
{
    public const int Kills = 6;
    public const int BatchSize = 8;
    public const string Secret = "crash-test-app-secret";

    /// <summary>The ERP's lease: long enough that a live child always completes in time, short enough to wait out after the last kill.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    private const string Source = "TmallGlobalDirect";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The seed: <c>CRASH_TEST_SEED</c> if set (to replay a failure), else the test's fixed one.</summary>
    public static int Seed(int fallback)
        => Environment.GetEnvironmentVariable("CRASH_TEST_SEED") is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public static async Task<CrashRunReport> RunAsync(CrashStore store, int seed, ITestOutputHelper output)
    {
        var logPath = Path.Combine(Path.GetTempPath(), $"platformsdk-crash-{Guid.NewGuid():N}.handled.tsv");
        try
        {
            return await RunAsync(store, seed, output, logPath);
        }
        finally
        {
            File.Delete(logPath);
        }
    }

    private static async Task<CrashRunReport> RunAsync(CrashStore store, int seed, ITestOutputHelper output, string logPath)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        var port = FreePort.Pick();
        var problems = new ConcurrentQueue<string>();
        var kills = new List<KillRecord>();
        var trace = new List<string>();
        void Say(string line)
        {
            var stamped = string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalMilliseconds,7:0} ms] {line}");
            trace.Add(stamped);
            output.WriteLine(stamped);
        }

        var dll = CrashReceiverProcess.DllPath();
        string[] childArguments =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--log", logPath, "--secret", Secret,
            "--lease-ms", ((int)Lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "--batch", BatchSize.ToString(CultureInfo.InvariantCulture),
            .. store.ChildArguments,
        ];
        Say($"seed {seed} (replay: CRASH_TEST_SEED={seed}); store {store.Name}: {store.Note}");
        Say($"child: dotnet {Path.GetFileName(dll)} on 127.0.0.1:{port}; {Kills} kills; lease {Lease.TotalSeconds:0} s, batch {BatchSize}");

        using var platform = new FakeTmallGlobalDirectPlatform(new FakeTmallGlobalDirectPlatformOptions
        {
            ReceiverUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/qimen")),
            AppSecret = Secret,
            Seed = seed,
            // The receiver is down for a restart at a time: the platform keeps trying, quickly, and never gives up within the run.
            MaxAttempts = 100_000,
            RedeliveryDelay = TimeSpan.FromMilliseconds(50),
            MaxRedeliveryDelay = TimeSpan.FromMilliseconds(200),
            DeliveryTimeout = TimeSpan.FromSeconds(15),
            DuplicateRate = 0.08,
            OutOfOrder = true,
        });
        var chunks = Plan(random, Kills + 1);
        Say(string.Create(CultureInfo.InvariantCulture, $"plan: {chunks.Sum(c => c.Count)} pushes (orders, cancels, returns; cancels and returns may come before their order) in {chunks.Count} chunks, plus resends and 8% duplicate deliveries"));

        var child = await StartChildAsync(dll, childArguments, problems, Say, generation: 0);
        using var stopStream = new CancellationTokenSource();
        var stream = platform.RunAsync(concurrency: 4, TimeSpan.FromMilliseconds(20), stopStream.Token);
        TimeSpan lastKill;
        string drained;
        try
        {
            for (var i = 0; i < chunks.Count; i++)
            {
                foreach (var enqueue in chunks[i])
                {
                    enqueue(platform);
                }

                // The platform also sends some pushes again as new pushes (a resend after its own failover): same method and order code.
                var sent = platform.Pushes;
                for (var r = 0; r < 3 && i > 0; r++)
                {
                    var again = sent[random.Next(sent.Count)];
                    platform.Enqueue(again.Method, again.BizOrderCode, again.Body);
                }

                if (i == chunks.Count - 1)
                {
                    break;
                }

                var trigger = await KillMomentAsync(random, platform, logPath);
                child.EnsureRunning();
                child.Kill();
                var (lines, dropped) = DropPartialLine(logPath);
                var kill = new KillRecord(kills.Count + 1, clock.Elapsed, child.ProcessId, trigger, lines, platform.Acknowledged.Count, platform.Pushes.Count, dropped);
                kills.Add(kill);
                Say(kill.ToString());
                child.Dispose();
                child = await StartChildAsync(dll, childArguments, problems, Say, generation: kills.Count);
            }

            lastKill = kills[^1].At;
            await WaitUntilAsync(() => platform.Pushes.All(p => p.State == FakeTmallGlobalDirectPushState.Acknowledged), SettleTimeout,
                () => "Not every push was acknowledged after the last restart. Not acknowledged:" + Environment.NewLine
                    + string.Join(Environment.NewLine, platform.Pushes.Where(p => p.State != FakeTmallGlobalDirectPushState.Acknowledged).Take(20).Select(p => "  " + p))
                    + Environment.NewLine + "Last deliveries:" + Environment.NewLine + string.Join(Environment.NewLine, platform.Journal.TakeLast(20).Select(d => "  " + d)));
            Say(string.Create(CultureInfo.InvariantCulture, $"all {platform.Pushes.Count} pushes acknowledged, {platform.Journal.Count} deliveries"));

            var wanted = platform.Pushes.Select(Key).ToHashSet(StringComparer.Ordinal);
            await WaitUntilAsync(() => wanted.IsSubsetOf(ReadLog(logPath).Select(h => h.DeduplicationKey)), SettleTimeout,
                () => "The ERP handler did not see every acknowledged push after the last restart. Missing:" + Environment.NewLine + "  "
                    + string.Join(Environment.NewLine + "  ", wanted.Except(ReadLog(logPath).Select(h => h.DeduplicationKey)).Take(20)));
            Say("the handled log has every acknowledged push");

            // A lease taken by a killed child is handed out again only when it ends: wait it out, so "drained" means drained.
            var leasesEnded = lastKill + Lease + TimeSpan.FromMilliseconds(500) - clock.Elapsed;
            if (leasesEnded > TimeSpan.Zero)
            {
                await Task.Delay(leasesEnded);
            }

            await stopStream.CancelAsync();
            await stream;
            drained = await child.StopAsync(SettleTimeout);
            Say($"child stopped: {drained}");
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException)
        {
            throw new XunitException($"Crash run failed: {ex.Message}{Environment.NewLine}Seed {seed} (replay with CRASH_TEST_SEED={seed}), store {store.Name}."
                + Environment.NewLine + "Kills:" + Environment.NewLine + string.Join(Environment.NewLine, kills.Select(k => "  " + k))
                + Environment.NewLine + "Child problems:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)), ex);
        }
        finally
        {
            await stopStream.CancelAsync();
            await stream;
            child.Dispose();
        }

        var report = new CrashRunReport(seed, store, platform, ReadLog(logPath), kills, [.. problems], trace, clock.Elapsed);
        await report.VerifyAsync(store.Open);
        Say(report.Summary);
        return report;
    }

    public static string Key(FakeTmallGlobalDirectPush push) => push.Method + "|" + push.BizOrderCode;

    public static InboxPush AsInboxPush(FakeTmallGlobalDirectPush push, DateTimeOffset now) => new()
    {
        Source = Source,
        Kind = push.Method,
        DeduplicationKey = Key(push),
        Body = Encoding.UTF8.GetBytes(push.Body),
        ContentType = "text/xml; charset=utf-8",
        ReceivedAt = now,
    };

    public static List<HandledLine> ReadLog(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }

        var lines = text.Split('\n');
        var handled = new List<HandledLine>();
        // The last piece is empty, or a line being written right now: only complete lines count.
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var fields = lines[i].Split('\t');
            if (fields.Length != 3 || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new InvalidDataException($"Handled log line {i + 1} is malformed: '{lines[i]}'.");
            }

            handled.Add(new HandledLine(i, fields[0], fields[1], count));
        }

        return handled;
    }

    private static async Task<CrashReceiverProcess> StartChildAsync(string dll, string[] arguments, ConcurrentQueue<string> problems, Action<string> say, int generation)
    {
        const int Attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            var child = CrashReceiverProcess.Start(dll, arguments, problems);
            try
            {
                var ready = await child.WaitReadyAsync(ReadyTimeout);
                say(string.Create(CultureInfo.InvariantCulture, $"child {generation} {ready}"));
                return child;
            }
            catch (InvalidOperationException ex) when (attempt < Attempts)
            {
                // Exited before listening: the port may still be held by the killed process's last sockets for a moment.
                say($"child {generation} attempt {attempt} exited before it was ready; starting it again. {ex.Message}");
                child.Dispose();
                await Task.Delay(200);
            }
            catch
            {
                child.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Waits for a seeded-random kill moment of one of three kinds, so that kills land in every phase: some time after the
    /// restart (start-up, first pushes), right after the platform got its n-th acknowledgement since (pushes being stored and
    /// answered), or right after the handler logged its m-th message since (a batch leased and half completed). A progress
    /// trigger that does not come within a few seconds kills anyway.
    /// </summary>
    private static async Task<string> KillMomentAsync(Random random, FakeTmallGlobalDirectPlatform platform, string logPath)
    {
        var kind = random.Next(3);
        var amount = kind switch { 0 => 30 + random.Next(450), 1 => 1 + random.Next(25), _ => 1 + random.Next(12) };
        if (kind == 0)
        {
            await Task.Delay(amount);
            return string.Create(CultureInfo.InvariantCulture, $"{amount} ms after the restart");
        }

        Func<int> progress = kind == 1 ? () => platform.Acknowledged.Count : () => CountLines(logPath);
        var start = progress();
        var waited = Stopwatch.StartNew();
        while (progress() < start + amount)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(4))
            {
                return string.Create(CultureInfo.InvariantCulture, $"waited 4 s for {amount} more {(kind == 1 ? "acknowledgements" : "handled messages")}, got {progress() - start}");
            }

            await Task.Delay(1);
        }

        return string.Create(CultureInfo.InvariantCulture, $"after {amount} more {(kind == 1 ? "acknowledgement(s)" : "handled message(s)")}");
    }

    private static int CountLines(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes.AsSpan().Count((byte)'\n');
    }

    /// <summary>A kill can cut the handler's write short: the half line is dropped (that message was not completed; it comes again).</summary>
    private static (int Lines, bool Dropped) DropPartialLine(string path)
    {
        if (!File.Exists(path))
        {
            return (0, false);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        var dropped = end < bytes.Length;
        if (dropped)
        {
            stream.SetLength(end);
            stream.Flush(flushToDisk: true);
        }

        return (bytes.AsSpan(0, end).Count((byte)'\n'), dropped);
    }

    /// <summary>
    /// The pushes, shuffled by the seed and cut into chunks: orders, a cancel for every third order and a return for every
    /// fourth, so that the platform's own order and the shuffle send some cancels and returns before their orders.
    /// </summary>
    private static List<List<Action<FakeTmallGlobalDirectPlatform>>> Plan(Random random, int chunks)
    {
        const int Orders = 180;
        var all = new List<Action<FakeTmallGlobalDirectPlatform>>();
        for (var i = 1; i <= Orders; i++)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"LBX{i:0000}");
            var pieces = 1 + (i % 3);
            all.Add(p => p.EnqueueOrder(code, new FakeTmallGlobalDirectLine("SC-" + code, pieces, 12900L * pieces)));
            if (i % 3 == 0)
            {
                all.Add(p => p.EnqueueCancel(code, refundStatus: i % 2 == 0 ? 9 : 1));
            }

            if (i % 4 == 0)
            {
                var returnCode = string.Create(CultureInfo.InvariantCulture, $"RX{i:0000}");
                all.Add(p => p.EnqueueReturn(returnCode, code, quantity: 1));
            }
        }

        var shuffled = all.ToArray();
        random.Shuffle(shuffled);
        var size = (shuffled.Length + chunks - 1) / chunks;
        return [.. shuffled.Chunk(size).Select(c => c.ToList())];
    }

    private static async Task WaitUntilAsync(Func<bool> done, TimeSpan timeout, Func<string> failure)
    {
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"Waited {timeout.TotalSeconds:0} s. ") + failure());
            }

            await Task.Delay(50);
        }
    }
}
