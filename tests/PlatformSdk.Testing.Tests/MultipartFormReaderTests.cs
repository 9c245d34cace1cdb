using System.Net.Http.Headers;
using System.Text;

namespace PlatformSdk.Testing.Tests;

public sealed class MultipartFormReaderTests
{
    private static readonly byte[] Binary = [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0xFE, 0x0D, 0x0A, 0x2D, 0x2D, 0x80];

    private static async Task<(byte[] Body, string ContentType)> UploadAsync()
    {
        using var content = new MultipartFormDataContent("fake-boundary-42");
        content.Add(new StringContent("电子凭证", Encoding.UTF8), "title");
        var file = new ByteArrayContent(Binary);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "image", "照片.png");
        return (await content.ReadAsByteArrayAsync(), content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Parts_keep_their_names_file_names_content_types_and_exact_bytes()
    {
        var (body, contentType) = await UploadAsync();

        var parts = MultipartFormReader.ReadParts(body, contentType)!;

        Assert.Equal(2, parts.Count);
        var title = parts[0];
        Assert.Equal("title", title.Name);
        Assert.False(title.IsFile);
        Assert.Null(title.FileName);
        Assert.Equal("电子凭证", title.Content);
        Assert.StartsWith("text/plain", title.ContentType, StringComparison.Ordinal);
        var image = parts[1];
        Assert.Equal("image", image.Name);
        Assert.True(image.IsFile);
        Assert.Equal("image/png", image.ContentType);
        Assert.Equal(Binary, image.Data.ToArray());
    }

    [Fact]
    public async Task A_request_is_read_from_its_body_bytes()
    {
        var (body, contentType) = await UploadAsync();
        var request = new FakeRequest("POST", "/upload", null, new Dictionary<string, string> { ["Content-Type"] = contentType }, body, DateTimeOffset.UnixEpoch);

        var parts = MultipartFormReader.ReadParts(request)!;

        Assert.Equal(Binary, parts[1].Data.ToArray());
        Assert.Empty(request.Form); // a multipart body has no url-encoded form
        Assert.Null(MultipartFormReader.ReadParts(new FakeRequest("POST", "/", null, new Dictionary<string, string>(), "a=1", DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public void Text_bodies_are_read_as_utf8()
    {
        const string body = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n中\r\n--b\r\nContent-Disposition: form-data; name=b; filename=\"x.txt\"\r\n\r\n\r\n--b--\r\n";

        var parts = MultipartFormReader.ReadParts(body, "multipart/form-data; boundary=b")!;

        Assert.Equal(["a", "b"], parts.Select(p => p.Name));
        Assert.Equal("中", parts[0].Content);
        Assert.Equal("x.txt", parts[1].FileName);
        Assert.Equal(0, parts[1].Data.Length);
    }

    [Theory]
    [InlineData("multipart/form-data")]                         // no boundary
    [InlineData("multipart/form-data; boundary=other")]         // boundary not in the body
    public void A_body_that_does_not_follow_the_boundary_is_null(string contentType) =>
        Assert.Null(MultipartFormReader.ReadParts("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b--", contentType));

    [Theory]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1")]         // part never closed
    [InlineData("--b\r\nContent-Type: text/plain\r\n\r\n1\r\n--b--")]                     // no Content-Disposition
    [InlineData("--b\r\nContent-Disposition: form-data\r\n\r\n1\r\n--b--")]               // no name
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n1\r\n--b--")]       // no blank line after the headers
    public void A_malformed_part_makes_the_body_unreadable(string body) =>
        Assert.Null(MultipartFormReader.ReadParts(body, "multipart/form-data; boundary=b"));

    [Theory]
    [InlineData("multipart/form-data; boundary=x", true)]
    [InlineData(" Multipart/Form-Data;boundary=x", true)]
    [InlineData("multipart/mixed; boundary=x", false)]
    [InlineData(null, false)]
    public void IsMultipart_matches_form_data_only(string? contentType, bool expected) =>
        Assert.Equal(expected, MultipartFormReader.IsMultipart(contentType));

    [Fact]
    public void HeaderParameter_reads_quoted_and_bare_values_case_insensitively()
    {
        Assert.Equal("a b", MultipartFormReader.HeaderParameter("form-data; NAME=\"a b\"; filename=x", "name"));
        Assert.Equal("x", MultipartFormReader.HeaderParameter("form-data; NAME=\"a b\"; filename=x", "FileName"));
        Assert.Null(MultipartFormReader.HeaderParameter("form-data", "name"));
    }
}
