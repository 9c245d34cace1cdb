using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Protocol;

namespace PlatformSdk.Jushuitan.Errors;

/// <summary>
/// Reads Jushuitan reply envelopes of both APIs (doc §4): <c>code</c> as a number or numeric string, legacy
/// <c>issuccess</c>, <c>msg</c>. A body that is not a complete JSON object is a malformed (transient) response.
/// </summary>
internal sealed class JushuitanResponseClassifier : PlatformResponseClassifier
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
        var result = Classify(body.ToArray());
        (result.Parsed as IDisposable)?.Dispose();
        return result.Error;
    }

    /// <inheritdoc />
    protected override PlatformClassification ClassifyBody(HttpResponseMessage response, ReadOnlyMemory<byte> body, PlatformRequestContext context)
        => Classify(body);

    // On success the envelope is handed forward, so the client reads the body once.
    private PlatformClassification Classify(ReadOnlyMemory<byte> body)
    {
        JushuitanEnvelope envelope;
        try
        {
            envelope = JushuitanEnvelope.Parse(body);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return MalformedResponse(ex.Message.Split(" Path:")[0]);
        }

        if (envelope.IsSuccess)
        {
            return PlatformClassification.Success(envelope);
        }

        using (envelope)
        {
            return envelope.HasNoOutcome
                ? MalformedResponse("the reply has neither 'code' nor 'issuccess'")
                : Catalogue.Classify(envelope.Code ?? "0", null, envelope.Message);
        }
    }
}
