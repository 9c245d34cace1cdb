namespace PlatformSdk.Testing.Alibaba1688;

/// <summary>A 1688 seller shop (member) the app can be authorized for. Used to add shops and as a snapshot.</summary>
public sealed record Fake1688Shop
{
    /// <summary>The member id (<c>memberId</c> in the token answer), such as <c>b2b-2208857268871e4d5b</c>.</summary>
    public required string MemberId { get; init; }

    /// <summary>The login id, i.e. the shop name (<c>resource_owner</c> in the token answer).</summary>
    public required string LoginId { get; init; }

    /// <summary>The numeric Alibaba account id (<c>aliId</c> in the token answer).</summary>
    public required long AliId { get; init; }

    /// <summary>
    /// Whether the shop's main account subscribed to the app in the service market (R1688-02). When <see langword="false"/>,
    /// authorization and token grants fail with <c>抱歉，系统检测到您尚未订购当前应用</c>.
    /// </summary>
    public bool Subscribed { get; init; } = true;

    /// <summary>The market (市场) bound to the shop, such as <c>其他</c>; <see langword="null"/> when none is bound (R1688-04).</summary>
    public string? MarketName { get; init; } = "其他";

    /// <summary>The freight, in yuan, the platform computes for every pre-order of this shop (returned as <c>postFee</c> in fen).</summary>
    public decimal PostFee { get; init; } = 10m;
}

/// <summary>A SKU (规格) of an offer.</summary>
public sealed record Fake1688Sku
{
    /// <summary>The spec id (<c>specId</c>), a 32-character hex string; used in order lines.</summary>
    public required string SpecId { get; init; }

    /// <summary>The SKU id (<c>skuId</c>).</summary>
    public required long SkuId { get; init; }

    /// <summary>The SKU cargo number (单品货号, <c>cargoNumber</c>), matched against ERP SKU codes (R1688-11).</summary>
    public string? CargoNumber { get; init; }

    /// <summary>The unit price in yuan.</summary>
    public decimal Price { get; init; }

    /// <summary>The quantity on sale.</summary>
    public int AmountOnSale { get; init; } = 999;

    /// <summary>The spec attributes shown to buyers, such as 颜色 = 红色.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>A 1688 offer (商品). Snapshot of the fake's state; add seed offers with <see cref="Fake1688Server.AddOffer"/>.</summary>
public sealed record Fake1688Offer
{
    /// <summary>The offer id (<c>productID</c>), the number in <c>https://detail.1688.com/offer/{id}.html</c>.</summary>
    public required long OfferId { get; init; }

    /// <summary>The owning shop's member id.</summary>
    public required string MemberId { get; init; }

    /// <summary>The title (<c>subject</c>, at most 128 characters).</summary>
    public required string Subject { get; init; }

    /// <summary>The product cargo number (商品货号, <c>productCargoNumber</c>), matched against ERP product codes when the offer has no SKUs.</summary>
    public string? ProductCargoNumber { get; init; }

    /// <summary>The unit price in yuan of an offer without SKUs (<c>referencePrice</c>).</summary>
    public decimal Price { get; init; }

    /// <summary>The status: <c>published</c>, or <c>deleted</c> after <see cref="Fake1688Server.DeleteOffer"/>.</summary>
    public string Status { get; init; } = "published";

    /// <summary>Whether the offer is private (私密商品); offers published through <c>alibaba.product.add</c> are (R1688-07).</summary>
    public bool IsPrivate { get; init; }

    /// <summary>Whether the offer supports online trading; deleted offers do not (R1688-12).</summary>
    public bool Tradable { get; init; } = true;

    /// <summary>The category id (<c>categoryID</c>).</summary>
    public long CategoryId { get; init; }

    /// <summary>The image paths relative to <c>https://cbu01.alicdn.com/</c>.</summary>
    public IReadOnlyList<string> Images { get; init; } = [];

    /// <summary>The SKUs; empty for a simple offer (R1688-08).</summary>
    public IReadOnlyList<Fake1688Sku> Skus { get; init; } = [];

    /// <summary>When the offer was last changed.</summary>
    public DateTimeOffset LastUpdateTime { get; init; }
}

/// <summary>An image stored in a shop's photo bank by <c>alibaba.photobank.photo.add</c>.</summary>
public sealed record Fake1688Image
{
    /// <summary>The image id.</summary>
    public required long ImageId { get; init; }

    /// <summary>The owning shop's member id.</summary>
    public required string MemberId { get; init; }

    /// <summary>The path relative to <c>https://cbu01.alicdn.com/</c> (<c>image.url</c>), used in <c>image.images</c> of a publish.</summary>
    public required string Url { get; init; }

    /// <summary>The name given at upload.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The album id given at upload, if any.</summary>
    public long? AlbumId { get; init; }

    /// <summary>The size of the uploaded bytes.</summary>
    public int Size { get; init; }
}

/// <summary>The receiver of an order (<c>addressParam</c> at creation, or the address the buyer enters while paying).</summary>
public sealed record Fake1688Receiver
{
    /// <summary>The receiver's name (<c>fullName</c>).</summary>
    public required string FullName { get; init; }

    /// <summary>The mobile number.</summary>
    public string? Mobile { get; init; }

    /// <summary>The phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>The post code.</summary>
    public string? PostCode { get; init; }

    /// <summary>The province (<c>provinceText</c>).</summary>
    public string? Province { get; init; }

    /// <summary>The city (<c>cityText</c>).</summary>
    public string? City { get; init; }

    /// <summary>The district (<c>areaText</c>).</summary>
    public string? Area { get; init; }

    /// <summary>The town (<c>townText</c>).</summary>
    public string? Town { get; init; }

    /// <summary>The detailed address (<c>address</c>, at most 200 characters).</summary>
    public string? Address { get; init; }
}

/// <summary>One line (sub-order) of an order.</summary>
public sealed record Fake1688OrderItem
{
    /// <summary>The sub-order id (<c>subItemID</c>), the <c>sourceEntryId</c> of a shipment.</summary>
    public required long SubItemId { get; init; }

    /// <summary>The offer id (<c>productID</c>).</summary>
    public required long OfferId { get; init; }

    /// <summary>The spec id, or <see langword="null"/> for an offer without SKUs.</summary>
    public string? SpecId { get; init; }

    /// <summary>The SKU id, or <see langword="null"/> for an offer without SKUs.</summary>
    public long? SkuId { get; init; }

    /// <summary>The SKU cargo number (<c>cargoNumber</c>).</summary>
    public string? CargoNumber { get; init; }

    /// <summary>The product cargo number (<c>productCargoNumber</c>).</summary>
    public string? ProductCargoNumber { get; init; }

    /// <summary>The offer title at ordering time (<c>name</c>).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The quantity.</summary>
    public required int Quantity { get; init; }

    /// <summary>The unit price in yuan.</summary>
    public required decimal Price { get; init; }

    /// <summary>The line amount in yuan (<c>itemAmount</c> = price × quantity).</summary>
    public decimal ItemAmount => Price * Quantity;

    /// <summary>The logistics status: 1 not shipped, 2 shipped.</summary>
    public int LogisticsStatus { get; init; } = 1;
}

/// <summary>A shipment recorded by <c>alibaba.logistics.OpDeliverySendOrder.offline</c>.</summary>
public sealed record Fake1688Shipment
{
    /// <summary>The logistics order id the platform assigned.</summary>
    public required string LogisticsId { get; init; }

    /// <summary>The carrier code (<c>cpCode</c> = <c>companyNo</c>).</summary>
    public required string CompanyNo { get; init; }

    /// <summary>The waybill number (<c>mailNo</c>).</summary>
    public required string MailNo { get; init; }

    /// <summary>The sub-orders shipped.</summary>
    public required IReadOnlyList<long> SubItemIds { get; init; }

    /// <summary>The send time (<c>gmtSend</c>, or the receive time when absent).</summary>
    public required DateTimeOffset SentAt { get; init; }
}

/// <summary>A 1688 order as the seller sees it. Snapshot of the fake's state.</summary>
public sealed record Fake1688Order
{
    /// <summary>The order id (<c>baseInfo.id</c>).</summary>
    public required long OrderId { get; init; }

    /// <summary>The seller shop's member id.</summary>
    public required string SellerMemberId { get; init; }

    /// <summary>
    /// The status (<c>baseInfo.status</c>): <c>waitbuyerpay</c>, <c>waitsellersend</c>, <c>waitbuyerreceive</c>, <c>success</c>,
    /// <c>cancel</c>, ….
    /// </summary>
    public required string Status { get; init; }

    /// <summary>The lines.</summary>
    public required IReadOnlyList<Fake1688OrderItem> Items { get; init; }

    /// <summary>When the order was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The caller's order id given at creation (<c>outOrderId</c>), if any.</summary>
    public string? OutOrderId { get; init; }

    /// <summary>The pre-order id (<c>baseInfo.preOrderId</c>) when the order was created as a pre-order; otherwise <see langword="null"/>.</summary>
    public long? PreOrderId { get; init; }

    /// <summary>The market name passed when the pre-order was created (<c>orderBizInfo.preOrderInfo.marketName</c>).</summary>
    public string? MarketName { get; init; }

    /// <summary>The freight in yuan (<c>shippingFee</c>).</summary>
    public decimal PostFee { get; init; }

    /// <summary>The buyer message (<c>message</c>).</summary>
    public string? Message { get; init; }

    /// <summary>The receiver, if known.</summary>
    public Fake1688Receiver? Receiver { get; init; }

    /// <summary>The buyer's login id, once the order is paid.</summary>
    public string? BuyerLoginId { get; init; }

    /// <summary>When the order was paid.</summary>
    public DateTimeOffset? PaidAt { get; init; }

    /// <summary>When the last line was shipped (<c>allDeliveredTime</c>).</summary>
    public DateTimeOffset? AllDeliveredAt { get; init; }

    /// <summary>The shipments, oldest first.</summary>
    public IReadOnlyList<Fake1688Shipment> Shipments { get; init; } = [];

    /// <summary>The sum of the line amounts in yuan (<c>sumProductPayment</c>).</summary>
    public decimal SumProductPayment => Items.Sum(item => item.ItemAmount);

    /// <summary>The total in yuan (<c>totalAmount</c> = Σ itemAmount + shippingFee).</summary>
    public decimal TotalAmount => SumProductPayment + PostFee;
}

/// <summary>A carrier of the shop's own-carrier list (自联物流).</summary>
public sealed record Fake1688Carrier
{
    /// <summary>The numeric carrier id (<c>id</c>, the <c>cpId</c>).</summary>
    public required long Id { get; init; }

    /// <summary>The carrier name (<c>companyName</c>).</summary>
    public required string CompanyName { get; init; }

    /// <summary>The carrier code (<c>companyNo</c>), sent as <c>cpCode</c> when shipping.</summary>
    public required string CompanyNo { get; init; }

    /// <summary>The carrier's phone (<c>companyPhone</c>).</summary>
    public string? CompanyPhone { get; init; }

    /// <summary>The pinyin spelling (<c>spelling</c>).</summary>
    public string? Spelling { get; init; }

    /// <summary>Whether electronic waybill printing is supported (<c>supportPrint</c>).</summary>
    public bool SupportPrint { get; init; }
}

/// <summary>What opening a payment URL (scanning the pre-order QR code) gave.</summary>
public enum Fake1688ScanResult
{
    /// <summary>The first scan: the cashier opened and the code is now locked (R1688-16).</summary>
    Opened,

    /// <summary>The code was scanned before and is locked (R1688-16).</summary>
    Locked,

    /// <summary>The fake issued no such payment URL.</summary>
    NotFound,
}
