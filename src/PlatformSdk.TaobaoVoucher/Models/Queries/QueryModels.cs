namespace PlatformSdk.TaobaoVoucher.Models.Queries;

/// <summary>One code of an order (<c>taobao.vmarket.eticket.codes.get</c>).</summary>
public sealed class VoucherCodeInfo
{
    /// <summary><c>order_id</c>.</summary>
    public long? OrderId { get; init; }

    /// <summary><c>code</c>.</summary>
    public required string Code { get; init; }

    /// <summary><c>num</c>: units still usable.</summary>
    public int? Num { get; init; }

    /// <summary><c>status</c> as sent (values are not documented).</summary>
    public int? Status { get; init; }

    /// <summary><c>qrcode_url</c>.</summary>
    public string? QrCodeUrl { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Model.VoucherCode.Mask(Code)} num={Num} status={Status}";
}

/// <summary>The codes of an order.</summary>
/// <param name="Codes"><c>eticket_codes</c>.</param>
/// <param name="TotalResults"><c>total_results</c>.</param>
/// <param name="RequestId">TOP's <c>request_id</c>.</param>
public sealed record VoucherCodeList(IReadOnlyList<VoucherCodeInfo> Codes, long? TotalResults, string? RequestId);

/// <summary>The <c>type</c> of <c>taobao.vmarket.eticket.tasks.get</c>.</summary>
public enum VoucherTaskType
{
    /// <summary>1: orders whose send notice failed to reach the merchant.</summary>
    NotifyFailed = 1,

    /// <summary>2: orders notified whose callback (send/resend/failsend) failed.</summary>
    CallbackFailed = 2,
}

/// <summary>One page of <c>taobao.vmarket.eticket.tasks.get</c>.</summary>
public sealed class LegacyTasksRequest : VoucherRequest
{
    /// <summary><c>type</c>.</summary>
    public required VoucherTaskType Type { get; init; }

    /// <summary><c>seller_id</c> (optional).</summary>
    public long? SellerId { get; init; }

    /// <summary><c>page_no</c>, from 1.</summary>
    public int PageNo { get; init; } = 1;

    /// <summary><c>page_size</c>, 1–100 (default 40).</summary>
    public int PageSize { get; init; } = Protocol.TaobaoVoucherWireChoices.TasksDefaultPageSize;
}

/// <summary>A page of pending tasks.</summary>
/// <param name="Type">The task type asked for.</param>
/// <param name="OrderIds">The orders (<c>eticket_tasks[].order_id</c>).</param>
/// <param name="TotalResults"><c>total_results</c>.</param>
/// <param name="PageNo">The page.</param>
/// <param name="PageSize">The page size.</param>
/// <param name="RequestId">TOP's <c>request_id</c>.</param>
public sealed record VoucherTaskPage(VoucherTaskType Type, IReadOnlyList<long> OrderIds, long? TotalResults, int PageNo, int PageSize, string? RequestId)
{
    /// <summary>Whether another page may follow (by <c>total_results</c>, or a full page when TOP omits it).</summary>
    public bool HasMore => TotalResults is { } total ? (long)PageNo * PageSize < total : OrderIds.Count == PageSize;
}

/// <summary>Extend validity by days: <c>taobao.vmarket.eticket.time.expand</c> (RTV-11: only forward).</summary>
public sealed class LegacyTimeExpandRequest : VoucherRequest
{
    /// <summary><c>order_id</c>.</summary>
    public required long OrderId { get; init; }

    /// <summary><c>expand_days</c>, ≥ 1. Relative: each call extends again (not idempotent).</summary>
    public required int ExpandDays { get; init; }
}

/// <summary>Move the end of validity: <c>taobao.eticket.merchant.ma.delay</c> (RTV-11: only forward).</summary>
public sealed class MerchantDelayRequest : VoucherRequest
{
    /// <summary><c>outer_id</c>.</summary>
    public required string OuterId { get; init; }

    /// <summary><c>end_date</c>: the new end of validity.</summary>
    public required DateTimeOffset EndDate { get; init; }

    /// <summary>The current end of validity, as the ERP knows it; the SDK refuses an <see cref="EndDate"/> not after it (RTV-11).</summary>
    public required DateTimeOffset CurrentEndDate { get; init; }

    /// <summary><c>code</c> (optional: one code instead of the whole order).</summary>
    public string? Code { get; init; }

    /// <summary><c>request_id</c>: generated once per request instance, so a retry carries the same one.</summary>
    public string RequestId { get; init; } = VoucherSerialNumber.New();

    /// <summary><c>attribute_map</c> (optional, sent as JSON text).</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary><c>biz_type</c> (required by TOP for this API); <see langword="null"/> uses <see cref="TaobaoVoucherOptions.BizType"/>.</summary>
    public int? BizType { get; init; }
}
