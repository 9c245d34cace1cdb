using PlatformSdk.Jushuitan;
using PlatformSdk.Matching;
using PlatformSdk.TaobaoVoucher;
using PlatformSdk.TaobaoVoucher.Refunds;
using PlatformSdk.TaobaoVoucher.Settlement;
using PlatformSdk.Top;

namespace PlatformSdk.Conventions.Tests;

/// <summary>The model factories build what a mocked method returns, with the values given.</summary>
public class ModelFactoryTests
{
    [Fact]
    public void TopResult_carries_the_success_object_and_its_request_id()
    {
        var result = TopModelFactory.TopResult("""{"request_id":"r-1","time":"2024-01-01 00:00:00"}""", attempts: 2);

        Assert.Equal("r-1", result.RequestId);
        Assert.Equal(2, result.Attempts);
        Assert.Equal("2024-01-01 00:00:00", result.Result.GetProperty("time").GetString());
    }

    [Fact]
    public void SkuMatchReport_counts_the_outcomes_of_its_results()
    {
        var report = PlatformModelFactory.SkuMatchReport(
        [
            PlatformModelFactory.SkuMatchResult(new PlatformSkuKey("1", "a"), SkuMatchOutcome.Matched, erpSkuCode: "SKU-A"),
            PlatformModelFactory.SkuMatchResult(new PlatformSkuKey("1", "b"), SkuMatchOutcome.NotMatched, ambiguousCandidates: ["P1", "P2"]),
        ]);

        Assert.Equal(1, report.MatchedCount);
        Assert.Equal(1, report.NotMatchedCount);
        Assert.Equal(["P1", "P2"], report.Results[1].AmbiguousCandidates);
    }

    [Fact]
    public void Voucher_money_results_take_the_values_given()
    {
        var at = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));
        var refund = TaobaoVoucherModelFactory.VoucherRefund(VoucherRefundKind.UnexpiredAutomatic, 79m, "RTV-14(a)", codeFeeCharged: 1m);
        var schedule = TaobaoVoucherModelFactory.VoucherSettlementSchedule(
            new VoucherSettlementRequest { Order = new VoucherOrderAmounts(50m, 2), SentAt = at },
            [TaobaoVoucherModelFactory.SettlementEntry(at, SettlementEntryKind.BuyerRefund, SettlementParty.Buyer, 79m, 2, refund: refund)],
            refundedUnits: 2);

        Assert.Equal(80m, refund.GrossAmount);
        Assert.Equal(79m, schedule.RefundedToBuyer);
        Assert.Same(refund, Assert.Single(schedule.Refunds));
        Assert.Equal(2, schedule.RefundedUnits);
    }

    [Fact]
    public void Jushuitan_upload_result_is_built_from_order_results()
        => Assert.True(JushuitanModelFactory.UploadResult(JushuitanModelFactory.OrderUploadResult(10086, "SO-1", oId: 7)).AllSucceeded);
}
