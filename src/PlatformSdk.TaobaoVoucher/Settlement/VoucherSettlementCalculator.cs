using System.Globalization;
using PlatformSdk.Errors;
using PlatformSdk.Money;
using PlatformSdk.TaobaoVoucher.Refunds;
using PlatformSdk.Validation;

namespace PlatformSdk.TaobaoVoucher.Settlement;

/// <summary>
/// Computes when and how much an e-voucher order pays the seller and refunds the buyer, under redeem-then-pay
/// or T+N (RTV-02, RTV-03), with unexpired refunds (RTV-14 (a)) and expiry (RTV-08, RTV-14 (f)). A pure
/// function of its inputs: pass the events known so far (or planned) and read the schedule.
/// </summary>
/// <remarks>
/// Calendar days are days of the UTC+08:00 calendar (China Standard Time). T is the calendar date on which the
/// code was sent; the T+N payout is due at 00:00 UTC+08:00 on date T+N, so a code sent at 23:59 on 1 June
/// pays out at 00:00 on 4 June under T+3. A redemption counts as early only when it happens strictly before
/// that instant.
/// </remarks>
public static class VoucherSettlementCalculator
{
    /// <summary>The largest N accepted for T+N.</summary>
    public const int MaxPayoutDays = 90;

    /// <summary>The T+N payout time: 00:00 UTC+08:00 on the <paramref name="payoutDays"/>th calendar day after the send date.</summary>
    /// <param name="sentAt">When the code was sent.</param>
    /// <param name="payoutDays">N.</param>
    /// <returns>The payout time, with offset +08:00.</returns>
    public static DateTimeOffset ComputeTPlusNDueAt(DateTimeOffset sentAt, int payoutDays)
    {
        ValidatePayoutDays(payoutDays);
        var sendDate = sentAt.ToOffset(ChinaTime.Offset).Date;
        return new DateTimeOffset(sendDate.AddDays(payoutDays), ChinaTime.Offset);
    }

    /// <summary>Computes the settlement schedule.</summary>
    /// <param name="request">The order, terms and events.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="PlatformValidationException">An event is invalid: non-positive count, before sending, at or after expiry, or more units than are left.</exception>
    public static VoucherSettlementSchedule Compute(VoucherSettlementRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Order);
        ArgumentNullException.ThrowIfNull(request.Terms);
        ArgumentNullException.ThrowIfNull(request.Redemptions);
        ArgumentNullException.ThrowIfNull(request.Refunds);
        var events = CollectEvents(request);
        return new Run(request).Execute(events);
    }

    private static List<Event> CollectEvents(VoucherSettlementRequest request)
    {
        var guard = new ValidationGuard(VoucherRefundCalculator.Platform);
        var terms = request.Terms;
        var events = new List<Event>();
        if (request.ExpiresAt is { } expiresAt)
        {
            if (expiresAt <= request.SentAt)
            {
                guard.Fail("expiresAt", Iso(expiresAt), "RTV-05", $"the validity must end after the code was sent ({Iso(request.SentAt)}).");
            }

            events.Add(new Event(expiresAt, EventType.Expiry, 0, 0, 0m));
        }

        if (terms.Mode == SettlementMode.TPlusN)
        {
            events.Add(new Event(ComputeTPlusNDueAt(request.SentAt, terms.PayoutDays), EventType.TPlusNDue, 0, 0, 0m));
        }

        for (var i = 0; i < request.Redemptions.Count; i++)
        {
            var redemption = request.Redemptions[i] ?? throw new ArgumentException($"redemptions[{i}] is null.", nameof(request));
            var field = string.Create(CultureInfo.InvariantCulture, $"redemptions[{i}]");
            guard.Positive(field + ".count", redemption.Count, "RTV-12");
            ValidateEventTime(guard, field + ".at", redemption.At, request, "redeemed");
            events.Add(new Event(redemption.At, EventType.Redemption, i, redemption.Count, 0m));
        }

        for (var i = 0; i < request.Refunds.Count; i++)
        {
            var refund = request.Refunds[i] ?? throw new ArgumentException($"refunds[{i}] is null.", nameof(request));
            var field = string.Create(CultureInfo.InvariantCulture, $"refunds[{i}]");
            guard.Positive(field + ".count", refund.Count, "RTV-14(a)");
            VoucherRefundCalculator.ValidateRatio(field + ".ratio", refund.Ratio, "RTV-14(a)");
            ValidateEventTime(guard, field + ".requestedAt", refund.RequestedAt, request, "refunded as unexpired");
            events.Add(new Event(refund.RequestedAt, EventType.Refund, i, refund.Count, refund.Ratio));
        }

        // Ties: the T+N payout happens first (a redemption at that very instant is not early), expiry last
        // (nothing can be redeemed at or after the end of validity); same-type events keep the input order.
        events.Sort(static (a, b) =>
        {
            var byTime = a.At.CompareTo(b.At);
            if (byTime != 0)
            {
                return byTime;
            }

            var byType = a.Type.CompareTo(b.Type);
            return byType != 0 ? byType : a.Index.CompareTo(b.Index);
        });
        return events;
    }

    private static void ValidateEventTime(ValidationGuard guard, string field, DateTimeOffset at, VoucherSettlementRequest request, string verb)
    {
        if (at < request.SentAt)
        {
            guard.Fail(field, Iso(at), "RTV-10", $"units cannot be {verb} before the code was sent ({Iso(request.SentAt)}).");
        }

        if (request.ExpiresAt is { } expiresAt && at >= expiresAt)
        {
            guard.Fail(field, Iso(at), "RTV-05", $"units cannot be {verb} at or after the end of validity ({Iso(expiresAt)}).");
        }
    }

    private static void ValidatePayoutDays(int payoutDays)
    {
        if (payoutDays is < 1 or > MaxPayoutDays)
        {
            new ValidationGuard(VoucherRefundCalculator.Platform).Fail("terms.payoutDays", payoutDays.ToString(CultureInfo.InvariantCulture), "RTV-03",
                $"N in T+N is a number of calendar days from 1 to {MaxPayoutDays} (the platform uses 3).");
        }
    }

    private static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static string UnitsText(int units) => units == 1 ? "1 unit" : string.Create(CultureInfo.InvariantCulture, $"{units} units");

    private enum EventType
    {
        TPlusNDue,
        Redemption,
        Refund,
        Expiry,
    }

    private readonly record struct Event(DateTimeOffset At, EventType Type, int Index, int Count, decimal Ratio);

    /// <summary>The mutable state of one computation: units and money not yet attributed, and money the platform holds.</summary>
    private sealed class Run(VoucherSettlementRequest request)
    {
        private readonly VoucherOrderAmounts _order = request.Order;
        private readonly VoucherSettlementTerms _terms = request.Terms;
        private readonly List<SettlementEntry> _entries = [];
        private readonly ValidationGuard _guard = new(VoucherRefundCalculator.Platform);
        private int _units = request.Order.Quantity;

        // The part of the payment not yet attributed to redeemed/refunded/expired units; with a discount the
        // last units can be worth less than list, never more than what is left of the payment.
        private decimal _unattributed = request.Order.AmountPaid;
        private decimal _held = request.Order.AmountPaid;
        private bool _paidOut;
        private int _redeemed;
        private int _refunded;
        private int _expired;

        public VoucherSettlementSchedule Execute(List<Event> events)
        {
            DateTimeOffset? due = null;
            foreach (var e in events)
            {
                switch (e.Type)
                {
                    case EventType.TPlusNDue:
                        due = e.At;
                        PayOutEverything(e.At, SettlementEntryKind.TPlusNPayout,
                            string.Create(CultureInfo.InvariantCulture, $"T+{_terms.PayoutDays}: all remaining funds of the order"));
                        break;
                    case EventType.Redemption:
                        Redeem(e);
                        break;
                    case EventType.Refund:
                        RefundUnexpired(e);
                        break;
                    case EventType.Expiry:
                        Expire(e.At);
                        break;
                }
            }

            return new VoucherSettlementSchedule(request, due, _entries, _held, _redeemed, _refunded, _expired, _units);
        }

        private void Redeem(Event e)
        {
            TakeUnits(e, "redemptions", "count", "RTV-12");
            var value = Attribute(e.Count);
            _redeemed += e.Count;
            if (_terms.Mode == SettlementMode.RedeemThenPay)
            {
                PaySeller(e.At, SettlementEntryKind.RedemptionPayout, value, e.Count, "RTV-02",
                    $"redemption of {UnitsText(e.Count)}: {e.Count.ToString(CultureInfo.InvariantCulture)} × {Cny.Format(_order.UnitPrice)}");
            }
            else if (!_paidOut && _terms.EarlyPayout == TPlusNEarlyPayout.WholeOrder)
            {
                PayOutEverything(e.At, SettlementEntryKind.EarlyRedemptionPayout,
                    $"redemption of {UnitsText(e.Count)} before the T+{_terms.PayoutDays.ToString(CultureInfo.InvariantCulture)} date: all of the order's funds are paid early");
            }
            else if (!_paidOut)
            {
                PaySeller(e.At, SettlementEntryKind.EarlyRedemptionPayout, value, e.Count, "RTV-03",
                    $"redemption of {UnitsText(e.Count)} before the T+{_terms.PayoutDays.ToString(CultureInfo.InvariantCulture)} date: the redeemed units are paid early");
            }
        }

        private void RefundUnexpired(Event e)
        {
            TakeUnits(e, "refunds", "count", "RTV-14(a)");
            var split = VoucherRefundCalculator.Split(e.Count, _order.UnitPrice, e.Ratio, _unattributed);
            _unattributed -= split.Value;
            _refunded += e.Count;
            var refund = VoucherRefundCalculator.UnexpiredFromSplit(_order, e.Count, e.Ratio, split, e.At);
            Settle(e.At, e.Count, split, refund, "refund of");
        }

        private void Expire(DateTimeOffset at)
        {
            if (_units == 0)
            {
                return;
            }

            var units = _units;
            _units = 0;
            _expired += units;
            if (_terms.ExpiryRefund is { } option)
            {
                var split = VoucherRefundCalculator.Split(units, _order.UnitPrice, option.Ratio, _unattributed);
                _unattributed -= split.Value;
                var refund = VoucherRefundCalculator.ExpiredFromSplit(_order, units, option, split);
                Settle(at, units, split, refund, "expiry refund of");
                return;
            }

            var value = Attribute(units);
            if (_terms.Mode == SettlementMode.RedeemThenPay)
            {
                PaySeller(at, SettlementEntryKind.ExpiryPayout, value, units, "RTV-08",
                    $"{UnitsText(units)} expired without the expiry refund option: the unredeemed money goes to the seller");
            }

            // T+N without the option: the money is the seller's anyway and is (or was) paid on the T+N date.
        }

        private void Settle(DateTimeOffset at, int units, FormulaSplit split, VoucherRefund refund, string what)
        {
            var fromHeld = _terms.Mode == SettlementMode.RedeemThenPay || !_paidOut;
            var pct = VoucherRefundCalculator.FormatRatio(refund.Ratio!.Value);
            var text = $"{what} {UnitsText(units)}: {units.ToString(CultureInfo.InvariantCulture)} × {Cny.Format(_order.UnitPrice)} × {pct} = {Cny.Format(split.Gross)} − code fee {Cny.Format(split.Fee)}";
            if (fromHeld)
            {
                _held -= split.Value;
                Add(at, SettlementEntryKind.BuyerRefund, SettlementParty.Buyer, split.Refund, units, refund.RuleId, text, RefundSource.PlatformHeldFunds, refund);
                PaySeller(at, SettlementEntryKind.CodeFee, split.Fee, units, "RTV-08", "code fee deducted from the refund");
                PaySeller(at, SettlementEntryKind.RetainedShare, split.Retained, units, "RTV-08",
                    $"share not refunded: {units.ToString(CultureInfo.InvariantCulture)} × {Cny.Format(_order.UnitPrice)} − {Cny.Format(split.Gross)}");
            }
            else
            {
                // The T+N payout already gave the seller this money; like an after-sale refund (RTV-14 (e))
                // it comes back out of the seller's deposit, and the seller simply keeps fee and retained share.
                var fromDeposit = refund with { Source = RefundSource.SellerDeposit };
                Add(at, SettlementEntryKind.BuyerRefund, SettlementParty.Buyer, split.Refund, units, refund.RuleId,
                    text + "; taken from the seller's deposit (funds already paid out)", RefundSource.SellerDeposit, fromDeposit);
            }
        }

        private void TakeUnits(Event e, string list, string property, string ruleId)
        {
            if (e.Count > _units)
            {
                _guard.Fail(string.Create(CultureInfo.InvariantCulture, $"{list}[{e.Index}].{property}"), e.Count.ToString(CultureInfo.InvariantCulture), ruleId,
                    string.Create(CultureInfo.InvariantCulture, $"only {_units} of {_order.Quantity} units are left at {Iso(e.At)} (redeemed {_redeemed}, refunded {_refunded})."));
            }

            _units -= e.Count;
        }

        private decimal Attribute(int units)
        {
            var value = Math.Min(Cny.RoundToFen(units * _order.UnitPrice), _unattributed);
            _unattributed -= value;
            return value;
        }

        private void PayOutEverything(DateTimeOffset at, SettlementEntryKind kind, string description)
        {
            if (_paidOut)
            {
                return;
            }

            _paidOut = true;
            PaySeller(at, kind, _held, _units, "RTV-03", description);
        }

        private void PaySeller(DateTimeOffset at, SettlementEntryKind kind, decimal amount, int units, string ruleId, string description)
        {
            if (kind is not (SettlementEntryKind.CodeFee or SettlementEntryKind.RetainedShare))
            {
                _held -= amount;
            }

            Add(at, kind, SettlementParty.Seller, amount, units, ruleId, description, RefundSource.PlatformHeldFunds, null);
        }

        private void Add(DateTimeOffset at, SettlementEntryKind kind, SettlementParty recipient, decimal amount, int units, string ruleId, string description, RefundSource source, VoucherRefund? refund)
        {
            // Zero movements are noise in a payout schedule, but a refund computation is kept even when it is 0.00.
            if (amount > 0m || refund is not null)
            {
                _entries.Add(new SettlementEntry(at, kind, recipient, amount, units, ruleId, description, source, refund));
            }
        }
    }
}
