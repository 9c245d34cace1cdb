using PlatformSdk.Errors;

namespace PlatformSdk.Abstractions.Tests;

/// <summary>Classification of platform errors with the exact strings of docs/rules.md (RLOG-*, RJST-*).</summary>
public class ErrorCatalogueTests
{
    private static readonly ErrorCatalogue Catalogue = ErrorCatalogue.CreateBuilder("Logistics")
        .Code("170", ErrorCategory.Configuration, "The token's company is not the shop's company.", "RJST-07")
        .Code("15", ErrorCategory.Transient, "Generic remote service error; retry.")
        .CodePrefix("isp.", ErrorCategory.Transient, "Platform-side failure; retry.")
        .CodePrefix("isv.", ErrorCategory.Validation, "The request is invalid.")
        .CodePrefix("isv.invalid-permission", ErrorCategory.Authentication, "Re-authorize the shop.")
        .SubCode("biz.custom.addorderdelivery.invalid-biz:101", ErrorCategory.Configuration, "Carrier mapping.", "RLOG-04")
        .SubCode("isv.access-token-expired", ErrorCategory.Authentication, "Refresh the token.", isTokenExpiry: true)
        .SubCodePrefix("isp.top-remote-", ErrorCategory.Transient, "Platform timeout; retry.")
        .Message("拆单校验未通过#P38", ErrorCategory.AlreadyDone, "Part of the split order was already shipped; check order status.", "RLOG-11")
        .Message("发货失败,订单状态为[等待买家收货]", ErrorCategory.AlreadyDone, "Already shipped; no sync needed.", "RLOG-13")
        .Message("发货失败", ErrorCategory.Transient, "Generic shipping failure; retry.")
        .Message("发货失败,订单有退款需要处理", ErrorCategory.BusinessRule, "Partial refund: split and ship the rest.", "RLOG-35")
        .Message("系统错误:部分订单不符合发货条件", ErrorCategory.BusinessRule, "Some orders refunded or already shipped.", "RLOG-36")
        .Message("CD01#通知交易异常 #CD01", ErrorCategory.Transient, "Third-party error; retry several times.", "RLOG-37")
        .Message("QPS over limit", ErrorCategory.Throttled, "Retry after a delay.", "RLOG-41")
        .Message("网络超时异常,请120秒后重试", ErrorCategory.Throttled, "Retry after 120 s.", "RLOG-49")
        .Message("access_token已过期", ErrorCategory.Authentication, "Re-authorize.", "RLOG-48")
        .Message("店铺编号[xxx]的站点类型不是自有商城,无法上传", ErrorCategory.Configuration, "Only own-mall shops accept uploads.", "RJST-06")
        .Message("failed to convert map to pojo", ErrorCategory.Validation, "Split shipping only by sub-order.", "RLOG-52")
        .Build();

    [Theory]
    [Rule("RLOG-11", "RLOG-13", "RLOG-35", "RLOG-36", "RLOG-37", "RLOG-41", "RLOG-48", "RLOG-49", "RLOG-52")]
    [InlineData("拆单校验未通过#P38", "RLOG-11")]
    [InlineData("发货失败:拆单校验未通过#P38 (tid=3791234567890123)", "RLOG-11")]
    [InlineData("拆单校验未通过＃Ｐ38", "RLOG-11")] // full-width # and P
    [InlineData("拆单校验未通过 #p38", "RLOG-11")] // space and lower case
    [InlineData("发货失败,订单状态为[等待买家收货]", "RLOG-13")]
    [InlineData("发货失败，订单状态为【等待买家收货】", "RLOG-13")] // full-width comma and lenticular brackets
    [InlineData("订单 123: 发货失败, 订单状态为 [等待买家收货]。", "RLOG-13")]
    [InlineData("发货失败，订单有退款需要处理", "RLOG-35")]
    [InlineData("系统错误：部分订单不符合发货条件", "RLOG-36")] // full-width colon
    [InlineData("CD01#通知交易异常 #CD01", "RLOG-37")]
    [InlineData("CD01#通知交易异常#CD01", "RLOG-37")]
    [InlineData("cd01 # 通知交易异常 # cd01", "RLOG-37")]
    [InlineData("QPS over limit", "RLOG-41")]
    [InlineData("qps OVER   limit, please retry later", "RLOG-41")]
    [InlineData("ＱＰＳ ｏｖｅｒ ｌｉｍｉｔ", "RLOG-41")] // full-width Latin letters
    [InlineData("网络超时异常，请120秒后重试", "RLOG-49")]
    [InlineData("access_token已过期(code:10019)", "RLOG-48")]
    [InlineData("failed to convert map to pojo（OpDeliverySendOrder）", "RLOG-52")]
    public void Message_fragments_match_whatever_the_punctuation_width_spacing_case_and_surrounding_text(string message, string ruleId)
    {
        var entry = Catalogue.Find(code: "99999", subCode: null, message);

        Assert.NotNull(entry);
        Assert.Equal(ruleId, entry.RuleId);
    }

    [Theory]
    [InlineData("发货成功")]
    [InlineData("订单状态为[等待买家收货]")] // the fragment's tail alone is not the fragment
    [InlineData("拆单校验未通过#P39")]
    [InlineData("")]
    public void Messages_without_a_known_fragment_do_not_match(string message)
        => Assert.Null(Catalogue.Find(code: null, subCode: null, message));

    [Fact]
    [Rule("RJST-07")]
    public void RJST07_exact_code_matches()
    {
        var entry = Catalogue.Find("170", null, "店铺编号[10086]对应公司与系统配置的不一致,请检查配置!");

        Assert.NotNull(entry);
        Assert.Equal(ErrorCategory.Configuration, entry.Category);
        Assert.Equal("RJST-07", entry.RuleId);
    }

    [Theory]
    [InlineData("isp.remote-service-error", ErrorCategory.Transient)]
    [InlineData("isv.invalid-parameter", ErrorCategory.Validation)]
    [InlineData("isv.invalid-permission:session", ErrorCategory.Authentication)] // longest prefix wins
    public void Code_prefixes_match_code_families_longest_first(string code, ErrorCategory expected)
        => Assert.Equal(expected, Catalogue.Find(code, null, "no fragment here")?.Category);

    [Fact]
    public void Codes_match_ordinally()
        => Assert.Null(Catalogue.Find("ISP.remote-service-error", null, null));

    [Fact]
    [Rule("RLOG-04")]
    public void RLOG04_sub_code_matches_exactly_and_by_prefix()
    {
        Assert.Equal("RLOG-04", Catalogue.Find("15", "biz.custom.addorderdelivery.invalid-biz:101", null)?.RuleId);
        Assert.Equal(ErrorCategory.Transient, Catalogue.Find(null, "isp.top-remote-connection-timeout", null)?.Category);
        Assert.True(Catalogue.Find("27", "isv.access-token-expired", null)?.IsTokenExpiry);
    }

    [Fact]
    [Rule("RJST-07", "RLOG-04", "RLOG-11")]
    public void Precedence_is_sub_code_then_message_fragment_then_code()
    {
        const string message = "拆单校验未通过#P38";

        Assert.Equal("RLOG-04", Catalogue.Find("170", "biz.custom.addorderdelivery.invalid-biz:101", message)?.RuleId);
        Assert.Equal("RLOG-11", Catalogue.Find("170", "unknown-sub-code", message)?.RuleId);
        Assert.Equal("RJST-07", Catalogue.Find("170", "unknown-sub-code", "nothing known")?.RuleId);
        Assert.Equal(ErrorCategory.Transient, Catalogue.Find("isp.unknown", null, "nothing known")?.Category);
    }

    [Theory]
    [Rule("RLOG-13", "RLOG-35")]
    [InlineData("发货失败,订单状态为[等待买家收货]", "RLOG-13")]
    [InlineData("发货失败，订单有退款需要处理", "RLOG-35")]
    [InlineData("发货失败,网络异常", null)] // only the generic fragment matches
    public void RLOG13_RLOG35_longest_fragment_wins_over_a_generic_one_it_contains(string message, string? ruleId)
    {
        var entry = Catalogue.Find(null, null, message);

        Assert.NotNull(entry);
        Assert.Equal(ruleId, entry.RuleId);
        if (ruleId is null)
        {
            Assert.Equal("发货失败", entry.Pattern);
        }
    }

    [Fact]
    [Rule("RLOG-13")]
    public void Classify_known_error_carries_category_remedy_rule_and_response_details()
    {
        var error = Catalogue.Classify("15", null, "发货失败，订单状态为【等待买家收货】", httpStatus: 200, requestId: "req-42");

        Assert.Equal("Logistics", error.Platform);
        Assert.Equal("15", error.Code);
        Assert.Equal("发货失败，订单状态为【等待买家收货】", error.Message);
        Assert.Equal(ErrorCategory.AlreadyDone, error.Category);
        Assert.Equal("Already shipped; no sync needed.", error.Remedy);
        Assert.Equal("RLOG-13", error.RuleId);
        Assert.Equal("req-42", error.RequestId);
        Assert.Equal(200, error.HttpStatus);
        Assert.False(error.IsTokenExpiry);
    }

    [Fact]
    public void Classify_unknown_error_falls_back_to_Unknown_with_a_remedy()
    {
        var error = Catalogue.Classify("777", "mystery", "完全未知的错误", httpStatus: 200);

        Assert.Equal(ErrorCategory.Unknown, error.Category);
        Assert.Null(error.RuleId);
        Assert.False(string.IsNullOrWhiteSpace(error.Remedy));
        Assert.Contains("not in the SDK's catalogue", error.Remedy, StringComparison.Ordinal);
        Assert.Contains("does not retry", error.Remedy, StringComparison.Ordinal);
        Assert.Equal("mystery", error.SubCode);
    }

    [Fact]
    public void Classify_marks_token_expiry_from_the_entry()
        => Assert.True(Catalogue.Classify("27", "isv.access-token-expired", "Invalid session").IsTokenExpiry);

    [Fact]
    public void Build_rejects_a_duplicate_code()
    {
        var builder = ErrorCatalogue.CreateBuilder("P")
            .Code("170", ErrorCategory.Configuration, "a")
            .Code("170", ErrorCategory.Transient, "b");

        var ex = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("170", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_rejects_a_duplicate_sub_code()
    {
        var builder = ErrorCatalogue.CreateBuilder("P")
            .SubCode("isv.x", ErrorCategory.Validation, "a")
            .SubCode("isv.x", ErrorCategory.Validation, "a");

        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Fact]
    [Rule("RLOG-13")]
    public void RLOG13_Build_rejects_fragments_that_differ_only_in_punctuation_width()
    {
        var builder = ErrorCatalogue.CreateBuilder("P")
            .Message("发货失败,订单状态为[等待买家收货]", ErrorCategory.AlreadyDone, "a", "RLOG-13")
            .Message("发货失败，订单状态为【等待买家收货】", ErrorCategory.AlreadyDone, "a", "RLOG-13");

        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Fact]
    public void Build_allows_the_same_text_as_code_and_sub_code()
    {
        var catalogue = ErrorCatalogue.CreateBuilder("P")
            .Code("15", ErrorCategory.Transient, "code")
            .SubCode("15", ErrorCategory.Validation, "sub")
            .Build();

        Assert.Equal(2, catalogue.Entries.Count);
        Assert.Equal(ErrorCategory.Validation, catalogue.Find("15", "15", null)?.Category);
        Assert.Equal(ErrorCategory.Transient, catalogue.Find("15", null, null)?.Category);
    }

    [Fact]
    public void Entries_keep_insertion_order()
        => Assert.Equal("170", Catalogue.Entries[0].Pattern);

    [Theory]
    [InlineData("（Ａｂ）：【x】，「y」、。", "(ab):[x],[y],.")]
    [InlineData("CD01#通知交易异常 #CD01", "cd01#通知交易异常#cd01")]
    [InlineData("a\u3000b\t c\r\n", "abc")]
    [InlineData("“引号”‘单’", "\"引号\"'单'")]
    public void PlatformMessageText_Normalize_maps_full_width_punctuation_drops_spaces_and_lowers_ASCII(string text, string expected)
        => Assert.Equal(expected, PlatformMessageText.Normalize(text));

    [Fact]
    [Rule("RLOG-13")]
    public void PlatformMessageText_Contains_works_on_long_messages_too()
    {
        var longMessage = new string('x', 2000) + "发货失败，订单状态为【等待买家收货】";

        Assert.True(PlatformMessageText.Contains(longMessage, PlatformMessageText.Normalize("发货失败,订单状态为[等待买家收货]")));
        Assert.False(PlatformMessageText.Contains(longMessage, PlatformMessageText.Normalize("拆单校验未通过#P38")));
        Assert.Equal("RLOG-13", Catalogue.Find(null, null, longMessage)?.RuleId);
    }

    [Fact]
    public void Find_allocates_nothing_for_codes_and_messages_of_any_length()
    {
        var message300 = new string('订', 150) + " 发货失败，订单状态为【等待买家收货】 " + new string('x', 128);
        var message512 = message300 + new string('y', 512 - message300.Length);
        var message5000 = message512 + new string('长', 4488);
        Assert.Equal(512, message512.Length);

        void Run()
        {
            Catalogue.Find("170", null, null);
            Catalogue.Find("isv.invalid-permission:x", null, null);
            Catalogue.Find("15", "biz.custom.addorderdelivery.invalid-biz:101", null);
            Catalogue.Find("99", null, "拆单校验未通过＃Ｐ38");
            Catalogue.Find("99", null, "qps over limit");
            Catalogue.Find("99", null, message300);
            Catalogue.Find("99", null, message512);
            Catalogue.Find("99", null, message5000);
            Catalogue.Find("99", "nope", "完全未知的错误");
        }

        Assert.Equal(0, AllocationMeter.QuietestRound(Run));
    }
}
