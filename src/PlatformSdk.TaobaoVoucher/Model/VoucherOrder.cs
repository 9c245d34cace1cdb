using System.Collections.Immutable;
using System.Globalization;
using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.TaobaoVoucher.Model;

/// <summary>
/// An e-voucher order and its lifecycle as a state machine (RTV-10, RTV-12, RTV-15), usable without the network.
/// </summary>
/// <remarks>
/// <para>
/// Instances are immutable: every transition returns a new order and leaves the original unchanged, so an order
/// can be shared between threads and a refused transition (an exception) never leaves a half-applied change.
/// </para>
/// <para>
/// Transitions: <see cref="VoucherOrderState.AwaitingCode"/> → <see cref="Send"/> → <see cref="VoucherOrderState.Issued"/>;
/// <see cref="Redeem"/> of part of the units → <see cref="VoucherOrderState.PartiallyRedeemed"/> (new code, old code void),
/// of the rest → <see cref="VoucherOrderState.FullyRedeemed"/>; <see cref="Reverse"/> undoes one redemption;
/// <see cref="Refund"/> → <see cref="VoucherOrderState.Refunded"/>; <see cref="Expire"/> → <see cref="VoucherOrderState.Expired"/>.
/// Every method that takes an optional <c>at</c> reads the injected <see cref="TimeProvider"/> when it is omitted;
/// times must not go backwards within an order.
/// </para>
/// </remarks>
public sealed class VoucherOrder
{
    /// <summary>The platform name used in exceptions.</summary>
    public const string Platform = "TaobaoVoucher";

    private const int MaxGeneratorAttempts = 16;
    private const int MaxSerialLength = 100;

    private readonly TimeProvider _time;
    private readonly IVoucherCodeGenerator _codes;

    private VoucherOrder(VoucherOrderTerms terms, VoucherMobileNumber mobile, VoucherDeliveryMethod delivery, TimeProvider time, IVoucherCodeGenerator codes)
    {
        _time = time;
        _codes = codes;
        OrderId = terms.OrderId;
        Quantity = terms.Quantity;
        UnitPrice = terms.UnitPrice;
        Mobile = mobile;
        ValidFrom = terms.ValidFrom;
        ValidUntil = terms.ValidUntil;
        Settlement = terms.Settlement;
        ExpiryRefund = terms.ExpiryRefund;
        OfferedDelivery = terms.OfferedDelivery;
        Delivery = delivery;
    }

    /// <summary>The Taobao order id.</summary>
    public string OrderId { get; }

    /// <summary>The units bought.</summary>
    public int Quantity { get; }

    /// <summary>The unit price in yuan, for the refund and settlement calculators.</summary>
    public decimal UnitPrice { get; }

    /// <summary>The mobile number the code goes to; redemption checks its last 4 digits (RTV-12). Only the buyer changes it (RTV-10).</summary>
    public VoucherMobileNumber Mobile { get; private set; }

    /// <summary>The first instant of validity, if any.</summary>
    public DateTimeOffset? ValidFrom { get; }

    /// <summary>The last instant of validity (RTV-05); only ever extended (RTV-11).</summary>
    public DateTimeOffset ValidUntil { get; private set; }

    /// <summary>The settlement mode as data (RTV-02).</summary>
    public VoucherSettlementPlan Settlement { get; }

    /// <summary>The expiry refund option as data (RTV-08).</summary>
    public VoucherExpiryRefundTerms ExpiryRefund { get; }

    /// <summary>What the item offers (RTV-04).</summary>
    public VoucherItemDelivery OfferedDelivery { get; }

    /// <summary>How this order is delivered: always <see cref="VoucherDeliveryMethod.EVoucher"/> (RTV-09).</summary>
    public VoucherDeliveryMethod Delivery { get; }

    /// <summary>The lifecycle state.</summary>
    public VoucherOrderState State { get; private set; }

    /// <summary>Units redeemed and not reversed.</summary>
    public int RedeemedCount { get; private set; }

    /// <summary>Units refunded (RTV-14).</summary>
    public int RefundedCount { get; private set; }

    /// <summary>Units expired (RTV-14 (f)).</summary>
    public int ExpiredCount { get; private set; }

    /// <summary>Units still redeemable (未核销数): quantity − redeemed − refunded − expired.</summary>
    public int RemainingCount => Quantity - RedeemedCount - RefundedCount - ExpiredCount;

    /// <summary>The state the seller's reports show (RTV-15).</summary>
    public VoucherReportState ReportState => State switch
    {
        VoucherOrderState.FullyRedeemed => VoucherReportState.Used,
        VoucherOrderState.Refunded or VoucherOrderState.Expired => VoucherReportState.Unavailable,
        _ => VoucherReportState.Available,
    };

    /// <summary>The code that can be redeemed now, standing for all <see cref="RemainingCount"/> units; <see langword="null"/> when none.</summary>
    public VoucherCode? LiveCode => Codes.Count > 0 && Codes[^1].Status == VoucherCodeStatus.Live ? Codes[^1].Code : null;

    /// <summary>Every code the order has had, oldest first; at most one is live.</summary>
    public ImmutableList<VoucherCodeRecord> Codes { get; private set; } = [];

    /// <summary>The redemption log (RTV-15), oldest first, reversed entries included and marked.</summary>
    public ImmutableList<VoucherRedemption> Redemptions { get; private set; } = [];

    /// <summary>Everything that happened to the order, oldest first.</summary>
    public ImmutableList<VoucherOrderEvent> History { get; private set; } = [];

    /// <summary>When the code was first sent, which is when the order was shipped (RTV-10); <see langword="null"/> before.</summary>
    public DateTimeOffset? ShippedAt { get; private set; }

    /// <summary>Whether the order is shipped: the code was sent (RTV-10).</summary>
    public bool IsShipped => ShippedAt is not null;

    /// <summary>
    /// When the review entry closes (RTV-13): 3 calendar months, in UTC+08:00, after the unredeemed count reached 0
    /// with at least one unit redeemed. A day missing in the target month clamps to its last day (Nov 30 + 3 months
    /// = Feb 28/29). The clock starts on full redemption, and also when a refund or expiry ends a partially redeemed
    /// order, because the seller guide keys it on "未核销数等于0". <see langword="null"/> while units remain or nothing is redeemed.
    /// </summary>
    public DateTimeOffset? ReviewClosesAt => RedeemedCount > 0 && _unredeemedZeroAt is { } zero
        ? zero.ToOffset(ChinaTime.Offset).AddMonths(3)
        : null;

    private DateTimeOffset? _unredeemedZeroAt;

    /// <summary>Creates a paid order awaiting its code.</summary>
    /// <param name="terms">The order's facts and item settings.</param>
    /// <param name="timeProvider">The clock used when a transition's time is omitted; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="codeGenerator">Makes new codes (first code when not given, and the remainder code after partial redemption); <see cref="RandomVoucherCodeGenerator.Default"/> by default.</param>
    /// <param name="at">When the order was paid; the clock's now when omitted.</param>
    /// <returns>The order in state <see cref="VoucherOrderState.AwaitingCode"/>.</returns>
    /// <exception cref="PlatformValidationException">The terms break a rule (quantity, price, mobile, validity, delivery).</exception>
    public static VoucherOrder Create(VoucherOrderTerms terms, TimeProvider? timeProvider = null, IVoucherCodeGenerator? codeGenerator = null, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var guard = new ValidationGuard(Platform);
        guard.Required("orderId", terms.OrderId);
        guard.Positive("quantity", terms.Quantity, "RTV-12");
        guard.NonNegativeFen("unitPrice", terms.UnitPrice, "RTV-14");
        ArgumentNullException.ThrowIfNull(terms.Settlement);
        ArgumentNullException.ThrowIfNull(terms.ExpiryRefund);
        var mobile = VoucherMobileNumber.Parse(terms.Mobile);
        if (terms.ValidFrom is { } from && from >= terms.ValidUntil)
        {
            guard.Fail("validFrom", Format(from), "RTV-05", $"the validity must start before it ends ({Format(terms.ValidUntil)}).");
        }

        var delivery = VoucherDelivery.Resolve(terms.OfferedDelivery, terms.ChosenDelivery);
        if (delivery != VoucherDeliveryMethod.EVoucher)
        {
            guard.Fail("delivery", delivery.ToString(), "RTV-09", "the buyer picked mail: that order ships goods and has no voucher code.");
        }

        var time = timeProvider ?? TimeProvider.System;
        var order = new VoucherOrder(terms, mobile, delivery, time, codeGenerator ?? RandomVoucherCodeGenerator.Default)
        {
            State = VoucherOrderState.AwaitingCode,
        };
        var now = at ?? time.GetUtcNow();
        order.History = [new VoucherOrderEvent { Kind = VoucherEventKind.Created, At = now, StateAfter = order.State, Count = order.Quantity }];
        return order;
    }

    /// <summary>Sends the code: the order becomes shipped (RTV-10).</summary>
    /// <param name="code">The code a code merchant issued, or <see langword="null"/> to use the code generator.</param>
    /// <param name="at">When; the clock's now when omitted.</param>
    /// <returns>The order in state <see cref="VoucherOrderState.Issued"/>.</returns>
    /// <exception cref="VoucherStateException">The code was already sent.</exception>
    /// <exception cref="PlatformValidationException">The code is malformed, the time goes backwards, or the validity has ended (RTV-05).</exception>
    public VoucherOrder Send(string? code = null, DateTimeOffset? at = null)
    {
        RequireState("Send", "RTV-10", "the code was already sent; use Resend to send it again.", VoucherOrderState.AwaitingCode);
        var now = Now(at);
        RequireWithinValidity(now, "send a code");
        var next = Clone();
        var issued = code is null ? next.GenerateCode() : VoucherCode.Parse(code);
        next.State = VoucherOrderState.Issued;
        next.ShippedAt = now;
        next.Codes = [new VoucherCodeRecord(issued, now, Quantity, VoucherCodeStatus.Live, null)];
        return next.Record(new VoucherOrderEvent { Kind = VoucherEventKind.CodeSent, At = now, StateAfter = next.State, Count = Quantity, Code = issued });
    }

    /// <summary>
    /// Sends the live code again (RTV-10). The buyer may resend once per calendar day in China Standard Time
    /// (UTC+08:00, midnight to midnight), the seller guide's "每天限一次"; a second buyer resend on the same day is refused and
    /// the next one is allowed from 00:00 +08:00. Seller resends ("卖家订单里面也有此功能") are not limited by the seller guide and are
    /// not limited here; they do not use up the buyer's daily resend.
    /// </summary>
    /// <param name="actor">Who asks.</param>
    /// <param name="at">When; the clock's now when omitted.</param>
    /// <returns>The order, unchanged except for its history.</returns>
    /// <exception cref="VoucherStateException">No live code (not sent, fully redeemed, refunded or expired).</exception>
    /// <exception cref="PlatformValidationException">The buyer already resent today.</exception>
    public VoucherOrder Resend(VoucherActor actor, DateTimeOffset? at = null)
    {
        RequireState("Resend", "RTV-10", "only a live code can be resent.", VoucherOrderState.Issued, VoucherOrderState.PartiallyRedeemed);
        var now = Now(at);
        if (actor == VoucherActor.Buyer && NextBuyerResendAt(now) is { } allowedFrom)
        {
            throw new PlatformValidationException(Platform, "resend", Format(now), "RTV-10",
                $"the buyer can resend the code once per day (calendar day in UTC+08:00) and already did today; the next resend is allowed from {Format(allowedFrom)}.");
        }

        return Clone().Record(new VoucherOrderEvent { Kind = VoucherEventKind.CodeResent, At = now, StateAfter = State, Actor = actor, Code = LiveCode, Count = RemainingCount });
    }

    /// <summary>
    /// Returns when the buyer may resend next, or <see langword="null"/> when a buyer resend is allowed at <paramref name="at"/> (RTV-10).
    /// </summary>
    /// <param name="at">The time to check; the clock's now when omitted.</param>
    /// <returns>The start of the next calendar day in UTC+08:00 if the buyer already resent that day, otherwise <see langword="null"/>.</returns>
    public DateTimeOffset? NextBuyerResendAt(DateTimeOffset? at = null)
    {
        var day = ChinaDay(at ?? _time.GetUtcNow());
        var usedToday = History.Exists(e => e.Kind == VoucherEventKind.CodeResent && e.Actor == VoucherActor.Buyer && ChinaDay(e.At) == day);
        return usedToday ? new DateTimeOffset(day.AddDays(1), ChinaTime.Offset) : null;
    }

    /// <summary>The buyer changes the mobile number the code goes to (RTV-10: only the buyer can).</summary>
    /// <param name="actor">Who asks; must be <see cref="VoucherActor.Buyer"/>.</param>
    /// <param name="newMobile">The new number.</param>
    /// <param name="at">When; the clock's now when omitted.</param>
    /// <returns>The order with the new number; later redemptions check its last 4 digits.</returns>
    /// <exception cref="VoucherStateException">No units left to use.</exception>
    /// <exception cref="PlatformValidationException">The actor is not the buyer, or the number is invalid or unchanged.</exception>
    public VoucherOrder ChangeMobile(VoucherActor actor, string newMobile, DateTimeOffset? at = null)
        => ReplaceMobile("ChangeMobile", VoucherEventKind.MobileChanged, actor, newMobile, at);

    /// <summary>The buyer gives the voucher to someone else's mobile number (RTV-10: only the buyer can).</summary>
    /// <param name="actor">Who asks; must be <see cref="VoucherActor.Buyer"/>.</param>
    /// <param name="recipientMobile">The recipient's number.</param>
    /// <param name="at">When; the clock's now when omitted.</param>
    /// <returns>The order with the recipient's number.</returns>
    /// <exception cref="VoucherStateException">No units left to use.</exception>
    /// <exception cref="PlatformValidationException">The actor is not the buyer, or the number is invalid or unchanged.</exception>
    public VoucherOrder GiftTo(VoucherActor actor, string recipientMobile, DateTimeOffset? at = null)
        => ReplaceMobile("GiftTo", VoucherEventKind.Gifted, actor, recipientMobile, at);

    /// <summary>
    /// Redeems <paramref name="count"/> units with the live code (RTV-12). If units remain, a new code from the
    /// generator (never one the order had before) stands for them and the redeemed code becomes void; if none
    /// remain the code is spent and the order is <see cref="VoucherOrderState.FullyRedeemed"/>.
    /// </summary>
    /// <param name="code">The code the buyer shows.</param>
    /// <param name="count">Units to redeem (consume_num), 1 to <see cref="RemainingCount"/>.</param>
    /// <param name="mobileLastFour">The last 4 digits of the buyer's phone, checked against <see cref="Mobile"/>.</param>
    /// <param name="redeemingAccount">The account that redeems (核销账号), kept in the log (RTV-15).</param>
    /// <param name="posId">The POS / terminal id for machine redemptions, kept in the log (RTV-15).</param>
    /// <param name="serialNumber">The consume serial (serial_num, ≤100 of <c>[A-Za-z0-9_]</c>, unique in the order) used to reverse; generated (<c>R0001</c>, …) when omitted.</param>
    /// <param name="at">When; the clock's now when omitted.</param>
    /// <returns>The order after the redemption.</returns>
    /// <exception cref="VoucherStateException">The order has no live code (not sent, fully redeemed, refunded, expired).</exception>
    /// <exception cref="PlatformValidationException">Wrong or void code, wrong last 4 digits, bad count, outside validity, or a bad serial.</exception>
    public VoucherOrder Redeem(string code, int count, string mobileLastFour, string redeemingAccount, string? posId = null, string? serialNumber = null, DateTimeOffset? at = null)
    {
        RequireState("Redeem", "RTV-12", "only an order with units left and a live code can be redeemed.", VoucherOrderState.Issued, VoucherOrderState.PartiallyRedeemed);
        var guard = new ValidationGuard(Platform);
        var now = Now(at);
        if (ValidFrom is { } from && now < from)
        {
            guard.Fail("at", Format(now), "RTV-05", $"the voucher is valid from {Format(from)}.");
        }

        RequireWithinValidity(now, "redeem");
        var shown = VoucherCode.Parse(code);
        var live = Codes[^1];
        if (shown != live.Code)
        {
            var previous = Codes.Find(c => c.Code == shown);
            guard.Fail("code", shown.ToString(), "RTV-12", previous is null
                ? $"the code does not belong to order {OrderId}."
                : $"the code is {previous.Status.ToString().ToLowerInvariant()} since {Format(previous.EndedAt ?? now)}: after a partial redemption a new code replaces it; ask the buyer for the newest code sent to the phone.");
        }

        if (mobileLastFour is null || mobileLastFour.Length != 4 || !mobileLastFour.All(char.IsAsciiDigit))
        {
            guard.Fail("mobileLastFour", null, "RTV-12", "give exactly the 4 last digits of the buyer's phone.");
        }

        if (!Mobile.MatchesLastFour(mobileLastFour))
        {
            guard.Fail("mobileLastFour", null, "RTV-12", "the digits do not match the last 4 digits of the phone the code was sent to.");
        }

        if (count < 1 || count > RemainingCount)
        {
            guard.Fail("count", count.ToString(CultureInfo.InvariantCulture), "RTV-12",
                $"redeem between 1 and the {RemainingCount.ToString(CultureInfo.InvariantCulture)} unit(s) the code still stands for.");
        }

        guard.Required("redeemingAccount", redeemingAccount, "RTV-15");
        if (posId is not null)
        {
            guard.Required("posId", posId, "RTV-15");
        }

        var serial = serialNumber ?? NextSerial();
        ValidateSerial(serial);
        if (Redemptions.Exists(r => r.SerialNumber == serial))
        {
            guard.Fail("serialNumber", serial, null, "each redemption needs its own serial number (serial_num) so it can be reversed.");
        }

        var next = Clone();
        next.RedeemedCount += count;
        VoucherCode? replacement = null;
        if (next.RemainingCount > 0)
        {
            replacement = next.GenerateCode();
            next.Codes = next.Codes.SetItem(next.Codes.Count - 1, live with { Status = VoucherCodeStatus.Void, EndedAt = now })
                .Add(new VoucherCodeRecord(replacement.Value, now, next.RemainingCount, VoucherCodeStatus.Live, null));
            next.State = VoucherOrderState.PartiallyRedeemed;
        }
        else
        {
            next.Codes = next.Codes.SetItem(next.Codes.Count - 1, live with { Status = VoucherCodeStatus.Spent, EndedAt = now });
            next.State = VoucherOrderState.FullyRedeemed;
            next._unredeemedZeroAt = now;
        }

        next.Redemptions = next.Redemptions.Add(new VoucherRedemption(serial, shown, count, now, redeemingAccount, posId, replacement, null));
        return next.Record(new VoucherOrderEvent
        {
            Kind = VoucherEventKind.Redeemed,
            At = now,
            StateAfter = next.State,
            Count = count,
            Code = shown,
            NewCode = replacement,
            RedeemingAccount = redeemingAccount,
            PosId = posId,
            SerialNumber = serial,
        });
    }

    /// <summary>
    /// Reverses one redemption (冲正, <c>taobao.vmarket.eticket.reverse</c> / <c>taobao.eticket.merchant.ma.reverse</c>).
    /// <paramref name="reverseCount"/> must equal that redemption's count (reverse_num = consume_num), and the POS id
    /// must be repeated when the redemption had one.
    /// </summary>
    /// <remarks>
    /// The units return to the order, and no new code is made: the newest code the buyer was sent stands for all
    /// remaining units again (it stays live after a partial redemption; after a full redemption the spent code becomes
    /// live again), so one code per order still holds (RTV-12) and codes replaced earlier stay void. The state becomes
    /// <see cref="VoucherOrderState.PartiallyRedeemed"/>, or <see cref="VoucherOrderState.Issued"/> when nothing stays
    /// redeemed, and a running review close date (RTV-13) is cleared. Refunded and expired orders cannot be reversed:
    /// their money has moved.
    /// </remarks>
    /// <param name="serialNumber">The serial of the redemption to reverse.</param>
    /// <param name="reverseCount">The units to reverse; must equal the redemption's count.</param>
    /// <param name="posId">The POS id; required when the redemption had one, and must match.</param>
    /// <param name="at">When; the clock's now when omitted.</param>
    /// <returns>The order after the reversal.</returns>
    /// <exception cref="VoucherStateException">Nothing redeemed, or the order is refunded or expired.</exception>
    /// <exception cref="PlatformValidationException">Unknown or already reversed serial, count mismatch, POS id mismatch.</exception>
    public VoucherOrder Reverse(string serialNumber, int reverseCount, string? posId = null, DateTimeOffset? at = null)
    {
        RequireState("Reverse", "RTV-12", "only redemptions of an order that is not refunded or expired can be reversed.", VoucherOrderState.PartiallyRedeemed, VoucherOrderState.FullyRedeemed);
        var guard = new ValidationGuard(Platform);
        var now = Now(at);
        var index = Redemptions.FindIndex(r => r.SerialNumber == serialNumber);
        if (index < 0)
        {
            guard.Fail("serialNumber", serialNumber, "RTV-15", $"order {OrderId} has no redemption with this serial (consume_secial_num).");
        }

        var redemption = Redemptions[index];
        if (redemption.ReversedAt is { } reversedAt)
        {
            guard.Fail("serialNumber", serialNumber, "RTV-15", $"the redemption was already reversed at {Format(reversedAt)}.");
        }

        if (reverseCount != redemption.Count)
        {
            guard.Fail("reverseCount", reverseCount.ToString(CultureInfo.InvariantCulture), "RTV-12",
                $"reverse_num must equal the redemption's consume_num ({redemption.Count.ToString(CultureInfo.InvariantCulture)}); partial reversals are not possible.");
        }

        if (redemption.PosId is not null && posId != redemption.PosId)
        {
            guard.Fail("posId", posId, "RTV-15", "the redemption was made on a POS: the reversal must give the same POS id.");
        }

        var next = Clone();
        next.RedeemedCount -= reverseCount;
        var newest = next.Codes[^1];
        if (newest.Status != VoucherCodeStatus.Live)
        {
            next.Codes = next.Codes.SetItem(next.Codes.Count - 1, newest with { Status = VoucherCodeStatus.Live, EndedAt = null });
        }

        next.State = next.RedeemedCount > 0 ? VoucherOrderState.PartiallyRedeemed : VoucherOrderState.Issued;
        next._unredeemedZeroAt = null;
        next.Redemptions = next.Redemptions.SetItem(index, redemption with { ReversedAt = now });
        return next.Record(new VoucherOrderEvent
        {
            Kind = VoucherEventKind.Reversed,
            At = now,
            StateAfter = next.State,
            Count = reverseCount,
            Code = redemption.Code,
            PosId = posId,
            SerialNumber = serialNumber,
        });
    }

    /// <summary>The seller extends the validity (RTV-11: extend, never shorten).</summary>
    /// <param name="newValidUntil">The new last instant of validity; must be later than <see cref="ValidUntil"/>.</param>
    /// <param name="at">When; the clock's now when omitted.</param>
    /// <returns>The order with the new end of validity.</returns>
    /// <exception cref="VoucherStateException">Nothing left to use (fully redeemed, refunded, expired).</exception>
    /// <exception cref="PlatformValidationException">The new date is not later, or the validity has already ended (RTV-05).</exception>
    public VoucherOrder ExtendValidity(DateTimeOffset newValidUntil, DateTimeOffset? at = null)
    {
        RequireState("ExtendValidity", "RTV-11", "only an order with units left can be extended.", VoucherOrderState.AwaitingCode, VoucherOrderState.Issued, VoucherOrderState.PartiallyRedeemed);
        var now = Now(at);
        if (newValidUntil <= ValidUntil)
        {
            throw new PlatformValidationException(Platform, "validUntil", Format(newValidUntil), "RTV-11",
                $"the validity can only be extended, never shortened; it ends {Format(ValidUntil)}, so give a later date.");
        }

        RequireWithinValidity(now, "extend the validity");
        var next = Clone();
        next.ValidUntil = newValidUntil;
        return next.Record(new VoucherOrderEvent { Kind = VoucherEventKind.ValidityExtended, At = now, StateAfter = State, ValidUntil = newValidUntil, Actor = VoucherActor.Seller });
    }

    /// <summary>
    /// Refunds all remaining units (RTV-14 (a)–(e)); the live code becomes void. The amount is for the refund
    /// calculators; units already redeemed stay redeemed.
    /// </summary>
    /// <param name="reason">Which refund path applies.</param>
    /// <param name="at">When; the clock's now when omitted.</param>
    /// <returns>The order in state <see cref="VoucherOrderState.Refunded"/>.</returns>
    /// <exception cref="VoucherStateException">No units left (fully redeemed, refunded, expired), or the path does not fit the state.</exception>
    /// <exception cref="PlatformValidationException">An "unexpired" refund after the validity ended.</exception>
    public VoucherOrder Refund(VoucherRefundReason reason, DateTimeOffset? at = null)
    {
        RequireState("Refund", "RTV-14",
            "only remaining units can be refunded; money refunds of used units (after-sale, RTV-14 (e)) do not change the vouchers, and expired units are refunded by Expire (RTV-14 (f)).",
            VoucherOrderState.AwaitingCode, VoucherOrderState.Issued, VoucherOrderState.PartiallyRedeemed);
        var now = Now(at);
        if (reason == VoucherRefundReason.NotReceived && RedeemedCount > 0)
        {
            throw new VoucherStateException(OrderId, "Refund(NotReceived)", State, "RTV-14", "units were redeemed, so the voucher was received.");
        }

        if (reason is VoucherRefundReason.ReceivedNoReturn or VoucherRefundReason.AfterSale && State == VoucherOrderState.AwaitingCode)
        {
            throw new VoucherStateException(OrderId, $"Refund({reason})", State, "RTV-14", "the code was never sent; use NotReceived.");
        }

        if (reason is VoucherRefundReason.UnexpiredAutomatic or VoucherRefundReason.UnexpiredManual)
        {
            RequireWithinValidity(now, $"refund as {reason}");
        }

        var next = Clone();
        var units = RemainingCount;
        next.RefundedCount += units;
        next.State = VoucherOrderState.Refunded;
        var voided = next.VoidLiveCode(now);
        next.SettleUnredeemed(now);
        return next.Record(new VoucherOrderEvent { Kind = VoucherEventKind.Refunded, At = now, StateAfter = next.State, Count = units, Code = voided, RefundReason = reason });
    }

    /// <summary>
    /// Expires the remaining units after the end of validity (RTV-05; the refund of RTV-08 / RTV-14 (f), if enabled,
    /// is for the calculators). The live code becomes void. An order whose code was never sent is refunded as not
    /// received instead (RTV-14 (c)).
    /// </summary>
    /// <param name="at">When; must be after <see cref="ValidUntil"/>; the clock's now when omitted.</param>
    /// <returns>The order in state <see cref="VoucherOrderState.Expired"/>.</returns>
    /// <exception cref="VoucherStateException">No live code (not sent, fully redeemed, refunded, expired).</exception>
    /// <exception cref="PlatformValidationException">The validity has not ended yet.</exception>
    public VoucherOrder Expire(DateTimeOffset? at = null)
    {
        RequireState("Expire", "RTV-05", "only units that were sent and not yet used, refunded or expired can expire; an unsent order is refunded as NotReceived.",
            VoucherOrderState.Issued, VoucherOrderState.PartiallyRedeemed);
        var now = Now(at);
        if (now <= ValidUntil)
        {
            throw new PlatformValidationException(Platform, "at", Format(now), "RTV-05", $"the voucher is valid until {Format(ValidUntil)}; it expires only after that.");
        }

        var next = Clone();
        var units = RemainingCount;
        next.ExpiredCount += units;
        next.State = VoucherOrderState.Expired;
        var voided = next.VoidLiveCode(now);
        next.SettleUnredeemed(now);
        return next.Record(new VoucherOrderEvent { Kind = VoucherEventKind.Expired, At = now, StateAfter = next.State, Count = units, Code = voided });
    }

    /// <summary>Whether the validity has ended at <paramref name="at"/> (whether or not <see cref="Expire"/> was called).</summary>
    /// <param name="at">The time; the clock's now when omitted.</param>
    /// <returns><see langword="true"/> after <see cref="ValidUntil"/>.</returns>
    public bool IsPastValidity(DateTimeOffset? at = null) => (at ?? _time.GetUtcNow()) > ValidUntil;

    /// <summary>Whether the buyer can review at <paramref name="at"/> (RTV-13): at least one unit redeemed and before <see cref="ReviewClosesAt"/>.</summary>
    /// <param name="at">The time; the clock's now when omitted.</param>
    /// <returns><see langword="true"/> when the review entry (and follow-up review) is open.</returns>
    public bool CanReview(DateTimeOffset? at = null)
        => RedeemedCount > 0 && (ReviewClosesAt is not { } closes || (at ?? _time.GetUtcNow()) < closes);

    /// <summary>Returns a short description without personal data, for example <c>123 PartiallyRedeemed 2/5 redeemed</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{OrderId} {State} {RedeemedCount}/{Quantity} redeemed");

    private VoucherOrder ReplaceMobile(string operation, VoucherEventKind kind, VoucherActor actor, string number, DateTimeOffset? at)
    {
        RequireState(operation, "RTV-10", "only an order with units left to use can change its phone.", VoucherOrderState.AwaitingCode, VoucherOrderState.Issued, VoucherOrderState.PartiallyRedeemed);
        var guard = new ValidationGuard(Platform);
        if (actor != VoucherActor.Buyer)
        {
            guard.Fail("actor", actor.ToString(), "RTV-10", "only the buyer can change the phone number or gift the voucher; the seller has no such function.");
        }

        var mobile = VoucherMobileNumber.Parse(number);
        if (mobile == Mobile)
        {
            guard.Fail("mobile", null, "RTV-10", "the number is the one the code already goes to.");
        }

        var now = Now(at);
        var next = Clone();
        next.Mobile = mobile;
        return next.Record(new VoucherOrderEvent { Kind = kind, At = now, StateAfter = State, Actor = actor, Code = LiveCode });
    }

    private void RequireState(string operation, string ruleId, string problem, params VoucherOrderState[] allowed)
    {
        if (Array.IndexOf(allowed, State) < 0)
        {
            throw new VoucherStateException(OrderId, operation, State, ruleId, $"{problem} Allowed in: {string.Join(", ", allowed)}.");
        }
    }

    private void RequireWithinValidity(DateTimeOffset now, string action)
    {
        if (now > ValidUntil)
        {
            throw new PlatformValidationException(Platform, "at", Format(now), "RTV-05",
                $"cannot {action}: the voucher was valid until {Format(ValidUntil)}; expire the order instead.");
        }
    }

    private DateTimeOffset Now(DateTimeOffset? at)
    {
        var now = at ?? _time.GetUtcNow();
        var last = History[^1].At;
        if (now < last)
        {
            throw new PlatformValidationException(Platform, "at", Format(now), null,
                $"the order's last event was at {Format(last)}; events of one order must be applied in time order.");
        }

        return now;
    }

    private VoucherCode GenerateCode()
    {
        for (var attempt = 0; attempt < MaxGeneratorAttempts; attempt++)
        {
            var candidate = _codes.NewCode(OrderId);
            if (!VoucherCode.IsValidFormat(candidate.Value))
            {
                throw new InvalidOperationException($"The code generator {_codes.GetType().Name} returned a code that is not 6–11 digits (RTV-12).");
            }

            if (!Codes.Exists(c => c.Code == candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"The code generator {_codes.GetType().Name} returned only codes order {OrderId} already had in {MaxGeneratorAttempts} attempts; a voucher code is never reused (RTV-12).");
    }

    private VoucherCode? VoidLiveCode(DateTimeOffset now)
    {
        if (Codes.Count == 0 || Codes[^1].Status != VoucherCodeStatus.Live)
        {
            return null;
        }

        var live = Codes[^1];
        Codes = Codes.SetItem(Codes.Count - 1, live with { Status = VoucherCodeStatus.Void, EndedAt = now });
        return live.Code;
    }

    private void SettleUnredeemed(DateTimeOffset now)
    {
        if (RedeemedCount > 0)
        {
            _unredeemedZeroAt = now;
        }
    }

    private string NextSerial()
    {
        for (var n = Redemptions.Count + 1; ; n++)
        {
            var serial = "R" + n.ToString("D4", CultureInfo.InvariantCulture);
            if (!Redemptions.Exists(r => r.SerialNumber == serial))
            {
                return serial;
            }
        }
    }

    private static void ValidateSerial(string serial)
    {
        if (serial.Length is 0 or > MaxSerialLength || !serial.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new PlatformValidationException(Platform, "serialNumber", serial, null,
                $"a consume serial (serial_num) is 1–{MaxSerialLength} characters of A-Z, a-z, 0-9 and '_'.");
        }
    }

    private VoucherOrder Record(VoucherOrderEvent e)
    {
        History = History.Add(e);
        return this;
    }

    private VoucherOrder Clone() => (VoucherOrder)MemberwiseClone();

    private static DateTime ChinaDay(DateTimeOffset at) => at.ToOffset(ChinaTime.Offset).Date;

    private static string Format(DateTimeOffset at) => at.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
