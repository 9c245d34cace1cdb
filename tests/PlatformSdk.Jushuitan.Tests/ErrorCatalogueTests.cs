using System.Text;
using PlatformSdk.Errors;
using PlatformSdk.Jushuitan.Errors;

namespace PlatformSdk.Jushuitan.Tests;

public class ErrorCatalogueTests
{
    private static PlatformError Classify(string code, string message) => JushuitanErrorCatalogue.Instance.Classify(code, null, message);

    [Theory]
    [Rule("RJST-06")]
    [InlineData("店铺编号[10086]的站点类型不是自有商城,无法上传")]
    [InlineData("店铺编号【10086】的站点类型不是自有商城，无法上传")] // full-width brackets and comma
    [InlineData("上传失败: 店铺编号[1]的站点类型不是自有商城 , 无法上传 #P38")]
    public void RJST06_not_own_mall_is_configuration(string message)
    {
        var error = Classify("160", message);
        Assert.Equal(ErrorCategory.Configuration, error.Category);
        Assert.Equal("RJST-06", error.RuleId);
        Assert.Contains("自有商城", error.Remedy, StringComparison.Ordinal);
        Assert.False(error.IsTokenExpiry);
    }

    [Theory]
    [Rule("RJST-07")]
    [InlineData("170", "店铺编号[xxxxx]对应公司与系统配置的不一致,请检查配置!")]
    [InlineData("0", "店铺编号【12】对应公司与系统配置的不一致，请检查配置！")]
    [InlineData("170", "shop not found")] // code alone
    public void RJST07_company_mismatch_is_configuration(string code, string message)
    {
        var error = Classify(code, message);
        Assert.Equal(ErrorCategory.Configuration, error.Category);
        Assert.Equal("RJST-07", error.RuleId);
    }

    [Theory]
    [Rule("RJST-02")]
    [InlineData("100", "access_token超时")]
    [InlineData("100", "无效的access_token或access_token已过期")]
    [InlineData("100", "")]
    [InlineData("999", "ACCESS_TOKEN超时, 请刷新")]
    [InlineData("170", "验证数据完整性失败(token超时)")]
    public void RJST02_token_expiry_is_authentication_and_triggers_refresh(string code, string message)
    {
        var error = Classify(code, message);
        Assert.Equal(ErrorCategory.Authentication, error.Category);
        Assert.True(error.IsTokenExpiry);
    }

    [Theory]
    [Rule("RJST-01")]
    [InlineData("100", "合作者参数错误")]
    [InlineData("100", "partnerid无效")]
    [InlineData("0", "PartnerId invalid")]
    [InlineData("1", " partnerid  invalid ")]
    public void RJST01_partner_errors_are_configuration_with_environment_remedy(string code, string message)
    {
        var error = Classify(code, message);
        Assert.Equal(ErrorCategory.Configuration, error.Category);
        Assert.Equal("RJST-01", error.RuleId);
        Assert.False(error.IsTokenExpiry);
        Assert.Contains("Environment", error.Remedy, StringComparison.Ordinal);
        Assert.Contains("spaces", error.Remedy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10", "无效签名")]
    [InlineData("10", "")]
    [InlineData("120", "签名错误")]
    [InlineData("120", "")]
    [InlineData("999", "验证失败:签名错误!")]
    public void Signature_errors_are_configuration(string code, string message)
        => Assert.Equal(ErrorCategory.Configuration, Classify(code, message).Category);

    [Theory]
    [InlineData("180", "TS无效")]
    [InlineData("180", "执行失败")]
    [InlineData("999", "ts无效")]
    public void Timestamp_errors_are_transient_so_a_fresh_timestamp_is_retried(string code, string message)
        => Assert.Equal(ErrorCategory.Transient, Classify(code, message).Category);

    [Theory]
    [InlineData("199", "调用太频繁，请稍后再试")]
    [InlineData("199", "调用频次超过限制!请稍后再试")]
    [InlineData("200", "调用超过频率")]
    [InlineData("200", "调用频次超过限制")]
    [InlineData("999", "调用太频繁,请稍后再试")]
    [InlineData("200", "")]
    public void Rate_limits_are_throttled(string code, string message)
        => Assert.Equal(ErrorCategory.Throttled, Classify(code, message).Category);

    [Theory]
    [InlineData("110", "IP白名单校验失败", ErrorCategory.Configuration)]
    [InlineData("190", "无API权限", ErrorCategory.Configuration)]
    [InlineData("190", "调用无权限", ErrorCategory.Configuration)]
    [InlineData("130", "传输数据不能为空", ErrorCategory.Validation)]
    [InlineData("140", "参数不符合规范", ErrorCategory.Validation)]
    [InlineData("150", "内部处理异常", ErrorCategory.Transient)]
    [InlineData("160", "保存失败", ErrorCategory.Unknown)]
    [InlineData("150", "服务商应用禁止刷新access_token", ErrorCategory.Authentication)]
    [InlineData("12345", "something new", ErrorCategory.Unknown)]
    public void Other_codes_have_their_documented_category(string code, string message, ErrorCategory expected)
    {
        var error = Classify(code, message);
        Assert.Equal(expected, error.Category);
        Assert.False(string.IsNullOrWhiteSpace(error.Remedy));
    }

    [Fact]
    public void Isv_refresh_forbidden_is_not_a_token_expiry_so_it_is_not_retried()
        => Assert.False(Classify("150", "服务商应用禁止刷新access_token").IsTokenExpiry);

    [Fact]
    public void Every_entry_has_a_remedy_and_classifies_its_own_pattern_to_itself()
    {
        foreach (var entry in JushuitanErrorCatalogue.Instance.Entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Remedy));
            var found = entry.MatchKind == ErrorMatchKind.Code
                ? JushuitanErrorCatalogue.Instance.Find(entry.Pattern, null, null)
                : JushuitanErrorCatalogue.Instance.Find("99999", null, "前缀 " + entry.Pattern + " 后缀");
            Assert.Same(entry, found);
        }
    }

    [Fact]
    [Rule("RJST-07")]
    public void RJST07_literal_reply_through_the_classifier()
    {
        var body = Encoding.UTF8.GetBytes("{\"msg\":\"店铺编号[xxxxx]对应公司与系统配置的不一致,请检查配置!\",\"code\":170,\"issuccess\":false}");
        var error = new JushuitanResponseClassifier().ClassifyBody(body);
        Assert.NotNull(error);
        Assert.Equal("170", error.Code);
        Assert.Equal(ErrorCategory.Configuration, error.Category);
        Assert.Equal("RJST-07", error.RuleId);
    }
}
