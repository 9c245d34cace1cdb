using System.Globalization;
using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Http;

namespace PlatformSdk.TestPlatform.Errors;

/// <summary>
/// Reads TestPlatform's envelope <c>{"code":0,"msg":"…","data":{…}}</c>: code 0 is a success (the parsed document goes forward to
/// the reader), any other code is looked up in <see cref="TestPlatformErrorCatalogue"/>. A body that is not exactly one JSON object
/// with a numeric code is a malformed reply.
/// </summary>
public sealed class TestPlatformResponseClassifier : PlatformResponseClassifier
{
    /// <summary>Creates the classifier over <see cref="TestPlatformErrorCatalogue.Instance"/>.</summary>
    public TestPlatformResponseClassifier()
        : base(TestPlatformErrorCatalogue.Instance)
    {
    }

    /// <inheritdoc />
    protected override PlatformClassification ClassifyBody(HttpResponseMessage response, ReadOnlyMemory<byte> body, PlatformRequestContext context)
        => ClassifyJsonObject(body, this, static (root, self) =>
        {
            if (!root.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number || !code.TryGetInt64(out var value))
            {
                return self.MalformedResponse("the envelope has no numeric 'code'");
            }

            if (value == 0)
            {
                return null;
            }

            var message = root.TryGetProperty("msg", out var msg) && msg.ValueKind == JsonValueKind.String ? msg.GetString() ?? string.Empty : string.Empty;
            return self.Catalogue.Classify(value.ToString(CultureInfo.InvariantCulture), null, message);
        });
}
