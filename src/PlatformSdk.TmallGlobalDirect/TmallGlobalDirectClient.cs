using System.Globalization;
using System.Text;
using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.TmallGlobalDirect.Callbacks;
using PlatformSdk.TmallGlobalDirect.Protocol;
using PlatformSdk.TmallGlobalDirect.Push;
using PlatformSdk.Top;
using PlatformSdk.Validation;

namespace PlatformSdk.TmallGlobalDirect;

/// <summary>
/// The calls back to the platform (TOP APIs <c>alibaba.ascp.uop.supplier.*</c> and <c>alibaba.ascp.aic.supplier.aicinventory.publish</c>,
/// sent with the shop's session): acknowledge, ship, cancel feedback, out of stock, waybill change, return inbound, inventory.
/// Obtain it from dependency injection: <c>services.AddPlatformSdk().AddTmallGlobalDirect(section, topSection)</c>.
/// </summary>
/// <remarks>
/// Every request is checked before anything is sent (<see cref="PlatformValidationException"/> naming the field, the value and the
/// rule). A callback the platform refuses (<c>ResultWrapper.success=false</c>) throws a classified <see cref="PlatformException"/>;
/// a reply without a readable <c>success</c> throws one with <see cref="PlatformException.MayHaveBeenProcessed"/>. Every member is
/// virtual so the client can be mocked.
/// </remarks>
public class TmallGlobalDirectClient
{
    /// <summary>The platform name of this package's errors and operations.</summary>
    public const string Platform = TmallGlobalDirectServiceNames.Platform;

    private const string WholeOrderProblem = "the platform accepts whole fulfilment orders only (目前只支持履约单整单发货回传)";

    private readonly TopClient _top = null!;
    private readonly TimeProvider _time = TimeProvider.System;

    /// <summary>Creates the client.</summary>
    /// <param name="top">The TOP client.</param>
    /// <param name="options">The direct-supply options (default shop, supplier id).</param>
    /// <param name="timeProvider">The clock of the ship-by check (RTGD-06) and of default business times.</param>
    public TmallGlobalDirectClient(TopClient top, TmallGlobalDirectOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(top);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _top = top;
        _time = timeProvider;
        Options = options;
    }

    /// <summary>For mocking.</summary>
    protected TmallGlobalDirectClient()
    {
        Options = new TmallGlobalDirectOptions();
    }

    /// <summary>The options in use.</summary>
    public virtual TmallGlobalDirectOptions Options { get; }

    private static ValidationGuard Guard => new(Platform);

    /// <summary>Acknowledges a pushed order (<c>consignorder.notify.received</c>, 接单回告). Call it after the inbox stored the order.</summary>
    /// <param name="request">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The accepted call.</returns>
    /// <exception cref="PlatformValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="PlatformException">The platform refused it, or the call failed.</exception>
    public virtual Task<TmallGlobalDirectCallbackResult> AcknowledgeReceiptAsync(ConsignOrderReceivedRequest request, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("request", request);
        var (shop, supplier) = Common(request);
        Guard.Identifier("BizOrderCode", request.BizOrderCode, null);
        var bizTime = Time("BizTime", request.BizTime);
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("supplier_id", supplier),
            new("biz_order_code", request.BizOrderCode),
            new("biz_time", bizTime),
            new("business_model", request.BusinessModel),
        };
        return SendAsync(TmallGlobalDirectOperations.NotifyReceived, parameters, shop, cancellationToken);
    }

    /// <summary>
    /// Reports the shipment of a whole fulfilment order (<c>consignorder.ship</c>). Refused before sending: a shipment that leaves a
    /// unit out (compared with <see cref="ConsignOrderShipRequest.Order"/> when given, and with the parcels always), a carrier code
    /// that is not one, and a shipment after the latest ship time (RTGD-06). <c>out_biz_id</c> is sent unchanged on every retry.
    /// </summary>
    /// <param name="request">The shipment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The accepted call.</returns>
    /// <exception cref="PlatformValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="PlatformException">The platform refused it, or the call failed.</exception>
    public virtual Task<TmallGlobalDirectCallbackResult> ShipAsync(ConsignOrderShipRequest request, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("request", request);
        var (shop, supplier) = Common(request);
        Guard.Identifier("BizOrderCode", request.BizOrderCode, null);
        Guard.Identifier("OutBizId", request.OutBizId, null);
        Guard.Identifier("StoreCode", request.StoreCode, null);
        Guard.Text("StoreName", request.StoreName, ValidationGuard.SdkNameMaxLength);
        if (request.LatestShipTime is { } deadline && _time.GetUtcNow() > deadline)
        {
            throw Guard.Fail("LatestShipTime", PlatformSdk.ChinaTime.FormatDateTime(deadline), "RTGD-06",
                $"the latest ship time has passed (now {PlatformSdk.ChinaTime.FormatDateTime(_time.GetUtcNow())}); the platform promised the consumer "
                + "shipment by then. Contact the platform's operations before shipping late.");
        }

        var lines = ShipLines("Lines", request.Lines);
        Guard.NotNull("Packages", request.Packages);
        if (request.Packages.Count == 0)
        {
            throw Guard.Fail("Packages", "[]", null, "at least one parcel (waybill) is required.");
        }

        var packed = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < request.Packages.Count; i++)
        {
            var package = request.Packages[i];
            var path = $"Packages[{i}]";
            Guard.NotNull(path, package);
            Guard.Identifier(path + ".WaybillNumber", package.WaybillNumber, null);
            CarrierCode(path + ".CarrierCode", package.CarrierCode);
            Guard.Text(path + ".CarrierName", package.CarrierName, ValidationGuard.SdkNameMaxLength);
            foreach (var line in ShipLines(path + ".Lines", package.Lines, allowRepeats: false).Values)
            {
                if (!lines.TryGetValue(line.SubOrderCode, out var shipped))
                {
                    throw Guard.Fail(path + ".Lines", line.SubOrderCode, null, "the parcel holds a line the shipment does not list.");
                }

                if (!string.Equals(shipped.ScItemId, line.ScItemId, StringComparison.Ordinal))
                {
                    throw Guard.Fail(path + ".Lines", line.ScItemId, null, $"line {line.SubOrderCode} is goods {shipped.ScItemId} in the shipment.");
                }

                packed[line.SubOrderCode] = packed.GetValueOrDefault(line.SubOrderCode) + line.Quantity;
            }
        }

        foreach (var line in lines.Values)
        {
            var inParcels = packed.GetValueOrDefault(line.SubOrderCode);
            if (inParcels != line.Quantity)
            {
                throw Guard.Fail("Packages", line.SubOrderCode, null,
                    string.Create(CultureInfo.InvariantCulture, $"line {line.SubOrderCode} ships {line.Quantity} but the parcels hold {inParcels}; {WholeOrderProblem}."));
            }
        }

        if (request.Order is { } order)
        {
            WholeOrder(request, order, lines);
        }

        var json = Json(w =>
        {
            w.WriteString("supplier_id", supplier);
            w.WriteString("out_biz_id", request.OutBizId);
            w.WriteString("biz_order_code", request.BizOrderCode);
            w.WriteString("store_code", request.StoreCode);
            if (request.StoreName is { Length: > 0 } storeName)
            {
                w.WriteString("store_name", storeName);
            }

            w.WriteBoolean("whole_sheet_consigned", TmallGlobalDirectWireChoices.WholeSheetConsigned);
            if (request.BusinessModel is { Length: > 0 } model)
            {
                w.WriteString("business_model", model);
            }

            WriteShipLines(w, "order_items", lines.Values);
            w.WriteStartArray("tms_orders");
            foreach (var package in request.Packages)
            {
                w.WriteStartObject();
                w.WriteString("tms_order_code", package.WaybillNumber);
                w.WriteString("tms_service_code", package.CarrierCode);
                if (package.CarrierName is { Length: > 0 } carrierName)
                {
                    w.WriteString("tms_service_name", carrierName);
                }

                WriteShipLines(w, "tms_items", package.Lines);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        return SendAsync(TmallGlobalDirectOperations.Ship, [new("consignorder_ship_request", json)], shop, cancellationToken);
    }

    /// <summary>
    /// Decides a cancel (intercept) instruction from the order's warehouse status (RTGD-08): intercepted only while the order is
    /// not released to the warehouse; refused once released or shipped (a shipped order goes through the return flow). Sends nothing.
    /// </summary>
    /// <param name="bizOrderCode">The fulfilment order.</param>
    /// <param name="status">Where the ERP's warehouse stands with it.</param>
    /// <returns>The decision, to record and report (<see cref="ReportCancelAsync(ConsignOrderCancelDecision, string, CancellationToken)"/>).</returns>
    /// <exception cref="PlatformValidationException">The order code or status is invalid.</exception>
    public virtual ConsignOrderCancelDecision DecideCancel(string bizOrderCode, ConsignOrderWarehouseStatus status)
    {
        Guard.Identifier("BizOrderCode", bizOrderCode, null);
        var reason = status switch
        {
            ConsignOrderWarehouseStatus.AwaitingReview => null,
            ConsignOrderWarehouseStatus.ReleasedToWarehouse => "订单已下发仓库，无法拦截 (already released to the warehouse)",
            ConsignOrderWarehouseStatus.Shipped => "订单已发货，请走逆向退货流程 (already shipped: use the return flow)",
            _ => throw Guard.Fail("status", status.ToString(), "RTGD-08", "not a defined warehouse status."),
        };
        return new ConsignOrderCancelDecision(bizOrderCode, status, reason is null, reason, _time.GetUtcNow());
    }

    /// <summary>Reports a cancel decision (<c>consignorder.cancel.feedback</c>, RTGD-08).</summary>
    /// <param name="decision">The decision from <see cref="DecideCancel"/>.</param>
    /// <param name="shop">The shop, or <see langword="null"/> for <see cref="TmallGlobalDirectOptions.Shop"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision and the accepted call.</returns>
    /// <exception cref="PlatformValidationException">The decision is invalid; nothing was sent.</exception>
    /// <exception cref="PlatformException">The platform refused it, or the call failed.</exception>
    public virtual async Task<ConsignOrderCancelOutcome> ReportCancelAsync(ConsignOrderCancelDecision decision, string? shop = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("decision", decision);
        var feedback = await ReportCancelAsync(new ConsignOrderCancelFeedbackRequest
        {
            BizOrderCode = decision.BizOrderCode,
            Cancelled = decision.Intercepted,
            Reason = decision.Reason,
            BizTime = decision.DecidedAt,
            Shop = shop,
        }, cancellationToken).ConfigureAwait(false);
        return new ConsignOrderCancelOutcome(decision, feedback);
    }

    /// <summary>Decides a pushed cancel instruction from the warehouse status and reports the decision (RTGD-08).</summary>
    /// <param name="cancel">The stored cancel push.</param>
    /// <param name="status">Where the ERP's warehouse stands with the order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision and the accepted call.</returns>
    /// <exception cref="PlatformValidationException">The push or status is invalid; nothing was sent.</exception>
    /// <exception cref="PlatformException">The platform refused it, or the call failed.</exception>
    public virtual async Task<ConsignOrderCancelOutcome> InterceptAsync(ConsignOrderCancel cancel, ConsignOrderWarehouseStatus status, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("cancel", cancel);
        var decision = DecideCancel(cancel.BizOrderCode, status);
        var feedback = await ReportCancelAsync(new ConsignOrderCancelFeedbackRequest
        {
            BizOrderCode = decision.BizOrderCode,
            Cancelled = decision.Intercepted,
            Reason = decision.Reason,
            BizTime = decision.DecidedAt,
            SupplierId = cancel.SupplierId,
            BusinessModel = cancel.BusinessModel,
        }, cancellationToken).ConfigureAwait(false);
        return new ConsignOrderCancelOutcome(decision, feedback);
    }

    /// <summary>Reports the outcome of a cancel instruction (<c>consignorder.cancel.feedback</c>).</summary>
    /// <param name="request">The outcome.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The accepted call.</returns>
    /// <exception cref="PlatformValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="PlatformException">The platform refused it, or the call failed.</exception>
    public virtual Task<TmallGlobalDirectCallbackResult> ReportCancelAsync(ConsignOrderCancelFeedbackRequest request, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("request", request);
        var (shop, supplier) = Common(request);
        Guard.Identifier("BizOrderCode", request.BizOrderCode, null);
        Guard.Text("Reason", request.Reason, ValidationGuard.SdkNameMaxLength);
        if (!request.Cancelled && string.IsNullOrWhiteSpace(request.Reason))
        {
            throw Guard.Fail("Reason", request.Reason, "RTGD-08", "a refused cancel needs its reason (cancel_reason).");
        }

        var bizTime = Time("BizTime", request.BizTime);
        var json = Json(w =>
        {
            w.WriteString("supplier_id", supplier);
            w.WriteString("biz_order_code", request.BizOrderCode);
            w.WriteBoolean("cancel_result", request.Cancelled);
            if (!request.Cancelled)
            {
                w.WriteString("cancel_reason", request.Reason);
            }

            w.WriteString("biz_time", bizTime);
            if (request.BusinessModel is { Length: > 0 } model)
            {
                w.WriteString("business_model", model);
            }
        });
        return SendAsync(TmallGlobalDirectOperations.CancelFeedback, [new("consignorder_cancel_feedback_request", json)], shop, cancellationToken);
    }

    /// <summary>Reports that an order cannot be filled (<c>consignorder.outofstock.callback</c>).</summary>
    /// <param name="request">The short lines.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The accepted call.</returns>
    /// <exception cref="PlatformValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="PlatformException">The platform refused it, or the call failed.</exception>
    public virtual Task<TmallGlobalDirectCallbackResult> ReportOutOfStockAsync(ConsignOrderOutOfStockRequest request, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("request", request);
        var (shop, supplier) = Common(request);
        Guard.Identifier("BizOrderCode", request.BizOrderCode, null);
        Guard.Identifier("OutBizId", request.OutBizId, null);
        Guard.Text("Reason", request.Reason, ValidationGuard.SdkNameMaxLength);
        Guard.NotNull("Lines", request.Lines);
        if (request.Lines.Count == 0)
        {
            throw Guard.Fail("Lines", "[]", null, "at least one short line is required.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            Guard.NotNull($"Lines[{i}]", line);
            Guard.Identifier($"Lines[{i}].SubOrderCode", line.SubOrderCode, null);
            Guard.OptionalIdentifier($"Lines[{i}].ScItemId", line.ScItemId, null);
            Guard.Positive($"Lines[{i}].LackQuantity", line.LackQuantity);
            if (!seen.Add(line.SubOrderCode))
            {
                throw Guard.Fail($"Lines[{i}].SubOrderCode", line.SubOrderCode, null, "the line is listed twice.");
            }
        }

        var json = Json(w =>
        {
            w.WriteString("supplier_id", supplier);
            w.WriteString("out_biz_id", request.OutBizId);
            w.WriteString("biz_order_code", request.BizOrderCode);
            w.WriteStartArray("out_of_stock_items");
            foreach (var line in request.Lines)
            {
                w.WriteStartObject();
                w.WriteString("sub_order_code", line.SubOrderCode);
                if (line.ScItemId is { Length: > 0 } item)
                {
                    w.WriteString("sc_item_id", item);
                }

                w.WriteNumber("lack_quantity", line.LackQuantity);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (request.Reason is { Length: > 0 } reason)
            {
                w.WriteString("out_of_stock_reason", reason);
            }
        });
        return SendAsync(TmallGlobalDirectOperations.OutOfStock, [new("consignorder_outofstock_callback_request", json)], shop, cancellationToken);
    }

    /// <summary>Replaces one waybill number of a shipped order (<c>consignorder.notify.tms.change</c>). Not retried after a lost reply.</summary>
    /// <param name="request">The old and new numbers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The accepted call.</returns>
    /// <exception cref="PlatformValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="PlatformException">The platform refused it, or the call failed.</exception>
    public virtual Task<TmallGlobalDirectCallbackResult> ChangeWaybillAsync(ConsignOrderWaybillChangeRequest request, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("request", request);
        var (shop, supplier) = Common(request);
        Guard.Identifier("BizOrderCode", request.BizOrderCode, null);
        Guard.Identifier("OldWaybillNumber", request.OldWaybillNumber, null);
        Guard.Identifier("NewWaybillNumber", request.NewWaybillNumber, null);
        CarrierCode("OldCarrierCode", request.OldCarrierCode);
        if (string.Equals(request.OldWaybillNumber, request.NewWaybillNumber, StringComparison.Ordinal))
        {
            throw Guard.Fail("NewWaybillNumber", request.NewWaybillNumber, null, "the new waybill number is the old one; nothing would change.");
        }

        var json = Json(w =>
        {
            w.WriteString("supplier_id", supplier);
            w.WriteString("biz_order_code", request.BizOrderCode);
            w.WriteString("old_tms_order_code", request.OldWaybillNumber);
            w.WriteString("old_tms_service_code", request.OldCarrierCode);
            w.WriteString("new_tms_order_code", request.NewWaybillNumber);
        });
        return SendAsync(TmallGlobalDirectOperations.WaybillChange, [new("modify_mail_no_request", json)], shop, cancellationToken);
    }

    /// <summary>
    /// Reports the inbound result of a return order (<c>reverseorder.instorage.feedback</c>; RTGD-05). Only a full report is accepted
    /// by the rules: a line with missing units, or received below what the return order plans, is refused before sending.
    /// </summary>
    /// <param name="request">The inbound result.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The accepted call.</returns>
    /// <exception cref="PlatformValidationException">The request is invalid or partial; nothing was sent.</exception>
    /// <exception cref="PlatformException">The platform refused it, or the call failed.</exception>
    public virtual Task<TmallGlobalDirectCallbackResult> ReportReturnInboundAsync(ReturnInboundRequest request, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("request", request);
        var (shop, supplier) = Common(request);
        Guard.Identifier("BizOrderCode", request.BizOrderCode, null, "RTGD-05");
        Guard.Identifier("StoreCode", request.StoreCode, null);
        Guard.WireTime("InStorageTime", request.InStorageTime);
        Party("Receiver", request.Receiver);
        Party("Sender", request.Sender);
        var outBizId = request.OutBizId ?? request.ReturnOrder?.OutBizId;
        Guard.OptionalIdentifier("OutBizId", outBizId, null);
        Guard.OptionalIdentifier("WaybillNumber", request.WaybillNumber, null);
        if (request.CarrierCode is { Length: > 0 })
        {
            CarrierCode("CarrierCode", request.CarrierCode);
        }

        ReturnLines(request);
        var json = Json(w =>
        {
            w.WriteString("supplier_id", supplier);
            w.WriteString("biz_order_code", request.BizOrderCode);
            w.WriteString("instorage_time", PlatformSdk.ChinaTime.FormatDateTime(request.InStorageTime));
            w.WriteString("store_code", request.StoreCode);
            WriteParty(w, "receiver_info", "receiver_", request.Receiver);
            WriteParty(w, "sender_info", "sender_", request.Sender);
            w.WriteStartArray("order_items");
            foreach (var line in request.Lines)
            {
                w.WriteStartObject();
                w.WriteString("sub_order_code", line.SubOrderCode);
                w.WriteString("sc_item_id", line.ScItemId);
                w.WriteNumber("actual_received_quantity", line.ReceivedQuantity);
                w.WriteNumber("actual_lack_quantity", line.LackQuantity);
                w.WriteStartArray("instorage_details");
                var details = line.Details.Count == 0 ? [new ReturnInboundDetail { Quantity = line.ReceivedQuantity }] : line.Details;
                foreach (var detail in details)
                {
                    w.WriteStartObject();
                    w.WriteNumber("received_quantity", detail.Quantity);
                    w.WriteString("storage_type", ((int)detail.StorageType).ToString(CultureInfo.InvariantCulture));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (outBizId is { Length: > 0 })
            {
                w.WriteString("out_biz_id", outBizId);
            }

            if (request.CarrierCode is { Length: > 0 } carrier)
            {
                w.WriteString("tms_service_code", carrier);
            }

            if (request.WaybillNumber is { Length: > 0 } waybill)
            {
                w.WriteString("tms_order_code", waybill);
            }

            if (request.BusinessModel is { Length: > 0 } model)
            {
                w.WriteString("business_model", model);
            }
        });
        return SendAsync(TmallGlobalDirectOperations.ReturnInbound, [new("instorage_feedback_request", json)], shop, cancellationToken);
    }

    /// <summary>
    /// Publishes stock (<c>alibaba.ascp.aic.supplier.aicinventory.publish</c>). A total (<see cref="AicInventoryMode.FullAmount"/>) below
    /// the line's <see cref="AicInventoryLine.ReservedQuantity"/>, when given, is refused before sending (RTGD-09). A total is retried
    /// after a lost reply (it sets the same total); a change (<see cref="AicInventoryMode.Increment"/>) is not (it could add twice).
    /// </summary>
    /// <param name="request">The stock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The accepted call.</returns>
    /// <exception cref="PlatformValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="PlatformException">The platform refused it (<c>系统异常,可售库存不足</c>: BusinessRule, RTGD-09), or the call failed.</exception>
    public virtual Task<TmallGlobalDirectCallbackResult> PublishInventoryAsync(AicInventoryPublishRequest request, CancellationToken cancellationToken = default)
    {
        Guard.NotNull("request", request);
        var (shop, supplier) = Common(request);
        Guard.Identifier("OperationOrderId", request.OperationOrderId, null);
        Guard.OptionalIdentifier("UserId", request.UserId, null);
        if (!Enum.IsDefined(request.Mode))
        {
            throw Guard.Fail("Mode", request.Mode.ToString(), null, "not a defined inventory mode.");
        }

        Guard.NotNull("Lines", request.Lines);
        if (request.Lines.Count == 0)
        {
            throw Guard.Fail("Lines", "[]", null, "at least one line is required.");
        }

        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            var path = $"Lines[{i}]";
            Guard.NotNull(path, line);
            Guard.Identifier(path + ".StoreCode", line.StoreCode, null);
            Guard.OptionalIdentifier(path + ".ScItemId", line.ScItemId, null);
            Guard.OptionalIdentifier(path + ".OuterId", line.OuterId, null);
            Guard.Identifier(path + ".OperationDetailOrderId", line.OperationDetailOrderId, null);
            if (string.IsNullOrEmpty(line.ScItemId) && string.IsNullOrEmpty(line.OuterId))
            {
                throw Guard.Fail(path + ".ScItemId", null, null, "name the goods by ScItemId or OuterId.");
            }

            if (line.ReservedQuantity is < 0)
            {
                throw Guard.Fail(path + ".ReservedQuantity", Text(line.ReservedQuantity.Value), "RTGD-09", "a reserved quantity is never negative.");
            }

            if (request.Mode == AicInventoryMode.FullAmount)
            {
                if (line.Quantity < 0)
                {
                    throw Guard.Fail(path + ".Quantity", Text(line.Quantity), null, "a stock total is never negative.");
                }

                if (line.ReservedQuantity is { } reserved && line.Quantity < reserved)
                {
                    throw Guard.Fail(path + ".Quantity", Text(line.Quantity), "RTGD-09",
                        $"the total is below the {Text(reserved)} the platform has reserved for orders; the platform refuses it (系统异常,可售库存不足). "
                        + "Publish at least the reserved quantity.");
                }
            }
            else if (line.Quantity == 0)
            {
                throw Guard.Fail(path + ".Quantity", "0", null, "a change of 0 changes nothing.");
            }
        }

        var mode = request.Mode == AicInventoryMode.FullAmount ? "FULLAMOUNT" : "INCREMENT";
        var json = Json(w =>
        {
            w.WriteStartArray("inventory_main_operation");
            w.WriteStartObject();
            w.WriteStartObject("main_order");
            w.WriteString("operation_order_id", request.OperationOrderId);
            if (request.UserId is { Length: > 0 } user)
            {
                w.WriteString("user_id", user);
            }

            w.WriteEndObject();
            w.WriteStartArray("detail_operation_list");
            foreach (var line in request.Lines)
            {
                w.WriteStartObject();
                w.WriteStartObject("location");
                w.WriteString("store_code", line.StoreCode);
                w.WriteEndObject();
                w.WriteStartObject("item");
                if (line.ScItemId is { Length: > 0 } item)
                {
                    w.WriteString("sc_item_id", item);
                }

                if (line.OuterId is { Length: > 0 } outer)
                {
                    w.WriteString("outer_id", outer);
                }

                w.WriteEndObject();
                w.WriteStartArray("inventory_line_list");
                w.WriteStartObject();
                w.WriteStartObject("inventory_line");
                w.WriteNumber("quantity", line.Quantity);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartObject("detail_order");
                w.WriteString("operation_detail_order_id", line.OperationDetailOrderId);
                w.WriteEndObject();
                w.WriteStartObject("additional_info");
                w.WriteStartObject("attribute");
                w.WriteString("supplier_id", supplier);
                w.WriteString("inv_operate_mode", mode);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        });
        var operation = request.Mode == AicInventoryMode.FullAmount ? TmallGlobalDirectOperations.InventoryFullAmount : TmallGlobalDirectOperations.InventoryIncrement;
        return SendAsync(operation, [new("aic_inventory_publish_request", json)], shop, cancellationToken);
    }

    private async Task<TmallGlobalDirectCallbackResult> SendAsync(TopOperation operation, List<KeyValuePair<string, string?>> parameters, string shop, CancellationToken cancellationToken)
    {
        var reply = await _top.ExecuteAsync(operation, parameters, shop, cancellationToken).ConfigureAwait(false);
        return TmallGlobalDirectReplyReader.Read(reply, operation);
    }

    private (string Shop, string Supplier) Common(TmallGlobalDirectCallbackRequest request)
    {
        var shop = request.Shop ?? Options.Shop;
        if (string.IsNullOrEmpty(shop))
        {
            throw Guard.Fail("Shop", null, "RTGD-04", "no shop: set TmallGlobalDirectOptions.Shop or the request's Shop (the seller whose TOP session is sent).");
        }

        Guard.Identifier("Shop", shop, ValidationGuard.SdkNameMaxLength);
        var supplier = request.SupplierId
            ?? (Options.Shops.TryGetValue(shop, out var settings) ? settings?.SupplierId : null)
            ?? Options.SupplierId;
        if (string.IsNullOrEmpty(supplier))
        {
            throw Guard.Fail("SupplierId", null, "RTGD-04", "no supplier id: set the request's SupplierId, Shops:<shop>:SupplierId or TmallGlobalDirectOptions.SupplierId.");
        }

        Guard.Identifier("SupplierId", supplier, null, "RTGD-04");
        Guard.OptionalIdentifier("BusinessModel", request.BusinessModel, 8);
        return (shop, supplier);
    }

    private string Time(string field, DateTimeOffset? value)
    {
        var instant = value ?? _time.GetUtcNow();
        Guard.WireTime(field, instant);
        return PlatformSdk.ChinaTime.FormatDateTime(instant);
    }

    private static Dictionary<string, ConsignOrderShipLine> ShipLines(string path, IReadOnlyList<ConsignOrderShipLine> lines, bool allowRepeats = false)
    {
        Guard.NotNull(path, lines);
        if (lines.Count == 0)
        {
            throw Guard.Fail(path, "[]", null, "at least one line is required.");
        }

        var result = new Dictionary<string, ConsignOrderShipLine>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            Guard.NotNull($"{path}[{i}]", line);
            Guard.Identifier($"{path}[{i}].SubOrderCode", line.SubOrderCode, null);
            Guard.Identifier($"{path}[{i}].ScItemId", line.ScItemId, null);
            Guard.Positive($"{path}[{i}].Quantity", line.Quantity);
            if (!result.TryAdd(line.SubOrderCode, line) && !allowRepeats)
            {
                throw Guard.Fail($"{path}[{i}].SubOrderCode", line.SubOrderCode, null, "the line is listed twice; list each line once with its whole quantity.");
            }
        }

        return result;
    }

    private static void WholeOrder(ConsignOrderShipRequest request, ConsignOrderNotify order, Dictionary<string, ConsignOrderShipLine> lines)
    {
        if (!string.Equals(order.BizOrderCode, request.BizOrderCode, StringComparison.Ordinal))
        {
            throw Guard.Fail("Order.BizOrderCode", order.BizOrderCode, null, $"the stored order is not {request.BizOrderCode}.");
        }

        var expected = new Dictionary<string, ConsignOrderItem>(StringComparer.Ordinal);
        foreach (var item in order.Items)
        {
            if (item.SubOrderCode is { Length: > 0 } code)
            {
                expected[code] = item;
            }
        }

        foreach (var (code, item) in expected)
        {
            if (!lines.TryGetValue(code, out var line))
            {
                throw Guard.Fail("Lines", code, null, $"the order's line {code} is not shipped; {WholeOrderProblem}.");
            }

            if (line.Quantity != item.Quantity)
            {
                throw Guard.Fail("Lines", code, null,
                    string.Create(CultureInfo.InvariantCulture, $"line {code} ships {line.Quantity} of the {item.Quantity} ordered; {WholeOrderProblem}."));
            }

            if (item.ScItemId is { Length: > 0 } goods && !string.Equals(goods, line.ScItemId, StringComparison.Ordinal))
            {
                throw Guard.Fail("Lines", line.ScItemId, null, $"line {code} is goods {goods} in the order.");
            }
        }

        foreach (var code in lines.Keys.Where(code => !expected.ContainsKey(code)))
        {
            throw Guard.Fail("Lines", code, null, "the line is not in the order.");
        }
    }

    private static void ReturnLines(ReturnInboundRequest request)
    {
        Guard.NotNull("Lines", request.Lines);
        if (request.Lines.Count == 0)
        {
            throw Guard.Fail("Lines", "[]", "RTGD-05", "at least one line is required.");
        }

        var planned = new Dictionary<string, int>(StringComparer.Ordinal);
        if (request.ReturnOrder is { } order)
        {
            if (!string.Equals(order.BizOrderCode, request.BizOrderCode, StringComparison.Ordinal))
            {
                throw Guard.Fail("ReturnOrder.BizOrderCode", order.BizOrderCode, "RTGD-05", $"the stored return order is not {request.BizOrderCode}.");
            }

            foreach (var item in order.Items.Where(i => i.SubOrderCode is { Length: > 0 }))
            {
                planned[item.SubOrderCode!] = item.PlanReturnQuantity;
            }
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            var path = $"Lines[{i}]";
            Guard.NotNull(path, line);
            Guard.Identifier(path + ".SubOrderCode", line.SubOrderCode, null);
            Guard.Identifier(path + ".ScItemId", line.ScItemId, null);
            if (!reported.Add(line.SubOrderCode))
            {
                throw Guard.Fail(path + ".SubOrderCode", line.SubOrderCode, "RTGD-05", "the line is listed twice.");
            }

            if (line.ReceivedQuantity < 0 || line.LackQuantity < 0)
            {
                throw Guard.Fail(path + ".ReceivedQuantity", Text(line.ReceivedQuantity), "RTGD-05", "quantities are never negative.");
            }

            Guard.NotNull(path + ".Details", line.Details);
            var detailSum = 0L;
            for (var d = 0; d < line.Details.Count; d++)
            {
                var detail = line.Details[d];
                Guard.NotNull($"{path}.Details[{d}]", detail);
                Guard.Positive($"{path}.Details[{d}].Quantity", detail.Quantity);
                if (!Enum.IsDefined(detail.StorageType))
                {
                    throw Guard.Fail($"{path}.Details[{d}].StorageType", detail.StorageType.ToString(), null, "not a defined storage type (1 sellable, 101 defective).");
                }

                detailSum += detail.Quantity;
            }

            if (line.Details.Count > 0 && detailSum != line.ReceivedQuantity)
            {
                throw Guard.Fail(path + ".Details", Text(detailSum), "RTGD-05", $"the details hold {Text(detailSum)} units but {Text(line.ReceivedQuantity)} were received.");
            }

            var plan = planned.TryGetValue(line.SubOrderCode, out var fromOrder) ? fromOrder : line.PlannedQuantity;
            if (request.ReturnOrder is not null && !planned.ContainsKey(line.SubOrderCode))
            {
                throw Guard.Fail(path + ".SubOrderCode", line.SubOrderCode, "RTGD-05", "the line is not in the return order.");
            }

            if (TmallGlobalDirectWireChoices.ReturnInboundMustBeFull)
            {
                if (line.LackQuantity > 0)
                {
                    throw Guard.Fail(path + ".LackQuantity", Text(line.LackQuantity), "RTGD-05",
                        "the inbound report must cover the whole return; partial reports are not accepted. Report once every unit is in.");
                }

                if (plan is { } expected && line.ReceivedQuantity < expected)
                {
                    throw Guard.Fail(path + ".ReceivedQuantity", Text(line.ReceivedQuantity), "RTGD-05",
                        $"{Text(line.ReceivedQuantity)} of the {Text(expected)} planned units were received; the inbound report must cover the whole return. "
                        + "Report once every unit is in.");
                }
            }

            if (line.ReceivedQuantity == 0 && line.LackQuantity == 0)
            {
                throw Guard.Fail(path + ".ReceivedQuantity", "0", "RTGD-05", "a line reports at least one unit.");
            }
        }

        if (TmallGlobalDirectWireChoices.ReturnInboundMustBeFull)
        {
            foreach (var code in planned.Keys.Where(code => !reported.Contains(code)))
            {
                throw Guard.Fail("Lines", code, "RTGD-05", $"the return order's line {code} is not reported; the inbound report must cover the whole return.");
            }
        }
    }

    private static void Party(string path, ReturnInboundParty party)
    {
        Guard.NotNull(path, party);
        Guard.Identifier(path + ".Name", party.Name, ValidationGuard.SdkNameMaxLength);
        Guard.Identifier(path + ".Country", party.Country, ValidationGuard.SdkNameMaxLength);
        Guard.Identifier(path + ".Province", party.Province, ValidationGuard.SdkNameMaxLength);
        Guard.Identifier(path + ".City", party.City, ValidationGuard.SdkNameMaxLength);
        Guard.Identifier(path + ".ZipCode", party.ZipCode, 16);
        Guard.Text(path + ".Area", party.Area, ValidationGuard.SdkNameMaxLength);
        Guard.Text(path + ".Address", party.Address, ValidationGuard.SdkNameMaxLength);
        Guard.OptionalIdentifier(path + ".Mobile", party.Mobile, 32);
    }

    private static void CarrierCode(string field, string? value)
    {
        Guard.Identifier(field, value, TmallGlobalDirectWireChoices.MaxCarrierCodeLength);
        foreach (var c in value!)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                throw Guard.Fail(field, value, null,
                    "a carrier code is the code taobao.logistics.companies.get lists (SF, YUNDA, ZTO): letters, digits, '_' and '-' only.");
            }
        }
    }

    private static void WriteShipLines(Utf8JsonWriter w, string name, IEnumerable<ConsignOrderShipLine> lines)
    {
        w.WriteStartArray(name);
        foreach (var line in lines)
        {
            w.WriteStartObject();
            w.WriteString("sub_order_code", line.SubOrderCode);
            w.WriteString("sc_item_id", line.ScItemId);
            w.WriteNumber("item_quantity", line.Quantity);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteParty(Utf8JsonWriter w, string name, string prefix, ReturnInboundParty party)
    {
        w.WriteStartObject(name);
        w.WriteString(prefix + "name", party.Name);
        w.WriteString(prefix + "country", party.Country);
        w.WriteString(prefix + "province", party.Province);
        w.WriteString(prefix + "city", party.City);
        w.WriteString(prefix + "zip_code", party.ZipCode);
        if (party.Area is { Length: > 0 } area)
        {
            w.WriteString(prefix + "area", area);
        }

        if (party.Address is { Length: > 0 } address)
        {
            w.WriteString(prefix + "address", address);
        }

        if (party.Mobile is { Length: > 0 } mobile)
        {
            w.WriteString(prefix + "mobile", mobile);
        }

        w.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
