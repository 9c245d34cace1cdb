using System.Text;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Top.Qimen;
using PlatformSdk.Top.Signing;

namespace PlatformSdk.Top.Tests;

public class QimenTests
{
    private const string Secret = "test";
    private const string Body = "<request><entryOrderCode>E1234</entryOrderCode></request>";
    private const string V_QM_1_Sign = "4B41313E5B26D3D984528C1AAD4F5F8D";

    // 2015-04-26 00:00:07 GMT+8, the timestamp of V-QM-1.
    private static readonly DateTimeOffset SentAt = new(2015, 4, 26, 0, 0, 7, TimeSpan.FromHours(8));

    private static string Query(string sign = V_QM_1_Sign, string timestamp = "2015-04-26%2000%3A00%3A07")
        => $"?method=taobao.qimen.entryorder.query&timestamp={timestamp}&format=xml&app_key=testerp_appkey&v=2.0&sign_method=md5&customerId=stub-cust-code&sign={sign}";

    private static QimenInboundRequest Push(string? query = null, string body = Body, string contentType = "text/xml; charset=utf-8") => new()
    {
        QueryString = query ?? Query(),
        Body = Encoding.UTF8.GetBytes(body),
        ContentType = contentType,
    };

    private static QimenRequestVerifier Verifier(TimeSpan? after = null)
        => new(Secret, new FakeTimeProvider(SentAt + (after ?? TimeSpan.FromSeconds(30))));

    [Fact]
    public void V_QM_1_push_verifies()
    {
        var result = Verifier().Verify(Push());
        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(QimenVerificationFailure.None, result.Failure);
    }

    [Fact]
    public async Task Writer_produces_the_V_QM_1_sign_and_puts_system_parameters_in_the_query()
    {
        var call = new QimenCall("taobao.qimen.entryorder.query", "stub-cust-code", Body);
        var query = QimenRequestWriter.BuildQuery(call, "testerp_appkey", Secret, SentAt);
        Assert.Equal(("sign", V_QM_1_Sign), (query[^1].Key, query[^1].Value));

        using var request = new HttpRequestMessage();
        QimenRequestWriter.Write(request, new Uri("https://qimen.api.taobao.com/router/qimen/service"), call, "testerp_appkey", Secret, SentAt);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Contains("timestamp=2015-04-26%2000%3A00%3A07", request.RequestUri!.Query, StringComparison.Ordinal);
        Assert.Contains("customerId=stub-cust-code", request.RequestUri.Query, StringComparison.Ordinal);
        Assert.Equal("text/xml", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", request.Content.Headers.ContentType.CharSet);

        // What the writer sends, the verifier (the receiving side) accepts.
        var received = new QimenInboundRequest
        {
            QueryString = request.RequestUri.Query,
            Body = await request.Content.ReadAsByteArrayAsync(),
            ContentType = request.Content.Headers.ContentType.ToString(),
        };
        Assert.True(Verifier().Verify(received).IsValid);
    }

    [Fact]
    public void Missing_sign()
        => Assert.Equal(QimenVerificationFailure.MissingSign, Verifier().Verify(Push(Query().Replace("&sign=" + V_QM_1_Sign, "", StringComparison.Ordinal))).Failure);

    [Fact]
    public void Missing_timestamp()
        => Assert.Equal(QimenVerificationFailure.MissingTimestamp, Verifier().Verify(Push(Query().Replace("timestamp=2015-04-26%2000%3A00%3A07&", "", StringComparison.Ordinal))).Failure);

    [Theory]
    [InlineData("2015-04-26T00%3A00%3A07")]
    [InlineData("1429977607000")]
    [InlineData("2015-13-26%2000%3A00%3A07")]
    public void Bad_timestamp_format(string timestamp)
        => Assert.Equal(QimenVerificationFailure.BadTimestampFormat, Verifier().Verify(Push(Query(timestamp: timestamp))).Failure);

    [Fact]
    public void Altered_body_is_a_bad_sign()
    {
        var result = Verifier().Verify(Push(body: Body.Replace("E1234", "E1235", StringComparison.Ordinal)));
        Assert.Equal(QimenVerificationFailure.BadSign, result.Failure);
        Assert.DoesNotContain(V_QM_1_Sign, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_apps_secret_is_a_bad_sign()
        => Assert.Equal(QimenVerificationFailure.BadSign, new QimenRequestVerifier("other-secret", new FakeTimeProvider(SentAt)).Verify(Push()).Failure);

    [Theory]
    [InlineData("4B41313E5B26D3D984528C1AAD4F5F8E")] // last character differs: the constant-time comparison still says no
    [InlineData("4b41313e5b26d3d984528c1aad4f5f8d")] // lowercase: TOP signs in uppercase hex, compared exactly
    [InlineData("4B41313E5B26D3D984528C1AAD4F5F8")]  // shorter
    public void Near_miss_signs_are_rejected(string sign)
        => Assert.Equal(QimenVerificationFailure.BadSign, Verifier().Verify(Push(Query(sign: sign))).Failure);

    [Fact]
    public void Stale_timestamp_is_refused_after_the_tolerance_and_accepted_within()
    {
        Assert.True(Verifier(TimeSpan.FromMinutes(5)).Verify(Push()).IsValid);
        var stale = Verifier(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1)).Verify(Push());
        Assert.Equal(QimenVerificationFailure.StaleTimestamp, stale.Failure);
        Assert.Equal(QimenVerificationFailure.StaleTimestamp, Verifier(-TimeSpan.FromMinutes(6)).Verify(Push()).Failure);
        var lenient = new QimenRequestVerifier(Secret, new FakeTimeProvider(SentAt + TimeSpan.FromMinutes(9)), TimeSpan.FromMinutes(10));
        Assert.True(lenient.Verify(Push()).IsValid);
    }

    [Fact]
    public void Headers_named_by_top_sign_list_are_signed_and_url_decoded()
    {
        List<KeyValuePair<string, string?>> query =
        [
            new("method", "qimen.alibaba.ascp.uop.consignorder.notify"), new("timestamp", "2015-04-26 00:00:07"), new("format", "json"),
            new("app_key", "1"), new("v", "2.0"), new("sign_method", "md5"), new("customerId", "c"),
        ];
        const string body = """{"orderCode":"LP1"}""";
        var sign = TopSignature.SignQimen(Secret, query.Append(new("x-trace", "a b")), body);
        var push = new QimenInboundRequest
        {
            QueryString = string.Join('&', query.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value!))) + "&sign=" + sign,
            Headers = [new("Top-Sign-List", "x-trace"), new("X-Trace", "a%20b"), new("X-Unsigned", "zzz")],
            Body = Encoding.UTF8.GetBytes(body),
            ContentType = "application/json",
        };
        var result = Verifier().Verify(push);
        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(QimenFormat.Json, result.Format);
        Assert.Equal(QimenVerificationFailure.BadSign, Verifier().Verify(new QimenInboundRequest
        {
            QueryString = push.QueryString, Body = push.Body, ContentType = push.ContentType, Headers = [new("top-sign-list", "x-trace"), new("x-trace", "tampered")],
        }).Failure);
    }

    [Fact]
    public void Form_pushes_sign_the_form_fields_and_not_the_body_text()
    {
        List<KeyValuePair<string, string?>> all =
        [
            new("method", "m"), new("timestamp", "2015-04-26 00:00:07"), new("app_key", "1"), new("v", "2.0"), new("sign_method", "md5"),
            new("orderCode", "订单1"),
        ];
        var sign = TopSignature.SignQimen(Secret, all, null);
        var push = new QimenInboundRequest
        {
            QueryString = "method=m&timestamp=2015-04-26%2000%3A00%3A07&app_key=1&v=2.0&sign_method=md5&sign=" + sign,
            Body = Encoding.UTF8.GetBytes("orderCode=" + Uri.EscapeDataString("订单1")),
            ContentType = "application/x-www-form-urlencoded; charset=UTF-8",
        };
        Assert.True(Verifier().Verify(push).IsValid);
    }

    [Fact]
    public void Gbk_charset_decodes_body_and_signs_its_bytes()
    {
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding("gbk")!;
        const string body = "<request><remark>加急</remark></request>";
        List<KeyValuePair<string, string?>> query = [new("method", "m"), new("timestamp", "2015-04-26 00:00:07")];
        string canonical = Secret + "methodmtimestamp2015-04-26 00:00:07" + body + Secret;
#pragma warning disable CA5351
        var sign = Convert.ToHexString(System.Security.Cryptography.MD5.HashData(gbk.GetBytes(canonical)));
#pragma warning restore CA5351
        var push = new QimenInboundRequest { QueryString = "method=m&timestamp=2015-04-26%2000%3A00%3A07&sign=" + sign, Body = gbk.GetBytes(body), ContentType = "text/xml;charset=GBK" };
        Assert.True(Verifier().Verify(push).IsValid);
        Assert.Equal(QimenVerificationFailure.UnsupportedCharset, Verifier().Verify(new QimenInboundRequest { QueryString = push.QueryString, ContentType = "text/xml; charset=x-unknown-9" }).Failure);
    }

    [Fact]
    public void Empty_valued_parameters_verify_under_either_concatenation_rule()
    {
        List<KeyValuePair<string, string?>> query = [new("method", "m"), new("timestamp", "2015-04-26 00:00:07"), new("partner_id", "")];
        var skipping = TopSignature.SignQimen(Secret, query, Body); // TOP signer rule: empty values skipped
#pragma warning disable CA5351
        var spiUtils = Convert.ToHexString(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(Secret + "methodmpartner_idtimestamp2015-04-26 00:00:07" + Body + Secret)));
#pragma warning restore CA5351
        Assert.NotEqual(skipping, spiUtils);
        foreach (var sign in new[] { skipping, spiUtils })
        {
            Assert.True(Verifier().Verify(Push("method=m&timestamp=2015-04-26%2000%3A00%3A07&partner_id=&sign=" + sign)).IsValid);
        }
    }

    [Fact]
    public void Duplicate_parameters_are_refused()
        => Assert.Equal(QimenVerificationFailure.DuplicateParameter, Verifier().Verify(Push(Query() + "&customerId=other")).Failure);

    [Fact]
    public void Failure_replies_in_xml_and_json()
    {
        Assert.Equal("""<?xml version="1.0" encoding="utf-8"?><response><flag>failure</flag><code>sign-check-failure</code><message>Illegal request</message></response>""",
            QimenReplies.SignCheckFailureXml);
        Assert.Equal("""{"response":{"flag":"failure","code":"sign-check-failure","message":"Illegal request"}}""", QimenReplies.SignCheckFailureJson);
        Assert.Equal(QimenReplies.SignCheckFailureXml, Verifier().Verify(Push(Query(sign: "00"))).FailureReply);
        Assert.Equal("<?xml version=\"1.0\" encoding=\"utf-8\"?><response><flag>success</flag><code>0</code><message>a &amp; b</message></response>",
            QimenReplies.Success(QimenFormat.Xml, "0", "a & b"));
    }

    [Fact]
    public void Verifier_refuses_a_secret_with_whitespace_and_a_non_positive_tolerance()
    {
        Assert.Throws<ArgumentException>(() => new QimenRequestVerifier("sec ret"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QimenRequestVerifier(Secret, timestampTolerance: TimeSpan.Zero));
    }
}
