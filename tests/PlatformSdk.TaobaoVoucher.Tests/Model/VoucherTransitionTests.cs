using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Errors;
using PlatformSdk.TaobaoVoucher.Model;
using static PlatformSdk.TaobaoVoucher.Model.VoucherOrderState;

namespace PlatformSdk.TaobaoVoucher.Tests.Model;

public class VoucherTransitionTests
{
    public enum Operation { Send, Resend, ChangeMobile, GiftTo, Redeem, Reverse, ExtendValidity, Refund, Expire }

    // Resulting state of every legal (state, operation) pair of an order of 3 units; absent pairs are illegal.
    private static readonly Dictionary<(VoucherOrderState, Operation), VoucherOrderState> Legal = new()
    {
        [(AwaitingCode, Operation.Send)] = Issued,
        [(AwaitingCode, Operation.ChangeMobile)] = AwaitingCode,
        [(AwaitingCode, Operation.GiftTo)] = AwaitingCode,
        [(AwaitingCode, Operation.ExtendValidity)] = AwaitingCode,
        [(AwaitingCode, Operation.Refund)] = Refunded,
        [(Issued, Operation.Resend)] = Issued,
        [(Issued, Operation.ChangeMobile)] = Issued,
        [(Issued, Operation.GiftTo)] = Issued,
        [(Issued, Operation.Redeem)] = PartiallyRedeemed,
        [(Issued, Operation.ExtendValidity)] = Issued,
        [(Issued, Operation.Refund)] = Refunded,
        [(Issued, Operation.Expire)] = Expired,
        [(PartiallyRedeemed, Operation.Resend)] = PartiallyRedeemed,
        [(PartiallyRedeemed, Operation.ChangeMobile)] = PartiallyRedeemed,
        [(PartiallyRedeemed, Operation.GiftTo)] = PartiallyRedeemed,
        [(PartiallyRedeemed, Operation.Redeem)] = PartiallyRedeemed,
        [(PartiallyRedeemed, Operation.Reverse)] = Issued,
        [(PartiallyRedeemed, Operation.ExtendValidity)] = PartiallyRedeemed,
        [(PartiallyRedeemed, Operation.Refund)] = Refunded,
        [(PartiallyRedeemed, Operation.Expire)] = Expired,
        [(FullyRedeemed, Operation.Reverse)] = Issued,
    };

    public static TheoryData<VoucherOrderState, Operation> AllPairs()
    {
        var data = new TheoryData<VoucherOrderState, Operation>();
        foreach (var state in Enum.GetValues<VoucherOrderState>())
        {
            foreach (var op in Enum.GetValues<Operation>())
            {
                data.Add(state, op);
            }
        }

        return data;
    }

    [Theory]
    [Rule("RTV-10", "RTV-12", "RTV-15")]
    [MemberData(nameof(AllPairs))]
    public void RTV10_RTV12_RTV15_every_state_and_operation_is_either_a_listed_transition_or_a_typed_refusal(VoucherOrderState state, Operation op)
    {
        var time = Voucher.Clock();
        var order = Voucher.InState(state, time);
        Assert.Equal(state, order.State);

        if (Legal.TryGetValue((state, op), out var expected))
        {
            var after = Apply(order, op);
            Assert.Equal(expected, after.State);
            Assert.Equal(state, order.State);
            Assert.Equal(order.History.Count + 1, after.History.Count);
            Assert.Equal(expected, after.History[^1].StateAfter);
        }
        else
        {
            var ex = Assert.Throws<VoucherStateException>(() => Apply(order, op));
            Assert.Equal(state, ex.State);
            Assert.Equal(op.ToString(), ex.Operation);
            Assert.NotNull(ex.RuleId);
            Assert.StartsWith("RTV-", ex.RuleId, StringComparison.Ordinal);
            Assert.Contains($"rule {ex.RuleId}", ex.Message, StringComparison.Ordinal);
            Assert.Contains(state.ToString(), ex.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<PlatformValidationException>(ex);
        }
    }

    private static VoucherOrder Apply(VoucherOrder order, Operation op) => op switch
    {
        Operation.Send => order.Send(Voucher.FirstCode),
        Operation.Resend => order.Resend(VoucherActor.Seller),
        Operation.ChangeMobile => order.ChangeMobile(VoucherActor.Buyer, "13900001111"),
        Operation.GiftTo => order.GiftTo(VoucherActor.Buyer, "13900002222"),
        Operation.Redeem => order.Redeem(order.LiveCode?.Value ?? "999999", 1, Voucher.LastFour, Voucher.Account),
        Operation.Reverse => order.Reverse("R0001", order.Redemptions.Count > 0 ? order.Redemptions[0].Count : 1),
        Operation.ExtendValidity => order.ExtendValidity(Voucher.ValidUntil.AddMonths(1)),
        Operation.Refund => order.Refund(VoucherRefundReason.UnexpiredAutomatic),
        Operation.Expire => order.Expire(Voucher.ValidUntil.AddSeconds(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    [Fact]
    [Rule("RTV-10")]
    public void RTV10_sending_the_code_ships_the_order_and_the_code_stands_for_all_units()
    {
        var time = Voucher.Clock();
        var created = Voucher.Created(time, quantity: 4);
        Assert.False(created.IsShipped);
        Assert.Null(created.LiveCode);

        time.Advance(TimeSpan.FromMinutes(1));
        var sent = created.Send(Voucher.FirstCode);

        Assert.True(sent.IsShipped);
        Assert.Equal(Voucher.T0.AddMinutes(1), sent.ShippedAt);
        Assert.Equal(Voucher.FirstCode, sent.LiveCode!.Value.Value);
        Assert.Equal(4, sent.Codes.Single().Units);
        Assert.Equal(4, sent.RemainingCount);
        Assert.Equal(VoucherEventKind.CodeSent, sent.History[^1].Kind);
    }

    [Fact]
    [Rule("RTV-10")]
    public void RTV10_send_without_a_code_uses_the_generator()
    {
        var codes = new ScriptedCodeGenerator("765432");
        var sent = Voucher.Created(Voucher.Clock(), codes: codes).Send();
        Assert.Equal("765432", sent.LiveCode!.Value.Value);
    }

    [Fact]
    [Rule("RTV-05")]
    public void RTV05_send_after_the_end_of_validity_is_refused()
    {
        var order = Voucher.Created(Voucher.Clock());
        var ex = Assert.Throws<PlatformValidationException>(() => order.Send(Voucher.FirstCode, Voucher.ValidUntil.AddDays(1)));
        Assert.Equal("RTV-05", ex.RuleId);
    }

    [Fact]
    [Rule("RTV-12")]
    public void RTV12_redeeming_the_last_units_spends_the_code_and_makes_the_order_fully_redeemed()
    {
        var order = Voucher.Sent(Voucher.Clock()).RedeemLive(2).RedeemLive(1);

        Assert.Equal(FullyRedeemed, order.State);
        Assert.Null(order.LiveCode);
        Assert.Equal(VoucherCodeStatus.Spent, order.Codes[^1].Status);
        Assert.Equal(3, order.RedeemedCount);
        Assert.Equal(0, order.RemainingCount);
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14_refund_voids_the_live_code_and_counts_the_remaining_units_as_refunded()
    {
        var order = Voucher.Sent(Voucher.Clock()).RedeemLive(1).Refund(VoucherRefundReason.UnexpiredAutomatic);

        Assert.Equal(Refunded, order.State);
        Assert.Null(order.LiveCode);
        Assert.All(order.Codes, c => Assert.Equal(VoucherCodeStatus.Void, c.Status));
        Assert.Equal(1, order.RedeemedCount);
        Assert.Equal(2, order.RefundedCount);
        Assert.Equal(0, order.RemainingCount);
        Assert.Equal(2, order.History[^1].Count);
        Assert.Equal(VoucherRefundReason.UnexpiredAutomatic, order.History[^1].RefundReason);
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14c_not_received_refund_is_refused_once_a_unit_was_redeemed()
    {
        var order = Voucher.Sent(Voucher.Clock()).RedeemLive(1);
        var ex = Assert.Throws<VoucherStateException>(() => order.Refund(VoucherRefundReason.NotReceived));
        Assert.Equal("RTV-14", ex.RuleId);
        Assert.Equal(PartiallyRedeemed, ex.State);
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14c_not_received_refund_of_an_unsent_order_refunds_every_unit()
    {
        var order = Voucher.Created(Voucher.Clock()).Refund(VoucherRefundReason.NotReceived);
        Assert.Equal(3, order.RefundedCount);
        Assert.Equal(VoucherReportState.Unavailable, order.ReportState);
    }

    [Theory]
    [Rule("RTV-14")]
    [InlineData(VoucherRefundReason.ReceivedNoReturn)]
    [InlineData(VoucherRefundReason.AfterSale)]
    public void RTV14d_e_refunds_that_presume_receipt_are_refused_before_the_code_is_sent(VoucherRefundReason reason)
    {
        var order = Voucher.Created(Voucher.Clock());
        var ex = Assert.Throws<VoucherStateException>(() => order.Refund(reason));
        Assert.Equal(AwaitingCode, ex.State);
    }

    [Theory]
    [Rule("RTV-05", "RTV-14")]
    [InlineData(VoucherRefundReason.UnexpiredAutomatic)]
    [InlineData(VoucherRefundReason.UnexpiredManual)]
    public void RTV14ab_unexpired_refunds_are_refused_after_the_end_of_validity(VoucherRefundReason reason)
    {
        var order = Voucher.Sent(Voucher.Clock());
        var ex = Assert.Throws<PlatformValidationException>(() => order.Refund(reason, Voucher.ValidUntil.AddMinutes(1)));
        Assert.Equal("RTV-05", ex.RuleId);
    }

    [Fact]
    [Rule("RTV-05")]
    public void RTV05_14f_expire_voids_the_code_and_counts_the_remaining_units_as_expired()
    {
        var order = Voucher.Sent(Voucher.Clock()).RedeemLive(1).Expire(Voucher.ValidUntil.AddSeconds(1));

        Assert.Equal(Expired, order.State);
        Assert.Equal(2, order.ExpiredCount);
        Assert.Equal(1, order.RedeemedCount);
        Assert.Null(order.LiveCode);
        Assert.Equal(VoucherReportState.Unavailable, order.ReportState);
    }

    [Fact]
    [Rule("RTV-05")]
    public void RTV05_expire_at_or_before_the_end_of_validity_is_refused()
    {
        var order = Voucher.Sent(Voucher.Clock());
        var ex = Assert.Throws<PlatformValidationException>(() => order.Expire(Voucher.ValidUntil));
        Assert.Equal("RTV-05", ex.RuleId);
        Assert.Equal("at", ex.Field);
    }

    [Fact]
    public void Events_of_one_order_must_not_go_back_in_time()
    {
        var time = Voucher.Clock();
        var order = Voucher.Sent(time);
        var ex = Assert.Throws<PlatformValidationException>(() => order.Resend(VoucherActor.Seller, Voucher.T0.AddMinutes(-1)));
        Assert.Equal("at", ex.Field);
    }

    [Theory]
    [Rule("RTV-15")]
    [InlineData(VoucherOrderState.AwaitingCode, VoucherReportState.Available)]
    [InlineData(VoucherOrderState.Issued, VoucherReportState.Available)]
    [InlineData(VoucherOrderState.PartiallyRedeemed, VoucherReportState.Available)]
    [InlineData(VoucherOrderState.FullyRedeemed, VoucherReportState.Used)]
    [InlineData(VoucherOrderState.Refunded, VoucherReportState.Unavailable)]
    [InlineData(VoucherOrderState.Expired, VoucherReportState.Unavailable)]
    public void RTV15_report_state_follows_the_order_state(VoucherOrderState state, VoucherReportState report)
        => Assert.Equal(report, Voucher.InState(state, Voucher.Clock()).ReportState);

    [Fact]
    public void Orders_are_immutable_a_refused_transition_changes_nothing()
    {
        var order = Voucher.Sent(Voucher.Clock());
        var before = order.History.Count;
        Assert.Throws<PlatformValidationException>(() => order.Redeem(Voucher.FirstCode, 1, "0000", Voucher.Account));
        Assert.Equal(before, order.History.Count);
        Assert.Equal(0, order.RedeemedCount);
        Assert.Equal(Voucher.FirstCode, order.LiveCode!.Value.Value);
    }
}
