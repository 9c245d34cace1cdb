using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Models;
using PlatformSdk.TaobaoVoucher.Models.Sending;

namespace PlatformSdk.TaobaoVoucher.Notifications;

/// <summary>What the application decides for one notice.</summary>
/// <param name="Codes">The codes to send; empty or <see langword="null"/> when the notice cannot be fulfilled.</param>
/// <param name="FailCode">The failure code sent with <c>failsend</c> when there are no codes.</param>
/// <param name="FailMessage">The failure message.</param>
public sealed record VoucherNoticeAnswer(IReadOnlyList<VoucherCodeAllotment>? Codes, string FailCode = "1", string FailMessage = "codes unavailable")
{
    /// <summary>Answer with codes.</summary>
    /// <param name="codes">The codes.</param>
    /// <returns>The answer.</returns>
    public static VoucherNoticeAnswer Send(IReadOnlyList<VoucherCodeAllotment> codes) => new(codes);

    /// <summary>Report the notice as unfulfillable.</summary>
    /// <param name="code">The error code.</param>
    /// <param name="message">The message.</param>
    /// <returns>The answer.</returns>
    public static VoucherNoticeAnswer Fail(string code, string message) => new(null, code, message);
}

/// <summary>How one notice was handled.</summary>
public enum VoucherNoticeOutcome
{
    /// <summary>Codes were sent (send or resend).</summary>
    Sent = 0,

    /// <summary><c>failsend</c> was reported.</summary>
    FailReported = 1,

    /// <summary>The notice had no token (polled): TOP was asked to notify again (<c>manage.notify</c>).</summary>
    RenotifyRequested = 2,

    /// <summary>The call failed; see the error.</summary>
    Failed = 3,
}

/// <summary>The handling of one notice.</summary>
/// <param name="Notice">The notice.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Error">The failure, when <see cref="VoucherNoticeOutcome.Failed"/>.</param>
public sealed record VoucherNoticeResult(VoucherSendNotice Notice, VoucherNoticeOutcome Outcome, PlatformException? Error = null);

/// <summary>
/// Drains an <see cref="IVoucherNotificationSource"/> and answers each notice with send/resend or failsend in the family of
/// <see cref="TaobaoVoucherOptions.Family"/>. A failed answer is reported, not retried: send is NonIdempotentWrite.
/// </summary>
public class VoucherNotificationProcessor
{
    private readonly TaobaoVoucherClient _client = null!;
    private readonly IVoucherNotificationSource _source = null!;

    /// <summary>Creates the processor.</summary>
    /// <param name="client">The client.</param>
    /// <param name="source">The notice source.</param>
    public VoucherNotificationProcessor(TaobaoVoucherClient client, IVoucherNotificationSource source)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(source);
        _client = client;
        _source = source;
    }

    /// <summary>For mocking.</summary>
    protected VoucherNotificationProcessor()
    {
    }

    /// <summary>Fetches one batch and answers every notice in it.</summary>
    /// <param name="decide">The application's decision per notice (issue codes or report failure).</param>
    /// <param name="maxCount">The most notices to handle.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>One result per notice.</returns>
    public virtual async Task<IReadOnlyList<VoucherNoticeResult>> ProcessBatchAsync(
        Func<VoucherSendNotice, CancellationToken, ValueTask<VoucherNoticeAnswer>> decide, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var notices = await _source.FetchAsync(maxCount, cancellationToken).ConfigureAwait(false);
        var results = new List<VoucherNoticeResult>(notices.Count);
        foreach (var notice in notices)
        {
            try
            {
                results.Add(await HandleAsync(notice, decide, cancellationToken).ConfigureAwait(false));
            }
            catch (PlatformException ex)
            {
                results.Add(new VoucherNoticeResult(notice, VoucherNoticeOutcome.Failed, ex));
            }
        }

        return results;
    }

    private async Task<VoucherNoticeResult> HandleAsync(VoucherSendNotice notice, Func<VoucherSendNotice, CancellationToken, ValueTask<VoucherNoticeAnswer>> decide, CancellationToken cancellationToken)
    {
        if (notice.Token is null)
        {
            // Every answer must carry the notice's token; without it the only valid move is to have TOP notify again.
            await _client.Legacy.ManageNotifyAsync(notice.OrderId ?? 0, notice.Method, notice.Seller, cancellationToken).ConfigureAwait(false);
            return new VoucherNoticeResult(notice, VoucherNoticeOutcome.RenotifyRequested);
        }

        var answer = await decide(notice, cancellationToken).ConfigureAwait(false);
        var merchant = _client.Options.Family == VoucherApiFamily.Merchant;
        var resend = notice.Method == VoucherNotifyMethod.Resend;
        if (answer.Codes is { Count: > 0 } codes)
        {
            if (merchant)
            {
                var request = new MerchantSendCodesRequest { OuterId = notice.OuterId ?? string.Empty, Token = notice.Token, Codes = codes, Seller = notice.Seller };
                await (resend ? _client.Merchant.ResendAsync(request, cancellationToken) : _client.Merchant.SendAsync(request, cancellationToken)).ConfigureAwait(false);
            }
            else
            {
                var request = new LegacySendCodesRequest { OrderId = notice.OrderId ?? 0, Token = notice.Token, Codes = codes, Seller = notice.Seller };
                await (resend ? _client.Legacy.ResendAsync(request, cancellationToken) : _client.Legacy.SendAsync(request, cancellationToken)).ConfigureAwait(false);
            }

            return new VoucherNoticeResult(notice, VoucherNoticeOutcome.Sent);
        }

        if (merchant)
        {
            await _client.Merchant.FailSendAsync(new MerchantFailSendRequest
            {
                OuterId = notice.OuterId ?? string.Empty, SubErrorCode = answer.FailCode, SubErrorMessage = answer.FailMessage, Token = notice.Token, Seller = notice.Seller,
            }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _client.Legacy.FailSendAsync(new LegacyFailSendRequest
            {
                OrderId = notice.OrderId ?? 0,
                ErrorCode = long.TryParse(answer.FailCode, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 1,
                ErrorMessage = answer.FailMessage, Token = notice.Token, Seller = notice.Seller,
            }, cancellationToken).ConfigureAwait(false);
        }

        return new VoucherNoticeResult(notice, VoucherNoticeOutcome.FailReported);
    }
}
