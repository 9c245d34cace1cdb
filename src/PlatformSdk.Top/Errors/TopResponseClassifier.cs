using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Top.Protocol;

namespace PlatformSdk.Top.Errors;

/// <summary>
/// Classifies TOP JSON replies (docs/protocols/taobao-top.md §4–§5): <c>error_response</c> through the catalogue, with
/// "This ban will last for N more seconds" read into <see cref="PlatformError.RetryAfter"/>; a success must carry the
/// call's <c>&lt;method&gt;_response</c> wrapper, anything else is a malformed (transient) reply.
/// </summary>
internal partial class TopResponseClassifier : PlatformResponseClassifier
{
    private readonly Dictionary<string, ErrorCatalogue> _byPlatform;

    /// <summary>Creates the classifier over <see cref="TopErrorCatalogue.Instance"/>.</summary>
    public TopResponseClassifier()
        : this(TopErrorCatalogue.Instance)
    {
    }

    /// <summary>Creates the classifier over one catalogue (built on <see cref="TopErrorCatalogue.Instance"/>).</summary>
    /// <param name="catalogue">The catalogue.</param>
    public TopResponseClassifier(ErrorCatalogue catalogue)
        : this(catalogue, [])
    {
    }

    /// <summary>
    /// Creates the classifier of a TOP host that several packages share: each operation's replies are classified with the catalogue
    /// its package contributed (by <see cref="TopOperation.Platform"/>), and with TOP's own otherwise.
    /// </summary>
    /// <param name="catalogue">TOP's catalogue.</param>
    /// <param name="contributions">The packages' catalogues.</param>
    public TopResponseClassifier(ErrorCatalogue catalogue, IEnumerable<TopCatalogueContribution> contributions)
        : base(catalogue)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        var byPlatform = new Dictionary<string, ErrorCatalogue>(StringComparer.Ordinal);
        foreach (var contribution in contributions)
        {
            byPlatform[contribution.Platform] = contribution.Catalogue;
        }

        _byPlatform = byPlatform;
    }

    /// <summary>The catalogue used for an operation's platform label.</summary>
    /// <param name="platform">The label, for example <c>TaobaoVoucher</c>.</param>
    /// <returns>The contributed catalogue, or TOP's.</returns>
    public ErrorCatalogue CatalogueFor(string platform) => _byPlatform.TryGetValue(platform, out var catalogue) ? catalogue : Catalogue;

    /// <summary>Classifies a reply body without an HTTP response (tests and tools).</summary>
    /// <param name="body">The body.</param>
    /// <param name="method">The API name the reply answers, or <see langword="null"/> to accept any <c>*_response</c> wrapper.</param>
    /// <param name="simplify">True when the call was sent with <c>simplify=true</c>.</param>
    /// <returns>The error, or <see langword="null"/> on success.</returns>
    public PlatformError? ClassifyBody(ReadOnlySpan<byte> body, string? method, bool simplify = false)
    {
        var result = ClassifyJsonObject(body.ToArray(), (Method: method, Simplify: simplify, Catalogue), (root, call) => ClassifyRoot(root, call.Method, call.Simplify, call.Catalogue));
        (result.Parsed as IDisposable)?.Dispose();
        return result.Error;
    }

    private static PlatformError? ClassifyRoot(JsonElement root, string? method, bool simplify, ErrorCatalogue catalogue)
    {
        if (TopResponseParser.TryReadError(root, out var error))
        {
            var classified = catalogue.Classify(error.Code, error.SubCode, error.FullMessage, requestId: error.RequestId);
            return (ParseBanSeconds(error.Message) ?? ParseBanSeconds(error.SubMessage)) is { } wait
                ? classified with { RetryAfter = wait }
                : classified;
        }

        if (method is null)
        {
            return HasAnyWrapper(root) || simplify ? null : MalformedResponse(catalogue.Platform, "the reply has neither error_response nor a *_response object");
        }

        return TopResponseParser.TryGetSuccess(root, method, simplify, out _)
            ? null
            : MalformedResponse(catalogue.Platform, $"the reply has neither error_response nor {TopResponseParser.ResponseKey(method)}");
    }

    /// <summary>Reads the ban length from a code 7 message ("This ban will last for N more seconds").</summary>
    /// <param name="message">The message.</param>
    /// <returns>The wait, or <see langword="null"/> when the message does not say.</returns>
    public static TimeSpan? ParseBanSeconds(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        var match = BanSeconds().Match(message);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    /// <inheritdoc />
    protected override PlatformClassification ClassifyBody(HttpResponseMessage response, ReadOnlyMemory<byte> body, PlatformRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var call = context.Payload as TopCall;
        return ClassifyJsonObject(body, (Method: call?.Method ?? context.Operation.Name, Simplify: call?.Simplify ?? false, Catalogue: CatalogueFor(context.Operation.Platform)),
            (root, state) => ClassifyRoot(root, state.Method, state.Simplify, state.Catalogue));
    }

    private static bool HasAnyWrapper(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && NameEndsWithResponse(property))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NameEndsWithResponse(JsonProperty property)
    {
        try
        {
            return property.Name.EndsWith("_response", StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            // A name that cannot be decoded (a lone surrogate escape, invalid UTF-8) is no API's wrapper.
            return false;
        }
    }

#if NET8_0_OR_GREATER
    [GeneratedRegex(TopWireChoices.BanSecondsPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BanSeconds();
#else
    // netstandard2.0 has no regex source generator: the same pattern, compiled once at first use.
    private static readonly Regex BanSecondsRegex = new(TopWireChoices.BanSecondsPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static Regex BanSeconds() => BanSecondsRegex;
#endif
}

/// <summary>An error catalogue a TOP-based package contributes for the operations it labels with <see cref="Platform"/>.</summary>
/// <param name="Platform">The package's platform label, for example <c>TaobaoVoucher</c>.</param>
/// <param name="Catalogue">Its catalogue (its own entries with TOP's included: <c>ErrorCatalogueBuilder.Include</c>).</param>
internal sealed record TopCatalogueContribution(string Platform, ErrorCatalogue Catalogue);
