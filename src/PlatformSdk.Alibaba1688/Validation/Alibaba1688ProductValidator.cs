using System.Globalization;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Models.Products;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.Alibaba1688.Validation;

/// <summary>Checks a publish request before anything is uploaded (R1688-06: at most 5 images, each at most 2 MB).</summary>
public static class Alibaba1688ProductValidator
{
    private static readonly ValidationGuard Guard = new(Alibaba1688ErrorCatalogue.Platform);

    // SDK limits (1688 documents none), far above real offers.
    private const int MaxDescriptionLength = 100_000;
    private const long MaxStock = 1_000_000_000;

    /// <summary>
    /// Keeps the first 5 images and reports the rest as dropped; rejects a kept image over 2 × 1024 × 1024 bytes or empty,
    /// naming its index and size. Dropped images are never sent, so their size does not matter.
    /// </summary>
    /// <param name="images">The images in the order given.</param>
    /// <returns>The kept and dropped images.</returns>
    /// <exception cref="PlatformValidationException">A kept image is too large or empty (rule R1688-06).</exception>
    public static Alibaba1688ImageSelection SelectImages(IReadOnlyList<Alibaba1688Image> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var kept = new List<Alibaba1688Image>();
        var dropped = new List<Alibaba1688DroppedImage>();
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i] ?? throw Guard.Fail($"images[{i}]", null, "R1688-06", "the image is missing.");
            if (i >= Alibaba1688WireChoices.MaxImages)
            {
                dropped.Add(new Alibaba1688DroppedImage(i, image.Name));
                continue;
            }

            var size = image.Content.Length;
            if (size > Alibaba1688WireChoices.MaxImageBytes)
            {
                Guard.Fail($"images[{i}]", string.Create(CultureInfo.InvariantCulture, $"{image.Name}: {size} bytes"), "R1688-06",
                    string.Create(CultureInfo.InvariantCulture,
                        $"image {i} ('{image.Name}') is {size} bytes; 1688 accepts at most {Alibaba1688WireChoices.MaxImageBytes} bytes (2 MB) per image and would fail the publish. Compress or resize it."));
            }

            if (size == 0)
            {
                Guard.Fail($"images[{i}]", image.Name, "R1688-06", $"image {i} ('{image.Name}') is empty.");
            }

            // The name is sent as the photobank name and the multipart file name.
            Guard.FileName($"images[{i}].name", image.Name);

            kept.Add(image);
        }

        return new Alibaba1688ImageSelection(kept, dropped);
    }

    /// <summary>Checks a publish request and selects its images.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The image selection.</returns>
    /// <exception cref="PlatformValidationException">A field breaks a rule.</exception>
    public static Alibaba1688ImageSelection Validate(Alibaba1688PublishRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Guard.Identifier("subject", request.Subject, 128);
        Guard.Positive("categoryID", request.CategoryId);
        // Descriptions are HTML and may be long; 1688 documents no limit, so the SDK only caps them far above real ones.
        Guard.Text("description", request.Description, MaxDescriptionLength);
        if (request.AlbumId is { } album)
        {
            Guard.Positive("albumID", album);
        }

        if (request.Price is { } price)
        {
            Guard.NonNegativeFen("price", price);
        }

        if (request.AmountOnSale is < 0 or > MaxStock)
        {
            Guard.Fail("amountOnSale", request.AmountOnSale.Value.ToString(CultureInfo.InvariantCulture), null,
                $"the stock must be between 0 and {MaxStock.ToString(CultureInfo.InvariantCulture)} (a limit of the SDK).");
        }

        Guard.NotNull("images", request.Images, "R1688-06");
        return SelectImages(request.Images);
    }
}
