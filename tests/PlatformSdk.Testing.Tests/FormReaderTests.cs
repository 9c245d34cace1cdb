using System.Text;
using System.Web;

namespace PlatformSdk.Testing.Tests;

public sealed class FormReaderTests
{
    private static readonly Encoding Gbk = FormReader.GetEncoding("gbk")!;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("&&&")]
    public void Empty_text_has_no_fields(string? text)
    {
        var fields = FormReader.Parse(text);

        Assert.Empty(fields);
        Assert.Empty(fields.Pairs);
        Assert.False(fields.HasMalformedEscapes);
    }

    [Fact]
    public void A_leading_question_mark_is_skipped_once()
    {
        Assert.Equal("1", FormReader.Parse("?a=1")["a"]);
        Assert.Equal("1", FormReader.Parse("??a=1")["?a"]);
    }

    [Fact]
    public void Empty_values_names_without_equals_and_empty_pieces()
    {
        var fields = FormReader.Parse("a=&b&&=v&c=x=y&");

        Assert.Equal(string.Empty, fields["a"]);
        Assert.Equal(string.Empty, fields["b"]);
        Assert.Equal("v", fields[string.Empty]);
        Assert.Equal("x=y", fields["c"]); // only the first '=' splits
        Assert.Equal(["a", "b", string.Empty, "c"], fields.Keys);
    }

    [Fact]
    public void Plus_is_a_space_in_names_and_values_and_percent_2B_is_a_plus()
    {
        var fields = FormReader.Parse("first+name=Zhang+San&sum=1%2B1");

        Assert.Equal("Zhang San", fields["first name"]);
        Assert.Equal("1+1", fields["sum"]);
    }

    [Fact]
    public void Percent_encoded_utf8_decodes_in_either_hex_case()
    {
        var fields = FormReader.Parse("title=%E7%94%B5%E5%AD%90%e5%87%ad%e8%af%81&amp=%26%3D");

        Assert.Equal("电子凭证", fields["title"]);
        Assert.Equal("&=", fields["amp"]);
    }

    [Fact]
    public void Characters_that_arrived_unescaped_decode_to_themselves()
    {
        Assert.Equal("电子 凭证", FormReader.Parse("title=电子+凭证")["title"]);
        Assert.Equal("电子凭证", FormReader.Parse("title=电子凭证", Gbk)["title"]);
    }

    [Theory]
    [InlineData("gbk")]
    [InlineData("GB2312")]
    [InlineData("gb18030")]
    public void Chinese_code_pages_decode_percent_encoded_bytes(string charset)
    {
        var encoding = FormReader.GetEncoding(charset)!;
        var text = "item=" + HttpUtility.UrlEncode("电子凭证 测试", encoding);

        Assert.Equal("电子凭证 测试", FormReader.Parse(text, encoding)["item"]);
        Assert.Equal("电子凭证 测试", FormReader.Parse(Encoding.ASCII.GetBytes(text), encoding)["item"]);
        Assert.NotEqual("电子凭证 测试", FormReader.Parse(text)["item"]); // read as UTF-8 it is garbage
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("application/x-www-form-urlencoded", null)]
    [InlineData("application/x-www-form-urlencoded; charset=GBK", "gb2312")]
    [InlineData("application/x-www-form-urlencoded;charset=\"utf-8\"", "utf-8")]
    [InlineData("application/x-www-form-urlencoded; charset=no-such-charset", null)]
    public void CharsetOf_reads_the_content_type_parameter(string? contentType, string? webName) =>
        Assert.Equal(webName, FormReader.CharsetOf(contentType)?.WebName);

    [Fact]
    public void A_request_body_is_decoded_in_the_charset_of_its_content_type()
    {
        var body = Encoding.ASCII.GetBytes("title=" + HttpUtility.UrlEncode("电子凭证", Gbk));
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded; charset=GBK" };

        var request = new FakeRequest("POST", "/", "?q=%E4%B8%AD", headers, body, DateTimeOffset.UnixEpoch);

        Assert.Equal("电子凭证", request.Form["title"]);
        Assert.Equal("中", request.Query["q"]); // the URL is always UTF-8
        Assert.Equal(body, request.BodyBytes.ToArray());
    }

    [Fact]
    public void Repeated_names_first_value_wins_and_every_value_is_kept()
    {
        var fields = FormReader.Parse("tag=a&x=1&tag=b&tag=");

        Assert.Equal("a", fields["tag"]);
        Assert.Equal(["a", "b", string.Empty], fields.GetValues("tag"));
        Assert.Empty(fields.GetValues("missing"));
        Assert.Equal(2, fields.Count);
        Assert.Equal(4, fields.Pairs.Count);
        Assert.Equal(["tag", "x", "tag", "tag"], fields.Pairs.Select(p => p.Key));
        Assert.Equal([new KeyValuePair<string, string>("tag", "a"), new("x", "1")], fields.ToArray());
    }

    [Theory]
    [InlineData("a=%", "%")]
    [InlineData("a=%4", "%4")]
    [InlineData("a=%zz1", "%zz1")]
    [InlineData("a=100%", "100%")]
    [InlineData("a=%%41", "%A")]
    [InlineData("a=%G1%41", "%G1A")]
    public void Malformed_percent_escapes_stay_literal_and_are_flagged_never_thrown(string text, string value)
    {
        var fields = FormReader.Parse(text);

        Assert.Equal(value, fields["a"]);
        Assert.True(fields.HasMalformedEscapes);
        Assert.True(FormReader.Parse(Encoding.ASCII.GetBytes(text)).HasMalformedEscapes);
    }

    [Fact]
    public void Bytes_invalid_in_the_charset_become_replacement_characters_without_the_malformed_flag()
    {
        var fields = FormReader.Parse("a=%E4%B8&b=%FF");

        Assert.Equal("\uFFFD", fields["a"]);
        Assert.Equal("\uFFFD", fields["b"]);
        Assert.False(fields.HasMalformedEscapes);
    }

    [Fact]
    public void Well_formed_text_is_not_flagged()
    {
        Assert.False(FormReader.Parse("a=100%25&b=%E4%B8%AD").HasMalformedEscapes);
    }

    [Fact]
    public void An_encoding_that_does_not_keep_ascii_as_bytes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => FormReader.Parse("a=1", Encoding.Unicode));
        Assert.Throws<ArgumentException>(() => FormReader.Parse("a=1"u8, Encoding.UTF32));
    }

    [Fact]
    public void A_missing_name_fails_naming_the_fields_that_exist()
    {
        var missing = Assert.Throws<KeyNotFoundException>(() => FormReader.Parse("app_key=1&sign=2")["session"]);

        Assert.Contains("session", missing.Message, StringComparison.Ordinal);
        Assert.Contains("app_key, sign", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whatever_the_framework_form_encoder_writes_reads_back()
    {
        string[] values = ["", " ", "+", "%", "&", "=", "a b+c", "电子凭证", "emoji 😀", "line\r\nbreak", "~!*()'", "{\"k\":[1,2]}", "\u00e9\u00e8"];
        var pairs = values.Select((v, i) => new KeyValuePair<string, string>("k" + i + v, v)).ToArray();
        using var content = new FormUrlEncodedContent(pairs);
        var bytes = await content.ReadAsByteArrayAsync();

        var fields = FormReader.Parse(bytes);

        Assert.Equal(pairs, fields.Pairs);
        Assert.False(fields.HasMalformedEscapes);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", true)]
    [InlineData("Application/X-WWW-Form-UrlEncoded; charset=utf-8", true)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void IsFormUrlEncoded_matches_the_media_type(string? contentType, bool expected) =>
        Assert.Equal(expected, FormReader.IsFormUrlEncoded(contentType));
}
