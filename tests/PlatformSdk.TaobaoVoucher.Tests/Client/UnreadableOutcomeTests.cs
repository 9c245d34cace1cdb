using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Models.Redemption;
using PlatformSdk.Testing;

namespace PlatformSdk.TaobaoVoucher.Tests.Client;

/// <summary>
/// A write reply without a readable outcome is an unknown outcome, never a success: a redemption answered with the success
/// wrapper but no usable <c>ret_code</c> may have been carried out and is reported with MayHaveBeenProcessed, in both families.
/// </summary>
public class UnreadableOutcomeTests
{
    private const string Token = "notice-token-1";

    public static TheoryData<string> UnreadableRetCodes() => new()
    {
        """{"left_num":1}""",
        """{"ret_code":null,"left_num":1}""",
        """{"ret_code":{"value":1}}""",
        """{"ret_code":[1]}""",
        """{"ret_code":""}""",
        """{"ret_code":"yes"}""",
        """{"ret_code":true}""",
    };

    [Theory]
    [MemberData(nameof(UnreadableRetCodes))]
    public async Task A_legacy_consume_without_a_readable_ret_code_may_have_happened(string inner)
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success(inner));
        using var host = new VoucherHost(stub);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => host.Client.Legacy.ConsumeAsync(
            new LegacyConsumeRequest { OrderId = 5, VerifyCode = "12345678", ConsumeNum = 1, Token = Token }, CancellationToken.None));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(PlatformErrorCodes.MalformedResponse, ex.ErrorCode);
        Assert.Equal(TaobaoVoucherClient.Platform, ex.Platform);
        Assert.Contains("ReconcileConsumeAsync", ex.Remedy, StringComparison.Ordinal);
        Assert.Single(stub.Forms()); // never resent
    }

    // In the merchant family ret_code is text, so "yes" is a definite failure and true is one of its success values.
    public static TheoryData<string> UnreadableMerchantRetCodes() => new()
    {
        """{"ret_msg":"ok"}""",
        """{"ret_code":null}""",
        """{"ret_code":{"value":"SUCCESS"}}""",
        """{"ret_code":["SUCCESS"]}""",
        """{"ret_code":""}""",
    };

    [Theory]
    [MemberData(nameof(UnreadableMerchantRetCodes))]
    public async Task A_merchant_consume_without_a_readable_ret_code_may_have_happened(string inner)
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success(inner));
        using var host = new VoucherHost(stub);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => host.Client.Merchant.ConsumeAsync(
            new MerchantConsumeRequest { Code = "1234567", ConsumeNum = 1, OuterId = "o", Token = Token }, CancellationToken.None));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(stub.Forms());
    }
}
