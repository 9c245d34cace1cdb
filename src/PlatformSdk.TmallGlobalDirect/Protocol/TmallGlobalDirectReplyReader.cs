using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.TmallGlobalDirect.Callbacks;
using PlatformSdk.TmallGlobalDirect.Errors;
using PlatformSdk.Top;
using PlatformSdk.Top.Protocol;

namespace PlatformSdk.TmallGlobalDirect.Protocol;

/// <summary>
/// Reads the <c>ResultWrapper</c> {<c>success</c>, <c>error_code</c>, <c>error_message</c>, <c>retry</c>} of a callback's success
/// object. Only an explicit <c>success=true</c> is success: a reply without a readable <c>success</c> leaves the outcome unknown.
/// </summary>
internal static class TmallGlobalDirectReplyReader
{
    public static TmallGlobalDirectCallbackResult Read(TopResult reply, TopOperation operation)
    {
        if (FindWrapper(reply.Result, operation.Method) is not { } wrapper || ReadBool(wrapper, "success") is not { } success)
        {
            throw NoReadableOutcome(operation, reply.RequestId);
        }

        var code = TopResponseParser.Text(wrapper, "error_code");
        var message = TopResponseParser.Text(wrapper, "error_message");
        if (!success)
        {
            throw Refused(operation, code, message, ReadBool(wrapper, "retry") == true, reply.RequestId);
        }

        return new TmallGlobalDirectCallbackResult(operation.Method, code, message, reply.RequestId, reply.Attempts);
    }

    /// <summary>The platform answered <c>success=false</c>: it did not act, so MayHaveBeenProcessed stays false.</summary>
    public static PlatformException Refused(TopOperation operation, string? code, string? message, bool retry, string? requestId)
    {
        var catalogue = TmallGlobalDirectErrorCatalogue.Instance;
        var text = string.IsNullOrEmpty(message) ? $"{operation.Method} answered success=false." : message;
        var entry = catalogue.Find(code, null, text) ?? catalogue.Find(TmallGlobalDirectErrorCatalogue.ResultWrapperFailure, null, null);
        var error = new PlatformError(TmallGlobalDirectServiceNames.Platform, string.IsNullOrEmpty(code) ? TmallGlobalDirectErrorCatalogue.ResultWrapperFailure : code,
            text, entry?.Category ?? ErrorCategory.BusinessRule, entry?.Remedy ?? string.Empty)
        {
            RuleId = entry?.RuleId,
            RequestId = requestId,
            Delivery = RequestDelivery.Answered,
        };
        if (retry)
        {
            // The platform's own retry flag outranks the catalogue: it knows the failure was temporary.
            error = error with
            {
                Category = ErrorCategory.Transient,
                Remedy = "The platform answered success=false with retry=true: a temporary failure. Send the same request again later "
                    + "(the same out_biz_id, so nothing is done twice). " + error.Remedy,
            };
        }

        return new PlatformException(error);
    }

    private static JsonElement? FindWrapper(JsonElement result, string method)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (TmallGlobalDirectWireChoices.ResultWrapperNames.TryGetValue(method, out var name)
            && result.TryGetProperty(name, out var named) && named.ValueKind == JsonValueKind.Object)
        {
            return named;
        }

        if (result.TryGetProperty("result", out var plain) && plain.ValueKind == JsonValueKind.Object)
        {
            return plain;
        }

        var candidates = result.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("success", out _))
            .Select(p => p.Value)
            .Take(2)
            .ToList();
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        return result.TryGetProperty("success", out _) ? result : null;
    }

    private static bool? ReadBool(JsonElement wrapper, string name)
    {
        if (!wrapper.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase) => true,
            JsonValueKind.String when string.Equals(value.GetString(), "false", StringComparison.OrdinalIgnoreCase) => false,
            _ => null,
        };
    }

    private static PlatformException NoReadableOutcome(TopOperation operation, string? requestId)
    {
        var error = new PlatformError(TmallGlobalDirectServiceNames.Platform, PlatformErrorCodes.MalformedResponse,
            $"{operation.Method} answered without a readable ResultWrapper success: the outcome is unknown.",
            ErrorCategory.Unknown,
            "The callback may have been carried out. Send it again with the same out_biz_id (the platform recognises the repeat), "
                + "or check the order in the supplier back office before sending anything else.")
        {
            Delivery = RequestDelivery.OutcomeUnknown,
            RequestId = requestId,
        };
        return PlatformOutcomePolicy.Failure(operation.ToPlatformOperation(), error);
    }
}
