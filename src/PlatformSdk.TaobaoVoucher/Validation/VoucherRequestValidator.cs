using System.Buffers.Binary;
using System.Globalization;
using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Refunds;
using PlatformSdk.TaobaoVoucher.Model;
using PlatformSdk.TaobaoVoucher.Models;
using PlatformSdk.TaobaoVoucher.Protocol;
using PlatformSdk.Validation;

namespace PlatformSdk.TaobaoVoucher.Validation;

/// <summary>
/// Field checks run before any e-voucher call is sent (docs/taobao-voucher.md "Rules enforced"). Each failure throws
/// <see cref="PlatformValidationException"/> naming the wire parameter, the value and the rule.
/// </summary>
public static class VoucherRequestValidator
{
    private static readonly ValidationGuard Guard = new(VoucherRefundCalculator.Platform);

    // An SDK limit: notice tokens are short hex strings; nothing real comes near it.
    private const int MaxTokenLength = 256;

    /// <summary>A code: 6–11 ASCII digits (RTV-12).</summary>
    /// <param name="field">The wire parameter.</param>
    /// <param name="code">The code.</param>
    public static void Code(string field, string? code)
    {
        if (!VoucherCode.IsValidFormat(code))
        {
            Guard.Fail(field, code is null ? null : VoucherCode.Mask(code), "RTV-12", "Taobao codes are 6 to 11 ASCII digits.");
        }
    }

    /// <summary>A unit count ≥ 1 (<c>consume_num</c>, <c>reverse_num</c>, a code's count).</summary>
    /// <param name="field">The wire parameter.</param>
    /// <param name="count">The count.</param>
    public static void Units(string field, int count) => Guard.Positive(field, count, "RTV-12");

    /// <summary>The last 4 digits of the buyer's phone, when given (RTV-12).</summary>
    /// <param name="lastFour">The digits.</param>
    public static void MobileLastFour(string? lastFour)
    {
        if (lastFour is not null && (lastFour.Length != 4 || !lastFour.All(char.IsAsciiDigit)))
        {
            Guard.Fail("mobile", lastFour, "RTV-12", "send exactly the last 4 digits of the buyer's phone number.");
        }
    }

    /// <summary>A <c>serial_num</c>: 1–100 characters of <c>[a-zA-Z0-9_]</c>.</summary>
    /// <param name="field">The wire parameter.</param>
    /// <param name="serial">The serial.</param>
    public static void SerialNum(string field, string? serial)
    {
        Guard.Required(field, serial);
        Guard.MaxLength(field, serial, TaobaoVoucherWireChoices.SerialNumMaxLength);
        if (!serial!.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            Guard.Fail(field, serial, null, "only ASCII letters, digits and '_' are allowed.");
        }
    }

    /// <summary>The notice token: required; it must equal the token of the send notice (the SDK cannot check that part).</summary>
    /// <param name="token">The token (never shown in errors).</param>
    public static void Token(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            Guard.Fail("token", null, null, "the token of the send notice (发码通知) is required.");
        }

        // The token is a credential: checked like an id, never shown.
        if (token!.Length > MaxTokenLength || ValidationGuard.IndexOfForbiddenCharacter(token) >= 0)
        {
            Guard.Fail("token", null, null, $"the token has control characters or more than {MaxTokenLength} characters (a limit of the SDK); pass the notice's token unchanged.");
        }
    }

    /// <summary>A required text parameter.</summary>
    /// <param name="field">The wire parameter.</param>
    /// <param name="value">The value.</param>
    public static void Required(string field, string? value) => Guard.Required(field, value);

    /// <summary>A legacy redemption: order, code, units, token, mobile, serial number, new code and QR image list.</summary>
    /// <param name="request">The request.</param>
    public static void LegacyConsume(Models.Redemption.LegacyConsumeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Id("order_id", request.OrderId);
        Code("verify_code", request.VerifyCode);
        Units("consume_num", request.ConsumeNum);
        Token(request.Token);
        MobileLastFour(request.MobileLastFour);
        SerialNum("serial_num", request.SerialNum);
        if (request.NewCode is not null)
        {
            Code("new_code", request.NewCode);
        }

        Guard.NotNull("qr_images", request.QrImages);

        for (var i = 0; i < request.QrImages.Count; i++)
        {
            ImageFileName($"qr_images[{i}]", request.QrImages[i]);
        }

        PosId("posid", request.PosId);
    }

    /// <summary>The fields of <c>beforeconsume</c> the call's own checks leave: the operator id.</summary>
    internal static void Fields(Models.Redemption.LegacyBeforeConsumeRequest request) => PosId("posid", request.PosId);

    /// <summary>The fields of a legacy reversal the call's own checks leave: the code list (present) and the operator id.</summary>
    internal static void Fields(Models.Redemption.LegacyReverseRequest request)
    {
        Guard.NotNull("verify_codes", request.VerifyCodes, "RTV-10");
        PosId("posid", request.PosId);
    }

    /// <summary>The fields of a legacy failsend the call's own checks leave: the message.</summary>
    internal static void Fields(Models.Sending.LegacyFailSendRequest request) => Guard.Text("error_msg", request.ErrorMessage, null);

    /// <summary>The fields of a legacy tasks query the call's own checks leave: the seller id.</summary>
    internal static void Fields(Models.Queries.LegacyTasksRequest request)
    {
        if (request.SellerId is { } sellerId)
        {
            Guard.Positive("seller_id", sellerId);
        }
    }

    /// <summary>A merchant send or resend: the order number.</summary>
    internal static void Fields(Models.Sending.MerchantSendCodesRequest request) => OuterId(request.OuterId);

    /// <summary>A merchant failsend: the order number, error code and message.</summary>
    internal static void Fields(Models.Sending.MerchantFailSendRequest request)
    {
        OuterId(request.OuterId);
        Guard.Identifier("sub_err_code", request.SubErrorCode, null);
        Guard.Text("sub_err_msg", request.SubErrorMessage, null);
    }

    /// <summary>A merchant check before redeeming: the order number and operator id.</summary>
    internal static void Fields(Models.Redemption.MerchantAvailableRequest request)
    {
        OuterId(request.OuterId);
        PosId("pos_id", request.PosId);
    }

    /// <summary>A merchant redemption: the order number, operator id and the new code list (present).</summary>
    internal static void Fields(Models.Redemption.MerchantConsumeRequest request)
    {
        OuterId(request.OuterId);
        PosId("pos_id", request.PosId);
        Guard.NotNull("isv_ma_list", request.NewCodes, "RTV-10");
    }

    /// <summary>A merchant reversal: the order number and operator id.</summary>
    internal static void Fields(Models.Redemption.MerchantReverseRequest request)
    {
        OuterId(request.OuterId);
        PosId("pos_id", request.PosId);
    }

    /// <summary>A validity extension: the order number, an end date the wire can express, the request id and the attributes.</summary>
    internal static void Fields(Models.Queries.MerchantDelayRequest request)
    {
        OuterId(request.OuterId);
        Guard.WireTime("end_date", request.EndDate, "RTV-11");
        Guard.WireTime("current_end_date", request.CurrentEndDate, "RTV-11");
        Guard.OptionalIdentifier("request_id", request.RequestId, null);
        if (request.Attributes is { } attributes)
        {
            foreach (var (key, value) in attributes)
            {
                Guard.Identifier("attribute_map", key, null);
                if (value is null)
                {
                    Guard.Fail($"attribute_map[{key}]", null, null, "an attribute value is null; leave the attribute out instead.");
                }

                Guard.Text($"attribute_map[{key}]", value, null);
            }
        }
    }

    /// <summary>The file name of an uploaded image.</summary>
    /// <param name="field">The wire parameter.</param>
    /// <param name="fileName">The file name.</param>
    internal static void FileName(string field, string? fileName) => Guard.FileName(field, fileName);

    // outer_id is the merchant API's order key (its idempotency and reconcile key): an id, never free text.
    private static void OuterId(string? outerId) => Guard.Identifier("outer_id", outerId, null);

    private static void PosId(string field, string? posId) => Guard.OptionalIdentifier(field, posId, null);

    // An image file name from img.upload / qrcode.upload; legacy calls join them with commas, so a comma would shift every image.
    private static void ImageFileName(string field, string? fileName)
    {
        Guard.FileName(field, fileName);
        if (fileName!.Contains(',', StringComparison.Ordinal))
        {
            Guard.Fail(field, fileName, null, "image file names are joined with ',' on the wire, so a name must not contain one.");
        }
    }

    /// <summary>A positive Taobao id.</summary>
    /// <param name="field">The wire parameter.</param>
    /// <param name="value">The id.</param>
    public static void Id(string field, long value) => Guard.Positive(field, value);

    /// <summary>A code list (<c>verify_codes</c> / <c>isv_ma_list</c>): non-empty unless allowed, valid codes, counts ≥ 1, no duplicates.</summary>
    /// <param name="field">The wire parameter.</param>
    /// <param name="codes">The codes.</param>
    /// <param name="allowEmpty">Whether the list may be empty.</param>
    public static void Codes(string field, IReadOnlyList<VoucherCodeAllotment>? codes, bool allowEmpty = false)
    {
        if (codes is null || codes.Count == 0)
        {
            if (!allowEmpty)
            {
                Guard.Fail(field, null, "RTV-10", "at least one code is required.");
            }

            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            var item = codes[i] ?? throw Guard.Fail($"{field}[{i}]", null, null, "the entry is null.");
            Code($"{field}[{i}]", item.Code);
            Units($"{field}[{i}].count", item.Count);
            if (!seen.Add(item.Code))
            {
                Guard.Fail($"{field}[{i}]", VoucherCode.Mask(item.Code), "RTV-12", "the same code appears twice.");
            }

            if (item.QrImage is { Length: 0 })
            {
                Guard.Fail($"{field}[{i}].qr_image", item.QrImage, null, "leave it null rather than empty.");
            }

            if (item.QrImage is not null)
            {
                ImageFileName($"{field}[{i}].qr_image", item.QrImage);
            }
        }
    }

    /// <summary><c>verify_codes</c> wire text: <c>code:count</c> pairs joined by commas (ASCII only).</summary>
    /// <param name="codes">Validated codes.</param>
    /// <returns>The text.</returns>
    public static string FormatVerifyCodes(IReadOnlyList<VoucherCodeAllotment> codes)
        => string.Join(',', codes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Code}:{c.Count}")));

    /// <summary>Days to extend validity (RTV-11: only forward).</summary>
    /// <param name="days">The days.</param>
    public static void ExpandDays(int days)
    {
        if (days < 1)
        {
            Guard.Fail("expand_days", days.ToString(CultureInfo.InvariantCulture), "RTV-11", "validity can only be extended, never shortened: expand_days must be ≥ 1.");
        }
    }

    /// <summary>A new end of validity (RTV-11: only forward).</summary>
    /// <param name="endDate">The new end.</param>
    /// <param name="currentEnd">The current end.</param>
    public static void EndDate(DateTimeOffset endDate, DateTimeOffset currentEnd)
    {
        if (endDate <= currentEnd)
        {
            Guard.Fail("end_date", endDate.ToString("O", CultureInfo.InvariantCulture), "RTV-11",
                $"validity can only be extended, never shortened: the current end is {currentEnd.ToString("O", CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>Page parameters of <c>tasks.get</c>.</summary>
    /// <param name="pageNo">The page.</param>
    /// <param name="pageSize">The size.</param>
    public static void Page(int pageNo, int pageSize)
    {
        Guard.Positive("page_no", pageNo);
        Guard.InRange("page_size", pageSize, 1, TaobaoVoucherWireChoices.TasksMaxPageSize);
    }

    /// <summary>
    /// A QR image: smaller than 300 KB and, when the header is PNG, GIF or JPEG, at most 400 × 400 pixels (metadata of
    /// <c>qrcode.upload</c>). Other formats are checked by size only.
    /// </summary>
    /// <param name="image">The bytes.</param>
    public static void QrImage(ReadOnlySpan<byte> image)
    {
        if (image.IsEmpty)
        {
            Guard.Fail("img_bytes", null, null, "the image is empty.");
        }

        if (image.Length >= TaobaoVoucherWireChoices.QrImageMaxBytes)
        {
            Guard.Fail("img_bytes", null, null, $"the image must be smaller than 300 KB ({TaobaoVoucherWireChoices.QrImageMaxBytes} bytes); it has {image.Length}.");
        }

        if (TryReadDimensions(image, out var width, out var height)
            && (width > TaobaoVoucherWireChoices.QrImageMaxPixels || height > TaobaoVoucherWireChoices.QrImageMaxPixels))
        {
            Guard.Fail("img_bytes", null, null, $"the image must be within 400×400 pixels; it is {width}×{height}.");
        }
    }

    /// <summary>Reads width and height from a PNG, GIF or baseline/progressive JPEG header.</summary>
    /// <param name="image">The bytes.</param>
    /// <param name="width">The width.</param>
    /// <param name="height">The height.</param>
    /// <returns><see langword="true"/> when the format was recognised.</returns>
    public static bool TryReadDimensions(ReadOnlySpan<byte> image, out int width, out int height)
    {
        width = height = 0;
        if (image.Length >= 24 && image[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            width = (int)BinaryPrimitives.ReadUInt32BigEndian(image[16..]);
            height = (int)BinaryPrimitives.ReadUInt32BigEndian(image[20..]);
            return true;
        }

        if (image.Length >= 10 && image[0] == (byte)'G' && image[1] == (byte)'I' && image[2] == (byte)'F')
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(image[6..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(image[8..]);
            return true;
        }

        if (image.Length >= 4 && image[0] == 0xFF && image[1] == 0xD8)
        {
            var i = 2;
            while (i + 9 < image.Length && image[i] == 0xFF)
            {
                var marker = image[i + 1];
                var length = BinaryPrimitives.ReadUInt16BigEndian(image[(i + 2)..]);
                // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
                if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                {
                    height = BinaryPrimitives.ReadUInt16BigEndian(image[(i + 5)..]);
                    width = BinaryPrimitives.ReadUInt16BigEndian(image[(i + 7)..]);
                    return true;
                }

                i += 2 + length;
            }
        }

        return false;
    }

    /// <summary><c>tasks.get</c>'s type: 1 (notify failed) or 2 (callback failed).</summary>
    internal static void TaskType(Models.Queries.VoucherTaskType type)
    {
        if (!Enum.IsDefined(type))
        {
            Guard.Fail("type", ((int)type).ToString(CultureInfo.InvariantCulture), null, "type is 1 (notify failed) or 2 (callback failed).");
        }
    }

    /// <summary><c>resend.notify</c>'s method: <c>send</c> or <c>resend</c>, never a value the enum does not define.</summary>
    internal static void NotifyMethod(Models.Sending.VoucherNotifyMethod method)
    {
        if (!Enum.IsDefined(method))
        {
            Guard.Fail("notify_method", ((int)method).ToString(CultureInfo.InvariantCulture), null,
                $"notify_method is {string.Join(" or ", Enum.GetNames<Models.Sending.VoucherNotifyMethod>())}.");
        }
    }

    /// <summary><c>qrcode.upload</c> is for code merchants only (RTV-06): returns the configured <c>code_merchant_id</c>.</summary>
    internal static long CodeMerchantForQrUpload(long? codeMerchantId)
        => codeMerchantId ?? throw Guard.Fail("code_merchant_id", null, "RTV-06", "qrcode.upload needs TaobaoVoucherOptions.CodeMerchantId (code merchants only).");

    /// <summary><c>ma.delay</c> needs a <c>biz_type</c> from the request or the options: returns it.</summary>
    internal static int BizTypeForDelay(int? bizType)
        => bizType ?? throw Guard.Fail("biz_type", null, null, "ma.delay requires biz_type: set it on the request or TaobaoVoucherOptions.BizType.");
}
