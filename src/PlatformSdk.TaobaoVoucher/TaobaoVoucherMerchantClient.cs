using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Errors;
using PlatformSdk.TaobaoVoucher.Models;
using PlatformSdk.TaobaoVoucher.Models.Queries;
using PlatformSdk.TaobaoVoucher.Models.Redemption;
using PlatformSdk.TaobaoVoucher.Models.Sending;
using PlatformSdk.TaobaoVoucher.Protocol;
using PlatformSdk.Top;
using V = PlatformSdk.TaobaoVoucher.Validation.VoucherRequestValidator;

namespace PlatformSdk.TaobaoVoucher;

/// <summary>
/// The successor <c>taobao.eticket.merchant.ma.*</c> APIs (docs/protocols/taobao-voucher.md §2). A <c>ret_code</c> outside
/// the success codes (<c>1</c>, <c>0000</c>, <c>200</c>, <c>SUCCESS</c>, <c>OK</c>, <c>true</c>) throws <see cref="PlatformException"/> (code
/// <c>eticket-merchant-ret-code</c>, sub-code = the ret_code, message = <c>ret_msg</c>).
/// </summary>
public class TaobaoVoucherMerchantClient
{
    private readonly VoucherCaller _caller = null!;

    internal TaobaoVoucherMerchantClient(VoucherCaller caller) => _caller = caller;

    /// <summary>For mocking.</summary>
    protected TaobaoVoucherMerchantClient()
    {
    }

    /// <summary>Answers a send notice with codes (<c>ma.send</c>; NonIdempotentWrite).</summary>
    /// <param name="request">The notice's outer id and token, and the codes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual Task<VoucherCallResult> SendAsync(MerchantSendCodesRequest request, CancellationToken cancellationToken = default)
        => SendCoreAsync(VoucherOperations.MerchantSend, request, cancellationToken);

    /// <summary>Answers a resend notice (<c>ma.resend</c>; NonIdempotentWrite).</summary>
    /// <param name="request">The notice's outer id and token, and the codes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual Task<VoucherCallResult> ResendAsync(MerchantSendCodesRequest request, CancellationToken cancellationToken = default)
        => SendCoreAsync(VoucherOperations.MerchantResend, request, cancellationToken);

    /// <summary>Checks a redemption before doing it (<c>ma.available</c>, a read); a failing <c>ret_code</c> is reported as MayConsume = false.</summary>
    /// <param name="request">The check.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The check.</returns>
    /// <exception cref="PlatformException">TOP refused the call, or it failed.</exception>
    public virtual async Task<VoucherConsumeCheck> AvailableAsync(MerchantAvailableRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        V.Code("code", request.Code);
        V.Units("consume_num", request.ConsumeNum);
        V.Required("outer_id", request.OuterId);
        V.Token(request.Token);
        if (request.SerialNum is not null)
        {
            V.SerialNum("serial_num", request.SerialNum);
        }
        V.Fields(request);

        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("code", request.Code),
            new("consume_num", VoucherCaller.Text(request.ConsumeNum)),
            new("outer_id", request.OuterId),
            new("token", request.Token),
            new("pos_id", request.PosId),
            new("serial_num", request.SerialNum),
            BizType(request.BizType),
        };
        var reply = await _caller.CallAsync(VoucherOperations.MerchantAvailable, parameters, request.Seller, cancellationToken).ConfigureAwait(false);
        var wire = VoucherCaller.Read(reply, TaobaoVoucherJsonContext.Default.MerchantReplyWire, VoucherOperations.MerchantAvailable.Method);
        var retCode = VoucherCaller.RequireMerchantRetCode(reply, VoucherOperations.MerchantAvailable);
        return new VoucherConsumeCheck
        {
            MayConsume = VoucherCaller.IsMerchantSuccess(retCode),
            RetCode = retCode,
            Message = wire.RetMsg,
            Attributes = VoucherCaller.Attributes(wire.RespBody?.AttributeMap),
            RequestId = reply.RequestId,
        };
    }

    /// <summary>
    /// Redeems units of a code (<c>ma.consume</c>; NonIdempotentWrite, never repeated by the SDK once it may have reached TOP).
    /// <see cref="MerchantConsumeRequest.SerialNum"/> identifies the redemption; resend the same instance only after checking state.
    /// </summary>
    /// <param name="request">The redemption.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result, with the serial to reverse it.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual async Task<VoucherConsumeResult> ConsumeAsync(MerchantConsumeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        V.Code("code", request.Code);
        V.Units("consume_num", request.ConsumeNum);
        V.Required("outer_id", request.OuterId);
        V.Token(request.Token);
        V.SerialNum("serial_num", request.SerialNum);
        V.Codes("isv_ma_list", request.NewCodes, allowEmpty: true);
        V.Fields(request);
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("code", request.Code),
            new("consume_num", VoucherCaller.Text(request.ConsumeNum)),
            new("outer_id", request.OuterId),
            new("token", request.Token),
            new("serial_num", request.SerialNum),
            new("pos_id", request.PosId),
            new("isv_ma_list", request.NewCodes.Count == 0 ? null : IsvMaList(request.NewCodes)),
            BizType(request.BizType),
        };
        var reply = await _caller.CallAsync(VoucherOperations.MerchantConsume, parameters, request.Seller, cancellationToken).ConfigureAwait(false);
        var wire = VoucherCaller.EnsureMerchantSuccess(reply, VoucherOperations.MerchantConsume);
        return new VoucherConsumeResult
        {
            SerialNum = request.SerialNum,
            RetCode = Top.Protocol.TopResponseParser.Text(reply.Result, "ret_code"),
            Message = wire.RetMsg,
            Attributes = VoucherCaller.Attributes(wire.RespBody?.AttributeMap),
            RequestId = reply.RequestId,
            Attempts = reply.Attempts,
        };
    }

    /// <summary>Reverses a redemption (<c>ma.reverse</c>; NonIdempotentWrite). <c>reverse_num</c> = the consumed units; <c>pos_id</c> = the consume's, if it had one.</summary>
    /// <param name="request">The reverse.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual Task<VoucherCallResult> ReverseAsync(MerchantReverseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        V.Code("code", request.Code);
        V.Required("outer_id", request.OuterId);
        V.Units("reverse_num", request.ReverseNum);
        V.SerialNum("serial_num", request.SerialNum);
        V.Token(request.Token);
        V.Fields(request);
        return SimpleAsync(VoucherOperations.MerchantReverse,
        [
            new("code", request.Code),
            new("outer_id", request.OuterId),
            new("reverse_num", VoucherCaller.Text(request.ReverseNum)),
            new("serial_num", request.SerialNum),
            new("token", request.Token),
            new("pos_id", request.PosId),
            BizType(request.BizType),
        ], request.Seller, cancellationToken);
    }

    /// <summary>Reports that a notice cannot be fulfilled (<c>ma.failsend</c>; IdempotentWrite).</summary>
    /// <param name="request">The outer id, error and token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual Task<VoucherCallResult> FailSendAsync(MerchantFailSendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        V.Required("outer_id", request.OuterId);
        V.Required("sub_err_code", request.SubErrorCode);
        V.Required("sub_err_msg", request.SubErrorMessage);
        V.Token(request.Token);
        V.Fields(request);
        return SimpleAsync(VoucherOperations.MerchantFailSend,
        [
            new("outer_id", request.OuterId),
            new("sub_err_code", request.SubErrorCode),
            new("sub_err_msg", request.SubErrorMessage),
            new("token", request.Token),
            BizType(request.BizType),
        ], request.Seller, cancellationToken);
    }

    /// <summary>
    /// Moves the end of validity later (<c>ma.delay</c>; RTV-11 forward only). IdempotentWrite: <c>end_date</c> is absolute and
    /// the request's <c>request_id</c> is reused on retries. The reply is <c>is_success</c>/<c>res_code</c>/<c>res_msg</c>.
    /// </summary>
    /// <param name="request">The new end date and the current one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual async Task<VoucherCallResult> DelayAsync(MerchantDelayRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        V.Required("outer_id", request.OuterId);
        V.Fields(request);
        V.EndDate(request.EndDate, request.CurrentEndDate);
        if (request.Code is not null)
        {
            V.Code("code", request.Code);
        }

        var bizType = V.BizTypeForDelay(_caller.BizType(request.BizType));

        List<KeyValuePair<string, string?>> parameters =
        [
            new("outer_id", request.OuterId),
            new("biz_type", VoucherCaller.Text(bizType)),
            new("end_date", VoucherCaller.FormatChinaTime(request.EndDate)),
            new("code", request.Code),
            new("request_id", request.RequestId),
            new("attribute_map", request.Attributes is null ? null
                : JsonSerializer.Serialize(request.Attributes.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), TaobaoVoucherJsonContext.Default.DictionaryStringString)),
        ];
        var reply = await _caller.CallAsync(VoucherOperations.MerchantDelay, parameters, request.Seller, cancellationToken).ConfigureAwait(false);
        var wire = VoucherCaller.Read(reply, TaobaoVoucherJsonContext.Default.MerchantReplyWire, VoucherOperations.MerchantDelay.Method);
        var resCode = VoucherCaller.Raw(wire.ResCode);
        if (wire.IsSuccess == false)
        {
            throw VoucherCaller.RetCodeFailure(TaobaoVoucherErrorCatalogue.DelayFailure, resCode,
                $"{VoucherOperations.MerchantDelay.Method} answered is_success=false, res_code={resCode}: {wire.ResMsg}", reply.RequestId);
        }

        return new VoucherCallResult { Method = VoucherOperations.MerchantDelay.Method, RetCode = resCode, Message = wire.ResMsg, RequestId = reply.RequestId, Attempts = reply.Attempts };
    }

    /// <summary>Uploads a QR image for <c>IsvMa.qr_image</c> (<c>img.upload</c>): &lt; 300 KB, within 400×400.</summary>
    /// <param name="image">The bytes.</param>
    /// <param name="fileName">The file name sent in the part header.</param>
    /// <param name="seller">The seller, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored file name.</returns>
    /// <exception cref="PlatformException">TOP refused it, or the call failed.</exception>
    public virtual async Task<VoucherImageUpload> UploadImageAsync(ReadOnlyMemory<byte> image, string fileName, string? seller, CancellationToken cancellationToken = default)
    {
        V.QrImage(image.Span);
        V.Required("file_name", fileName);
        V.FileName("file_name", fileName);
        var reply = await _caller.UploadAsync(VoucherOperations.MerchantImageUpload, [], new TopFileParameter("img_bytes", fileName, image), seller, cancellationToken).ConfigureAwait(false);
        var wire = VoucherCaller.Read(reply, TaobaoVoucherJsonContext.Default.ImageUploadWire, VoucherOperations.MerchantImageUpload.Method);
        return new VoucherImageUpload(wire.ImageFileName ?? string.Empty, reply.RequestId);
    }

    /// <summary>The <c>isv_ma_list</c> wire text (<see cref="TaobaoVoucherWireChoices.IsvMaListEncoding"/>).</summary>
    /// <param name="codes">The codes.</param>
    /// <returns>JSON array text.</returns>
    public static string IsvMaList(IReadOnlyList<VoucherCodeAllotment> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return JsonSerializer.Serialize(codes.Select(c => new IsvMaWire { Code = c.Code, Num = c.Count, QrImage = c.QrImage }).ToList(), TaobaoVoucherJsonContext.Default.ListIsvMaWire);
    }

    private KeyValuePair<string, string?> BizType(int? requested)
        => new("biz_type", _caller.BizType(requested) is { } b ? VoucherCaller.Text(b) : null);

    private async Task<VoucherCallResult> SendCoreAsync(TopOperation operation, MerchantSendCodesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        V.Required("outer_id", request.OuterId);
        V.Token(request.Token);
        V.Codes("isv_ma_list", request.Codes);
        V.Fields(request);
        return await SimpleAsync(operation,
        [
            new("outer_id", request.OuterId),
            new("token", request.Token),
            new("isv_ma_list", IsvMaList(request.Codes)),
            BizType(request.BizType),
        ], request.Seller, cancellationToken).ConfigureAwait(false);
    }

    private async Task<VoucherCallResult> SimpleAsync(TopOperation operation, List<KeyValuePair<string, string?>> parameters, string? seller, CancellationToken cancellationToken)
    {
        var reply = await _caller.CallAsync(operation, parameters, seller, cancellationToken).ConfigureAwait(false);
        var wire = VoucherCaller.EnsureMerchantSuccess(reply, operation);
        return new VoucherCallResult
        {
            Method = operation.Method,
            RetCode = Top.Protocol.TopResponseParser.Text(reply.Result, "ret_code"),
            Message = wire.RetMsg,
            Attributes = VoucherCaller.Attributes(wire.RespBody?.AttributeMap),
            RequestId = reply.RequestId,
            Attempts = reply.Attempts,
        };
    }
}
