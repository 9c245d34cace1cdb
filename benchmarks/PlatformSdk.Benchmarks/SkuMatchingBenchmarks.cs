using System.Globalization;
using BenchmarkDotNet.Attributes;
using PlatformSdk.Matching;

namespace PlatformSdk.Benchmarks;

/// <summary>
/// R1688-11 auto-matching at catalogue scale: N platform SKUs against N ERP SKUs. The measured work is what a
/// match run does (index the ERP catalogue, then stream the platform items); generating the data is not measured.
/// </summary>
[MemoryDiagnoser]
public class SkuMatchingBenchmarks
{
    private const int SkusPerProduct = 4;
    private static readonly string[] Colours = ["RD", "BK", "WH", "BL", "GR", "YL"];
    private static readonly string[] Sizes = ["S", "M", "L", "XL", "XXL"];

    private List<ErpSku> _erpSkus = null!;
    private List<string> _erpProducts = null!;
    private List<PlatformItem> _items = null!;
    private SkuMatchingCatalogue _catalogue = null!;

    /// <summary>Platform SKUs, and ERP SKUs (the same number of each).</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int Skus { get; set; }

    /// <summary>
    /// Deterministic data shaped like real exports: ERP SKU codes <c>HX24-000123-RD-XL</c> grouped 4 per product
    /// <c>HX24-000123</c>. Platform SKUs (4 per item, plus 1 SKU-less item per 20) carry the same codes as typed by
    /// merchants: 70% identical, 10% lower case, 5% full-width, 5% padded with ASCII or ideographic spaces, 10% unknown.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240611);
        var products = Skus / SkusPerProduct;
        _erpSkus = new List<ErpSku>(Skus);
        _erpProducts = new List<string>(products);
        for (var p = 0; p < products; p++)
        {
            var product = string.Create(CultureInfo.InvariantCulture, $"HX24-{p:D6}");
            _erpProducts.Add(product);
            for (var s = 0; s < SkusPerProduct; s++)
            {
                _erpSkus.Add(new ErpSku(SkuCode(product, p, s), product));
            }
        }

        _items = new List<PlatformItem>(products + products / 20);
        var offerId = 549605719581L;
        for (var p = 0; p < products; p++)
        {
            var product = _erpProducts[p];
            var skus = new PlatformSku[SkusPerProduct];
            for (var s = 0; s < SkusPerProduct; s++)
            {
                skus[s] = new PlatformSku((offerId * 10 + s).ToString(CultureInfo.InvariantCulture), AsTyped(SkuCode(product, p, s), random));
            }

            _items.Add(new PlatformItem((offerId++).ToString(CultureInfo.InvariantCulture), AsTyped(product, random), skus));
            if (p % 20 == 0)
            {
                _items.Add(new PlatformItem((offerId++).ToString(CultureInfo.InvariantCulture), AsTyped(product, random)));
            }
        }

        _catalogue = SkuMatchingCatalogue.Create(_erpSkus, _erpProducts);
    }

    /// <summary>A whole run: build the ERP index, then match every platform SKU.</summary>
    /// <returns>The number of matched results (keeps the work observable).</returns>
    [Benchmark(Baseline = true)]
    public int BuildCatalogueAndMatch()
    {
        var catalogue = SkuMatchingCatalogue.Create(_erpSkus, _erpProducts);
        return SkuMatcher.Match(catalogue, _items).MatchedCount;
    }

    /// <summary>Only the platform side, against an index built in setup.</summary>
    /// <returns>The number of matched results.</returns>
    [Benchmark]
    public int MatchOnly() => SkuMatcher.Match(_catalogue, _items).MatchedCount;

    private static string SkuCode(string product, int p, int s)
        => string.Concat(product, "-", Colours[(p + s) % Colours.Length], "-", Sizes[(p * 7 + s) % Sizes.Length]);

    private static string AsTyped(string code, Random random)
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 70 => code,
            < 80 => code.ToLowerInvariant(),
            < 85 => FullWidth(code),
            < 88 => "  " + code + " ",
            < 90 => "\u3000" + code,
            _ => code + "-OLD",
        };
    }

    private static string FullWidth(string code)
        => string.Create(code.Length, code, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c;
            }
        });
}
