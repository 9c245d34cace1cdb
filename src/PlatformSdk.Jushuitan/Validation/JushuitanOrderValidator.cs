using System.Globalization;
using PlatformSdk.Errors;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Jushuitan.Protocol;
using PlatformSdk.Money;
using PlatformSdk.Orders;
using PlatformSdk.Validation;

namespace PlatformSdk.Jushuitan.Validation;

/// <summary>
/// Checks orders before upload, so nothing Jushuitan would reject or silently mis-store reaches the network: field
/// limits (doc §7), amounts (RJST-20), pay node rules (RJST-15, RJST-17, RJST-19), gifts (RJST-18) and the
/// idempotency key (RJST-14). Throws <see cref="PlatformValidationException"/> naming the field, value and rule.
/// </summary>
public static class JushuitanOrderValidator
{
    private static readonly ValidationGuard Guard = new(Errors.JushuitanErrorCatalogue.Platform);

    // An SDK limit (Jushuitan documents none): far above any real order line, far inside the int the wire carries.
    private const int MaxQuantity = 1_000_000;

    /// <summary>Validates a batch of orders.</summary>
    /// <param name="orders">The orders.</param>
    /// <exception cref="PlatformValidationException">An order breaks a rule.</exception>
    public static void Validate(IReadOnlyList<JushuitanOrderUpload> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (orders.Count == 0)
        {
            Guard.Fail("orders", "0", null, "at least one order is required.");
        }

        var keys = new HashSet<(long, string)>();
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i] ?? throw Guard.Fail($"orders[{i}]", null, null, "the order is null.");
            Validate(order, $"orders[{i}]");
            if (!keys.Add((order.ShopId, order.SoId)))
            {
                Guard.Fail($"orders[{i}].so_id", order.SoId, "RJST-14",
                    $"shop {order.ShopId} and so_id '{order.SoId}' appear twice in one upload; (shop_id, so_id) identifies an order, so send each once.");
            }
        }
    }

    /// <summary>Validates one order.</summary>
    /// <param name="order">The order.</param>
    /// <param name="path">The field path prefix used in messages.</param>
    /// <exception cref="PlatformValidationException">The order breaks a rule.</exception>
    public static void Validate(JushuitanOrderUpload order, string path = "order")
    {
        ArgumentNullException.ThrowIfNull(order);
        Guard.Positive($"{path}.shop_id", order.ShopId, "RJST-04");
        // so_id is the idempotency key (RJST-14) and the key the upload is verified and cancelled by.
        Guard.Identifier($"{path}.so_id", order.SoId, 50, "RJST-14");
        if (order.OrderDate == default)
        {
            Guard.Fail($"{path}.order_date", null, null, "the order date is required.");
        }

        Guard.WireTime($"{path}.order_date", order.OrderDate);
        if (order.ShopModified is { } shopModified)
        {
            Guard.WireTime($"{path}.shop_modified", shopModified);
        }

        if (!Enum.IsDefined(order.ShopStatus))
        {
            Guard.Fail($"{path}.shop_status", ((int)order.ShopStatus).ToString(CultureInfo.InvariantCulture), null, "not a known shop_status.");
        }

        Guard.OptionalIdentifier($"{path}.shop_buyer_id", order.ShopBuyerId, 50);
        Guard.OptionalIdentifier($"{path}.receiver_name", order.ReceiverName, 50);
        Guard.OptionalIdentifier($"{path}.receiver_mobile", order.ReceiverMobile, 50);
        Guard.OptionalIdentifier($"{path}.receiver_phone", order.ReceiverPhone, 50);
        Guard.OptionalIdentifier($"{path}.receiver_state", order.ReceiverState, 50);
        Guard.OptionalIdentifier($"{path}.receiver_city", order.ReceiverCity, 50);
        Guard.OptionalIdentifier($"{path}.receiver_district", order.ReceiverDistrict, 50);
        Guard.Text($"{path}.receiver_address", order.ReceiverAddress, 200);
        Guard.OptionalIdentifier($"{path}.receiver_zip", order.ReceiverZip, 20);
        Guard.OptionalIdentifier($"{path}.receiver_country", order.ReceiverCountry, 5);
        Guard.Text($"{path}.buyer_message", order.BuyerMessage, 400);
        Guard.Text($"{path}.remark", order.Remark, JushuitanWireChoices.RemarkMaxLength);
        Guard.Text($"{path}.question_desc", order.QuestionDesc, null);
        Guard.OptionalIdentifier($"{path}.labels", order.Labels, 200);
        Guard.OptionalIdentifier($"{path}.lc_id", order.LcId, null);
        Guard.OptionalIdentifier($"{path}.logistics_company", order.LogisticsCompany, null);
        Guard.OptionalIdentifier($"{path}.l_id", order.LId, null);

        if (order.Items is null || order.Items.Count == 0)
        {
            Guard.Fail($"{path}.items", "0", null, "an order needs at least one item.");
        }

        var outerIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < order.Items!.Count; i++)
        {
            var item = order.Items[i] ?? throw Guard.Fail($"{path}.items[{i}]", null, null, "the item is null.");
            var itemPath = $"{path}.items[{i}]";
            ValidateItem(item, itemPath);
            if (item.OuterOiId is { Length: > 0 } outer && !outerIds.Add(outer))
            {
                Guard.Fail($"{itemPath}.outer_oi_id", outer, null, "outer_oi_id must be unique within the order.");
            }
        }

        // Order-level amounts after the lines, so a bad line amount is reported on the line, not as a total mismatch.
        Guard.NonNegativeFen($"{path}.pay_amount", order.PayAmount, "RJST-20");
        Guard.NonNegativeFen($"{path}.freight", order.Freight, "RJST-20");
        Guard.NonNegativeFen($"{path}.discount", order.Discount, "RJST-20");
        ValidatePay(order, path);

        var payments = order.Pay is null ? Array.Empty<decimal>() : [order.Pay.Amount];
        var check = OrderAmountCheck.Evaluate(order.Items.Select(i => i.Amount), order.Freight, order.PayAmount, payments, order.Discount);
        if (!check.PayableMatches)
        {
            Guard.Fail($"{path}.pay_amount", Cny.Format(order.PayAmount), "RJST-20",
                "sum(items.amount) + freight must equal pay_amount: " + check.DescribeMismatches()[0]);
        }

        if (!check.PaymentsMatch)
        {
            Guard.Fail($"{path}.pay.amount", Cny.Format(order.Pay!.Amount), "RJST-19",
                $"the pay amount must be pay_amount − discount = {Cny.Format(order.PayAmount)} − {Cny.Format(order.Discount)} = {Cny.Format(order.PayAmount - order.Discount)} "
                + "or Jushuitan shows the order as unpaid: " + string.Join(" ", check.DescribeMismatches()));
        }
    }

    private static void ValidateItem(JushuitanUploadItem item, string path)
    {
        Guard.Identifier($"{path}.sku_id", item.SkuId, 40);
        Guard.OptionalIdentifier($"{path}.shop_sku_id", item.ShopSkuId, 128);
        Guard.OptionalIdentifier($"{path}.i_id", item.IId, 40);
        Guard.OptionalIdentifier($"{path}.name", item.Name, 100);
        Guard.OptionalIdentifier($"{path}.properties_value", item.PropertiesValue, 100);
        Guard.OptionalIdentifier($"{path}.pic", item.Pic, 300);
        Guard.OptionalIdentifier($"{path}.outer_oi_id", item.OuterOiId, 50);
        Guard.PositiveAtMost($"{path}.qty", item.Qty, MaxQuantity);
        Guard.NonNegativeFen($"{path}.amount", item.Amount, "RJST-20");
        Guard.NonNegativeDecimal($"{path}.price", item.Price, 4);

        if (item.BasePrice is { } basePrice)
        {
            Guard.NonNegativeFen($"{path}.base_price", basePrice);
        }

        if (item.RefundQty is { } refundQty && (refundQty < 0 || refundQty > item.Qty))
        {
            Guard.Fail($"{path}.refund_qty", refundQty.ToString(CultureInfo.InvariantCulture), null, $"refund_qty must be between 0 and qty ({item.Qty}).");
        }

        if (item.RefundStatus is { } refundStatus && !Enum.IsDefined(refundStatus))
        {
            Guard.Fail($"{path}.refund_status", ((int)refundStatus).ToString(CultureInfo.InvariantCulture), null, "not a known refund status.");
        }

        if (item.IsGift && (item.Price != 0m || item.Amount != 0m))
        {
            Guard.Fail($"{path}.price", item.Price.ToString(CultureInfo.InvariantCulture), "RJST-18",
                $"Jushuitan has no gift flag: a gift is a line with price 0 and amount 0 (got amount {Cny.Format(item.Amount)}).");
        }
    }

    private static void ValidatePay(JushuitanOrderUpload order, string path)
    {
        if (order.ShopStatus == JushuitanShopStatus.WaitBuyerPay && order.Pay is not null)
        {
            Guard.Fail($"{path}.pay", "present", "RJST-19", "an order awaiting payment (WAIT_BUYER_PAY) must not carry a pay node; add it when the order is paid.");
        }

        if (order.ShopStatus.IsPaid() && order.Pay is null)
        {
            Guard.Fail($"{path}.pay", null, "RJST-15",
                $"shop_status {order.ShopStatus.ToWire()} means paid, which needs a pay node whose amount equals pay_amount − discount; without it the ERP shows the order unpaid.");
        }

        if (order.Pay is { } pay)
        {
            Guard.Identifier($"{path}.pay.outer_pay_id", pay.OuterPayId, 50);
            Guard.Identifier($"{path}.pay.payment", pay.Payment, 20);
            Guard.OptionalIdentifier($"{path}.pay.seller_account", pay.SellerAccount, 50);
            Guard.OptionalIdentifier($"{path}.pay.buyer_account", pay.BuyerAccount, 200);
            Guard.NonNegativeFen($"{path}.pay.amount", pay.Amount, "RJST-19");
            if (pay.PayDate == default)
            {
                Guard.Fail($"{path}.pay.pay_date", null, "RJST-15", "the pay date is required.");
            }

            Guard.WireTime($"{path}.pay.pay_date", pay.PayDate, "RJST-15");
        }
    }
}
