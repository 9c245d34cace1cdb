using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using PlatformSdk.TaobaoVoucher.Refunds;
using PlatformSdk.TaobaoVoucher.Settlement;

namespace PlatformSdk.Tool.Commands;

/// <summary><c>platformsdk refund</c> and <c>platformsdk settle</c>: the e-voucher money rules of PlatformSdk.TaobaoVoucher (RTV-02/03/08/14).</summary>
internal static class VoucherCommands
{
    private static readonly string[] RefundKinds = ["unexpired-automatic", "unexpired-manual", "not-received", "received-no-return", "after-sale", "expired-automatic"];

    public static Command CreateRefund(Option<bool> json)
    {
        var kind = new Argument<string>("kind") { Description = "The RTV-14 case: " + string.Join(", ", RefundKinds) + " ((a) to (f))." };
        kind.AcceptOnlyFromAmong(RefundKinds);
        var order = new OrderOptions();
        var redeemed = new Option<int>("--redeemed") { Description = "Units already redeemed (not for not-received / after-sale)." };
        var units = new Option<int?>("--units") { Description = "Units refunded: unredeemed units for unexpired-*, expired units for expired-automatic." };
        var ratio = new Option<decimal?>("--ratio") { Description = "The refund ratio as a fraction (0.8 = 80%), for unexpired-* and expired-automatic." };
        var categoryMinimum = new Option<decimal?>("--category-minimum") { Description = "expired-automatic: the category's minimum expiry refund ratio (RTV-08), if it sets one." };
        var amount = new Option<decimal?>("--amount") { Description = "received-no-return: the negotiated amount; after-sale: the amount the buyer claims." };
        var requestedAt = new Option<string?>("--requested-at") { Description = "unexpired-*: when the refund was requested (ISO 8601; no offset = +08:00); default now." };
        var command = new Command("refund", "Compute an e-voucher refund (RTV-14 (a)-(f), RTV-08) with VoucherRefundCalculator and print its explanation. Exit 1 when a rule refuses the input.")
        {
            kind, redeemed, units, ratio, categoryMinimum, amount, requestedAt,
        };
        order.AddTo(command);
        command.SetAction(result =>
        {
            var amounts = order.Read(result);
            var refund = result.GetValue(kind) switch
            {
                "unexpired-automatic" => VoucherRefundCalculator.UnexpiredAutomatic(amounts, result.GetValue(redeemed), Required(result.GetValue(units), "--units"),
                    Required(result.GetValue(ratio), "--ratio"), RequestedAt(result.GetValue(requestedAt))),
                "unexpired-manual" => VoucherRefundCalculator.UnexpiredManual(amounts, result.GetValue(redeemed), Required(result.GetValue(units), "--units"),
                    Required(result.GetValue(ratio), "--ratio"), RequestedAt(result.GetValue(requestedAt))),
                "not-received" => VoucherRefundCalculator.NotReceived(amounts),
                "received-no-return" => VoucherRefundCalculator.ReceivedNoReturn(amounts, result.GetValue(redeemed), Required(result.GetValue(amount), "--amount")),
                "after-sale" => VoucherRefundCalculator.AfterSale(amounts, Required(result.GetValue(amount), "--amount")),
                _ => VoucherRefundCalculator.ExpiredAutomatic(amounts, result.GetValue(redeemed), Required(result.GetValue(units), "--units"),
                    new ExpiryRefundOption(Required(result.GetValue(ratio), "--ratio"), result.GetValue(categoryMinimum))),
            };
            if (result.GetValue(json))
            {
                ToolOutput.WriteJson(RefundJson(refund));
            }
            else
            {
                ToolOutput.WriteLine(refund.Explain());
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateSettle(Option<bool> json)
    {
        var order = new OrderOptions();
        var sentAt = new Option<string>("--sent-at") { Description = "When the codes were sent (ISO 8601; no offset = +08:00).", Required = true };
        var mode = new Option<string>("--mode") { Description = "redeem-then-pay (核销打款, RTV-02, default) or t-plus-n (RTV-03).", DefaultValueFactory = _ => "redeem-then-pay" };
        mode.AcceptOnlyFromAmong("redeem-then-pay", "t-plus-n");
        var payoutDays = new Option<int>("--payout-days") { Description = "t-plus-n: N, 1-90.", DefaultValueFactory = _ => VoucherSettlementTerms.DefaultPayoutDays };
        var earlyPayout = new Option<string>("--early-payout") { Description = "t-plus-n: whole-order (default) or redeemed-units-only.", DefaultValueFactory = _ => "whole-order" };
        earlyPayout.AcceptOnlyFromAmong("whole-order", "redeemed-units-only");
        var expiryRatio = new Option<decimal?>("--expiry-refund-ratio") { Description = "The expiry refund option's ratio (RTV-08); omit when the option is not enabled." };
        var categoryMinimum = new Option<decimal?>("--category-minimum") { Description = "The category's minimum expiry refund ratio, if it sets one." };
        var redeem = new Option<string[]>("--redeem") { Description = "A redemption as TIME,COUNT (repeat), e.g. 2024-06-02T10:00+08:00,1." };
        var refund = new Option<string[]>("--refund") { Description = "An unexpired refund as TIME,COUNT,RATIO (repeat), e.g. 2024-06-03T10:00+08:00,1,0.8." };
        var expiresAt = new Option<string?>("--expires-at") { Description = "When the codes expire; without it outstanding units stay held by the platform." };
        var command = new Command("settle", "Compute an e-voucher settlement schedule (RTV-02, RTV-03, RTV-08, RTV-14) with VoucherSettlementCalculator and print its breakdown. Exit 1 when a rule refuses the input.")
        {
            sentAt, mode, payoutDays, earlyPayout, expiryRatio, categoryMinimum, redeem, refund, expiresAt,
        };
        order.AddTo(command);
        command.SetAction(result =>
        {
            var option = result.GetValue(expiryRatio) is { } r ? new ExpiryRefundOption(r, result.GetValue(categoryMinimum)) : null;
            var terms = result.GetValue(mode) == "t-plus-n"
                ? VoucherSettlementTerms.TPlusN(result.GetValue(payoutDays), option,
                    result.GetValue(earlyPayout) == "redeemed-units-only" ? TPlusNEarlyPayout.RedeemedUnitsOnly : TPlusNEarlyPayout.WholeOrder)
                : VoucherSettlementTerms.RedeemThenPay(option);
            var schedule = VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
            {
                Order = order.Read(result),
                SentAt = ParseTime(result.GetValue(sentAt)!, "--sent-at"),
                Terms = terms,
                Redemptions = [.. (result.GetValue(redeem) ?? []).Select(ParseRedemption)],
                Refunds = [.. (result.GetValue(refund) ?? []).Select(ParseRefund)],
                ExpiresAt = result.GetValue(expiresAt) is { } e ? ParseTime(e, "--expires-at") : null,
            });
            if (result.GetValue(json))
            {
                ToolOutput.WriteJson(ScheduleJson(schedule));
            }
            else
            {
                ToolOutput.WriteLine(schedule.Describe());
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static JsonObject RefundJson(VoucherRefund refund) => new()
    {
        ["kind"] = refund.Kind.ToString(),
        ["rule"] = refund.RuleId,
        ["formula"] = refund.Formula,
        ["unitPrice"] = refund.UnitPrice,
        ["units"] = refund.Units,
        ["ratio"] = refund.Ratio,
        ["grossAmount"] = refund.GrossAmount,
        ["codeFee"] = refund.CodeFee,
        ["codeFeeCharged"] = refund.CodeFeeCharged,
        ["amount"] = refund.Amount,
        ["retainedBySeller"] = refund.RetainedBySeller,
        ["sellerReceives"] = refund.SellerReceives,
        ["source"] = refund.Source.ToString(),
        ["isAutomatic"] = refund.IsAutomatic,
        ["voidsUnusedCodes"] = refund.VoidsUnusedCodes,
        ["requestedAt"] = refund.RequestedAt is { } at ? ToolOutput.Time(at) : null,
        ["dueBy"] = refund.DueBy is { } due ? ToolOutput.Time(due) : null,
        ["cappedAtAmountPaid"] = refund.CappedAtAmountPaid,
        ["assumptions"] = new JsonArray([.. refund.Assumptions.Select(a => (JsonNode?)a)]),
        ["explanation"] = refund.Explain(),
    };

    private static JsonObject ScheduleJson(VoucherSettlementSchedule schedule) => new()
    {
        ["entries"] = new JsonArray([.. schedule.Entries.Select(e => (JsonNode?)new JsonObject
        {
            ["at"] = ToolOutput.Time(e.At),
            ["kind"] = e.Kind.ToString(),
            ["recipient"] = e.Recipient.ToString(),
            ["amount"] = e.Amount,
            ["units"] = e.Units,
            ["rule"] = e.RuleId,
            ["description"] = e.Description,
            ["fundedFrom"] = e.FundedFrom.ToString(),
        })]),
        ["tPlusNDueAt"] = schedule.TPlusNDueAt is { } due ? ToolOutput.Time(due) : null,
        ["paidToSeller"] = schedule.PaidToSeller,
        ["refundedToBuyer"] = schedule.RefundedToBuyer,
        ["deductedFromSellerDeposit"] = schedule.DeductedFromSellerDeposit,
        ["sellerNet"] = schedule.SellerNet,
        ["heldByPlatform"] = schedule.HeldByPlatform,
        ["redeemedUnits"] = schedule.RedeemedUnits,
        ["refundedUnits"] = schedule.RefundedUnits,
        ["expiredUnits"] = schedule.ExpiredUnits,
        ["outstandingUnits"] = schedule.OutstandingUnits,
        ["description"] = schedule.Describe(),
    };

    private static T Required<T>(T? value, string option)
        where T : struct
        => value ?? throw new UsageException($"This refund kind needs {option}.");

    private static DateTimeOffset RequestedAt(string? text) => text is null ? TimeProvider.System.GetUtcNow() : ParseTime(text, "--requested-at");

    private static VoucherUnitRedemption ParseRedemption(string text)
    {
        var parts = text.Split(',');
        return parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? new VoucherUnitRedemption(ParseTime(parts[0], "--redeem"), count)
            : throw new UsageException($"--redeem '{text}' is not TIME,COUNT.");
    }

    private static VoucherUnitRefund ParseRefund(string text)
    {
        var parts = text.Split(',');
        return parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && decimal.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ratio)
            ? new VoucherUnitRefund(ParseTime(parts[0], "--refund"), count, ratio)
            : throw new UsageException($"--refund '{text}' is not TIME,COUNT,RATIO.");
    }

    /// <summary>ISO 8601; a time without an offset is China time, the platforms' clock, never the machine's zone.</summary>
    internal static DateTimeOffset ParseTime(string text, string option)
    {
        var trimmed = text.Trim();
        var hasOffset = trimmed.EndsWith('Z') || trimmed.EndsWith('z')
            || (trimmed.Length > 10 && (trimmed.LastIndexOf('+') > 10 || trimmed.LastIndexOf('-') > 10));
        if (hasOffset && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset;
        }

        if (!hasOffset && DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ChinaTime.Offset);
        }

        throw new UsageException($"{option} '{text}' is not an ISO 8601 time such as 2024-06-01T10:00+08:00.");
    }

    /// <summary>The order options both commands share.</summary>
    private sealed class OrderOptions
    {
        private readonly Option<decimal> _unitPrice = new("--unit-price") { Description = "The unit price in CNY yuan (whole fen).", Required = true };
        private readonly Option<int> _quantity = new("--quantity") { Description = "The units bought.", Required = true };
        private readonly Option<decimal?> _paid = new("--paid") { Description = "What the buyer paid, if less than unit price × quantity (a discount)." };

        public void AddTo(Command command)
        {
            command.Add(_unitPrice);
            command.Add(_quantity);
            command.Add(_paid);
        }

        public VoucherOrderAmounts Read(ParseResult result) =>
            new(result.GetValue(_unitPrice), result.GetValue(_quantity), result.GetValue(_paid));
    }
}
