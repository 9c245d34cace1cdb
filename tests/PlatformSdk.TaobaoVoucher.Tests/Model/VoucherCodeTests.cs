using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Model;

namespace PlatformSdk.TaobaoVoucher.Tests.Model;

public class VoucherCodeTests
{
    [Theory]
    [Rule("RTV-12")]
    [InlineData("123456")]
    [InlineData("12345678901")]
    [InlineData("000000")]
    [InlineData("98765432")]
    public void RTV12_codes_of_6_to_11_digits_are_accepted(string code)
    {
        Assert.True(VoucherCode.IsValidFormat(code));
        Assert.Equal(code, VoucherCode.Parse(code).Value);
    }

    [Theory]
    [Rule("RTV-12")]
    [InlineData("12345")]
    [InlineData("123456789012")]
    [InlineData("12345a")]
    [InlineData("ABCDEFG")]
    [InlineData("123 456")]
    [InlineData("123-456")]
    [InlineData("١٢٣٤٥٦")]
    [InlineData("１２３４５６")]
    [InlineData("")]
    public void RTV12_codes_that_are_not_6_to_11_ascii_digits_are_rejected(string code)
    {
        Assert.False(VoucherCode.IsValidFormat(code));
        Assert.False(VoucherCode.TryParse(code, out _));
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherCode.Parse(code));
        Assert.Equal("RTV-12", ex.RuleId);
        Assert.Equal("code", ex.Field);
    }

    [Fact]
    [Rule("RTV-12")]
    public void RTV12_a_missing_code_is_rejected()
        => Assert.Equal("RTV-12", Assert.Throws<PlatformValidationException>(() => VoucherCode.Parse(null)).RuleId);

    [Fact]
    [Rule("RTV-12")]
    public void RTV12_redeem_rejects_a_malformed_code_before_comparing()
    {
        var order = Voucher.Sent(Voucher.Clock());
        Assert.Equal("RTV-12", Assert.Throws<PlatformValidationException>(() => order.Redeem("10000", 1, Voucher.LastFour, Voucher.Account)).RuleId);
        Assert.Equal("RTV-12", Assert.Throws<PlatformValidationException>(() => Voucher.Created(Voucher.Clock()).Send("12345")).RuleId);
    }

    [Fact]
    public void Codes_are_masked_in_ToString_and_exceptions()
    {
        Assert.Equal("*******8901", VoucherCode.Parse("12345678901").ToString());
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherCode.Parse("1234567890123"));
        Assert.DoesNotContain("1234567890123", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Rule("RTV-12")]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(11)]
    public void RTV12_the_random_generator_makes_valid_codes_of_its_length(int length)
    {
        var generator = new RandomVoucherCodeGenerator(length);
        var codes = Enumerable.Range(0, 200).Select(_ => generator.NewCode("1").Value).ToList();
        Assert.All(codes, c => Assert.Equal(length, c.Length));
        Assert.All(codes, c => Assert.True(VoucherCode.IsValidFormat(c)));
        Assert.All(codes, c => Assert.NotEqual('0', c[0]));
        Assert.True(codes.Distinct().Count() > 150);
    }

    [Theory]
    [Rule("RTV-12")]
    [InlineData(5)]
    [InlineData(12)]
    public void RTV12_the_random_generator_refuses_lengths_outside_6_to_11(int length)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new RandomVoucherCodeGenerator(length));

    [Fact]
    [Rule("RTV-12")]
    public void RTV12_the_default_generator_is_used_when_none_is_given()
    {
        var order = VoucherOrder.Create(Voucher.Terms(), Voucher.Clock()).Send().RedeemLive(1);
        Assert.Equal(11, order.LiveCode!.Value.Value.Length);
        Assert.Equal(2, order.Codes.Select(c => c.Code).Distinct().Count());
    }

    [Theory]
    [Rule("RTV-09")]
    [InlineData("13812345678", "5678")]
    [InlineData("+85291234567", "4567")]
    [InlineData("1234567", "4567")]
    public void RTV09_mobile_numbers_are_accepted_and_expose_their_last_four_digits(string number, string lastFour)
    {
        var mobile = VoucherMobileNumber.Parse(number);
        Assert.Equal(lastFour, mobile.LastFour);
        Assert.True(mobile.MatchesLastFour(lastFour));
        Assert.False(mobile.MatchesLastFour("0000"));
        Assert.DoesNotContain(number[..^4], mobile.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [Rule("RTV-09")]
    [InlineData("123456")]
    [InlineData("1234567890123456")]
    [InlineData("138-1234-5678")]
    [InlineData("138 1234 5678")]
    [InlineData("")]
    [InlineData(null)]
    public void RTV09_invalid_mobile_numbers_are_rejected_without_echoing_them(string? number)
    {
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherMobileNumber.Parse(number));
        Assert.Equal("RTV-09", ex.RuleId);
        Assert.Null(ex.Value);
    }
}
