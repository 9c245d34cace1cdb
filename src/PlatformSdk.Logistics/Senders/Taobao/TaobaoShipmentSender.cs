using System.Globalization;
using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Logistics.Errors;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Top;
using PlatformSdk.Top.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.Logistics.Senders.Taobao;

/// <summary>Which TOP API a <see cref="TaobaoShipmentSender"/> ships with.</summary>
public enum TaobaoShipMethod
{
    /// <summary><c>taobao.logistics.offline.send</c>: the seller's own carrier with a waybill number; not for cash on delivery.</summary>
    Offline,

    /// <summary><c>taobao.logistics.online.send</c>: the waybill number is optional; supports cash on delivery.</summary>
    Online,
}

/// <summary>
/// Sends shipments to Taobao (or Tmall) over TOP: <c>taobao.logistics.offline.send</c> by default, <c>online.send</c> as an option.
/// A shipment of some sub-orders is a split (<c>sub_tid</c>, <c>is_split=1</c>); packages that name their own sub-orders are sent as one
/// split call each; several numbers of one whole-order shipment go comma-separated in <c>out_sid</c> (docs/protocols/taobao-logistics.md).
/// </summary>
/// <remarks>
/// <para>Register it over the TOP host's client, and contribute the shipment catalogue so the host classifies the replies:
/// <code>
/// builder.AddTopCatalogue(ShipmentPlatforms.Taobao, TaobaoShipmentSender.ErrorCatalogueFor(ShipmentPlatforms.Taobao));
/// services.AddSingleton&lt;ShipmentSender&gt;(sp => new TaobaoShipmentSender(sp.GetRequiredService&lt;TopClient&gt;()));
/// </code></para>
/// <para>Refusals are thrown as <see cref="PlatformException"/>s carrying the RLOG rule, category and remedy. TOP reports logistics refusals
/// under generic <c>isv.*</c> sub-codes, which TOP's catalogue matches before any message, so the sender explains each refusal's text
/// with <see cref="ShipmentErrorCatalogue"/> once more. The sends are non-idempotent writes: the pipeline retries them only when they
/// provably were not sent, and the engine decides any other retry.</para>
/// </remarks>
public class TaobaoShipmentSender : ShipmentSender
{
    private static readonly ShipmentSenderCapabilities SenderCapabilities = new()
    {
        SupportsMultipleTrackingNumbers = true,
        SupportsSplitBySubOrder = true,
        ShowsPerSplitTrackingNumbers = true,
        SplitsOnlyByWholeSubOrder = true,
        MaxSubOrderIdListLength = MaxSubOrderIdListLength,
        RequiresNumericOrderId = true,
        CanQueryStatus = true,
    };

    /// <summary>The longest <c>sub_tid</c> TOP takes, in characters (RLOG-10).</summary>
    public const int MaxSubOrderIdListLength = 500;

    // Waybill numbers and carrier codes are short; a longer value is a mistake caught before the network.
    private const int MaxTextLength = 64;

    private readonly TopClient _top;
    private readonly TopOperation _send;
    private readonly TopOperation _tradeGet;

    /// <summary>Creates a sender.</summary>
    /// <param name="top">The TOP client (from the TOP host: <c>sp.GetRequiredService&lt;TopClient&gt;()</c>).</param>
    /// <param name="platform"><see cref="ShipmentPlatforms.Taobao"/> or <see cref="ShipmentPlatforms.Tmall"/>; also the TOP operations' platform label.</param>
    /// <param name="method">Which API ships.</param>
    /// <exception cref="ArgumentException">The platform is neither Taobao nor Tmall.</exception>
    public TaobaoShipmentSender(TopClient top, string platform = ShipmentPlatforms.Taobao, TaobaoShipMethod method = TaobaoShipMethod.Offline)
    {
        ArgumentNullException.ThrowIfNull(top);
        ArgumentNullException.ThrowIfNull(platform);
        var canonical = ShipmentPlatforms.Canonical(platform);
        if (canonical is not (ShipmentPlatforms.Taobao or ShipmentPlatforms.Tmall))
        {
            throw new ArgumentException($"TaobaoShipmentSender sends to Taobao or Tmall, not '{platform}'.", nameof(platform));
        }

        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown ship method.");
        }

        _top = top;
        Platform = canonical;
        Method = method;
        var apiName = method == TaobaoShipMethod.Online ? TaobaoLogisticsWireChoices.OnlineSendMethod : TaobaoLogisticsWireChoices.OfflineSendMethod;
        // A repeat of a send that went through is refused (already shipped) or, worse, ships again under another number: never blind.
        _send = new TopOperation(apiName, OperationIdempotency.NonIdempotentWrite, canonical);
        _tradeGet = new TopOperation(TaobaoLogisticsWireChoices.TradeGetMethod, OperationIdempotency.Read, canonical);
    }

    /// <inheritdoc />
    public override string Platform { get; }

    /// <summary>The API this sender ships with.</summary>
    public TaobaoShipMethod Method { get; }

    /// <inheritdoc />
    public override ShipmentSenderCapabilities Capabilities => SenderCapabilities;

    /// <summary>
    /// The catalogue to contribute to the TOP host for this sender's operations (<c>AddTopCatalogue(platform, …)</c>): the platform's
    /// shipment rows (<see cref="ShipmentErrorCatalogue.For"/>) with TOP's own entries included.
    /// </summary>
    /// <param name="platform"><see cref="ShipmentPlatforms.Taobao"/> or <see cref="ShipmentPlatforms.Tmall"/>.</param>
    /// <returns>The catalogue, named by the platform.</returns>
    public static ErrorCatalogue ErrorCatalogueFor(string platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var canonical = ShipmentPlatforms.Canonical(platform) ?? platform;
        return ErrorCatalogue.CreateBuilder(canonical)
            .Include(ShipmentErrorCatalogue.For(canonical))
            .Include(TopErrorCatalogue.Instance)
            .Build();
    }

    /// <inheritdoc />
    public override async Task SendAsync(ShipmentSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var calls = Plan(request);
        var applied = 0;
        foreach (var parameters in calls)
        {
            try
            {
                var result = await _top.ExecuteAsync(_send, parameters, request.Shipment.Shop, cancellationToken).ConfigureAwait(false);
                EnsureShipped(result.Result);
            }
            catch (PlatformException ex) when (ex is not PlatformValidationException)
            {
                var explained = Explain(ex);
                // An earlier package of this shipment is on the platform already: whatever this one did, resending all is not safe.
                throw applied == 0 ? explained : new PlatformException(explained.Error with { Delivery = RequestDelivery.OutcomeUnknown }, ex) { MayHaveBeenProcessed = true };
            }

            applied++;
        }
    }

    /// <inheritdoc />
    public override async Task<ShipmentPlatformState> QueryStatusAsync(Shipment shipment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        if (!IsNumeric(shipment.OrderId))
        {
            return ShipmentPlatformState.Unknown;
        }

        TopResult result;
        try
        {
            result = await _top.ExecuteAsync(_tradeGet,
                [new("tid", shipment.OrderId), new("fields", TaobaoLogisticsWireChoices.TradeGetFields)], shipment.Shop, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException)
        {
            // The contract: an order that cannot be read now is Unknown, which keeps the engine from sending again.
            return ShipmentPlatformState.Unknown;
        }

        return ReadState(result.Result, SubOrdersOf(shipment));
    }

    private static HashSet<string> SubOrdersOf(Shipment shipment)
    {
        var ids = new HashSet<string>(shipment.SubOrderIds, StringComparer.Ordinal);
        foreach (var package in shipment.Packages)
        {
            ids.UnionWith(package.SubOrderIds ?? []);
        }

        return ids;
    }

    internal static ShipmentPlatformState ReadState(JsonElement result, HashSet<string> subOrders)
    {
        if (result.ValueKind != JsonValueKind.Object
            || !result.TryGetProperty(TaobaoLogisticsWireChoices.TradeObject, out var trade) || trade.ValueKind != JsonValueKind.Object)
        {
            return ShipmentPlatformState.Unknown;
        }

        var tradeState = PlatformJsonText.Property(trade, "status");
        if (subOrders.Count == 0 || tradeState is not null && !string.Equals(tradeState, TaobaoLogisticsWireChoices.PartlyShippedState, StringComparison.Ordinal)
            && (Contains(TaobaoLogisticsWireChoices.ShippedStates, tradeState) || Contains(TaobaoLogisticsWireChoices.NotShippedStates, tradeState)))
        {
            return StateOf(tradeState);
        }

        var states = new List<ShipmentPlatformState>();
        foreach (var order in Items(trade, TaobaoLogisticsWireChoices.OrdersObject, TaobaoLogisticsWireChoices.OrderElement))
        {
            if (PlatformJsonText.Property(order, "oid") is { } oid && subOrders.Contains(oid))
            {
                states.Add(StateOf(PlatformJsonText.Property(order, "status")));
            }
        }

        if (states.Count != subOrders.Count)
        {
            return ShipmentPlatformState.Unknown;
        }

        return states.All(s => s == ShipmentPlatformState.Shipped) ? ShipmentPlatformState.Shipped
            : states.All(s => s == ShipmentPlatformState.NotShipped) ? ShipmentPlatformState.NotShipped
            : ShipmentPlatformState.Unknown;
    }

    /// <summary>A list TOP wraps as <c>{"name":{"element":[…]}}</c>, or plain (<c>simplify</c>) as <c>{"name":[…]}</c>.</summary>
    internal static IEnumerable<JsonElement> Items(JsonElement parent, string name, string element)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var list))
        {
            return [];
        }

        if (list.ValueKind == JsonValueKind.Object && list.TryGetProperty(element, out var inner))
        {
            list = inner;
        }

        return list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToArray() : [];
    }

    private static ShipmentPlatformState StateOf(string? state)
        => Contains(TaobaoLogisticsWireChoices.ShippedStates, state) ? ShipmentPlatformState.Shipped
            : Contains(TaobaoLogisticsWireChoices.NotShippedStates, state) ? ShipmentPlatformState.NotShipped
            : ShipmentPlatformState.Unknown;

    private static bool Contains(string[] states, string? state) => state is not null && Array.IndexOf(states, state) >= 0;

    private List<KeyValuePair<string, string?>[]> Plan(ShipmentSendRequest request)
    {
        var shipment = request.Shipment ?? throw Refuse(nameof(ShipmentSendRequest.Shipment), null, null, "is required");
        if (ShipmentPlatforms.Canonical(shipment.Platform) != Platform)
        {
            throw Refuse(nameof(Shipment.Platform), shipment.Platform, null, $"must be {Platform} for this sender");
        }

        if (string.IsNullOrWhiteSpace(shipment.Shop))
        {
            throw Refuse(nameof(Shipment.Shop), shipment.Shop, null, "must name the TOP seller whose session ships");
        }

        if (!IsNumeric(shipment.OrderId))
        {
            throw Refuse("tid", shipment.OrderId, "RLOG-38", "must be a numeric Taobao order id; an offline (imported) order needs no sync");
        }

        CheckText("company_code", request.CarrierCode, required: true);
        if (shipment.Packages is not { Count: > 0 } packages)
        {
            throw Refuse(nameof(Shipment.Packages), null, null, "must hold at least one package");
        }

        var perPackage = packages.Count(p => p.SubOrderIds is { Count: > 0 });
        if (perPackage != 0 && perPackage != packages.Count)
        {
            throw Refuse(nameof(Shipment.Packages), null, null, "either every package names its sub-orders or none does");
        }

        foreach (var package in packages)
        {
            CheckText("out_sid", package?.TrackingNumber, required: Method == TaobaoShipMethod.Offline);
            if (package?.TrackingNumber?.Contains(TaobaoLogisticsWireChoices.TrackingNumberSeparator, StringComparison.Ordinal) == true)
            {
                throw Refuse("out_sid", package.TrackingNumber, null, "must be one tracking number per package");
            }
        }

        var calls = new List<KeyValuePair<string, string?>[]>();
        if (perPackage > 0)
        {
            foreach (var package in packages)
            {
                calls.Add(Parameters(shipment.OrderId, package.TrackingNumber, request.CarrierCode, package.SubOrderIds!));
            }
        }
        else
        {
            var numbers = string.Join(TaobaoLogisticsWireChoices.TrackingNumberSeparator, packages.Select(p => p.TrackingNumber).Where(n => !string.IsNullOrEmpty(n)));
            calls.Add(Parameters(shipment.OrderId, numbers, request.CarrierCode, shipment.SubOrderIds));
        }

        return calls;
    }

    private KeyValuePair<string, string?>[] Parameters(string tid, string? outSid, string carrierCode, IReadOnlyList<string> subOrders)
    {
        string? subTid = null;
        if (subOrders.Count > 0)
        {
            foreach (var oid in subOrders)
            {
                if (!IsNumeric(oid))
                {
                    throw Refuse("sub_tid", oid, "RLOG-38", "must list numeric sub-order ids");
                }
            }

            subTid = string.Join(TaobaoLogisticsWireChoices.SubOrderSeparator, subOrders);
            if (subTid.Length > MaxSubOrderIdListLength)
            {
                throw Refuse("sub_tid", string.Create(CultureInfo.InvariantCulture, $"{subOrders.Count} ids, {subTid.Length} characters"), "RLOG-10",
                    string.Create(CultureInfo.InvariantCulture, $"must be at most {MaxSubOrderIdListLength} characters; ship this order by hand in the back office"));
            }
        }

        return
        [
            new("tid", tid),
            new("out_sid", string.IsNullOrEmpty(outSid) ? null : outSid),
            new("company_code", carrierCode.Trim()),
            new("sub_tid", subTid),
            new("is_split", subTid is null ? null : "1"),
        ];
    }

    private void CheckText(string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                throw Refuse(field, value, null, "is required");
            }

            return;
        }

        if (ValidationGuard.IndexOfForbiddenCharacter(value) >= 0 || value.Length > MaxTextLength)
        {
            throw Refuse(field, value, null, "must be printable text of at most 64 characters");
        }
    }

    private PlatformValidationException Refuse(string field, string? value, string? ruleId, string problem) => new(Platform, field, value, ruleId, problem);

    private static bool IsNumeric(string? id)
        => !string.IsNullOrEmpty(id) && id.Length <= 20 && id.All(char.IsAsciiDigit);

    private void EnsureShipped(JsonElement result)
    {
        // shipping.is_success is the one documented field; a wrapper without it is TOP's success and is taken as such.
        if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty(TaobaoLogisticsWireChoices.ShippingObject, out var shipping)
            && shipping.ValueKind == JsonValueKind.Object && shipping.TryGetProperty(TaobaoLogisticsWireChoices.IsSuccess, out var flag)
            && (flag.ValueKind == JsonValueKind.False || flag.ValueKind == JsonValueKind.String && string.Equals(flag.GetString(), "false", StringComparison.OrdinalIgnoreCase)))
        {
            throw new PlatformException(new PlatformError(Platform, "shipping-not-success", "TOP answered shipping.is_success=false without an error.",
                ErrorCategory.Unknown, ShipmentErrorCatalogue.UnknownRemedy));
        }
    }

    private PlatformException Explain(PlatformException ex)
    {
        var error = ex.Error;
        var subCode = error.SubCode;
        // The fake and TOP put the platform's own code after the last ':' of an isv.* sub-code (…-service-error:P38).
        var code = subCode is not null && subCode.LastIndexOf(':') is var colon and >= 0 ? subCode[(colon + 1)..] : subCode;
        var explanation = ShipmentErrorCatalogue.Explain(Platform, error.Message, code);
        if (!explanation.IsKnown || explanation.RuleId == error.RuleId && error.Category == explanation.Category)
        {
            return ex;
        }

        var unknown = explanation.OutcomeUnknown || error.Delivery == RequestDelivery.OutcomeUnknown;
        var explained = error with
        {
            Category = explanation.Category,
            Remedy = explanation.Remedy,
            RuleId = explanation.RuleId,
            RetryAfter = explanation.Rule!.RetryAfter ?? error.RetryAfter,
            Delivery = unknown ? RequestDelivery.OutcomeUnknown : error.Delivery,
        };
        return new PlatformException(explained, ex) { MayHaveBeenProcessed = ex.MayHaveBeenProcessed || unknown };
    }
}
