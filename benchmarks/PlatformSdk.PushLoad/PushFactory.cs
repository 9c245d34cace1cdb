using System.Globalization;
using System.Text;
using System.Xml.Linq;
using PlatformSdk.Testing.TmallGlobalDirect;

namespace PlatformSdk.PushLoad;

/// <summary>One pre-built push: its URL (query signed), body bytes and the deduplication key the receiver stores it under.</summary>
internal sealed record PreparedPush(Uri Uri, byte[] Body, string DeduplicationKey);

/// <summary>
/// Builds unique, correctly signed <c>consignorder.notify</c> pushes before a cell starts, so the pushers measure the receiver,
/// not the making of requests. The body has the fields of <see cref="FakeTmallGlobalDirectPlatform.EnqueueOrder"/>; the signature
/// is the fake platform's own (<see cref="FakeTmallGlobalDirectPlatform.Sign"/>), independent of the SDK's verifier.
/// </summary>
internal sealed class PushFactory(Uri receiver, string appKey, string secret, string supplierId, int lines)
{
    private const string CodeMark = "@@CODE@@";
    private readonly string _template = Template(supplierId, lines);

    public static int SampleBodyBytes(int lines) => Encoding.UTF8.GetByteCount(Template("2200001234", lines).Replace(CodeMark, "PL0-0000000", StringComparison.Ordinal));

    public PreparedPush[] Build(string runTag, int count)
    {
        var pushes = new PreparedPush[count];
        // Signed with the time of building: the receiver's window (5 minutes) covers a cell of at most two.
        var timestamp = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var code = runTag + "-" + i.ToString("D7", CultureInfo.InvariantCulture);
            var body = _template.Replace(CodeMark, code, StringComparison.Ordinal);
            var query = new List<KeyValuePair<string, string>>
            {
                new("method", FakeTmallGlobalDirectPlatform.ConsignOrderNotifyMethod),
                new("timestamp", timestamp),
                new("format", "xml"),
                new("app_key", appKey),
                new("v", "2.0"),
                new("sign_method", "md5"),
                new("customerId", "c-bench"),
            };
            query.Add(new("sign", FakeTmallGlobalDirectPlatform.Sign(secret, query, body)));
            var uri = new UriBuilder(receiver) { Query = string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))) }.Uri;
            pushes[i] = new PreparedPush(uri, Encoding.UTF8.GetBytes(body), FakeTmallGlobalDirectPlatform.ConsignOrderNotifyMethod + "|" + code);
        });
        return pushes;
    }

    private static string Template(string supplierId, int lines)
    {
        var items = Enumerable.Range(1, lines).Select(i => new XElement("orderItem",
            new XElement("subOrderCode", CodeMark + "-" + i.ToString(CultureInfo.InvariantCulture)),
            new XElement("scItemId", "SC-" + CodeMark + "-" + i.ToString(CultureInfo.InvariantCulture)),
            new XElement("outerId", "SKU-SC-" + i.ToString(CultureInfo.InvariantCulture)),
            new XElement("barCode", (6900000000000L + i).ToString(CultureInfo.InvariantCulture)),
            new XElement("quantity", 1 + (i % 3)),
            new XElement("scItemName", "商品 保湿面霜 50ml 第" + i.ToString(CultureInfo.InvariantCulture) + "件"),
            new XElement("itemAmount", 25800 + i),
            new XElement("tradeOrerId", "T" + CodeMark),
            new XElement("subTradeOrderId", "T" + CodeMark + "-" + i.ToString(CultureInfo.InvariantCulture))));
        var body = new XElement("request",
            new XElement("supplierId", supplierId),
            new XElement("supplierName", "测试供应商"),
            new XElement("bizOrderCode", CodeMark),
            new XElement("bizType", 1),
            new XElement("orderSource", 201),
            new XElement("businessModel", 0),
            new XElement("sellerId", "2206000001"),
            new XElement("sellerNick", "天猫国际直营"),
            new XElement("orderCreateTime", "2026-03-10 10:00:00"),
            new XElement("postFee", 1000),
            new XElement("sourcePlatformCode", "TMGJZY"),
            new XElement("itemsValue", 25800 * lines),
            new XElement("storeCode", "STORE-1"),
            new XElement("receiverInfo",
                new XElement("receiverZipCode", "310000"), new XElement("receiverCountry", "中国"), new XElement("receiverProvince", "浙江省"),
                new XElement("receiverCity", "杭州市"), new XElement("receiverArea", "余杭区"), new XElement("receiverName", "张三"),
                new XElement("receiverMobile", "13800000000"), new XElement("receiverAddress", "文一西路 969 号 海创园 5 号楼")),
            new XElement("orderItems", items));
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + body.ToString(SaveOptions.DisableFormatting);
    }
}
