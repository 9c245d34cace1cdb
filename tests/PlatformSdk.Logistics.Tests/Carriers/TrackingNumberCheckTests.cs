using PlatformSdk.Errors;
using PlatformSdk.Logistics.Carriers;

namespace PlatformSdk.Logistics.Tests.Carriers;

/// <summary>Tracking numbers checked before they are sent: refused only where it is certain, a warning where the format is only community knowledge.</summary>
public sealed class TrackingNumberCheckTests
{
    private static readonly CarrierRegistry Shipped = CarrierRegistry.Shipped;

    [Theory]
    [InlineData("SF", "SF1234567890123")]
    [InlineData("ZTO", "73123456789012")]
    [InlineData("YTO", "YT1234567890123")]
    [InlineData("YTO", "yt1234567890123")]
    [InlineData("STO", "773123456789012")]
    [InlineData("YUNDA", "312345678901234")]
    [InlineData("YUNDA", "5123456789012")]
    [InlineData("JT", "JT1234567890123")]
    [InlineData("EMS", "9812345678901")]
    [InlineData("JD", "JDVA12345678901")]
    [InlineData("DEPPON_EXPRESS", "DPK123456789012")]
    public void A_number_in_a_known_format_is_accepted_with_the_formats_source(string carrier, string number)
    {
        var check = Shipped.CheckTrackingNumber(carrier, number);
        Assert.Equal(TrackingNumberVerdict.Accepted, check.Verdict);
        Assert.Equal("courier-validation", check.Source);
    }

    [Theory]
    [InlineData("SF", "123456789012")]
    [InlineData("ZTO", "12345")]
    [InlineData("YUNDA", "YT1234567890123")]
    public void A_number_outside_the_community_formats_is_a_warning_and_may_still_be_sent(string carrier, string number)
    {
        var check = Shipped.CheckTrackingNumber(carrier, number);
        Assert.Equal(TrackingNumberVerdict.Warning, check.Verdict);
        Assert.True(check.MaySend);
        Assert.Contains("not certain enough to refuse", check.Reason, StringComparison.Ordinal);
        Assert.Equal(TrackingNumberVerdict.Warning, Shipped.EnsureTrackingNumber(carrier, number).Verdict);
    }

    [Fact]
    public void A_carrier_without_known_formats_gets_unknown_after_the_common_checks()
    {
        var check = Shipped.CheckTrackingNumber("ZJS", "A1234567890");
        Assert.Equal(TrackingNumberVerdict.Unknown, check.Verdict);
        Assert.True(check.MaySend);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("SF 1234567890123")]
    [InlineData("SF1234567890123\n")]
    [InlineData("SF1234567890123\u3000")]
    [InlineData("SF123\u0000")]
    [InlineData("SF123\u200B456")]
    [InlineData("SF12345678901234567890123456789012345678901")]
    public void Empty_overlong_and_control_or_space_holding_numbers_are_refused_for_every_carrier(string? number)
    {
        foreach (var carrier in new[] { "SF", "ZJS" })
        {
            var check = Shipped.CheckTrackingNumber(carrier, number);
            Assert.Equal(TrackingNumberVerdict.Refused, check.Verdict);
            Assert.Equal("sdk", check.Source);
            var error = Assert.Throws<PlatformValidationException>(() => Shipped.EnsureTrackingNumber(carrier, number));
            Assert.Equal("trackingNumber", error.Field);
            Assert.Null(error.RuleId);
        }
    }

    [Fact]
    [Rule("RLOG-15")]
    public void RLOG15_a_user_format_that_refuses_turns_a_mismatch_into_a_refusal_before_sending()
    {
        var registry = new CarrierRegistryBuilder()
            .AddTrackingNumberFormat("ZJS", new TrackingNumberFormat(@"\d{10}", "10 digits", "our ZJS contract") { Refuse = true })
            .Build();

        Assert.Equal(TrackingNumberVerdict.Accepted, registry.CheckTrackingNumber("ZJS", "1234567890").Verdict);
        var check = registry.CheckTrackingNumber("ZJS", "A123456789");
        Assert.Equal(TrackingNumberVerdict.Refused, check.Verdict);
        Assert.Equal("our ZJS contract", check.Source);
        var error = Assert.Throws<PlatformValidationException>(() => registry.EnsureTrackingNumber("ZJS", "A123456789"));
        Assert.Equal("RLOG-15", error.RuleId);
        Assert.Contains("10 digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_number_is_echoed_with_its_control_characters_escaped()
    {
        var error = Assert.Throws<PlatformValidationException>(() => Shipped.EnsureTrackingNumber("SF", "SF123\r\nINFO forged"));
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\n', error.Value!);
        Assert.Contains("\\u000A", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_carrier_is_a_validation_error()
    {
        Assert.Throws<PlatformValidationException>(() => Shipped.CheckTrackingNumber("NOPE", "123"));
    }

    [Fact]
    public void A_pattern_that_would_backtrack_exponentially_is_matched_without_backtracking()
    {
        // (a+)+b over 40 a's takes about 2^40 steps in a backtracking engine: the check returns at all only because the
        // registry compiles formats with RegexOptions.NonBacktracking.
        var registry = new CarrierRegistryBuilder().AddTrackingNumberFormat("ZJS", new TrackingNumberFormat("(a+)+b", "nested", "test")).Build();

        var check = registry.CheckTrackingNumber("ZJS", new string('a', CarrierRegistry.MaxTrackingNumberLength));
#if PLATFORMSDK_NETSTANDARD_ASSETS
        // netstandard2.0 has no non-backtracking engine: the time limit per match ends the check with a verdict that says so.
        Assert.Equal(TrackingNumberVerdict.Unknown, check.Verdict);
        Assert.Contains("took too long", check.Reason, StringComparison.Ordinal);
#else
        Assert.Equal(TrackingNumberVerdict.Warning, check.Verdict);
#endif
    }
}
