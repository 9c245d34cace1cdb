using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Model;

namespace PlatformSdk.TaobaoVoucher.Tests.Model;

public class VoucherTermsTests
{
    [Fact]
    [Rule("RTV-02")]
    public void RTV02_settlement_defaults_to_redeem_then_pay()
    {
        var order = Voucher.Created(Voucher.Clock());
        Assert.Same(VoucherSettlementPlan.RedeemThenPay, order.Settlement);
        Assert.Equal(VoucherSettlementMode.RedeemThenPay, order.Settlement.Mode);
        Assert.Equal("RedeemThenPay", order.Settlement.ToString());
    }

    [Fact]
    [Rule("RTV-02", "RTV-03")]
    public void RTV02_RTV03_T_plus_N_carries_its_N_and_defaults_to_3()
    {
        Assert.Equal(3, VoucherSettlementPlan.TPlusN().PayoutDays);
        Assert.Equal("T+7", VoucherSettlementPlan.TPlusN(7).ToString());
        var terms = Voucher.Terms();
        var order = VoucherOrder.Create(new VoucherOrderTerms
        {
            OrderId = terms.OrderId, Quantity = 1, UnitPrice = 1m, Mobile = Voucher.Mobile, ValidUntil = Voucher.ValidUntil,
            Settlement = VoucherSettlementPlan.TPlusN(),
        });
        Assert.Equal(VoucherSettlementMode.TPlusN, order.Settlement.Mode);
    }

    [Theory]
    [Rule("RTV-02")]
    [InlineData(0)]
    [InlineData(91)]
    public void RTV02_T_plus_N_outside_1_to_90_days_is_rejected(int days)
        => Assert.Equal("RTV-02", Assert.Throws<PlatformValidationException>(() => VoucherSettlementPlan.TPlusN(days)).RuleId);

    [Fact]
    [Rule("RTV-08")]
    public void RTV08_expiry_refund_is_disabled_by_default_and_carries_ratio_and_category_minimum_when_enabled()
    {
        Assert.False(Voucher.Created(Voucher.Clock()).ExpiryRefund.Enabled);
        var option = VoucherExpiryRefundTerms.Enable(0.8m, 0.5m);
        Assert.Equal((true, 0.8m, (decimal?)0.5m), (option.Enabled, option.Ratio, option.CategoryMinimumRatio));
        Assert.Equal(1m, VoucherExpiryRefundTerms.CodeFee);
        Assert.Equal(1m, VoucherExpiryRefundTerms.Enable(1m).Ratio);
    }

    [Theory]
    [Rule("RTV-08")]
    [InlineData(1.01, null)]
    [InlineData(0, null)]
    [InlineData(-0.1, null)]
    [InlineData(0.4, 0.5)]
    [InlineData(0.5, 1.2)]
    public void RTV08_ratio_above_100_percent_or_below_the_category_minimum_is_rejected(double ratio, double? minimum)
    {
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherExpiryRefundTerms.Enable((decimal)ratio, (decimal?)minimum));
        Assert.Equal("RTV-08", ex.RuleId);
    }

    [Theory]
    [Rule("RTV-04", "RTV-09")]
    [InlineData(VoucherItemDelivery.EVoucher, null, VoucherDeliveryMethod.EVoucher)]
    [InlineData(VoucherItemDelivery.EVoucher, VoucherDeliveryMethod.EVoucher, VoucherDeliveryMethod.EVoucher)]
    [InlineData(VoucherItemDelivery.Mail, null, VoucherDeliveryMethod.Mail)]
    [InlineData(VoucherItemDelivery.EVoucherOrMail, VoucherDeliveryMethod.Mail, VoucherDeliveryMethod.Mail)]
    [InlineData(VoucherItemDelivery.EVoucherOrMail, VoucherDeliveryMethod.EVoucher, VoucherDeliveryMethod.EVoucher)]
    public void RTV04_RTV09_delivery_resolves_to_the_offered_or_picked_method(VoucherItemDelivery offered, VoucherDeliveryMethod? chosen, VoucherDeliveryMethod expected)
        => Assert.Equal(expected, VoucherDelivery.Resolve(offered, chosen));

    [Fact]
    [Rule("RTV-09")]
    public void RTV09_an_item_offering_both_needs_the_buyers_pick()
        => Assert.Equal("RTV-09", Assert.Throws<PlatformValidationException>(() => VoucherDelivery.Resolve(VoucherItemDelivery.EVoucherOrMail, null)).RuleId);

    [Theory]
    [Rule("RTV-04")]
    [InlineData(VoucherItemDelivery.EVoucher, VoucherDeliveryMethod.Mail)]
    [InlineData(VoucherItemDelivery.Mail, VoucherDeliveryMethod.EVoucher)]
    public void RTV04_a_pick_the_item_does_not_offer_is_rejected(VoucherItemDelivery offered, VoucherDeliveryMethod chosen)
        => Assert.Equal("RTV-04", Assert.Throws<PlatformValidationException>(() => VoucherDelivery.Resolve(offered, chosen)).RuleId);

    [Fact]
    [Rule("RTV-09")]
    public void RTV09_a_mail_order_is_not_a_voucher_order()
    {
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherOrder.Create(new VoucherOrderTerms
        {
            OrderId = "1", Quantity = 1, UnitPrice = 1m, Mobile = Voucher.Mobile, ValidUntil = Voucher.ValidUntil,
            OfferedDelivery = VoucherItemDelivery.EVoucherOrMail, ChosenDelivery = VoucherDeliveryMethod.Mail,
        }));
        Assert.Equal(("delivery", "RTV-09"), (ex.Field, ex.RuleId));
    }

    [Fact]
    [Rule("RTV-09", "RTV-12")]
    public void RTV09_RTV12_order_terms_are_validated()
    {
        static VoucherOrderTerms With(int quantity = 1, decimal price = 1m, string mobile = Voucher.Mobile, string id = "1")
            => new() { OrderId = id, Quantity = quantity, UnitPrice = price, Mobile = mobile, ValidUntil = Voucher.ValidUntil };

        Assert.Equal("quantity", Assert.Throws<PlatformValidationException>(() => VoucherOrder.Create(With(quantity: 0))).Field);
        Assert.Equal("unitPrice", Assert.Throws<PlatformValidationException>(() => VoucherOrder.Create(With(price: 1.005m))).Field);
        Assert.Equal("mobile", Assert.Throws<PlatformValidationException>(() => VoucherOrder.Create(With(mobile: "12"))).Field);
        Assert.Equal("orderId", Assert.Throws<PlatformValidationException>(() => VoucherOrder.Create(With(id: ""))).Field);

        var order = VoucherOrder.Create(With(quantity: 4, price: 12.5m));
        Assert.Equal((4, 12.5m, VoucherDeliveryMethod.EVoucher), (order.Quantity, order.UnitPrice, order.Delivery));
        Assert.Equal(VoucherEventKind.Created, order.History.Single().Kind);
    }
}
