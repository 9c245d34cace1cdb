using PlatformSdk.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.Abstractions.Tests;

public class ExceptionTests
{
    [Fact]
    [Rule("RJST-20")]
    public void RJST20_validation_exception_names_field_value_and_rule()
    {
        var ex = new PlatformValidationException("Jushuitan", "items[2].amount", "-1.00", "RJST-20", "the amount must not be negative.");

        Assert.Contains("items[2].amount", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'-1.00'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RJST-20", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the amount must not be negative.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.Validation, ex.Category);
        Assert.Equal("client-validation", ex.ErrorCode);
        Assert.Equal("RJST-20", ex.RuleId);
        Assert.Equal("Jushuitan", ex.Platform);
        Assert.Equal("items[2].amount", ex.Field);
        Assert.Equal("-1.00", ex.Value);
        Assert.Contains("items[2].amount", ex.Remedy, StringComparison.Ordinal);
        Assert.Contains("not sent", ex.Remedy, StringComparison.Ordinal);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.IsAssignableFrom<PlatformException>(ex);
    }

    [Fact]
    [Rule("RJST-01")]
    public void RJST01_validation_exception_with_null_value_never_echoes_it()
    {
        var ex = new PlatformValidationException("Jushuitan", "partnerkey", null, "RJST-01", "leading or trailing whitespace is not allowed.");

        Assert.Contains("(not shown)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("partnerkey", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Value);
    }

    [Fact]
    public void Validation_exception_without_rule_omits_the_rule_and_truncates_long_values()
    {
        var ex = new PlatformValidationException("Taobao", "sub_tids", new string('1', 600), null, "too long.");

        Assert.DoesNotContain("(rule", ex.Message, StringComparison.Ordinal);
        Assert.Contains(new string('1', 200) + "…", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('1', 201), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RLOG-11")]
    public void PlatformException_exposes_the_error_and_builds_its_message_from_it()
    {
        var inner = new IOException("reset");
        var error = new PlatformError("Taobao", "isv.logistics-offline-service-error", "拆单校验未通过#P38", ErrorCategory.AlreadyDone, "Check order status.")
        {
            SubCode = "P38",
            RuleId = "RLOG-11",
        };

        var ex = new PlatformException(error, inner) { MayHaveBeenProcessed = true };

        Assert.Same(error, ex.Error);
        Assert.Same(inner, ex.InnerException);
        Assert.Equal("Taobao", ex.Platform);
        Assert.Equal(ErrorCategory.AlreadyDone, ex.Category);
        Assert.Equal("isv.logistics-offline-service-error", ex.ErrorCode);
        Assert.Equal("Check order status.", ex.Remedy);
        Assert.Equal("RLOG-11", ex.RuleId);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal("Taobao error isv.logistics-offline-service-error/P38 (AlreadyDone) [RLOG-11]: 拆单校验未通过#P38 Remedy: Check order status.", ex.Message);
    }

    [Fact]
    public void PlatformException_requires_an_error()
        => Assert.Throws<ArgumentNullException>(() => new PlatformException(null!));

    [Fact]
    [Rule("RJST-14")]
    public void ValidationGuard_Required_rejects_blank_values()
    {
        var guard = new ValidationGuard("Jushuitan");

        var ex = Assert.Throws<PlatformValidationException>(() => guard.Required("shop_id", "  ", "RJST-14"));
        Assert.Equal("shop_id", ex.Field);
        Assert.Equal("RJST-14", ex.RuleId);
        Assert.Equal("Jushuitan", ex.Platform);
        guard.Required("shop_id", "10086");
    }

    [Fact]
    [Rule("RLOG-10")]
    public void RLOG10_ValidationGuard_MaxLength_names_the_limit_and_the_length()
    {
        var guard = new ValidationGuard("Taobao");

        var ex = Assert.Throws<PlatformValidationException>(() => guard.MaxLength("sub_tid", new string('9', 501), 500, "RLOG-10"));
        Assert.Contains("at most 500", ex.Message, StringComparison.Ordinal);
        Assert.Contains("got 501", ex.Message, StringComparison.Ordinal);
        guard.MaxLength("sub_tid", new string('9', 500), 500);
        guard.MaxLength("sub_tid", null, 500);
    }

    [Theory]
    [Rule("RJST-20")]
    [InlineData("-0.01", "must not be negative")]
    [InlineData("1.234", "at most two decimal places")]
    public void RJST20_ValidationGuard_NonNegativeFen_rejects_negative_and_sub_fen_amounts(string amount, string problem)
    {
        var guard = new ValidationGuard("Jushuitan");

        var ex = Assert.Throws<PlatformValidationException>(() => guard.NonNegativeFen("pay_amount", decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "RJST-20"));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Equal(amount, ex.Value);
    }

    [Fact]
    public void ValidationGuard_Positive_and_InRange()
    {
        var guard = new ValidationGuard("Jushuitan");

        Assert.Throws<PlatformValidationException>(() => guard.Positive("qty", 0));
        guard.Positive("qty", 1);
        var ex = Assert.Throws<PlatformValidationException>(() => guard.InRange("page_size", 51, 1, 50));
        Assert.Contains("between 1 and 50", ex.Message, StringComparison.Ordinal);
        guard.InRange("page_size", 50, 1, 50);
        guard.NonNegativeFen("freight", 0m);
    }
}
