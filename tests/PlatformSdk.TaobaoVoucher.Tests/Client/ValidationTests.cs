using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Models.Queries;
using PlatformSdk.TaobaoVoucher.Models.Redemption;
using PlatformSdk.TaobaoVoucher.Models.Sending;
using PlatformSdk.TaobaoVoucher.Validation;
using PlatformSdk.Testing;

namespace PlatformSdk.TaobaoVoucher.Tests.Client;

public sealed class ValidationTests
{
    private const string Token = "notice-token";

    private static async Task<PlatformValidationException> RefusedAsync(Func<TaobaoVoucherClient, Task> call)
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":1}"""));
        using var host = new VoucherHost(stub);
        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => call(host.Client));
        Assert.Empty(stub.Forms());
        return ex;
    }

    [Theory]
    [Rule("RTV-12")]
    [InlineData("12345")]
    [InlineData("123456789012")]
    [InlineData("12345a7")]
    [InlineData("１２３４５６７")]
    [InlineData("")]
    public async Task RTV12_codes_must_be_6_to_11_ascii_digits(string code)
    {
        var ex = await RefusedAsync(c => c.Legacy.ConsumeAsync(new LegacyConsumeRequest { OrderId = 1, VerifyCode = code, ConsumeNum = 1, Token = Token }, CancellationToken.None));
        Assert.Equal("verify_code", ex.Field);
        Assert.Equal("RTV-12", ex.Error.RuleId);
    }

    [Fact]
    [Rule("RTV-12")]
    public async Task RTV12_consume_num_must_be_at_least_one()
    {
        var ex = await RefusedAsync(c => c.Merchant.ConsumeAsync(new MerchantConsumeRequest { Code = "1234567", ConsumeNum = 0, OuterId = "o", Token = Token }, CancellationToken.None));
        Assert.Equal("consume_num", ex.Field);
    }

    [Theory]
    [Rule("RTV-12")]
    [InlineData("123")]
    [InlineData("12a4")]
    [InlineData("13812345678")]
    public async Task RTV12_mobile_is_exactly_the_last_four_digits(string mobile)
    {
        var ex = await RefusedAsync(c => c.Legacy.ConsumeAsync(new LegacyConsumeRequest { OrderId = 1, VerifyCode = "1234567", ConsumeNum = 1, Token = Token, MobileLastFour = mobile }, CancellationToken.None));
        Assert.Equal("mobile", ex.Field);
    }

    [Theory]
    [InlineData("serial-with-dash")]
    [InlineData("流水1")]
    [InlineData("")]
    public async Task Serial_num_is_ascii_letters_digits_underscore(string serial)
    {
        var ex = await RefusedAsync(c => c.Legacy.ConsumeAsync(new LegacyConsumeRequest { OrderId = 1, VerifyCode = "1234567", ConsumeNum = 1, Token = Token, SerialNum = serial }, CancellationToken.None));
        Assert.Equal("serial_num", ex.Field);
    }

    [Fact]
    public async Task Serial_num_is_at_most_100_characters()
    {
        var ex = await RefusedAsync(c => c.Merchant.ConsumeAsync(new MerchantConsumeRequest { Code = "1234567", ConsumeNum = 1, OuterId = "o", Token = Token, SerialNum = new string('a', 101) }, CancellationToken.None));
        Assert.Equal("serial_num", ex.Field);
    }

    [Fact]
    public async Task Token_of_the_send_notice_is_required_and_never_echoed()
    {
        var ex = await RefusedAsync(c => c.Legacy.SendAsync(new LegacySendCodesRequest { OrderId = 1, Token = " ", Codes = [new("1234567", 1)] }, CancellationToken.None));
        Assert.Equal("token", ex.Field);
        Assert.Null(ex.Value);
    }

    [Fact]
    [Rule("RTV-10")]
    public async Task RTV10_verify_codes_need_at_least_one_code_and_no_duplicates()
    {
        var empty = await RefusedAsync(c => c.Legacy.SendAsync(new LegacySendCodesRequest { OrderId = 1, Token = Token, Codes = [] }, CancellationToken.None));
        Assert.Equal("verify_codes", empty.Field);
        var dup = await RefusedAsync(c => c.Legacy.SendAsync(new LegacySendCodesRequest { OrderId = 1, Token = Token, Codes = [new("1234567", 1), new("1234567", 2)] }, CancellationToken.None));
        Assert.Equal("verify_codes[1]", dup.Field);
        var zero = await RefusedAsync(c => c.Merchant.SendAsync(new MerchantSendCodesRequest { OuterId = "o", Token = Token, Codes = [new("1234567", 0)] }, CancellationToken.None));
        Assert.Equal("isv_ma_list[0].count", zero.Field);
    }

    [Fact]
    public async Task Reverse_num_must_be_positive()
    {
        var ex = await RefusedAsync(c => c.Legacy.ReverseAsync(new LegacyReverseRequest { OrderId = 1, ReverseCode = "1234567", ReverseNum = 0, ConsumeSerialNum = "s1", Token = Token }, CancellationToken.None));
        Assert.Equal("reverse_num", ex.Field);
    }

    [Fact]
    [Rule("RTV-11")]
    public async Task RTV11_expand_days_only_forward()
    {
        var ex = await RefusedAsync(c => c.Legacy.ExpandTimeAsync(new LegacyTimeExpandRequest { OrderId = 1, ExpandDays = -3 }, CancellationToken.None));
        Assert.Equal(("expand_days", "RTV-11"), (ex.Field, ex.Error.RuleId));
    }

    [Fact]
    [Rule("RTV-11")]
    public async Task RTV11_delay_end_date_must_be_after_the_current_end()
    {
        var end = new DateTimeOffset(2024, 6, 30, 0, 0, 0, TimeSpan.FromHours(8));
        var ex = await RefusedAsync(c => c.Merchant.DelayAsync(new MerchantDelayRequest { OuterId = "o", EndDate = end, CurrentEndDate = end }, CancellationToken.None));
        Assert.Equal(("end_date", "RTV-11"), (ex.Field, ex.Error.RuleId));
    }

    [Fact]
    public async Task Code_merchant_beforeconsume_requires_posid()
    {
        var ex = await RefusedAsync(c => c.Legacy.BeforeConsumeAsync(new LegacyBeforeConsumeRequest { OrderId = 1, VerifyCode = "1234567", Token = Token }, CancellationToken.None));
        Assert.Equal("posid", ex.Field);
    }

    [Fact]
    public async Task Tasks_page_size_is_1_to_100()
    {
        var ex = await RefusedAsync(c => c.Legacy.GetTasksAsync(new LegacyTasksRequest { Type = VoucherTaskType.NotifyFailed, PageSize = 101 }, CancellationToken.None));
        Assert.Equal("page_size", ex.Field);
    }

    [Fact]
    public async Task Qr_image_must_be_smaller_than_300KB()
    {
        var ex = await RefusedAsync(c => c.Merchant.UploadImageAsync(new byte[300 * 1024], "qr.png", null, CancellationToken.None));
        Assert.Equal("img_bytes", ex.Field);
    }

    [Theory]
    [InlineData(401, 10, false)]
    [InlineData(400, 400, true)]
    public void Qr_png_must_be_within_400x400(int width, int height, bool ok)
    {
        var png = new byte[64];
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(png, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), (uint)width);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), (uint)height);
        if (ok)
        {
            VoucherRequestValidator.QrImage(png);
        }
        else
        {
            Assert.Equal("img_bytes", Assert.Throws<PlatformValidationException>(() => VoucherRequestValidator.QrImage(png)).Field);
        }
    }

    [Fact]
    public void Qr_jpeg_dimensions_are_read_from_the_SOF_marker()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xF4, 0x01, 0x2C, 0x03, 0, 0, 0];
        Assert.True(VoucherRequestValidator.TryReadDimensions(jpeg, out var w, out var h));
        Assert.Equal((300, 500), (w, h));
        Assert.Throws<PlatformValidationException>(() => VoucherRequestValidator.QrImage(jpeg));
    }
}
