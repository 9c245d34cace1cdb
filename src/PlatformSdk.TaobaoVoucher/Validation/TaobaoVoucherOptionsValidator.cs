using Microsoft.Extensions.Options;
using PlatformSdk.Top;

namespace PlatformSdk.TaobaoVoucher.Validation;

/// <summary>Validates <see cref="TaobaoVoucherOptions"/> at startup against the TOP options.</summary>
internal sealed class TaobaoVoucherOptionsValidator : IValidateOptions<TaobaoVoucherOptions>
{
    private readonly IOptionsMonitor<TopOptions> _top;

    /// <summary>Creates the validator.</summary>
    /// <param name="top">The TOP options (sellers).</param>
    public TaobaoVoucherOptionsValidator(IOptionsMonitor<TopOptions> top) => _top = top;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TaobaoVoucherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Seller))
        {
            failures.Add("TaobaoVoucher: Seller is required (the key of the seller under Top:Sellers whose session signs e-voucher calls).");
        }
        else if (!options.SessionsStoredAtRuntime && !_top.CurrentValue.Sellers.ContainsKey(options.Seller))
        {
            failures.Add($"TaobaoVoucher: Seller '{options.Seller}' has no session under Top:Sellers; add Top:Sellers:{options.Seller}:Session, "
                + "or set SessionsStoredAtRuntime=true if the application stores sessions with TopSessionProvider.");
        }

        if (options.CodeMerchantId is <= 0)
        {
            failures.Add($"TaobaoVoucher: CodeMerchantId must be a positive id (got {options.CodeMerchantId}); leave it empty if the seller issues its own codes (RTV-06).");
        }

        if (!Enum.IsDefined(options.Family))
        {
            failures.Add($"TaobaoVoucher: Family '{options.Family}' is not Legacy or Merchant.");
        }

        if (options.PollingPageSize is < 1 or > Protocol.TaobaoVoucherWireChoices.TasksMaxPageSize)
        {
            failures.Add($"TaobaoVoucher: PollingPageSize must be 1–100 (got {options.PollingPageSize}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
