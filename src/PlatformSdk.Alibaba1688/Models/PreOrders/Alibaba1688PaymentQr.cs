using QRCoder;

namespace PlatformSdk.Alibaba1688.Models.PreOrders;

/// <summary>
/// Renders a payment URL as a QR code the buyer scans with the Alipay or Alibaba app (R1688-16). Usable on its own.
/// Uses QRCoder's dependency-free PNG and SVG renderers (no System.Drawing), which are trimming- and AOT-safe.
/// </summary>
public static class Alibaba1688PaymentQr
{
    /// <summary>Renders a PNG.</summary>
    /// <param name="url">The URL (or any text) to encode.</param>
    /// <param name="pixelsPerModule">Pixels per QR module; default 10.</param>
    /// <returns>The PNG bytes.</returns>
    public static byte[] RenderPng(string url, int pixelsPerModule = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        using var data = Encode(url);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule);
    }

    /// <summary>Renders an SVG document.</summary>
    /// <param name="url">The URL (or any text) to encode.</param>
    /// <param name="pixelsPerModule">Pixels per QR module; default 10.</param>
    /// <returns>The SVG markup.</returns>
    public static string RenderSvg(string url, int pixelsPerModule = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        using var data = Encode(url);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(pixelsPerModule);
    }

    private static QRCodeData Encode(string url)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        // Level M: payment URLs are long; M keeps the code scannable from a screen or a print-out.
        return QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
    }
}
