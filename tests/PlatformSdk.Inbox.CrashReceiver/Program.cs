// The child process of the push-inbox crash test (tests/PlatformSdk.Inbox.CrashTests): a Tmall Global direct-supply push
// receiver on a loopback port, wired like samples/TmallGlobalDirectReceiver, with an "ERP handler" that drains the inbox.
// The test hard-kills it (SIGKILL) at random moments and starts it again on the same port and the same inbox.
//
// Protocol with the parent, one line each:
//   stdout "ready <pid> <url>"            once listening (the platform may push);
//   stdout "problem <text>"               something the test must fail on (a lost lease, a message the handler failed on);
//   stdout "drained <handled>"            after "stop" on stdin: the last lease came back empty, the process exits 0.
//   stdin  "stop"                         finish the batch in hand, lease until nothing is ready, then exit.
//   stdin  end of file                    the parent is gone: exit at once.
//
// The handled log (--log) gets one line per message handled, "messageId<TAB>deduplicationKey<TAB>deliveryCount", flushed to
// disk BEFORE CompleteAsync: a kill between the two makes the inbox hand the message out again, and the log shows it twice.
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlatformSdk.Inbox;
using PlatformSdk.TmallGlobalDirect.Push;
using StackExchange.Redis;

Console.OutputEncoding = Encoding.UTF8;
CrashReceiverArguments arguments;
try
{
    arguments = CrashReceiverArguments.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine("usage error: " + ex.Message);
    Console.Error.WriteLine(CrashReceiverArguments.Usage);
    return 64;
}

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{arguments.Port}"));
builder.Logging.ClearProviders();
var sdk = builder.Services.AddPlatformSdk()
    // The package makes its callbacks through the TOP app, so TOP is registered too (never called here).
    .AddTop(o =>
    {
        o.AppKey = arguments.AppKey;
        o.AppSecret = arguments.AppSecret;
    })
    .AddTmallGlobalDirectPushEndpoint(o =>
    {
        o.AppKey = arguments.AppKey;
        o.AppSecret = arguments.AppSecret;
        o.SupplierId = arguments.SupplierId;
    });
ConnectionMultiplexer? redis = null;
if (arguments.SqlitePath is { } sqlitePath)
{
    sdk.AddSqlitePushInbox(o => o.Path = sqlitePath);
}
else
{
    redis = await ConnectionMultiplexer.ConnectAsync(arguments.RedisConfiguration!);
    builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
    sdk.AddRedisPushInbox(o =>
    {
        o.KeyPrefix = arguments.RedisKeyPrefix!;
        o.RequireAppendFsyncAlways = arguments.RequireAppendFsyncAlways;
    });
}

await using var app = builder.Build();
app.MapTmallGlobalDirectPush("/qimen");
await app.StartAsync();

var inbox = app.Services.GetRequiredService<IPushInbox>();
var reader = app.Services.GetRequiredService<TmallGlobalDirectPushHandler>();
var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
_ = Task.Run(() =>
{
    while (Console.In.ReadLine() is { } line)
    {
        if (string.Equals(line.Trim(), "stop", StringComparison.Ordinal))
        {
            stop.TrySetResult();
        }
    }

    // The parent is gone (or closed our input): nobody will stop or kill this process, so it must not linger.
    Environment.Exit(3);
});

Say(string.Create(CultureInfo.InvariantCulture, $"ready {Environment.ProcessId} {app.Urls.Single()}"));
var handled = await DrainAsync();
Say(string.Create(CultureInfo.InvariantCulture, $"drained {handled}"));
await app.StopAsync();
redis?.Dispose();
return 0;

async Task<int> DrainAsync()
{
    var count = 0;
    await using var log = new FileStream(arguments.HandledLogPath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 4096);
    // The product's reader does the leasing, completing and giving back: the crash test kills what users run.
    var options = new PushInboxReadOptions { BatchSize = arguments.BatchSize, LeaseDuration = arguments.LeaseDuration, StopWhenEmpty = true };
    while (true)
    {
        // Read before draining: an empty drain after "stop" arrived proves nothing was ready when the process ended.
        var stopping = stop.Task.IsCompleted;
        PushInboxProcessResult drained;
        try
        {
            drained = await inbox.ProcessAsync(HandleAsync, options);
        }
#pragma warning disable CA1031 // A failing store is retried like a real ERP worker would; the test sees it as a problem line.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Say("problem draining failed: " + ex.GetType().Name + ": " + ex.Message);
            await Task.Delay(100);
            continue;
        }

        if (drained.LeasesLost > 0)
        {
            Say($"problem {drained.LeasesLost} lease(s) ended before completion (duplicates that no kill caused)");
        }

        if (drained.Abandoned > 0)
        {
            Say($"problem {drained.Abandoned} message(s) could not be handled");
        }

        if (drained.Completed == 0 && drained.Abandoned == 0)
        {
            if (stopping)
            {
                return count;
            }

            await Task.WhenAny(Task.Delay(20), stop.Task);
        }
    }

    ValueTask HandleAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        // The ERP's work: read the stored push back into its typed message (what a real handler acts on). A message that
        // cannot be read throws, and the reader gives it back (reported above).
        var typed = reader.ReadStoredMessage(message);
        if (!string.Equals(typed.Method + "|" + typed.BizOrderCode, message.Push.DeduplicationKey, StringComparison.Ordinal))
        {
            Say($"problem message {message.MessageId} reads as {typed.Method} {typed.BizOrderCode}, stored under {message.Push.DeduplicationKey}");
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"{message.MessageId}\t{message.Push.DeduplicationKey}\t{message.DeliveryCount}\n");
        log.Write(Encoding.UTF8.GetBytes(line));
        log.Flush(flushToDisk: true);
        count++;
        return ValueTask.CompletedTask;
    }
}

static void Say(string line)
{
    Console.Out.WriteLine(line);
    Console.Out.Flush();
}

internal sealed class CrashReceiverArguments
{
    public const string Usage = "PlatformSdk.Inbox.CrashReceiver --port <n> --log <handled-log> --secret <app-secret> "
        + "(--sqlite <file> | --redis <configuration> --prefix <key-prefix> [--require-append-fsync-always true|false]) "
        + "[--app-key <k>] [--supplier <id>] [--lease-ms <n>] [--batch <n>]";

    public int Port { get; private init; }

    public string HandledLogPath { get; private init; } = string.Empty;

    public string AppKey { get; private init; } = "23000001";

    public string AppSecret { get; private init; } = string.Empty;

    public string SupplierId { get; private init; } = "2200001234";

    public string? SqlitePath { get; private init; }

    public string? RedisConfiguration { get; private init; }

    public string? RedisKeyPrefix { get; private init; }

    public bool RequireAppendFsyncAlways { get; private init; } = true;

    public TimeSpan LeaseDuration { get; private init; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; private init; } = 8;

    public static CrashReceiverArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' pairs, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string? Get(string name) => values.GetValueOrDefault(name);
        string Need(string name) => Get(name) is { Length: > 0 } value ? value : throw new ArgumentException($"--{name} is required.");
        int Number(string name, int fallback, int min) => Get(name) is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min ? n : throw new ArgumentException($"--{name} '{text}' is not a number of at least {min}.")
            : fallback;

        var parsed = new CrashReceiverArguments
        {
            Port = Number("port", 0, 1),
            HandledLogPath = Need("log"),
            AppSecret = Need("secret"),
            AppKey = Get("app-key") ?? "23000001",
            SupplierId = Get("supplier") ?? "2200001234",
            SqlitePath = Get("sqlite"),
            RedisConfiguration = Get("redis"),
            RedisKeyPrefix = Get("prefix"),
            RequireAppendFsyncAlways = Get("require-append-fsync-always") is not { } require || bool.Parse(require),
            LeaseDuration = TimeSpan.FromMilliseconds(Number("lease-ms", 5000, 1)),
            BatchSize = Number("batch", 8, 1),
        };
        if (parsed.Port == 0)
        {
            throw new ArgumentException("--port is required.");
        }

        if ((parsed.SqlitePath is null) == (parsed.RedisConfiguration is null))
        {
            throw new ArgumentException("Give exactly one of --sqlite and --redis.");
        }

        if (parsed.RedisConfiguration is not null && string.IsNullOrEmpty(parsed.RedisKeyPrefix))
        {
            throw new ArgumentException("--prefix is required with --redis.");
        }

        return parsed;
    }
}
