using System.Globalization;
using System.Text;

namespace PlatformSdk.Benchmarks.PerCall;

/// <summary>Credentials both clients sign with and the server checks; made-up values of the platforms' shapes.</summary>
internal static class BenchCredentials
{
    public const string JushuitanAppKey = "b0b7d1db226d4216a3d58df9ffa2dde5";
    public const string JushuitanAppSecret = "99c4cef262f34ca882975a7064de0b87";
    public const string JushuitanAccessToken = "b7e3b1e24e174593af8ca5c397e53dad";
    public const string JushuitanRefreshToken = "fa7e5a4db0c2fe5b2f8a11aa3e6d7c01";

    public const string TopAppKey = "12345678";
    public const string TopAppSecret = "8f2a6c1e4b7d9a0c3e5f7b1d2a4c6e8f";
    public const string TopSeller = "bench-shop";
    public const string TopSession = "6100e2b7c1a9f8d3e4b5a6c7d8e9f0a1b2c3d4e5f6a7b8c92201234567";

    public const string TopMethod = "taobao.item.seller.get";
    public const string TopFields = "num_iid,title,nick,price,num,approve_status,cid,outer_id,pic_url,created,modified,list_time,delist_time,desc_modules,sku";
    public const string TopNumIid = "520000000001";

    /// <summary>The <c>biz</c> of a first shops page, exactly as the SDK serializes it.</summary>
    public const string JushuitanShopsBiz = """{"page_index":1,"page_size":100}""";

    public const string JushuitanShopsPath = "/open/shops/query";
    public const string TopRestPath = "/router/rest";
}

/// <summary>The platform replies the loopback server sends: realistic shapes and sizes, the same bytes for the SDK and the hand-written client.</summary>
internal static class CannedReplies
{
    private static readonly string[] Sites = ["自有商城", "淘宝天猫", "京东", "拼多多", "抖音小店"];

    /// <summary>An open API <c>/open/shops/query</c> reply with 20 shops, one page (about 7 KB).</summary>
    public static byte[] JushuitanShops { get; } = Encoding.UTF8.GetBytes(BuildShops(20));

    /// <summary>A <c>taobao.item.seller.get</c> reply: one item with 4 SKUs (about 1.5 KB).</summary>
    public static byte[] TopItem { get; } = Encoding.UTF8.GetBytes(BuildItem());

    public static byte[] JushuitanSignError { get; } = Encoding.UTF8.GetBytes("""{"code":100,"msg":"签名错误","data":null}""");

    public static byte[] TopSignError { get; } = Encoding.UTF8.GetBytes(
        """{"error_response":{"code":25,"msg":"Invalid signature","request_id":"bench-bad-sign"}}""");

    private static string BuildShops(int count)
    {
        var shops = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                shops.Append(',');
            }

            var id = 10_000_001 + i;
            shops.Append(CultureInfo.InvariantCulture,
                $$"""{"shop_id":{{id}},"shop_name":"测试店铺{{i + 1:00}} 旗舰店","co_id":10174711,"shop_site":"{{Sites[i % Sites.Length]}}","shop_url":"https://shop{{id}}.example.com","created":"2023-0{{1 + (i % 9)}}-1{{i % 10}} 10:2{{i % 10}}:3{{i % 10}}","nick":"bench_nick_{{i + 1:00}}","session_expired":"2026-12-31 23:59:59","session_uid":"{{2_200_000_000L + i}}","short_name":"店{{i + 1:00}}","group_id":{{100 + (i % 4)}},"group_name":"分组{{(i % 4) + 1}}"}""");
        }

        return """{"code":0,"msg":"执行成功","data":{"page_index":1,"page_size":100,"has_next":false,"datas":[""" + shops + "]}}";
    }

    private static string BuildItem()
    {
        var skus = new StringBuilder();
        string[] colours = ["红色", "蓝色", "黑色", "白色"];
        for (var i = 0; i < colours.Length; i++)
        {
            if (i > 0)
            {
                skus.Append(',');
            }

            skus.Append(CultureInfo.InvariantCulture,
                $$"""{"sku_id":{{4_300_000_000_001L + i}},"properties":"1627207:{{28_320 + i}};20509:28315","properties_name":"1627207:{{28_320 + i}}:颜色分类:{{colours[i]}};20509:28315:尺码:M","price":"{{99 + i}}.00","quantity":{{120 - (i * 7)}},"outer_id":"HX24-000123-{{i}}-M","created":"2024-03-01 09:30:00","modified":"2025-01-15 18:00:0{{i}}"}""");
        }

        return """{"item_seller_get_response":{"item":{"num_iid":""" + BenchCredentials.TopNumIid
            + ""","title":"2025 新款 纯棉短袖 T 恤 男女同款 宽松圆领","nick":"bench_seller","price":"99.00","num":452,"approve_status":"onsale","cid":50000436,"outer_id":"HX24-000123","pic_url":"https://img.example.com/bao/uploaded/i1/2200000000/O1CN01abcdefgh.jpg","created":"2024-03-01 09:30:00","modified":"2025-01-15 18:00:00","list_time":"2025-01-15 18:00:00","delist_time":"2025-01-22 18:00:00","skus":{"sku":["""
            + skus + """]}},"request_id":"16mxg2s5lq0xw"}}""";
    }
}
