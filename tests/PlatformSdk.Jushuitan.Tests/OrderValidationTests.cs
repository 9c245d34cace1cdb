using PlatformSdk.Errors;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Jushuitan.Validation;

namespace PlatformSdk.Jushuitan.Tests;

public class OrderValidationTests
{
    internal static readonly DateTimeOffset OrderedAt = new(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));

    internal static JushuitanOrderUpload ValidPaidOrder(string soId = "SO-1", long shopId = 10086) => new()
    {
        ShopId = shopId,
        SoId = soId,
        OrderDate = OrderedAt,
        ShopStatus = JushuitanShopStatus.WaitSellerSendGoods,
        PayAmount = 110.00m,
        Freight = 10.00m,
        ReceiverName = "张三",
        ReceiverAddress = "浙江省杭州市西湖区文三路 1 号",
        Items =
        [
            new JushuitanUploadItem { SkuId = "SKU-A", Name = "A", Price = 30m, Qty = 2, Amount = 60m, OuterOiId = "1" },
            new JushuitanUploadItem { SkuId = "SKU-B", Name = "B", Price = 40m, Qty = 1, Amount = 40m, OuterOiId = "2" },
            new JushuitanUploadItem { SkuId = "GIFT", Name = "赠品", Price = 0m, Qty = 1, Amount = 0m, IsGift = true, OuterOiId = "3" },
        ],
        Pay = new JushuitanUploadPay { OuterPayId = "PAY-1", PayDate = OrderedAt.AddMinutes(1), Payment = "支付宝", Amount = 110.00m },
    };

    private static PlatformValidationException Invalid(JushuitanOrderUpload order)
    {
        var ex = Assert.Throws<PlatformValidationException>(() => JushuitanOrderValidator.Validate([order]));
        Assert.Equal(ErrorCategory.Validation, ex.Category);
        return ex;
    }

    private static JushuitanOrderUpload WithItem(JushuitanUploadItem item, decimal? amountOverride = null)
    {
        var order = ValidPaidOrder();
        var amount = amountOverride ?? item.Amount;
        return order with
        {
            Items = [item with { Amount = amount }],
            PayAmount = amount + order.Freight,
            Pay = order.Pay! with { Amount = amount + order.Freight },
        };
    }

    [Fact]
    public void A_valid_paid_order_with_a_gift_passes()
        => JushuitanOrderValidator.Validate([ValidPaidOrder(), ValidPaidOrder("SO-2")]);

    [Fact]
    public void An_unpaid_order_without_pay_passes()
        => JushuitanOrderValidator.Validate([ValidPaidOrder() with { ShopStatus = JushuitanShopStatus.WaitBuyerPay, Pay = null }]);

    [Fact]
    [Rule("RJST-20")]
    public void RJST20_lines_plus_freight_must_equal_pay_amount_and_both_sides_are_reported()
    {
        var ex = Invalid(ValidPaidOrder() with { PayAmount = 120m, Pay = ValidPaidOrder().Pay! with { Amount = 120m } });
        Assert.Equal("orders[0].pay_amount", ex.Field);
        Assert.Equal("RJST-20", ex.RuleId);
        Assert.Contains("lines 100.00 + freight 10.00 = 110.00", ex.Message, StringComparison.Ordinal);
        Assert.Contains("declared payable is 120.00", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RJST-19")]
    public void RJST19_pay_amount_must_equal_pay_amount_minus_default_zero_discount()
    {
        var ex = Invalid(ValidPaidOrder() with { Pay = ValidPaidOrder().Pay! with { Amount = 100m } });
        Assert.Equal("orders[0].pay.amount", ex.Field);
        Assert.Equal("RJST-19", ex.RuleId);
        Assert.Contains("110.00 − 0.00 = 110.00", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RJST-20")]
    public void RJST20_a_declared_discount_is_accepted_when_pay_matches_it()
        => JushuitanOrderValidator.Validate([ValidPaidOrder() with { Discount = 10m, Pay = ValidPaidOrder().Pay! with { Amount = 100m } }]);

    [Fact]
    [Rule("RJST-19", "RJST-20")]
    public void RJST20_overpayment_is_rejected()
        => Assert.Equal("RJST-19", Invalid(ValidPaidOrder() with { Pay = ValidPaidOrder().Pay! with { Amount = 120m } }).RuleId);

    [Theory]
    [Rule("RJST-15", "RJST-17")]
    [InlineData(JushuitanShopStatus.WaitSellerSendGoods)]
    [InlineData(JushuitanShopStatus.WaitBuyerConfirmGoods)]
    [InlineData(JushuitanShopStatus.TradeFinished)]
    [InlineData(JushuitanShopStatus.TradeClosed)]
    public void RJST15_RJST17_paid_statuses_require_a_pay_node(JushuitanShopStatus status)
    {
        var ex = Invalid(ValidPaidOrder() with { ShopStatus = status, Pay = null });
        Assert.Equal("orders[0].pay", ex.Field);
        Assert.Equal("RJST-15", ex.RuleId);
    }

    [Fact]
    [Rule("RJST-19")]
    public void RJST19_wait_buyer_pay_must_not_carry_pay()
    {
        var ex = Invalid(ValidPaidOrder() with { ShopStatus = JushuitanShopStatus.WaitBuyerPay });
        Assert.Equal("orders[0].pay", ex.Field);
        Assert.Equal("RJST-19", ex.RuleId);
    }

    [Fact]
    public void Closed_before_payment_needs_no_pay()
        => JushuitanOrderValidator.Validate([ValidPaidOrder() with { ShopStatus = JushuitanShopStatus.TradeClosedByTaobao, Pay = null }]);

    [Theory]
    [Rule("RJST-18")]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    public void RJST18_a_gift_must_have_price_and_amount_zero(int price, int amount)
    {
        var ex = Invalid(WithItem(new JushuitanUploadItem { SkuId = "GIFT", Qty = 1, Price = price, Amount = amount, IsGift = true }));
        Assert.Equal("RJST-18", ex.RuleId);
        Assert.Equal("orders[0].items[0].price", ex.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Shop_id_must_be_positive(int shopId)
        => Assert.Equal("orders[0].shop_id", Invalid(ValidPaidOrder() with { ShopId = shopId }).Field);

    [Theory]
    [Rule("RJST-14")]
    [InlineData("")]
    [InlineData("  ")]
    public void RJST14_so_id_is_required(string soId)
    {
        var ex = Invalid(ValidPaidOrder() with { SoId = soId });
        Assert.Equal("orders[0].so_id", ex.Field);
        Assert.Equal("RJST-14", ex.RuleId);
    }

    [Fact]
    [Rule("RJST-14")]
    public void RJST14_so_id_at_most_50()
    {
        JushuitanOrderValidator.Validate([ValidPaidOrder(new string('x', 50))]);
        Assert.Equal("orders[0].so_id", Invalid(ValidPaidOrder(new string('x', 51))).Field);
    }

    [Fact]
    [Rule("RJST-09", "RJST-14")]
    public void RJST14_the_same_shop_and_so_id_twice_in_one_upload_is_rejected()
    {
        var ex = Assert.Throws<PlatformValidationException>(() => JushuitanOrderValidator.Validate([ValidPaidOrder(), ValidPaidOrder()]));
        Assert.Equal("orders[1].so_id", ex.Field);
        Assert.Equal("RJST-14", ex.RuleId);
        JushuitanOrderValidator.Validate([ValidPaidOrder(), ValidPaidOrder(shopId: 2)]); // RJST-09: other shop, other order
    }

    [Fact]
    public void Empty_upload_is_rejected()
        => Assert.Equal("orders", Assert.Throws<PlatformValidationException>(() => JushuitanOrderValidator.Validate([])).Field);

    [Fact]
    public void Order_date_is_required()
        => Assert.Equal("orders[0].order_date", Invalid(ValidPaidOrder() with { OrderDate = default }).Field);

    [Fact]
    public void Undefined_shop_status_is_rejected()
        => Assert.Equal("orders[0].shop_status", Invalid(ValidPaidOrder() with { ShopStatus = (JushuitanShopStatus)99 }).Field);

    [Theory]
    [InlineData("shop_buyer_id", 50)]
    [InlineData("receiver_name", 50)]
    [InlineData("receiver_mobile", 50)]
    [InlineData("receiver_phone", 50)]
    [InlineData("receiver_state", 50)]
    [InlineData("receiver_city", 50)]
    [InlineData("receiver_district", 50)]
    [InlineData("receiver_address", 200)]
    [InlineData("receiver_zip", 20)]
    [InlineData("receiver_country", 5)]
    [InlineData("buyer_message", 400)]
    [InlineData("remark", 150)]
    [InlineData("labels", 200)]
    public void Order_text_fields_respect_their_length_limits(string field, int limit)
    {
        JushuitanOrderUpload Set(string value) => field switch
        {
            "shop_buyer_id" => ValidPaidOrder() with { ShopBuyerId = value },
            "receiver_name" => ValidPaidOrder() with { ReceiverName = value },
            "receiver_mobile" => ValidPaidOrder() with { ReceiverMobile = value },
            "receiver_phone" => ValidPaidOrder() with { ReceiverPhone = value },
            "receiver_state" => ValidPaidOrder() with { ReceiverState = value },
            "receiver_city" => ValidPaidOrder() with { ReceiverCity = value },
            "receiver_district" => ValidPaidOrder() with { ReceiverDistrict = value },
            "receiver_address" => ValidPaidOrder() with { ReceiverAddress = value },
            "receiver_zip" => ValidPaidOrder() with { ReceiverZip = value },
            "receiver_country" => ValidPaidOrder() with { ReceiverCountry = value },
            "buyer_message" => ValidPaidOrder() with { BuyerMessage = value },
            "remark" => ValidPaidOrder() with { Remark = value },
            "labels" => ValidPaidOrder() with { Labels = value },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        JushuitanOrderValidator.Validate([Set(new string('字', limit))]);
        var ex = Invalid(Set(new string('字', limit + 1)));
        Assert.Equal("orders[0]." + field, ex.Field);
        Assert.Contains($"at most {limit} characters", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sku_id", 40)]
    [InlineData("shop_sku_id", 128)]
    [InlineData("i_id", 40)]
    [InlineData("name", 100)]
    [InlineData("properties_value", 100)]
    [InlineData("pic", 300)]
    [InlineData("outer_oi_id", 50)]
    public void Item_text_fields_respect_their_length_limits(string field, int limit)
    {
        JushuitanUploadItem Set(string value)
        {
            var item = new JushuitanUploadItem { SkuId = "S", Qty = 1, Price = 10m, Amount = 10m };
            return field switch
            {
                "sku_id" => item with { SkuId = value },
                "shop_sku_id" => item with { ShopSkuId = value },
                "i_id" => item with { IId = value },
                "name" => item with { Name = value },
                "properties_value" => item with { PropertiesValue = value },
                "pic" => item with { Pic = value },
                "outer_oi_id" => item with { OuterOiId = value },
                _ => throw new ArgumentOutOfRangeException(nameof(field)),
            };
        }

        JushuitanOrderValidator.Validate([WithItem(Set(new string('a', limit)))]);
        Assert.Equal("orders[0].items[0]." + field, Invalid(WithItem(Set(new string('a', limit + 1)))).Field);
    }

    [Fact]
    public void Items_are_required()
        => Assert.Equal("orders[0].items", Invalid(ValidPaidOrder() with { Items = [] }).Field);

    [Fact]
    public void Item_sku_id_is_required()
        => Assert.Equal("orders[0].items[0].sku_id", Invalid(WithItem(new JushuitanUploadItem { SkuId = " ", Qty = 1, Price = 1m, Amount = 1m })).Field);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Item_qty_must_be_positive(int qty)
        => Assert.Equal("orders[0].items[0].qty", Invalid(WithItem(new JushuitanUploadItem { SkuId = "S", Qty = qty, Price = 1m, Amount = 1m })).Field);

    [Fact]
    public void Item_amount_must_be_whole_fen()
    {
        var ex = Invalid(WithItem(new JushuitanUploadItem { SkuId = "S", Qty = 1, Price = 1m, Amount = 1.005m }));
        Assert.Equal("orders[0].items[0].amount", ex.Field);
        Assert.Equal("1.005", ex.Value);
    }

    [Fact]
    public void Item_amount_must_not_be_negative()
        => Assert.Equal("orders[0].items[0].amount", Invalid(WithItem(new JushuitanUploadItem { SkuId = "S", Qty = 1, Price = 1m, Amount = -1m })).Field);

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.00001")]
    public void Item_price_is_non_negative_with_at_most_4_decimals(string price)
        => Assert.Equal("orders[0].items[0].price",
            Invalid(WithItem(new JushuitanUploadItem { SkuId = "S", Qty = 1, Price = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), Amount = 1m })).Field);

    [Fact]
    public void Item_price_may_have_4_decimals()
        => JushuitanOrderValidator.Validate([WithItem(new JushuitanUploadItem { SkuId = "S", Qty = 3, Price = 3.3333m, Amount = 10m })]);

    [Fact]
    public void Item_base_price_must_be_whole_fen()
        => Assert.Equal("orders[0].items[0].base_price", Invalid(WithItem(new JushuitanUploadItem { SkuId = "S", Qty = 1, Price = 1m, BasePrice = 1.234m, Amount = 1m })).Field);

    [Fact]
    public void Item_refund_qty_must_be_within_qty()
        => Assert.Equal("orders[0].items[0].refund_qty", Invalid(WithItem(new JushuitanUploadItem { SkuId = "S", Qty = 1, Price = 1m, Amount = 1m, RefundQty = 2 })).Field);

    [Fact]
    public void Item_refund_status_must_be_defined()
        => Assert.Equal("orders[0].items[0].refund_status",
            Invalid(WithItem(new JushuitanUploadItem { SkuId = "S", Qty = 1, Price = 1m, Amount = 1m, RefundStatus = (JushuitanRefundStatus)9 })).Field);

    [Fact]
    public void Outer_oi_id_must_be_unique_within_the_order()
    {
        var order = ValidPaidOrder();
        var ex = Invalid(order with { Items = [order.Items[0], order.Items[1] with { OuterOiId = "1" }, order.Items[2]] });
        Assert.Equal("orders[0].items[1].outer_oi_id", ex.Field);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("110.001")]
    public void Pay_amount_must_be_non_negative_whole_fen(string amount)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("orders[0].pay_amount", Invalid(ValidPaidOrder() with { PayAmount = value }).Field);
    }

    [Fact]
    public void Freight_must_be_non_negative()
        => Assert.Equal("orders[0].freight", Invalid(ValidPaidOrder() with { Freight = -10m }).Field);

    [Fact]
    public void Discount_must_be_non_negative()
        => Assert.Equal("orders[0].discount", Invalid(ValidPaidOrder() with { Discount = -1m }).Field);

    [Theory]
    [InlineData("outer_pay_id", "", "required")]
    [InlineData("outer_pay_id", "51", "length")]
    [InlineData("payment", "", "required")]
    [InlineData("payment", "21", "length")]
    [InlineData("seller_account", "51", "length")]
    [InlineData("buyer_account", "201", "length")]
    public void Pay_text_fields_are_checked(string field, string value, string kind)
    {
        var text = kind == "length" ? new string('p', int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : value;
        var pay = ValidPaidOrder().Pay!;
        pay = field switch
        {
            "outer_pay_id" => pay with { OuterPayId = text },
            "payment" => pay with { Payment = text },
            "seller_account" => pay with { SellerAccount = text },
            "buyer_account" => pay with { BuyerAccount = text },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        Assert.Equal("orders[0].pay." + field, Invalid(ValidPaidOrder() with { Pay = pay }).Field);
    }

    [Fact]
    public void Pay_amount_node_must_be_whole_fen()
        => Assert.Equal("orders[0].pay.amount", Invalid(ValidPaidOrder() with { Pay = ValidPaidOrder().Pay! with { Amount = 109.999m } }).Field);

    [Fact]
    public void Pay_date_is_required()
        => Assert.Equal("orders[0].pay.pay_date", Invalid(ValidPaidOrder() with { Pay = ValidPaidOrder().Pay! with { PayDate = default } }).Field);

    [Fact]
    public void Validation_message_names_field_value_and_rule()
    {
        var ex = Invalid(ValidPaidOrder() with { ShopId = -3 });
        Assert.Contains("orders[0].shop_id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'-3'", ex.Message, StringComparison.Ordinal);
        Assert.Equal("client-validation", ex.ErrorCode);
    }
}
