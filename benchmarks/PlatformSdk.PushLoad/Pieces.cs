using System.Globalization;
using PlatformSdk.Inbox;
using PlatformSdk.TmallGlobalDirect;
using PlatformSdk.TmallGlobalDirect.Push;
using PlatformSdk.Top.Qimen;

namespace PlatformSdk.PushLoad;

/// <summary>
/// <c>pieces</c>: the receiver's own work per push without HTTP and without a store, on one thread, as CPU time and bytes
/// allocated per operation (the same pre-built push each time; the handler's inbox answers at once without storing).
/// </summary>
internal static class Pieces
{
    public static async Task<int> RunAsync(int lines, int count)
    {
        const string Secret = "pushload-app-secret-0123456789";
        var push = new PushFactory(new Uri("http://127.0.0.1/qimen"), "23000001", Secret, "2200001234", lines).Build("PC", 1)[0];
        var query = push.Uri.Query;
        const string ContentType = "text/xml; charset=utf-8";
        var verifier = new QimenRequestVerifier(Secret);
        var inbox = new NullInbox();
        var handler = new TmallGlobalDirectPushHandler(new TmallGlobalDirectOptions { AppKey = "23000001", AppSecret = Secret, SupplierId = "2200001234" }, inbox);
        var request = new TmallGlobalDirectPushRequest { QueryString = query, Body = push.Body, ContentType = ContentType, Headers = [new("Content-Type", ContentType), new("Host", "127.0.0.1")] };
        var reply = await handler.HandleAsync(request);
        if (!reply.Success)
        {
            Console.Error.WriteLine("the handler refused the push: " + reply.Detail);
            return 1;
        }

        var stored = new InboxMessage { MessageId = "m", DeliveryCount = 1, LeaseToken = "t", Push = inbox.Last! };
        Console.WriteLine(FormattableString.Invariant($"Receiver pieces, one thread, {count:N0} operations each after as many warm-up ones; body {push.Body.Length:N0} bytes"));
        Console.WriteLine("| piece | CPU µs/op | bytes/op |");
        Console.WriteLine("|---|---:|---:|");
        Measure("QimenRequestVerifier.Verify", count, () => verifier.Verify(new QimenInboundRequest
        {
            QueryString = query, Body = push.Body, ContentType = ContentType, Headers = request.Headers,
        }).IsValid);
        Measure("ReadStoredMessage (decode + parse)", count, () => handler.ReadStoredMessage(stored) is not null);
        Measure("HandleAsync, inbox answering at once (verify + parse + InboxPush + reply)", count,
            () => handler.HandleAsync(request).AsTask().GetAwaiter().GetResult().Success);
        return 0;
    }

    private static void Measure(string name, int count, Func<bool> operation)
    {
        for (var i = 0; i < count; i++)
        {
            if (!operation())
            {
                throw new InvalidOperationException(name + " failed");
            }
        }

        var cpu = Environment.CpuUsage.TotalTime;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            operation();
        }

        var perOp = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / count;
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {perOp:0.0} | {allocated:N0} |"));
    }

    private sealed class NullInbox : IPushInbox
    {
        private static readonly InboxStoreResult Stored = new("m", IsDuplicate: false);

        public InboxPush? Last { get; private set; }

        public ValueTask<InboxStoreResult> StoreAsync(InboxPush push, CancellationToken cancellationToken = default)
        {
            Last = push;
            return ValueTask.FromResult(Stored);
        }

        public ValueTask<InboxStoreResult> DeadLetterAsync(InboxPush push, string reason, CancellationToken cancellationToken = default) => ValueTask.FromResult(Stored);

        public ValueTask<IReadOnlyList<InboxMessage>> LeaseAsync(int maxMessages, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
            => ValueTask.FromResult<IReadOnlyList<InboxMessage>>([]);

        public ValueTask<bool> CompleteAsync(InboxMessage message, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

        public ValueTask<bool> AbandonAsync(InboxMessage message, string reason, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

        public ValueTask<IReadOnlyList<InboxMessage>> ListDeadLettersAsync(int maxMessages, CancellationToken cancellationToken = default)
            => ValueTask.FromResult<IReadOnlyList<InboxMessage>>([]);

        public ValueTask<bool> ReplayAsync(string messageId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

        public ValueTask<int> PurgeCompletedAsync(DateTimeOffset completedBefore, int maxMessages, CancellationToken cancellationToken = default) => ValueTask.FromResult(0);
    }
}
