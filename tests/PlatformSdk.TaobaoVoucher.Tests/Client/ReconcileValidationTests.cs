using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Models.Redemption;
using PlatformSdk.Testing;

namespace PlatformSdk.TaobaoVoucher.Tests.Client;

/// <summary>Reconcile helpers validate before they act: a request that could never have been redeemed is refused, nothing is sent.</summary>
public class ReconcileValidationTests
{
    [Theory]
    [Rule("RTV-12")]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task RTV12_reconciling_a_consume_of_no_units_is_refused_before_anything_is_sent(int units)
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":1,"left_num":1}"""));
        using var host = new VoucherHost(stub);
        var request = new LegacyConsumeRequest { OrderId = 5, VerifyCode = "12345678", ConsumeNum = units, Token = "notice-token-1" };

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => host.Client.Legacy.ReconcileConsumeAsync(request, leftBeforeConsume: 1));

        Assert.Equal("consume_num", ex.Field);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task A_null_image_list_is_a_validation_error_not_a_null_reference()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":1}"""));
        using var host = new VoucherHost(stub);
        var request = new LegacyConsumeRequest { OrderId = 5, VerifyCode = "12345678", ConsumeNum = 1, Token = "notice-token-1", QrImages = null! };

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => host.Client.Legacy.ConsumeAsync(request));

        Assert.Equal("qr_images", ex.Field);
        Assert.Empty(stub.Requests);
    }
}
