using PlatformSdk.Errors;
using PlatformSdk.TmallGlobalDirect.Protocol;
using PlatformSdk.Top.Errors;

namespace PlatformSdk.TmallGlobalDirect.Errors;

/// <summary>
/// Tmall Global direct-supply errors on top of TOP's catalogue (included for everything else TOP answers): the callbacks'
/// <c>ResultWrapper</c> failures and the known refusals. Categories are SDK decisions (the sources list no error codes); see
/// docs/tmall-global-direct.md "Errors". Contributed to the shared TOP host for the operations labelled <c>TmallGlobalDirect</c>.
/// </summary>
public static class TmallGlobalDirectErrorCatalogue
{
    /// <summary>The code of a <c>ResultWrapper</c> with <c>success=false</c> and no <c>error_code</c>.</summary>
    public const string ResultWrapperFailure = "result-wrapper-failed";

    private const string WrapperRemedy = "The platform processed the callback and answered success=false (ResultWrapper); error_message says why. "
        + "Nothing changed on the platform. Fix the request or the order's state, then send again with the same out_biz_id. Not retried automatically.";

    private const string StockRemedy = "The platform refused a stock total below what it has already reserved for orders (RTGD-09). Publish at least the "
        + "reserved quantity (give AicInventoryLine.ReservedQuantity so the SDK checks it before sending), or ship the reserved orders first.";

    private const string WholeOrderRemedy = "The platform accepts whole fulfilment orders only: ship every line with its full quantity in one call "
        + "(report the missing units with ReportOutOfStockAsync instead).";

    /// <summary>The catalogue (platform <c>TmallGlobalDirect</c>).</summary>
    public static ErrorCatalogue Instance { get; } = ErrorCatalogue.CreateBuilder(TmallGlobalDirectServiceNames.Platform)
        .Message(TmallGlobalDirectWireChoices.InsufficientSellableStockMessage, ErrorCategory.BusinessRule, StockRemedy, "RTGD-09")
        .Message("不支持分批", ErrorCategory.BusinessRule, WholeOrderRemedy)
        .Message("整单发货", ErrorCategory.BusinessRule, WholeOrderRemedy)
        .Code(ResultWrapperFailure, ErrorCategory.BusinessRule, WrapperRemedy)
        .Include(TopErrorCatalogue.Instance)
        .Build();
}
