namespace PlatformSdk.Testing.Top;

/// <summary>The TOP methods <see cref="FakeTaobaoLogisticsModule"/> serves.</summary>
public static class FakeTaobaoLogisticsMethods
{
    /// <summary><c>taobao.logistics.offline.send</c>.</summary>
    public const string OfflineSend = "taobao.logistics.offline.send";

    /// <summary><c>taobao.logistics.online.send</c>.</summary>
    public const string OnlineSend = "taobao.logistics.online.send";

    /// <summary><c>taobao.logistics.companies.get</c>.</summary>
    public const string CompaniesGet = "taobao.logistics.companies.get";

    /// <summary><c>taobao.trade.get</c> (the trade and its sub-orders' status).</summary>
    public const string TradeGet = "taobao.trade.get";

    /// <summary>Every method.</summary>
    public static IReadOnlyList<string> All { get; } = [OfflineSend, OnlineSend, CompaniesGet, TradeGet];
}

/// <summary>One carrier of the fake's <c>companies.get</c> list.</summary>
/// <param name="Id">TOP's numeric id.</param>
/// <param name="Code">The <c>company_code</c> sends use.</param>
/// <param name="Name">The carrier's name.</param>
/// <param name="RegMailNo">The tracking-number pattern (<c>reg_mail_no</c>), or <see langword="null"/>.</param>
public sealed record FakeTaobaoCarrier(long Id, string Code, string Name, string? RegMailNo = null);

/// <summary>One send the fake APPLIED (refused sends are not journalled): for exactly-once assertions.</summary>
/// <param name="Method">The API that shipped.</param>
/// <param name="Tid">The order.</param>
/// <param name="SubOrderIds">The sub-orders it shipped.</param>
/// <param name="TrackingNumbers">The numbers of <c>out_sid</c> (empty for an online send without one).</param>
/// <param name="CompanyCode">The carrier code.</param>
/// <param name="Seller">The seller nick whose session sent it.</param>
public sealed record FakeTaobaoSend(string Method, string Tid, IReadOnlyList<string> SubOrderIds, IReadOnlyList<string> TrackingNumbers, string CompanyCode, string Seller);
