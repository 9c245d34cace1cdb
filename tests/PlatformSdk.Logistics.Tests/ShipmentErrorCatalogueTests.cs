using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Errors;
using PlatformSdk.Logistics;
using PlatformSdk.Logistics.Errors;

namespace PlatformSdk.Logistics.Tests;

/// <summary>How the catalogue as a whole behaves: completeness, precedence, scoping, codes, unknowns, and cost.</summary>
public sealed class ShipmentErrorCatalogueTests
{
    [Fact]
    public void The_catalogue_holds_all_53_shipment_rules_once_and_in_order()
    {
        var expected = Enumerable.Range(1, 53).Select(i => $"RLOG-{i:00}");
        Assert.Equal(expected, ShipmentErrorCatalogue.Rules.Select(r => r.RuleId));
        Assert.All(ShipmentErrorCatalogue.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Remedy)));
        Assert.All(ShipmentErrorCatalogue.Rules.Where(r => r.Kind == ShipmentRuleKind.PlatformError),
            r => Assert.True(r.Category is not null && r.Fragments.Count > 0, r.RuleId));
    }

    [Fact]
    public void Every_fragment_of_every_refusal_explains_to_its_own_rule_on_each_of_its_platforms()
    {
        foreach (var rule in ShipmentErrorCatalogue.Rules.Where(r => r.Kind == ShipmentRuleKind.PlatformError))
        {
            var platforms = rule.AppliesToAnyPlatform ? ShipmentPlatforms.All : rule.Platforms;
            foreach (var platform in platforms)
            {
                foreach (var fragment in rule.Fragments)
                {
                    var why = ShipmentErrorCatalogue.Explain(platform, fragment);
                    Assert.True(why.RuleId == rule.RuleId, $"{rule.RuleId} on {platform}: '{fragment}' explained as {why.RuleId ?? "nothing"}");
                }
            }
        }
    }

    [Fact]
    [Rule("RLOG-17", "RLOG-21")]
    public void RLOG21_risk_control_with_the_consign_block_code_is_the_recycled_number_not_RLOG17_the_blacklisted_one()
    {
        Assert.Equal("RLOG-21", ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Taobao, "风控拦截#CONSIGN_RISK_CONTROL_BLOCK").RuleId);
        Assert.Equal("RLOG-21", ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Tmall, "发货失败：风控拦截 ＃CONSIGN_RISK_CONTROL_BLOCK＃ 单号 YT123").RuleId);
        Assert.Equal("RLOG-17", ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Taobao, "发货失败：风控拦截").RuleId);
        Assert.Equal("RLOG-17", ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Taobao, "风控拦截#WB_MAILNO_BLACK#").RuleId);
    }

    [Fact]
    [Rule("RLOG-20", "RLOG-37")]
    public void RLOG37_on_Tmall_the_cd01_code_wins_over_RLOG20_the_generic_trade_notification_failure()
    {
        Assert.Equal("RLOG-37", ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Tmall, "发货失败#通知交易异常 #CD01").RuleId);
        Assert.Equal("RLOG-20", ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Tmall, "发货失败#通知交易异常 #OTHER_CONSIGN_FAIL").RuleId);
        Assert.False(ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Pinduoduo, "CD01#通知交易异常 #CD01").IsKnown);
    }

    [Fact]
    [Rule("RLOG-18", "RLOG-37", "RLOG-40")]
    public void RLOG18_RLOG37_RLOG40_backend_timeouts_mark_the_outcome_unknown_and_the_error_says_the_write_may_have_happened()
    {
        var timeouts = new[]
        {
            ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Douyin, "order_id 格式错误, 暂只接收母订单"),
            ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Tmall, "CD01#通知交易异常 #CD01"),
            ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Alibaba1688, "com.alibaba.HSFTimeOutException: 底层服务调用失败"),
        };

        Assert.All(timeouts, why =>
        {
            Assert.True(why.OutcomeUnknown, why.ToString());
            Assert.Equal(RequestDelivery.OutcomeUnknown, why.ToPlatformError().Delivery);
        });
        Assert.Equal(["RLOG-18", "RLOG-37", "RLOG-40"], timeouts.Select(t => t.RuleId));
        Assert.Equal(RequestDelivery.Answered, ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Douyin, "QPS over limit").ToPlatformError().Delivery);
    }

    [Fact]
    [Rule("RLOG-49")]
    public void RLOG49_the_platforms_own_delay_reaches_the_error_as_RetryAfter()
    {
        var error = ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Pinduoduo, "网络超时异常,请120秒后重试").ToPlatformError();

        Assert.Equal(ErrorCategory.Throttled, error.Category);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal("RLOG-49", error.RuleId);
    }

    [Fact]
    [Rule("RLOG-48")]
    public void RLOG48_an_expired_pdd_token_is_flagged_as_token_expiry()
        => Assert.True(ShipmentErrorCatalogue.Explain("pdd", "access_token已过期").ToPlatformError().IsTokenExpiry);

    [Fact]
    [Rule("RLOG-11", "RLOG-01", "RLOG-22")]
    public void RLOG11_RLOG01_RLOG22_embedded_codes_are_recognised_on_their_own_or_as_the_code_argument()
    {
        Assert.Equal("RLOG-11", ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Taobao, null, "P38").RuleId);
        Assert.Equal("RLOG-01", ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Tmall, "发货失败 #CD08 请处理").RuleId);
        Assert.Equal("RLOG-22", ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Taobao, "isv.logistics-offline-service-error:B98", "B98").RuleId);
    }

    [Fact]
    public void Rows_are_scoped_to_their_platforms_and_an_unknown_platform_is_matched_against_every_row()
    {
        Assert.Equal("RLOG-14", ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Pinduoduo, "订单已被缺货处理").RuleId);
        Assert.False(ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Douyin, "订单已被缺货处理").IsKnown);
        Assert.Equal("RLOG-14", ShipmentErrorCatalogue.Explain("SomeNewMall", "订单已被缺货处理").RuleId);
        Assert.Equal("RLOG-47", ShipmentErrorCatalogue.Explain(ShipmentPlatforms.JD, "订单待成团,需要成团才能发货").RuleId);
        Assert.Equal("RLOG-07", ShipmentErrorCatalogue.Explain("PDD", "业务服务错误成功发货次数已达上限,请勿重复操作").RuleId);
        Assert.Equal("RLOG-13", ShipmentErrorCatalogue.Explain("1688", "发货失败,订单状态为[等待买家收货]").RuleId);
    }

    [Fact]
    public void An_unknown_refusal_is_Unknown_with_the_raw_text_kept_and_a_remedy_that_says_it_is_not_resent()
    {
        const string Message = "一个从未见过的错误 #ZZ99";
        var why = ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Douyin, Message, "ZZ99");

        Assert.False(why.IsKnown);
        Assert.Null(why.RuleId);
        Assert.Equal(ErrorCategory.Unknown, why.Category);
        Assert.Same(Message, why.Message);
        Assert.Equal("ZZ99", why.Code);
        Assert.Contains("not resent automatically", why.Remedy, StringComparison.Ordinal);
        Assert.False(ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Douyin, null).IsKnown);
        Assert.False(ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Douyin, string.Empty).IsKnown);
    }

    [Fact]
    [Rule("RLOG-05", "RLOG-12", "RLOG-13", "RLOG-32", "RLOG-40", "RLOG-52")]
    public void RLOG05_RLOG12_RLOG13_RLOG32_RLOG40_RLOG52_the_1688_rows_are_the_ones_the_1688_client_classifies_with()
    {
        foreach (var rule in ShipmentErrorCatalogue.Rules.Where(r => r.Platforms.SequenceEqual([ShipmentPlatforms.Alibaba1688])))
        {
            foreach (var fragment in rule.Fragments)
            {
                var client = Alibaba1688ErrorCatalogue.Instance.Classify("500", null, fragment);
                var shipment = ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Alibaba1688, fragment);
                Assert.Equal((client.RuleId, client.Category, client.Remedy), (shipment.RuleId, shipment.Category, shipment.Remedy));
            }
        }
    }

    [Fact]
    [Rule("RLOG-06", "RLOG-08", "RLOG-09", "RLOG-25", "RLOG-30", "RLOG-53")]
    public void RLOG06_RLOG08_RLOG09_RLOG25_RLOG30_RLOG53_mapping_and_policy_rows_are_listed_but_never_match_a_message()
    {
        var kinds = new[] { "RLOG-06", "RLOG-08", "RLOG-09", "RLOG-25", "RLOG-30", "RLOG-53" }.Select(id => ShipmentErrorCatalogue.FindRule(id)!.Kind);
        Assert.Equal([ShipmentRuleKind.CarrierMapping, ShipmentRuleKind.SyncPolicy, ShipmentRuleKind.SyncPolicy, ShipmentRuleKind.CarrierMapping,
            ShipmentRuleKind.SyncPolicy, ShipmentRuleKind.Context], kinds);
        Assert.All(ShipmentErrorCatalogue.Rules.Where(r => r.Kind != ShipmentRuleKind.PlatformError), r => Assert.Empty(r.Fragments));
        Assert.Equal("RLOG-07", ShipmentErrorCatalogue.FindRule("rlog-07")!.RuleId);
        Assert.Null(ShipmentErrorCatalogue.FindRule("RJST-05")); // a rule of another family is not a shipment rule
    }

    [Fact]
    public void Explaining_a_known_or_unknown_refusal_allocates_nothing()
    {
        var long300 = new string('详', 260) + " 发货失败，订单有退款需要处理 " + new string('x', 20);
        void Run()
        {
            ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Pinduoduo, "业务服务错误成功发货次数已达上限,请勿重复操作");
            ShipmentErrorCatalogue.Explain("pdd", "网络超时异常，请120秒后重试");
            ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Taobao, null, "P38");
            ShipmentErrorCatalogue.Explain(ShipmentPlatforms.Douyin, long300);
            ShipmentErrorCatalogue.Explain("SomeNewMall", "完全未知的错误");
        }

        Assert.Equal(0, AllocationMeter.QuietestRound(Run));
    }
}
