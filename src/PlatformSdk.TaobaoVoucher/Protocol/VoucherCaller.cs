using System.Globalization;
using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.TaobaoVoucher.Errors;
using PlatformSdk.Top;
using PlatformSdk.Top.Protocol;

namespace PlatformSdk.TaobaoVoucher.Protocol;

/// <summary>Sends e-voucher calls through <see cref="TopClient"/> and reads <c>ret_code</c> per family.</summary>
internal sealed class VoucherCaller
{
    private readonly TopClient _top;

    public VoucherCaller(TopClient top, TaobaoVoucherOptions options)
    {
        _top = top;
        Options = options;
    }

    public TaobaoVoucherOptions Options { get; }

    public string Seller(string? requested) => requested ?? Options.Seller
        ?? throw new InvalidOperationException("TaobaoVoucher: no seller: set TaobaoVoucherOptions.Seller or VoucherRequest.Seller.");

    public Task<TopResult> CallAsync(TopOperation operation, List<KeyValuePair<string, string?>> parameters, string? seller, CancellationToken cancellationToken)
        => _top.ExecuteAsync(operation, parameters, Seller(seller), cancellationToken);

    public Task<TopResult> UploadAsync(TopOperation operation, List<KeyValuePair<string, string?>> parameters, TopFileParameter file, string? seller, CancellationToken cancellationToken)
        => _top.ExecuteAsync(operation, parameters, [file], Seller(seller), cancellationToken);

    public void AddCodeMerchant(List<KeyValuePair<string, string?>> parameters, string name = "codemerchant_id")
    {
        if (Options.CodeMerchantId is { } id)
        {
            parameters.Add(new(name, Text(id)));
        }
    }

    public int? BizType(int? requested) => requested ?? Options.BizType;

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Legacy: <c>ret_code</c> Number, 1 = success, 0 = failure. Only an explicit success is success: a reply without a readable
    /// <c>ret_code</c> (missing, null, an object, text) leaves the outcome unknown, so a write reports MayHaveBeenProcessed.
    /// </summary>
    public static string EnsureLegacySuccess(TopResult reply, TopOperation operation)
    {
        var retCode = TopResponseParser.Text(reply.Result, "ret_code");
        if (retCode is null || !long.TryParse(retCode, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            throw NoReadableOutcome(operation, retCode, reply.RequestId);
        }

        if (!IsLegacySuccess(retCode))
        {
            throw RetCodeFailure(TaobaoVoucherErrorCatalogue.LegacyRetCodeFailure, retCode,
                $"{operation.Method} answered ret_code={retCode} (failure).", reply.RequestId);
        }

        return retCode;
    }

    /// <summary>The merchant family's <c>ret_code</c>, required: a reply without one has no readable outcome.</summary>
    public static string RequireMerchantRetCode(TopResult reply, TopOperation operation)
        => TopResponseParser.Text(reply.Result, "ret_code") is { Length: > 0 } retCode
            ? retCode
            : throw NoReadableOutcome(operation, null, reply.RequestId);

    private static PlatformException NoReadableOutcome(TopOperation operation, string? retCode, string? requestId)
    {
        var error = new PlatformError(TaobaoVoucherClient.Platform, PlatformErrorCodes.MalformedResponse,
            $"{operation.Method} answered without a readable ret_code ({(retCode is null ? "missing, null or not a value" : "'" + retCode + "'")}): the outcome is unknown.",
            ErrorCategory.Unknown,
            operation.Idempotency == PlatformSdk.Http.OperationIdempotency.Read
                ? "TOP answered with an unexpected shape; query again."
                : "The operation may have been carried out. Reconcile (for a redemption: ReconcileConsumeAsync with the same serial number) before sending again.")
        {
            Delivery = RequestDelivery.OutcomeUnknown,
            RequestId = requestId,
        };
        return PlatformSdk.Http.PlatformOutcomePolicy.Failure(operation.ToPlatformOperation(), error);
    }

    public static bool IsLegacySuccess(string? retCode)
        => long.TryParse(retCode, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n == TaobaoVoucherWireChoices.LegacySuccessRetCode;

    public static bool IsMerchantSuccess(string? retCode)
        => retCode is not null && TaobaoVoucherWireChoices.MerchantSuccessRetCodes.Contains(retCode, StringComparer.OrdinalIgnoreCase);

    /// <summary>Merchant: <c>ret_code</c> String + <c>ret_msg</c>; only an explicit success value is success.</summary>
    public static MerchantReplyWire EnsureMerchantSuccess(TopResult reply, TopOperation operation)
    {
        var wire = Read(reply, TaobaoVoucherJsonContext.Default.MerchantReplyWire, operation.Method);
        var retCode = RequireMerchantRetCode(reply, operation);
        if (!IsMerchantSuccess(retCode))
        {
            throw RetCodeFailure(TaobaoVoucherErrorCatalogue.MerchantRetCodeFailure, retCode,
                $"{operation.Method} answered ret_code={retCode}: {wire.RetMsg}", reply.RequestId);
        }

        return wire;
    }

    public static PlatformException RetCodeFailure(string code, string? retCode, string message, string? requestId)
    {
        // The platform answered: the operation did not happen, so MayHaveBeenProcessed stays false.
        var error = TaobaoVoucherErrorCatalogue.Instance.Classify(code, retCode, message, requestId: requestId);
        return new PlatformException(error);
    }

    public static T Read<T>(TopResult reply, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string method)
        where T : class
    {
        try
        {
            return reply.Result.Deserialize(type) ?? throw Unreadable(method, "null", null);
        }
        catch (JsonException ex)
        {
            throw Unreadable(method, ex.Message.Split(" Path:")[0], ex);
        }
    }

    public static IEnumerable<JsonElement> ReadList(JsonElement result, string listName, string itemName)
    {
        if (!result.TryGetProperty(listName, out var list))
        {
            return [];
        }

        if (list.ValueKind == JsonValueKind.Object && list.TryGetProperty(itemName, out var inner))
        {
            list = inner;
        }

        // Only objects are entries: a number, string or list in their place is no entry the clients could read.
        return list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToArray() : [];
    }

    public static IReadOnlyDictionary<string, string> Attributes(JsonElement? map)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map is not { } element)
        {
            return result;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            var text = PlatformJsonText.Decode(element);
            if (string.IsNullOrWhiteSpace(text))
            {
                return result;
            }

            try
            {
                using var parsed = JsonDocument.Parse(text);
                return Attributes(parsed.RootElement.Clone());
            }
            catch (JsonException)
            {
                result[string.Empty] = text;
                return result;
            }
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                try
                {
                    result[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? string.Empty : property.Value.GetRawText();
                }
                catch (InvalidOperationException)
                {
                    // A name or value that cannot be decoded (a lone surrogate escape, invalid UTF-8) is left out.
                }
            }
        }

        return result;
    }

    public static string? Raw(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => PlatformJsonText.Decode(v),
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { } v => Raw(v),
    };

    private static string? Raw(JsonElement value)
    {
        try
        {
            return value.GetRawText();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static DateTimeOffset? ChinaTime(string? text) => PlatformSdk.ChinaTime.TryParse(text, out var instant) ? instant : null;

    public static string FormatChinaTime(DateTimeOffset value) => PlatformSdk.ChinaTime.FormatDateTime(value);

    private static PlatformException Unreadable(string method, string detail, Exception? inner)
        => new(new PlatformError(TaobaoVoucherClient.Platform, PlatformErrorCodes.MalformedResponse, $"The {method} reply could not be read: {detail}.",
            ErrorCategory.Unknown, "TOP accepted the call but the reply has an unexpected shape; query the order's state before resending.")
        {
            Delivery = RequestDelivery.OutcomeUnknown,
        }, inner)
        {
            MayHaveBeenProcessed = true,
        };
}
