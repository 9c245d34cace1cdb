using CsCheck;
using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Model;

namespace PlatformSdk.TaobaoVoucher.Tests.Model;

public class VoucherPropertyTests
{
    // One step: (kind, x). kind < 7 redeems 1 + x % remaining units; otherwise reverses the (x % n)-th unreversed redemption.
    private static readonly Gen<(int Quantity, (int Kind, int X)[] Steps, int Ending)> Scenarios =
        Gen.Select(Gen.Int[1, 20], Gen.Select(Gen.Int[0, 9], Gen.Int[0, 1000]).Array[0, 40], Gen.Int[0, 2]);

    [Fact]
    [Rule("RTV-12", "RTV-15")]
    public void RTV12_RTV15_counts_codes_and_report_state_stay_consistent_for_any_valid_redemption_sequence()
    {
        Scenarios.Sample(s =>
        {
            var time = Voucher.Clock();
            var order = Voucher.Sent(time, s.Quantity, new ScriptedCodeGenerator());
            CheckInvariants(order);

            foreach (var (kind, x) in s.Steps)
            {
                time.Advance(TimeSpan.FromMinutes(1));
                var open = order.Redemptions.Where(r => r.ReversedAt is null).ToList();
                if (order.RemainingCount > 0 && (kind < 7 || open.Count == 0))
                {
                    var before = order;
                    order = order.RedeemLive(1 + (x % order.RemainingCount));
                    if (order.RemainingCount > 0)
                    {
                        // The code that was just redeemed is void: the buyer must use the new one (RTV-12).
                        Assert.Throws<PlatformValidationException>(() => order.Redeem(before.LiveCode!.Value.Value, 1, Voucher.LastFour, Voucher.Account));
                    }
                }
                else if (open.Count > 0)
                {
                    var target = open[x % open.Count];
                    order = order.Reverse(target.SerialNumber, target.Count);
                }

                CheckInvariants(order);
                Assert.Equal(order.Quantity, order.RedeemedCount + order.RemainingCount);
            }

            time.Advance(TimeSpan.FromMinutes(1));
            if (order.RemainingCount > 0 && s.Ending > 0)
            {
                var remaining = order.RemainingCount;
                order = s.Ending == 1 ? order.Refund(VoucherRefundReason.UnexpiredAutomatic) : order.Expire(Voucher.ValidUntil.AddSeconds(1));
                Assert.Equal(remaining, s.Ending == 1 ? order.RefundedCount : order.ExpiredCount);
                CheckInvariants(order);
            }
        }, iter: 500);
    }

    private static void CheckInvariants(VoucherOrder order)
    {
        Assert.Equal(order.Quantity, order.RedeemedCount + order.RemainingCount + order.RefundedCount + order.ExpiredCount);
        Assert.InRange(order.RemainingCount, 0, order.Quantity);
        Assert.Equal(order.Redemptions.Where(r => r.ReversedAt is null).Sum(r => r.Count), order.RedeemedCount);

        // At most one live code, it is the newest, and it exists exactly while units are left.
        var live = order.Codes.Count(c => c.Status == VoucherCodeStatus.Live);
        Assert.True(live <= 1);
        Assert.Equal(order.RemainingCount > 0 ? 1 : 0, live);
        Assert.Equal(order.Codes.Count, order.Codes.Select(c => c.Code).Distinct().Count());

        var expectedReport = order.RemainingCount > 0 ? VoucherReportState.Available
            : order.RefundedCount + order.ExpiredCount > 0 ? VoucherReportState.Unavailable
            : VoucherReportState.Used;
        Assert.Equal(expectedReport, order.ReportState);

        var expectedState = order.RefundedCount > 0 ? VoucherOrderState.Refunded
            : order.ExpiredCount > 0 ? VoucherOrderState.Expired
            : order.RemainingCount == 0 ? VoucherOrderState.FullyRedeemed
            : order.RedeemedCount > 0 ? VoucherOrderState.PartiallyRedeemed
            : VoucherOrderState.Issued;
        Assert.Equal(expectedState, order.State);
        Assert.Equal(order.RedeemedCount > 0, order.CanReview(order.History[^1].At));
    }
}
