using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Alibaba1688.Validation;
using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688;

/// <summary>
/// The 1688 client for one app used by many shops (R1688-03). Every business call is made for a named shop with that
/// shop's own token: <c>client.ForShop("shopA").Products.GetAsync(offerId)</c>. Obtain it from dependency injection
/// (<c>services.AddPlatformSdk().AddAlibaba1688(...)</c>).
/// </summary>
/// <remarks>Every member is virtual so the client can be mocked.</remarks>
public class Alibaba1688Client
{
    private readonly Alibaba1688Transport _transport = null!;

    internal Alibaba1688Client(Alibaba1688Transport transport)
    {
        _transport = transport;
        Auth = new Alibaba1688AuthClient(transport);
    }

    /// <summary>For mocking.</summary>
    protected Alibaba1688Client() => Auth = null!;

    /// <summary>Shop authorization (OAuth): the authorization URL and the code exchange.</summary>
    public virtual Alibaba1688AuthClient Auth { get; }

    /// <summary>The calls of one shop.</summary>
    /// <param name="shop">The shop name the application uses (the key of <c>Shops</c> in the options, or the name given to <see cref="Alibaba1688AuthClient.ExchangeCodeAsync"/>).</param>
    /// <returns>The shop's client.</returns>
    /// <exception cref="PlatformValidationException">The shop name is blank.</exception>
    public virtual Alibaba1688ShopClient ForShop(string shop)
    {
        Alibaba1688RequestValidator.Shop(shop);
        return new Alibaba1688ShopClient(_transport, shop);
    }
}

/// <summary>The calls of one shop: products, pre-orders, orders and logistics.</summary>
public class Alibaba1688ShopClient
{
    internal Alibaba1688ShopClient(Alibaba1688Transport transport, string shop)
    {
        Shop = shop;
        Products = new Alibaba1688ProductsClient(transport, shop);
        Orders = new Alibaba1688OrdersClient(transport, shop);
        PreOrders = new Alibaba1688PreOrdersClient(transport, shop, Orders);
        Logistics = new Alibaba1688LogisticsClient(transport, shop);
    }

    /// <summary>For mocking.</summary>
    protected Alibaba1688ShopClient()
    {
        Shop = null!;
        Products = null!;
        Orders = null!;
        PreOrders = null!;
        Logistics = null!;
    }

    /// <summary>The shop name.</summary>
    public virtual string Shop { get; }

    /// <summary>Product publish and download (R1688-05..10).</summary>
    public virtual Alibaba1688ProductsClient Products { get; }

    /// <summary>Pre-orders paid by QR code (R1688-13..20).</summary>
    public virtual Alibaba1688PreOrdersClient PreOrders { get; }

    /// <summary>Order queries.</summary>
    public virtual Alibaba1688OrdersClient Orders { get; }

    /// <summary>Carriers and shipping (R1688-14).</summary>
    public virtual Alibaba1688LogisticsClient Logistics { get; }
}
