using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Models;
using PlatformSdk.TaobaoVoucher.Models.Queries;
using PlatformSdk.TaobaoVoucher.Models.Redemption;
using PlatformSdk.TaobaoVoucher.Models.Sending;
using PlatformSdk.TaobaoVoucher.Protocol;
using PlatformSdk.TaobaoVoucher.Validation;
using PlatformSdk.Top;
using V = PlatformSdk.TaobaoVoucher.Validation.VoucherRequestValidator;

namespace PlatformSdk.TaobaoVoucher;

/// <summary>
/// The legacy <c>taobao.vmarket.eticket.*</c> APIs (docs/protocols/taobao-voucher.md §1). Every request is validated before sending; a
/// <c>ret_code</c> other than 1 throws <see cref="PlatformException"/> (code <c>eticket-ret-code-failed</c>, category BusinessRule).
/// Idempotency per API: docs/taobao-voucher.md.
/// </summary>
public class TaobaoVoucherLegacyClient
{
    private readonly VoucherCaller _caller = null!;

    internal TaobaoVoucherLegacyClient(VoucherCaller caller) => _caller = caller;

    /// <summary>For mocking.</summary>
    protected TaobaoVoucherLegacyClient()
    {
    }

    /// <summary>Answers a send notice with codes (<c>send</c>; RTV-10: success ships the order). Not repeated on an ambiguous failure.</summary>
    /// <param name="request">The order, the notice token and the codes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformSdk.Errors.PlatformValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="PlatformException">TOP refused it, or the call failed (see <see cref="PlatformException.MayHaveBeenProcessed"/>).</exception>
    public virtual Task<VoucherCallResult> SendAsync(LegacySendCodesRequest request, CancellationToken cancellationToken = default)
        => SendCoreAsync(VoucherOperations.LegacySend, request, cancellationToken);

    /// <summary>Answers a resend notice with <b>all</b> codes currently usable (<c>resend</c>).</summary>
    /// <param name="request">The order, the notice token and the codes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual Task<VoucherCallResult> ResendAsync(LegacySendCodesRequest request, CancellationToken cancellationToken = default)
        => SendCoreAsync(VoucherOperations.LegacyResend, request, cancellationToken);

    /// <summary>Checks a code before redeeming (<c>beforeconsume</c>, a read). A <c>ret_code</c> of 0 is reported as <see cref="VoucherConsumeCheck.MayConsume"/> = false, not thrown.</summary>
    /// <param name="request">The order, code and token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The check.</returns>
    /// <exception cref="PlatformException">TOP refused the call, or it failed.</exception>
    public virtual async Task<VoucherConsumeCheck> BeforeConsumeAsync(LegacyBeforeConsumeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        V.Id("order_id", request.OrderId);
        V.Code("verify_code", request.VerifyCode);
        V.Token(request.Token);
        V.MobileLastFour(request.MobileLastFour);
        if (_caller.Options.CodeMerchantId is not null)
        {
            V.Required("posid", request.PosId);
        }

        V.Fields(request);

        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("order_id", VoucherCaller.Text(request.OrderId)),
            new("verify_code", request.VerifyCode),
            new("token", request.Token),
            new("posid", request.PosId),
            new("mobile", request.MobileLastFour),
        };
        _caller.AddCodeMerchant(parameters);
        var reply = await _caller.CallAsync(VoucherOperations.LegacyBeforeConsume, parameters, request.Seller, cancellationToken).ConfigureAwait(false);
        var wire = VoucherCaller.Read(reply, TaobaoVoucherJsonContext.Default.LegacyBeforeConsumeWire, VoucherOperations.LegacyBeforeConsume.Method);
        return new VoucherConsumeCheck
        {
            MayConsume = wire.RetCode == TaobaoVoucherWireChoices.LegacySuccessRetCode,
            RetCode = wire.RetCode?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ValidFrom = VoucherCaller.ChinaTime(wire.ValidStart),
            ValidUntil = VoucherCaller.ChinaTime(wire.ValidEnds),
            LeftNum = wire.LeftNum,
            CodeLeftNum = wire.CodeLeftNum,
            ItemTitle = wire.ItemTitle,
            OrderId = wire.OrderId,
            LeftAmount = VoucherCaller.Raw(wire.LeftAmount),
            ItemType = VoucherCaller.Raw(wire.ItemType),
            RequestId = reply.RequestId,
        };
    }

    /// <summary>
    /// Redeems units of one code (<c>consume</c>). NonIdempotentWrite: never repeated by the SDK once it may have reached TOP.
    /// The request's <see cref="LegacyConsumeRequest.SerialNum"/> identifies this redemption; after a failure with
    /// <see cref="PlatformException.MayHaveBeenProcessed"/>, call <see cref="ReconcileConsumeAsync"/> with the same request.
    /// </summary>
    /// <param name="request">The redemption.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result, with the serial to reverse it.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual async Task<VoucherConsumeResult> ConsumeAsync(LegacyConsumeRequest request, CancellationToken cancellationToken = default)
    {
        V.LegacyConsume(request);

        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("order_id", VoucherCaller.Text(request.OrderId)),
            new("verify_code", request.VerifyCode),
            new("consume_num", VoucherCaller.Text(request.ConsumeNum)),
            new("token", request.Token),
            new("posid", request.PosId),
            new("mobile", request.MobileLastFour),
            new("new_code", request.NewCode),
            new("serial_num", request.SerialNum),
            new("qr_images", request.QrImages.Count == 0 ? null : string.Join(',', request.QrImages)),
        };
        _caller.AddCodeMerchant(parameters);
        var reply = await _caller.CallAsync(VoucherOperations.LegacyConsume, parameters, request.Seller, cancellationToken).ConfigureAwait(false);
        var retCode = VoucherCaller.EnsureLegacySuccess(reply, VoucherOperations.LegacyConsume);
        var wire = VoucherCaller.Read(reply, TaobaoVoucherJsonContext.Default.LegacyConsumeWire, VoucherOperations.LegacyConsume.Method);
        return new VoucherConsumeResult
        {
            SerialNum = string.IsNullOrEmpty(wire.ConsumeSerialNum) ? request.SerialNum : wire.ConsumeSerialNum,
            LeftNum = wire.LeftNum,
            CodeLeftNum = wire.CodeLeftNum,
            ItemTitle = wire.ItemTitle,
            SmsTemplate = wire.SmsTemplate,
            PrintTemplate = wire.PrintTemplate,
            RetCode = retCode,
            RequestId = reply.RequestId,
            Attempts = reply.Attempts,
        };
    }

    /// <summary>
    /// Settles a redemption whose outcome is unknown (a <see cref="PlatformException"/> with MayHaveBeenProcessed): reads
    /// <c>left_num</c> with <c>beforeconsume</c> and compares it with the units left before the redemption. Gone → already
    /// applied, nothing sent; still there → the <b>same</b> request (same <c>serial_num</c>) is sent once more; anything else
    /// → inconclusive, nothing sent.
    /// </summary>
    /// <param name="request">The redemption that failed ambiguously (same instance, same serial).</param>
    /// <param name="leftBeforeConsume">Units left on the order before the redemption (from an earlier check or the ERP).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>What was found and done.</returns>
    /// <exception cref="PlatformException">The resent redemption failed.</exception>
    public virtual async Task<ConsumeReconciliation> ReconcileConsumeAsync(LegacyConsumeRequest request, int leftBeforeConsume, CancellationToken cancellationToken = default)
    {
        // Validated before anything is sent or concluded: a request that could never have been redeemed was never applied.
        V.LegacyConsume(request);
        V.Units("leftBeforeConsume", leftBeforeConsume);
        VoucherConsumeCheck check;
        try
        {
            check = await BeforeConsumeAsync(new LegacyBeforeConsumeRequest
            {
                OrderId = request.OrderId, VerifyCode = request.VerifyCode, Token = request.Token,
                PosId = request.PosId, MobileLastFour = request.MobileLastFour, Seller = request.Seller,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException ex) when (ex.Category is not ErrorCategory.Validation)
        {
            return await ReconcileFromCodesAsync(request, leftBeforeConsume, ex, cancellationToken).ConfigureAwait(false);
        }

        if (check.LeftNum == leftBeforeConsume - request.ConsumeNum)
        {
            return new ConsumeReconciliation
            {
                Outcome = ConsumeReconciliationOutcome.AlreadyApplied, SerialNum = request.SerialNum, Check = check,
                Explanation = $"left_num went from {leftBeforeConsume} to {check.LeftNum}: the redemption of {request.ConsumeNum} was applied.",
            };
        }

        if (check.LeftNum == leftBeforeConsume && check.MayConsume)
        {
            var result = await ConsumeAsync(request, cancellationToken).ConfigureAwait(false);
            return new ConsumeReconciliation
            {
                Outcome = ConsumeReconciliationOutcome.Resent, SerialNum = request.SerialNum, Check = check, Result = result,
                Explanation = $"left_num was still {leftBeforeConsume}: the redemption was not applied and was resent with serial_num {request.SerialNum}.",
            };
        }

        return new ConsumeReconciliation
        {
            Outcome = ConsumeReconciliationOutcome.Inconclusive, SerialNum = request.SerialNum, Check = check,
            Explanation = $"left_num is {check.LeftNum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "absent"} (before: {leftBeforeConsume}, "
                + $"redeeming {request.ConsumeNum}, may consume: {check.MayConsume}); another redemption or refund changed the order. Nothing was resent.",
        };
    }

    // An applied partial redemption voids the shown code (RTV-12) and a full one uses it up, so beforeconsume on that code
    // fails exactly when the redemption went through; codes.get still shows the units left on the live code(s).
    private async Task<ConsumeReconciliation> ReconcileFromCodesAsync(LegacyConsumeRequest request, int leftBeforeConsume, PlatformException checkError, CancellationToken cancellationToken)
    {
        VoucherCodeList codes;
        try
        {
            codes = await GetCodesAsync(request.OrderId, request.Seller, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException ex) when (ex.Category is not ErrorCategory.Validation)
        {
            return new ConsumeReconciliation
            {
                Outcome = ConsumeReconciliationOutcome.Inconclusive, SerialNum = request.SerialNum,
                Explanation = $"The state check failed ({checkError.ErrorCode}) and codes.get failed too ({ex.ErrorCode}); check the order before acting. Nothing was resent.",
            };
        }

        // The meaning of codes.get's status values is not documented; num (units left on the code) is, and a void or used code has none.
        var left = codes.Codes.Sum(c => c.Num ?? 0);
        var shownIsLive = codes.Codes.Any(c => (c.Num ?? 0) > 0 && string.Equals(c.Code, request.VerifyCode, StringComparison.Ordinal));
        if (!shownIsLive && left == leftBeforeConsume - request.ConsumeNum)
        {
            return new ConsumeReconciliation
            {
                Outcome = ConsumeReconciliationOutcome.AlreadyApplied, SerialNum = request.SerialNum,
                Explanation = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"beforeconsume refused the code ({checkError.ErrorCode}) and codes.get shows {left} unit(s) left (before: {leftBeforeConsume}) with the code no longer live: the redemption of {request.ConsumeNum} was applied."),
            };
        }

        return new ConsumeReconciliation
        {
            Outcome = ConsumeReconciliationOutcome.Inconclusive, SerialNum = request.SerialNum,
            Explanation = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The state check failed ({checkError.ErrorCode}); codes.get shows {left} unit(s) left (before: {leftBeforeConsume}, redeeming {request.ConsumeNum}). Check the order before acting. Nothing was resent."),
        };
    }

    /// <summary>Reverses (冲正) a redemption (<c>reverse</c>). <c>reverse_num</c> must equal the units the redemption consumed.</summary>
    /// <param name="request">The reverse.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual async Task<VoucherReverseResult> ReverseAsync(LegacyReverseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        V.Id("order_id", request.OrderId);
        V.Code("reverse_code", request.ReverseCode);
        V.Units("reverse_num", request.ReverseNum);
        V.SerialNum("consume_secial_num", request.ConsumeSerialNum);
        V.Token(request.Token);
        V.Codes("verify_codes", request.VerifyCodes, allowEmpty: true);
        V.Fields(request);
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("order_id", VoucherCaller.Text(request.OrderId)),
            new("reverse_code", request.ReverseCode),
            new("reverse_num", VoucherCaller.Text(request.ReverseNum)),
            new("consume_secial_num", request.ConsumeSerialNum),
            new("token", request.Token),
            new("verify_codes", request.VerifyCodes.Count == 0 ? null : V.FormatVerifyCodes(request.VerifyCodes)),
            new("posid", request.PosId),
        };
        _caller.AddCodeMerchant(parameters);
        var reply = await _caller.CallAsync(VoucherOperations.LegacyReverse, parameters, request.Seller, cancellationToken).ConfigureAwait(false);
        VoucherCaller.EnsureLegacySuccess(reply, VoucherOperations.LegacyReverse);
        var wire = VoucherCaller.Read(reply, TaobaoVoucherJsonContext.Default.LegacyReverseWire, VoucherOperations.LegacyReverse.Method);
        return new VoucherReverseResult(wire.LeftNum, wire.ItemTitle, reply.RequestId);
    }

    /// <summary>Reports that a notice cannot be fulfilled (<c>failsend</c>; IdempotentWrite: it states a fact about one notice).</summary>
    /// <param name="request">The order, error and token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual async Task<VoucherCallResult> FailSendAsync(LegacyFailSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        V.Id("order_id", request.OrderId);
        V.Token(request.Token);
        V.Fields(request);
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("order_id", VoucherCaller.Text(request.OrderId)),
            new("error_code", VoucherCaller.Text(request.ErrorCode)),
            new("error_msg", request.ErrorMessage),
            new("token", request.Token),
        };
        return await SimpleAsync(VoucherOperations.LegacyFailSend, parameters, request.Seller, cancellationToken, addCodeMerchant: false).ConfigureAwait(false);
    }

    /// <summary>Lists an order's codes (<c>codes.get</c>, a read).</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="seller">The seller, or <see langword="null"/> for the configured one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The codes.</returns>
    /// <exception cref="PlatformException">TOP refused the call, or it failed.</exception>
    public virtual async Task<VoucherCodeList> GetCodesAsync(long orderId, string? seller, CancellationToken cancellationToken = default)
    {
        V.Id("order_id", orderId);
        var parameters = new List<KeyValuePair<string, string?>> { new("order_id", VoucherCaller.Text(orderId)) };
        _caller.AddCodeMerchant(parameters);
        var reply = await _caller.CallAsync(VoucherOperations.LegacyCodesGet, parameters, seller, cancellationToken).ConfigureAwait(false);
        var codes = VoucherCaller.ReadList(reply.Result, "eticket_codes", "eticket_code")
            .Select(e => System.Text.Json.JsonSerializer.Deserialize(e, TaobaoVoucherJsonContext.Default.EticketCodeWire))
            .Where(w => w is not null && !string.IsNullOrEmpty(w.Code))
            .Select(w => new VoucherCodeInfo { OrderId = w!.OrderId, Code = w.Code!, Num = w.Num, Status = w.Status, QrCodeUrl = w.QrCodeUrl })
            .ToArray();
        return new VoucherCodeList(codes, ReadLong(reply, "total_results"), reply.RequestId);
    }

    /// <summary>Reads one page of pending tasks (<c>tasks.get</c>, a read): orders whose notice (type 1) or callback (type 2) failed.</summary>
    /// <param name="request">The type and page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="PlatformException">TOP refused the call, or it failed.</exception>
    public virtual async Task<VoucherTaskPage> GetTasksAsync(LegacyTasksRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        V.TaskType(request.Type);

        V.Page(request.PageNo, request.PageSize);
        V.Fields(request);
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("type", VoucherCaller.Text((int)request.Type)),
            new("seller_id", request.SellerId is { } s ? VoucherCaller.Text(s) : null),
            new("page_no", VoucherCaller.Text(request.PageNo)),
            new("page_size", VoucherCaller.Text(request.PageSize)),
        };
        _caller.AddCodeMerchant(parameters);
        var reply = await _caller.CallAsync(VoucherOperations.LegacyTasksGet, parameters, request.Seller, cancellationToken).ConfigureAwait(false);
        var orders = VoucherCaller.ReadList(reply.Result, "eticket_tasks", "eticket_task")
            .Select(e => System.Text.Json.JsonSerializer.Deserialize(e, TaobaoVoucherJsonContext.Default.EticketTaskWire)?.OrderId)
            .Where(id => id is > 0)
            .Select(id => id!.Value)
            .ToArray();
        return new VoucherTaskPage(request.Type, orders, ReadLong(reply, "total_results"), request.PageNo, request.PageSize, reply.RequestId);
    }

    /// <summary>Asks TOP to issue a send or resend notice again (<c>manage.notify</c>; NonIdempotentWrite: each call issues a notice).</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="method"><c>send</c> or <c>resend</c>.</param>
    /// <param name="seller">The seller, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual Task<VoucherCallResult> ManageNotifyAsync(long orderId, VoucherNotifyMethod method, string? seller, CancellationToken cancellationToken = default)
    {
        V.Id("order_id", orderId);
        V.NotifyMethod(method);
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("order_id", VoucherCaller.Text(orderId)),
            new("notify_method", method == VoucherNotifyMethod.Resend ? "resend" : "send"),
        };
        _caller.AddCodeMerchant(parameters);
        return SimpleAsync(VoucherOperations.LegacyManageNotify, parameters, seller, cancellationToken, addCodeMerchant: false);
    }

    /// <summary>Extends an order's validity by days (<c>time.expand</c>; RTV-11 forward only; NonIdempotentWrite: relative).</summary>
    /// <param name="request">The order and days.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual Task<VoucherCallResult> ExpandTimeAsync(LegacyTimeExpandRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        V.Id("order_id", request.OrderId);
        V.ExpandDays(request.ExpandDays);
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("order_id", VoucherCaller.Text(request.OrderId)),
            new("expand_days", VoucherCaller.Text(request.ExpandDays)),
        };
        return SimpleAsync(VoucherOperations.LegacyTimeExpand, parameters, request.Seller, cancellationToken, addCodeMerchant: false);
    }

    /// <summary>Uploads a QR image for <c>qr_images</c> (<c>qrcode.upload</c>): &lt; 300 KB, within 400×400; needs <see cref="TaobaoVoucherOptions.CodeMerchantId"/>.</summary>
    /// <param name="image">The image bytes (PNG, GIF or JPEG are size-checked from their header).</param>
    /// <param name="fileName">The file name sent in the part header.</param>
    /// <param name="seller">The seller, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored file name.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual async Task<VoucherImageUpload> UploadQrCodeAsync(ReadOnlyMemory<byte> image, string fileName, string? seller, CancellationToken cancellationToken = default)
    {
        V.QrImage(image.Span);
        V.Required("file_name", fileName);
        V.FileName("file_name", fileName);
        var id = V.CodeMerchantForQrUpload(_caller.Options.CodeMerchantId);

        var parameters = new List<KeyValuePair<string, string?>> { new("code_merchant_id", VoucherCaller.Text(id)) };
        var reply = await _caller.UploadAsync(VoucherOperations.LegacyQrCodeUpload, parameters, new TopFileParameter("img_bytes", fileName, image), seller, cancellationToken).ConfigureAwait(false);
        VoucherCaller.EnsureLegacySuccess(reply, VoucherOperations.LegacyQrCodeUpload);
        var wire = VoucherCaller.Read(reply, TaobaoVoucherJsonContext.Default.ImageUploadWire, VoucherOperations.LegacyQrCodeUpload.Method);
        return new VoucherImageUpload(wire.ImageFileName ?? string.Empty, reply.RequestId);
    }

    private async Task<VoucherCallResult> SendCoreAsync(TopOperation operation, LegacySendCodesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        V.Id("order_id", request.OrderId);
        V.Token(request.Token);
        V.Codes("verify_codes", request.Codes);
        var images = request.Codes.Select(c => c.QrImage).ToArray();
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("order_id", VoucherCaller.Text(request.OrderId)),
            new("verify_codes", V.FormatVerifyCodes(request.Codes)),
            new("token", request.Token),
            // Aligned with verify_codes, so only sent when every code has an image.
            new("qr_images", images.All(i => i is not null) ? string.Join(',', images) : null),
        };
        return await SimpleAsync(operation, parameters, request.Seller, cancellationToken).ConfigureAwait(false);
    }

    private async Task<VoucherCallResult> SimpleAsync(TopOperation operation, List<KeyValuePair<string, string?>> parameters, string? seller, CancellationToken cancellationToken, bool addCodeMerchant = true)
    {
        if (addCodeMerchant)
        {
            _caller.AddCodeMerchant(parameters);
        }

        var reply = await _caller.CallAsync(operation, parameters, seller, cancellationToken).ConfigureAwait(false);
        var retCode = VoucherCaller.EnsureLegacySuccess(reply, operation);
        return new VoucherCallResult { Method = operation.Method, RetCode = retCode, RequestId = reply.RequestId, Attempts = reply.Attempts };
    }

    private static long? ReadLong(TopResult reply, string name)
        => long.TryParse(Top.Protocol.TopResponseParser.Text(reply.Result, name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
