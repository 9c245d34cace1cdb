using System.Net;
using System.Text;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Errors;
using PlatformSdk.Jushuitan.Protocol;

namespace PlatformSdk.Jushuitan.Tests;

public class ClassifierTests
{
    private static readonly JushuitanResponseClassifier Classifier = new();

    private static PlatformError? Body(string json) => Classifier.ClassifyBody(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("{\"code\":0,\"msg\":\"执行成功\",\"data\":{\"datas\":[]}}")]
    [InlineData("{\"code\":\"0\",\"msg\":\"ok\"}")]
    [InlineData("{\"code\":0,\"issuccess\":true,\"msg\":\"\",\"shops\":[]}")]
    [InlineData("{\"issuccess\":true,\"msg\":\"\"}")]
    [InlineData("{\"code\":\" 0 \"}")]
    public void Success_with_int_or_string_code(string json) => Assert.Null(Body(json));

    [Theory]
    [InlineData("{\"code\":100,\"msg\":\"access_token超时\"}", "100")]
    [InlineData("{\"code\":\"200\",\"msg\":\"调用频次超过限制\"}", "200")]
    [InlineData("{\"code\":0,\"issuccess\":false,\"msg\":\"店铺编号[1]的站点类型不是自有商城,无法上传\"}", "0")]
    [InlineData("{\"issuccess\":false,\"msg\":\"失败\"}", "0")]
    [InlineData("{\"code\":180,\"message\":\"TS无效\"}", "180")]
    public void Errors_with_int_or_string_code_or_issuccess_false(string json, string expectedCode)
    {
        var error = Body(json);
        Assert.NotNull(error);
        Assert.Equal(expectedCode, error.Code);
        Assert.Equal("Jushuitan", error.Platform);
    }

    [Fact]
    [Rule("RJST-06")]
    public void Issuccess_false_with_code_0_uses_the_message_for_the_category()
        => Assert.Equal("RJST-06", Body("{\"code\":0,\"issuccess\":false,\"msg\":\"店铺编号[1]的站点类型不是自有商城,无法上传\"}")!.RuleId);

    [Fact]
    public void Message_falls_back_to_message_property()
        => Assert.Equal(ErrorCategory.Transient, Body("{\"code\":180,\"message\":\"TS无效\"}")!.Category);

    [Theory]
    [InlineData("{\"code\":0,\"msg\":\"ok\",\"data\":{\"orders\":[{\"o_id\":1")] // truncated success
    [InlineData("{\"code\":0,")]
    [InlineData("[1,2,3]")]
    [InlineData("\"ok\"")]
    [InlineData("{\"msg\":\"no outcome\"}")]
    [InlineData("{\"code\":\"abc\"}")]
    [InlineData("not json")]
    public void Unparsable_truncated_or_outcome_less_bodies_are_malformed(string json)
    {
        var error = Body(json);
        Assert.NotNull(error);
        Assert.Equal("malformed-response", error.Code);
        Assert.Equal(ErrorCategory.Transient, error.Category);
    }

    [Fact]
    public void Through_the_base_classifier_an_http_200_error_body_is_classified_and_html_is_transient()
    {
        var context = new PlatformRequestContext(new PlatformOperation("Jushuitan", "shops.query", OperationIdempotency.Read), "t", null);
        using var ok = new HttpResponseMessage(HttpStatusCode.OK);
        Assert.Equal("199", Classifier.Classify(ok, Encoding.UTF8.GetBytes("{\"code\":199,\"msg\":\"调用太频繁\"}"), context).Error!.Code);
        Assert.Equal("html-response", Classifier.Classify(ok, Encoding.UTF8.GetBytes("<html>502</html>"), context).Error!.Code);
        var success = Classifier.Classify(ok, Encoding.UTF8.GetBytes("{\"code\":0}"), context);
        Assert.Null(success.Error);
        Assert.IsType<JushuitanEnvelope>(success.Parsed); // handed forward: the client does not parse the body again
        ((IDisposable)success.Parsed!).Dispose();
    }

    [Fact]
    public void Envelope_payload_is_data_when_object_else_root()
    {
        using (var open = JushuitanEnvelope.Parse(Encoding.UTF8.GetBytes("{\"code\":0,\"data\":{\"orders\":[{\"o_id\":5}],\"has_next\":false}}")))
        {
            Assert.True(open.Payload.TryGetProperty("orders", out _));
        }

        using (var legacy = JushuitanEnvelope.Parse(Encoding.UTF8.GetBytes("{\"code\":0,\"issuccess\":true,\"orders\":[{\"o_id\":5}],\"data\":\"text\"}")))
        {
            Assert.True(legacy.Payload.TryGetProperty("orders", out _));
            Assert.True(legacy.Payload.TryGetProperty("issuccess", out _));
        }
    }

    [Theory]
    [InlineData("{\"datas\":[{}],\"has_next\":true}", 1, 100, true)]
    [InlineData("{\"datas\":[{}],\"has_next\":\"false\",\"page_count\":9}", 1, 100, false)]
    [InlineData("{\"datas\":[{}],\"page_index\":1,\"page_count\":2}", 1, 100, true)]
    [InlineData("{\"datas\":[{}],\"page_index\":2,\"page_count\":2}", 2, 100, false)]
    [InlineData("{\"datas\":[{}],\"page_index\":1,\"page_size\":1,\"data_count\":2}", 1, 1, true)]
    [InlineData("{\"datas\":[{}],\"page_index\":2,\"page_size\":1,\"data_count\":2}", 2, 1, false)]
    [InlineData("{\"datas\":[{}]}", 1, 1, true)]
    [InlineData("{\"datas\":[{}]}", 1, 2, false)]
    [InlineData("{\"datas\":[],\"has_next\":true}", 1, 2, false)]
    public void Paging_uses_has_next_then_page_count_then_data_count_then_page_fill(string json, int pageIndex, int pageSize, bool expected)
    {
        using var envelope = JushuitanEnvelope.Parse(Encoding.UTF8.GetBytes("{\"code\":0,\"data\":" + json + "}"));
        Assert.Equal(expected, JushuitanJson.ReadPage(envelope.Payload, "datas", pageIndex, pageSize, e => e).HasNext);
    }

    [Fact]
    public void Unknown_list_key_falls_back_to_first_array()
    {
        using var envelope = JushuitanEnvelope.Parse(Encoding.UTF8.GetBytes("{\"code\":0,\"data\":{\"count\":1,\"list\":[{\"lc_id\":\"SF\"}]}}"));
        Assert.Single(JushuitanJson.ReadPage(envelope.Payload, "datas", 1, 100, e => e).Items);
    }

    [Fact]
    public void Money_and_numbers_are_read_from_numbers_or_strings_and_empty_is_null()
    {
        using var envelope = JushuitanEnvelope.Parse(Encoding.UTF8.GetBytes(
            "{\"code\":0,\"orders\":[{\"o_id\":\"12\",\"pay_amount\":\"326.7\",\"freight\":0.0,\"free_amount\":\"\",\"status\":\"Sended\",\"is_split\":\"true\",\"modified\":\"2024-03-01 10:00:00\"}]}"));
        var order = JushuitanJson.ReadPage(envelope.Payload, "orders", 1, 100, JushuitanMappers.Order).Items[0];
        Assert.Equal(12, order.OId);
        Assert.Equal(326.7m, order.PayAmount);
        Assert.Equal(0m, order.Freight);
        Assert.Null(order.FreeAmount);
        Assert.False(order.Status.IsKnown); // unknown statuses are tolerated
        Assert.Equal("Sended", order.Status.Value);
        Assert.True(order.IsSplit);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(8)), order.Modified);
    }
}
