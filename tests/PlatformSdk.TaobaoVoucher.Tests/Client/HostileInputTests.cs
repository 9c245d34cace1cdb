using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Models;
using PlatformSdk.TaobaoVoucher.Models.Queries;
using PlatformSdk.TaobaoVoucher.Models.Redemption;
using PlatformSdk.TaobaoVoucher.Models.Sending;
using PlatformSdk.Testing;

namespace PlatformSdk.TaobaoVoucher.Tests.Client;

/// <summary>
/// Hostile values fed into every public e-voucher call through a real client against a loopback TOP router: each is refused
/// with a <see cref="PlatformValidationException"/> naming the field, and the router sees no request at all (reconcile helpers
/// included).
/// </summary>
public sealed class HostileInputTests
{
    private const string Token = "notice-token-1";
    private static readonly string Huge = new('9', 10_000);
    private static readonly byte[] Image = [1, 2, 3];
    private static readonly DateTimeOffset End = new(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly VoucherCodeAllotment Code = new("12345678", 1);

    private static readonly Dictionary<string, (string Field, Func<TaobaoVoucherClient, Task> Call)> Ids = new()
    {
        ["outer_id with NUL"] = ("outer_id", c => c.Merchant.AvailableAsync(new MerchantAvailableRequest { Code = "12345678", ConsumeNum = 1, OuterId = "O\u00001", Token = Token })),
        ["outer_id of 10,000 characters"] = ("outer_id", c => c.Merchant.ConsumeAsync(new MerchantConsumeRequest { Code = "12345678", ConsumeNum = 1, OuterId = Huge, Token = Token })),
        ["outer_id with a line separator"] = ("outer_id", c => c.Merchant.SendAsync(new MerchantSendCodesRequest { OuterId = "O\u20281", Token = Token, Codes = [Code] })),
        ["outer_id with a lone surrogate"] = ("outer_id", c => c.Merchant.ResendAsync(new MerchantSendCodesRequest { OuterId = "O\uD800", Token = Token, Codes = [Code] })),
        ["failsend outer_id with a newline"] = ("outer_id", c => c.Merchant.FailSendAsync(new MerchantFailSendRequest { OuterId = "O\n", SubErrorCode = "E1", SubErrorMessage = "m", Token = Token })),
        ["delay outer_id with ESC"] = ("outer_id", c => c.Merchant.DelayAsync(new MerchantDelayRequest { OuterId = "O\u001b", EndDate = End.AddDays(1), CurrentEndDate = End })),
        ["sub_err_code with NUL"] = ("sub_err_code", c => c.Merchant.FailSendAsync(new MerchantFailSendRequest { OuterId = "O1", SubErrorCode = "E\u0000", SubErrorMessage = "m", Token = Token })),
        ["merchant pos_id with a newline"] = ("pos_id", c => c.Merchant.ReverseAsync(new MerchantReverseRequest { Code = "12345678", OuterId = "O1", ReverseNum = 1, SerialNum = "S1", Token = Token, PosId = "p\n" })),
        ["legacy posid with DEL"] = ("posid", c => c.Legacy.BeforeConsumeAsync(new LegacyBeforeConsumeRequest { OrderId = 5, VerifyCode = "12345678", Token = Token, PosId = "p\u007f" })),
        ["legacy reverse posid of 10,000 characters"] = ("posid", c => c.Legacy.ReverseAsync(new LegacyReverseRequest { OrderId = 5, ReverseCode = "12345678", ReverseNum = 1, ConsumeSerialNum = "S1", Token = Token, PosId = Huge })),
        ["serial_num with NUL"] = ("serial_num", c => c.Merchant.ConsumeAsync(new MerchantConsumeRequest { Code = "12345678", ConsumeNum = 1, OuterId = "O1", Token = Token, SerialNum = "S\u00001" })),
        ["token with NUL"] = ("token", c => c.Legacy.FailSendAsync(new LegacyFailSendRequest { OrderId = 5, ErrorCode = 1, Token = "tok\u0000en" })),
        ["token of 10,000 characters"] = ("token", c => c.Legacy.SendAsync(new LegacySendCodesRequest { OrderId = 5, Token = Huge, Codes = [Code] })),
        ["seller with NUL"] = ("seller", c => c.Legacy.ExpandTimeAsync(new LegacyTimeExpandRequest { OrderId = 5, ExpandDays = 1, Seller = "shop\u0000a" })),
        ["seller of 10,000 characters"] = ("seller", c => c.Legacy.GetCodesAsync(5, Huge)),
        ["qr image name with a comma"] = ("qr_images[0]", c => c.Legacy.ConsumeAsync(new LegacyConsumeRequest { OrderId = 5, VerifyCode = "12345678", ConsumeNum = 1, Token = Token, QrImages = ["a.png,b.png"] })),
        ["code qr image with a newline"] = ("verify_codes[0].qr_image", c => c.Legacy.SendAsync(new LegacySendCodesRequest { OrderId = 5, Token = Token, Codes = [Code with { QrImage = "a\n.png" }] })),
        ["new code qr image with a path"] = ("isv_ma_list[0].qr_image", c => c.Merchant.ConsumeAsync(new MerchantConsumeRequest { Code = "12345678", ConsumeNum = 1, OuterId = "O1", Token = Token, NewCodes = [new("87654321", 1, "../a.png")] })),
        ["qr upload file name with a path"] = ("file_name", c => c.Legacy.UploadQrCodeAsync(Image, "../qr.png", null)),
        ["image upload file name with CR LF"] = ("file_name", c => c.Merchant.UploadImageAsync(Image, "qr.png\r\nX-Injected: 1", null)),
        ["image upload file name of 10,000 characters"] = ("file_name", c => c.Merchant.UploadImageAsync(Image, Huge, null)),
        ["delay request_id with NUL"] = ("request_id", c => c.Merchant.DelayAsync(new MerchantDelayRequest { OuterId = "O1", EndDate = End.AddDays(1), CurrentEndDate = End, RequestId = "r\u0000" })),
        ["delay attribute key with a newline"] = ("attribute_map", c => c.Merchant.DelayAsync(new MerchantDelayRequest { OuterId = "O1", EndDate = End.AddDays(1), CurrentEndDate = End, Attributes = new Dictionary<string, string> { ["k\n"] = "v" } })),
        ["code with a control character"] = ("verify_code", c => c.Legacy.ConsumeAsync(new LegacyConsumeRequest { OrderId = 5, VerifyCode = "1234\u00005678", ConsumeNum = 1, Token = Token })),
    };

    private static readonly Dictionary<string, (string Field, Func<TaobaoVoucherClient, Task> Call)> Dates = new()
    {
        ["end_date MaxValue"] = ("end_date", c => c.Merchant.DelayAsync(new MerchantDelayRequest { OuterId = "O1", EndDate = DateTimeOffset.MaxValue, CurrentEndDate = End })),
        ["end_date MinValue"] = ("end_date", c => c.Merchant.DelayAsync(new MerchantDelayRequest { OuterId = "O1", EndDate = DateTimeOffset.MinValue, CurrentEndDate = End })),
        ["current end date MinValue"] = ("current_end_date", c => c.Merchant.DelayAsync(new MerchantDelayRequest { OuterId = "O1", EndDate = End, CurrentEndDate = DateTimeOffset.MinValue })),
    };

    private static readonly Dictionary<string, (string Field, Func<TaobaoVoucherClient, Task> Call)> Numbers = new()
    {
        ["consume_num int.MinValue"] = ("consume_num", c => c.Legacy.ConsumeAsync(new LegacyConsumeRequest { OrderId = 5, VerifyCode = "12345678", ConsumeNum = int.MinValue, Token = Token })),
        ["order_id negative"] = ("order_id", c => c.Legacy.ManageNotifyAsync(long.MinValue, VoucherNotifyMethod.Send, null)),
        ["reverse_num zero"] = ("reverse_num", c => c.Merchant.ReverseAsync(new MerchantReverseRequest { Code = "12345678", OuterId = "O1", ReverseNum = 0, SerialNum = "S1", Token = Token })),
        ["code count int.MinValue"] = ("isv_ma_list[0].count", c => c.Merchant.SendAsync(new MerchantSendCodesRequest { OuterId = "O1", Token = Token, Codes = [Code with { Count = int.MinValue }] })),
        ["expand_days int.MinValue"] = ("expand_days", c => c.Legacy.ExpandTimeAsync(new LegacyTimeExpandRequest { OrderId = 5, ExpandDays = int.MinValue })),
        ["tasks seller_id negative"] = ("seller_id", c => c.Legacy.GetTasksAsync(new LegacyTasksRequest { Type = VoucherTaskType.NotifyFailed, SellerId = -1 })),
        ["tasks page_size int.MaxValue"] = ("page_size", c => c.Legacy.GetTasksAsync(new LegacyTasksRequest { Type = VoucherTaskType.NotifyFailed, PageSize = int.MaxValue })),
        ["reconcile left count int.MinValue"] = ("leftBeforeConsume", c => c.Legacy.ReconcileConsumeAsync(new LegacyConsumeRequest { OrderId = 5, VerifyCode = "12345678", ConsumeNum = 1, Token = Token }, int.MinValue)),
    };

    private static readonly Dictionary<string, (string Field, Func<TaobaoVoucherClient, Task> Call)> Nulls = new()
    {
        ["null QrImages"] = ("qr_images", c => c.Legacy.ConsumeAsync(new LegacyConsumeRequest { OrderId = 5, VerifyCode = "12345678", ConsumeNum = 1, Token = Token, QrImages = null! })),
        ["null QrImages when reconciling"] = ("qr_images", c => c.Legacy.ReconcileConsumeAsync(new LegacyConsumeRequest { OrderId = 5, VerifyCode = "12345678", ConsumeNum = 1, Token = Token, QrImages = null! }, 1)),
        ["null QrImages element when reconciling"] = ("qr_images[0]", c => c.Legacy.ReconcileConsumeAsync(new LegacyConsumeRequest { OrderId = 5, VerifyCode = "12345678", ConsumeNum = 1, Token = Token, QrImages = [null!] }, 1)),
        ["null VerifyCodes"] = ("verify_codes", c => c.Legacy.ReverseAsync(new LegacyReverseRequest { OrderId = 5, ReverseCode = "12345678", ReverseNum = 1, ConsumeSerialNum = "S1", Token = Token, VerifyCodes = null! })),
        ["null VerifyCodes element"] = ("verify_codes[0]", c => c.Legacy.ReverseAsync(new LegacyReverseRequest { OrderId = 5, ReverseCode = "12345678", ReverseNum = 1, ConsumeSerialNum = "S1", Token = Token, VerifyCodes = [null!] })),
        ["null NewCodes"] = ("isv_ma_list", c => c.Merchant.ConsumeAsync(new MerchantConsumeRequest { Code = "12345678", ConsumeNum = 1, OuterId = "O1", Token = Token, NewCodes = null! })),
        ["null send codes"] = ("verify_codes", c => c.Legacy.SendAsync(new LegacySendCodesRequest { OrderId = 5, Token = Token, Codes = null! })),
        ["null merchant send code"] = ("isv_ma_list[0]", c => c.Merchant.SendAsync(new MerchantSendCodesRequest { OuterId = "O1", Token = Token, Codes = [null!] })),
        ["null delay attribute value"] = ("attribute_map[k]", c => c.Merchant.DelayAsync(new MerchantDelayRequest { OuterId = "O1", EndDate = End.AddDays(1), CurrentEndDate = End, Attributes = new Dictionary<string, string> { ["k"] = null! } })),
    };

    private static readonly Dictionary<string, (string Field, Func<TaobaoVoucherClient, Task> Call)> Texts = new()
    {
        ["error_msg with NUL"] = ("error_msg", c => c.Legacy.FailSendAsync(new LegacyFailSendRequest { OrderId = 5, ErrorCode = 1, ErrorMessage = "x\u0000", Token = Token })),
        ["sub_err_msg of 10,000 characters"] = ("sub_err_msg", c => c.Merchant.FailSendAsync(new MerchantFailSendRequest { OuterId = "O1", SubErrorCode = "E1", SubErrorMessage = Huge, Token = Token })),
        ["delay attribute value with a lone surrogate"] = ("attribute_map[k]", c => c.Merchant.DelayAsync(new MerchantDelayRequest { OuterId = "O1", EndDate = End.AddDays(1), CurrentEndDate = End, Attributes = new Dictionary<string, string> { ["k"] = "v\uDC00" } })),
    };

    public static TheoryData<string> IdCases => Names(Ids);

    public static TheoryData<string> DateCases => Names(Dates);

    public static TheoryData<string> NumberCases => Names(Numbers);

    public static TheoryData<string> NullCases => Names(Nulls);

    public static TheoryData<string> TextCases => Names(Texts);

    [Theory]
    [MemberData(nameof(IdCases))]
    public Task A_control_character_or_an_overlong_id_key_or_file_name_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Ids[name]);

    [Theory]
    [MemberData(nameof(DateCases))]
    public Task A_date_the_wire_format_cannot_express_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Dates[name]);

    [Theory]
    [MemberData(nameof(NumberCases))]
    public Task An_out_of_range_count_or_id_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Numbers[name]);

    [Theory]
    [MemberData(nameof(NullCases))]
    public Task A_null_list_or_list_element_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Nulls[name]);

    [Theory]
    [MemberData(nameof(TextCases))]
    public Task A_control_character_or_an_overlong_value_in_free_text_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Texts[name]);

    private static async Task RefusedBeforeTheNetwork((string Field, Func<TaobaoVoucherClient, Task> Call) hostile)
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":1,"left_num":1}"""));
        using var host = new VoucherHost(stub);

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => hostile.Call(host.Client));

        Assert.Equal(hostile.Field, ex.Field);
        Assert.Equal(ErrorCategory.Validation, ex.Category);
        Assert.Empty(stub.Requests);
        // The message shows the value escaped and cut: no raw control character, no 10,000-character line, never the token.
        Assert.DoesNotContain(ex.Message, c => char.IsControl(c) || char.IsSurrogate(c));
        Assert.True(ex.Message.Length < 1_000, ex.Message);
        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
    }

    private static TheoryData<string> Names<T>(Dictionary<string, T> cases)
    {
        var data = new TheoryData<string>();
        foreach (var name in cases.Keys)
        {
            data.Add(name);
        }

        return data;
    }
}
