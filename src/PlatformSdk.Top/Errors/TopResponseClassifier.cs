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
public partial class TopResponseClassifier : PlatformResponseClassifier
{
    /// <summary>Creates the classifier over <see cref="TopErrorCatalogue.Instance"/>.</summary>
    public TopResponseClassifier()
        : this(TopErrorCatalogue.Instance)
    {
    }

    /// <summary>Creates the classifier over a platform package's catalogue (built with <see cref="TopErrorCatalogue.AddTo"/>).</summary>
    /// <param name="catalogue">The catalogue.</param>
    public TopResponseClassifier(ErrorCatalogue catalogue)
        : base(catalogue)
    {
    }

    /// <summary>Classifies a reply body without an HTTP response (tests and tools).</summary>
    /// <param name="body">The body.</param>
    /// <param name="method">The API name the reply answers, or <see langword="null"/> to accept any <c>*_response</c> wrapper.</param>
    /// <param name="simplify">True when the call was sent with <c>simplify=true</c>.</param>
    /// <returns>The error, or <see langword="null"/> on success.</returns>
    public PlatformError? ClassifyBody(ReadOnlySpan<byte> body, string? method, bool simplify = false)
        => ClassifyJsonObject(body, (Method: method, Simplify: simplify), (root, call) => ClassifyRoot(root, call.Method, call.Simplify));

    private PlatformError? ClassifyRoot(JsonElement root, string? method, bool simplify)
    {
        if (TopResponseParser.TryReadError(root, out var error))
        {
            var classified = Catalogue.Classify(error.Code, error.SubCode, error.FullMessage, requestId: error.RequestId);
            return (ParseBanSeconds(error.Message) ?? ParseBanSeconds(error.SubMessage)) is { } wait
                ? classified with { RetryAfter = wait }
                : classified;
        }

        if (method is null)
        {
            return HasAnyWrapper(root) || simplify ? null : MalformedResponse("the reply has neither error_response nor a *_response object");
        }

        return TopResponseParser.TryGetSuccess(root, method, simplify, out _)
            ? null
            : MalformedResponse($"the reply has neither error_response nor {TopResponseParser.ResponseKey(method)}");
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
    protected override PlatformError? ClassifyBody(HttpResponseMessage response, ReadOnlySpan<byte> body, PlatformRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var call = context.Payload as TopCall;
        return ClassifyBody(body, call?.Method ?? context.Operation.Name, call?.Simplify ?? false);
    }

    private static bool HasAnyWrapper(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.EndsWith("_response", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.Object)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(TopWireChoices.BanSecondsPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BanSeconds();
}
