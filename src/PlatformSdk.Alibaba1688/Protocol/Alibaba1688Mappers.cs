using System.Globalization;
using System.Text.Json;
using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Alibaba1688.Models.Orders;
using PlatformSdk.Alibaba1688.Models.Products;
using PlatformSdk.Money;

namespace PlatformSdk.Alibaba1688.Protocol;

/// <summary>Turns 1688 reply objects into models (doc §6 field lists); unknown or missing fields never fail a parse.</summary>
internal static class Alibaba1688Mappers
{
    public static Alibaba1688Product? Product(JsonElement info)
    {
        if (Alibaba1688Json.Long(info, "productID", "productId") is not { } id)
        {
            return null;
        }

        var images = Alibaba1688Json.Path(info, "image") is { } image
            ? Alibaba1688Json.Array(image, "images").Select(Alibaba1688Json.AsText).OfType<string>().Select(AbsoluteImageUrl).ToArray()
            : [];
        return new Alibaba1688Product
        {
            ProductId = id,
            Subject = Alibaba1688Json.String(info, "subject"),
            Status = Alibaba1688Json.String(info, "status"),
            CategoryId = Alibaba1688Json.Long(info, "categoryID", "categoryId"),
            ProductCargoNumber = Alibaba1688Json.String(info, "productCargoNumber"),
            ReferencePrice = Alibaba1688Json.Decimal(info, "referencePrice"),
            LastUpdateTime = Alibaba1688Json.Time(info, "lastUpdateTime"),
            ImageUrls = images,
            Skus = Alibaba1688Json.Array(info, "skuInfos").Select(Sku).ToArray(),
        };
    }

    public static bool HasSkuInfos(JsonElement info) => Alibaba1688Json.Property(info, "skuInfos") is { ValueKind: JsonValueKind.Array };

    public static string AbsoluteImageUrl(string path)
        => path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? path
            : Alibaba1688WireChoices.ImageHost + path.TrimStart('/');

    public static string RelativeImagePath(string url)
        => url.StartsWith(Alibaba1688WireChoices.ImageHost, StringComparison.OrdinalIgnoreCase) ? url[Alibaba1688WireChoices.ImageHost.Length..] : url;

    private static Alibaba1688Sku Sku(JsonElement sku) => new()
    {
        SkuId = Alibaba1688Json.Long(sku, "skuId", "skuID"),
        SpecId = Alibaba1688Json.String(sku, "specId"),
        CargoNumber = Alibaba1688Json.String(sku, "cargoNumber"),
        Price = Alibaba1688Json.Decimal(sku, "price"),
        AmountOnSale = Alibaba1688Json.Long(sku, "amountOnSale"),
        Attributes = Alibaba1688Json.Array(sku, "attributes").Select(a => new Alibaba1688SkuAttribute(
            Alibaba1688Json.Long(a, "attributeID", "attributeId"),
            Alibaba1688Json.String(a, "attributeDisplayName", "attributeName"),
            Alibaba1688Json.String(a, "attributeValue", "value"))).ToArray(),
    };

    public static Alibaba1688Order? Order(JsonElement trade)
    {
        var baseInfo = Alibaba1688Json.Property(trade, "baseInfo") ?? trade;
        if (Alibaba1688Json.Long(baseInfo, "idOfStr", "id") is not { } id)
        {
            return null;
        }

        var statusText = Alibaba1688Json.String(baseInfo, "status");
        var discountFen = Alibaba1688Json.Long(baseInfo, "discount");
        var preOrderInfo = Alibaba1688Json.Path(trade, "orderBizInfo", "preOrderInfo");
        return new Alibaba1688Order
        {
            OrderId = id,
            Status = Status(statusText),
            StatusText = statusText,
            CreatedAt = Alibaba1688Json.Time(baseInfo, "createTime"),
            PaidAt = Alibaba1688Json.Time(baseInfo, "payTime"),
            AllDeliveredAt = Alibaba1688Json.Time(baseInfo, "allDeliveredTime"),
            ReceivedAt = Alibaba1688Json.Time(baseInfo, "receivingTime"),
            TotalAmount = Alibaba1688Json.Decimal(baseInfo, "totalAmount"),
            ShippingFee = Alibaba1688Json.Decimal(baseInfo, "shippingFee"),
            ProductAmount = Alibaba1688Json.Decimal(baseInfo, "sumProductPayment"),
            Discount = discountFen is { } fen ? Cny.FromFen(fen) : null,
            PreOrderId = Alibaba1688Json.String(baseInfo, "preOrderId"),
            OutOrderId = Alibaba1688Json.String(baseInfo, "outOrderId"),
            RefundStatus = Alibaba1688Json.String(baseInfo, "refundStatus"),
            PreOrderMarketName = preOrderInfo is { } p ? Alibaba1688Json.String(p, "marketName") : null,
            Items = Alibaba1688Json.Array(trade, "productItems").Select(Item).OfType<Alibaba1688OrderItem>().ToArray(),
            Shipments = Alibaba1688Json.Path(trade, "nativeLogistics") is { } logistics
                ? Alibaba1688Json.Array(logistics, "logisticsItems").Select(Shipment).ToArray()
                : [],
        };
    }

    private static Alibaba1688OrderItem? Item(JsonElement item)
        => Alibaba1688Json.Long(item, "subItemIDString", "subItemID") is { } subId
            ? new Alibaba1688OrderItem
            {
                SubItemId = subId,
                ProductId = Alibaba1688Json.Long(item, "productID"),
                SkuId = Alibaba1688Json.Long(item, "skuID"),
                SpecId = Alibaba1688Json.String(item, "specId"),
                Name = Alibaba1688Json.String(item, "name"),
                CargoNumber = Alibaba1688Json.String(item, "cargoNumber"),
                ProductCargoNumber = Alibaba1688Json.String(item, "productCargoNumber"),
                Quantity = Alibaba1688Json.Decimal(item, "quantity") ?? 0m,
                Price = Alibaba1688Json.Decimal(item, "price"),
                ItemAmount = Alibaba1688Json.Decimal(item, "itemAmount"),
                LogisticsStatus = (int?)Alibaba1688Json.Long(item, "logisticsStatus"),
            }
            : null;

    private static Alibaba1688Shipment Shipment(JsonElement item)
    {
        var ids = Alibaba1688Json.Property(item, "subItemIds") is { } raw
            ? raw.ValueKind == JsonValueKind.Array
                ? raw.EnumerateArray().Select(Alibaba1688Json.AsText).OfType<string>().ToArray()
                : (Alibaba1688Json.AsText(raw) ?? string.Empty).Split(',').Select(id => id.Trim()).Where(id => id.Length > 0).ToArray()
            : [];
        return new Alibaba1688Shipment(Alibaba1688Json.String(item, "logisticsCompanyNo"), Alibaba1688Json.String(item, "logisticsBillNo"), ids);
    }

    public static Alibaba1688OrderStatus Status(string? text) => text?.ToLowerInvariant() switch
    {
        "waitbuyerpay" => Alibaba1688OrderStatus.WaitBuyerPay,
        "waitsellersend" => Alibaba1688OrderStatus.WaitSellerSend,
        "waitlogisticstakein" => Alibaba1688OrderStatus.WaitLogisticsTakeIn,
        "waitbuyerreceive" => Alibaba1688OrderStatus.WaitBuyerReceive,
        "waitbuyersign" => Alibaba1688OrderStatus.WaitBuyerSign,
        "signinsuccess" => Alibaba1688OrderStatus.SignInSuccess,
        "confirm_goods" => Alibaba1688OrderStatus.ConfirmGoods,
        "success" => Alibaba1688OrderStatus.Success,
        "cancel" => Alibaba1688OrderStatus.Cancel,
        "terminated" => Alibaba1688OrderStatus.Terminated,
        _ => Alibaba1688OrderStatus.Unknown,
    };

    public static Alibaba1688Carrier? Carrier(JsonElement row)
        => Alibaba1688Json.String(row, "companyNo") is { } no
            ? new Alibaba1688Carrier
            {
                Id = Alibaba1688Json.Long(row, "id"),
                CompanyNo = no,
                Name = Alibaba1688Json.String(row, "companyName"),
                Phone = Alibaba1688Json.String(row, "companyPhone"),
                SupportsPrint = Alibaba1688Json.Bool(row, "supportPrint"),
                Spelling = Alibaba1688Json.String(row, "spelling"),
            }
            : null;

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
