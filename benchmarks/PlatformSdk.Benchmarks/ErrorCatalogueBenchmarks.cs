using BenchmarkDotNet.Attributes;
using PlatformSdk.Errors;

namespace PlatformSdk.Benchmarks;

/// <summary>
/// Error classification runs on every failed call and, for platforms that report errors in HTTP 200
/// bodies, on every reply: it must stay cheap and allocation-free.
/// </summary>
[MemoryDiagnoser]
public class ErrorCatalogueBenchmarks
{
    private ErrorCatalogue _catalogue = null!;
    private string _longMessage = null!;
    private string _longUnknownMessage = null!;

    /// <summary>The shipment messages of docs/rules.md (RLOG-*) plus codes and sub-codes: about 60 entries, like a real platform.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var builder = ErrorCatalogue.CreateBuilder("Bench");
        string[] fragments =
        [
            "无效的联系人,请检查发货人相关信息", "物流代码不存在", "请检查物流编码或其他信息是否完整", "cpCode and cpId can't be all null",
            "业务服务错误成功发货次数已达上限,请勿重复操作", "the length of subTid can not be larger than 500", "拆单校验未通过#P38",
            "非法参数", "发货失败,订单状态为[等待买家收货]", "订单已被缺货处理", "物流单号格式错误", "物流公司代码或者快递公司名不存在",
            "系统当前正处于访问高峰,稍后重试即可成功", "风控拦截#WB_MAILNO_BLACK#", "order_id 格式错误, 暂只接收母订单", "暂时无法识别该运单号",
            "发货失败#通知交易异常 #OTHER_CONSIGN_FAIL", "此单号已取消,请重新取号后发货", "发货方式不匹配 #B98", "没有能发货的订单,请修改后重试",
            "暂不支持该物流公司或物流商已失效", "运单号不符合规则,请核对单号大小写、单号位数、快递公司是否正确", "订单没有可发货的商品",
            "无售后信息,请小店后台补充后操作", "无默认售后地址", "可以实发的数量不足", "运单号不符合规则或已使用", "发货失败,订单不存在或者不属于当前发货人",
            "补贴订单请前往商家后台发货", "运单没有在青龙系统生成", "发货失败,订单有退款需要处理", "系统错误:部分订单不符合发货条件",
            "CD01#通知交易异常 #CD01", "the value of tid is not number", "非法的合作者信息,账号不存在", "底层服务调用失败", "HSFTimeOutException",
            "QPS over limit", "Connection timed out", "存在子流程需要处理", "认证失败,app_key不存在", "增加运费订单请用顺丰发货",
            "不能同时发起两笔相同的发货请求", "订单待成团,需要成团才能发货", "access_token已过期", "网络超时异常,请120秒后重试",
            "订单调用过于频繁,请调整调用频率", "物流公司代码和快递公司名不存在", "failed to convert map to pojo",
        ];
        var categories = Enum.GetValues<ErrorCategory>();
        for (var i = 0; i < fragments.Length; i++)
        {
            builder.Message(fragments[i], categories[i % categories.Length], "remedy " + i, $"RLOG-{i + 1:00}");
        }

        for (var i = 0; i < 8; i++)
        {
            builder.Code((100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), ErrorCategory.Transient, "code remedy");
        }

        builder.CodePrefix("isp.", ErrorCategory.Transient, "platform failure")
            .CodePrefix("isv.", ErrorCategory.Validation, "invalid request")
            .SubCode("isv.access-token-expired", ErrorCategory.Authentication, "refresh", isTokenExpiry: true)
            .SubCode("biz.custom.addorderdelivery.invalid-biz:101", ErrorCategory.Configuration, "carrier mapping");
        _catalogue = builder.Build();

        // ~300 characters with the known fragment near the end, in full-width punctuation.
        _longMessage = "物流同步失败，请稍后查看。订单号 3791234567890123，子订单 3791234567890124、3791234567890125，" + new string('详', 200) + " 发货失败，订单状态为【等待买家收货】";
        _longUnknownMessage = "物流同步失败，请稍后查看。订单号 3791234567890123，" + new string('详', 260);
    }

    public int Entries => _catalogue.Entries.Count;

    [Benchmark(Baseline = true)]
    public ErrorCatalogueEntry? FindByCode() => _catalogue.Find("104", null, null);

    [Benchmark]
    public ErrorCatalogueEntry? FindByCodePrefix() => _catalogue.Find("isp.remote-service-error", null, null);

    [Benchmark]
    public ErrorCatalogueEntry? FindBySubCode() => _catalogue.Find("27", "isv.access-token-expired", "Invalid session");

    [Benchmark]
    public ErrorCatalogueEntry? FindByShortMessage() => _catalogue.Find("15", null, "QPS over limit");

    [Benchmark]
    public ErrorCatalogueEntry? FindByShortMessageFullWidth() => _catalogue.Find("15", null, "拆单校验未通过＃Ｐ38");

    [Benchmark]
    public ErrorCatalogueEntry? FindBy300CharMessageFullWidth() => _catalogue.Find("15", null, _longMessage);

    [Benchmark]
    public ErrorCatalogueEntry? FindUnknown300CharMessage() => _catalogue.Find("999", null, _longUnknownMessage);

    [Benchmark]
    public PlatformError Classify300CharMessage() => _catalogue.Classify("15", null, _longMessage, 200, "req-1");

    [Benchmark]
    public string Normalize300Chars() => PlatformMessageText.Normalize(_longMessage);
}
