using System.Text;
using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Top.Errors;
using PlatformSdk.Top.Protocol;

namespace PlatformSdk.Top.Tests;

public class ClassifierTests
{
    private const string Method = "taobao.eticket.merchant.ma.send";
    private readonly TopResponseClassifier _classifier = new();

    private PlatformError? Classify(string body, string? method = Method, bool simplify = false)
        => _classifier.ClassifyBody(Encoding.UTF8.GetBytes(body), method, simplify);

    private static string Error(string code, string msg, string? subCode = null, string? subMsg = null)
        => JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, object?>>
        {
            ["error_response"] = new() { ["code"] = int.TryParse(code, out var n) ? n : code, ["msg"] = msg, ["sub_code"] = subCode, ["sub_msg"] = subMsg, ["request_id"] = "rid-1" },
        });

    [Theory]
    [InlineData("taobao.vmarket.eticket.send", "vmarket_eticket_send_response")]
    [InlineData("taobao.trades.sold.get", "trades_sold_get_response")]
    [InlineData("alibaba.ascp.uop.supplier.consignorder.ship", "alibaba_ascp_uop_supplier_consignorder_ship_response")]
    public void Success_wrapper_drops_the_taobao_prefix_like_TOP_does(string method, string key)
    {
        Assert.Equal(key, TopResponseParser.ResponseKey(method));
        Assert.Null(Classify("{\"" + key + "\":{\"ret_code\":1}}", method));
    }

    [Fact]
    public void Success_wrapper_with_the_prefix_kept_is_accepted_too()
    {
        Assert.Equal("eticket_merchant_ma_send_response", TopResponseParser.ResponseKey(Method));
        const string body = """{"taobao_eticket_merchant_ma_send_response":{"ret_code":1,"request_id":"r9"}}""";
        Assert.Null(Classify(body));
        using var document = JsonDocument.Parse(body);
        Assert.True(TopResponseParser.TryGetSuccess(document.RootElement, Method, simplify: false, out var result));
        Assert.Equal(1, result.GetProperty("ret_code").GetInt32());
    }

    [Fact]
    public void Another_methods_wrapper_is_a_malformed_reply_not_a_success()
    {
        var error = Classify("""{"taobao_item_seller_get_response":{}}""");
        Assert.NotNull(error);
        Assert.Equal("malformed-response", error.Code);
        Assert.Equal(ErrorCategory.Transient, error.Category);
    }

    [Fact]
    public void Simplified_reply_is_the_root_object()
    {
        Assert.Null(Classify("""{"ret_code":1}""", simplify: true));
        Assert.NotNull(Classify("""{"ret_code":1}""", simplify: false));
    }

    [Theory]
    [InlineData("""{"error_response":{"code":27,"msg":"Invalid session","sub_code":"invalid-sessionkey","request_id":"abc"}}""")]
    [InlineData("""{"error_response":{"code":"27","msg":"Invalid session","sub_code":"invalid-sessionkey","request_id":"abc"}}""")]
    public void Error_code_may_be_a_number_or_a_string(string body)
    {
        using var document = JsonDocument.Parse(body);
        Assert.True(TopResponseParser.TryReadError(document.RootElement, out var error));
        Assert.Equal("27", error.Code);
        Assert.Equal("invalid-sessionkey", error.SubCode);
        Assert.Equal("abc", error.RequestId);

        var classified = Classify(body)!;
        Assert.Equal("27", classified.Code);
        Assert.Equal("invalid-sessionkey", classified.SubCode);
        Assert.Equal("abc", classified.RequestId);
        Assert.Equal(ErrorCategory.Authentication, classified.Category);
        Assert.True(classified.IsTokenExpiry);
        Assert.Contains("Re-authorize the seller", classified.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_combines_msg_and_sub_msg()
    {
        var error = Classify(Error("41", "Invalid arguments", "isv.invalid-parameter", "num_iid is not a number"))!;
        Assert.Equal("Invalid arguments: num_iid is not a number", error.Message);
        Assert.Equal(ErrorCategory.Validation, error.Category);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"error_response":{"code":15""")]
    [InlineData("[1,2]")]
    public void Unreadable_bodies_are_malformed(string body) => Assert.Equal("malformed-response", Classify(body)!.Code);

    public static TheoryData<string, string?, ErrorCategory> Table => new()
    {
        // sub-code families decide over the code
        { "15", "isp.top-remote-service-unavailable", ErrorCategory.Transient },
        { "15", "isp.top-remote-connection-timeout-tmall", ErrorCategory.Transient },
        { "15", "isp.item-update-service-error:GENERIC_FAILURE", ErrorCategory.Transient },
        { "15", "isp.some-unlisted-backend-error", ErrorCategory.Transient },
        { "15", "isv.invalid-parameter", ErrorCategory.Validation },
        { "15", "isv.permission-api-package-empty", ErrorCategory.Configuration },
        { "11", "isv.permission-ip-whitelist-limit", ErrorCategory.Configuration },
        { "27", "invalid-sessionkey", ErrorCategory.Authentication },
        // codes
        { "4", null, ErrorCategory.Throttled },
        { "5", null, ErrorCategory.Throttled },
        { "6", null, ErrorCategory.Throttled },
        { "7", null, ErrorCategory.Throttled },
        { "8", null, ErrorCategory.Throttled },
        { "10", null, ErrorCategory.Transient },
        { "11", null, ErrorCategory.Configuration },
        { "12", null, ErrorCategory.Configuration },
        { "13", null, ErrorCategory.Configuration },
        { "15", null, ErrorCategory.Transient },
        { "21", null, ErrorCategory.Configuration },
        { "22", null, ErrorCategory.Configuration },
        { "24", null, ErrorCategory.Configuration },
        { "25", null, ErrorCategory.Configuration },
        { "26", null, ErrorCategory.Authentication },
        { "27", null, ErrorCategory.Authentication },
        { "28", null, ErrorCategory.Configuration },
        { "29", null, ErrorCategory.Configuration },
        { "30", null, ErrorCategory.Transient },
        { "31", null, ErrorCategory.Transient },
        { "40", null, ErrorCategory.Validation },
        { "41", null, ErrorCategory.Validation },
        { "42", null, ErrorCategory.Configuration },
        { "43", null, ErrorCategory.Validation },
        { "47", null, ErrorCategory.Validation },
        { "50", null, ErrorCategory.BusinessRule },
        { "999", null, ErrorCategory.Unknown },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Catalogue_table(string code, string? subCode, ErrorCategory expected)
    {
        var error = Classify(Error(code, "msg", subCode))!;
        Assert.Equal(expected, error.Category);
        Assert.False(string.IsNullOrWhiteSpace(error.Remedy));
    }

    [Fact]
    public void Every_listed_retryable_isp_sub_code_is_transient()
    {
        Assert.Equal(12, TopWireChoices.RetryableIspSubCodes.Count);
        foreach (var subCode in TopWireChoices.RetryableIspSubCodes)
        {
            var entry = TopErrorCatalogue.Instance.Find("15", subCode, "Remote service error");
            Assert.NotNull(entry);
            Assert.Equal(ErrorMatchKind.SubCode, entry.MatchKind);
            Assert.Equal(ErrorCategory.Transient, entry.Category);
        }
    }

    [Fact]
    public void Only_session_rejections_trigger_a_session_renewal()
    {
        Assert.True(Classify(Error("27", "Invalid session"))!.IsTokenExpiry);
        Assert.False(Classify(Error("26", "Missing session"))!.IsTokenExpiry);
        Assert.False(Classify(Error("25", "Invalid signature"))!.IsTokenExpiry);
    }

    [Fact]
    public void Code_7_ban_seconds_become_RetryAfter()
    {
        var error = Classify(Error("7", "App Call Limited", "accesscontrol.limited-by-app-access-count", "This ban will last for 17 more seconds"))!;
        Assert.Equal(ErrorCategory.Throttled, error.Category);
        Assert.Equal(TimeSpan.FromSeconds(17), error.RetryAfter);

        Assert.Equal(TimeSpan.FromSeconds(1), TopResponseClassifier.ParseBanSeconds("App Call Limited, This ban will last for 1 more second"));
        Assert.Null(TopResponseClassifier.ParseBanSeconds("App Call Limited"));
        Assert.Null(Classify(Error("7", "App Call Limited"))!.RetryAfter);
    }

    [Fact]
    public void Platform_packages_can_put_their_own_entries_first()
    {
        var catalogue = TopErrorCatalogue.AddTo(ErrorCatalogue.CreateBuilder(TopErrorCatalogue.Platform)
            .SubCode("isv.eticket-code-already-sent", ErrorCategory.AlreadyDone, "Already sent.")).Build();
        var classifier = new TopResponseClassifier(catalogue);
        var error = classifier.ClassifyBody(Encoding.UTF8.GetBytes(Error("15", "Remote service error", "isv.eticket-code-already-sent")), Method)!;
        Assert.Equal(ErrorCategory.AlreadyDone, error.Category);
    }
}
