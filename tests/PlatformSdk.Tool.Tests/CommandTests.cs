using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace PlatformSdk.Tool.Tests;

/// <summary>The one-shot commands, run as a process: help, exit codes, and outputs equal to the SDK's own test vectors.</summary>
public class CommandTests
{
    // The vector of tests/PlatformSdk.Jushuitan.Tests/SignatureTests.cs (OpenApi_vector3_business_call_with_biz): the public sandbox app.
    private const string JushuitanSecret = "99c4cef262f34ca882975a7064de0b87";

    private static readonly string[] TopVectorParameters =
    [
        "--param", "method=taobao.item.seller.get", "--param", "app_key=12345678", "--param", "session=test",
        "--param", "timestamp=2016-01-01 12:00:00", "--param", "format=json", "--param", "v=2.0",
        "--param", "fields=num_iid,title,nick,price,num", "--param", "num_iid=11223344",
    ];

    [Theory]
    [InlineData("--help")]
    [InlineData("fakes", "--help")]
    [InlineData("fakes", "serve", "--help")]
    [InlineData("explain", "--help")]
    [InlineData("sign", "--help")]
    [InlineData("refund", "--help")]
    [InlineData("settle", "--help")]
    public async Task Help_of_every_command_exits_0_and_prints_usage(params string[] arguments)
    {
        var result = await ToolProcess.RunAsync(arguments);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Options:", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("explain")]
    [InlineData("sign", "top", "--param", "a=b")]
    [InlineData("sign", "1688", "--param", "a=b", "--secret", "s")]
    [InlineData("sign", "top", "--param", "no-equals-sign", "--secret", "s")]
    [InlineData("sign", "top", "--secret", "s", "--secret-env", "X")]
    [InlineData("refund", "unexpired-automatic", "--unit-price", "abc", "--quantity", "3")]
    [InlineData("refund", "unexpired-automatic", "--unit-price", "50", "--quantity", "3", "--units", "2")]
    [InlineData("settle", "--unit-price", "50", "--quantity", "3")]
    [InlineData("explain", "x", "--platform", "no-such-platform")]
    public async Task Usage_errors_exit_2_with_a_message_on_stderr(params string[] arguments)
    {
        var result = await ToolProcess.RunAsync(arguments);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.False(string.IsNullOrWhiteSpace(result.Stderr), result.ToString());
    }

    [Fact]
    [Rule("RLOG-07")]
    public async Task RLOG07_explain_of_PDDs_repeat_shipment_refusal_gives_the_rule_category_and_remedy()
    {
        var result = await ToolProcess.RunAsync("explain", "业务服务错误成功发货次数已达上限,请勿重复操作", "--platform", "pdd", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.True(json.RootElement.GetProperty("known").GetBoolean());
        Assert.Equal("RLOG-07", json.RootElement.GetProperty("rule").GetString());
        Assert.Equal("AlreadyDone", json.RootElement.GetProperty("category").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("remedy").GetString()));
    }

    [Fact]
    [Rule("RLOG-07")]
    public async Task RLOG07_explain_without_a_platform_searches_every_catalogue_and_prints_text()
    {
        var result = await ToolProcess.RunAsync("explain", "业务服务错误成功发货次数已达上限,请勿重复操作");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("RLOG-07", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("remedy:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_finds_a_platform_catalogue_row_with_its_category()
    {
        var result = await ToolProcess.RunAsync("explain", "您的IP白名单校验失败", "--platform", "jushuitan", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("Configuration", json.RootElement.GetProperty("category").GetString());
        Assert.Equal("JushuitanErrorCatalogue", json.RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Explain_of_an_unknown_message_exits_1_with_unknown_and_the_raw_text()
    {
        var text = await ToolProcess.RunAsync("explain", "今天天气不错 totally unheard-of refusal");
        var json = await ToolProcess.RunAsync("explain", "今天天气不错 totally unheard-of refusal", "--json");

        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.Equal("unknown: 今天天气不错 totally unheard-of refusal", text.Stdout.Trim());
        Assert.True(json.ExitCode == 1, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal("unknown", document.RootElement.GetProperty("result").GetString());
        Assert.Equal("今天天气不错 totally unheard-of refusal", document.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Sign_jushuitan_equals_the_open_API_business_call_vector_and_masks_the_secret_and_token()
    {
        var result = await ToolProcess.RunAsync(
            "sign", "jushuitan", "--json", "--secret", JushuitanSecret,
            "--param", "app_key=b0b7d1db226d4216a3d58df9ffa2dde5", "--param", "access_token=b7e3b1e24e174593af8ca5c397e53dad",
            "--param", "timestamp=1700000000", "--param", "charset=utf-8", "--param", "version=2",
            "--param", "biz={\"page_index\":1,\"page_size\":10}");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("97ec9c1d33a0af29a0e5c37900880437", json.RootElement.GetProperty("signature").GetString());
        Assert.Equal("99****87", json.RootElement.GetProperty("secret").GetString());
        Assert.StartsWith("99****87access_tokenb7****ad", json.RootElement.GetProperty("stringToSign").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(JushuitanSecret, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("b7e3b1e24e174593af8ca5c397e53dad", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_with_show_secret_prints_the_secret_and_the_whole_string_to_sign()
    {
        var result = await ToolProcess.RunAsync("sign", "jushuitan", "--secret", "secret", "--show-secret",
            "--param", "timestamp=100", "--param", "app_key=app", "--param", "charset=utf-8");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("string to sign: secretapp_keyappcharsetutf-8timestamp100", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("signature:      706427ca94e342781ac36d501151cb10", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_jushuitan_legacy_equals_the_published_sandbox_vector_and_masks_token_and_partnerkey()
    {
        var result = await ToolProcess.RunAsync("sign", "jushuitan-legacy", "--json", "--secret", "ywv5jGT8ge6Pvlq3FZSPol2323",
            "--param", "method=shops.query", "--param", "partnerid=ywv5jGT8ge6Pvlq3FZSPol345asd",
            "--param", "token=181ee8952a88f5a57db52587472c3798", "--param", "ts=1608000837");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("403697654caffbbfe21a841782b6af8f", json.RootElement.GetProperty("signature").GetString());
        Assert.Equal("shops.queryywv5jGT8ge6Pvlq3FZSPol345asdtoken18****98ts1608000837yw****23", json.RootElement.GetProperty("stringToSign").GetString());
    }

    [Theory]
    [InlineData("md5", "66987CB115214E59E6EC978214934FB8")]
    [InlineData("hmac", "D56D7858309C31B6251083A874D48273")]
    [InlineData("hmac-sha256", "04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8")]
    public async Task Sign_top_equals_the_V_TOP_vectors_with_the_secret_from_an_environment_variable(string signMethod, string expected)
    {
        var result = await ToolProcess.RunAsync(
            ["sign", "top", "--json", "--secret-env", "TOP_TEST_SECRET", "--param", "sign_method=" + signMethod, .. TopVectorParameters],
            new Dictionary<string, string> { ["TOP_TEST_SECRET"] = "helloworld" });

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(expected, json.RootElement.GetProperty("signature").GetString());
        Assert.Equal("he****ld", json.RootElement.GetProperty("secret").GetString());
        Assert.Equal("****", json.RootElement.GetProperty("parameters").GetProperty("session").GetString());
        Assert.DoesNotContain("helloworld", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_qimen_appends_the_body_and_equals_the_V_QM_1_vector()
    {
        var result = await ToolProcess.RunAsync("sign", "qimen", "--json", "--secret", "test",
            "--param", "method=taobao.qimen.entryorder.query", "--param", "timestamp=2015-04-26 00:00:07", "--param", "format=xml",
            "--param", "app_key=testerp_appkey", "--param", "v=2.0", "--param", "sign_method=md5", "--param", "customerId=stub-cust-code",
            "--body", "<request><entryOrderCode>E1234</entryOrderCode></request>");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("4B41313E5B26D3D984528C1AAD4F5F8D", json.RootElement.GetProperty("signature").GetString());
        Assert.Equal("****", json.RootElement.GetProperty("secret").GetString());
    }

    [Fact]
    public async Task Sign_1688_signs_the_path_and_equals_the_V_1688_2_vector()
    {
        var result = await ToolProcess.RunAsync("sign", "1688", "--json", "--secret", "test123",
            "--path", "param2/1/com.alibaba.product/alibaba.product.get/1000000",
            "--param", "productID=123456789", "--param", "webSite=1688", "--param", "access_token=abc-token", "--param", "_aop_timestamp=1700000000000");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("065544F7E47C75CB625976031340B4C2D916AE54", json.RootElement.GetProperty("signature").GetString());
        Assert.Equal("param2/1/com.alibaba.product/alibaba.product.get/1000000_aop_timestamp1700000000000access_tokenab****enproductID123456789webSite1688",
            json.RootElement.GetProperty("stringToSign").GetString());
    }

    [Fact]
    public async Task Sign_with_an_unset_secret_environment_variable_is_refused_with_exit_1()
    {
        var result = await ToolProcess.RunAsync("sign", "top", "--secret-env", "PLATFORMSDK_TOOL_TEST_UNSET_VARIABLE", "--param", "a=b");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("PLATFORMSDK_TOOL_TEST_UNSET_VARIABLE", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RTV-14")]
    public async Task RTV14a_refund_numbers_equal_the_calculator_test_3_at_50_1_redeemed_2_refunded_at_80_percent()
    {
        var result = await ToolProcess.RunAsync("refund", "unexpired-automatic", "--unit-price", "50.00", "--quantity", "3",
            "--redeemed", "1", "--units", "2", "--ratio", "0.8", "--requested-at", "2024-06-01T10:00:00+08:00", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("RTV-14(a)", root.GetProperty("rule").GetString());
        Assert.Equal(80.00m, root.GetProperty("grossAmount").GetDecimal());
        Assert.Equal(1.00m, root.GetProperty("codeFeeCharged").GetDecimal());
        Assert.Equal(79.00m, root.GetProperty("amount").GetDecimal());
        Assert.Equal(20.00m, root.GetProperty("retainedBySeller").GetDecimal());
        Assert.Equal(21.00m, root.GetProperty("sellerReceives").GetDecimal());
        Assert.Equal("2024-06-02T10:00:00+08:00", root.GetProperty("dueBy").GetString());
        Assert.Contains("79.00 to the buyer", root.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RTV-08")]
    public async Task RTV08_refund_with_a_ratio_above_100_percent_is_refused_with_exit_1_naming_the_rule()
    {
        var result = await ToolProcess.RunAsync("refund", "expired-automatic", "--unit-price", "50", "--quantity", "3",
            "--redeemed", "2", "--units", "1", "--ratio", "1.0001");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("RTV-08", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RTV-02", "RTV-08", "RTV-14")]
    public async Task RTV08_RTV14f_settle_prints_the_calculator_tests_sample_schedule()
    {
        string[] arguments =
        [
            "settle", "--unit-price", "50.00", "--quantity", "3", "--sent-at", "2024-06-01T10:00+08:00", "--expiry-refund-ratio", "0.8",
            "--redeem", "2024-06-02T10:00+08:00,1", "--redeem", "2024-06-06T10:00+08:00,1", "--expires-at", "2024-06-30T00:00+08:00",
        ];
        var text = await ToolProcess.RunAsync(arguments);
        var json = await ToolProcess.RunAsync([.. arguments, "--json"]);

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Equal(
            """
            E-voucher order 3 × 50.00, paid 150.00; sent 2024-06-01 10:00 +08:00; redeem-then-pay (RTV-02); expiry refund option 80% (RTV-08)
              2024-06-02 10:00 +08:00  seller      50.00  redemption of 1 unit: 1 × 50.00 (RTV-02)
              2024-06-06 10:00 +08:00  seller      50.00  redemption of 1 unit: 1 × 50.00 (RTV-02)
              2024-06-30 00:00 +08:00  buyer       39.00  expiry refund of 1 unit: 1 × 50.00 × 80% = 40.00 − code fee 1.00 (RTV-14(f))
              2024-06-30 00:00 +08:00  seller       1.00  code fee deducted from the refund (RTV-08)
              2024-06-30 00:00 +08:00  seller      10.00  share not refunded: 1 × 50.00 − 40.00 (RTV-08)
            Seller 111.00 (paid 111.00 − deposit 0.00) + buyer refunded 39.00 + held 0.00 = 150.00; units: 2 redeemed, 0 refunded, 1 expired, 0 outstanding
            """.ReplaceLineEndings("\n"),
            text.Stdout.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(111.00m, document.RootElement.GetProperty("paidToSeller").GetDecimal());
        Assert.Equal(39.00m, document.RootElement.GetProperty("refundedToBuyer").GetDecimal());
        Assert.Equal(0m, document.RootElement.GetProperty("heldByPlatform").GetDecimal());
        Assert.Equal(5, document.RootElement.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task Fakes_serve_on_an_admin_port_already_taken_is_a_runtime_failure_with_exit_3()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await ToolProcess.RunAsync("fakes", "serve", "--platform", "top", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 3, result.ToString());
    }

    [Fact]
    public async Task Fakes_serve_with_a_seed_file_of_unknown_properties_is_refused_with_exit_1()
    {
        var seed = Path.Combine(Path.GetTempPath(), $"platformsdk-seed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(seed, """{ "top": { "appKey": "k", "colour": "blue" } }""");
        try
        {
            var result = await ToolProcess.RunAsync("fakes", "serve", "--platform", "top", "--seed", seed);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("top.colour", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(seed);
        }
    }
}
