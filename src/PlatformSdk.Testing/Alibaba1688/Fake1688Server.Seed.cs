using System.Globalization;

namespace PlatformSdk.Testing.Alibaba1688;

public sealed partial class Fake1688Server
{
    private void ResetBusinessLocked()
    {
        ResetProductsLocked();
        ResetTradeLocked();
        ResetLogisticsLocked();
    }

    private void SeedLocked()
    {
        var now = TimeProvider.GetUtcNow();
        AddShopLocked(new Fake1688Shop { MemberId = Fake1688Seed.MainShopMemberId, LoginId = Fake1688Seed.MainShopLoginId, AliId = 2208857268871 });
        AddShopLocked(new Fake1688Shop
        {
            MemberId = Fake1688Seed.NoMarketShopMemberId,
            LoginId = Fake1688Seed.NoMarketShopLoginId,
            AliId = 2201111111111,
            MarketName = null,
        });
        AddShopLocked(new Fake1688Shop
        {
            MemberId = Fake1688Seed.UnsubscribedShopMemberId,
            LoginId = Fake1688Seed.UnsubscribedShopLoginId,
            AliId = 2202222222222,
            Subscribed = false,
        });

        var main = Fake1688Seed.MainShopMemberId;
        _offers[Fake1688Seed.SimpleOfferId] = new Fake1688Offer
        {
            OfferId = Fake1688Seed.SimpleOfferId,
            MemberId = main,
            Subject = "简易offer 环保纸杯 500只装",
            ProductCargoNumber = "HX-1001",
            Price = 25m,
            IsPrivate = true,
            LastUpdateTime = now,
        };
        string[] colours = ["红色", "红色", "蓝色"];
        string[] sizes = ["M", "L", "M"];
        string[] cargo = ["TS-RED-M", "TS-RED-L", "TS-BLUE-M"];
        decimal[] prices = [39.9m, 42.5m, 39.9m];
        var skus = new List<Fake1688Sku>();
        for (var i = 0; i < cargo.Length; i++)
        {
            var skuId = _nextSkuId++;
            skus.Add(new Fake1688Sku
            {
                SkuId = skuId,
                SpecId = SpecIdFor(skuId),
                CargoNumber = cargo[i],
                Price = prices[i],
                Attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["颜色"] = colours[i], ["尺码"] = sizes[i] },
            });
        }

        _offers[Fake1688Seed.SkuOfferId] = new Fake1688Offer
        {
            OfferId = Fake1688Seed.SkuOfferId,
            MemberId = main,
            Subject = "纯棉圆领T恤",
            ProductCargoNumber = "TS-100",
            Price = 39.9m,
            Skus = skus,
            LastUpdateTime = now,
        };
        for (var i = 1; i <= Fake1688Seed.MainShopOfferCount - 2; i++)
        {
            var offerId = 549605720000 + i;
            _offers[offerId] = new Fake1688Offer
            {
                OfferId = offerId,
                MemberId = main,
                Subject = string.Create(CultureInfo.InvariantCulture, $"批发商品{i:000}"),
                ProductCargoNumber = string.Create(CultureInfo.InvariantCulture, $"PF-{i:000}"),
                Price = 10m + i,
                LastUpdateTime = now,
            };
        }

        string[] names = ["顺丰速运", "中通快递", "圆通速递", "韵达快递", "申通快递", "EMS", "京东快递"];
        string[] spellings = ["shunfeng", "zhongtong", "yuantong", "yunda", "shentong", "ems", "jingdong"];
        for (var i = 0; i < names.Length; i++)
        {
            _carriers.Add(new Fake1688Carrier
            {
                Id = 1 + i,
                CompanyName = names[i],
                CompanyNo = Fake1688Seed.CarrierCodes[i],
                Spelling = spellings[i],
                SupportPrint = true,
            });
        }

        var simple = _offers[Fake1688Seed.SimpleOfferId];
        var red = skus[0];
        var created = now.AddDays(-1);
        var receiver = new Fake1688Receiver
        {
            FullName = "张三",
            Mobile = "13800000000",
            Province = "浙江省",
            City = "杭州市",
            Area = "余杭区",
            Address = "文一西路969号",
        };
        _orders[Fake1688Seed.PaidOrderId] = new Fake1688Order
        {
            OrderId = Fake1688Seed.PaidOrderId,
            SellerMemberId = main,
            Status = "waitsellersend",
            CreatedAt = created,
            PaidAt = created.AddMinutes(5),
            PostFee = 8m,
            BuyerLoginId = "alitestbuyer",
            Receiver = receiver,
            Items =
            [
                new Fake1688OrderItem
                {
                    SubItemId = 3712001234567891001, OfferId = simple.OfferId, ProductCargoNumber = simple.ProductCargoNumber,
                    Name = simple.Subject, Quantity = 2, Price = simple.Price,
                },
                new Fake1688OrderItem
                {
                    SubItemId = 3712001234567891002, OfferId = Fake1688Seed.SkuOfferId, SpecId = red.SpecId, SkuId = red.SkuId,
                    CargoNumber = red.CargoNumber, ProductCargoNumber = "TS-100", Name = "纯棉圆领T恤", Quantity = 3, Price = red.Price,
                },
            ],
        };
        _orders[Fake1688Seed.ShippedOrderId] = new Fake1688Order
        {
            OrderId = Fake1688Seed.ShippedOrderId,
            SellerMemberId = main,
            Status = "waitbuyerreceive",
            CreatedAt = created,
            PaidAt = created.AddMinutes(3),
            AllDeliveredAt = created.AddHours(2),
            PostFee = 0m,
            BuyerLoginId = "alitestbuyer",
            Receiver = receiver,
            Items =
            [
                new Fake1688OrderItem
                {
                    SubItemId = 3712001234567892001, OfferId = simple.OfferId, ProductCargoNumber = simple.ProductCargoNumber,
                    Name = simple.Subject, Quantity = 1, Price = simple.Price, LogisticsStatus = 2,
                },
            ],
            Shipments =
            [
                new Fake1688Shipment
                {
                    LogisticsId = "BX80000000", CompanyNo = "SF", MailNo = "SF1234567890123",
                    SubItemIds = [3712001234567892001], SentAt = created.AddHours(2),
                },
            ],
        };
    }
}
