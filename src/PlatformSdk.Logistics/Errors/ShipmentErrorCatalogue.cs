using System.Collections.Frozen;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Errors;

namespace PlatformSdk.Logistics.Errors;

/// <summary>
/// The ways a shipment sync fails on each sales platform (docs/rules.md, RLOG-01 … RLOG-53), as one catalogue:
/// <see cref="Explain(string, string?, string?)"/> turns a platform's refusal into its rule, category and remedy. Messages are
/// matched as fragments after normalisation (surrounding text, ids, embedded codes such as <c>#P38</c>, full-width or
/// half-width punctuation, ASCII case and spaces do not matter); where two rows match, the longer fragment wins, so
/// <c>风控拦截</c> with <c>#CONSIGN_RISK_CONTROL_BLOCK</c> is RLOG-21, not RLOG-17. The 1688 rows are those of
/// <see cref="Alibaba1688ErrorCatalogue"/>, the catalogue the 1688 client itself uses.
/// </summary>
/// <remarks>Explaining allocates nothing: the result is a struct over the built-in rule and the caller's own strings.</remarks>
public static class ShipmentErrorCatalogue
{
    private const string MappingRemedy = "The carrier mapping is wrong: download the platform's carriers, map the ERP's carrier again, then sync again.";

    private static readonly string[] TaobaoFamily = [ShipmentPlatforms.Taobao, ShipmentPlatforms.Tmall];

    private static readonly ShipmentErrorRule[] AllRules = CreateRules();
    private static readonly FrozenDictionary<string, ShipmentErrorRule> ByRuleId = AllRules.ToFrozenDictionary(r => r.RuleId, StringComparer.OrdinalIgnoreCase);
    private static readonly FrozenDictionary<string, ErrorCatalogue> ByPlatform = CreatePlatformCatalogues();
    private static readonly ErrorCatalogue AnyPlatform = Build("Shipment", AllRules.Where(r => r.Kind == ShipmentRuleKind.PlatformError));

    /// <summary>Every rule, RLOG-01 to RLOG-53, in order.</summary>
    public static IReadOnlyList<ShipmentErrorRule> Rules => AllRules;

    /// <summary>The remedy given for a refusal the catalogue does not know.</summary>
    public const string UnknownRemedy = "This refusal is not in the SDK's shipment catalogue: read the platform's message; the shipment is not resent automatically.";

    /// <summary>Explains a platform's refusal of a shipment.</summary>
    /// <param name="platform">The platform (a <see cref="ShipmentPlatforms"/> name or alias); an unknown name is matched against every platform's rows.</param>
    /// <param name="message">The platform's message, as received.</param>
    /// <param name="code">The platform's error code or sub-code, if it sent one apart from the message.</param>
    /// <returns>The explanation; <see cref="ShipmentErrorExplanation.IsKnown"/> is false (category Unknown) when nothing matches, with the raw text kept.</returns>
    public static ShipmentErrorExplanation Explain(string platform, string? message, string? code = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var catalogue = ByPlatform.TryGetValue(platform, out var own) ? own : AnyPlatform;
        var entry = catalogue.Find(code, null, message);
        var rule = entry?.RuleId is { } id && ByRuleId.TryGetValue(id, out var found) ? found : null;
        return new ShipmentErrorExplanation(platform, message, code, rule);
    }

    /// <summary>The rule with this id (<c>RLOG-07</c>), or <see langword="null"/>.</summary>
    /// <param name="ruleId">The rule id, in any case.</param>
    /// <returns>The rule, or <see langword="null"/>.</returns>
    public static ShipmentErrorRule? FindRule(string ruleId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        return ByRuleId.TryGetValue(ruleId, out var rule) ? rule : null;
    }

    /// <summary>
    /// The shipment rows of one platform (its own and those that apply to any platform) as an <see cref="ErrorCatalogue"/>, to
    /// classify a sender's replies with the shared machinery; for an unknown platform, every platform's rows.
    /// </summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The catalogue.</returns>
    public static ErrorCatalogue For(string platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return ByPlatform.TryGetValue(platform, out var catalogue) ? catalogue : AnyPlatform;
    }

    private static FrozenDictionary<string, ErrorCatalogue> CreatePlatformCatalogues()
    {
        var catalogues = new Dictionary<string, ErrorCatalogue>(StringComparer.OrdinalIgnoreCase);
        foreach (var platform in ShipmentPlatforms.All)
        {
            catalogues[platform] = Build(platform, AllRules.Where(r => r.Kind == ShipmentRuleKind.PlatformError && (r.AppliesToAnyPlatform || r.Platforms.Contains(platform))));
        }

        catalogues["PDD"] = catalogues[ShipmentPlatforms.Pinduoduo];
        catalogues["1688"] = catalogues["Alibaba"] = catalogues[ShipmentPlatforms.Alibaba1688];
        catalogues["TOP"] = catalogues[ShipmentPlatforms.Taobao];
        return catalogues.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static ErrorCatalogue Build(string platform, IEnumerable<ShipmentErrorRule> rules)
    {
        var builder = ErrorCatalogue.CreateBuilder(platform);
        foreach (var rule in rules)
        {
            var category = rule.Category!.Value;
            foreach (var fragment in rule.Fragments)
            {
                builder.Message(fragment, category, rule.Remedy, rule.RuleId, rule.IsTokenExpiry, rule.OutcomeUnknown);
            }

            foreach (var code in rule.Codes)
            {
                builder.Code(code, category, rule.Remedy, rule.RuleId, rule.IsTokenExpiry, rule.OutcomeUnknown);
            }
        }

        return builder.Build();
    }

    private static ShipmentErrorRule Error(string id, string[] platforms, ErrorCategory category, string remedy, string[] fragments,
        string[]? codes = null, bool outcomeUnknown = false, bool tokenExpiry = false, TimeSpan? retryAfter = null)
        => new(id, ShipmentRuleKind.PlatformError, platforms, category, remedy, fragments, codes ?? [], outcomeUnknown, tokenExpiry, retryAfter);

    private static ShipmentErrorRule Other(string id, ShipmentRuleKind kind, string[] platforms, ErrorCategory? category, string remedy)
        => new(id, kind, platforms, category, remedy, [], [], false, false, null);

    /// <summary>A 1688 row, taken from the catalogue the 1688 client classifies its own replies with.</summary>
    private static ShipmentErrorRule From1688(string id)
    {
        var entries = Alibaba1688ErrorCatalogue.Instance.Entries.Where(e => e.RuleId == id).ToArray();
        if (entries.Length == 0)
        {
            throw new InvalidOperationException($"{id} is missing from the 1688 error catalogue.");
        }

        return new ShipmentErrorRule(id, ShipmentRuleKind.PlatformError, [ShipmentPlatforms.Alibaba1688], entries[0].Category, entries[0].Remedy,
            [.. entries.Where(e => e.MatchKind == ErrorMatchKind.MessageFragment).Select(e => e.Pattern)],
            [.. entries.Where(e => e.MatchKind == ErrorMatchKind.Code).Select(e => e.Pattern)],
            entries.Any(e => e.OutcomeUnknown), entries.Any(e => e.IsTokenExpiry), null);
    }

    private static ShipmentErrorRule[] CreateRules()
    {
        string[] any = [];
        string[] pdd = [ShipmentPlatforms.Pinduoduo];
        string[] douyin = [ShipmentPlatforms.Douyin];
        string[] suning = [ShipmentPlatforms.Suning];
        string[] youzan = [ShipmentPlatforms.Youzan];
        return
        [
            Error("RLOG-01", TaobaoFamily, ErrorCategory.Configuration,
                "The shop's sender and return addresses are empty: enter them in the shop back office's address library, then sync again.",
                ["无效的联系人,请检查发货人相关信息", "#CD08"], ["CD08"]),
            Error("RLOG-02", pdd, ErrorCategory.Configuration,
                "PDD lists BEST Express twice (codes 204 and 3): map the ERP's BEST carrier to code 3 and remove the mapping to 204.",
                ["物流代码不存在"]),
            Error("RLOG-03", suning, ErrorCategory.Configuration,
                "Yunda Express (韵达快递) was mapped to Yunda Freight (韵达快运): download Suning's carriers and map the express carrier again.",
                ["请检查物流编码或其他信息是否完整"]),
            Error("RLOG-04", suning, ErrorCategory.Configuration, MappingRemedy,
                ["biz.custom.addorderdelivery.invalid-biz:101"], ["biz.custom.addorderdelivery.invalid-biz:101"]),
            From1688("RLOG-05"),
            Other("RLOG-06", ShipmentRuleKind.CarrierMapping, douyin, ErrorCategory.Configuration,
                "Douyin retired the postal codes yzguonei and youzhengbk on 2022-11-30: map China Post's domestic parcel service to youzhengguonei only."),
            Error("RLOG-07", pdd, ErrorCategory.AlreadyDone,
                "PDD already has this shipment (it was synced before) and allows no repeat: record it as synced; never send it again.",
                ["业务服务错误成功发货次数已达上限,请勿重复操作", "成功发货次数已达上限"]),
            Other("RLOG-08", ShipmentRuleKind.SyncPolicy, [ShipmentPlatforms.Taobao, ShipmentPlatforms.Tmall, ShipmentPlatforms.Pinduoduo], null,
                "Several packages for one order: Taobao takes several tracking numbers or a split; PDD takes several numbers but shows only one after a split, so do not split for PDD."),
            Other("RLOG-09", ShipmentRuleKind.SyncPolicy, any, null,
                "Split orders in distribution: choose between syncing when the first sub-order ships (the others may then be intercepted) and holding until every sub-order has its number."),
            Error("RLOG-10", TaobaoFamily, ErrorCategory.Validation,
                "Too many sub-order ids for one call (the list is limited to 500 characters): ship this order by hand in the back office.",
                ["the length of subTid can not be larger than 500"]),
            Error("RLOG-11", TaobaoFamily, ErrorCategory.AlreadyDone,
                "Part of the split order has shipped already: check the order's status on the platform; do not resend the shipped part.",
                ["拆单校验未通过#P38", "#P38"], ["P38"]),
            From1688("RLOG-12"),
            From1688("RLOG-13"),
            Error("RLOG-14", pdd, ErrorCategory.BusinessRule, "The order timed out and PDD marked it out of stock: it cannot be shipped through the API any more.",
                ["订单已被缺货处理"]),
            Error("RLOG-15", pdd, ErrorCategory.Configuration,
                "The carrier mapping is wrong, or the tracking number is not the carrier's: check both, then sync again.",
                ["物流单号格式错误", "物流公司代码或者快递公司名不存在"]),
            Error("RLOG-16", douyin, ErrorCategory.Transient, "Douyin is at a traffic peak: retry later.",
                ["系统当前正处于访问高峰,稍后重试即可成功", "系统当前正处于访问高峰"]),
            Error("RLOG-17", TaobaoFamily, ErrorCategory.BusinessRule,
                "The platform's risk control flags the tracking number as high risk: ship with a Cainiao e-waybill number instead.",
                ["风控拦截#WB_MAILNO_BLACK#", "#WB_MAILNO_BLACK", "风控拦截"], ["WB_MAILNO_BLACK"]),
            Error("RLOG-18", douyin, ErrorCategory.Transient,
                "Despite the text, Douyin timed out: the shipment may have been applied. Check the order's status before sending again.",
                ["order_id 格式错误, 暂只接收母订单"], outcomeUnknown: true),
            Error("RLOG-19", pdd, ErrorCategory.BusinessRule, "PDD accepts only its own e-waybill numbers for this order: print a PDD e-waybill and sync that number.",
                ["暂时无法识别该运单号"]),
            Error("RLOG-20", TaobaoFamily, ErrorCategory.Transient, "The platform could not notify the trade system: retry later.",
                ["发货失败#通知交易异常 #OTHER_CONSIGN_FAIL", "#OTHER_CONSIGN_FAIL"], ["OTHER_CONSIGN_FAIL"]),
            Error("RLOG-21", TaobaoFamily, ErrorCategory.Validation,
                "The waybill number was recycled after a change of carrier: put the current number on the order, then sync again.",
                ["此单号已取消,请重新取号后发货", "#CONSIGN_RISK_CONTROL_BLOCK"], ["CONSIGN_RISK_CONTROL_BLOCK"]),
            Error("RLOG-22", TaobaoFamily, ErrorCategory.Validation, "The delivery method does not match the order (for example offline vs online shipping): send it the order's way.",
                ["发货方式不匹配 #B98", "#B98"], ["B98"]),
            Error("RLOG-23", douyin, ErrorCategory.BusinessRule, "Some sub-orders were refunded: check the order's status on Douyin and ship what remains.",
                ["没有能发货的订单,请修改后重试"]),
            Error("RLOG-24", douyin, ErrorCategory.Configuration, MappingRemedy, ["暂不支持该物流公司或物流商已失效"]),
            Other("RLOG-25", ShipmentRuleKind.CarrierMapping, pdd, ErrorCategory.Configuration,
                "PDD's 圆通快递 is the ERP's 圆通速递 (YTO Express); mapping it to 圆通国际 (YTO International) is wrong."),
            Error("RLOG-26", douyin, ErrorCategory.Configuration, "The tracking number does not fit the mapped carrier: check the carrier mapping and the number's case and length.",
                ["运单号不符合规则,请核对单号大小写、单号位数、快递公司是否正确"]),
            Error("RLOG-27", youzan, ErrorCategory.AlreadyDone, "The order already shipped: record it as synced.", ["订单没有可发货的商品"]),
            Error("RLOG-28", douyin, ErrorCategory.Configuration, "The shop has no default after-sale address: add one in the Douyin shop back office, then sync again.",
                ["无售后信息,请小店后台补充后操作", "无默认售后地址"]),
            Error("RLOG-29", [ShipmentPlatforms.Aikucun], ErrorCategory.BusinessRule, "The order was refunded or cancelled, or the platform's stock is 0: check the order.",
                ["可以实发的数量不足"]),
            Other("RLOG-30", ShipmentRuleKind.SyncPolicy, [ShipmentPlatforms.Wms], null,
                "A tracking number returned by the warehouse is not changed and resynced automatically: fix the carrier and sync that order by hand."),
            Error("RLOG-31", any, ErrorCategory.Validation,
                "The number was used before. Merged orders may share one number only when their addresses are identical; many merged orders can partly fail.",
                ["运单号不符合规则或已使用"]),
            From1688("RLOG-32"),
            Error("RLOG-33", pdd, ErrorCategory.Configuration, "A subsidised order: check the mapping (圆通快递 to 圆通速递) and ship with a PDD e-waybill number.",
                ["补贴订单请前往商家后台发货"]),
            Error("RLOG-34", [ShipmentPlatforms.JD], ErrorCategory.Configuration,
                "JD did not create the waybill: the order's shop must be the shop the JD carrier account is authorized for, with the right customer code; retry, and failing that cancel the outbound, reship and sync again.",
                ["运单没有在青龙系统生成"]),
            Error("RLOG-35", any, ErrorCategory.BusinessRule,
                "Part of the order was refunded: split off and ship the remaining goods, or ship in the back office and mark the order synced.",
                ["发货失败,订单有退款需要处理"]),
            Error("RLOG-36", any, ErrorCategory.BusinessRule, "Some of the orders were refunded or already shipped: check each order's status.",
                ["系统错误:部分订单不符合发货条件"]),
            Error("RLOG-37", [ShipmentPlatforms.Tmall], ErrorCategory.Transient,
                "A third-party failure while notifying the trade: the shipment may have been applied. Check the order's status, then retry several times.",
                ["CD01#通知交易异常 #CD01", "#CD01"], ["CD01"], outcomeUnknown: true),
            Error("RLOG-38", TaobaoFamily, ErrorCategory.Validation,
                "An offline order (imported, with a non-numeric id) needs no sync: skip it.",
                ["the value of tid is not number"]),
            Error("RLOG-39", [ShipmentPlatforms.Gegejia], ErrorCategory.Authentication, "The authorization data is wrong: authorize the shop again.",
                ["非法的合作者信息,账号不存在"]),
            From1688("RLOG-40"),
            Error("RLOG-41", douyin, ErrorCategory.Throttled, "Douyin's rate limit: retry after a delay.", ["QPS over limit"]),
            Error("RLOG-42", [ShipmentPlatforms.Vipshop], ErrorCategory.Transient, "A network failure between the platform and its back end: retry.", ["Connection timed out"]),
            Error("RLOG-43", douyin, ErrorCategory.BusinessRule, "A refund was requested before shipping: check the order.", ["存在子流程需要处理"]),
            Error("RLOG-44", douyin, ErrorCategory.Transient, "Despite the text, Douyin is unstable: retry.", ["认证失败,app_key不存在"]),
            Error("RLOG-45", pdd, ErrorCategory.BusinessRule, "The buyer paid extra for SF Express: ship with PDD's SF e-waybill.", ["增加运费订单请用顺丰发货"]),
            Error("RLOG-46", youzan, ErrorCategory.Throttled, "Two shipments of one order were sent at once: send them one after the other.", ["不能同时发起两笔相同的发货请求"]),
            Error("RLOG-47", any, ErrorCategory.BusinessRule, "The group buy is not complete yet: wait for it, or enter the order by hand.", ["订单待成团,需要成团才能发货"]),
            Error("RLOG-48", pdd, ErrorCategory.Authentication, "PDD's access token expired: refresh it, or authorize the shop again.", ["access_token已过期"], tokenExpiry: true),
            Error("RLOG-49", pdd, ErrorCategory.Throttled, "PDD asks for a pause: retry after 120 seconds. PDD e-waybills avoid it.", ["网络超时异常,请120秒后重试"],
                retryAfter: TimeSpan.FromSeconds(120)),
            Error("RLOG-50", pdd, ErrorCategory.Throttled, "PDD's platform-wide rate limit: retry later.", ["订单调用过于频繁,请调整调用频率"]),
            Error("RLOG-51", any, ErrorCategory.Configuration, MappingRemedy, ["物流公司代码和快递公司名不存在"]),
            From1688("RLOG-52"),
            Other("RLOG-53", ShipmentRuleKind.Context, any, null,
                "The sync succeeded but the platform shows no tracking events: a display issue of the platform; nothing to do in the ERP."),
        ];
    }
}
