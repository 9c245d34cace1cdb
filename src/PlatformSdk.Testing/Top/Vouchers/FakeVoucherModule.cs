using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PlatformSdk.Testing.Top;

/// <summary>
/// The e-voucher (电子凭证) APIs of <see cref="FakeTopServer"/>, both families over one voucher state: the legacy
/// <c>taobao.vmarket.eticket.*</c> and the successor <c>taobao.eticket.merchant.ma.*</c> (<see cref="FakeTopMethods"/>). It
/// implements RTV-10/11/12/15: one code for all units, 6–11 digit codes, partial redemption issuing a new code, resend once per
/// day, validity only extended, refunds voiding codes, consume serials de-duplicated and reversible.
/// </summary>
/// <remarks>
/// Registered by every <see cref="FakeTopServer"/> and reached through <see cref="FakeTopServer.Vouchers"/>. Its state has its own
/// lock; hooks (<see cref="IssueNotice"/>, <see cref="RequestResend"/>, <see cref="RefundOrder"/>) stand for what the platform and
/// the buyer do, snapshots (<see cref="Orders"/>, <see cref="GetOrder"/>, <see cref="Notices"/>) let a test check the outcome.
/// </remarks>
public sealed partial class FakeVoucherModule : FakeTopModule
{
    /// <summary>The item title of notices issued without one.</summary>
    public const string DefaultItemTitle = "电子凭证测试商品";

    /// <summary>The methods the module serves: every name in <see cref="FakeTopMethods.All"/>.</summary>
    public override IReadOnlyCollection<string> Methods => FakeTopMethods.All;

    // Merchant-family success: ret_code is a String (子结果码) whose success value is not documented; "1" mirrors the legacy ret_code.
    private const string MerchantSuccessCode = "1";
    private const string MerchantSuccessMessage = "success";

    // Codes the platform generates (consume without a chosen new code) come from a seeded generator, so runs repeat.
    private const int CodeSeed = 20240501;

    private readonly object _gate = new();
    private readonly Dictionary<long, VoucherOrder> _orders = [];
    private readonly List<FakeTopNotice> _notices = [];
    private readonly HashSet<string> _allCodes = new(StringComparer.Ordinal);
    private Random _codeRandom = new(CodeSeed);
    private long _tokenCounter;
    private long _serialCounter;

    // Every FakeTopServer registers its own; a second one could not serve the same methods.
    internal FakeVoucherModule()
    {
    }

    /// <summary>Snapshots of every voucher order, in the order the notices were issued.</summary>
    public IReadOnlyList<FakeTopVoucherOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                var now = Server.TimeProvider.GetUtcNow();
                return _orders.Values.Select(o => o.Snapshot(now)).ToArray();
            }
        }
    }

    /// <summary>Snapshots of every send notice, oldest first.</summary>
    public IReadOnlyList<FakeTopNotice> Notices
    {
        get
        {
            lock (_gate)
            {
                return _notices.ToArray();
            }
        }
    }

    /// <summary>Returns a snapshot of one voucher order, or <see langword="null"/> when the fake has no such order.</summary>
    /// <param name="orderId">The order id (<c>order_id</c>, or the number in <c>outer_id</c>).</param>
    /// <returns>The snapshot.</returns>
    public FakeTopVoucherOrder? GetOrder(long orderId)
    {
        lock (_gate)
        {
            return _orders.TryGetValue(orderId, out var order) ? order.Snapshot(Server.TimeProvider.GetUtcNow()) : null;
        }
    }

    /// <summary>
    /// Creates a paid voucher order and the send notice (发码通知) the platform pushes to the code merchant: the test hands
    /// <see cref="FakeTopNotice.Token"/> and the order id to the code under test as if it had received the push.
    /// </summary>
    /// <param name="orderId">The order id; must be new.</param>
    /// <param name="seller">The seller nick (one of <see cref="FakeTopServer.Sellers"/>).</param>
    /// <param name="units">The units bought (one code stands for all of them, RTV-12).</param>
    /// <param name="buyerMobile">The buyer's mobile number (at least 4 digits).</param>
    /// <param name="validUntil">The end of validity (inclusive).</param>
    /// <param name="validFrom">The start of validity; now by default.</param>
    /// <param name="itemTitle">The item title returned as <c>item_title</c>.</param>
    /// <returns>The pending notice.</returns>
    public FakeTopNotice IssueNotice(
        long orderId,
        string seller,
        int units,
        string buyerMobile,
        DateTimeOffset validUntil,
        DateTimeOffset? validFrom = null,
        string itemTitle = DefaultItemTitle)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(orderId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        ArgumentNullException.ThrowIfNull(buyerMobile);
        ArgumentException.ThrowIfNullOrEmpty(itemTitle);
        if (buyerMobile.Length < 4 || !buyerMobile.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("The buyer mobile must be at least 4 digits.", nameof(buyerMobile));
        }

        var owner = Server.SellerOrThrow(seller);
        lock (_gate)
        {
            if (_orders.ContainsKey(orderId))
            {
                throw new ArgumentException($"Order {orderId} already exists.", nameof(orderId));
            }

            var now = Server.TimeProvider.GetUtcNow();
            var from = validFrom ?? now;
            if (validUntil < from)
            {
                throw new ArgumentException("validUntil is before validFrom.", nameof(validUntil));
            }

            var order = new VoucherOrder(orderId, owner.Nick, itemTitle, units, buyerMobile, from, validUntil);
            _orders.Add(orderId, order);
            return AddNoticeLocked(order, FakeTopNoticeKind.Send, units, now);
        }
    }

    /// <summary>
    /// The buyer asks for the code again (RTV-10): issues a resend notice with a new token for a shipped order. The platform's
    /// once-per-day limit is enforced when the code merchant calls <c>resend</c>, not here.
    /// </summary>
    /// <param name="orderId">The order id.</param>
    /// <returns>The pending resend notice.</returns>
    public FakeTopNotice RequestResend(long orderId)
    {
        lock (_gate)
        {
            var order = OrderOrThrowLocked(orderId);
            if (!order.Shipped || order.LiveCode is null)
            {
                throw new InvalidOperationException($"Order {orderId} has no usable code to resend.");
            }

            return AddNoticeLocked(order, FakeTopNoticeKind.Resend, order.LiveCode.Left, Server.TimeProvider.GetUtcNow());
        }
    }

    /// <summary>Refunds an order (RTV-14): every unused code becomes void and the order Unavailable (RTV-15).</summary>
    /// <param name="orderId">The order id.</param>
    public void RefundOrder(long orderId)
    {
        lock (_gate)
        {
            var order = OrderOrThrowLocked(orderId);
            order.Refunded = true;
            if (order.LiveCode is { } live)
            {
                live.Status = FakeTopCodeStatus.Void;
                live.Left = 0;
            }
        }
    }

    /// <summary>Forgets every order, notice and code; the code generator and counters start over.</summary>
    public override void Reset()
    {
        lock (_gate)
        {
            _orders.Clear();
            _notices.Clear();
            _allCodes.Clear();
            _codeRandom = new Random(CodeSeed);
            _tokenCounter = 0;
            _serialCounter = 0;
        }
    }

    /// <inheritdoc />
    public override FakeTopResult Handle(FakeTopRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            return DispatchLocked(request);
        }
    }

    private VoucherOrder OrderOrThrowLocked(long orderId) =>
        _orders.TryGetValue(orderId, out var order) ? order : throw new ArgumentException($"Unknown order {orderId}.", nameof(orderId));

    private FakeTopNotice AddNoticeLocked(VoucherOrder order, FakeTopNoticeKind kind, int units, DateTimeOffset now)
    {
        var seed = string.Create(CultureInfo.InvariantCulture, $"{order.OrderId}:{++_tokenCounter}:{Server.AppSecret}");
        var token = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..32].ToLowerInvariant();
        order.Tokens.Add(token);
        var notice = new FakeTopNotice
        {
            Token = token,
            OrderId = order.OrderId,
            Seller = order.Seller,
            Kind = kind,
            Units = units,
            Status = FakeTopNoticeStatus.Pending,
            IssuedAt = now,
        };
        _notices.Add(notice);
        return notice;
    }

    private void AnswerNoticesLocked(VoucherOrder order, FakeTopNoticeKind kind)
    {
        for (var i = 0; i < _notices.Count; i++)
        {
            var notice = _notices[i];
            if (notice.OrderId == order.OrderId && notice.Kind == kind && notice.Status != FakeTopNoticeStatus.Done)
            {
                _notices[i] = notice with { Status = FakeTopNoticeStatus.Done };
            }
        }
    }

    private FakeTopResult DispatchLocked(FakeTopRequest call) => call.Method switch
    {
        FakeTopMethods.VmarketSend => SendLocked(call, legacy: true, resend: false),
        FakeTopMethods.VmarketResend => SendLocked(call, legacy: true, resend: true),
        FakeTopMethods.MerchantSend => SendLocked(call, legacy: false, resend: false),
        FakeTopMethods.MerchantResend => SendLocked(call, legacy: false, resend: true),
        FakeTopMethods.VmarketBeforeConsume => CheckLocked(call, legacy: true),
        FakeTopMethods.MerchantAvailable => CheckLocked(call, legacy: false),
        FakeTopMethods.VmarketConsume => ConsumeLocked(call, legacy: true),
        FakeTopMethods.MerchantConsume => ConsumeLocked(call, legacy: false),
        FakeTopMethods.VmarketReverse => ReverseLocked(call, legacy: true),
        FakeTopMethods.MerchantReverse => ReverseLocked(call, legacy: false),
        FakeTopMethods.VmarketFailSend => FailSendLocked(call, legacy: true),
        FakeTopMethods.MerchantFailSend => FailSendLocked(call, legacy: false),
        FakeTopMethods.VmarketTasksGet => TasksGetLocked(call),
        FakeTopMethods.VmarketCodesGet => CodesGetLocked(call),
        FakeTopMethods.VmarketTimeExpand => TimeExpandLocked(call),
        FakeTopMethods.MerchantDelay => DelayLocked(call),
        _ => new FakeTopError(22, "Invalid method"),
    };
}
