namespace PlatformSdk.Alibaba1688.Models.Products;

/// <summary>An image to publish: its bytes and a name (sent as the photobank name, reported when dropped).</summary>
/// <param name="Name">A name, for example the file name.</param>
/// <param name="Content">The image bytes (jpg, jpeg, gif, bmp or png; at most 2 MB).</param>
public sealed record Alibaba1688Image(string Name, ReadOnlyMemory<byte> Content)
{
    /// <inheritdoc />
    public override string ToString() => $"Alibaba1688Image({Name}, {Content.Length} bytes)";
}

/// <summary>An ERP main product to publish as a simple offer (R1688-06..08): no SKU specs.</summary>
public sealed class Alibaba1688PublishRequest
{
    /// <summary>The title (≤ 128 characters).</summary>
    public required string Subject { get; init; }

    /// <summary>The 1688 category (<c>categoryID</c>).</summary>
    public required long CategoryId { get; init; }

    /// <summary>The description (HTML allowed by 1688).</summary>
    public string? Description { get; init; }

    /// <summary>The images; only the first 5 are uploaded (R1688-06), each at most 2 MB.</summary>
    public IReadOnlyList<Alibaba1688Image> Images { get; init; } = [];

    /// <summary>The photobank album to upload into (<c>albumID</c>); optional (whether 1688 requires it is unconfirmed, doc §8).</summary>
    public long? AlbumId { get; init; }

    /// <summary>The price in yuan, sent as a single price range from quantity 1, if given.</summary>
    public decimal? Price { get; init; }

    /// <summary>The stock on sale, if given.</summary>
    public long? AmountOnSale { get; init; }
}

/// <summary>An image left out because 1688 takes only the first 5 (R1688-06).</summary>
/// <param name="Index">The 0-based index in the request.</param>
/// <param name="Name">The image's name.</param>
public sealed record Alibaba1688DroppedImage(int Index, string Name);

/// <summary>The images that will be uploaded and those dropped (R1688-06).</summary>
/// <param name="Kept">The first 5 images, in order.</param>
/// <param name="Dropped">The images after the fifth, which are not uploaded.</param>
public sealed record Alibaba1688ImageSelection(IReadOnlyList<Alibaba1688Image> Kept, IReadOnlyList<Alibaba1688DroppedImage> Dropped);

/// <summary>A published offer.</summary>
public sealed record Alibaba1688PublishResult
{
    /// <summary>The new offer id.</summary>
    public required long ProductId { get; init; }

    /// <summary>The photobank paths of the uploaded images, in order.</summary>
    public required IReadOnlyList<string> ImagePaths { get; init; }

    /// <summary>Images not uploaded because only the first 5 are (R1688-06).</summary>
    public required IReadOnlyList<Alibaba1688DroppedImage> DroppedImages { get; init; }

    /// <summary><see langword="true"/>: offers published by ERPs are private (私密商品), R1688-07.</summary>
    public bool IsPrivateOffer { get; init; } = true;

    /// <summary><see langword="true"/>: the offer supports online trading (R1688-07).</summary>
    public bool SupportsOnlineTrading { get; init; } = true;

    /// <summary>The offer's page.</summary>
    public Uri DetailUrl => new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"https://detail.1688.com/offer/{ProductId}.html"));
}
