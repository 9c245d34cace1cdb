using PlatformSdk.Alibaba1688.Models.Products;
using PlatformSdk.Alibaba1688.Validation;
using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688.Tests;

public class ProductValidationTests
{
    private static Alibaba1688Image Image(int index, long size) => new($"img{index}.jpg", new byte[size]);

    [Fact]
    [Rule("R1688-06")]
    public void R168806_keeps_the_first_5_images_and_reports_the_dropped_ones_by_index_and_name()
    {
        var images = Enumerable.Range(0, 7).Select(i => Image(i, 100)).ToArray();

        var selection = Alibaba1688ProductValidator.SelectImages(images);

        Assert.Equal(images.Take(5), selection.Kept);
        Assert.Equal([new Alibaba1688DroppedImage(5, "img5.jpg"), new Alibaba1688DroppedImage(6, "img6.jpg")], selection.Dropped);
    }

    [Fact]
    [Rule("R1688-06")]
    public void R168806_five_images_drop_nothing()
        => Assert.Empty(Alibaba1688ProductValidator.SelectImages(Enumerable.Range(0, 5).Select(i => Image(i, 1)).ToArray()).Dropped);

    [Fact]
    [Rule("R1688-06")]
    public void R168806_an_image_of_exactly_2097152_bytes_is_accepted()
        => Assert.Single(Alibaba1688ProductValidator.SelectImages([Image(0, 2_097_152)]).Kept);

    [Fact]
    [Rule("R1688-06")]
    public void R168806_an_image_of_2097153_bytes_is_rejected_with_its_index_and_size()
    {
        var ex = Assert.Throws<PlatformValidationException>(() => Alibaba1688ProductValidator.SelectImages([Image(0, 10), Image(1, 10), Image(2, 2_097_153)]));

        Assert.Equal("R1688-06", ex.RuleId);
        Assert.Equal("images[2]", ex.Field);
        Assert.Contains("2097153", ex.Message, StringComparison.Ordinal);
        Assert.Contains("image 2", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("R1688-06")]
    public void R168806_an_oversized_image_after_the_fifth_is_dropped_not_rejected_because_it_is_never_sent()
    {
        var selection = Alibaba1688ProductValidator.SelectImages([.. Enumerable.Range(0, 5).Select(i => Image(i, 10)), Image(5, 3_000_000)]);

        Assert.Equal(5, selection.Kept.Count);
        Assert.Equal(5, Assert.Single(selection.Dropped).Index);
    }

    [Fact]
    public void An_empty_image_is_rejected()
        => Assert.Equal("images[0]", Assert.Throws<PlatformValidationException>(() => Alibaba1688ProductValidator.SelectImages([Image(0, 0)])).Field);

    [Theory]
    [InlineData("", 1L, "subject")]
    [InlineData("ok", 0L, "categoryID")]
    public void Publish_request_fields_are_checked(string subject, long category, string field)
        => Assert.Equal(field, Assert.Throws<PlatformValidationException>(() => Alibaba1688ProductValidator.Validate(new Alibaba1688PublishRequest { Subject = subject, CategoryId = category })).Field);

    [Fact]
    public void Subject_over_128_characters_is_rejected()
        => Assert.Equal("subject", Assert.Throws<PlatformValidationException>(() => Alibaba1688ProductValidator.Validate(
            new Alibaba1688PublishRequest { Subject = new string('衣', 129), CategoryId = 1 })).Field);

    [Fact]
    public void Cursor_round_trips_through_text()
    {
        var cursor = new Alibaba1688ProductCursor(7);

        Assert.Equal("page:7", cursor.ToString());
        Assert.Equal(cursor, Alibaba1688ProductCursor.Parse(cursor.ToString()));
        Assert.Throws<FormatException>(() => Alibaba1688ProductCursor.Parse("page:0"));
        Assert.Throws<FormatException>(() => Alibaba1688ProductCursor.Parse("7"));
    }
}
