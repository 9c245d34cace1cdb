using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Protocol;

namespace PlatformSdk.Jushuitan.Errors;

/// <summary>
/// Reads Jushuitan reply envelopes of both APIs (doc §4): <c>code</c> as a number or numeric string, legacy
/// <c>issuccess</c>, <c>msg</c>. A body that is not a complete JSON object is a malformed (transient) response.
/// </summary>
public sealed class JushuitanResponseClassifier : PlatformResponseClassifier
{
    /// <summary>Creates the classifier over <see cref="JushuitanErrorCatalogue.Instance"/>.</summary>
    public JushuitanResponseClassifier()
        : base(JushuitanErrorCatalogue.Instance)
    {
    }

    /// <summary>Classifies a body without an HTTP response (for tests and tools).</summary>
    /// <param name="body">The body.</param>
    /// <returns>The error, or <see langword="null"/> on success.</returns>
    public PlatformError? ClassifyBody(ReadOnlySpan<byte> body)
    {
        JushuitanEnvelope envelope;
        try
        {
            envelope = JushuitanEnvelope.Parse(body);
        }
        catch (JsonException ex)
        {
            return MalformedResponse(ex.Message.Split(" Path:")[0]);
        }

        using (envelope)
        {
            if (envelope.HasNoOutcome)
            {
                return MalformedResponse("the reply has neither 'code' nor 'issuccess'");
            }

            if (envelope.IsSuccess)
            {
                return null;
            }

            return Catalogue.Classify(envelope.Code ?? "0", null, envelope.Message);
        }
    }

    /// <inheritdoc />
    protected override PlatformError? ClassifyBody(HttpResponseMessage response, ReadOnlySpan<byte> body, PlatformRequestContext context)
        => ClassifyBody(body);
}
