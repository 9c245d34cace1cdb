using System.Text;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688.Tests;

public class ErrorCatalogueTests
{
    [Theory]
    [Rule("R1688-02", "R1688-04", "R1688-08", "R1688-12", "R1688-19", "RLOG-05", "RLOG-12", "RLOG-13", "RLOG-32", "RLOG-40", "RLOG-52")]
    [InlineData("抱歉，系统检测到您尚未订购当前应用", ErrorCategory.Authentication, "R1688-02")]
    [InlineData("抱歉,系统检测到您尚未订购当前应用。请先订购", ErrorCategory.Authentication, "R1688-02")]
    [InlineData("当前店铺没有设置对应市场", ErrorCategory.Configuration, "R1688-04")]
    [InlineData("offer 549605719581 : null no exist!", ErrorCategory.BusinessRule, "R1688-08")]
    [InlineData("XXX : NULL NO EXIST！", ErrorCategory.BusinessRule, "R1688-08")]
    [InlineData("商品【549605719581】不支持在线交易", ErrorCategory.BusinessRule, "R1688-12")]
    [InlineData("商品[549605719581]不支持在线交易", ErrorCategory.BusinessRule, "R1688-12")]
    [InlineData("create order failed: max item count is 50", ErrorCategory.Validation, "R1688-19")]
    [InlineData("cpCode and cpId can't be all null", ErrorCategory.Configuration, "RLOG-05")]
    [InlineData("非法参数", ErrorCategory.Configuration, "RLOG-12")]
    [InlineData("发货失败,订单状态为[等待买家收货]", ErrorCategory.AlreadyDone, "RLOG-13")]
    [InlineData("发货失败，订单状态为【等待买家收货】 #P38", ErrorCategory.AlreadyDone, "RLOG-13")]
    [InlineData("订单123: 发货失败,订单不存在或者不属于当前发货人", ErrorCategory.Transient, "RLOG-32")]
    [InlineData("发货失败，订单不存在或者不属于当前发货人", ErrorCategory.Transient, "RLOG-32")]
    [InlineData("底层服务调用失败", ErrorCategory.Transient, "RLOG-40")]
    [InlineData("com.taobao.hsf.exception.HSFTimeOutException: timeout", ErrorCategory.Transient, "RLOG-40")]
    [InlineData("{\"errorCode\":\"003002\",\"msg\":\"x\"}", ErrorCategory.Transient, "RLOG-40")]
    [InlineData("OpDeliverySendOrder: failed to convert map to pojo", ErrorCategory.Validation, "RLOG-52")]
    public void Every_domain_message_is_classified_with_its_rule(string message, ErrorCategory category, string rule)
    {
        var error = Alibaba1688ErrorCatalogue.Instance.Classify("business-error", null, message);

        Assert.Equal(category, error.Category);
        Assert.Equal(rule, error.RuleId);
        Assert.Equal("Alibaba1688", error.Platform);
    }

    [Fact]
    [Rule("R1688-02")]
    public void R168802_remedy_says_to_subscribe_with_the_main_account()
        => Assert.Contains("MAIN account", Alibaba1688ErrorCatalogue.Instance.Classify("x", null, "抱歉，系统检测到您尚未订购当前应用").Remedy, StringComparison.Ordinal);

    [Fact]
    [Rule("R1688-08")]
    public void R168808_remedy_points_to_download_and_matching()
        => Assert.Contains("matching", Alibaba1688ErrorCatalogue.Instance.Classify("x", null, "A : null no exist!").Remedy, StringComparison.Ordinal);

    [Fact]
    [Rule("R1688-19")]
    public void R168819_remedy_says_to_split()
        => Assert.Contains("Split", Alibaba1688ErrorCatalogue.Instance.Classify("x", null, "max item count is 50").Remedy, StringComparison.Ordinal);

    [Theory]
    [InlineData("gw.QosAppFrequencyLimit", ErrorCategory.Throttled)]
    [InlineData("gw.SignatureInvalid", ErrorCategory.Configuration)]
    [InlineData("gw.APIACLDecline", ErrorCategory.Configuration)]
    [InlineData("gw.AppKeyNotFound", ErrorCategory.Configuration)]
    [InlineData("gw.NoUsageLeftError", ErrorCategory.Configuration)]
    [InlineData("003002", ErrorCategory.Transient)]
    [InlineData("INVALID_PARAM", ErrorCategory.Validation)]
    [InlineData("5001", ErrorCategory.BusinessRule)]
    [InlineData("5002", ErrorCategory.BusinessRule)]
    public void Gateway_and_documented_codes(string code, ErrorCategory category)
    {
        var error = Alibaba1688ErrorCatalogue.Instance.Classify(code, null, "some text");

        Assert.Equal(category, error.Category);
        Assert.False(error.IsTokenExpiry);
    }

    [Theory]
    [InlineData("401", "")]
    [InlineData("gw.Unknown", "Request need user authorized")]
    public void Token_expiry_is_Authentication_with_IsTokenExpiry(string code, string message)
    {
        var error = Alibaba1688ErrorCatalogue.Instance.Classify(code, null, message);

        Assert.Equal(ErrorCategory.Authentication, error.Category);
        Assert.True(error.IsTokenExpiry);
    }

    [Fact]
    public void A_reused_or_expired_OAuth_code_invalid_grant_is_Authentication_with_the_restart_authorization_remedy()
    {
        var error = Alibaba1688ErrorCatalogue.Instance.Classify("invalid_grant", null, "code is invalid or has been used", 400);

        Assert.Equal(ErrorCategory.Authentication, error.Category);
        Assert.False(error.IsTokenExpiry);
        Assert.Contains("BuildAuthorizationUrl", error.Remedy, StringComparison.Ordinal);
        Assert.Contains("2 minutes", error.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain("not in the SDK's catalogue", error.Remedy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid_client", "AppSecret")]
    [InlineData("redirect_uri_mismatch", "RedirectUri")]
    [InlineData("unauthorized_client", "open.1688.com")]
    [InlineData("invalid_request", "RedirectUri")]
    [InlineData("unsupported_grant_type", "grant_type")]
    public void OAuth_errors_about_the_apps_settings_are_Configuration_naming_the_setting(string code, string named)
    {
        var error = Alibaba1688ErrorCatalogue.Instance.Classify(code, null, "some text", 400);

        Assert.Equal(ErrorCategory.Configuration, error.Category);
        Assert.Contains(named, error.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_errors_stay_Unknown()
        => Assert.Equal(ErrorCategory.Unknown, Alibaba1688ErrorCatalogue.Instance.Classify("isv.whatever", null, "something new").Category);
}

public class ClassifierTests
{
    private static readonly Alibaba1688ResponseClassifier Classifier = new();

    private static PlatformError? Classify(string body, int status = 200) => Classifier.ClassifyBody(Encoding.UTF8.GetBytes(body), status);

    [Theory]
    [InlineData("{\"success\":true,\"result\":{\"orderId\":\"1\"}}")]
    [InlineData("{\"result\":{\"pageResult\":{\"resultList\":[]}}}")]
    [InlineData("{\"success\":\"true\",\"result\":{}}")]
    [InlineData("{\"success\":true,\"errorCode\":\"\",\"payUrl\":\"https://x\"}")]
    [InlineData("{\"productInfo\":{\"productID\":1},\"message\":\"ok\"}")]
    public void Successes(string body) => Assert.Null(Classify(body));

    [Fact]
    public void Gateway_error_shape_with_request_id()
    {
        var error = Classify("{\"error_code\":\"gw.QosAppFrequencyLimit\",\"error_message\":\"App call exceeds limited frequency\",\"request_id\":\"r-1\"}", 400)!;

        Assert.Equal("gw.QosAppFrequencyLimit", error.Code);
        Assert.Equal(ErrorCategory.Throttled, error.Category);
        Assert.Equal("r-1", error.RequestId);
        Assert.Equal(400, error.HttpStatus);
    }

    [Fact]
    public void Gateway_401_on_HTTP_200_is_token_expiry()
        => Assert.True(Classify("{\"error_code\":\"401\",\"error_message\":\"Request need user authorized\"}")!.IsTokenExpiry);

    [Fact]
    public void Gateway_message_falls_back_to_exception()
        => Assert.Equal("SLA bill has no usage left", Classify("{\"exception\":\"SLA bill has no usage left\",\"error_code\":\"gw.NoUsageLeftError\"}")!.Message);

    [Theory]
    [InlineData("{\"success\":false,\"code\":\"X\",\"message\":\"max item count is 50\"}", "X", ErrorCategory.Validation)]
    [InlineData("{\"success\":false,\"errorCode\":\"E1\",\"erroMsg\":\"底层服务调用失败\"}", "E1", ErrorCategory.Transient)]
    [InlineData("{\"success\":\"false\",\"errorCode\":\"E2\",\"errorMessage\":\"非法参数\"}", "E2", ErrorCategory.Configuration)]
    [InlineData("{\"errMsg\":\"商品【1】不支持在线交易\"}", "business-error", ErrorCategory.BusinessRule)]
    [InlineData("{\"productID\":null,\"errorMsg\":\"A : null no exist!\"}", "business-error", ErrorCategory.BusinessRule)]
    [InlineData("{\"errorCode\":\"003002\",\"errorMessage\":\"x\",\"totalRecord\":0}", "003002", ErrorCategory.Transient)]
    [InlineData("{\"success\":false}", "business-error", ErrorCategory.Unknown)]
    [InlineData("{\"result\":{\"success\":false,\"code\":\"C\",\"message\":\"max item count is 50\"}}", "C", ErrorCategory.Validation)]
    public void Business_error_variants(string body, string code, ErrorCategory category)
    {
        var error = Classify(body)!;

        Assert.Equal(code, error.Code);
        Assert.Equal(category, error.Category);
    }

    [Fact]
    [Rule("RLOG-13")]
    public void ExtErrorMessage_is_appended_and_classified()
    {
        var error = Classify("{\"success\":false,\"errorCode\":\"500\",\"errorMessage\":\"发货失败\",\"extErrorMessage\":\"发货失败,订单状态为[等待买家收货]\"}")!;

        Assert.Equal(ErrorCategory.AlreadyDone, error.Category);
        Assert.Equal("RLOG-13", error.RuleId);
        Assert.Contains("等待买家收货", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"success\":tru")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public void Unreadable_bodies_are_malformed_and_transient(string body)
    {
        var error = Classify(body)!;

        Assert.Equal("malformed-response", error.Code);
        Assert.Equal(ErrorCategory.Transient, error.Category);
    }
}
