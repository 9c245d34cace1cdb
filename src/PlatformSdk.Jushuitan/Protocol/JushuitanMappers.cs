using System.Text.Json;
using PlatformSdk.Jushuitan.Models.Logistics;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Jushuitan.Models.Shops;
using PlatformSdk.Jushuitan.Models.Warehouses;
using static PlatformSdk.Jushuitan.Protocol.JushuitanJson;

namespace PlatformSdk.Jushuitan.Protocol;

/// <summary>Maps reply rows to models; every field optional and read defensively (doc §4 step 8).</summary>
internal static class JushuitanMappers
{
    public static JushuitanShop Shop(JsonElement e) => new()
    {
        ShopId = Long(e, "shop_id") ?? 0,
        ShopName = String(e, "shop_name"),
        CompanyId = Long(e, "co_id"),
        ShopSite = String(e, "shop_site"),
        ShopUrl = String(e, "shop_url"),
        Nick = String(e, "nick"),
        ShortName = String(e, "short_name"),
        GroupId = Long(e, "group_id"),
        GroupName = String(e, "group_name"),
        Organization = String(e, "organization"),
        Created = DateTime(e, "created"),
        SessionExpired = DateTime(e, "session_expired"),
    };

    public static JushuitanWarehousePartner Warehouse(JsonElement e) => new()
    {
        Name = String(e, "name"),
        CompanyId = Long(e, "co_id"),
        WmsCompanyId = Long(e, "wms_co_id") ?? 0,
        IsMain = Bool(e, "is_main"),
        Status = String(e, "status"),
        Remark1 = String(e, "remark1"),
        Remark2 = String(e, "remark2"),
    };

    public static JushuitanLogisticsCompany Logistics(JsonElement e) => new()
    {
        LcId = String(e, "lc_id") ?? string.Empty,
        LcName = String(e, "lc_name"),
        Modified = DateTime(e, "modified"),
    };

    public static JushuitanOrder Order(JsonElement e) => new()
    {
        OId = Long(e, "o_id") ?? 0,
        SoId = String(e, "so_id"),
        ShopId = Long(e, "shop_id"),
        CompanyId = Long(e, "co_id"),
        ShopName = String(e, "shop_name"),
        Status = new JushuitanOrderStatus(String(e, "status") ?? string.Empty),
        ShopStatus = String(e, "shop_status"),
        QuestionType = String(e, "question_type"),
        QuestionDesc = String(e, "question_desc"),
        OrderDate = DateTime(e, "order_date"),
        PayDate = DateTime(e, "pay_date"),
        SendDate = DateTime(e, "send_date"),
        Modified = DateTime(e, "modified"),
        Created = DateTime(e, "created"),
        PayAmount = Decimal(e, "pay_amount"),
        PaidAmount = Decimal(e, "paid_amount"),
        Freight = Decimal(e, "freight"),
        FreeAmount = Decimal(e, "free_amount"),
        LId = String(e, "l_id"),
        LcId = String(e, "lc_id"),
        LogisticsCompany = String(e, "logistics_company"),
        WmsCompanyId = Long(e, "wms_co_id"),
        BuyerMessage = String(e, "buyer_message"),
        Remark = String(e, "remark"),
        Labels = String(e, "labels"),
        Type = String(e, "type"),
        OrderFrom = String(e, "order_from"),
        IsCod = Bool(e, "is_cod"),
        Ts = Long(e, "ts"),
        IsMerge = Bool(e, "is_merge"),
        IsSplit = Bool(e, "is_split"),
        LinkOId = Long(e, "link_o_id"),
        MergeSoId = String(e, "merge_so_id"),
        Items = Array(e, "items").Select(i => new JushuitanOrderItem
        {
            OiId = Long(i, "oi_id"),
            SkuId = String(i, "sku_id"),
            IId = String(i, "i_id"),
            ShopSkuId = String(i, "shop_sku_id"),
            Name = String(i, "name"),
            PropertiesValue = String(i, "properties_value"),
            Qty = Int(i, "qty"),
            Price = Decimal(i, "price"),
            BasePrice = Decimal(i, "base_price"),
            Amount = Decimal(i, "amount"),
            OuterOiId = String(i, "outer_oi_id"),
            RawSoId = String(i, "raw_so_id"),
            RefundStatus = String(i, "refund_status"),
            RefundId = String(i, "refund_id"),
            ItemStatus = String(i, "item_status"),
            IsGift = Bool(i, "is_gift"),
            IsPresale = Bool(i, "is_presale"),
            SkuType = String(i, "sku_type"),
        }).ToArray(),
        Pays = Array(e, "pays").Select(p => new JushuitanOrderPay
        {
            PayId = String(p, "pay_id"),
            OuterPayId = String(p, "outer_pay_id"),
            Amount = Decimal(p, "amount"),
            PayDate = DateTime(p, "pay_date"),
            Payment = String(p, "payment"),
            BuyerAccount = String(p, "buyer_account"),
            Status = String(p, "status"),
            IsOrderPay = Bool(p, "is_order_pay"),
        }).ToArray(),
    };

    public static UploadOrderWire ToWire(JushuitanOrderUpload o) => new()
    {
        ShopId = o.ShopId,
        SoId = o.SoId,
        OrderDate = JushuitanWireTime.Format(o.OrderDate),
        ShopStatus = o.ShopStatus.ToWire(),
        ShopBuyerId = Blank(o.ShopBuyerId),
        ReceiverState = Blank(o.ReceiverState),
        ReceiverCity = Blank(o.ReceiverCity),
        ReceiverDistrict = Blank(o.ReceiverDistrict),
        ReceiverAddress = Blank(o.ReceiverAddress),
        ReceiverName = Blank(o.ReceiverName),
        ReceiverPhone = Blank(o.ReceiverPhone),
        ReceiverMobile = Blank(o.ReceiverMobile),
        ReceiverZip = Blank(o.ReceiverZip),
        ReceiverCountry = Blank(o.ReceiverCountry),
        PayAmount = Money.Cny.RoundToFen(o.PayAmount),
        Freight = Money.Cny.RoundToFen(o.Freight),
        ShopModified = o.ShopModified is { } modified ? JushuitanWireTime.Format(modified) : null,
        BuyerMessage = Blank(o.BuyerMessage),
        Remark = Blank(o.Remark),
        QuestionDesc = Blank(o.QuestionDesc),
        Labels = Blank(o.Labels),
        LcId = Blank(o.LcId),
        LogisticsCompany = Blank(o.LogisticsCompany),
        LId = Blank(o.LId),
        Items = o.Items.Select(i => new UploadItemWire
        {
            SkuId = i.SkuId,
            ShopSkuId = Blank(i.ShopSkuId),
            IId = Blank(i.IId),
            Name = Blank(i.Name),
            PropertiesValue = Blank(i.PropertiesValue),
            Pic = Blank(i.Pic),
            OuterOiId = Blank(i.OuterOiId),
            Amount = i.Amount,
            Price = i.Price,
            BasePrice = i.BasePrice,
            Qty = i.Qty,
            RefundQty = i.RefundQty,
            RefundStatus = i.RefundStatus?.ToWire(),
            IsGift = JushuitanWireChoices.SendIsGift && i.IsGift ? true : null,
        }).ToList(),
        Pay = o.Pay is { } pay
            ? new UploadPayWire
            {
                OuterPayId = pay.OuterPayId,
                PayDate = JushuitanWireTime.Format(pay.PayDate),
                Payment = pay.Payment,
                SellerAccount = Blank(pay.SellerAccount),
                BuyerAccount = Blank(pay.BuyerAccount),
                Amount = pay.Amount,
            }
            : null,
    };

    // Unused text fields are left out entirely, never sent as "" (doc §7).
    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
