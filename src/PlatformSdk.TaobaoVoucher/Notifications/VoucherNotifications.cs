using System.Threading.Channels;
using PlatformSdk.TaobaoVoucher.Models.Queries;
using PlatformSdk.TaobaoVoucher.Models.Sending;

namespace PlatformSdk.TaobaoVoucher.Notifications;

/// <summary>
/// A send notice (发码通知): TOP asks the code merchant to send (or resend) codes for an order. The transport is
/// UNCONFIRMED (docs/protocols/taobao-voucher.md §3), so sources differ in what they know: a polled task has only the order id.
/// </summary>
public sealed class VoucherSendNotice
{
    /// <summary>The Taobao order (<c>order_id</c>, legacy family).</summary>
    public long? OrderId { get; init; }

    /// <summary>The business id (<c>outer_id</c>, merchant family).</summary>
    public string? OuterId { get; init; }

    /// <summary>The notice token every answer must carry; <see langword="null"/> when the source does not know it (polling).</summary>
    public string? Token { get; init; }

    /// <summary>Units to issue codes for, when known.</summary>
    public int? Num { get; init; }

    /// <summary>Send or resend.</summary>
    public VoucherNotifyMethod Method { get; init; }

    /// <summary>The task type when the notice came from <c>tasks.get</c>.</summary>
    public VoucherTaskType? TaskType { get; init; }

    /// <summary>The seller, when not the configured one.</summary>
    public string? Seller { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"VoucherSendNotice(OrderId={OrderId}, OuterId={OuterId}, Method={Method}, Num={Num}, Token={(Token is null ? "none" : "***")})";
}

/// <summary>Where send notices come from: polling <c>tasks.get</c>, a queue fed by a webhook/TMC handler, or your own.</summary>
public interface IVoucherNotificationSource
{
    /// <summary>Returns the notices available now (up to <paramref name="maxCount"/>); may wait for the first one.</summary>
    /// <param name="maxCount">The most to return.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The notices, possibly none.</returns>
    ValueTask<IReadOnlyList<VoucherSendNotice>> FetchAsync(int maxCount, CancellationToken cancellationToken = default);
}

/// <summary>
/// The default source: pages through <c>taobao.vmarket.eticket.tasks.get</c> type 1 (notice failed) then type 2 (callback
/// failed). Tasks carry only <c>order_id</c>, so the notices have no token: answer them with <c>manage.notify</c> to get a
/// fresh notice (what <see cref="VoucherNotificationProcessor"/> does).
/// </summary>
public sealed class PollingVoucherNotificationSource : IVoucherNotificationSource
{
    private static readonly VoucherTaskType[] TaskTypes = [VoucherTaskType.NotifyFailed, VoucherTaskType.CallbackFailed];
    private readonly TaobaoVoucherClient _client;

    /// <summary>Creates the source.</summary>
    /// <param name="client">The client.</param>
    public PollingVoucherNotificationSource(TaobaoVoucherClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<VoucherSendNotice>> FetchAsync(int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var notices = new List<VoucherSendNotice>();
        var seen = new HashSet<long>();
        foreach (var type in TaskTypes)
        {
            for (var page = 1; notices.Count < maxCount; page++)
            {
                var result = await _client.Legacy.GetTasksAsync(
                    new LegacyTasksRequest { Type = type, PageNo = page, PageSize = _client.Options.PollingPageSize }, cancellationToken).ConfigureAwait(false);
                foreach (var orderId in result.OrderIds)
                {
                    if (notices.Count < maxCount && seen.Add(orderId))
                    {
                        notices.Add(new VoucherSendNotice { OrderId = orderId, TaskType = type, Method = VoucherNotifyMethod.Send });
                    }
                }

                if (!result.HasMore || result.OrderIds.Count == 0)
                {
                    break;
                }
            }
        }

        return notices;
    }
}

/// <summary>
/// A source fed by the application: the ERP's webhook or TMC handler calls <see cref="PublishAsync"/> with each notice it
/// receives, and the processor drains them. Bounded or unbounded per the constructor.
/// </summary>
public sealed class QueueVoucherNotificationSource : IVoucherNotificationSource
{
    private readonly Channel<VoucherSendNotice> _channel;

    /// <summary>Creates the queue.</summary>
    /// <param name="capacity">The most notices held; <see langword="null"/> for unbounded. A full queue makes publishers wait.</param>
    public QueueVoucherNotificationSource(int? capacity = null)
    {
        _channel = capacity is { } c
            ? Channel.CreateBounded<VoucherSendNotice>(new BoundedChannelOptions(c) { FullMode = BoundedChannelFullMode.Wait })
            : Channel.CreateUnbounded<VoucherSendNotice>();
    }

    /// <summary>Queues a notice.</summary>
    /// <param name="notice">The notice.</param>
    /// <param name="cancellationToken">Cancels a wait for room.</param>
    /// <returns>A task that completes when queued.</returns>
    public ValueTask PublishAsync(VoucherSendNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return _channel.Writer.WriteAsync(notice, cancellationToken);
    }

    /// <summary>Stops accepting notices; fetches return what is left, then nothing.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<VoucherSendNotice>> FetchAsync(int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var notices = new List<VoucherSendNotice>();
        if (!await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return notices;
        }

        while (notices.Count < maxCount && _channel.Reader.TryRead(out var notice))
        {
            notices.Add(notice);
        }

        return notices;
    }
}
