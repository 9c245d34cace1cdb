using System.Text;
using System.Text.Json;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Errors;
using PlatformSdk.Http;

namespace PlatformSdk.Alibaba1688.Errors;

/// <summary>
/// Normalises 1688's two error layers (doc §5) into one <see cref="PlatformError"/>:
/// <list type="bullet">
/// <item>gateway: <c>{"error_code","error_message"}</c> (with HTTP 4xx/5xx or 200), optionally <c>request_id</c>;</item>
/// <item>business: <c>success:false</c> (bool or <c>"false"</c>) with <c>errorCode</c>|<c>code</c> and
/// <c>errorMessage</c>|<c>message</c>|<c>erroMsg</c>|<c>errMsg</c>|<c>errorMsg</c>, plus <c>extErrorMessage</c>; also a
/// nested <c>result.success:false</c>.</item>
/// </list>
/// Success is <c>success:true</c>, or no success flag and no error code or error message. A body that is not a JSON object
/// is a malformed (transient) response.
/// </summary>
internal sealed class Alibaba1688ResponseClassifier : PlatformResponseClassifier
{
    /// <summary>The code used when 1688 reports a failure without any code.</summary>
    public const string UnnamedBusinessErrorCode = "business-error";

    /// <summary>Creates the classifier over <see cref="Alibaba1688ErrorCatalogue.Instance"/>.</summary>
    public Alibaba1688ResponseClassifier()
        : base(Alibaba1688ErrorCatalogue.Instance)
    {
    }

    /// <summary>Classifies a body without an HTTP response (for tests and tools).</summary>
    /// <param name="body">The UTF-8 body.</param>
    /// <param name="httpStatus">The HTTP status it came with.</param>
    /// <returns>The error, or <see langword="null"/> on success.</returns>
    public PlatformError? ClassifyBody(ReadOnlySpan<byte> body, int httpStatus = 200)
    {
        var result = ClassifyJsonObject(body.ToArray(), httpStatus, (root, status) => ClassifyRoot(root, status));
        (result.Parsed as IDisposable)?.Dispose();
        return result.Error;
    }

    /// <summary>Classifies a parsed reply object.</summary>
    /// <param name="root">The reply's root object.</param>
    /// <param name="httpStatus">The HTTP status it came with.</param>
    /// <returns>The error, or <see langword="null"/> on success.</returns>
    public PlatformError? ClassifyRoot(JsonElement root, int httpStatus = 200)
    {
        var requestId = Alibaba1688Json.String(root, "request_id", "requestId");
        if (Alibaba1688Json.String(root, "error_code") is { } gatewayCode)
        {
            var message = Alibaba1688Json.String(root, "error_message", "exception") ?? string.Empty;
            return Catalogue.Classify(gatewayCode, null, message, httpStatus, requestId);
        }

        if (BusinessError(root, httpStatus, requestId) is { } error)
        {
            return error;
        }

        // Some list APIs wrap their own outcome in "result" (product.list.get: result{success, code, message, pageResult}).
        return Alibaba1688Json.Property(root, "result") is { ValueKind: JsonValueKind.Object } result
            && Alibaba1688Json.Bool(result, "success") == false
            ? BusinessError(result, httpStatus, requestId)
            : null;
    }

    /// <inheritdoc />
    protected override PlatformClassification ClassifyBody(HttpResponseMessage response, ReadOnlyMemory<byte> body, PlatformRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ClassifyJsonObject(body, (int)response.StatusCode, (root, status) => ClassifyRoot(root, status));
    }

    private PlatformError? BusinessError(JsonElement element, int httpStatus, string? requestId)
    {
        var success = Alibaba1688Json.Bool(element, "success");
        if (success == true)
        {
            return null;
        }

        var code = Alibaba1688Json.String(element, "errorCode", "code");
        // "message" alone is not an error signal: successful replies carry informational messages.
        var errorText = Alibaba1688Json.String(element, "errorMessage", "erroMsg", "errMsg", "errorMsg");
        if (success is null && code is null && errorText is null)
        {
            return null;
        }

        var message = new StringBuilder(errorText ?? Alibaba1688Json.String(element, "message") ?? string.Empty);
        if (Alibaba1688Json.String(element, "extErrorMessage") is { } extra)
        {
            message.Append(message.Length > 0 ? " " : string.Empty).Append(extra);
        }

        return Catalogue.Classify(code ?? UnnamedBusinessErrorCode, null, message.ToString(), httpStatus, requestId);
    }
}
