using System.Runtime.CompilerServices;

namespace PlatformSdk.Inbox;

/// <summary>How <see cref="PushInboxReader"/> takes messages out of an inbox.</summary>
public sealed class PushInboxReadOptions
{
    /// <summary>How many messages one lease takes (1 to 1,000). Default 16.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>
    /// How long the reader holds each leased message. Default five minutes. Choose it longer than the slowest handling of a
    /// whole batch: a message whose lease ends before it is completed is handed out again (to this or another reader).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the reader waits before asking again when nothing is ready. Default one second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <see langword="true"/> to stop as soon as nothing is ready (a drain, for jobs and tests); <see langword="false"/> (the
    /// default) to keep waiting for new pushes until cancelled.
    /// </summary>
    public bool StopWhenEmpty { get; set; }

    /// <summary>The clock for lease checks and poll waits; <see cref="TimeProvider.System"/> when not set.</summary>
    public TimeProvider? TimeProvider { get; set; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, 1000, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LeaseDuration, TimeSpan.Zero, nameof(LeaseDuration));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero, nameof(PollInterval));
    }
}

/// <summary>What <see cref="PushInboxReader.ProcessAsync"/> did before it stopped.</summary>
/// <param name="Completed">Messages the handler handled and the inbox marked complete.</param>
/// <param name="Abandoned">Messages the handler failed on, given back to the inbox (handed out again, or dead-lettered after <c>MaxDeliveries</c>).</param>
/// <param name="LeasesLost">
/// Messages the handler handled after their lease had ended: the inbox hands them out again, so the handler sees them a
/// second time (with the same message id). A non-zero value means <see cref="PushInboxReadOptions.LeaseDuration"/> is too short.
/// </param>
public readonly record struct PushInboxProcessResult(int Completed, int Abandoned, int LeasesLost);

/// <summary>
/// Drains an <see cref="IPushInbox"/> at the ERP's pace: as an <see cref="IAsyncEnumerable{T}"/> where the caller completes or
/// abandons each message itself, or with a handler that the reader completes on success and abandons on failure. Either way
/// delivery is at least once: a message handled but not completed (a crash, a lost lease) is handed out again with the same
/// <see cref="InboxMessage.MessageId"/>, so handlers should be idempotent on that id.
/// </summary>
public static class PushInboxReader
{
    /// <summary>
    /// Hands out ready messages one by one, leasing them in batches. The caller must call
    /// <see cref="IPushInbox.CompleteAsync"/> (handled) or <see cref="IPushInbox.AbandonAsync"/> (failed) on each; one it does
    /// neither with is handed out again when its lease ends. A leased message whose lease ended before its turn is skipped (it
    /// is ready again for anyone); when the caller stops early, the leased messages not yet handed out are given back at once.
    /// </summary>
    /// <param name="inbox">The inbox.</param>
    /// <param name="options">How to lease; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The messages, oldest first within each batch.</returns>
    public static async IAsyncEnumerable<InboxMessage> ReadAllAsync(
        this IPushInbox inbox,
        PushInboxReadOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        options ??= new PushInboxReadOptions();
        options.Validate();
        var time = options.TimeProvider ?? TimeProvider.System;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await inbox.LeaseAsync(options.BatchSize, options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                if (options.StopWhenEmpty)
                {
                    yield break;
                }

                await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var next = 0;
            try
            {
                while (next < batch.Count)
                {
                    var message = batch[next++];
                    if (message.LeasedUntil is { } until && time.GetUtcNow() >= until)
                    {
                        continue;
                    }

                    yield return message;
                }
            }
            finally
            {
                // Runs when the caller stops early (break, exception, cancellation): what it never saw goes back now rather
                // than after a whole lease.
                for (; next < batch.Count; next++)
                {
                    await ReleaseUnseenAsync(inbox, batch[next]).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="handler"/> on every ready message, one at a time: completes the message when the handler returns,
    /// abandons it (with the exception's type and message as the reason) when the handler throws. Stops when cancelled
    /// (throwing <see cref="OperationCanceledException"/>; a message being handled then is given back) or, with
    /// <see cref="PushInboxReadOptions.StopWhenEmpty"/>, once nothing is ready.
    /// </summary>
    /// <param name="inbox">The inbox.</param>
    /// <param name="handler">The ERP's handling of one message; idempotent on <see cref="InboxMessage.MessageId"/>.</param>
    /// <param name="options">How to lease; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the processing.</param>
    /// <returns>What was completed, abandoned and lost, when the inbox was empty (with <see cref="PushInboxReadOptions.StopWhenEmpty"/>).</returns>
    public static async Task<PushInboxProcessResult> ProcessAsync(
        this IPushInbox inbox,
        Func<InboxMessage, CancellationToken, ValueTask> handler,
        PushInboxReadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(handler);
        int completed = 0, abandoned = 0, lost = 0;
        await foreach (var message in inbox.ReadAllAsync(options, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await handler(message, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await ReleaseUnseenAsync(inbox, message, "Handling was cancelled.").ConfigureAwait(false);
                throw;
            }
#pragma warning disable CA1031 // A failing handler must not stop the drain: the message goes back with the failure recorded.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var given = await inbox.AbandonAsync(message, Reason(exception), CancellationToken.None).ConfigureAwait(false);
                if (given)
                {
                    abandoned++;
                }
                else
                {
                    lost++;
                }

                continue;
            }

            // Not cancellable: the handler's work is done and must be recorded, or it is repeated.
            if (await inbox.CompleteAsync(message, CancellationToken.None).ConfigureAwait(false))
            {
                completed++;
            }
            else
            {
                lost++;
            }
        }

        return new PushInboxProcessResult(completed, abandoned, lost);
    }

    private static async ValueTask ReleaseUnseenAsync(IPushInbox inbox, InboxMessage message, string reason = "Given back unhandled: the reader stopped before handing it out.")
    {
        try
        {
            await inbox.AbandonAsync(message, reason, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort: if the give-back fails the lease still ends and the message is handed out again.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static string Reason(Exception exception)
    {
        var text = exception.GetType().Name + ": " + exception.Message;
        return text.Length <= 1000 ? text : text[..1000];
    }
}
