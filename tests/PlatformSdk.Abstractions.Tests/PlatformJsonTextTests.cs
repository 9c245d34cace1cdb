using System.Text;
using System.Text.Json;
using PlatformSdk.Http;

namespace PlatformSdk.Abstractions.Tests;

/// <summary>The one rule every reply reader uses to read text: a bad field reads as absent, never as an exception.</summary>
public sealed class PlatformJsonTextTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void A_lone_surrogate_escape_or_invalid_utf8_in_a_string_reads_as_null_instead_of_throwing()
    {
        var lone = Parse("{\"a\":\"\\ud800x\"}");
        var invalid = JsonDocument.Parse(Encoding.UTF8.GetBytes("{\"a\":\"").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray()).RootElement.Clone();

        Assert.Throws<InvalidOperationException>(() => lone.GetProperty("a").GetString());
        Assert.Null(PlatformJsonText.Decode(lone.GetProperty("a")));
        Assert.Null(PlatformJsonText.Property(lone, "a"));
        Assert.Null(PlatformJsonText.Scalar(invalid.GetProperty("a")));
    }

    [Theory]
    [InlineData("\"SF\"", "SF")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    [InlineData("-0.50", "-0.50")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("null", null)]
    [InlineData("{\"x\":1}", null)]
    [InlineData("[1]", null)]
    public void Scalars_read_as_their_text_and_containers_as_absent(string json, string? expected)
        => Assert.Equal(expected, PlatformJsonText.Scalar(Parse(json)));

    [Fact]
    public void Property_reads_absent_names_and_non_objects_as_null()
    {
        Assert.Equal("7", PlatformJsonText.Property(Parse("{\"code\":7}"), "code"));
        Assert.Null(PlatformJsonText.Property(Parse("{\"code\":7}"), "msg"));
        Assert.Null(PlatformJsonText.Property(Parse("[{\"code\":7}]"), "code"));
        Assert.Null(PlatformJsonText.Decode(Parse("7")));
    }
}
